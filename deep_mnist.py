"""A deep MNIST classifier using convolutional layers: "Deep MNIST for Experts", part 2.

Two convolution + max-pool layers, a 1024-unit fully connected layer with
dropout and a 10-way readout, trained with Adam for 20,000 steps of 50
examples; about 99.2% test accuracy. The sections below follow the document's:
Weight Initialization, Convolution and Pooling, First Convolutional Layer,
Second Convolutional Layer, Densely Connected Layer, Dropout, Readout Layer,
Train and Evaluate the Model.

    python deep_mnist.py --data_dir /path/to/mnist
"""

from __future__ import absolute_import
from __future__ import division
from __future__ import print_function

import collections
import sys
import tempfile

import numpy as np

from tf1 import input_data  # the document's tensorflow.examples.tutorials.mnist
from tf1 import tf  # the document's `import tensorflow as tf`

from tf1 import cli  # this port's command line
from tf1.precision import session_config  # --mixed_precision

DEFAULT_DATA_DIR = "/tmp/tensorflow/mnist/input_data"


# Weight Initialization

def weight_variable(shape):
    """weight_variable generates a weight variable of a given shape."""
    initial = tf.truncated_normal(shape, stddev=0.1)
    return tf.Variable(initial)


def bias_variable(shape):
    """bias_variable generates a bias variable of a given shape."""
    initial = tf.constant(0.1, shape=shape)
    return tf.Variable(initial)


# Convolution and Pooling

def conv2d(x, W):
    """conv2d returns a 2d convolution layer with full stride."""
    return tf.nn.conv2d(x, W, strides=[1, 1, 1, 1], padding="SAME")


def max_pool_2x2(x):
    """max_pool_2x2 downsamples a feature map by 2X."""
    return tf.nn.max_pool(x, ksize=[1, 2, 2, 1], strides=[1, 2, 2, 1], padding="SAME")


def deepnn(x):
    """deepnn builds the graph for a deep net for classifying digits.

    Args:
      x: an input tensor with the dimensions (N_examples, 784), where 784 is the
        number of pixels in a standard MNIST image.

    Returns:
      A tuple (y, keep_prob). y is a tensor of shape (N_examples, 10), with values
      equal to the logits of classifying the digit into one of 10 classes (the
      digits 0-9). keep_prob is a scalar placeholder for the probability of
      dropout.
    """
    # Reshape to use within a convolutional neural net.
    # Last dimension is for "features" - there is only one here, since images are
    # grayscale -- it would be 3 for an RGB image, 4 for RGBA, etc.
    with tf.name_scope("reshape"):
        x_image = tf.reshape(x, [-1, 28, 28, 1])

    # First Convolutional Layer - maps one grayscale image to 32 feature maps.
    with tf.name_scope("conv1"):
        W_conv1 = weight_variable([5, 5, 1, 32])
        b_conv1 = bias_variable([32])
        h_conv1 = tf.nn.relu(conv2d(x_image, W_conv1) + b_conv1)

    # Pooling layer - downsamples by 2X.
    with tf.name_scope("pool1"):
        h_pool1 = max_pool_2x2(h_conv1)

    # Second Convolutional Layer -- maps 32 feature maps to 64.
    with tf.name_scope("conv2"):
        W_conv2 = weight_variable([5, 5, 32, 64])
        b_conv2 = bias_variable([64])
        h_conv2 = tf.nn.relu(conv2d(h_pool1, W_conv2) + b_conv2)

    # Second pooling layer.
    with tf.name_scope("pool2"):
        h_pool2 = max_pool_2x2(h_conv2)

    # Densely Connected Layer -- after 2 round of downsampling, our 28x28 image
    # is down to 7x7x64 feature maps -- maps this to 1024 features.
    with tf.name_scope("fc1"):
        W_fc1 = weight_variable([7 * 7 * 64, 1024])
        b_fc1 = bias_variable([1024])
        h_pool2_flat = tf.reshape(h_pool2, [-1, 7 * 7 * 64])
        h_fc1 = tf.nn.relu(tf.matmul(h_pool2_flat, W_fc1) + b_fc1)

    # Dropout - controls the complexity of the model, prevents co-adaptation of
    # features.
    with tf.name_scope("dropout"):
        keep_prob = tf.placeholder(tf.float32)
        # Same as the document's tf.nn.dropout(h_fc1, keep_prob), which is deprecated.
        h_fc1_drop = tf.nn.dropout(h_fc1, rate=1 - keep_prob)

    # Readout Layer - map the 1024 features to 10 classes, one for each digit.
    with tf.name_scope("fc2"):
        W_fc2 = weight_variable([1024, 10])
        b_fc2 = bias_variable([10])
        # Logits, not the document's softmax: the loss applies softmax itself, stably.
        y_conv = tf.matmul(h_fc1_drop, W_fc2) + b_fc2
    return y_conv, keep_prob


# Train and Evaluate the Model

Model = collections.namedtuple(
    "Model", ["x", "y_", "y_conv", "keep_prob", "train_step", "accuracy", "num_correct"])


def build_graph(learning_rate):
    """Builds the network, its loss, optimizer and accuracy in the default graph."""
    # Create the model
    x = tf.placeholder(tf.float32, [None, 784])

    # Define loss and optimizer
    y_ = tf.placeholder(tf.float32, [None, 10])

    # Build the graph for the deep net
    y_conv, keep_prob = deepnn(x)

    with tf.name_scope("loss"):
        # The document's -reduce_sum(y_ * log(softmax)) goes NaN once a
        # probability underflows to 0; this computes the same on the logits, stably.
        cross_entropy = tf.nn.softmax_cross_entropy_with_logits_v2(
            labels=y_, logits=y_conv)
    cross_entropy = tf.reduce_mean(cross_entropy)

    with tf.name_scope("adam_optimizer"):
        train_step = tf.train.AdamOptimizer(learning_rate).minimize(cross_entropy)

    with tf.name_scope("accuracy"):
        correct_prediction = tf.equal(tf.argmax(y_conv, 1), tf.argmax(y_, 1))
        correct_prediction = tf.cast(correct_prediction, tf.float32)
    accuracy = tf.reduce_mean(correct_prediction)
    num_correct = tf.reduce_sum(correct_prediction)
    return Model(x, y_, y_conv, keep_prob, train_step, accuracy, num_correct)


def evaluate_accuracy(sess, num_correct, feed, images, labels, batch_size):
    """The accuracy over ``images`` computed ``batch_size`` examples at a time.

    Counting correct predictions batch by batch gives the same number as one
    pass over all examples, without holding every activation in memory at once.

    Args:
      sess: the session.
      num_correct: a scalar tensor, the number of correct predictions in a feed.
      feed: a function ``(images, labels) -> feed_dict``.
      images, labels: the examples.
      batch_size: examples per evaluation batch.
    """
    correct = 0
    for start in range(0, len(images), batch_size):
        end = start + batch_size
        correct += int(sess.run(num_correct, feed_dict=feed(images[start:end],
                                                            labels[start:end])))
    return np.float32(correct / len(images))


def parse_args(argv=None):
    """The command line: the document's values are the defaults."""
    parser = cli.base_parser(__doc__.splitlines()[0], data_dir=DEFAULT_DATA_DIR,
                             steps=20000, batch_size=50, learning_rate=1e-4)
    parser.add_argument("--eval_batch_size", type=cli.positive_int, default=1000,
                        help="Test examples per evaluation batch; the accuracy is the "
                        "same for any value (default: %(default)s)")
    parser.add_argument("--log_every", type=cli.positive_int, default=100,
                        help="Print the training accuracy every this many steps "
                        "(default: %(default)s)")
    parser.add_argument("--graph_dir", type=cli.writable_dir, default=None,
                        help="Where to write the graph for TensorBoard "
                        "(default: a new temporary directory)")
    return parser.parse_args(argv)


def main(argv=None):
    """Trains and evaluates the network; returns the test accuracy it printed."""
    flags = parse_args(argv)

    # Import data
    mnist = input_data.read_data_sets(flags.data_dir, one_hot=True, seed=flags.seed)

    with tf.Graph().as_default() as graph:
        if flags.seed is not None:
            tf.set_random_seed(flags.seed)

        model = build_graph(flags.learning_rate)
        x, y_, keep_prob = model.x, model.y_, model.keep_prob
        accuracy = model.accuracy

        graph_location = flags.graph_dir or tempfile.mkdtemp()
        print("Saving graph to: %s" % graph_location)
        train_writer = tf.summary.FileWriter(graph_location, graph)
        train_writer.close()

        with tf.Session(config=session_config(flags.mixed_precision)) as sess:  # --mixed_precision
            sess.run(tf.global_variables_initializer())
            for i in range(flags.steps):
                batch = mnist.train.next_batch(flags.batch_size)
                if i % flags.log_every == 0:
                    train_accuracy = accuracy.eval(feed_dict={
                        x: batch[0], y_: batch[1], keep_prob: 1.0})
                    print("step %d, training accuracy %g" % (i, train_accuracy))
                    sys.stdout.flush()
                model.train_step.run(
                    feed_dict={x: batch[0], y_: batch[1], keep_prob: 0.5})

            test_accuracy = evaluate_accuracy(
                sess, model.num_correct,
                lambda images, labels: {x: images, y_: labels, keep_prob: 1.0},
                mnist.test.images, mnist.test.labels, flags.eval_batch_size)
    print("test accuracy %g" % test_accuracy)
    return float(test_accuracy)


if __name__ == "__main__":
    cli.exit(main)  # the document's tf.app.run(), with one-line errors
