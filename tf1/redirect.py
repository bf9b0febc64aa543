"""The user's own TF 1 import statements, answered by tf1; every other import as usual.

A TF 1 program's ``import tensorflow as tf`` must give :mod:`tf1.tf`, but
TensorFlow itself, Keras and TensorBoard must keep the real ``tensorflow``: a
process-wide swap of ``sys.modules["tensorflow"]`` would break them. Python
looks ``__import__`` up in the builtins of the code that runs the import
statement, so :func:`builtins_for_user_code` gives the user's code (a program
run by ``python -m tf1``, or IPython's cells) builtins of its own whose
``__import__`` maps these, and only these:

=====================================================================  ==================
``tensorflow``, ``tensorflow.compat.v1``                                :mod:`tf1.tf`
``tensorflow.examples.tutorials.mnist[.input_data]``                    :mod:`tf1.input_data`
``tensorflow.examples.tutorials.mnist.mnist``                           :mod:`tf1.mnist`
``tensorflow.examples.tutorials[.mnist]``                               both of those
``tensorflow.contrib.X[.Y]`` (``layers``, ``slim``, ``rnn``, ...)       ``tf.contrib.X[.Y]``
``tensorflow.contrib.X.python...`` (contrib's own module paths)         the same, by attribute
=====================================================================  ==================

Everything else (``from tensorflow.python.client import timeline``, NumPy, the
user's own modules) is the real import. A ``tensorflow.contrib`` module that
tf1 does not provide raises :class:`tf1.tf.NotProvidedError`.
"""

import builtins

from tf1 import input_data, mnist, tf

_real_import = builtins.__import__

_MNIST = tf.Namespace("tf.examples.tutorials.mnist", input_data=input_data, mnist=mnist)
_TUTORIALS = tf.Namespace("tf.examples.tutorials", mnist=_MNIST)

# Module name -> what ``import NAME`` / ``from NAME import ...`` gives; below
# ``tensorflow.contrib``, every module is found by attribute (tf.contrib.slim,
# tf.contrib.learn.python.learn.datasets.mnist: see tf1.contrib.tree).
MODULES = {
    "tensorflow": tf,
    "tensorflow.compat": tf.compat,
    "tensorflow.compat.v1": tf,
    "tensorflow.examples": tf.Namespace("tf.examples", tutorials=_TUTORIALS),
    "tensorflow.examples.tutorials": _TUTORIALS,
    "tensorflow.examples.tutorials.mnist": _MNIST,
    "tensorflow.examples.tutorials.mnist.input_data": input_data,
    "tensorflow.examples.tutorials.mnist.mnist": mnist,
    "tensorflow.contrib": tf.contrib,
}


def resolve(name):
    """What the module ``name`` is for the user's code: tf1's, or None for the real
    import. A TF 1 module tf1 does not provide raises tf.NotProvidedError."""
    if name in MODULES:
        return MODULES[name]
    if name.startswith("tensorflow.contrib."):
        node = tf.contrib
        for part in name.split(".")[2:]:
            node = getattr(node, part)  # NotProvidedError names it, if missing
        return node
    if name.startswith("tensorflow.examples."):
        raise tf.NotProvidedError(name.replace("tensorflow.", "tf.", 1))
    return None


def _top_level(name, module):
    """What ``import a.b.c`` binds to ``a``: an object whose attributes lead from
    ``tensorflow`` down to ``module`` (``import a.b.c as x`` follows them)."""
    parts = name.split(".")
    node = module
    for depth in range(len(parts) - 1, 0, -1):
        parent = ".".join(parts[:depth])
        node = tf.Namespace(parent, resolve(parent), **{parts[depth]: node})
    return node


def tf1_import(name, globals=None, locals=None, fromlist=(), level=0):
    """``__import__`` for the user's code: the mapping above, else the real import."""
    if level or not (name == "tensorflow" or name.startswith("tensorflow.")):
        return _real_import(name, globals, locals, fromlist, level)
    module = resolve(name)
    if module is None:
        return _real_import(name, globals, locals, fromlist, level)
    if not fromlist:
        return _top_level(name, module)
    for item in fromlist:  # checked here: Python would turn the error into
        if item != "*":    # "ImportError: cannot import name"
            getattr(module, item)
    return module


class _Builtins(dict):
    """The builtins module's names, looked up live (IPython adds some while a cell
    runs), with ``__import__`` replaced."""

    def __missing__(self, key):
        try:
            return getattr(builtins, key)
        except AttributeError:
            raise KeyError(key) from None


def builtins_for_user_code():
    """A ``__builtins__`` for the globals of the user's code."""
    return _Builtins(__import__=tf1_import)
