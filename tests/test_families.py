"""TF 1 programs as people wrote them, one per family of what they reached
(tests/programs/), run unmodified by ``python -m tf1`` on the synthetic set: each
learns where it trains, its checkpoint restores, ``--scan`` passes it first, and
the same code runs in IPython after ``%load_ext tf1``."""

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request

import numpy as np
import pytest
from IPython.core.interactiveshell import InteractiveShell

from tests.helpers import PROGRAMS, ROOT, run_program
from tf1 import tf

FAMILIES = ("contrib_layers.py", "slim_arg_scope.py", "lstm_rows.py", "gan.py",
            "learn_dnn.py", "projector_embedding.py", "reader_spellings.py",
            "classes_from_labels.py", "contrib_paths.py", "experiment_runner.py",
            "tf13_style.py", "dimensions.py", "hparams_rules.py", "seeded_softmax.py",
            "seeded_deep.py", "seeded_layers.py", "seeded_contrib.py", "seeded_rnn.py",
            "seeded_data.py", "seeded_estimator.py")


run = run_program


def number(pattern, lines):
    found = [re.search(pattern, line) for line in lines]
    return float(next(m for m in found if m).group(1))


def test_scan_passes_every_family_program():
    done = subprocess.run([sys.executable, "-m", "tf1", "--scan"] + [
        os.path.join(PROGRAMS, p) for p in FAMILIES], capture_output=True, text=True,
        timeout=120)
    assert (done.returncode, done.stdout) == (0, ""), done.stdout + done.stderr


def test_contrib_layers_with_feed_dicts_learns_and_restores(mnist_dir, tmp_path):
    lines = run("contrib_layers.py", mnist_dir, tmp_path / "model.ckpt", cwd=tmp_path)
    assert number(r"^step 150, test accuracy ([0-9.]+)$", lines) >= 0.8  # after a restore


def test_slim_arg_scope_learns_and_restores_into_a_fresh_graph(mnist_dir, tmp_path):
    lines = run("slim_arg_scope.py", mnist_dir, tmp_path, cwd=tmp_path)
    assert number(r"^step 60, loss ([0-9.]+)$", lines) < number(r"^step 0, loss ([0-9.]+)$",
                                                                 lines)
    assert number(r"^test accuracy ([0-9.]+)$", lines) >= 0.8
    names = dict(tf.train.list_variables(tf.train.latest_checkpoint(str(tmp_path))))
    assert names["conv1/weights"] == [5, 5, 1, 20] and names["fc4/biases"] == [10]


def test_an_lstm_over_image_rows_learns_and_restores(mnist_dir, tmp_path):
    lines = run("lstm_rows.py", mnist_dir, tmp_path / "lstm.ckpt", cwd=tmp_path)
    assert lines[0] == ("variables model/Variable model/Variable_1 "
                        "model/rnn/basic_lstm_cell/bias model/rnn/basic_lstm_cell/kernel")
    assert number(r"^restored test accuracy ([0-9.]+)$", lines) >= 0.8


def test_an_lstm_checkpoint_tf_1_15_wrote_restores(mnist_dir, tmp_path):
    checkpoint = os.path.join(ROOT, "tests", "data", "tf115_lstm", "lstm.ckpt")
    lines = run("lstm_rows.py", mnist_dir, checkpoint, "restore", cwd=tmp_path)
    assert number(r"^restored test accuracy ([0-9.]+)$", lines) >= 0.8


def test_a_gan_trains_both_var_lists(mnist_dir, tmp_path):
    lines = run("gan.py", mnist_dir, tmp_path / "gan.ckpt", cwd=tmp_path)
    assert "d moved True, g moved True" in lines
    assert "samples (16, 784) in [0, 1]: True" in lines and "vars 4 4" in lines
    losses = re.search(r"^d_loss ([0-9.]+) g_loss ([0-9.]+)$", lines[-4]).groups()
    assert all(np.isfinite(float(v)) for v in losses)
    saved = dict(tf.train.list_variables(str(tmp_path / "gan.ckpt")))
    assert saved["generator/dense_1/kernel"] == [64, 784]
    assert saved["discriminator/dense/kernel"] == [784, 64]


def test_contrib_learn_dnn_classifier_fits_and_continues(mnist_dir, tmp_path):
    lines = run("learn_dnn.py", mnist_dir, tmp_path / "model", cwd=tmp_path)
    assert number(r"^Accuracy: ([0-9.]+)$", lines) >= 0.8  # chance is 0.1
    predicted, actual = re.fullmatch(r"Predicted (\[.*\]), actual (\[.*\])", lines[1]).groups()
    assert len(eval(predicted)) == 5
    assert re.fullmatch(r"SKCompat accuracy [0-9.]+, global step 250", lines[2])  # 200 + 50
    assert number(r"^SKCompat accuracy ([0-9.]+),", lines) >= 0.8


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url, deadline):
    while True:
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                return response.read()
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


def test_the_embedding_shows_in_tensorboards_projector(mnist_dir, tmp_path):
    run("projector_embedding.py", mnist_dir, tmp_path, cwd=tmp_path)
    port = free_port()
    board = subprocess.Popen([sys.executable, "-m", "tensorboard.main", "--logdir",
                              str(tmp_path), "--host", "127.0.0.1", "--port", str(port)],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base = "http://127.0.0.1:%d/data/plugin/projector" % port
        deadline = time.monotonic() + 90
        assert json.loads(get(base + "/runs", deadline)) == ["."]
        info = json.loads(get(base + "/info?run=.", deadline))
        [embedding] = info["embeddings"]
        assert embedding["tensorName"] == "images"  # the variable, as the checkpoint has it
        assert embedding["tensorShape"] == [100, 784]
        tensor = get(base + "/tensor?run=.&name=images", deadline)
        assert len(tensor) == 100 * 784 * 4
        labels = get(base + "/metadata?run=.&name=images", deadline).decode().split()
        assert len(labels) == 100 and set(labels) <= set("0123456789")
    finally:
        board.kill()
        board.wait()


def test_the_other_spellings_of_the_reader(mnist_dir, tmp_path):
    assert run("reader_spellings.py", mnist_dir, cwd=tmp_path) == ["600 5600 (500, 10)"]


def test_classes_counted_from_uint8_labels_make_a_shape(mnist_dir, tmp_path):
    if int(np.__version__.split(".")[0]) >= 2:
        pytest.skip("NumPy %s (Python 3.13 and later): NumPy 2 keeps max(uint8) + 1 "
                    "uint8, which TensorFlow refuses as a shape" % np.__version__)
    lines = run("classes_from_labels.py", mnist_dir, cwd=tmp_path)
    assert lines[0] == "classes 10, numpy 1"
    assert number(r"^accuracy ([0-9.]+)$", lines) >= 0.8


def test_contribs_own_module_paths_build_a_model(tmp_path):
    assert run("contrib_paths.py", cwd=tmp_path) == [
        "logits [None, 10] 10", "regularizers 2", "cell BasicLSTMCell True",
        "step global_step True True", "config 3", "hparams 8"]


def test_the_families_run_as_ipython_cells(mnist_dir, tmp_path, monkeypatch, capsys):
    main_module = sys.modules["__main__"]
    shell = InteractiveShell.instance()
    monkeypatch.chdir(tmp_path)
    try:
        assert shell.run_cell("%load_ext tf1").success
        for name, args in (("contrib_layers.py", [mnist_dir, str(tmp_path / "cl.ckpt")]),
                           ("slim_arg_scope.py", [mnist_dir, str(tmp_path)]),
                           ("lstm_rows.py", [mnist_dir, str(tmp_path / "lstm.ckpt")]),
                           ("gan.py", [mnist_dir, str(tmp_path / "gan.ckpt")]),
                           ("learn_dnn.py", [mnist_dir, str(tmp_path / "dnn")]),
                           ("projector_embedding.py", [mnist_dir, str(tmp_path)]),
                           ("reader_spellings.py", [mnist_dir]),
                           ("contrib_paths.py", []), ("dimensions.py", []),
                           ("tf13_style.py", [mnist_dir, "150"]),
                           ("experiment_runner.py", [mnist_dir, str(tmp_path / "exp"),
                                                     "train_steps=40"])):
            monkeypatch.setattr(sys, "argv", [name] + args)
            with open(os.path.join(PROGRAMS, name)) as f:  # a fresh graph, as a user
                result = shell.run_cell("%reset -f\nimport tensorflow as tf\n"
                                        "tf.reset_default_graph()\n" + f.read())
            assert result.success, (name, result.error_in_exec)
    finally:
        InteractiveShell.clear_instance()
        sys.modules["__main__"] = main_module
    out = capsys.readouterr().out
    assert number(r"step 150, test accuracy ([0-9.]+)", out.splitlines()) >= 0.8
    assert "d moved True, g moved True" in out and "600 5600 (500, 10)" in out
    assert os.path.exists(tmp_path / "projector_config.pbtxt")
    assert number(r"^test accuracy ([0-9.]+)", out.splitlines()) >= 0.8
    assert number(r"restored test accuracy ([0-9.]+)", out.splitlines()) >= 0.8
    assert number(r"Accuracy: ([0-9.]+)", out.splitlines()) >= 0.8
    assert "cell BasicLSTMCell True" in out and "value 14 8 None" in out
    assert number(r"train_and_evaluate: accuracy ([0-9.]+)", out.splitlines()) >= 0.8
