"""A very simple MNIST classifier: "Deep MNIST for Experts", part 1.

Softmax regression on raw pixels, trained with gradient descent; about 92%
test accuracy. The sections below follow the document's: Load MNIST Data,
Placeholders, Variables, Predicted Class and Loss Function, Train the Model,
Evaluate the Model.

    python mnist_softmax.py --data_dir /path/to/mnist
"""

from __future__ import absolute_import
from __future__ import division
from __future__ import print_function

from tf1 import input_data  # the document's tensorflow.examples.tutorials.mnist
from tf1 import tf  # the document's `import tensorflow as tf`

from tf1 import cli  # this port's command line
from tf1.precision import session_config  # --mixed_precision

DEFAULT_DATA_DIR = "/tmp/tensorflow/mnist/input_data"


def parse_args(argv=None):
    """The command line: the document's values are the defaults."""
    parser = cli.base_parser(__doc__.splitlines()[0], data_dir=DEFAULT_DATA_DIR,
                             steps=1000, batch_size=100, learning_rate=0.5)
    return parser.parse_args(argv)


def build_model(learning_rate):
    """Builds the document's model in the default graph.

    Returns:
      (x, y_, y, train_step): the image and label placeholders, the logits and
      the training op.
    """
    # Placeholders
    x = tf.placeholder(tf.float32, shape=[None, 784])
    y_ = tf.placeholder(tf.float32, shape=[None, 10])

    # Variables
    W = tf.Variable(tf.zeros([784, 10]))
    b = tf.Variable(tf.zeros([10]))

    # Predicted Class and Loss Function
    y = tf.matmul(x, W) + b
    # The document's -reduce_sum(y_ * log(softmax(y))) goes NaN once a
    # probability underflows to 0; this op computes the same on the logits, stably.
    cross_entropy = tf.reduce_mean(
        tf.nn.softmax_cross_entropy_with_logits_v2(labels=y_, logits=y))

    # Train the Model
    train_step = tf.train.GradientDescentOptimizer(learning_rate).minimize(cross_entropy)
    return x, y_, y, train_step


def main(argv=None):
    """Trains and evaluates the model; returns the test accuracy it printed."""
    flags = parse_args(argv)

    # Load MNIST Data
    mnist = input_data.read_data_sets(flags.data_dir, one_hot=True, seed=flags.seed)

    with tf.Graph().as_default():
        if flags.seed is not None:
            tf.set_random_seed(flags.seed)
        x, y_, y, train_step = build_model(flags.learning_rate)

        # --mixed_precision
        sess = tf.InteractiveSession(config=session_config(flags.mixed_precision))
        try:
            sess.run(tf.global_variables_initializer())
            # Train the Model
            for _ in range(flags.steps):
                batch = mnist.train.next_batch(flags.batch_size)
                train_step.run(feed_dict={x: batch[0], y_: batch[1]})

            # Evaluate the Model
            correct_prediction = tf.equal(tf.argmax(y, 1), tf.argmax(y_, 1))
            accuracy = tf.reduce_mean(tf.cast(correct_prediction, tf.float32))
            test_accuracy = accuracy.eval(
                feed_dict={x: mnist.test.images, y_: mnist.test.labels})
        finally:
            sess.close()
    print(test_accuracy)
    return float(test_accuracy)


if __name__ == "__main__":
    cli.exit(main)  # one-line errors and exit status
