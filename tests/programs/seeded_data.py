"""Seeded tf.data input: from_tensor_slices, shuffle (its seed from the graph's),
repeat, batch, a one-shot iterator; a dense model of get_variable with
xavier and variance-scaling initializers. Usage: seeded_data.py DATA_DIR."""
import sys

import tensorflow as tf
from tensorflow.examples.tutorials.mnist import input_data

tf.set_random_seed(6)
mnist = input_data.read_data_sets(sys.argv[1], one_hot=True)
dataset = tf.data.Dataset.from_tensor_slices((mnist.train.images, mnist.train.labels))
dataset = dataset.shuffle(1000).repeat().batch(50)
images, labels = dataset.make_one_shot_iterator().get_next()
w1 = tf.get_variable("w1", [784, 64], initializer=tf.contrib.layers.xavier_initializer())
b1 = tf.get_variable("b1", [64], initializer=tf.zeros_initializer())
w2 = tf.get_variable("w2", [64, 10],
                     initializer=tf.contrib.layers.variance_scaling_initializer())
w3 = tf.get_variable("w3", [10, 10])
hidden = tf.nn.relu(tf.matmul(images, w1) + b1)
logits = tf.matmul(tf.matmul(hidden, w2), w3 + tf.random_normal([10, 10], stddev=0.01))
loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits_v2(labels=labels, logits=logits))
train_op = tf.train.AdamOptimizer(1e-3).minimize(loss)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    print("sums %.6g %.6g %.6g" % tuple(sess.run([tf.reduce_sum(w1), tf.reduce_sum(w2),
                                                   tf.reduce_sum(w3)])))
    for i in range(30):
        _, value, first = sess.run([train_op, loss, labels])
        if i < 2:
            print("labels", list(first[:8].argmax(1)))
        if i % 10 == 0:
            print("step %d loss %.6g" % (i, value))
