"""Google's tf-slim, TF 1's ``contrib.slim`` and ``contrib.layers``, made to import here.

tf-slim 1.1.0 is the extraction of ``tf.contrib.slim`` and ``tf.contrib.layers``
that Google published when TF 1's contrib went; it is used as it is. It imports
on TensorFlow 2.21, but its layers stop on what TensorFlow has moved since; this
module deals with each, once and idempotently, before tf-slim is first imported:

1. Names TensorFlow moved out of the modules tf-slim takes them from: ``ops.Tensor``
   and ``ops.IndexedSlices`` (``batch_norm``, ``optimize_loss``, slim's
   ``learning``), ``control_flow_ops.cond`` (``batch_norm`` with a placeholder
   ``is_training``), ``.case``, ``.while_loop``, ``.Assert``, ``array_ops.stack``
   and ``unstack``, ``variable_scope.variable``. Each is put back as TensorFlow's
   public equivalent (``tf.Tensor``, ``tf.cond``, ...) where it is missing.
2. TensorFlow's ``tensorflow.python.layers.normalization`` loads
   ``tf_keras.legacy_tf_layers.normalization``, which tf_keras now keeps under
   ``tf_keras.src.legacy_tf_layers``: ``batch_norm`` needs it. The old name is
   given the module at its new place.

Every name is listed in :mod:`tf1.internals`. :data:`slim` is tf-slim itself and
:data:`layers` its ``layers`` package.
"""

import importlib
import sys
import warnings

from tf1 import internals
from tf1.compat import tf

_OLD_LAYERS, _NEW_LAYERS = "tf_keras.legacy_tf_layers", "tf_keras.src.legacy_tf_layers"

# tf-slim builds its layers through TensorFlow's own Keras layers, whose apply() is
# deprecated in favour of __call__: a notice about tf-slim's call, not the user's.
warnings.filterwarnings("ignore", message=r"`layer\.apply` is deprecated",
                        category=UserWarning)


def put_back_moved_names():
    """The names of fact 1, each as TensorFlow's public equivalent."""
    for (module, attribute), value in {
            ("tensorflow.python.framework.ops", "Tensor"): tf.Tensor,
            ("tensorflow.python.framework.ops", "IndexedSlices"): tf.IndexedSlices,
            ("tensorflow.python.ops.array_ops", "stack"): tf.stack,
            ("tensorflow.python.ops.array_ops", "unstack"): tf.unstack,
            ("tensorflow.python.ops.control_flow_ops", "Assert"): tf.Assert,
            ("tensorflow.python.ops.control_flow_ops", "case"): tf.case,
            ("tensorflow.python.ops.control_flow_ops", "cond"): tf.cond,
            ("tensorflow.python.ops.control_flow_ops", "while_loop"): tf.while_loop,
            ("tensorflow.python.ops.variable_scope", "variable"): tf.Variable}.items():
        internals.put_back(module, attribute, value)


def alias_legacy_layers():
    """``tf_keras.legacy_tf_layers[.normalization]`` at their new place (fact 2)."""
    for old, new in ((_OLD_LAYERS, _NEW_LAYERS),
                     (_OLD_LAYERS + ".normalization", _NEW_LAYERS + ".normalization")):
        if old not in sys.modules:
            try:
                importlib.import_module(old)
            except ImportError:
                sys.modules[old] = internals.get(new)


def load():
    """Imports tf-slim, after the two facts above; returns it."""
    if importlib.util.find_spec("tf_slim") is None:
        raise ImportError("tf.contrib.slim and tf.contrib.layers need tf-slim==1.1.0: "
                          "pip install -r requirements.txt")
    put_back_moved_names()
    alias_legacy_layers()
    return importlib.import_module("tf_slim")


slim = load()
layers = sys.modules["tf_slim.layers"]  # the package (tf_slim.layers is its layers.py)
