"""``tensorflow.compat.v1`` plus the few ``tf.contrib`` names the tutorials use.

For code written against TensorFlow 1 with ``import tensorflow as tf`` that also
calls ``tf.contrib.layers.optimize_loss``, ``tf.contrib.framework.get_global_step``
or ``tf.contrib.learn``: write ``from tf1 import tf`` instead. Every other name
is TensorFlow's own ``tf.compat.v1`` one.
"""

from tf1 import learn as _learn
from tf1.estimator import tf as _v1

contrib = _learn.contrib


def __getattr__(name):
    return getattr(_v1, name)


def __dir__():
    return sorted(set(dir(_v1)) | {"contrib"})
