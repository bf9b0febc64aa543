"""The model module of "TensorFlow Mechanics 101": ``tensorflow.examples.tutorials.mnist.mnist``.

TF 1.x shipped it inside TensorFlow for ``fully_connected_feed.py``. It builds a
two-hidden-layer fully connected network in four steps, as that document names
them:

1. :func:`inference` builds the graph as far as needed to return the logits;
2. :func:`loss` adds the loss op;
3. :func:`training` adds the ops that compute and apply the gradients;
4. :func:`evaluation` counts the correct predictions.
"""

import math

from tf1.compat import tf

# The MNIST dataset has 10 classes, representing the digits 0 through 9.
NUM_CLASSES = 10

# The MNIST images are always 28x28 pixels.
IMAGE_SIZE = 28
IMAGE_PIXELS = IMAGE_SIZE * IMAGE_SIZE


def _layer(inputs, fan_in, units, activation=None):
    """``weights`` (truncated normal, stddev 1/sqrt(fan_in)) and ``biases`` (zeros)."""
    weights = tf.Variable(
        tf.truncated_normal([fan_in, units], stddev=1.0 / math.sqrt(float(fan_in))),
        name="weights")
    biases = tf.Variable(tf.zeros([units]), name="biases")
    outputs = tf.matmul(inputs, weights) + biases
    return activation(outputs) if activation else outputs


def inference(images, hidden1_units, hidden2_units):
    """Builds the MNIST model up to where it may be used for inference.

    Args:
      images: images placeholder, from inputs().
      hidden1_units: size of the first hidden layer.
      hidden2_units: size of the second hidden layer.

    Returns:
      softmax_linear: output tensor with the computed logits.
    """
    with tf.name_scope("hidden1"):
        hidden1 = _layer(images, IMAGE_PIXELS, hidden1_units, tf.nn.relu)
    with tf.name_scope("hidden2"):
        hidden2 = _layer(hidden1, hidden1_units, hidden2_units, tf.nn.relu)
    with tf.name_scope("softmax_linear"):
        logits = _layer(hidden2, hidden2_units, NUM_CLASSES)
    return logits


def loss(logits, labels):
    """Calculates the loss from the logits and the labels.

    Args:
      logits: logits tensor, float - [batch_size, NUM_CLASSES].
      labels: labels tensor, int32 - [batch_size].

    Returns:
      loss: loss tensor of type float.
    """
    labels = tf.cast(labels, tf.int64)
    return tf.losses.sparse_softmax_cross_entropy(labels=labels, logits=logits)


def training(loss, learning_rate):
    """Sets up the training ops: a loss summary, gradient descent, a global step.

    Args:
      loss: loss tensor, from loss().
      learning_rate: the learning rate to use for gradient descent.

    Returns:
      train_op: the op for training.
    """
    tf.summary.scalar("loss", loss)
    optimizer = tf.train.GradientDescentOptimizer(learning_rate)
    global_step = tf.Variable(0, name="global_step", trainable=False)
    return optimizer.minimize(loss, global_step=global_step)


def evaluation(logits, labels):
    """Evaluates the quality of the logits at predicting the label.

    Args:
      logits: logits tensor, float - [batch_size, NUM_CLASSES].
      labels: labels tensor, int32 - [batch_size], with values in [0, NUM_CLASSES).

    Returns:
      A scalar int32 tensor with the number of examples (out of batch_size)
      that were predicted correctly.
    """
    correct = tf.nn.in_top_k(logits, labels, 1)
    return tf.reduce_sum(tf.cast(correct, tf.int32))
