"""A program in the style of TF 1's tf.estimator guides: a custom model_fn of one
dense layer, trained on NumPy arrays into the model_dir given on the command
line, which it continues from. TF 1 code, run unmodified by ``python -m tf1``."""
import sys

import numpy as np
import tensorflow as tf


def model_fn(features, labels, mode):
    logits = tf.layers.dense(features["x"], 3)
    loss = tf.losses.sparse_softmax_cross_entropy(labels=labels, logits=logits)
    train_op = tf.train.GradientDescentOptimizer(0.5).minimize(
        loss, global_step=tf.train.get_global_step())
    return tf.estimator.EstimatorSpec(mode=mode, loss=loss, train_op=train_op)


def main(model_dir, steps):
    x = np.random.rand(40, 4).astype(np.float32)
    y = x[:, :3].argmax(axis=1).astype(np.int32)
    estimator = tf.estimator.Estimator(model_fn, model_dir=model_dir)
    estimator.train(tf.estimator.inputs.numpy_input_fn(
        {"x": x}, y, batch_size=10, num_epochs=None, shuffle=True), steps=steps)
    print("global_step %d" % estimator.get_variable_value("global_step"))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
