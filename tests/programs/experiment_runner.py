"""A program in the style of TF 1.3-1.15 Estimator code: hyperparameters in an
HParams overridden from a flag, an experiment_fn building an Experiment, and
learn_runner running it. Usage: experiment_runner.py DATA_DIR MODEL_DIR
[HPARAMS [SCHEDULE]]."""
import sys

import numpy as np
import tensorflow as tf
from tensorflow.contrib.learn.python.learn import learn_runner
from tensorflow.contrib.training.python.training.hparam import HParams
from tensorflow.examples.tutorials.mnist import input_data

tf.logging.set_verbosity(tf.logging.ERROR)


def model_fn(features, labels, mode, params):
    net = tf.layers.dense(features["x"], params.hidden_units, activation=tf.nn.relu)
    logits = tf.layers.dense(net, 10)
    predictions = {"classes": tf.argmax(logits, axis=1)}
    if mode == tf.estimator.ModeKeys.PREDICT:
        return tf.estimator.EstimatorSpec(mode, predictions=predictions)
    loss = tf.losses.sparse_softmax_cross_entropy(labels=labels, logits=logits)
    train_op = tf.train.AdamOptimizer(params.learning_rate).minimize(
        loss, global_step=tf.train.get_global_step())
    metrics = {"accuracy": tf.metrics.accuracy(labels, predictions["classes"])}
    return tf.estimator.EstimatorSpec(mode, loss=loss, train_op=train_op,
                                      eval_metric_ops=metrics)


def experiment_fn(run_config, hparams):
    mnist = input_data.read_data_sets(sys.argv[1])
    estimator = tf.estimator.Estimator(model_fn, config=run_config, params=hparams)
    train_input_fn = tf.estimator.inputs.numpy_input_fn(
        {"x": mnist.train.images}, mnist.train.labels.astype(np.int32),
        batch_size=hparams.batch_size, num_epochs=None, shuffle=True)
    eval_input_fn = tf.estimator.inputs.numpy_input_fn(
        {"x": mnist.test.images}, mnist.test.labels.astype(np.int32), shuffle=False)
    return tf.contrib.learn.Experiment(
        estimator, train_input_fn=train_input_fn, eval_input_fn=eval_input_fn,
        train_steps=hparams.train_steps, eval_steps=None, eval_delay_secs=0,
        continuous_eval_throttle_secs=1)


def main():
    hparams = HParams(learning_rate=0.01, hidden_units=32, batch_size=50,
                      train_steps=100, layers=[32, 16])
    hparams.parse(sys.argv[3] if len(sys.argv) > 3 else "")
    print("hparams", hparams.to_json(sort_keys=True))
    config = tf.contrib.learn.RunConfig(model_dir=sys.argv[2], tf_random_seed=1)
    schedule = sys.argv[4] if len(sys.argv) > 4 else None
    result = learn_runner.run(experiment_fn, run_config=config, hparams=hparams,
                              schedule=schedule)
    if isinstance(result, tuple):  # train_and_evaluate: (eval result, exports)
        result = result[0]
    if isinstance(result, dict):  # evaluate, continuous_eval (train: the estimator)
        print("%s: accuracy %.4f, global step %d" % (
            schedule or "train_and_evaluate", result["accuracy"], result["global_step"]))


if __name__ == "__main__":
    main()
