"""What TensorFlow 2 removed that the classic MNIST tutorials need.

* ``from tf1 import tf`` stands for a document's ``import tensorflow as tf``:
  ``tensorflow.compat.v1`` in graph mode plus ``tf.estimator`` and ``tf.contrib``.
* ``from tf1 import input_data`` stands for
  ``from tensorflow.examples.tutorials.mnist import input_data``.

Built bottom-up, a lower module never importing a higher one: ``compat`` (TensorFlow
set up as TF 1), ``util`` and ``signals``; ``mode_keys``, ``run_config``,
``model_fn``, ``inputs``, ``checkpoints``, ``hooks``; ``estimator``; ``learn``;
``tf``. ``input_data`` needs only NumPy; ``cli`` (the scripts' command line) sits
on top and nothing here imports it.

Importing this package does not import TensorFlow; the modules that need it do.
"""


class Error(Exception):
    """An error whose message tells a user all they need (which file, which step,
    which variable, and what is wrong); the scripts print it without a traceback."""
