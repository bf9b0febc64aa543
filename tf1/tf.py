"""``from tf1 import tf``: what a TensorFlow 1 document's ``import tensorflow as tf`` gave.

``tensorflow.compat.v1`` in graph mode (see :mod:`tf1.compat`), plus what
TensorFlow 2 removed, under the documents' own names:

* ``tf.estimator``: Estimator, EstimatorSpec, ModeKeys, RunConfig and
  ``inputs.numpy_input_fn`` (:mod:`tf1.estimator`);
* ``tf.contrib``: ``learn`` (Estimator, ModeKeys, MetricSpec, ``datasets.load_dataset``),
  ``layers.optimize_loss`` and ``framework.get_global_step`` (:mod:`tf1.learn`).

Every other name is TensorFlow's own ``tf.compat.v1`` one.
"""

from tf1 import estimator
from tf1.compat import tf as _v1
from tf1.learn import contrib

__all__ = ["estimator", "contrib"]


def __getattr__(name):
    return getattr(_v1, name)


def __dir__():
    return sorted(set(dir(_v1)) | {"estimator", "contrib"})
