"""Seeded RNNs over image rows: a MultiRNNCell of a GRUCell in a DropoutWrapper and
an LSTMCell with static_rnn, a BasicLSTMCell with dynamic_rnn, BasicRNNCells with
bidirectional_dynamic_rnn; their outputs joined for the logits. (A DropoutWrapper
inside dynamic_rnn drew its masks in whatever order TF 1.15's parallel loop
iterations ran: TF 1.15 did not repeat it; tf1 does.)
Usage: seeded_rnn.py DATA_DIR [STEPS [EVERY]] (30 steps, a loss every 10)."""
import sys

import tensorflow as tf
from tensorflow.examples.tutorials.mnist import input_data

tf.set_random_seed(5)
mnist = input_data.read_data_sets(sys.argv[1], one_hot=True)
x = tf.placeholder(tf.float32, [None, 784])
y_ = tf.placeholder(tf.float32, [None, 10])
rows = tf.reshape(x, [-1, 28, 28])
with tf.variable_scope("static"):
    cells = tf.contrib.rnn.MultiRNNCell([
        tf.contrib.rnn.DropoutWrapper(tf.contrib.rnn.GRUCell(16), output_keep_prob=0.8),
        tf.contrib.rnn.LSTMCell(16)])
    outputs, _ = tf.contrib.rnn.static_rnn(cells, tf.unstack(rows, 28, 1), dtype=tf.float32)
with tf.variable_scope("dynamic"):
    dynamic, _ = tf.nn.dynamic_rnn(tf.contrib.rnn.BasicLSTMCell(16), rows, dtype=tf.float32)
with tf.variable_scope("bi"):
    (fw, bw), _ = tf.nn.bidirectional_dynamic_rnn(
        tf.contrib.rnn.BasicRNNCell(8), tf.contrib.rnn.BasicRNNCell(8), rows, dtype=tf.float32)
features = tf.concat([outputs[-1], dynamic[:, -1], fw[:, -1], bw[:, 0]], 1)
logits = tf.layers.dense(features, 10)
loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits_v2(labels=y_, logits=logits))
train_op = tf.train.AdamOptimizer(1e-2).minimize(loss)
accuracy = tf.reduce_mean(tf.cast(tf.equal(tf.argmax(logits, 1), tf.argmax(y_, 1)), tf.float32))
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    print("kernel sums", " ".join("%.6g" % sess.run(tf.reduce_sum(v))
                                  for v in tf.trainable_variables() if "kernel" in v.name))
    steps = int(sys.argv[2]) if len(sys.argv) > 2 else 30
    every = int(sys.argv[3]) if len(sys.argv) > 3 else 10
    for i in range(steps):
        bx, by = mnist.train.next_batch(50)
        _, value = sess.run([train_op, loss], {x: bx, y_: by})
        if i % every == 0:
            print("step %d loss %.6g" % (i, value))
    print("accuracy %.6g" % sess.run(accuracy, {x: mnist.test.images[:500],
                                               y_: mnist.test.labels[:500]}))
