"""tf.contrib.learn's Experiment and learn_runner (tf1.contrib.experiment), run by a
TF 1 program with HParams: each schedule, the old experiment_fn(output_dir), and
the builder's mistakes refused as TF 1 refused them."""

import pytest

from tests.helpers import run_program
from tf1 import tf
from tf1.contrib import experiment


def result(lines, schedule):
    line = next(l for l in lines if l.startswith(schedule + ": "))
    accuracy, step = line.split("accuracy ")[1].split(", global step ")
    return float(accuracy), int(step)


def test_each_schedule_of_an_experiment(mnist_dir, tmp_path):
    model_dir = tmp_path / "model"
    lines = run_program("experiment_runner.py", mnist_dir, model_dir,
                        "learning_rate=0.005,train_steps=60", cwd=tmp_path)
    assert lines[0] == ('hparams {"batch_size": 50, "hidden_units": 32, "layers": [32, 16], '
                        '"learning_rate": 0.005, "train_steps": 60}')
    accuracy, step = result(lines, "train_and_evaluate")
    assert accuracy >= 0.8 and step == 60
    assert result(run_program("experiment_runner.py", mnist_dir, model_dir,
                              "train_steps=60", "continuous_eval", cwd=tmp_path),
                  "continuous_eval") == (accuracy, 60)  # the last checkpoint, once
    run_program("experiment_runner.py", mnist_dir, model_dir, "train_steps=80", "train",
                cwd=tmp_path)
    assert result(run_program("experiment_runner.py", mnist_dir, model_dir, "",
                              "evaluate", cwd=tmp_path), "evaluate")[1] == 80


def model_fn(features, labels, mode):
    logits = tf.layers.dense(features["x"], 2)
    loss = tf.losses.sparse_softmax_cross_entropy(labels=labels, logits=logits)
    return tf.estimator.EstimatorSpec(mode, loss=loss, train_op=tf.train.GradientDescentOptimizer(
        0.1).minimize(loss, global_step=tf.train.get_global_step()))


def input_fn():
    x = tf.constant([[0.0], [1.0]] * 4)
    return {"x": x}, tf.constant([0, 1] * 4)


def test_the_old_experiment_fn_of_output_dir(tmp_path):
    def experiment_fn(output_dir):
        return tf.contrib.learn.Experiment(
            tf.estimator.Estimator(model_fn, model_dir=output_dir), input_fn, input_fn,
            train_steps=3, eval_steps=1)
    eval_result, exports = tf.contrib.learn.learn_runner.run(
        experiment_fn, output_dir=str(tmp_path / "old"))
    assert eval_result["global_step"] == 3 and exports == []


def test_a_test_schedule_trains_one_step(tmp_path):
    made = tf.contrib.learn.Experiment(
        tf.estimator.Estimator(model_fn, model_dir=str(tmp_path)), input_fn, input_fn)
    assert made.test()["global_step"] == 1


@pytest.mark.parametrize("kwargs, message", [
    (dict(output_dir="x", run_config=tf.estimator.RunConfig(model_dir="y")),
     "Cannot provide both `output_dir` and `run_config`"),
    ({}, "Must set value for `output_dir` or `run_config`"),
    (dict(run_config=tf.estimator.RunConfig()),
     "Must specify a model directory `model_dir` in `run_config`."),
    (dict(run_config=tf.estimator.RunConfig(model_dir="y"), hparams={"a": 1}),
     "`hparams` must be `HParams` instance"),
    (dict(output_dir="x", schedule="nope"), None),
])
def test_the_builders_mistakes(kwargs, message, tmp_path):
    def experiment_fn(*args, **kwargs):
        return "not an experiment"
    with pytest.raises((ValueError, TypeError)) as refused:
        experiment.run(experiment_fn, **kwargs)
    assert str(refused.value) == (message or "Experiment builder did not return an "
                                  "Experiment instance, got <class 'str'> instead.")


def test_the_default_schedule_of_each_task():
    def config(task_type):
        class Config:
            cluster_spec = tf.train.ClusterSpec({"ps": ["a:1"], "worker": ["b:1", "c:1"],
                                                 "master": ["d:1"]})
        Config.task_type = task_type
        return Config
    assert experiment._default_schedule(tf.estimator.RunConfig()) == "train_and_evaluate"
    assert [experiment._default_schedule(config(t)) for t in ("ps", "worker", "master")] == [
        "run_std_server", "train", "train_and_evaluate"]
