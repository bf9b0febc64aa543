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
generated ``tf.estimator`` API (TF 1.15's names). The private names it takes are
listed in :mod:`tf1.internals`; if one has moved, the import stops with one line.
"""

import importlib
import importlib.util
import sys
import types

from tf1 import internals
from tf1.errors import Error
from tf1.compat import tf  # noqa: F401  (TensorFlow set up first)

API_NAME = "estimator"
_EXPORT = "tensorflow.python.util.tf_export"
_COORDINATOR = "tensorflow.python.distribute.estimator_training"
_TPU_API = "tensorflow_estimator._api.v1.estimator.tpu"
_API = "tensorflow_estimator._api.v1.estimator"


class UnsupportedError(Error, NotImplementedError):
    """A part of tf.estimator that cannot run on this TensorFlow (TPU, strategies)."""


def restore_api_name():
    """Puts the "estimator" API name back into ``tf_export`` (fact 1)."""
    attributes = internals.get(_EXPORT, "_Attributes")
    api_attrs, api_attrs_v1 = (internals.get(_EXPORT, "API_ATTRS"),
                               internals.get(_EXPORT, "API_ATTRS_V1"))
    sys.modules[_EXPORT].ESTIMATOR_API_NAME = API_NAME  # which the package reads
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


class TPUNotSupportedError(Error, AttributeError):
    """A name of ``tf.estimator.tpu``."""


class _NoTPU(types.ModuleType):
    """``tf.estimator.tpu``: every name says that TPU is not supported (fact 3)."""

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        raise TPUNotSupportedError(
            "tf.estimator.tpu.%s: TPU is not supported here (the TPU parts of "
            "TensorFlow that it needs are gone)" % name)


def _install(name, module):
    parent, _, child = name.rpartition(".")
    sys.modules.setdefault(name, module)
    if parent in sys.modules:
        setattr(sys.modules[parent], child, sys.modules[name])


def load():
    """Imports the real Estimator package and returns its ``tf.estimator`` (v1) API."""
    if importlib.util.find_spec("tensorflow_estimator") is None:
        raise ImportError("tf.estimator needs tensorflow-estimator==2.15.0: "
                          "pip install -r requirements.txt")
    restore_api_name()
    try:
        importlib.import_module(_COORDINATOR)
    except ImportError:
        _install(_COORDINATOR, coordinator_stand_in())
    _install(_TPU_API, _NoTPU(_TPU_API, _NoTPU.__doc__))
    return internals.get(_API)


estimator = load()
