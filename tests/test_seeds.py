"""TF 1's seeds (tf1.seeds) and what depends on them: a random op with no seed of
its own, in a graph with a seed, gets TF 1.15's (graph seed, op id), whatever
TensorFlow 2.21 builds; seeded TF 1 programs of each family print what TF 1.15
printed for them (tests/data/tf115/, recorded by its record.py) and repeat."""

import os
import re
import sys

import numpy as np
import pytest
from IPython.core.interactiveshell import InteractiveShell

from tests.helpers import PROGRAMS as PROGRAM_DIR, recorded, run_program
from tf1 import input_data, seeds, tf


def random_ops(graph):
    return [(op.name, op.get_attr("seed"), op.get_attr("seed2"))
            for op in graph.get_operations() if "seed2" in op.node_def.attr]


def test_a_raw_graphs_random_ops_get_tf_1_15s_seeds():
    """Op ids TF 1.15 gave this graph (tf.Variable, truncated_normal, dropout with a
    placeholder, xavier, glorot by default, variance scaling, random_uniform)."""
    with tf.Graph().as_default() as graph:
        tf.set_random_seed(1)
        x = tf.placeholder(tf.float32, [None, 784])
        keep = tf.placeholder(tf.float32)
        w = tf.Variable(tf.truncated_normal([784, 32], stddev=0.1))
        b = tf.Variable(tf.constant(0.1, shape=[32]))
        h = tf.nn.dropout(tf.nn.relu(tf.matmul(x, w) + b), keep)
        tf.get_variable("W2", [32, 10], initializer=tf.contrib.layers.xavier_initializer())
        tf.get_variable("W3", [32, 10])
        tf.get_variable("W4", [32, 10], initializer=tf.truncated_normal_initializer(stddev=0.1))
        tf.get_variable("W5", [32, 10],
                        initializer=tf.contrib.layers.variance_scaling_initializer())
        tf.random_normal([3]) + tf.random_uniform([3])
    assert [seed2 for _, _, seed2 in random_ops(graph)] == [5, 23, 38, 48, 58, 67, 76, 82]
    assert {seed for _, seed, _ in random_ops(graph)} == {1}


def test_tf_layers_random_ops_get_tf_1_15s_seeds():
    with tf.Graph().as_default() as graph:
        tf.set_random_seed(3)
        x = tf.placeholder(tf.float32, [None, 28, 28, 1])
        training = tf.placeholder(tf.bool)
        net = tf.layers.conv2d(x, 8, [5, 5], padding="same", activation=tf.nn.relu)
        net = tf.layers.max_pooling2d(net, 2, 2)
        net = tf.layers.batch_normalization(net, training=training)
        net = tf.layers.dense(tf.reshape(net, [-1, 14 * 14 * 8]), 64, activation=tf.nn.relu)
        tf.layers.dense(tf.layers.dropout(net, rate=0.4, training=training), 10)
    assert random_ops(graph) == [
        ("conv2d/kernel/Initializer/random_uniform/RandomUniform", 3, 5),
        ("dense/kernel/Initializer/random_uniform/RandomUniform", 3, 78),
        ("dropout/cond/dropout/random_uniform/RandomUniform", 3, 101),
        ("dense_1/kernel/Initializer/random_uniform/RandomUniform", 3, 119)]


def test_explicit_op_seeds_unseeded_graphs_and_eager_keep_their_rules():
    with tf.Graph().as_default() as graph:
        tf.random_uniform([2])  # no graph seed: TensorFlow picks at random
        tf.set_random_seed(4)
        tf.random_uniform([2], seed=9)
    assert [(s, s2) for _, s, s2 in random_ops(graph)] == [(0, 0), (4, 9)]
    with tf.Graph().as_default():
        assert tf.get_seed(None) == (None, None) and tf.get_seed(3) == (87654321, 3)


def test_the_op_count_is_tf_1s_after_each_corrected_call():
    with tf.Graph().as_default() as graph:
        tf.random_uniform([3])  # TF 1.15: shape, min, max, RandomUniform, sub, mul, add
        assert seeds.tf1_op_count(graph) == 7
        tf.nn.dropout(tf.ones([2, 2]), rate=0.5)  # TF 1.15: 24 ops in all by now
        assert seeds.tf1_op_count(graph) == 7 + 1 + 16  # ones, then 16


def test_dropout_of_an_array_with_a_tensor_rate_gets_tf_1_15s_seeds():
    """TF 1.15 gave these ops the ids 5 and 20; checking the rate's dtype must not
    add an op of its own."""
    with tf.Graph().as_default() as graph:
        tf.set_random_seed(1)
        rate = tf.placeholder(tf.float32, [])
        tf.nn.dropout(np.ones((2, 3), np.float32), rate=rate)
        tf.random_uniform([2])
    assert [seed2 for _, _, seed2 in random_ops(graph)] == [5, 20]


def test_seeded_loops_draw_in_order_and_repeat():
    def masks():
        with tf.Graph().as_default():
            tf.set_random_seed(5)
            x = tf.placeholder(tf.float32, [None, 5, 4])
            cell = tf.nn.rnn_cell.DropoutWrapper(tf.nn.rnn_cell.BasicRNNCell(4),
                                                 output_keep_prob=0.5)
            out, _ = tf.nn.dynamic_rnn(cell, x, dtype=tf.float32)
            with tf.Session() as sess:
                sess.run(tf.global_variables_initializer())
                return sess.run(out, {x: np.ones((2, 5, 4), np.float32)}) != 0
    first = masks()
    assert all((masks() == first).all() for _ in range(3))


def test_the_reader_seeds_numpys_generator_as_tf_1s_did(mnist_dir):
    with tf.Graph().as_default():
        tf.set_random_seed(1)
        input_data.read_data_sets(mnist_dir)
        assert np.random.rand() == np.random.RandomState(1).rand()  # the graph seed's
        input_data.read_data_sets(mnist_dir, seed=7)
        assert np.random.rand() == np.random.RandomState(7).rand()  # its own seed
    batches = [list(input_data.read_data_sets(mnist_dir, seed=3).train.next_batch(9)[1])
               for _ in range(2)]  # no graph seed: its own, again
    assert batches[0] == batches[1]
    np.random.seed(0)
    input_data.read_data_sets(mnist_dir)  # no seed at all: fresh entropy, as in TF 1
    assert np.random.rand() != np.random.RandomState(0).rand()


NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:e-?\d+)?")


def close(ours, theirs, tolerance):
    """Whether two printed lines say the same, numbers within ``tolerance`` (relative)."""
    if NUMBER.sub("#", ours) != NUMBER.sub("#", theirs):
        return False
    pairs = zip(map(float, NUMBER.findall(ours)), map(float, NUMBER.findall(theirs)))
    return all(abs(a - b) <= tolerance * max(abs(b), 1e-6) for a, b in pairs)


def compare(lines, expected):
    """The first loss to every printed digit; what is printed before it (initial
    weights, labels) within 1e-5 (kernels sum in other orders); the rest within the
    1e-3 that the kernels' rounding explains."""
    assert len(lines) == len(expected), (lines, expected)
    first_loss = next(i for i, line in enumerate(expected) if "loss" in line)
    assert lines[first_loss] == expected[first_loss]
    for i, (ours, theirs) in enumerate(zip(lines, expected)):
        assert close(ours, theirs, 1e-5 if i < first_loss else 1e-3), (i, ours, theirs)


# program -> which of TF 1.15's lines it reproduces: all, or the first n
PROGRAMS = {"seeded_softmax": None, "seeded_deep": None, "seeded_layers": None,
            "seeded_contrib": None, "seeded_rnn": None, "seeded_estimator": None,
            # tf.data's shuffle kernel orders differently now: its initial weights only
            "seeded_data": 1}


@pytest.mark.parametrize("program", sorted(PROGRAMS))
def test_a_seeded_program_prints_what_tf_1_15_printed_and_repeats(program, mnist_dir,
                                                                  tmp_path):
    args = [mnist_dir] + ([tmp_path / "a"] if program == "seeded_estimator" else [])
    lines = run_program(program + ".py", *args, cwd=tmp_path)
    expected = recorded(program)[:PROGRAMS[program]]
    if PROGRAMS[program] is None:
        compare(lines, expected)
    else:
        assert all(close(a, b, 1e-5) for a, b in zip(lines, expected)), (lines, expected)
    args = args[:1] + ([tmp_path / "b"] if program == "seeded_estimator" else [])
    assert run_program(program + ".py", *args, cwd=tmp_path) == lines


def test_seeded_programs_repeat_as_ipython_cells(mnist_dir, tmp_path, monkeypatch, capsys):
    """After %load_ext tf1, each seeded program run twice as a cell (a fresh graph
    each time, as a user would) prints the same, and TF 1.15's first loss (where
    test_a_seeded_program_prints_what_tf_1_15_printed_and_repeats checks all)."""
    main_module = sys.modules["__main__"]
    shell = InteractiveShell.instance()
    monkeypatch.chdir(tmp_path)
    try:
        assert shell.run_cell("%load_ext tf1").success
        for program in sorted(PROGRAMS):
            printed = []
            for run in ("a", "b"):
                args = [mnist_dir] + ([str(tmp_path / (program + run))]
                                      if program == "seeded_estimator" else [])
                monkeypatch.setattr(sys, "argv", [program + ".py"] + args)
                with open(os.path.join(PROGRAM_DIR, program + ".py")) as f:
                    result = shell.run_cell("%reset -f\nimport tensorflow as tf\n"
                                            "tf.reset_default_graph()\n" + f.read())
                assert result.success, (program, result.error_in_exec)
                printed.append([line for line in capsys.readouterr().out.splitlines()
                                if not line.startswith("Extracting")])
            assert printed[0] == printed[1], program
            if PROGRAMS[program] is None:  # (seeded_data's batches are tf.data's own)
                first_loss = next(line for line in recorded(program) if "loss" in line)
                assert first_loss in printed[0], (program, printed[0])
    finally:
        InteractiveShell.clear_instance()
        sys.modules["__main__"] = main_module
