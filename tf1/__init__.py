"""What TensorFlow 2 removed that TensorFlow 1 code needs.

* ``from tf1 import tf`` stands for ``import tensorflow as tf``:
  ``tensorflow.compat.v1`` in graph mode plus TensorFlow's own ``tf.estimator``
  and ``tf.contrib``.
* ``from tf1 import input_data`` stands for
  ``from tensorflow.examples.tutorials.mnist import input_data``.
* ``python -m tf1 FILE`` runs a TF 1 program unmodified; ``%load_ext tf1`` does
  the same for IPython's and Jupyter's cells.

Built bottom-up: a module imports only modules on floors below its own.
:data:`FLOORS` is the map, lowest floor first, and the one copy of it (a test
holds the code to it); each module's docstring says what it is for.

Importing this package does not import TensorFlow; the modules that need it do.
"""

FLOORS = (
    ("errors", "compat", "data", "estimator", "contrib", "contrib.training"),
    ("internals", "namespace", "signals", "precision", "contrib.rnn", "contrib.layers"),
    ("exits", "data.idx", "estimator.real", "contrib.slim", "contrib.data", "seeds"),
    ("data.download", "estimator.lock", "estimator.checkpoints", "contrib.experiment"),
    ("input_data", "data.synthetic", "estimator.numpy_input"),
    ("estimator.layered",),
    ("learn", "mnist"),
    ("contrib.tree",),
    ("tf",),
    ("redirect",),
    ("scan",),
    ("__main__", "cli", "__init__"),
)


def load_ipython_extension(shell):
    """``%load_ext tf1``: the user's cells (and only they) import through
    :mod:`tf1.redirect`, so ``import tensorflow as tf`` gives :mod:`tf1.tf` and
    ``from tensorflow.examples.tutorials.mnist import input_data`` tf1's reader.
    IPython's own imports, TensorFlow's, Keras' and TensorBoard's are untouched."""
    from tf1 import redirect  # imports TensorFlow
    shell.user_ns["__builtins__"] = redirect.builtins_for_user_code()


def unload_ipython_extension(shell):
    """``%unload_ext tf1``: the ordinary builtins again."""
    import builtins
    shell.user_ns["__builtins__"] = builtins
