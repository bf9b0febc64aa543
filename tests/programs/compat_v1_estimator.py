"""r1.13-r1.15 spelling: every TF 1 name through tf.compat.v1; an Estimator."""
import sys

import numpy as np
import tensorflow as tf
from tensorflow.contrib.learn.python.learn.datasets.mnist import read_data_sets

tf.compat.v1.logging.set_verbosity(tf.compat.v1.logging.INFO)


def model_fn(features, labels, mode):
    logits = tf.compat.v1.layers.dense(features["x"], 10)
    loss = tf.compat.v1.losses.sparse_softmax_cross_entropy(labels=labels, logits=logits)
    train_op = tf.compat.v1.train.GradientDescentOptimizer(0.5).minimize(
        loss, global_step=tf.compat.v1.train.get_global_step())
    accuracy = tf.compat.v1.metrics.accuracy(labels, tf.argmax(logits, axis=1))
    return tf.compat.v1.estimator.EstimatorSpec(
        mode=mode, loss=loss, train_op=train_op, eval_metric_ops={"accuracy": accuracy})


def main(argv):
    data_dir, model_dir, steps = argv[1], argv[2], int(argv[3])
    mnist = read_data_sets(data_dir)
    classifier = tf.compat.v1.estimator.Estimator(model_fn=model_fn, model_dir=model_dir)
    classifier.train(input_fn=tf.compat.v1.estimator.inputs.numpy_input_fn(
        x={"x": mnist.train.images}, y=mnist.train.labels.astype(np.int32),
        batch_size=50, num_epochs=None, shuffle=True), steps=steps)
    print(classifier.evaluate(input_fn=tf.compat.v1.estimator.inputs.numpy_input_fn(
        x={"x": mnist.test.images}, y=mnist.test.labels.astype(np.int32),
        num_epochs=1, shuffle=False)))


if __name__ == "__main__":
    tf.compat.v1.app.run(main=main, argv=sys.argv)
