"""A TF 1 program using tf.contrib.slim, which tf1 does not provide."""
import tensorflow as tf

x = tf.placeholder(tf.float32, [None, 4])
slim = tf.contrib.slim
net = slim.fully_connected(x, 10)
