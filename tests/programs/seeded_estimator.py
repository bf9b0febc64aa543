"""Seeded Estimator, "A Guide to TF Layers" style: a cnn_model_fn of tf.layers
(conv2d, max_pooling2d, dense, dropout), RunConfig(tf_random_seed=...),
numpy_input_fn in order (TF 1's shuffled one fed its queue from threads, so it did
not repeat). Prints the sums of the initial variables (model.ckpt-0), the loss
of the first steps and the evaluation. Usage: seeded_estimator.py DATA_DIR MODEL_DIR."""
import sys

import numpy as np
import tensorflow as tf
from tensorflow.examples.tutorials.mnist import input_data


def cnn_model_fn(features, labels, mode):
    input_layer = tf.reshape(features["x"], [-1, 28, 28, 1])
    conv1 = tf.layers.conv2d(input_layer, 8, [5, 5], padding="same", activation=tf.nn.relu)
    pool1 = tf.layers.max_pooling2d(conv1, [2, 2], 2)
    dense = tf.layers.dense(tf.reshape(pool1, [-1, 14 * 14 * 8]), 64, activation=tf.nn.relu)
    dropout = tf.layers.dropout(dense, rate=0.4, training=mode == tf.estimator.ModeKeys.TRAIN)
    logits = tf.layers.dense(dropout, 10)
    predictions = {"classes": tf.argmax(logits, axis=1)}
    if mode == tf.estimator.ModeKeys.PREDICT:
        return tf.estimator.EstimatorSpec(mode=mode, predictions=predictions)
    loss = tf.losses.sparse_softmax_cross_entropy(labels=labels, logits=logits)
    if mode == tf.estimator.ModeKeys.TRAIN:
        train_op = tf.train.GradientDescentOptimizer(0.05).minimize(
            loss, global_step=tf.train.get_global_step())
        return tf.estimator.EstimatorSpec(mode=mode, loss=loss, train_op=train_op)
    metrics = {"accuracy": tf.metrics.accuracy(labels, predictions["classes"])}
    return tf.estimator.EstimatorSpec(mode=mode, loss=loss, eval_metric_ops=metrics)


class PrintLoss(tf.train.SessionRunHook):
    def before_run(self, run_context):
        return tf.train.SessionRunArgs(tf.get_collection(tf.GraphKeys.LOSSES)[0])

    def after_run(self, run_context, run_values):
        print("loss %.6g" % run_values.results)


def main():
    mnist = input_data.read_data_sets(sys.argv[1])
    train_data = mnist.train.images[:2000]
    train_labels = np.asarray(mnist.train.labels[:2000], dtype=np.int32)
    classifier = tf.estimator.Estimator(
        model_fn=cnn_model_fn, model_dir=sys.argv[2],
        config=tf.estimator.RunConfig(tf_random_seed=7))
    train_input_fn = tf.estimator.inputs.numpy_input_fn(
        x={"x": train_data}, y=train_labels, batch_size=50, num_epochs=None, shuffle=False)
    classifier.train(input_fn=train_input_fn, steps=3, hooks=[PrintLoss()])
    first = sys.argv[2] + "/model.ckpt-0"
    for name, _ in tf.train.list_variables(first):
        if name.endswith("kernel"):
            print("%s %.6g" % (name, tf.train.load_variable(first, name).sum()))
    eval_input_fn = tf.estimator.inputs.numpy_input_fn(
        x={"x": mnist.test.images}, y=np.asarray(mnist.test.labels, dtype=np.int32),
        num_epochs=1, shuffle=False)
    print(classifier.evaluate(input_fn=eval_input_fn))


if __name__ == "__main__":
    tf.logging.set_verbosity(tf.logging.ERROR)
    main()
