"""Seeded conv net of raw tf.nn ops, "Deep MNIST for Experts" style (smaller):
truncated-normal weights, tf.nn.dropout with a keep_prob placeholder, Adam.
Usage: seeded_deep.py DATA_DIR [STEPS [EVERY]] (40 steps, a loss every 10)."""
import sys

import tensorflow as tf
from tensorflow.examples.tutorials.mnist import input_data

tf.set_random_seed(2)
mnist = input_data.read_data_sets(sys.argv[1], one_hot=True)


def weight_variable(shape):
    return tf.Variable(tf.truncated_normal(shape, stddev=0.1))


def bias_variable(shape):
    return tf.Variable(tf.constant(0.1, shape=shape))


x = tf.placeholder(tf.float32, [None, 784])
y_ = tf.placeholder(tf.float32, [None, 10])
keep_prob = tf.placeholder(tf.float32)
x_image = tf.reshape(x, [-1, 28, 28, 1])
W_conv1 = weight_variable([5, 5, 1, 8])
h_conv1 = tf.nn.relu(tf.nn.conv2d(x_image, W_conv1, [1, 1, 1, 1], "SAME") + bias_variable([8]))
h_pool1 = tf.nn.max_pool(h_conv1, [1, 2, 2, 1], [1, 2, 2, 1], "SAME")
W_fc1 = weight_variable([14 * 14 * 8, 64])
h_fc1 = tf.nn.relu(tf.matmul(tf.reshape(h_pool1, [-1, 14 * 14 * 8]), W_fc1) + bias_variable([64]))
h_fc1_drop = tf.nn.dropout(h_fc1, keep_prob)
y_conv = tf.matmul(h_fc1_drop, weight_variable([64, 10])) + bias_variable([10])
cross_entropy = tf.reduce_mean(
    tf.nn.softmax_cross_entropy_with_logits_v2(labels=y_, logits=y_conv))
train_step = tf.train.AdamOptimizer(1e-3).minimize(cross_entropy)
accuracy = tf.reduce_mean(tf.cast(tf.equal(tf.argmax(y_conv, 1), tf.argmax(y_, 1)), tf.float32))
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    print("W_conv1 sum %.6g" % sess.run(tf.reduce_sum(W_conv1)))
    steps = int(sys.argv[2]) if len(sys.argv) > 2 else 40
    every = int(sys.argv[3]) if len(sys.argv) > 3 else 10
    for i in range(steps):
        batch = mnist.train.next_batch(50)
        _, loss = sess.run([train_step, cross_entropy],
                           {x: batch[0], y_: batch[1], keep_prob: 0.5})
        if i % every == 0:
            print("step %d loss %.6g" % (i, loss))
    print("accuracy %.6g" % sess.run(accuracy, {x: mnist.test.images, y_: mnist.test.labels,
                                               keep_prob: 1.0}))
