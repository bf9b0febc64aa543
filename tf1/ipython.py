"""``%load_ext tf1``: the documents' own import lines work in IPython and Jupyter.

After it, the user's cells (and only they) import through :mod:`tf1.redirect`:
``import tensorflow as tf`` gives :mod:`tf1.tf`, ``from
tensorflow.examples.tutorials.mnist import input_data`` gives tf1's reader, and so
on. IPython's own imports, TensorFlow's, Keras' and TensorBoard's are untouched.
``%unload_ext tf1`` puts the ordinary builtins back.
"""

import builtins

from tf1 import redirect


def load_ipython_extension(shell):
    """Gives the shell's user namespace builtins whose ``__import__`` maps TF 1's names."""
    shell.user_ns["__builtins__"] = redirect.builtins_for_user_code()


def unload_ipython_extension(shell):
    shell.user_ns["__builtins__"] = builtins
