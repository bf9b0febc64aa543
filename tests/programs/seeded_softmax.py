"""Seeded softmax regression, "MNIST for ML Beginners" style: np.random.seed and
tf.set_random_seed before the reader; prints the first labels, losses and the
accuracy. Usage: seeded_softmax.py DATA_DIR [STEPS [EVERY]] (60 steps, a loss every 10)."""
import sys

import numpy as np
import tensorflow as tf
from tensorflow.examples.tutorials.mnist import input_data

np.random.seed(0)
tf.set_random_seed(1)
mnist = input_data.read_data_sets(sys.argv[1], one_hot=True)
x = tf.placeholder(tf.float32, [None, 784])
W = tf.Variable(tf.zeros([784, 10]))
b = tf.Variable(tf.zeros([10]))
y = tf.matmul(x, W) + b
y_ = tf.placeholder(tf.float32, [None, 10])
cross_entropy = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits_v2(labels=y_, logits=y))
train_step = tf.train.GradientDescentOptimizer(0.5).minimize(cross_entropy)
correct = tf.equal(tf.argmax(y, 1), tf.argmax(y_, 1))
accuracy = tf.reduce_mean(tf.cast(correct, tf.float32))
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    steps = int(sys.argv[2]) if len(sys.argv) > 2 else 60
    every = int(sys.argv[3]) if len(sys.argv) > 3 else 10
    for i in range(steps):
        batch_xs, batch_ys = mnist.train.next_batch(100)
        if i < 2:
            print("labels", list(batch_ys[:8].argmax(1)))
        _, loss = sess.run([train_step, cross_entropy], {x: batch_xs, y_: batch_ys})
        if i % every == 0:
            print("step %d loss %.6g" % (i, loss))
    print("accuracy %.6g" % sess.run(accuracy, {x: mnist.test.images, y_: mnist.test.labels}))
