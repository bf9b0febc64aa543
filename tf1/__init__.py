"""What TensorFlow 2 removed that TensorFlow 1 code needs.

* ``from tf1 import tf`` stands for ``import tensorflow as tf``:
  ``tensorflow.compat.v1`` in graph mode plus TensorFlow's own ``tf.estimator``
  and ``tf.contrib``.
* ``from tf1 import input_data`` stands for
  ``from tensorflow.examples.tutorials.mnist import input_data``.
* ``python -m tf1 FILE`` runs a TF 1 program unmodified; ``%load_ext tf1`` does
  the same for IPython's and Jupyter's cells.

Built bottom-up: a module imports only modules on floors below its own
(:data:`FLOORS`, lowest first; a test holds the code to it):

0. ``errors`` (the base of tf1's errors), ``compat`` (TensorFlow set up as TF 1),
   and the three wings' own ``data``, ``estimator`` and ``contrib`` (which import
   nothing)
1. ``internals`` (the private names of other libraries tf1 touches, listed),
   ``namespace`` (namespaces that name a missing TF 1 name), ``signals``
   (termination signals as exceptions), ``precision`` (mixed precision),
   ``contrib.rnn`` and ``contrib.layers`` (TensorFlow's own RNN cells and feature
   columns under TF 1's contrib names)
2. ``exits`` (errors as one line and an exit status), ``data.idx`` (the IDX format),
   ``estimator.real`` (TensorFlow's own Estimator, made to import), ``contrib.slim``
   (Google's tf-slim, made to import)
3. ``data.download`` (mirrors, checksums), ``estimator.lock`` (one trainer per
   model_dir), ``estimator.checkpoints`` (checks before restoring)
4. ``input_data`` (the MNIST reader), ``data.synthetic`` (a small learnable MNIST
   for smoke tests), ``estimator.numpy_input`` (numpy_input_fn)
5. ``estimator.layered`` (what we add around the Estimator)
6. ``learn`` (tf.contrib.learn), ``mnist`` (Mechanics 101's model)
7. ``tf`` (the facade)
8. ``redirect`` (the import mapping for the user's code)
9. ``scan`` (the TF 1 names a program uses that tf1 lacks, read without running it)
10. ``__main__`` (``python -m tf1``), ``cli`` (the three scripts' command line,
    which nothing here imports), and this package's ``%load_ext tf1``

Importing this package does not import TensorFlow; the modules that need it do.
"""

FLOORS = (
    ("errors", "compat", "data", "estimator", "contrib"),
    ("internals", "namespace", "signals", "precision", "contrib.rnn", "contrib.layers"),
    ("exits", "data.idx", "estimator.real", "contrib.slim"),
    ("data.download", "estimator.lock", "estimator.checkpoints"),
    ("input_data", "data.synthetic", "estimator.numpy_input"),
    ("estimator.layered",),
    ("learn", "mnist"),
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
