"""A program of the TF 1.2-1.3 era: the input pipeline from tf.contrib.data (before
tf.data existed), map(num_threads=, output_buffer_size=), an LSTM over image rows
from TF 1.0-1.1's tf.contrib.rnn.core_rnn_cell, evaluated through a reinitializable
tf.contrib.data.Iterator. TF 1.15 itself no longer runs it. Usage: tf13_style.py
DATA_DIR [STEPS]."""
import sys

import numpy as np
import tensorflow as tf
from tensorflow.contrib.rnn import core_rnn_cell
from tensorflow.examples.tutorials.mnist import input_data

mnist = input_data.read_data_sets(sys.argv[1], one_hot=True)
steps = int(sys.argv[2]) if len(sys.argv) > 2 else 300


def to_rows(image, label):
    return tf.reshape(image, [28, 28]), label


train = tf.contrib.data.Dataset.from_tensor_slices((mnist.train.images, mnist.train.labels))
train = train.map(to_rows, num_threads=2, output_buffer_size=1000)
train = train.shuffle(buffer_size=1000).batch(64).repeat()
test = tf.contrib.data.Dataset.from_tensor_slices((mnist.test.images, mnist.test.labels))
test = test.map(to_rows, num_threads=2).batch(1000)

iterator = tf.contrib.data.Iterator.from_structure(train.output_types, train.output_shapes)
images, labels = iterator.get_next()
train_init = iterator.make_initializer(train)
test_init = iterator.make_initializer(test)

cell = core_rnn_cell.BasicLSTMCell(64)
outputs, _ = tf.contrib.rnn.static_rnn(cell, tf.unstack(images, 28, 1), dtype=tf.float32)
weights = tf.Variable(tf.truncated_normal([64, 10], stddev=0.1))
biases = tf.Variable(tf.constant(0.1, shape=[10]))
logits = tf.matmul(outputs[-1], weights) + biases
loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(labels=labels, logits=logits))
train_step = tf.train.AdamOptimizer(0.01).minimize(loss)
correct = tf.reduce_sum(tf.cast(tf.equal(tf.argmax(logits, 1), tf.argmax(labels, 1)),
                                tf.float32))

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    sess.run(train_init)
    for i in range(steps):
        _, value = sess.run([train_step, loss])
        if i % 100 == 0:
            print("step %d, loss %.4f" % (i, value))
    sess.run(test_init)
    right = 0.0
    while True:
        try:
            right += sess.run(correct)
        except tf.errors.OutOfRangeError:
            break
    print("test accuracy %.4f" % (right / mnist.test.num_examples))
