"""A program in the style of the logistic-regression tutorials that count the classes
from the labels: ``n_classes = max(labels) + 1`` on the reader's uint8 labels, then
``tf.random_normal([n_classes])`` for the biases (NumPy 2 keeps that sum uint8, a
shape TensorFlow refuses; NumPy 1 made it int64). TF 1 code, run unmodified by
``python -m tf1``."""
import sys

import numpy as np
import tensorflow as tf
from tensorflow.examples.tutorials.mnist import input_data

mnist = input_data.read_data_sets(sys.argv[1])
n_classes = max(mnist.train.labels) + 1
x = tf.placeholder(tf.float32, [None, 784])
y = tf.placeholder(tf.int64, [None])
W = tf.Variable(tf.zeros([784, n_classes]))
b = tf.Variable(tf.random_normal([n_classes], stddev=0.01))
logits = tf.matmul(x, W) + b
loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y, logits=logits))
train_step = tf.train.GradientDescentOptimizer(0.5).minimize(loss)
accuracy = tf.reduce_mean(tf.cast(tf.equal(tf.argmax(logits, 1), y), tf.float32))
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for _ in range(100):
        batch_xs, batch_ys = mnist.train.next_batch(100)
        sess.run(train_step, feed_dict={x: batch_xs, y: batch_ys})
    print("classes %d, numpy %s" % (n_classes, np.__version__.split(".")[0]))
    print("accuracy %g" % sess.run(accuracy, feed_dict={x: mnist.test.images,
                                                        y: mnist.test.labels}))
