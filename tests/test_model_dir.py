"""Nothing lost in a model_dir: one trainer at a time, a damaged state file refused,
``--restore_intact`` continuing from the newest intact checkpoint, SIGKILL survived."""

import fcntl
import os
import random
import re
import signal
import subprocess
import sys
import time

import numpy as np
import pytest

import cnn_mnist
from tests.helpers import PROGRAMS, ROOT
from tf1 import tf
from tf1.estimator import checkpoints, lock
X = np.random.RandomState(0).rand(40, 4).astype(np.float32)
Y = X[:, :3].argmax(axis=1).astype(np.int32)


def model_fn(features, labels, mode, params):
    logits = tf.layers.dense(features["x"], 3)
    if mode == tf.estimator.ModeKeys.PREDICT:
        return tf.estimator.EstimatorSpec(mode, predictions={"classes": tf.argmax(logits, 1)})
    loss = tf.losses.sparse_softmax_cross_entropy(labels=labels, logits=logits)
    if params.get("nan"):
        loss *= np.nan
    train_op = tf.train.GradientDescentOptimizer(0.5).minimize(
        loss, global_step=tf.train.get_global_step())
    return tf.estimator.EstimatorSpec(mode=mode, loss=loss, train_op=train_op,
                                      eval_metric_ops={"accuracy": tf.metrics.accuracy(
                                          labels, tf.argmax(logits, 1))})


def make(model_dir):
    return tf.estimator.Estimator(model_fn, model_dir=str(model_dir), config=
                                  tf.estimator.RunConfig(save_checkpoints_steps=2))


def train(est, steps):
    est.train(tf.estimator.inputs.numpy_input_fn(
        {"x": X}, Y, batch_size=10, num_epochs=None, shuffle=True), steps=steps)


def evaluate(est):
    return est.evaluate(tf.estimator.inputs.numpy_input_fn({"x": X}, Y, shuffle=False))


def locked(folder):
    """Whether anyone, this process included, holds the training lock on ``folder``
    (flock locks belong to an open file: a second open of the file contends)."""
    with open(os.path.join(str(folder), lock.LOCK_FILE), "a") as f:
        try:
            fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(f, fcntl.LOCK_UN)
        return False


def snapshot(folder):
    """Every file's name and bytes, to show nothing in the folder was written."""
    return {name: open(os.path.join(folder, name), "rb").read()
            for name in sorted(os.listdir(folder))
            if os.path.isfile(os.path.join(folder, name))}


def script(args, capsys):
    from tf1 import exits
    status = exits.run(cnn_mnist.main, args)
    return status, capsys.readouterr()


# ---------------------------------------------------------------------------
# One trainer per model_dir
# ---------------------------------------------------------------------------

HOLDER = """
import sys, time
from tf1.estimator import lock
lock.acquire(sys.argv[1])
print("holding", flush=True)
time.sleep(120)
"""


@pytest.fixture
def held_by_another_process(tmp_path):
    folder = tmp_path / "model"
    train(make(folder), 4)
    lock.release(str(folder))
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(folder)],
                              stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "holding"
    yield folder, holder.pid
    holder.kill()
    holder.wait()


def test_a_second_trainer_is_refused_and_writes_nothing(held_by_another_process):
    folder, pid = held_by_another_process
    before = snapshot(folder)
    with pytest.raises(lock.ModelDirBusyError) as refused:
        train(make(folder), 2)
    message = str(refused.value)
    assert message.startswith("model_dir %s is in use: pid %d (started " % (folder, pid))
    assert "Wait for it to end, or pass another --model_dir" in message
    assert snapshot(folder) == before


def test_evaluation_is_allowed_while_another_process_trains(held_by_another_process):
    folder, _ = held_by_another_process
    assert evaluate(make(folder))["global_step"] == 4


def test_the_lock_is_released_when_training_ends_and_a_killed_holder_leaves_none(
        held_by_another_process):
    folder, pid = held_by_another_process
    os.kill(pid, 9)
    time.sleep(0.5)
    train(make(folder), 2)  # the OS dropped the dead holder's lock
    assert not locked(folder)  # and this process gave its own back
    assert make(folder).get_variable_value("global_step") == 6


def test_a_premade_estimator_takes_the_lock(held_by_another_process):
    folder, pid = held_by_another_process
    before = snapshot(folder)
    classifier = tf.estimator.DNNClassifier(
        hidden_units=[8], feature_columns=[tf.feature_column.numeric_column("x", [4])],
        n_classes=3, model_dir=str(folder))
    with pytest.raises(lock.ModelDirBusyError, match="pid %d " % pid):
        train(classifier, 2)
    assert snapshot(folder) == before


def test_a_failed_train_releases_the_lock(tmp_path):
    folder = str(tmp_path / "model")
    train(make(folder), 4)
    nan = tf.estimator.Estimator(model_fn, model_dir=folder, params={"nan": True})
    with pytest.raises(tf.train.NanLossDuringTrainingError):
        train(nan, 5)
    assert not locked(folder)
    # Another process can train into the folder while this one goes on (IPython).
    done = subprocess.run(
        [sys.executable, "-m", "tf1", os.path.join(PROGRAMS, "dense_estimator.py"),
         folder, "2"], capture_output=True, text=True, timeout=240, cwd=str(tmp_path),
        env=dict(os.environ))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "global_step 6"  # from step 4 on


def test_two_cnn_mnist_runs_on_one_folder(mnist_dir, tmp_path):
    model_dir = str(tmp_path / "model")
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    args = [sys.executable, os.path.join(ROOT, "cnn_mnist.py"), "--data_dir", mnist_dir,
            "--model_dir", model_dir, "--batch_size", "10"]
    first = subprocess.Popen(args + ["--steps", "100000"], stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, text=True, env=env)
    for line in first.stdout:  # training has begun
        if "loss = " in line:
            break
    second = subprocess.run(args + ["--steps", "5"], capture_output=True, text=True,
                            env=env, timeout=240)
    first.send_signal(signal.SIGINT)  # its own work is kept: a checkpoint at its step
    out, _ = first.communicate(timeout=240)
    assert second.returncode == 1 and "Traceback" not in second.stderr
    assert re.fullmatch(r"error: model_dir %s is in use: pid %d \(started .*\) is training into it\. Wait for "
                        r"it to end, or pass another --model_dir" % (model_dir, first.pid),
                        second.stderr.strip().splitlines()[-1]), second.stderr
    assert first.returncode == 130, out
    step = re.search(r"Interrupted by SIGINT at step (\d+): saved checkpoint", out).group(1)
    assert tf.train.latest_checkpoint(model_dir).endswith("model.ckpt-" + step)


# ---------------------------------------------------------------------------
# The state file
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("damage", ["garbage", "missing"])
def test_a_damaged_state_file_is_refused_then_restore_intact_continues(
        damage, mnist_dir, tmp_path, capsys):
    model_dir = str(tmp_path / "model")
    args = ["--data_dir", mnist_dir, "--model_dir", model_dir, "--batch_size", "10"]
    assert script(args + ["--steps", "3"], capsys)[0] == 0
    state = os.path.join(model_dir, "checkpoint")
    if damage == "garbage":
        with open(state, "wb") as f:
            f.write(b"\x00garbage{{{ not a checkpoint state\n")
    else:
        os.remove(state)
    before = snapshot(model_dir)
    status, captured = script(args + ["--steps", "2"], capsys)
    assert status == 1 and "Traceback" not in captured.err
    assert captured.err.strip().splitlines()[-1] == (
        "error: The checkpoint state file %s is damaged: %s. The newest intact checkpoint "
        "is %s/model.ckpt-3: run again with --restore_intact to continue from it (the "
        "damaged files are kept), or use a fresh model_dir." % (
            state, "it is missing" if damage == "missing" else
            captured.err.split("is damaged: ")[1].split(". The newest")[0], model_dir))
    assert snapshot(model_dir) == before
    status, captured = script(args + ["--steps", "2", "--restore_intact"], capsys)
    assert status == 0, captured.err
    assert captured.out.strip().splitlines()[-1].endswith("'global_step': 5}")


def test_restore_intact_rewrites_the_state_file_past_a_damaged_checkpoint(tmp_path):
    folder = str(tmp_path / "model")
    train(make(folder), 4)  # checkpoints at 0, 2 and 4
    with open(os.path.join(folder, "model.ckpt-4.data-00000-of-00001"), "r+b") as f:
        f.truncate(5)
    with pytest.raises(checkpoints.DamagedCheckpointError, match="model.ckpt-2: run again"):
        train(make(folder), 1)
    assert checkpoints.restore_intact(folder) == os.path.join(folder, "model.ckpt-2")
    with open(os.path.join(folder, "checkpoint")) as f:
        assert f.readline() == 'model_checkpoint_path: "model.ckpt-2"\n'  # relative
    assert os.path.exists(os.path.join(folder, "model.ckpt-4.index"))  # kept
    train(make(folder), 1)
    assert make(folder).get_variable_value("global_step") == 3


def test_an_empty_folder_is_a_fresh_start(tmp_path):
    train(make(tmp_path / "model"), 2)
    assert make(tmp_path / "model").get_variable_value("global_step") == 2


# ---------------------------------------------------------------------------
# A relative model_dir: what people type
# ---------------------------------------------------------------------------

RELATIVE = ["m", "./m", "m/", "../x/m"]


@pytest.fixture
def inside(tmp_path, monkeypatch):
    """A working folder with a sibling (for ``../x/m``), made the current one."""
    (tmp_path / "work").mkdir()
    (tmp_path / "x").mkdir()
    monkeypatch.chdir(tmp_path / "work")
    return tmp_path / "work"


@pytest.mark.parametrize("model_dir", RELATIVE + ["absolute"])
def test_a_relative_model_dir_trains_evaluates_predicts_and_continues(model_dir, inside):
    if model_dir == "absolute":
        model_dir = str(inside / "m")
    train(make(model_dir), 4)
    assert evaluate(make(model_dir))["global_step"] == 4
    predicted = list(make(model_dir).predict(tf.estimator.inputs.numpy_input_fn(
        {"x": X[:3]}, shuffle=False)))
    assert len(predicted) == 3
    train(make(model_dir), 2)
    assert make(model_dir).get_variable_value("global_step") == 6
    done = subprocess.run(  # a rerun in a new process, from the same folder
        [sys.executable, "-m", "tf1", os.path.join(PROGRAMS, "dense_estimator.py"),
         model_dir, "2"], capture_output=True, text=True, timeout=240, env=dict(os.environ))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "global_step 8"
    assert not locked(model_dir)


def test_a_damaged_checkpoint_in_a_relative_folder_is_still_refused(inside):
    train(make("m"), 4)
    os.remove(os.path.join("m", "model.ckpt-4.index"))
    with pytest.raises(checkpoints.DamagedCheckpointError) as refused:
        evaluate(make("m"))
    assert str(refused.value).startswith(
        "The checkpoint m/model.ckpt-4 is damaged: its index file model.ckpt-4.index is "
        "missing. The newest intact checkpoint is m/model.ckpt-2: run again")
    assert checkpoints.restore_intact("./m") == "./m/model.ckpt-2"
    train(make("./m"), 1)
    assert make("m/").get_variable_value("global_step") == 3


def test_the_lock_and_the_state_file_checks_with_a_relative_folder(inside):
    train(make("m"), 2)
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(inside / "m")],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "holding"
        with pytest.raises(lock.ModelDirBusyError, match="^model_dir ./m is in use: pid %d "
                           % holder.pid):
            train(make("./m"), 2)
    finally:
        holder.kill()
        holder.wait()
    os.remove(os.path.join("m", "checkpoint"))
    with pytest.raises(checkpoints.DamagedStateError, match="m/checkpoint is damaged: it "
                       "is missing. The newest intact checkpoint is m/model.ckpt-2:"):
        train(make("m"), 2)


def test_cnn_mnist_twice_with_a_relative_model_dir(mnist_dir, inside, capsys):
    args = ["--data_dir", mnist_dir, "--model_dir", "relm", "--batch_size", "10",
            "--steps", "2"]
    for step in (2, 4):
        status, captured = script(args, capsys)
        assert status == 0, captured.err
        assert captured.out.strip().splitlines()[-1].endswith("'global_step': %d}" % step)
    os.remove(os.path.join("relm", "checkpoint"))
    status, captured = script(args + ["--restore_intact"], capsys)
    assert status == 0, captured.err
    assert captured.out.strip().splitlines()[-1].endswith("'global_step': 6}")


# ---------------------------------------------------------------------------
# SIGKILL at random moments
# ---------------------------------------------------------------------------

def test_five_sigkills_each_rerun_resumes(mnist_dir, tmp_path):
    """SIGKILL at random moments; each rerun restores the committed checkpoint
    (or is refused in one line, and then continues with --restore_intact)."""
    model_dir = str(tmp_path / "model")
    run = [sys.executable, os.path.join(ROOT, "cnn_mnist.py"), "--data_dir", mnist_dir,
           "--model_dir", model_dir, "--batch_size", "10", "--log_every", "1000000"]
    rng = random.Random(1)
    for _ in range(5):
        before = checkpoints.committed(model_dir)
        out = killed_after(run + ["--steps", "1000000"], rng.uniform(3.0, 9.0))
        assert "Traceback" not in out, out
        if re.search(r"^error: ", out, re.M):  # refused: the committed one was damaged
            assert "--restore_intact" in out and before is None, out
            before = checkpoints.newest_intact(model_dir)
            out = killed_after(run + ["--steps", "1000000", "--restore_intact"], 9.0)
        restored = re.search(r"Restoring parameters from (\S+)", out)
        if restored:
            assert restored.group(1) == before, out
        elif "Saving checkpoints for 0 " in out:
            assert before is None, out  # a fresh start only where nothing was saved
    done = subprocess.run(run + ["--steps", "3"], capture_output=True, text=True,
                          timeout=240)
    assert done.returncode == 0, done.stderr
    restored = re.search(r"Restoring parameters from \S+-(\d+)\n", done.stderr)
    assert restored and done.stdout.strip().endswith(
        "'global_step': %d}" % (int(restored.group(1)) + 3))


def killed_after(command, seconds):
    """What ``command`` printed (stdout and stderr) before a SIGKILL ``seconds`` in."""
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True)
    try:
        out, _ = proc.communicate(timeout=seconds)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, _ = proc.communicate()
    return out
