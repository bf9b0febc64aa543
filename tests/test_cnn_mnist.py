"""Tests of cnn_mnist.py: the tf.layers model through the Estimator, on the synthetic set."""

import ast
import logging

import numpy as np
import pytest

import cnn_mnist
from tf1 import estimator
from cnn_mnist import tf


def test_model_fn_shapes_and_tf1_variable_names():
    with tf.Graph().as_default():
        tf.train.get_or_create_global_step()
        features = {"x": tf.placeholder(tf.float32, [None, 784])}
        labels = tf.placeholder(tf.int32, [None])
        spec = cnn_mnist.cnn_model_fn(features, labels, estimator.ModeKeys.TRAIN)
        names = {v.op.name: v.shape.as_list() for v in tf.global_variables()}
        assert spec.predictions is None and spec.train_op is not None
        assert tf.get_default_graph().get_tensor_by_name("softmax_tensor:0") is not None
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
    assert ast.literal_eval(printed) == results
    assert list(results) == ["accuracy", "loss", "global_step"]
    assert results["global_step"] == 40
    assert results["accuracy"] >= 0.5  # chance is 0.1
    messages = [r.getMessage() for r in caplog.records]
    assert any(m.startswith("loss = ") and m.endswith(", step = 1") for m in messages)
    assert sum(m.startswith("probabilities = [[") for m in messages) == 2
    assert any(m.startswith("Loss for final step: ") for m in messages)
    assert any(m.startswith("Saving evaluation summary for step 40: accuracy = ")
               for m in messages)

    again = cnn_mnist.main(args[:5] + ["10"] + args[6:])
    assert again["global_step"] == 50


def test_defaults_are_the_documents():
    flags = cnn_mnist.parse_args([])
    assert (flags.steps, flags.batch_size, flags.learning_rate) == (20000, 100, 0.001)
    assert flags.model_dir == "/tmp/mnist_convnet_model"
    assert flags.data_dir == "MNIST-data" and flags.log_every == 50
