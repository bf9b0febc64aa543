"""tf.estimator: TensorFlow's own Estimator on this TensorFlow, with our layers around it."""

import json
import logging
import os
import signal
import subprocess
import sys
import textwrap
import threading

import numpy as np
import pytest

from tf1 import internals, tf
from tf1.estimator import layered
from tf1.estimator.real import estimator as real_estimator

ModeKeys = tf.estimator.ModeKeys
numpy_input_fn = tf.estimator.inputs.numpy_input_fn

# Four features, three classes, linearly separable: class = argmax of the first three.
RNG = np.random.RandomState(0)
X = RNG.rand(60, 4).astype(np.float32)
Y = X[:, :3].argmax(axis=1).astype(np.int32)
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def linear_model_fn(features, labels, mode, params):
    """Softmax regression on features["x"]."""
    logits = tf.layers.dense(features["x"], 3)
    predictions = {"classes": tf.argmax(logits, axis=1),
                   "probabilities": tf.nn.softmax(logits, name="softmax_tensor")}
    if mode == ModeKeys.PREDICT:
        return tf.estimator.EstimatorSpec(mode=mode, predictions=predictions)
    loss = tf.losses.sparse_softmax_cross_entropy(labels=labels, logits=logits)
    if mode == ModeKeys.TRAIN:
        train_op = tf.train.GradientDescentOptimizer(params.get("lr", 1.0)).minimize(
            loss, global_step=tf.train.get_global_step())
        return tf.estimator.EstimatorSpec(mode=mode, loss=loss, train_op=train_op)
    return tf.estimator.EstimatorSpec(
        mode=mode, loss=loss,
        eval_metric_ops={"accuracy": tf.metrics.accuracy(labels, predictions["classes"])})


def make(model_dir, model_fn=linear_model_fn, params=None, **config):
    return tf.estimator.Estimator(model_fn, model_dir=str(model_dir),
                                  config=tf.estimator.RunConfig(**config),
                                  params=dict({"lr": 1.0}, **(params or {})))


def train_input(batch_size=10):
    return numpy_input_fn({"x": X}, Y, batch_size=batch_size, num_epochs=None,
                          shuffle=True)


def eval_input():
    return numpy_input_fn({"x": X}, Y, batch_size=7, num_epochs=1, shuffle=False)


# ---------------------------------------------------------------------------
# The real package, as tf.estimator
# ---------------------------------------------------------------------------

def test_tf_estimator_is_tensorflows_own():
    assert issubclass(tf.estimator.Estimator, real_estimator.Estimator)
    assert tf.estimator.EstimatorSpec is real_estimator.EstimatorSpec
    for name in ("RunConfig", "train_and_evaluate", "TrainSpec", "EvalSpec",
                 "LatestExporter", "NanLossDuringTrainingError"):
        assert getattr(tf.estimator, name) is getattr(real_estimator, name), name
    for name in ("DNNClassifier", "LinearClassifier", "BaselineClassifier",
                 "DNNLinearCombinedClassifier", "DNNRegressor"):  # with ours below
        assert issubclass(getattr(tf.estimator, name), getattr(real_estimator, name))
    assert tf.estimator.inputs.pandas_input_fn is real_estimator.inputs.pandas_input_fn
    assert tf.estimator.export.ServingInputReceiver is \
        real_estimator.export.ServingInputReceiver
    assert tf.compat.v1 is tf and tf.compat.v1.estimator is tf.estimator
    import tensorflow
    assert tf.compat.v2.Variable is tensorflow.compat.v2.Variable  # TensorFlow's own


def test_a_tpu_name_says_tpu_is_not_supported():
    with pytest.raises(AttributeError, match="TPU is not supported"):
        tf.estimator.tpu.TPUEstimator


def test_train_learns_evaluates_and_a_second_call_continues(tmp_path):
    est = make(tmp_path, tf_random_seed=1)
    est.train(train_input(), steps=30)
    results = est.evaluate(eval_input())
    assert results["global_step"] == 30 and results["accuracy"] >= 0.8
    assert repr(results) == "{'accuracy': %r, 'loss': %r, 'global_step': 30}" % (
        float(str(results["accuracy"])), float(str(results["loss"])))
    make(tmp_path).train(train_input(), steps=5)
    assert make(tmp_path).get_variable_value("global_step") == 35


def test_seeded_runs_are_identical_layers_and_batches_included(tmp_path):
    def run(folder):
        est = make(tmp_path / folder, tf_random_seed=3)
        est.train(train_input(), steps=20)
        return est.get_variable_value("dense/kernel")
    first, second = run("a"), run("b")
    assert np.array_equal(first, second)
    other = make(tmp_path / "c", tf_random_seed=4)
    other.train(train_input(), steps=20)
    assert not np.array_equal(first, other.get_variable_value("dense/kernel"))


def test_nan_loss_raises_tf1s_error(tmp_path):
    def nan_model_fn(features, labels, mode):
        loss = tf.reduce_sum(tf.layers.dense(features["x"], 1)) * np.nan
        train_op = tf.train.GradientDescentOptimizer(0.1).minimize(
            loss, global_step=tf.train.get_global_step())
        return tf.estimator.EstimatorSpec(mode=mode, loss=loss, train_op=train_op)
    est = tf.estimator.Estimator(nan_model_fn, model_dir=str(tmp_path))
    with pytest.raises(tf.train.NanLossDuringTrainingError):
        est.train(train_input(), steps=5)


def test_a_gpu_placed_model_trains_on_the_cpu(tmp_path):
    def gpu_model_fn(features, labels, mode, params):
        with tf.device("/gpu:0"):
            return linear_model_fn(features, labels, mode, params)
    est = make(tmp_path, gpu_model_fn)
    est.train(train_input(), steps=3)
    assert est.get_variable_value("global_step") == 3


def test_scaffold_init_fn_is_called(tmp_path):
    called = []

    def model_fn(features, labels, mode, params):
        spec = linear_model_fn(features, labels, mode, params)
        return spec._replace(scaffold=tf.train.Scaffold(
            init_fn=lambda scaffold, session: called.append(scaffold)))
    make(tmp_path, model_fn).train(train_input(), steps=2)
    assert len(called) == 1


def test_evaluate_with_no_checkpoint_uses_fresh_variables(tmp_path):
    results = make(tmp_path).evaluate(eval_input())
    assert results["global_step"] == 0 and 0 <= results["accuracy"] <= 1


def test_no_checkpoints_when_switched_off(tmp_path):
    est = make(tmp_path, save_checkpoints_steps=None, save_checkpoints_secs=None)
    est.train(train_input(), steps=5)
    assert not tf.train.latest_checkpoint(str(tmp_path))


def test_a_premade_dnn_classifier_learns(mnist_dir, tmp_path):
    from tf1 import input_data
    data = input_data.read_data_sets(mnist_dir, validation_size=0)
    columns = [tf.feature_column.numeric_column("x", shape=[784])]
    classifier = tf.estimator.DNNClassifier(
        hidden_units=[32], feature_columns=columns, n_classes=10,
        model_dir=str(tmp_path), config=tf.estimator.RunConfig(tf_random_seed=1))
    labels = data.train.labels.astype(np.int32)
    classifier.train(numpy_input_fn({"x": data.train.images}, labels, batch_size=50,
                                    num_epochs=None, shuffle=True), steps=100)
    results = classifier.evaluate(numpy_input_fn(
        {"x": data.test.images}, data.test.labels.astype(np.int32), shuffle=False))
    assert results["accuracy"] > 0.8  # chance is 0.1


COLUMNS = [tf.feature_column.numeric_column("x", shape=[4])]


def dnn(model_dir, seed=None):
    return tf.estimator.DNNClassifier(
        hidden_units=[8], feature_columns=COLUMNS, n_classes=3, model_dir=str(model_dir),
        config=tf.estimator.RunConfig(tf_random_seed=seed))


def test_premade_estimators_are_instances_of_tf_estimator_estimator(tmp_path):
    premade = {"DNNClassifier": dnn(tmp_path / "dnn"),
               "LinearClassifier": tf.estimator.LinearClassifier(COLUMNS, n_classes=3),
               "DNNLinearCombinedRegressor": tf.estimator.DNNLinearCombinedRegressor(
                   linear_feature_columns=COLUMNS, dnn_feature_columns=COLUMNS,
                   dnn_hidden_units=[4]),
               "BaselineClassifier": tf.estimator.BaselineClassifier()}
    for name, estimator in premade.items():
        assert isinstance(estimator, tf.estimator.Estimator), name
        assert isinstance(estimator, getattr(real_estimator, name))  # TensorFlow's own
    kmeans = tf.estimator.experimental.KMeans(3)
    assert isinstance(kmeans, tf.estimator.Estimator)
    assert isinstance(kmeans, real_estimator.experimental.KMeans)
    for name, cls in layered.PREMADE.items():
        assert getattr(tf.estimator, name) is cls
        assert cls.__mro__[1:3] == (getattr(real_estimator, name), layered.Estimator)


def test_seeded_premade_runs_repeat(tmp_path):
    values = []
    for folder, seed in (("a", 5), ("b", 5), ("c", 6)):
        classifier = dnn(tmp_path / folder, seed=seed)
        classifier.train(train_input(), steps=10)
        values.append(classifier.get_variable_value("dnn/hiddenlayer_0/kernel"))
    assert np.array_equal(values[0], values[1])
    assert not np.array_equal(values[0], values[2])


def test_sigterm_during_a_premade_train_saves_at_the_step_reached(tmp_path):
    from tf1 import signals
    with pytest.raises(signals.Interrupted):
        dnn(tmp_path).train(train_input(), steps=1000, hooks=[SignalAtStep(7)])
    assert tf.train.latest_checkpoint(str(tmp_path)).endswith("model.ckpt-8")
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL  # handlers restored


def test_train_and_evaluate_runs_locally(tmp_path):
    est = make(tmp_path, tf_random_seed=1)  # a threshold: seeded, not left to chance
    train_spec = tf.estimator.TrainSpec(train_input(), max_steps=40)
    eval_spec = tf.estimator.EvalSpec(eval_input(), throttle_secs=0)
    results, _ = tf.estimator.train_and_evaluate(est, train_spec, eval_spec)
    assert results["global_step"] == 40 and results["accuracy"] >= 0.8


def test_export_saved_model_serves_in_a_fresh_process(tmp_path):
    est = make(tmp_path / "model")
    est.train(train_input(), steps=30)

    def serving_input_receiver_fn():
        x = tf.placeholder(tf.float32, [None, 4], name="x")
        return tf.estimator.export.ServingInputReceiver({"x": x}, {"x": x})
    export_dir = est.export_saved_model(str(tmp_path / "export"), serving_input_receiver_fn)
    program = textwrap.dedent("""
        import sys
        import numpy as np
        import tensorflow as tf
        served = tf.saved_model.load(sys.argv[1]).signatures["serving_default"]
        out = served(x=tf.constant(np.array(eval(sys.argv[2]), np.float32)))
        print(out["classes"].numpy().tolist())
    """)
    rows = X[:20].tolist()
    out = subprocess.run([sys.executable, "-c", program, export_dir.decode(), repr(rows)],
                         capture_output=True, text=True, timeout=120, check=True)
    served = eval(out.stdout.strip().splitlines()[-1])
    predicted = [int(p["classes"]) for p in est.predict(
        numpy_input_fn({"x": X[:20]}, shuffle=False))]
    assert served == predicted and np.mean(np.equal(served, Y[:20])) >= 0.7


# ---------------------------------------------------------------------------
# numpy_input_fn: TF 1's behaviour, lean and seedable
# ---------------------------------------------------------------------------

def test_numpy_input_fn_batches_in_monitored_training_session():
    with tf.Graph().as_default():
        fn = numpy_input_fn({"x": np.arange(10)}, np.arange(10), batch_size=4,
                            num_epochs=1, shuffle=False)
        features, labels = fn()
        batches = []
        with tf.train.MonitoredTrainingSession() as s:
            while not s.should_stop():
                batches.append(s.run(labels).tolist())
    assert batches == [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]]


def test_numpy_input_fn_in_a_plain_session_with_dict_labels():
    with tf.Graph().as_default():
        fn = numpy_input_fn(np.arange(6), {"a": np.arange(6) * 2, "b": np.arange(6)},
                            batch_size=4, num_epochs=None, shuffle=True)
        features, labels = fn()
        with tf.Session() as sess:
            sess.run(tf.local_variables_initializer())
            tf.train.start_queue_runners(sess)
            seen = [sess.run([features, labels]) for _ in range(3)]
    for x, y in seen:
        assert len(x) == 4  # full batches, for ever
        assert y["a"].tolist() == (2 * x).tolist() and y["b"].tolist() == x.tolist()
    assert sorted(np.concatenate([x for x, _ in seen])[:6]) == list(range(6))


@pytest.mark.parametrize("x, y, error, message", [
    ([1, 2], None, TypeError, "x must be a dict or array"),
    ({}, None, ValueError, "x cannot be an empty dict"),
    ({"x": np.zeros(3)}, {}, ValueError, "y cannot be empty dict"),
    ({"x": np.zeros(3)}, {"x": np.zeros(3)}, ValueError, "duplicate keys"),
    ({"x": np.zeros(3)}, np.zeros(4), ValueError, "mismatched"),
])
def test_numpy_input_fn_refuses_what_tf1_refused(x, y, error, message):
    with tf.Graph().as_default(), pytest.raises(error, match=message):
        numpy_input_fn(x, y, shuffle=False)()


def test_numpy_input_fn_needs_shuffle():
    with pytest.raises(ValueError, match="shuffle must be provided"):
        numpy_input_fn({"x": X})


# ---------------------------------------------------------------------------
# Our layers: signals, checks, deprecation notices
# ---------------------------------------------------------------------------

class SignalAtStep(tf.train.SessionRunHook):
    """Sends this process a SIGTERM after the step that reaches ``step``."""

    def __init__(self, step):
        self._step = step

    def after_run(self, run_context, run_values):
        if run_context.session.run(tf.train.get_global_step()) == self._step:
            signal.pthread_kill(threading.main_thread().ident, signal.SIGTERM)


def test_sigterm_during_train_saves_at_the_step_reached(tmp_path):
    est = make(tmp_path)
    from tf1 import signals
    with pytest.raises(signals.Interrupted) as info:
        est.train(train_input(), steps=1000, hooks=[SignalAtStep(7)])
    assert info.value.exit_status == 128 + signal.SIGTERM
    # Our hook runs before the user's: it sees the signal after the next step.
    assert tf.train.latest_checkpoint(str(tmp_path)).endswith("model.ckpt-8")
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL  # handlers restored
    make(tmp_path).train(train_input(), steps=1)
    assert make(tmp_path).get_variable_value("global_step") == 9


def test_a_damaged_checkpoint_is_refused_before_restoring(tmp_path):
    est = make(tmp_path)
    est.train(train_input(), steps=2)
    data = tf.train.latest_checkpoint(str(tmp_path)) + ".data-00000-of-00001"
    with open(data, "r+b") as f:
        f.truncate(10)
    from tf1.estimator.checkpoints import DamagedCheckpointError
    for call in (lambda: est.train(train_input(), steps=1),
                 lambda: est.evaluate(eval_input())):
        with pytest.raises(DamagedCheckpointError, match="model.ckpt-2 is damaged"):
            call()


def test_no_deprecation_notices_from_the_estimators_own_calls(tmp_path, caplog):
    with caplog.at_level(logging.WARNING, logger="tensorflow"):
        est = make(tmp_path)
        est.train(train_input(), steps=3)
        est.evaluate(eval_input())
        list(est.predict(numpy_input_fn({"x": X[:3]}, shuffle=False)))
    notices = [r.getMessage() for r in caplog.records if "deprecated" in r.getMessage()]
    assert notices == []


# ---------------------------------------------------------------------------
# Several machines: a chief, a parameter server and a worker on localhost
# ---------------------------------------------------------------------------

def readme_cluster_program():
    """The program README's "On several machines" shows."""
    with open(os.path.join(ROOT, "README.md")) as f:
        text = f.read()
    section = text[text.index("### On several machines"):]
    return section.split("```python\n", 1)[1].split("```", 1)[0]


def _free_ports(n):
    import socket
    sockets = [socket.socket() for _ in range(n)]
    for s in sockets:
        s.bind(("127.0.0.1", 0))
    ports = [s.getsockname()[1] for s in sockets]
    for s in sockets:
        s.close()
    return ports


def test_chief_ps_and_worker_on_localhost_train_to_max_steps(tmp_path):
    program = tmp_path / "cluster.py"
    program.write_text(readme_cluster_program())
    chief, ps, worker = ("127.0.0.1:%d" % p for p in _free_ports(3))
    cluster = {"chief": [chief], "ps": [ps], "worker": [worker]}

    def start(task_type):
        env = dict(os.environ, TF_CONFIG=json.dumps(
            {"cluster": cluster, "task": {"type": task_type, "index": 0}}))
        return subprocess.Popen([sys.executable, str(program), str(tmp_path / "model")],
                                env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True)
    procs = {t: start(t) for t in ("ps", "chief", "worker")}
    try:
        outs = {t: procs[t].communicate(timeout=240) for t in ("chief", "worker")}
    finally:
        for p in procs.values():
            p.kill()
    for task in ("chief", "worker"):
        assert procs[task].returncode == 0, outs[task][1][-3000:]
        assert outs[task][0].strip().endswith("done " + task)
    # Both advanced the shared global step, through the ps (asynchronously: the
    # last update may overshoot max_steps).
    final = tf.train.load_variable(str(tmp_path / "model"), "global_step")
    assert 2000 <= final <= 2002
    assert "loss = " in outs["worker"][1] and "loss = " in outs["chief"][1]
