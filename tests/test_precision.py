"""--mixed_precision: the flag, the untouched default, and the fallback line."""

import numpy as np
import pytest

import cnn_mnist
import deep_mnist
import mnist_softmax
from tf1 import precision, tf


@pytest.mark.parametrize("script", [mnist_softmax, deep_mnist, cnn_mnist])
def test_flag_takes_three_modes_and_defaults_to_off(script, capsys):
    assert script.parse_args([]).mixed_precision == "off"
    for mode in ("off", "bf16", "fp16"):
        assert script.parse_args(["--mixed_precision", mode]).mixed_precision == mode
    with pytest.raises(SystemExit):
        script.parse_args(["--mixed_precision", "fp8"])
    assert "argument --mixed_precision: invalid choice: 'fp8'" in capsys.readouterr().err


def test_off_leaves_tensorflows_defaults(capsys):
    assert precision.session_config(mnist_softmax.parse_args([]).mixed_precision) is None
    assert capsys.readouterr().err == ""


def test_bf16_turns_on_the_onednn_rewrite_where_the_cpu_has_it(monkeypatch, capsys):
    monkeypatch.setattr(precision, "cpu_has_bf16", lambda: True)
    config = precision.session_config("bf16")
    rewrites = config.graph_options.rewrite_options
    assert rewrites.auto_mixed_precision_onednn_bfloat16 == rewrites.ON
    assert rewrites.auto_mixed_precision != rewrites.ON
    assert capsys.readouterr().err == ""


def test_without_the_hardware_one_line_then_float32(monkeypatch, capsys):
    monkeypatch.setattr(precision, "_BF16_CPU_FLAGS", ("no_such_cpu_flag",))
    assert precision.session_config("bf16") is None
    assert capsys.readouterr().err == (
        "--mixed_precision bf16: this CPU has no bfloat16 instructions (avx512_bf16 or "
        "amx_bf16); running in float32\n")
    if precision.has_gpu():
        pytest.skip("this machine has a GPU: fp16 does not fall back here")
    assert precision.session_config("fp16") is None
    assert capsys.readouterr().err == (
        "--mixed_precision fp16: float16 mixed precision needs a GPU, and TensorFlow "
        "sees none; running in float32\n")


def bf16_or_skip():
    reason = precision.unavailable_reason("bf16")
    if reason:
        pytest.skip("bf16: " + reason)


def test_bf16_runs_matmuls_in_bfloat16():
    bf16_or_skip()
    from tensorflow.core.framework import types_pb2
    with tf.Graph().as_default():
        x = tf.placeholder(tf.float32, [None, 64])
        y = tf.matmul(x, tf.Variable(tf.ones([64, 64])))
        # Fetch something downstream: grappler never rewrites a fetched node.
        total = tf.reduce_sum(y)
        meta = tf.RunMetadata()
        with tf.Session(config=precision.session_config("bf16")) as sess:
            sess.run(tf.global_variables_initializer())
            value = sess.run(total, {x: np.ones((8, 64), np.float32)}, run_metadata=meta,
                             options=tf.RunOptions(output_partition_graphs=True))
    assert value == 8 * 64 * 64
    # A oneDNN build runs the rewritten op as _MklMatMul.
    matmuls = [n for g in meta.partition_graphs for n in g.node if n.op.endswith("MatMul")]
    assert matmuls and all(n.attr["T"].type == types_pb2.DT_BFLOAT16 for n in matmuls)


def test_a_bf16_run_learns(mnist_dir, capsys):
    bf16_or_skip()  # elsewhere it would fall back to float32: nothing to test
    accuracy = mnist_softmax.main(["--data_dir", mnist_dir, "--steps", "100",
                                   "--mixed_precision", "bf16", "--seed", "1"])
    assert accuracy >= 0.9
