"""Seeded tf.layers model: conv2d, max_pooling2d, batch_normalization, dense and
dropout under a training placeholder, SGD. Usage: seeded_layers.py DATA_DIR [STEPS [EVERY]] (40 steps, a loss every 10)."""
import sys

import tensorflow as tf
from tensorflow.examples.tutorials.mnist import input_data

tf.set_random_seed(3)
mnist = input_data.read_data_sets(sys.argv[1])
x = tf.placeholder(tf.float32, [None, 784])
labels = tf.placeholder(tf.int64, [None])
training = tf.placeholder_with_default(False, [])
net = tf.reshape(x, [-1, 28, 28, 1])
net = tf.layers.conv2d(net, 8, [5, 5], padding="same", activation=tf.nn.relu)
net = tf.layers.max_pooling2d(net, [2, 2], 2)
net = tf.layers.batch_normalization(net, training=training)
net = tf.layers.dense(tf.layers.flatten(net), 64, activation=tf.nn.relu)
net = tf.layers.dropout(net, rate=0.4, training=training)
logits = tf.layers.dense(net, 10)
loss = tf.losses.sparse_softmax_cross_entropy(labels=labels, logits=logits)
with tf.control_dependencies(tf.get_collection(tf.GraphKeys.UPDATE_OPS)):
    train_op = tf.train.GradientDescentOptimizer(0.05).minimize(loss)
accuracy = tf.reduce_mean(tf.cast(tf.equal(tf.argmax(logits, 1), labels), tf.float32))
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    print("kernel sums", " ".join("%.6g" % sess.run(tf.reduce_sum(v))
                                  for v in tf.trainable_variables() if "kernel" in v.name))
    steps = int(sys.argv[2]) if len(sys.argv) > 2 else 40
    every = int(sys.argv[3]) if len(sys.argv) > 3 else 10
    for i in range(steps):
        bx, by = mnist.train.next_batch(50)
        _, value = sess.run([train_op, loss], {x: bx, labels: by, training: True})
        if i % every == 0:
            print("step %d loss %.6g" % (i, value))
    print("accuracy %.6g" % sess.run(accuracy, {x: mnist.test.images, labels: mnist.test.labels}))
