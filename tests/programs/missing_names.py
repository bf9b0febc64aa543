"""A TF 1 program that reaches names tf1 does not provide, at some depth: a slim
layer that tf-slim never had, and (after it) contrib's seq2seq."""
import tensorflow as tf
import tensorflow.contrib.slim as slim


def decoder(net):
    return tf.contrib.seq2seq.BasicDecoder(net)


x = tf.placeholder(tf.float32, [None, 4])
net = slim.fully_connected(x, 10)
net = slim.layers.no_such_layer(net)
decoder(net)
