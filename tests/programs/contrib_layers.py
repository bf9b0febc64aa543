"""A program in the style of TF 1 tutorials built on tf.contrib.layers:
placeholders and feed dicts, conv2d / max_pool2d / flatten / fully_connected with
xavier initializers and an l2 regularizer, batch_norm switched by a placeholder,
dropout, optimize_loss, tf.contrib.metrics.streaming_accuracy, and a Saver that
saves and restores. TF 1 code, run unmodified by ``python -m tf1``."""
import sys

import tensorflow as tf
import tensorflow.contrib.layers as layers
from tensorflow.contrib.layers import flatten
from tensorflow.examples.tutorials.mnist import input_data


def network(images, is_training):
    x = tf.reshape(images, [-1, 28, 28, 1])
    net = layers.conv2d(x, 16, [5, 5], weights_initializer=layers.xavier_initializer(),
                        weights_regularizer=layers.l2_regularizer(1e-4), scope="conv1")
    net = layers.max_pool2d(net, [2, 2], scope="pool1")
    net = flatten(net)
    net = tf.contrib.layers.fully_connected(
        net, 64, normalizer_fn=tf.contrib.layers.batch_norm,
        normalizer_params={"is_training": is_training, "decay": 0.9}, scope="fc1")
    net = layers.dropout(net, keep_prob=0.8, is_training=is_training)
    return layers.fully_connected(net, 10, activation_fn=None, scope="logits")


def main(data_dir, model_path):
    mnist = input_data.read_data_sets(data_dir, one_hot=False)
    images = tf.placeholder(tf.float32, [None, 784])
    labels = tf.placeholder(tf.int64, [None])
    is_training = tf.placeholder(tf.bool, [])
    logits = network(images, is_training)
    loss = tf.losses.sparse_softmax_cross_entropy(labels, logits) + tf.add_n(
        tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES))
    global_step = tf.contrib.framework.get_or_create_global_step()
    train_op = layers.optimize_loss(loss, global_step, learning_rate=0.01,
                                    optimizer="Adam", summaries=["loss"])
    accuracy, update_accuracy = tf.contrib.metrics.streaming_accuracy(
        tf.argmax(logits, 1), labels)
    saver = tf.train.Saver()
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for step in range(150):
            batch_x, batch_y = mnist.train.next_batch(50)
            sess.run(train_op, {images: batch_x, labels: batch_y, is_training: True})
        saver.save(sess, model_path, global_step=global_step)
    with tf.Session() as sess:
        saver.restore(sess, tf.train.latest_checkpoint(model_path.rsplit("/", 1)[0]))
        sess.run(tf.local_variables_initializer())
        sess.run(update_accuracy, {images: mnist.test.images, labels: mnist.test.labels,
                                   is_training: False})
        print("step %d, test accuracy %g" % (sess.run(global_step), sess.run(accuracy)))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
