"""tf1.estimator.real: the three things TensorFlow 2.21 removed, each dealt with once."""

import pytest

from tf1 import internals, tf
from tf1.estimator import real
from tensorflow.python.util import tf_export


def test_the_estimator_api_name_is_back_and_restoring_it_again_changes_nothing():
    before = (dict(tf_export.API_ATTRS), dict(tf_export.API_ATTRS_V1))
    real.restore_api_name()
    assert tf_export.ESTIMATOR_API_NAME == "estimator"
    assert (tf_export.API_ATTRS, tf_export.API_ATTRS_V1) == before
    assert tf_export.API_ATTRS["estimator"].names == "_estimator_api_names"
    assert tf_export.API_ATTRS_V1["estimator"].names == "_estimator_api_names_v1"
    # The package's exports are registered under it, as they were in TF 1.15.
    assert "estimator.Estimator" in tf.estimator.Estimator.__mro__[1]._estimator_api_names_v1


def test_a_tensorflow_that_moved_tf_export_gives_one_clear_line(monkeypatch):
    monkeypatch.delattr(tf_export, "_Attributes")
    with pytest.raises(internals.InternalsMovedError,
                       match=r"^tf1 needs tensorflow.python.util.tf_export._Attributes, a "
                       r"private name of tensorflow .*; tf1 supports tensorflow==2\.21\.\*"):
        real.restore_api_name()


def test_the_distribute_coordinator_stand_in_says_no():
    coordinator = real.coordinator_stand_in()
    assert coordinator.should_run_distribute_coordinator(tf.estimator.RunConfig()) is False
    with pytest.raises(real.UnsupportedError, match="distribution strategies"):
        coordinator.estimator_train(None, None, None)


def test_the_tpu_module_says_tpu_is_not_supported():
    with pytest.raises(AttributeError, match="TPU is not supported"):
        real.estimator.tpu.RunConfig
