"""A program in the style of the "LSTM on MNIST" tutorials: each image a sequence of
28 rows, ``from tensorflow.contrib import rnn``, a BasicLSTMCell unrolled by
rnn.static_rnn inside a variable_scope, trained with feed dicts; the checkpoint is
restored into a second graph. With a third argument, ``restore``, it only restores
the checkpoint given (one TF 1.15 wrote, say) and evaluates it. TF 1 code, run
unmodified by ``python -m tf1``."""
import sys

import tensorflow as tf
from tensorflow.contrib import rnn
from tensorflow.examples.tutorials.mnist import input_data

timesteps, num_input, num_hidden, num_classes = 28, 28, 32, 10


def RNN(x, weights, biases):
    x = tf.unstack(x, timesteps, 1)
    lstm_cell = rnn.BasicLSTMCell(num_hidden, forget_bias=1.0)
    outputs, states = rnn.static_rnn(lstm_cell, x, dtype=tf.float32)
    return tf.matmul(outputs[-1], weights["out"]) + biases["out"]


def graph():
    X = tf.placeholder("float", [None, timesteps, num_input])
    Y = tf.placeholder("float", [None, num_classes])
    with tf.variable_scope("model"):
        weights = {"out": tf.Variable(tf.random_normal([num_hidden, num_classes]))}
        biases = {"out": tf.Variable(tf.random_normal([num_classes]))}
        logits = RNN(X, weights, biases)
    return X, Y, logits


def train(mnist, path):
    X, Y, logits = graph()
    loss_op = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits_v2(
        logits=logits, labels=Y))
    train_op = tf.train.AdamOptimizer(learning_rate=0.01).minimize(loss_op)
    saver = tf.train.Saver()
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for step in range(1, 151):
            batch_x, batch_y = mnist.train.next_batch(64)
            batch_x = batch_x.reshape((64, timesteps, num_input))
            sess.run(train_op, feed_dict={X: batch_x, Y: batch_y})
        saver.save(sess, path)
    print("variables", " ".join(sorted(v.op.name for v in tf.trainable_variables())))


def restore(mnist, path):
    test_x = mnist.test.images.reshape((-1, timesteps, num_input))
    X, Y, logits = graph()
    accuracy = tf.reduce_mean(tf.cast(tf.equal(tf.argmax(logits, 1), tf.argmax(Y, 1)),
                                      tf.float32))
    with tf.Session() as sess:
        tf.train.Saver().restore(sess, path)
        print("restored test accuracy %g" % sess.run(
            accuracy, feed_dict={X: test_x, Y: mnist.test.labels}))


if __name__ == "__main__":
    mnist = input_data.read_data_sets(sys.argv[1], one_hot=True)
    if sys.argv[3:] != ["restore"]:
        train(mnist, sys.argv[2])
        tf.reset_default_graph()
    restore(mnist, sys.argv[2])
