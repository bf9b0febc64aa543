"""A program in the style of the GAN-on-MNIST tutorials of the time: a generator and
a discriminator of dense layers in their own variable scopes, two optimizers each
with its own var_list, trained in turn with feed dicts, and a Saver. TF 1 code, run
unmodified by ``python -m tf1``."""
import sys

import numpy as np
import tensorflow as tf
from tensorflow.examples.tutorials.mnist import input_data


def generator(z):
    with tf.variable_scope("generator"):
        h = tf.layers.dense(z, 64, activation=tf.nn.leaky_relu)
        return tf.layers.dense(h, 784, activation=tf.nn.sigmoid)


def discriminator(x, reuse=False):
    with tf.variable_scope("discriminator", reuse=reuse):
        h = tf.layers.dense(x, 64, activation=tf.nn.leaky_relu)
        return tf.layers.dense(h, 1)


if __name__ == "__main__":
    mnist = input_data.read_data_sets(sys.argv[1])
    X = tf.placeholder(tf.float32, [None, 784])
    Z = tf.placeholder(tf.float32, [None, 16])
    G = generator(Z)
    d_real, d_fake = discriminator(X), discriminator(G, reuse=True)
    d_loss = tf.reduce_mean(
        tf.nn.sigmoid_cross_entropy_with_logits(logits=d_real, labels=tf.ones_like(d_real))
        + tf.nn.sigmoid_cross_entropy_with_logits(logits=d_fake, labels=tf.zeros_like(d_fake)))
    g_loss = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(
        logits=d_fake, labels=tf.ones_like(d_fake)))
    d_vars = tf.get_collection(tf.GraphKeys.TRAINABLE_VARIABLES, scope="discriminator")
    g_vars = [v for v in tf.trainable_variables() if v.name.startswith("generator/")]
    d_train = tf.train.AdamOptimizer(1e-3).minimize(d_loss, var_list=d_vars)
    g_train = tf.train.AdamOptimizer(1e-3).minimize(g_loss, var_list=g_vars)
    saver = tf.train.Saver(g_vars + d_vars)
    rng = np.random.RandomState(0)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        d_before, g_before = sess.run([d_vars[0], g_vars[0]])
        for step in range(200):
            batch, _ = mnist.train.next_batch(32)
            noise = rng.uniform(-1.0, 1.0, [32, 16])
            _, dl = sess.run([d_train, d_loss], feed_dict={X: batch, Z: noise})
            _, gl = sess.run([g_train, g_loss], feed_dict={Z: noise})
        d_after, g_after = sess.run([d_vars[0], g_vars[0]])
        saver.save(sess, sys.argv[2])
        samples = sess.run(G, feed_dict={Z: rng.uniform(-1.0, 1.0, [16, 16])})
    print("d_loss %.4f g_loss %.4f" % (dl, gl))
    print("d moved %s, g moved %s" % (not np.allclose(d_before, d_after),
                                      not np.allclose(g_before, g_after)))
    print("samples", samples.shape, "in [0, 1]:", bool(samples.min() >= 0 and samples.max() <= 1))
    print("vars", len(d_vars), len(g_vars))
