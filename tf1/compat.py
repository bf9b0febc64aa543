"""TensorFlow, set up the way the TensorFlow 1 tutorials expect it.

The bottom of ``tf1``: it imports nothing of ours. Importing it

* sets ``TF_USE_LEGACY_KERAS=1`` before TensorFlow's first import, so that
  ``tf.layers`` (which lives in ``tf_keras`` since TensorFlow 2.16) is there;
* silences the deprecation notices of ``tf.layers``, which the tutorials use by
  design, and those TensorFlow logs about its own internal calls (any other
  warning, a user's own deprecated call among them, still shows);
* turns eager execution off: ``tf.placeholder``, ``tf.InteractiveSession`` and
  ``Tensor.eval`` work as in TensorFlow 1.

``tf`` here is ``tensorflow.compat.v1``; :mod:`tf1.tf` adds ``estimator`` and
``contrib`` to it.
"""

from __future__ import absolute_import, division, print_function

import logging
import os
import warnings

os.environ.setdefault("TF_USE_LEGACY_KERAS", "1")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "1")
warnings.filterwarnings(
    "ignore", message=r"`tf\.layers\.\w+` is deprecated", category=UserWarning)

_TENSORFLOW_DIR = os.sep + "tensorflow" + os.sep


def _internal_deprecation_filter(record):
    """Drops deprecation notices about TensorFlow's calls to its own deprecated APIs.

    TensorFlow logs them as "From <caller file>:<line>: ... is deprecated"; when
    the caller is inside TensorFlow (its Saver deleting or dating checkpoints,
    say) the notice is not about the user's code, and nothing they can act on.
    """
    if not (isinstance(record.msg, str) and record.msg.startswith("From %s:")
            and record.args):
        return True
    return _TENSORFLOW_DIR not in str(record.args[0])


_tf_logger = logging.getLogger("tensorflow")
if _internal_deprecation_filter not in _tf_logger.filters:
    _tf_logger.addFilter(_internal_deprecation_filter)

import tensorflow.compat.v1 as tf  # noqa: E402  (after the settings above)

tf.disable_eager_execution()
