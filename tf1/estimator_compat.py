"""TensorFlow's own Estimator (``tensorflow-estimator`` 2.15), made to import on TF 2.21.

The package's last release is pure Python and still runs on TensorFlow 2.21; it
stops at import on three things TensorFlow removed since. This module deals with
each, once and idempotently, before the package is first imported:

1. ``tensorflow.python.util.tf_export`` no longer knows the API name
   ``"estimator"`` the package registers its exports under: it is put back
   (``ESTIMATOR_API_NAME`` and its entries in ``API_ATTRS`` and ``API_ATTRS_V1``).
2. ``tensorflow.python.distribute.estimator_training`` is gone: a stand-in whose
   ``should_run_distribute_coordinator`` says no. Distribution strategies given
   through ``RunConfig(train_distribute=...)`` are not supported; asking for one
   raises :class:`UnsupportedError`.
3. The package's API imports its TPU module, which needs TPU internals that are
   gone: that one module is stood in for by one whose every name raises an
   AttributeError saying TPU is not supported.

Nothing of the package is copied or changed: :data:`estimator` is its own
generated ``tf.estimator`` API (TF 1.15's names). Just above :mod:`tf1.compat`.
"""

import importlib
import sys
import types

from tf1.errors import Error
from tf1.compat import tf  # noqa: F401  (TensorFlow set up first)

API_NAME = "estimator"
_COORDINATOR = "tensorflow.python.distribute.estimator_training"
_TPU_API = "tensorflow_estimator._api.v1.estimator.tpu"


class UnsupportedError(Error, NotImplementedError):
    """A part of tf.estimator that cannot run on this TensorFlow (TPU, strategies)."""


class TensorFlowMovedError(Error, ImportError):
    """This TensorFlow lacks something the Estimator's import relies on."""


def _moved(what):
    return TensorFlowMovedError(
        "tf.estimator cannot be set up on TensorFlow %s: %s. This version of tf1 "
        "supports the TensorFlow pinned in requirements.txt." % (tf.__version__, what))


def restore_api_name():
    """Puts the "estimator" API name back into ``tf_export`` (fact 1)."""
    try:
        from tensorflow.python.util import tf_export
        attributes = tf_export._Attributes
        api_attrs, api_attrs_v1 = tf_export.API_ATTRS, tf_export.API_ATTRS_V1
    except (ImportError, AttributeError) as e:
        raise _moved("tensorflow.python.util.tf_export changed (%s)" % e) from None
    tf_export.ESTIMATOR_API_NAME = API_NAME
    api_attrs.setdefault(API_NAME, attributes(
        "_estimator_api_names", "_estimator_api_constants"))
    api_attrs_v1.setdefault(API_NAME, attributes(
        "_estimator_api_names_v1", "_estimator_api_constants_v1"))


def _no_strategies(*args, **kwargs):
    raise UnsupportedError(
        "tf.estimator with distribution strategies (RunConfig(train_distribute=..., "
        "eval_distribute=...)) is not supported on this TensorFlow; train without "
        "one, or on several machines through TF_CONFIG")


def coordinator_stand_in():
    """A module in place of the removed ``estimator_training`` (fact 2)."""
    module = types.ModuleType(_COORDINATOR, "Stand-in: no distribute coordinator.")
    module.should_run_distribute_coordinator = lambda config: False
    for name in ("init_run_config", "estimator_train", "estimator_evaluate",
                 "train_and_evaluate"):
        setattr(module, name, _no_strategies)
    return module


class _NoTPU(types.ModuleType):
    """``tf.estimator.tpu``: every name says that TPU is not supported (fact 3)."""

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        raise AttributeError("tf.estimator.tpu.%s: TPU is not supported here (the "
                             "TPU parts of TensorFlow that it needs are gone)" % name)


def _install(name, module):
    parent, _, child = name.rpartition(".")
    sys.modules.setdefault(name, module)
    if parent in sys.modules:
        setattr(sys.modules[parent], child, sys.modules[name])


def load():
    """Imports the real Estimator package and returns its ``tf.estimator`` (v1) API."""
    restore_api_name()
    try:
        importlib.import_module(_COORDINATOR)
    except ImportError:
        _install(_COORDINATOR, coordinator_stand_in())
    _install(_TPU_API, _NoTPU(_TPU_API, _NoTPU.__doc__))
    try:
        api = importlib.import_module("tensorflow_estimator._api.v1.estimator")
    except ImportError as e:
        if getattr(e, "name", "") == "tensorflow_estimator":
            raise ImportError("tf.estimator needs tensorflow-estimator==2.15.0: "
                              "pip install -r requirements.txt") from None
        raise _moved("importing tensorflow_estimator failed (%s)" % e) from None
    return api


estimator = load()
