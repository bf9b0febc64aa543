"""What TensorFlow 2 removed that the classic MNIST tutorials need.

* ``from tf1 import tf`` stands for a document's ``import tensorflow as tf``:
  ``tensorflow.compat.v1`` in graph mode plus TensorFlow's own ``tf.estimator``
  and ``tf.contrib``.
* ``from tf1 import input_data`` stands for
  ``from tensorflow.examples.tutorials.mnist import input_data``.
* ``python -m tf1 FILE`` runs a TF 1 program unmodified; ``%load_ext tf1`` does
  the same for IPython's and Jupyter's cells.

Built bottom-up, a lower module never importing a higher one: ``compat``
(TensorFlow set up as TF 1), then ``estimator_compat`` (TensorFlow's own
Estimator made to import); ``util``, ``signals``, ``lock``, ``faults``;
``checkpoints``, ``inputs``; ``layered`` (what we add around the Estimator);
``learn``, ``mnist``, ``app``; ``tf`` (the façade); ``redirect``; the runner
(``__main__``) and ``ipython`` on top. ``input_data`` needs only NumPy; ``cli``
(the scripts' command line) sits on top and nothing here imports it.

Importing this package does not import TensorFlow; the modules that need it do.
"""


from tf1.errors import Error  # noqa: F401  (tf1.Error)


def load_ipython_extension(shell):
    """``%load_ext tf1``: see :mod:`tf1.ipython`."""
    from tf1 import ipython
    ipython.load_ipython_extension(shell)


def unload_ipython_extension(shell):
    from tf1 import ipython
    ipython.unload_ipython_extension(shell)
