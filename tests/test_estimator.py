"""Tests of tf1.estimator on tiny models: training, resuming, evaluation, prediction."""

import glob
import logging
import os

import numpy as np
import pytest

from tf1 import estimator
from tf1 import tf

ModeKeys = estimator.ModeKeys
numpy_input_fn = estimator.inputs.numpy_input_fn

# Four features, three classes, linearly separable: class = argmax of the first
# three features.
RNG = np.random.RandomState(0)
X = RNG.rand(60, 4).astype(np.float32)
Y = X[:, :3].argmax(axis=1).astype(np.int32)


def linear_model_fn(features, labels, mode, params):
    """Softmax regression on features["x"]."""
    w = tf.get_variable("w", [4, params.get("classes", 3)],
                        initializer=tf.zeros_initializer())
    b = tf.get_variable("b", [params.get("classes", 3)],
                        initializer=tf.zeros_initializer())
    logits = tf.matmul(features["x"], w) + b
    predictions = {"classes": tf.argmax(logits, axis=1),
                   "probabilities": tf.nn.softmax(logits, name="softmax_tensor")}
    if mode == ModeKeys.PREDICT:
        return estimator.EstimatorSpec(mode=mode, predictions=predictions)
    loss = tf.losses.sparse_softmax_cross_entropy(labels=labels, logits=logits)
    if mode == ModeKeys.TRAIN:
        train_op = tf.train.GradientDescentOptimizer(params.get("lr", 1.0)).minimize(
            loss, global_step=tf.train.get_global_step())
        return estimator.EstimatorSpec(mode=mode, loss=loss, train_op=train_op)
    return estimator.EstimatorSpec(
        mode=mode, loss=loss,
        eval_metric_ops={"accuracy": tf.metrics.accuracy(labels, predictions["classes"])})


def make(model_dir, params=None, **config):
    config.setdefault("save_checkpoints_secs", 3600)
    return estimator.Estimator(linear_model_fn, model_dir=str(model_dir),
                               config=estimator.RunConfig(**config),
                               params=dict({"lr": 1.0}, **(params or {})))


def train_input(batch_size=10, x=X, y=Y):
    return numpy_input_fn({"x": x}, y, batch_size=batch_size, num_epochs=None,
                          shuffle=True)


def eval_input(batch_size=7, x=X, y=Y):
    return numpy_input_fn({"x": x}, y, batch_size=batch_size, num_epochs=1,
                          shuffle=False)


def step_of(est):
    return int(est.get_variable_value("global_step"))


class CountingHook(tf.train.SessionRunHook):
    def __init__(self):
        self.calls = {"begin": 0, "after_create_session": 0, "before_run": 0,
                      "after_run": 0, "end": 0}

    def begin(self):
        self.calls["begin"] += 1

    def after_create_session(self, session, coord):
        self.calls["after_create_session"] += 1

    def before_run(self, run_context):
        self.calls["before_run"] += 1

    def after_run(self, run_context, run_values):
        self.calls["after_run"] += 1

    def end(self, session):
        self.calls["end"] += 1


# ---------------------------------------------------------------------------
# train
# ---------------------------------------------------------------------------

def test_train_learns_and_a_second_call_continues(tmp_path):
    est = make(tmp_path)
    est.train(train_input(), steps=40)
    assert step_of(est) == 40
    est.train(train_input(), steps=25)
    assert step_of(est) == 65
    assert est.latest_checkpoint().endswith("model.ckpt-65")
    assert est.evaluate(eval_input())["accuracy"] >= 0.8


def test_a_new_estimator_on_the_same_dir_continues(tmp_path):
    make(tmp_path).train(train_input(), steps=5)
    est = make(tmp_path)
    est.train(train_input(), steps=5)
    assert step_of(est) == 10


def test_max_steps_is_absolute(tmp_path, caplog):
    est = make(tmp_path)
    est.train(train_input(), max_steps=4)
    assert step_of(est) == 4
    with caplog.at_level(logging.INFO, logger="tensorflow"):
        est.train(train_input(), max_steps=4)
    assert "Skipping training since max_steps has already saved." in caplog.text
    assert step_of(est) == 4
    est.train(train_input(), max_steps=9)
    assert step_of(est) == 9


def test_finite_input_ends_training(tmp_path):
    est = make(tmp_path)
    est.train(numpy_input_fn({"x": X}, Y, batch_size=20, num_epochs=2, shuffle=True))
    assert step_of(est) == 6  # 60 examples, 2 epochs, batches of 20


@pytest.mark.parametrize("kwargs, message", [
    (dict(steps=3, max_steps=3), "Can not provide both steps and max_steps"),
    (dict(steps=0), "Must specify steps > 0"),
    (dict(max_steps=-1), "Must specify max_steps > 0"),
])
def test_train_argument_errors(tmp_path, kwargs, message):
    with pytest.raises(ValueError, match=message):
        make(tmp_path).train(train_input(), **kwargs)


def test_user_hooks_are_called(tmp_path):
    hook = CountingHook()
    make(tmp_path).train(train_input(), steps=6, hooks=[hook])
    assert hook.calls == {"begin": 1, "after_create_session": 1, "before_run": 6,
                          "after_run": 6, "end": 1}


def test_logging_tensor_hook_by_name_and_the_log_lines(tmp_path, caplog):
    logging_hook = tf.train.LoggingTensorHook(
        tensors={"probabilities": "softmax_tensor"}, every_n_iter=5)
    with caplog.at_level(logging.INFO, logger="tensorflow"):
        make(tmp_path, log_step_count_steps=4, tf_random_seed=1).train(
            train_input(), steps=10, hooks=[logging_hook])
    messages = [r.getMessage() for r in caplog.records]
    losses = [m for m in messages if m.startswith("loss = ")]
    assert losses[0].startswith("loss = 1.0986") and losses[0].endswith(", step = 1")
    assert losses[1].startswith("loss = ") and ", step = 5 (" in losses[1]
    assert sum(m.startswith("probabilities = [[") for m in messages) == 2
    assert any(m.startswith("global_step/sec: ") for m in messages)
    assert messages[-1].startswith("Loss for final step: ")
    final_loss = float(messages[-1][len("Loss for final step: "):-1])
    assert 0 < final_loss < 1.0986  # below ln 3, where the zero-initialized model starts


def test_checkpoints_and_event_files_are_written(tmp_path):
    est = make(tmp_path, save_summary_steps=2)
    est.train(train_input(), steps=6)
    est.evaluate(eval_input())
    assert glob.glob(str(tmp_path / "model.ckpt-6.index"))
    train_tags, eval_tags = set(), set()
    for path in glob.glob(str(tmp_path / "events.out.tfevents.*")):
        for event in tf.train.summary_iterator(path):
            train_tags.update(v.tag for v in event.summary.value)
    for path in glob.glob(str(tmp_path / "eval" / "events.out.tfevents.*")):
        for event in tf.train.summary_iterator(path):
            eval_tags.update(v.tag for v in event.summary.value)
            if event.summary.value:
                assert event.step == 6
    assert "loss" in train_tags
    assert {"accuracy", "loss"} <= eval_tags


def test_seeded_runs_are_identical(tmp_path):
    values = []
    for name in ("a", "b"):
        est = make(tmp_path / name, tf_random_seed=5)
        est.train(train_input(batch_size=7), steps=12)
        values.append(est.get_variable_value("w"))
    np.testing.assert_array_equal(values[0], values[1])


def test_keyboard_interrupt_saves_a_checkpoint_at_that_step(tmp_path):
    class InterruptAt(tf.train.SessionRunHook):
        def __init__(self):
            self.runs = 0

        def after_run(self, run_context, run_values):
            self.runs += 1
            if self.runs == 7:
                raise KeyboardInterrupt

    est = make(tmp_path)
    with pytest.raises(KeyboardInterrupt):
        est.train(train_input(), steps=100, hooks=[InterruptAt()])
    assert est.latest_checkpoint().endswith("model.ckpt-7")
    assert step_of(est) == 7
    est.train(train_input(), steps=3)
    assert step_of(est) == 10


def test_nan_loss_stops_with_the_step(tmp_path):
    x = X.copy()
    x[4, 0] = np.nan  # in the third batch of two
    est = make(tmp_path)
    with pytest.raises(estimator.NanLossDuringTrainingError,
                       match="NaN loss during training at step 3"):
        est.train(numpy_input_fn({"x": x}, Y, batch_size=2, num_epochs=None,
                                 shuffle=False), steps=10)
    assert est.latest_checkpoint().endswith("model.ckpt-0")


# ---------------------------------------------------------------------------
# evaluate
# ---------------------------------------------------------------------------

def fixed_model_fn(features, labels, mode):
    """Predicts argmax of the features; 'trains' by counting steps."""
    tf.get_variable("unused", [1])
    classes = tf.argmax(features, axis=1, output_type=tf.int32)
    if mode == ModeKeys.PREDICT:
        return estimator.EstimatorSpec(mode, predictions={"classes": classes,
                                                          "twice": 2 * features})
    loss = tf.reduce_mean(tf.cast(tf.not_equal(classes, labels), tf.float32))
    train_op = tf.assign_add(tf.train.get_global_step(), 1)
    return estimator.EstimatorSpec(
        mode, loss=loss, train_op=train_op,
        eval_metric_ops={"accuracy": tf.metrics.accuracy(labels, classes)})


def test_evaluate_computes_exact_metrics(tmp_path):
    features = np.eye(4, dtype=np.float32)[[0, 1, 2, 3, 0, 1, 2, 3, 0, 1]]
    labels = np.array([0, 1, 2, 3, 0, 1, 2, 0, 1, 0], dtype=np.int32)  # 7 of 10 right
    est = estimator.Estimator(fixed_model_fn, model_dir=str(tmp_path))
    est.train(numpy_input_fn(features, labels, batch_size=5, num_epochs=None,
                             shuffle=True), steps=3)
    results = est.evaluate(numpy_input_fn(features, labels, batch_size=4,
                                          num_epochs=1, shuffle=False))
    assert list(results) == ["accuracy", "loss", "global_step"]
    assert results["accuracy"] == pytest.approx(0.7)
    assert isinstance(results["accuracy"], float) and repr(results["accuracy"]) == "0.7"
    assert results["global_step"] == 3 and isinstance(results["global_step"], int)
    # loss: the mean of the batch losses (0, 1/4, 1)
    assert results["loss"] == pytest.approx(1.25 / 3, rel=1e-6)
    limited = est.evaluate(numpy_input_fn(features, labels, batch_size=4, num_epochs=1,
                                          shuffle=False), steps=1, name="first")
    assert limited["accuracy"] == 1.0
    assert os.path.isdir(tmp_path / "eval_first")


def test_evaluate_log_lines(tmp_path, caplog):
    est = make(tmp_path)
    est.train(train_input(), steps=2)
    with caplog.at_level(logging.INFO, logger="tensorflow"):
        results = est.evaluate(eval_input())
    assert "Eval steps [0,inf) for training step 2." in caplog.text
    assert "Input iterator is exhausted." in caplog.text
    assert ("Saving evaluation summary for step 2: accuracy = %s, loss = %s"
            % (results["accuracy"], results["loss"])) in caplog.text


# ---------------------------------------------------------------------------
# predict
# ---------------------------------------------------------------------------

def test_predict_yields_one_dict_per_example_in_order(tmp_path):
    features = np.eye(4, dtype=np.float32)[[3, 1, 2, 0, 1, 3, 3]]
    est = estimator.Estimator(fixed_model_fn, model_dir=str(tmp_path))
    est.train(numpy_input_fn(features, np.zeros(7, np.int32), batch_size=3,
                             num_epochs=None, shuffle=True), steps=1)
    predict_input = numpy_input_fn(features, batch_size=3, shuffle=False)
    predictions = list(est.predict(predict_input))
    assert [p["classes"] for p in predictions] == [3, 1, 2, 0, 1, 3, 3]
    assert set(predictions[0]) == {"classes", "twice"}
    np.testing.assert_array_equal(predictions[1]["twice"], [0, 2, 0, 0])
    only = list(est.predict(predict_input, predict_keys=["classes"]))
    assert [set(p) for p in only] == [{"classes"}] * 7
    batches = list(est.predict(predict_input, yield_single_examples=False))
    assert [len(b["classes"]) for b in batches] == [3, 3, 1]
    with pytest.raises(ValueError, match="predict_keys"):
        list(est.predict(predict_input, predict_keys=["nope"]))


def test_predict_ignores_labels_and_covers_every_example_once(tmp_path):
    est = make(tmp_path)
    est.train(train_input(), steps=30)
    shuffled = list(est.predict(numpy_input_fn({"x": X}, Y, batch_size=8, shuffle=True)))
    assert len(shuffled) == 60
    ordered = list(est.predict(numpy_input_fn({"x": X}, batch_size=8, shuffle=False)))
    np.testing.assert_allclose(
        sorted(p["probabilities"][0] for p in shuffled),
        sorted(p["probabilities"][0] for p in ordered), rtol=1e-6)


# ---------------------------------------------------------------------------
# Errors that say what is wrong
# ---------------------------------------------------------------------------

def test_evaluate_and_predict_without_checkpoint(tmp_path):
    est = make(tmp_path)
    with pytest.raises(ValueError, match="Could not find a trained model in model_dir"):
        est.evaluate(eval_input())
    with pytest.raises(ValueError, match="Could not find a trained model in model_dir"):
        list(est.predict(eval_input()))


@pytest.mark.parametrize("mode, kwargs, missing", [
    (ModeKeys.TRAIN, dict(loss=1.0), "train_op"),
    (ModeKeys.EVAL, dict(), "loss"),
    (ModeKeys.PREDICT, dict(loss=1.0), "predictions"),
])
def test_spec_missing_what_the_mode_needs(mode, kwargs, missing):
    with tf.Graph().as_default():
        with pytest.raises(ValueError, match="missing %s, which mode '%s' needs"
                           % (missing, mode)):
            estimator.EstimatorSpec(mode, **kwargs)


def test_model_fn_must_return_a_spec(tmp_path):
    est = estimator.Estimator(lambda features, labels, mode: None, model_dir=str(tmp_path))
    with pytest.raises(TypeError, match="model_fn must return an EstimatorSpec"):
        est.train(train_input(), steps=1)


def test_checkpoint_that_does_not_match_the_model(tmp_path):
    make(tmp_path).train(train_input(), steps=2)
    wider = make(tmp_path, params={"classes": 5})
    with pytest.raises(ValueError, match=r"variable w has shape \[4, 5\] in the model "
                                         r"but \[4, 3\] in the checkpoint"):
        wider.evaluate(eval_input())
    with pytest.raises(ValueError, match=r"variable b has shape \[5\]"):
        wider.train(train_input(), steps=1)

    def renamed(features, labels, mode):
        tf.get_variable("other", [2])
        return fixed_model_fn(features["x"], labels, mode)
    est = estimator.Estimator(renamed, model_dir=str(tmp_path))
    with pytest.raises(ValueError, match=r"variable other \(shape \[2\]\) is not in the "
                                         r"checkpoint"):
        list(est.predict(eval_input()))


def test_numpy_input_fn_argument_errors():
    with pytest.raises(ValueError, match="shuffle must be provided"):
        numpy_input_fn({"x": X}, Y)
    with pytest.raises(ValueError, match="same number of examples"):
        numpy_input_fn({"x": X}, Y[:10], shuffle=False)


def test_graph_and_checkpoint_do_not_embed_the_data(tmp_path):
    big = np.zeros((20000, 4), np.float32)  # 320 kB of features
    est = make(tmp_path)
    est.train(numpy_input_fn({"x": big}, np.zeros(20000, np.int32), batch_size=10,
                             num_epochs=None, shuffle=True), steps=1)
    meta = glob.glob(str(tmp_path / "model.ckpt-1.meta"))[0]
    assert os.path.getsize(meta) < 100000


def test_params_config_and_variables(tmp_path):
    seen = {}

    def model_fn(features, labels, mode, params, config):
        seen.update(params=params, config=config)
        return linear_model_fn(features, labels, mode, params)

    est = estimator.Estimator(model_fn, model_dir=str(tmp_path), params={"lr": 0.5})
    est.train(train_input(), steps=1)
    assert seen["params"] == {"lr": 0.5}
    assert seen["config"].model_dir == str(tmp_path)
    assert set(est.get_variable_names()) >= {"w", "b", "global_step"}
    assert est.get_variable_value("w").shape == (4, 3)


def test_no_deprecation_notices_from_tensorflows_own_calls(tmp_path, caplog):
    # Saving every step with one checkpoint kept makes TensorFlow's Saver delete
    # old checkpoints through an API it has deprecated itself.
    with caplog.at_level(logging.INFO, logger="tensorflow"):
        make(tmp_path, save_checkpoints_steps=1, keep_checkpoint_max=1,
             save_checkpoints_secs=None).train(train_input(), steps=4)
        est = make(tmp_path)
        est.train(train_input(), steps=1)
    assert "Saving checkpoints for 4" in caplog.text
    assert "deprecated" not in caplog.text
    kept = sorted(os.path.basename(p) for p in glob.glob(str(tmp_path / "model.ckpt-*.index")))
    assert kept == ["model.ckpt-4.index", "model.ckpt-5.index"]
    # A deprecated call from the user's own code is still reported.
    from tensorflow.python.util import deprecation

    @deprecation.deprecated(None, "Use something else.")
    def old_api():
        return 1

    with caplog.at_level(logging.INFO, logger="tensorflow"):
        old_api()
    assert "old_api (from" in caplog.text and "is deprecated" in caplog.text
