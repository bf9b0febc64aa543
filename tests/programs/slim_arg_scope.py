"""A program in the style of TF-Slim's MNIST walkthroughs: ``import
tensorflow.contrib.slim as slim``, a LeNet under ``slim.arg_scope``, slim.losses,
slim.learning.create_train_op, slim.metrics, and a checkpoint restored through
``slim.get_variables_to_restore`` into a fresh graph. TF 1 code, run unmodified
by ``python -m tf1``."""
import os
import sys

import tensorflow as tf
import tensorflow.contrib.slim as slim
from tensorflow.examples.tutorials.mnist import input_data


def lenet(images, is_training):
    with slim.arg_scope([slim.conv2d, slim.fully_connected],
                        activation_fn=tf.nn.relu,
                        weights_initializer=tf.truncated_normal_initializer(stddev=0.1),
                        weights_regularizer=slim.l2_regularizer(0.0005)):
        net = tf.reshape(images, [-1, 28, 28, 1])
        net = slim.conv2d(net, 20, [5, 5], scope="conv1")
        net = slim.max_pool2d(net, [2, 2], scope="pool1")
        net = slim.conv2d(net, 50, [5, 5], scope="conv2")
        net = slim.max_pool2d(net, [2, 2], scope="pool2")
        net = slim.flatten(net, scope="flatten")
        net = slim.fully_connected(net, 100, scope="fc3")
        net = slim.dropout(net, 0.5, is_training=is_training, scope="dropout3")
        return slim.fully_connected(net, 10, activation_fn=None, scope="fc4")


def build(is_training):
    images = tf.placeholder(tf.float32, [None, 784])
    labels = tf.placeholder(tf.float32, [None, 10])
    logits = lenet(images, is_training)
    return images, labels, logits


def train(mnist, checkpoint_dir):
    with tf.Graph().as_default():
        images, labels, logits = build(is_training=True)
        slim.losses.softmax_cross_entropy(logits, labels)
        total_loss = slim.losses.get_total_loss()
        tf.summary.scalar("losses/total_loss", total_loss)
        global_step = slim.get_or_create_global_step()
        train_op = slim.learning.create_train_op(
            total_loss, tf.train.GradientDescentOptimizer(0.05), global_step=global_step)
        saver = tf.train.Saver(slim.get_model_variables() + [global_step])
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            for step in range(120):
                batch_x, batch_y = mnist.train.next_batch(50)
                loss = sess.run(train_op, {images: batch_x, labels: batch_y})
                if step % 60 == 0:
                    print("step %d, loss %.3f" % (step, loss))
            saver.save(sess, os.path.join(checkpoint_dir, "model.ckpt"), global_step=step + 1)


def evaluate(mnist, checkpoint_dir):
    with tf.Graph().as_default():
        images, labels, logits = build(is_training=False)
        names_to_values, names_to_updates = slim.metrics.aggregate_metric_map({
            "accuracy": slim.metrics.streaming_accuracy(tf.argmax(logits, 1),
                                                        tf.argmax(labels, 1))})
        restorer = tf.train.Saver(slim.get_variables_to_restore(exclude=["global_step"]))
        with tf.Session() as sess:
            restorer.restore(sess, tf.train.latest_checkpoint(checkpoint_dir))
            sess.run(tf.local_variables_initializer())
            sess.run(list(names_to_updates.values()),
                     {images: mnist.test.images, labels: mnist.test.labels})
            print("test accuracy %g" % sess.run(names_to_values["accuracy"]))


if __name__ == "__main__":
    data = input_data.read_data_sets(sys.argv[1], one_hot=True)
    train(data, sys.argv[2])
    evaluate(data, sys.argv[2])
