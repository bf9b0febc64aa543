"""Seeded tf.contrib.layers and slim model: conv2d under slim.arg_scope,
max_pool2d, batch_norm with an is_training placeholder, flatten,
fully_connected, dropout. Usage: seeded_contrib.py DATA_DIR [STEPS [EVERY]] (40 steps, a loss every 10)."""
import sys

import tensorflow as tf
from tensorflow.examples.tutorials.mnist import input_data

slim = tf.contrib.slim
tf.set_random_seed(4)
mnist = input_data.read_data_sets(sys.argv[1], one_hot=True)
x = tf.placeholder(tf.float32, [None, 784])
y_ = tf.placeholder(tf.float32, [None, 10])
is_training = tf.placeholder(tf.bool, [])
with slim.arg_scope([slim.conv2d, slim.fully_connected],
                    weights_regularizer=slim.l2_regularizer(1e-4)):
    net = slim.conv2d(tf.reshape(x, [-1, 28, 28, 1]), 8, [5, 5], scope="conv1")
    net = slim.max_pool2d(net, [2, 2], scope="pool1")
    net = tf.contrib.layers.batch_norm(net, is_training=is_training, scope="bn")
    net = tf.contrib.layers.flatten(net)
    net = tf.contrib.layers.fully_connected(net, 64, scope="fc1")
    net = tf.contrib.layers.dropout(net, 0.5, is_training=is_training)
    logits = slim.fully_connected(net, 10, activation_fn=None, scope="logits")
loss = tf.losses.softmax_cross_entropy(y_, logits) + tf.losses.get_regularization_loss()
train_op = slim.learning.create_train_op(loss, tf.train.AdamOptimizer(1e-3))
accuracy = tf.reduce_mean(tf.cast(tf.equal(tf.argmax(logits, 1), tf.argmax(y_, 1)), tf.float32))
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    print("weights sums", " ".join("%.6g" % sess.run(tf.reduce_sum(v))
                                   for v in slim.get_model_variables() if "weights" in v.name))
    steps = int(sys.argv[2]) if len(sys.argv) > 2 else 40
    every = int(sys.argv[3]) if len(sys.argv) > 3 else 10
    for i in range(steps):
        bx, by = mnist.train.next_batch(50)
        value = sess.run(train_op, {x: bx, y_: by, is_training: True})
        if i % every == 0:
            print("step %d loss %.6g" % (i, value))
    print("accuracy %.6g" % sess.run(accuracy, {x: mnist.test.images, y_: mnist.test.labels,
                                               is_training: False}))
