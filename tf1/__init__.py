"""What TensorFlow 2 removed that the classic MNIST tutorials need.

* ``tf1.input_data``: the MNIST reader, downloader and batcher that used to be
  ``tensorflow.examples.tutorials.mnist.input_data``.
* ``tf1.estimator``: the part of ``tf.estimator`` the layers guide uses.
* ``tf1.learn``: the ``tf.contrib.learn`` names of the guide's first edition.

Importing this package does not import TensorFlow; the modules that need it do.
"""


class Error(Exception):
    """An error whose message tells a user all they need (which file, which step,
    which variable, and what is wrong); the scripts print it without a traceback."""
