"""tf.contrib.training.HParams (tf1.contrib.training): TF 1.15's parsing, casts and
messages, compared line by line with what TF 1.15 printed for the same program."""

import pytest

from tests.helpers import recorded, run_program
from tf1 import tf
from tf1.contrib.training import HParams, parse_values


def test_every_rule_prints_what_tf_1_15_printed(tmp_path):
    assert run_program("hparams_rules.py", cwd=tmp_path) == recorded("hparams_rules")


def test_it_is_tf_contrib_trainings_and_at_its_module_path():
    assert tf.contrib.training.HParams is HParams
    assert tf.contrib.training.python.training.hparam.HParams is HParams


def test_parse_values_reads_indices_lists_and_unknowns():
    assert parse_values("x=5,L=[1,2],arr[1]=3", {"x": int, "L": int, "arr": int}) == {
        "x": 5, "L": [1, 2], "arr": {1: 3}}
    assert parse_values("a=1,b=2", {"a": int}, ignore_unknown=True) == {"a": 1}
    with pytest.raises(ValueError, match="Multiple assignments to variable 'arr\\[1\\]'"):
        parse_values("arr[1]=3,arr[1]=4", {"arr": int})


def test_a_flag_string_overrides_only_what_it_names():
    hparams = HParams(learning_rate=0.01, layers=[32, 16], name="mnist")
    hparams.parse("layers=[64, 64, 10],name=fashion")
    assert hparams.values() == {"learning_rate": 0.01, "layers": [64, 64, 10],
                                "name": "fashion"}


def test_a_protocol_buffer_is_refused_in_one_line():
    with pytest.raises(ValueError, match="HParamDef protocol buffer, which TensorFlow 2 "):
        HParams(hparam_def=object())
