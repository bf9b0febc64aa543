"""TensorFlow, set up the way the TensorFlow 1 tutorials expect it.

The bottom of ``tf1``: it imports nothing of ours. Importing it

* sets ``TF_USE_LEGACY_KERAS=1`` before TensorFlow's first import, so that
  ``tf.layers`` (which lives in ``tf_keras`` since TensorFlow 2.16) is there;
* silences the deprecation notices of ``tf.layers``, which the tutorials use by
  design, and those TensorFlow logs about its own internal calls (any other
  warning, a user's own deprecated call among them, still shows);
* turns TensorFlow 2's behaviours off, with TensorFlow's own switch
  (``tf.compat.v1.disable_v2_behavior``): no eager execution (``tf.placeholder``,
  ``tf.InteractiveSession`` and ``Tensor.eval`` work as in TensorFlow 1), static
  shapes of ``Dimension``s (``shape[1].value``), reference variables, TF 1's
  control flow and TensorArrays, and tf_keras' v1 initializers under ``tf.layers``:
  the graphs TF 1 built, op for op where TensorFlow still can;
* prints each TensorFlow log line once, in the ``INFO:tensorflow:...`` form the
  documents show: absl's handler, which ``tf.app.run()`` (and IPython) put on the
  root logger, no longer repeats the lines TensorFlow's own handler has printed;
* sets NumPy's own ``legacy="1.25"`` print option, so that the numbers TF 1 code
  prints inside lists and dicts (an Estimator's evaluation dict, say) read
  ``0.9705`` as in the documents, not NumPy 2's ``np.float32(0.9705)``. The dict
  is built by TensorFlow's own Estimator, which we do not change; NumPy's switch
  restores the repr the documents were written with, everywhere at once.

``tf`` here is ``tensorflow.compat.v1``; :mod:`tf1.tf` adds ``estimator`` and
``contrib`` to it.
"""

import logging
import os
import warnings

import numpy as np

os.environ.setdefault("TF_USE_LEGACY_KERAS", "1")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "1")
warnings.filterwarnings(
    "ignore", message=r"`tf\.layers\.\w+` is deprecated", category=UserWarning)

_INTERNAL_DIRS = tuple(os.sep + name + os.sep
                       for name in ("tensorflow", "tensorflow_estimator", "tf_keras", "tf_slim"))
_OWN_DIR = os.path.dirname(os.path.realpath(__file__)) + os.sep  # tf1's own calls
# The estimator package marks every name it exports as deprecated ("Use tf.keras
# instead."), which TF 1 never said: not a notice about the user's code.
_BLANKET_NOTICE = "Use tf.keras instead."


def _internal_deprecation_filter(record):
    """Drops deprecation notices that are not about the user's own calls.

    TensorFlow logs them as "From <caller file>:<line>: ... is deprecated"; when
    the caller is inside TensorFlow, the Estimator package (a Saver deleting
    checkpoints, say) or tf1 itself, the notice is nothing the user can act on.
    """
    if not (isinstance(record.msg, str) and record.msg.startswith("From %s:")
            and record.args):
        return True
    caller = str(record.args[0])
    if any(d in caller for d in _INTERNAL_DIRS) or \
            os.path.realpath(caller).startswith(_OWN_DIR):
        return False
    return str(record.args[-1]).strip() != _BLANKET_NOTICE


_tf_logger = logging.getLogger("tensorflow")
if _internal_deprecation_filter not in _tf_logger.filters:
    _tf_logger.addFilter(_internal_deprecation_filter)

import tensorflow.compat.v1 as tf  # noqa: E402  (after the settings above)
from absl import logging as _absl_logging  # noqa: E402


def _printed_by_tensorflow(record):
    """False for a record of TensorFlow's logger that its own handler prints."""
    name = record.name
    if name != "tensorflow" and not name.startswith("tensorflow."):
        return True
    return not _tf_logger.handlers


_absl_handler = _absl_logging.get_absl_handler()
if _printed_by_tensorflow not in _absl_handler.filters:
    _absl_handler.addFilter(_printed_by_tensorflow)

tf.disable_v2_behavior()
if int(np.__version__.split(".")[0]) >= 2:  # NumPy 1 prints them so already
    np.set_printoptions(legacy="1.25")
