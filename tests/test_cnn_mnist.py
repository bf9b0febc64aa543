"""Tests of cnn_mnist.py: the tf.layers model through the Estimator, on the synthetic set."""

import logging

import numpy as np

import cnn_mnist
from tests.helpers import assert_layers_guide_output, recorded
from tf1 import tf

estimator = tf.estimator


def test_model_fn_shapes_and_tf1_variable_names():
    with tf.Graph().as_default():
        tf.train.get_or_create_global_step()
        features = {"x": tf.placeholder(tf.float32, [None, 784])}
        labels = tf.placeholder(tf.int32, [None])
        spec = cnn_mnist.cnn_model_fn(features, labels, estimator.ModeKeys.TRAIN)
        names = {v.op.name: v.shape.as_list() for v in tf.global_variables()}
        assert not spec.predictions and spec.train_op is not None
        softmax = tf.get_default_graph().get_tensor_by_name("softmax_tensor:0")
        assert softmax.op.type == "Softmax" and softmax.shape.as_list() == [None, 10]
    assert names == {
        "global_step": [],
        "conv2d/kernel": [5, 5, 1, 32], "conv2d/bias": [32],
        "conv2d_1/kernel": [5, 5, 32, 64], "conv2d_1/bias": [64],
        "dense/kernel": [3136, 1024], "dense/bias": [1024],
        "dense_1/kernel": [1024, 10], "dense_1/bias": [10],
    }


def test_predict_mode_returns_classes_and_probabilities():
    with tf.Graph().as_default():
        spec = cnn_mnist.cnn_model_fn({"x": tf.zeros([3, 784])}, None,
                                      estimator.ModeKeys.PREDICT)
        assert set(spec.predictions) == {"classes", "probabilities"}
        assert spec.predictions["probabilities"].shape.as_list() == [3, 10]
        assert spec.loss is None


def test_main_trains_logs_evaluates_and_continues(mnist_dir, tmp_path, capsys, caplog):
    args = ["--data_dir", mnist_dir, "--model_dir", str(tmp_path), "--steps", "40",
            "--learning_rate", "0.05", "--log_every", "20", "--seed", "1"]
    with caplog.at_level(logging.INFO, logger="tensorflow"):
        results = cnn_mnist.main(args)
    printed = capsys.readouterr().out.splitlines()[-1]
    assert_layers_guide_output(caplog.records, printed, 40, 2)
    assert printed == str(results)  # the dict main returns, as the document prints it
    assert results["accuracy"] >= 0.5  # chance is 0.1

    again = cnn_mnist.main(args[:5] + ["10"] + args[6:])
    assert again["global_step"] == 50


def test_defaults_are_the_documents():
    flags = cnn_mnist.parse_args([])
    assert (flags.steps, flags.batch_size, flags.learning_rate) == (20000, 100, 0.001)
    assert flags.model_dir == "/tmp/mnist_convnet_model"
    assert flags.data_dir == "MNIST-data" and flags.log_every == 50


def test_model_dir_of_another_model_is_a_clear_error(mnist_dir, tmp_path, capsys):
    from tf1 import exits

    def other_model_fn(features, labels, mode):
        logits = tf.layers.dense(features["x"], 10)
        loss = tf.losses.sparse_softmax_cross_entropy(labels=labels, logits=logits)
        train_op = tf.train.GradientDescentOptimizer(0.1).minimize(
            loss, global_step=tf.train.get_global_step())
        return estimator.EstimatorSpec(mode=mode, loss=loss, train_op=train_op)

    data = np.zeros((10, 784), np.float32)
    estimator.Estimator(other_model_fn, model_dir=str(tmp_path)).train(
        estimator.inputs.numpy_input_fn({"x": data}, np.zeros(10, np.int32),
                                        batch_size=5, num_epochs=None, shuffle=True),
        steps=1)
    status = exits.run(cnn_mnist.main, ["--data_dir", mnist_dir, "--model_dir",
                                      str(tmp_path), "--steps", "1"])
    assert status == 1
    err = capsys.readouterr().err
    assert err.startswith("error: The checkpoint %s" % tmp_path)
    assert "variable dense/kernel has shape [3136, 1024] in the model but [784, 10] in " \
        "the checkpoint" in err
    assert "variable conv2d/kernel (shape [5, 5, 1, 32]) is not in the checkpoint" in err


def test_seed_makes_runs_identical(mnist_dir, tmp_path):
    def run(model_dir):
        return cnn_mnist.main(["--data_dir", mnist_dir, "--model_dir", str(model_dir),
                               "--steps", "8", "--learning_rate", "0.05", "--seed", "3"])
    assert run(tmp_path / "a") == run(tmp_path / "b")


def test_seed_starts_from_tf_1_15s_initial_variables(mnist_dir, tmp_path):
    """tests/data/tf115/script_cnn.txt: model.ckpt-0 of the layers guide's program
    with RunConfig(tf_random_seed=1) on TF 1.15 (whose shuffled input, fed from
    threads, did not repeat after that)."""
    cnn_mnist.main(["--data_dir", mnist_dir, "--model_dir", str(tmp_path), "--steps", "1",
                    "--seed", "1"])
    first = str(tmp_path / "model.ckpt-0")
    sums = ["%s %.6g" % (name, tf.train.load_variable(first, name).sum())
            for name, _ in tf.train.list_variables(first) if "/" in name]
    assert sums == recorded("script_cnn")


def test_tensorboard_reads_the_summaries_and_graph(mnist_dir, tmp_path):
    from tensorboard.backend.event_processing import event_accumulator
    cnn_mnist.main(["--data_dir", mnist_dir, "--model_dir", str(tmp_path), "--steps",
                    "101", "--learning_rate", "0.05", "--seed", "1"])

    def read(directory):
        events = event_accumulator.EventAccumulator(str(directory))
        events.Reload()
        return events

    train = read(tmp_path)
    assert {"loss", "global_step/sec"} <= set(train.Tags()["scalars"])
    assert train.Tags()["graph"]
    assert [e.step for e in train.Scalars("loss")][0] in (0, 1)
    assert any(node.name == "softmax_tensor" for node in train.Graph().node)
    evaluation = read(tmp_path / "eval")
    assert {"accuracy", "loss"} <= set(evaluation.Tags()["scalars"])
    [accuracy] = evaluation.Scalars("accuracy")
    assert accuracy.step == 101 and accuracy.value >= 0.5
