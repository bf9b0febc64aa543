"""Tests of deep_mnist.py: the graph's shapes, learning, batched evaluation, output."""

import os
import re

import numpy as np
import pytest

import deep_mnist
from tests.helpers import recorded
from deep_mnist import tf


@pytest.fixture
def graph():
    with tf.Graph().as_default() as g:
        x = tf.placeholder(tf.float32, [None, 784])
        y_conv, keep_prob = deep_mnist.deepnn(x)
        yield g, x, y_conv, keep_prob


def test_layer_and_variable_shapes(graph):
    g, x, y_conv, keep_prob = graph
    assert y_conv.shape.as_list() == [None, 10]
    assert keep_prob.op.type == "Placeholder" and keep_prob.dtype == tf.float32
    variables = {v.op.name: v.shape.as_list() for v in tf.global_variables()}
    assert variables == {
        "conv1/Variable": [5, 5, 1, 32], "conv1/Variable_1": [32],
        "conv2/Variable": [5, 5, 32, 64], "conv2/Variable_1": [64],
        "fc1/Variable": [3136, 1024], "fc1/Variable_1": [1024],
        "fc2/Variable": [1024, 10], "fc2/Variable_1": [10],
    }
    outputs = {
        "reshape/Reshape": [None, 28, 28, 1],
        "conv1/Relu": [None, 28, 28, 32], "pool1/MaxPool": [None, 14, 14, 32],
        "conv2/Relu": [None, 14, 14, 64], "pool2/MaxPool": [None, 7, 7, 64],
        "fc1/Relu": [None, 1024],
    }
    for name, shape in outputs.items():
        assert g.get_tensor_by_name(name + ":0").shape.as_list() == shape, name
    scopes = {op.name.split("/")[0] for op in g.get_operations()}
    assert {"reshape", "conv1", "pool1", "conv2", "pool2", "fc1", "dropout",
            "fc2"} <= scopes


def test_initial_values_follow_the_document(graph):
    variables = {v.op.name: v for v in tf.global_variables()}
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        weights, bias = sess.run([variables["fc1/Variable"], variables["fc1/Variable_1"]])
    assert np.all(bias == np.float32(0.1))
    assert abs(weights.std() - 0.088) < 0.005  # truncated normal(0.1) has std 0.088
    assert np.abs(weights).max() <= 0.2


def test_dropout_is_off_at_keep_prob_one(graph):
    _, x, y_conv, keep_prob = graph
    images = np.random.RandomState(0).rand(4, 784).astype(np.float32)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        a = sess.run(y_conv, {x: images, keep_prob: 1.0})
        b = sess.run(y_conv, {x: images, keep_prob: 1.0})
        c = sess.run(y_conv, {x: images, keep_prob: 0.5})
    np.testing.assert_array_equal(a, b)
    assert not np.allclose(a, c)


def test_batched_evaluation_equals_one_batch(graph):
    _, x, y_conv, keep_prob = graph
    rng = np.random.RandomState(1)
    images = rng.rand(1003, 784).astype(np.float32)
    labels = np.eye(10)[rng.randint(0, 10, 1003)]
    y_ = tf.placeholder(tf.float32, [None, 10])
    correct = tf.cast(tf.equal(tf.argmax(y_conv, 1), tf.argmax(y_, 1)), tf.float32)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        feed = lambda i, l: {x: i, y_: l, keep_prob: 1.0}  # noqa: E731
        whole = sess.run(tf.reduce_mean(correct), feed(images, labels))
        for batch_size in (1003, 1000, 100, 7):
            batched = deep_mnist.evaluate_accuracy(
                sess, tf.reduce_sum(correct), feed, images, labels, batch_size)
            assert "%g" % batched == "%g" % whole
            assert batched == pytest.approx(whole, abs=1e-6)


def _run(mnist_dir, tmp_path, capsys, *extra):
    accuracy = deep_mnist.main(["--data_dir", mnist_dir, "--steps", "60",
                                "--log_every", "20", "--graph_dir", str(tmp_path),
                                "--seed", "1"] + list(extra))
    return accuracy, capsys.readouterr().out.splitlines()


def test_short_run_learns_and_prints_the_documents_lines(mnist_dir, tmp_path, capsys):
    accuracy, lines = _run(mnist_dir, tmp_path, capsys)
    assert accuracy >= 0.8
    progress = [l for l in lines if l.startswith("step ")]
    assert [l.split(",")[0] for l in progress] == ["step 0", "step 20", "step 40"]
    for line in progress:
        assert re.fullmatch(r"step \d+, training accuracy (0|1|0\.\d+)", line), line
    assert lines[-1] == "test accuracy %g" % accuracy
    assert "Saving graph to: %s" % tmp_path in lines
    assert any(name.startswith("events.out.tfevents") for name in os.listdir(tmp_path))


def test_seed_makes_runs_identical(mnist_dir, tmp_path, capsys):
    first = _run(mnist_dir, tmp_path, capsys, "--eval_batch_size", "64")
    second = _run(mnist_dir, tmp_path, capsys, "--eval_batch_size", "500")
    assert first == second


def test_seed_prints_what_tf_1_15_printed_for_the_document(mnist_dir, tmp_path, capsys):
    """tests/data/tf115/script_deep.txt: the document's program, seeded, on TF 1.15."""
    deep_mnist.main(["--data_dir", mnist_dir, "--steps", "101", "--seed", "1",
                     "--graph_dir", str(tmp_path)])
    lines = [l for l in capsys.readouterr().out.splitlines()
             if l.startswith(("step ", "test accuracy"))]
    assert lines == recorded("script_deep")


def test_defaults_are_the_documents():
    flags = deep_mnist.parse_args([])
    assert (flags.steps, flags.batch_size, flags.learning_rate) == (20000, 50, 1e-4)
    assert flags.log_every == 100 and flags.eval_batch_size == 1000
