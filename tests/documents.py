"""The documents' code, block by block, as printed.

The text extractions in ``shared/seeds`` lost the leading minus signs, the
indentation and the ``-`` of ``1e-4``; those are restored here as the documents
printed them. Nothing else is changed. README's IPython sections show these
same blocks (tests/test_readme.py checks that they do), with only the import
lines changed as :data:`NEW_IMPORTS` says.
"""

import os
import re

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# What a reader changes: a document's import lines, nothing else.
NEW_IMPORTS = {
    "import tensorflow as tf": "from tf1 import tf",
    "from tensorflow.examples.tutorials.mnist import input_data":
        "from tf1 import input_data",
}

# "Deep MNIST for Experts", part 1: softmax regression, in an InteractiveSession.
DEEP_MNIST_PART1 = [
    """\
from tensorflow.examples.tutorials.mnist import input_data
mnist = input_data.read_data_sets('MNIST_data', one_hot=True)
""",
    """\
import tensorflow as tf
sess = tf.InteractiveSession()
""",
    """\
x = tf.placeholder(tf.float32, shape=[None, 784])
y_ = tf.placeholder(tf.float32, shape=[None, 10])
""",
    """\
W = tf.Variable(tf.zeros([784,10]))
b = tf.Variable(tf.zeros([10]))
""",
    """\
sess.run(tf.initialize_all_variables())
""",
    """\
y = tf.nn.softmax(tf.matmul(x,W) + b)
""",
    """\
cross_entropy = tf.reduce_mean(-tf.reduce_sum(y_ * tf.log(y), reduction_indices=[1]))
""",
    """\
train_step = tf.train.GradientDescentOptimizer(0.5).minimize(cross_entropy)
""",
    """\
for i in range(1000):
  batch = mnist.train.next_batch(100)
  train_step.run(feed_dict={x: batch[0], y_: batch[1]})
""",
    """\
correct_prediction = tf.equal(tf.argmax(y,1), tf.argmax(y_,1))
""",
    """\
accuracy = tf.reduce_mean(tf.cast(correct_prediction, tf.float32))
""",
    """\
print(accuracy.eval(feed_dict={x: mnist.test.images, y_: mnist.test.labels}))
""",
]

# "Deep MNIST for Experts", part 2: the convolutional network, in the same session.
DEEP_MNIST_PART2 = [
    """\
def weight_variable(shape):
  initial = tf.truncated_normal(shape, stddev=0.1)
  return tf.Variable(initial)

def bias_variable(shape):
  initial = tf.constant(0.1, shape=shape)
  return tf.Variable(initial)
""",
    """\
def conv2d(x, W):
  return tf.nn.conv2d(x, W, strides=[1, 1, 1, 1], padding='SAME')

def max_pool_2x2(x):
  return tf.nn.max_pool(x, ksize=[1, 2, 2, 1],
                        strides=[1, 2, 2, 1], padding='SAME')
""",
    """\
W_conv1 = weight_variable([5, 5, 1, 32])
b_conv1 = bias_variable([32])
""",
    """\
x_image = tf.reshape(x, [-1,28,28,1])
""",
    """\
h_conv1 = tf.nn.relu(conv2d(x_image, W_conv1) + b_conv1)
h_pool1 = max_pool_2x2(h_conv1)
""",
    """\
W_conv2 = weight_variable([5, 5, 32, 64])
b_conv2 = bias_variable([64])

h_conv2 = tf.nn.relu(conv2d(h_pool1, W_conv2) + b_conv2)
h_pool2 = max_pool_2x2(h_conv2)
""",
    """\
W_fc1 = weight_variable([7 * 7 * 64, 1024])
b_fc1 = bias_variable([1024])

h_pool2_flat = tf.reshape(h_pool2, [-1, 7*7*64])
h_fc1 = tf.nn.relu(tf.matmul(h_pool2_flat, W_fc1) + b_fc1)
""",
    """\
keep_prob = tf.placeholder(tf.float32)
h_fc1_drop = tf.nn.dropout(h_fc1, keep_prob)
""",
    """\
W_fc2 = weight_variable([1024, 10])
b_fc2 = bias_variable([10])

y_conv=tf.nn.softmax(tf.matmul(h_fc1_drop, W_fc2) + b_fc2)
""",
    """\
cross_entropy = tf.reduce_mean(-tf.reduce_sum(y_ * tf.log(y_conv), reduction_indices=[1]))
train_step = tf.train.AdamOptimizer(1e-4).minimize(cross_entropy)
correct_prediction = tf.equal(tf.argmax(y_conv,1), tf.argmax(y_,1))
accuracy = tf.reduce_mean(tf.cast(correct_prediction, tf.float32))
sess.run(tf.initialize_all_variables())
for i in range(20000):
  batch = mnist.train.next_batch(50)
  if i%100 == 0:
    train_accuracy = accuracy.eval(feed_dict={
        x:batch[0], y_: batch[1], keep_prob: 1.0})
    print("step %d, training accuracy %g"%(i, train_accuracy))
  train_step.run(feed_dict={x: batch[0], y_: batch[1], keep_prob: 0.5})

print("test accuracy %g"%accuracy.eval(feed_dict={
    x: mnist.test.images, y_: mnist.test.labels, keep_prob: 1.0}))
""",
]

# "A Guide to TF Layers" (the tf.estimator edition): the program as printed lives in
# documents/layers_guide.py (benchmarks/peers.py runs it too); its blocks are the
# skeleton's start, cnn_model_fn, main and the skeleton's end, as its sections show them.
LAYERS_GUIDE_FILE = os.path.join(ROOT, "documents", "layers_guide.py")
with open(LAYERS_GUIDE_FILE) as _f:
    LAYERS_GUIDE = re.split(r"\n(?=def |if __name__)", _f.read())

# In IPython, __name__ is "__main__" and tf.app.run() exits the shell: call main.
LAYERS_GUIDE_IPYTHON = LAYERS_GUIDE[:-1] + ["main(None)\n"]


# The first edition of "A Guide to TF Layers" (tf.contrib.learn), the whole program
# as printed (003), with its original imports.
FIRST_EDITION = '''
from __future__ import absolute_import
from __future__ import division
from __future__ import print_function

# Imports
import numpy as np
import tensorflow as tf

from tensorflow.contrib import learn
from tensorflow.contrib.learn.python.learn.estimators import model_fn as model_fn_lib

tf.logging.set_verbosity(tf.logging.INFO)


def cnn_model_fn(features, labels, mode):
  """Model function for CNN."""
  # Input Layer
  input_layer = tf.reshape(features, [-1, 28, 28, 1])

  # Convolutional Layer #1
  conv1 = tf.layers.conv2d(
      inputs=input_layer,
      filters=32,
      kernel_size=[5, 5],
      padding="same",
      activation=tf.nn.relu)

  # Pooling Layer #1
  pool1 = tf.layers.max_pooling2d(inputs=conv1, pool_size=[2, 2], strides=2)

  # Convolutional Layer #2 and Pooling Layer #2
  conv2 = tf.layers.conv2d(
      inputs=pool1,
      filters=64,
      kernel_size=[5, 5],
      padding="same",
      activation=tf.nn.relu)
  pool2 = tf.layers.max_pooling2d(inputs=conv2, pool_size=[2, 2], strides=2)

  # Dense Layer
  pool2_flat = tf.reshape(pool2, [-1, 7 * 7 * 64])
  dense = tf.layers.dense(inputs=pool2_flat, units=1024, activation=tf.nn.relu)
  dropout = tf.layers.dropout(
      inputs=dense, rate=0.4, training=mode == learn.ModeKeys.TRAIN)

  # Logits Layer
  logits = tf.layers.dense(inputs=dropout, units=10)

  loss = None
  train_op = None

  # Calculate Loss (for both TRAIN and EVAL modes)
  if mode != learn.ModeKeys.INFER:
    onehot_labels = tf.one_hot(indices=tf.cast(labels, tf.int32), depth=10)
    loss = tf.losses.softmax_cross_entropy(
        onehot_labels=onehot_labels, logits=logits)

  # Configure the Training Op (for TRAIN mode)
  if mode == learn.ModeKeys.TRAIN:
    train_op = tf.contrib.layers.optimize_loss(
        loss=loss,
        global_step=tf.contrib.framework.get_global_step(),
        learning_rate=0.001,
        optimizer="SGD")

  # Generate Predictions
  predictions = {
      "classes": tf.argmax(
          input=logits, axis=1),
      "probabilities": tf.nn.softmax(
          logits, name="softmax_tensor")
  }

  # Return a ModelFnOps object
  return model_fn_lib.ModelFnOps(
      mode=mode, predictions=predictions, loss=loss, train_op=train_op)


def main(unused_argv):
  # Load training and eval data
  mnist = learn.datasets.load_dataset("mnist")
  train_data = mnist.train.images # Returns np.array
  train_labels = np.asarray(mnist.train.labels, dtype=np.int32)
  eval_data = mnist.test.images # Returns np.array
  eval_labels = np.asarray(mnist.test.labels, dtype=np.int32)

  # Create the Estimator
  mnist_classifier = learn.Estimator(
      model_fn=cnn_model_fn, model_dir="/tmp/mnist_convnet_model")

  # Set up logging for predictions
  tensors_to_log = {"probabilities": "softmax_tensor"}
  logging_hook = tf.train.LoggingTensorHook(
      tensors=tensors_to_log, every_n_iter=50)

  # Train the model
  mnist_classifier.fit(
      x=train_data,
      y=train_labels,
      batch_size=100,
      steps=20000,
      monitors=[logging_hook])

  # Configure the accuracy metric for evaluation
  metrics = {
      "accuracy":
          learn.metric_spec.MetricSpec(
              metric_fn=tf.metrics.accuracy, prediction_key="classes"),
  }

  # Evaluate the model and print results
  eval_results = mnist_classifier.evaluate(
      x=eval_data, y=eval_labels, metrics=metrics)
  print(eval_results)


if __name__ == "__main__":
  tf.app.run()
'''


def with_new_imports(code):
    """``code`` with its TensorFlow 1 import lines changed as a reader changes them."""
    lines = code.split("\n")
    return "\n".join(NEW_IMPORTS.get(line, line) for line in lines)


def as_run_here(blocks):
    """The blocks, imports changed, as one source text."""
    return "\n".join(with_new_imports(block) for block in blocks)
