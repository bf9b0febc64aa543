"""A program in the style of TF 1's queue-based input: numpy_input_fn's tensors
trained on in a plain Session, started by tf.train.start_queue_runners alone (no
local variable initializer), with a Coordinator and a Saver. TF 1 code, run
unmodified by ``python -m tf1``."""
import sys

import numpy as np
import tensorflow as tf
from tensorflow.examples.tutorials.mnist import input_data


def main(data_dir, model_path):
    mnist = input_data.read_data_sets(data_dir)
    input_fn = tf.estimator.inputs.numpy_input_fn(
        x={"x": mnist.train.images}, y=mnist.train.labels.astype(np.int64),
        batch_size=100, num_epochs=None, shuffle=True)
    features, labels = input_fn()

    W = tf.Variable(tf.zeros([784, 10]))
    b = tf.Variable(tf.zeros([10]))
    logits = tf.matmul(features["x"], W) + b
    loss = tf.losses.sparse_softmax_cross_entropy(labels=labels, logits=logits)
    train_step = tf.train.GradientDescentOptimizer(0.5).minimize(loss)

    images = tf.placeholder(tf.float32, [None, 784])
    test_labels = tf.placeholder(tf.int64, [None])
    correct = tf.equal(tf.argmax(tf.matmul(images, W) + b, 1), test_labels)
    accuracy = tf.reduce_mean(tf.cast(correct, tf.float32))
    saver = tf.train.Saver([W, b])

    sess = tf.Session()
    sess.run(tf.global_variables_initializer())
    coord = tf.train.Coordinator()
    threads = tf.train.start_queue_runners(sess=sess, coord=coord)
    try:
        for step in range(200):
            if coord.should_stop():
                break
            _, loss_value = sess.run([train_step, loss])
            if step % 100 == 0:
                print("step %d, loss %.4f" % (step, loss_value))
    finally:
        coord.request_stop()
        coord.join(threads)
    saver.save(sess, model_path)
    print("test accuracy %g" % sess.run(accuracy, feed_dict={
        images: mnist.test.images, test_labels: mnist.test.labels}))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
