"""A program in the style of "TensorFlow Mechanics 101": placeholders, feed dicts,
the tutorial's mnist module, a Saver and a summary FileWriter. TF 1 code, run
unmodified by ``python -m tf1``."""
import argparse
import os
import sys

import tensorflow as tf
from tensorflow.examples.tutorials.mnist import input_data
from tensorflow.examples.tutorials.mnist import mnist

FLAGS = None


def fill_feed_dict(data_set, images_pl, labels_pl):
    images, labels = data_set.next_batch(FLAGS.batch_size, FLAGS.fake_data)
    return {images_pl: images, labels_pl: labels}


def do_eval(sess, eval_correct, images_pl, labels_pl, data_set):
    steps = data_set.num_examples // FLAGS.batch_size
    true_count = sum(sess.run(eval_correct, feed_dict=fill_feed_dict(
        data_set, images_pl, labels_pl)) for _ in range(steps))
    precision = float(true_count) / (steps * FLAGS.batch_size)
    print("Num examples: %d  Num correct: %d  Precision @ 1: %0.04f"
          % (steps * FLAGS.batch_size, true_count, precision))


def run_training():
    data_sets = input_data.read_data_sets(FLAGS.input_data_dir, FLAGS.fake_data)
    with tf.Graph().as_default():
        images_pl = tf.placeholder(tf.float32, shape=(None, mnist.IMAGE_PIXELS))
        labels_pl = tf.placeholder(tf.int32, shape=(None,))
        logits = mnist.inference(images_pl, FLAGS.hidden1, FLAGS.hidden2)
        loss = mnist.loss(logits, labels_pl)
        train_op = mnist.training(loss, FLAGS.learning_rate)
        eval_correct = mnist.evaluation(logits, labels_pl)
        summary = tf.summary.merge_all()
        saver = tf.train.Saver()
        sess = tf.Session()
        summary_writer = tf.summary.FileWriter(FLAGS.log_dir, sess.graph)
        sess.run(tf.global_variables_initializer())
        for step in range(FLAGS.max_steps):
            _, loss_value = sess.run([train_op, loss], feed_dict=fill_feed_dict(
                data_sets.train, images_pl, labels_pl))
            if step % 50 == 0:
                print("Step %d: loss = %.2f" % (step, loss_value))
                summary_writer.add_summary(sess.run(summary, feed_dict=fill_feed_dict(
                    data_sets.train, images_pl, labels_pl)), step)
                summary_writer.flush()
        saver.save(sess, os.path.join(FLAGS.log_dir, "model.ckpt"), global_step=step)
        print("Test Data Eval:")
        do_eval(sess, eval_correct, images_pl, labels_pl, data_sets.test)


def main(_):
    if tf.gfile.Exists(FLAGS.log_dir):
        tf.gfile.DeleteRecursively(FLAGS.log_dir)
    tf.gfile.MakeDirs(FLAGS.log_dir)
    run_training()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--learning_rate", type=float, default=0.01)
    parser.add_argument("--max_steps", type=int, default=2000)
    parser.add_argument("--hidden1", type=int, default=128)
    parser.add_argument("--hidden2", type=int, default=32)
    parser.add_argument("--batch_size", type=int, default=100)
    parser.add_argument("--input_data_dir", type=str, default="/tmp/tensorflow/mnist/input_data")
    parser.add_argument("--log_dir", type=str, default="/tmp/tensorflow/mnist/logs")
    parser.add_argument("--fake_data", default=False, action="store_true")
    FLAGS, unparsed = parser.parse_known_args()
    tf.app.run(main=main, argv=[sys.argv[0]] + unparsed)
