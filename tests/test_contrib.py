"""tf.contrib as TF 1 code reached it: each name by attribute and by import, tf-slim
made to import once, TensorFlow's own RNN cells under contrib.rnn with TF 1's
variable names, contrib.learn's own arguments, and one clear line for a name that
is missing at any depth (found by ``--scan`` too)."""

import types

import numpy as np
import pytest

from tf1 import internals, learn, redirect, scan, tf
from tf1.contrib import slim as contrib_slim

# (import statement, the name it binds, the attribute path from tf it must equal)
FORMS = [
    ("import tensorflow.contrib.slim as slim", "slim", "contrib.slim"),
    ("import tensorflow.contrib.layers as layers", "layers", "contrib.layers"),
    ("from tensorflow.contrib import rnn", "rnn", "contrib.rnn"),
    ("from tensorflow.contrib.layers import flatten", "flatten", "contrib.layers.flatten"),
    ("from tensorflow.contrib.layers.python.layers import initializers", "initializers",
     "contrib.layers.python.layers.initializers"),
    ("from tensorflow.examples.tutorials import mnist", "mnist", None),
    ("from tensorflow.contrib.framework import arg_scope", "arg_scope",
     "contrib.framework.arg_scope"),
    ("from tensorflow.contrib.tensorboard.plugins import projector", "projector",
     "contrib.tensorboard.plugins.projector"),
    ("import tensorflow.contrib.metrics as metrics", "metrics", "contrib.metrics"),
    ("from tensorflow.contrib.learn import DNNClassifier", "DNNClassifier",
     "contrib.learn.DNNClassifier"),
    # contrib's own module paths
    ("from tensorflow.contrib.framework.python.ops.arg_scope import add_arg_scope",
     "add_arg_scope", "contrib.framework.add_arg_scope"),
    ("from tensorflow.contrib.framework.python.ops import variables", "variables",
     "contrib.framework.python.ops.variables"),
    ("from tensorflow.contrib.layers.python.layers.layers import conv2d", "conv2d",
     "contrib.layers.conv2d"),
    ("import tensorflow.contrib.layers.python.layers.regularizers as r", "r",
     "contrib.layers.python.layers.regularizers"),
    ("from tensorflow.contrib.layers.python.layers.utils import collect_named_outputs",
     "collect_named_outputs", "contrib.layers.python.layers.utils.collect_named_outputs"),
    ("from tensorflow.contrib.slim.python.slim import learning", "learning",
     "contrib.slim.python.slim.learning"),
    ("from tensorflow.contrib.slim.python.slim.learning import train", "train",
     "contrib.slim.learning.train"),
    ("from tensorflow.contrib.rnn.python.ops.rnn_cell import LSTMCell", "LSTMCell",
     "contrib.rnn.LSTMCell"),
    ("from tensorflow.contrib.rnn.python.ops import core_rnn_cell", "core_rnn_cell",
     "contrib.rnn.python.ops.core_rnn_cell"),
    ("from tensorflow.contrib.rnn.python.ops.rnn import stack_bidirectional_rnn",
     "stack_bidirectional_rnn", "contrib.rnn.stack_bidirectional_rnn"),
    ("from tensorflow.contrib.learn.python.learn import learn_runner", "learn_runner",
     "contrib.learn.python.learn.learn_runner"),
    ("from tensorflow.contrib.learn.python.learn.learn_runner import run", "run",
     "contrib.learn.learn_runner.run"),
    ("from tensorflow.contrib.learn.python.learn.experiment import Experiment",
     "Experiment", "contrib.learn.Experiment"),
    ("from tensorflow.contrib.learn.python.learn.estimators.run_config import RunConfig",
     "RunConfig", "contrib.learn.RunConfig"),
    ("from tensorflow.contrib.learn.python.learn.datasets.mnist import read_data_sets",
     "read_data_sets", "contrib.learn.datasets.mnist.read_data_sets"),
    ("from tensorflow.contrib.training.python.training.hparam import HParams", "HParams",
     "contrib.training.HParams"),
    ("from tensorflow.contrib.rnn import core_rnn_cell", "core_rnn_cell",
     "contrib.rnn.core_rnn_cell"),
    ("from tensorflow.contrib.data import Dataset, TextLineDataset, Iterator", "Dataset",
     "contrib.data.Dataset"),
]

LAYERS = ["conv2d", "max_pool2d", "avg_pool2d", "fully_connected", "flatten", "dropout",
          "batch_norm", "l2_regularizer", "xavier_initializer",
          "variance_scaling_initializer", "optimize_loss", "summarize_activation",
          "summarize_activations", "summarize_tensors", "summarize_collection",
          "real_valued_column"]
SLIM = ["arg_scope", "losses.softmax_cross_entropy", "metrics.streaming_accuracy",
        "learning.train", "get_variables_to_restore", "get_or_create_global_step"]
RNN = ["BasicRNNCell", "BasicLSTMCell", "LSTMCell", "GRUCell", "MultiRNNCell",
       "DropoutWrapper", "LSTMStateTuple", "static_rnn", "static_bidirectional_rnn",
       "stack_bidirectional_dynamic_rnn", "stack_bidirectional_rnn"]
NN = ["dynamic_rnn", "static_rnn", "bidirectional_dynamic_rnn", "rnn_cell.BasicLSTMCell"]


def attribute(path, root=tf):
    for part in path.split("."):
        root = getattr(root, part)
    return root


def user_exec(source):
    """Runs ``source`` as the user's code runs under python -m tf1; returns its globals."""
    namespace = {"__builtins__": redirect.builtins_for_user_code()}
    exec(source, namespace)
    return namespace


@pytest.mark.parametrize("statement, bound, path", FORMS)
def test_each_import_form_gives_what_the_attribute_gives(statement, bound, path):
    found = user_exec(statement)[bound]
    if path is None:  # the tutorials' package: its modules are tf1's
        assert found.input_data.read_data_sets and found.mnist.inference
        return
    assert found is attribute(path)


@pytest.mark.parametrize("path", ["contrib.layers." + n for n in LAYERS]
                         + ["contrib.slim." + n for n in SLIM]
                         + ["contrib.rnn." + n for n in RNN] + ["nn." + n for n in NN]
                         + ["contrib.framework.get_global_step",
                            "contrib.tensorboard.plugins.projector.ProjectorConfig",
                            "contrib.losses.softmax_cross_entropy", "contrib.data.Dataset"])
def test_the_names_tf1_code_called_are_there(path):
    assert callable(attribute(path))


def test_they_are_the_libraries_own():
    import tf_slim
    from tensorboard.plugins import projector
    assert tf.contrib.slim.conv2d is tf_slim.conv2d
    assert tf.contrib.layers.batch_norm is tf_slim.layers.batch_norm
    assert tf.contrib.layers.optimize_loss is tf_slim.optimize_loss
    assert tf.contrib.rnn.BasicLSTMCell is tf.nn.rnn_cell.BasicLSTMCell
    assert tf.contrib.tensorboard.plugins.projector.visualize_embeddings is \
        projector.visualize_embeddings


@pytest.mark.parametrize("path, name", [
    ("nn.no_such_op", "tf.nn.no_such_op"),
    ("contrib.slim.losses.no_such_loss", "tf.contrib.slim.losses.no_such_loss"),
    ("contrib.rnn.LayerNormBasicLSTMCell", "tf.contrib.rnn.LayerNormBasicLSTMCell"),
    ("contrib.seq2seq", "tf.contrib.seq2seq"),
    ("contrib.layers.python.layers.no_such", "tf.contrib.layers.python.layers.no_such"),
])
def test_a_missing_name_at_any_depth_is_one_line(path, name):
    with pytest.raises(tf.NotProvidedError) as info:
        attribute(path)
    assert str(info.value) == "%s is a TensorFlow 1 name that tf1 does not provide" % name
    assert not hasattr(tf.nn, "no_such_op")  # still an AttributeError to hasattr


def test_a_missing_import_names_the_module():
    with pytest.raises(tf.NotProvidedError, match="^tf.contrib.seq2seq is "):
        user_exec("from tensorflow.contrib.seq2seq.python.ops import decoder")
    with pytest.raises(tf.NotProvidedError, match="^tf.contrib.layers.no_such_layer "):
        user_exec("from tensorflow.contrib.layers import no_such_layer")


def test_scan_reads_imports_aliases_and_chains():
    source = (b"import tensorflow as tf\n"
              b"import tensorflow.contrib.slim as slim\n"
              b"from tensorflow.contrib.layers import flatten, no_such\n"
              b"from tensorflow.python.client import timeline\n"
              b"def f(x):\n"
              b"    from tensorflow.contrib import rnn\n"
              b"    cell = rnn.BasicLSTMCell(4).zero_state\n"
              b"    y = slim.losses.nope(tf.nn.relu(x)).anything\n"
              b"    return tf.contrib.rnn.GridLSTMCell, tf.train.AdamOptimizer(1).minimize\n"
              b"from tensorflow.contrib.rnn import LSTMCell\n"
              b"LSTMCell.no_such_method\n")
    assert scan.scan_source(source, "p.py") == [
        (3, "tf.contrib.layers.no_such"), (8, "tf.contrib.slim.losses.nope"),
        (9, "tf.contrib.rnn.GridLSTMCell"), (11, "tf.contrib.rnn.LSTMCell.no_such_method")]


# ---------------------------------------------------------------------------
# tf-slim, made to import
# ---------------------------------------------------------------------------

def test_loading_tf_slim_again_changes_nothing():
    from tensorflow.python.ops import control_flow_ops
    before = control_flow_ops.cond
    assert contrib_slim.load() is contrib_slim.slim
    assert control_flow_ops.cond is before is tf.cond


def test_put_back_gives_a_name_only_where_it_is_missing(monkeypatch):
    from tensorflow.python.ops import array_ops
    monkeypatch.delattr(array_ops, "stack", raising=False)
    internals.put_back("tensorflow.python.ops.array_ops", "stack", tf.stack)
    assert array_ops.stack is tf.stack
    marker = object()
    monkeypatch.setattr(array_ops, "stack", marker)
    internals.put_back("tensorflow.python.ops.array_ops", "stack", tf.stack)
    assert array_ops.stack is marker  # TensorFlow's own, when it has one, is kept
    with pytest.raises(KeyError, match="list it there first"):
        internals.put_back("tensorflow.python.ops.array_ops", "gather", tf.gather)


def test_batch_norm_with_a_placeholder_is_training_normalizes():
    with tf.Graph().as_default():
        x = tf.placeholder(tf.float32, [None, 3])
        training = tf.placeholder(tf.bool, [])
        y = tf.contrib.layers.batch_norm(x, is_training=training, decay=0.0,
                                         updates_collections=None)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            data = np.random.RandomState(0).randn(64, 3) * 5 + 2
            out = sess.run(y, {x: data, training: True})
            again = sess.run(y, {x: data, training: False})  # the moving statistics
    assert np.allclose(out.mean(0), 0, atol=1e-4) and np.allclose(out.std(0), 1, atol=1e-2)
    assert np.allclose(again, out, atol=0.05)  # (the moving variance is the unbiased one)


# ---------------------------------------------------------------------------
# contrib.rnn: TensorFlow's own cells, TF 1's variable names
# ---------------------------------------------------------------------------

def test_a_cell_built_in_one_scope_and_reused_keeps_tf1s_names():
    with tf.Graph().as_default():
        rows = tf.unstack(tf.placeholder(tf.float32, [None, 28, 28]), 28, 1)
        cell = tf.contrib.rnn.BasicLSTMCell(8)
        with tf.variable_scope("encoder"):
            tf.contrib.rnn.static_rnn(cell, rows, dtype=tf.float32)
        with tf.variable_scope("encoder", reuse=True):
            tf.contrib.rnn.static_rnn(cell, rows, dtype=tf.float32)
        names = sorted(v.op.name for v in tf.global_variables())
    assert names == ["encoder/rnn/basic_lstm_cell/bias", "encoder/rnn/basic_lstm_cell/kernel"]


def test_stacked_bidirectional_rnns_have_tf1s_scopes_and_shapes():
    with tf.Graph().as_default():
        x = tf.placeholder(tf.float32, [None, 7, 5])
        cells = lambda: [tf.contrib.rnn.GRUCell(4), tf.contrib.rnn.GRUCell(3)]  # noqa: E731
        outputs, states_fw, states_bw = tf.contrib.rnn.stack_bidirectional_dynamic_rnn(
            cells(), cells(), x, dtype=tf.float32)
        static, _, _ = tf.contrib.rnn.stack_bidirectional_rnn(
            cells(), cells(), tf.unstack(x, 7, 1), dtype=tf.float32, scope="static")
        names = {v.op.name for v in tf.global_variables()}
    assert outputs.shape.as_list() == [None, 7, 6] and len(static) == 7
    assert static[0].shape.as_list() == [None, 6]
    assert len(states_fw) == len(states_bw) == 2
    assert "stack_bidirectional_rnn/cell_0/bidirectional_rnn/fw/gru_cell/gates/kernel" in names
    assert "static/cell_1/bidirectional_rnn/bw/gru_cell/candidate/bias" in names
    with pytest.raises(ValueError, match="same depth"):
        tf.contrib.rnn.stack_bidirectional_dynamic_rnn(cells(), cells()[:1], x)


# ---------------------------------------------------------------------------
# contrib.learn's own arguments
# ---------------------------------------------------------------------------

def test_real_valued_column_is_a_numeric_column_of_its_dimension():
    column = tf.contrib.layers.real_valued_column("", dimension=784)
    assert column.key == "" and column.shape == (784,) and column.dtype == tf.float32
    [inferred] = learn.infer_real_valued_columns_from_input(np.zeros((3, 28, 28), np.float32))
    assert inferred.key == "" and inferred.shape == (28, 28)


def test_contrib_run_config_takes_contribs_arguments(tmp_path):
    config = tf.contrib.learn.RunConfig(num_cores=2, gpu_memory_fraction=0.5,
                                        tf_random_seed=3, model_dir=str(tmp_path))
    assert isinstance(config, tf.estimator.RunConfig)
    assert config.tf_random_seed == 3 and config.model_dir == str(tmp_path)
    assert config.session_config.intra_op_parallelism_threads == 2
    assert config.session_config.gpu_options.per_process_gpu_memory_fraction == 0.5


def test_an_argument_with_no_equivalent_is_refused_in_one_line():
    columns = [tf.contrib.layers.real_valued_column("", dimension=4)]
    with pytest.raises(ValueError, match=r"^tf.contrib.learn.DNNClassifier\("
                       r"gradient_clip_norm=...\) has no equivalent"):
        tf.contrib.learn.DNNClassifier([4], columns, gradient_clip_norm=5.0)
    classifier = tf.contrib.learn.DNNClassifier([4], columns, enable_centered_bias=False)
    assert isinstance(classifier._estimator, tf.estimator.DNNClassifier)


def test_namespaces_are_modules_for_code_that_checks():
    assert isinstance(tf.contrib.slim, types.ModuleType)
    assert "conv2d" in dir(tf.contrib.slim) and "static_rnn" in dir(tf.contrib.rnn)
