"""tf1.estimator_compat: the three things TensorFlow 2.21 removed, each dealt with once."""

import pytest

from tf1 import estimator_compat, tf
from tensorflow.python.util import tf_export


def test_the_estimator_api_name_is_back_and_restoring_it_again_changes_nothing():
    before = (dict(tf_export.API_ATTRS), dict(tf_export.API_ATTRS_V1))
    estimator_compat.restore_api_name()
    assert tf_export.ESTIMATOR_API_NAME == "estimator"
    assert (tf_export.API_ATTRS, tf_export.API_ATTRS_V1) == before
    assert tf_export.API_ATTRS["estimator"].names == "_estimator_api_names"
    assert tf_export.API_ATTRS_V1["estimator"].names == "_estimator_api_names_v1"
    # The package's exports are registered under it, as they were in TF 1.15.
    assert "estimator.Estimator" in tf.estimator.Estimator.__mro__[1]._estimator_api_names_v1


def test_a_tensorflow_that_moved_tf_export_gives_one_clear_line(monkeypatch):
    monkeypatch.delattr(tf_export, "_Attributes")
    with pytest.raises(estimator_compat.TensorFlowMovedError,
                       match=r"tf.estimator cannot be set up on TensorFlow .*tf_export"):
        estimator_compat.restore_api_name()


def test_the_distribute_coordinator_stand_in_says_no():
    coordinator = estimator_compat.coordinator_stand_in()
    assert coordinator.should_run_distribute_coordinator(tf.estimator.RunConfig()) is False
    with pytest.raises(estimator_compat.UnsupportedError, match="distribution strategies"):
        coordinator.estimator_train(None, None, None)


def test_loading_twice_gives_the_same_api():
    assert estimator_compat.load() is estimator_compat.estimator


def test_the_tpu_module_says_tpu_is_not_supported():
    with pytest.raises(AttributeError, match="TPU is not supported"):
        estimator_compat.estimator.tpu.RunConfig
