"""``python -m tf1 FILE``: TF 1 programs run with no line changed.

Each program is copied alone into an empty folder and run there, as a user
would run it: the documents' complete programs (tests/documents.py) with only
their step counts and model folder changed, and programs written here in the
style of TensorFlow's r1.x tutorials (tests/programs/). That the layers guide's
code learns is tested, seeded, in test_documents.py and test_learn.py; here, that
the programs reach their result lines unmodified.
"""

import ast
import os
import re
import shutil
import signal
import subprocess
import sys
import time

import numpy as np

from tests import documents
from tf1.data.synthetic import write_mnist
from tf1 import tf

PROGRAMS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "programs")


def runner(folder, program, *args, env=None):
    """Starts ``python -m tf1 PROGRAM ARGS`` in ``folder``."""
    env = dict(os.environ, PYTHONUNBUFFERED="1", **(env or {}))
    return subprocess.Popen([sys.executable, "-m", "tf1", program] + list(args),
                            cwd=str(folder), env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def run(folder, program, *args, env=None, timeout=300):
    proc = runner(folder, program, *args, env=env)
    out, err = proc.communicate(timeout=timeout)
    return proc.returncode, out, err


def copied(tmp_path, name):
    """A program of tests/programs/, copied alone into an empty folder."""
    folder = tmp_path / "alone"
    folder.mkdir(exist_ok=True)
    shutil.copy(os.path.join(PROGRAMS, name), folder / name)
    return folder


def document_program(tmp_path, name, blocks, changes):
    """A document's blocks as one program file, as printed but for ``changes``."""
    source = "\n".join(blocks)
    for old, new in changes.items():
        assert source.count(old) == 1, old
        source = source.replace(old, new)
    folder = tmp_path / "alone"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(source)
    return folder


def last_dict(out):
    return ast.literal_eval(out.strip().splitlines()[-1])


# ---------------------------------------------------------------------------
# The documents' programs, with their own imports
# ---------------------------------------------------------------------------

def test_layers_guide_final_program(mnist_dir, tmp_path):
    folder = document_program(tmp_path, "cnn_mnist.py", documents.LAYERS_GUIDE, {
        "steps=20000": "steps=100",
        '"/tmp/mnist_convnet_model"': repr(str(tmp_path / "model"))})
    status, out, err = run(folder, "cnn_mnist.py", env={"MNIST_DATA_DIR": mnist_dir})
    assert status == 0, err
    results = last_dict(out)
    assert list(results) == ["accuracy", "loss", "global_step"]
    assert results["global_step"] == 100 and 0 <= results["accuracy"] <= 1
    # Each log line once, in TF 1's form (not again in absl's).
    assert len(re.findall(r"^INFO:tensorflow:Loss for final step", err, re.M)) == 1
    assert not re.search(r"^I\d{4} .*\] Loss for final step", err, re.M)


def test_deep_mnist_for_experts_both_parts_as_one_program(tmp_path):
    folder = document_program(
        tmp_path, "deep_mnist_for_experts.py",
        documents.DEEP_MNIST_PART1 + documents.DEEP_MNIST_PART2,
        {"range(1000)": "range(100)", "range(20000)": "range(200)"})
    write_mnist(str(folder / "MNIST_data"))
    status, out, err = run(folder, "deep_mnist_for_experts.py")
    assert status == 0, err
    lines = [line for line in out.strip().splitlines() if not line.startswith("Extracting")]
    assert float(lines[0]) >= 0.8  # part 1's accuracy; chance is 0.1
    assert [line.split(",")[0] for line in lines[1:-1]] == ["step 0", "step 100"]
    assert float(re.fullmatch(r"test accuracy ([0-9.]+)", lines[-1]).group(1)) >= 0.8


def test_first_edition_program(mnist_dir, tmp_path):
    folder = document_program(tmp_path, "cnn_mnist.py", [documents.FIRST_EDITION], {
        "steps=20000": "steps=100",
        '"/tmp/mnist_convnet_model"': repr(str(tmp_path / "model"))})
    status, out, err = run(folder, "cnn_mnist.py", env={"MNIST_DATA_DIR": mnist_dir})
    assert status == 0, err
    results = last_dict(out)
    assert results["global_step"] == 100 and 0 <= results["accuracy"] <= 1


# ---------------------------------------------------------------------------
# Programs in the style of TensorFlow's r1.x tutorials
# ---------------------------------------------------------------------------

def test_queue_runners_alone_start_numpy_input_fn(mnist_dir, tmp_path):
    folder = copied(tmp_path, "queue_runners.py")
    model = str(tmp_path / "model.ckpt")
    status, out, err = run(folder, "queue_runners.py", mnist_dir, model)
    assert status == 0, err
    lines = [line for line in out.strip().splitlines() if not line.startswith("Extracting")]
    assert [line.split(",")[0] for line in lines[:-1]] == ["step 0", "step 100"]
    assert float(re.fullmatch(r"test accuracy ([0-9.]+)", lines[-1]).group(1)) >= 0.8
    assert "no queue runners were defined" not in err
    weights = tf.train.load_checkpoint(model).get_tensor("Variable")
    assert weights.shape == (784, 10) and np.abs(weights).sum() > 0


def test_mechanics_101_program_learns(mnist_dir, tmp_path):
    folder = copied(tmp_path, "mechanics101.py")
    status, out, err = run(folder, "mechanics101.py", "--input_data_dir", mnist_dir,
                           "--log_dir", str(tmp_path / "logs"), "--max_steps", "200",
                           "--learning_rate", "0.1")
    assert status == 0, err
    precision = float(re.search(r"Precision @ 1: ([0-9.]+)", out).group(1))
    assert precision >= 0.8  # chance: 0.1
    assert os.path.exists(tmp_path / "logs" / "model.ckpt-199.index")
    assert any(name.startswith("events.out.tfevents") for name in os.listdir(tmp_path / "logs"))


def test_mechanics_101_program_on_fake_data(tmp_path):
    folder = copied(tmp_path, "mechanics101.py")
    status, out, err = run(folder, "mechanics101.py", "--fake_data", "--max_steps", "3",
                           "--log_dir", str(tmp_path / "logs"))
    assert status == 0, err
    assert "Precision @ 1:" in out


def test_compat_v1_spelling_with_an_estimator(mnist_dir, tmp_path):
    folder = copied(tmp_path, "compat_v1_estimator.py")
    status, out, err = run(folder, "compat_v1_estimator.py", mnist_dir,
                           str(tmp_path / "model"), "60")
    assert status == 0, err
    results = last_dict(out)
    assert results["global_step"] == 60 and results["accuracy"] >= 0.8


def test_app_flags_and_app_run(tmp_path):
    folder = copied(tmp_path, "app_flags.py")
    status, out, err = run(folder, "app_flags.py", "--answer", "9", "extra")
    assert status == 9 % 7, err  # main's value is the exit status, as in TF 1
    assert out.strip() == "main ran as __main__ with ['extra']"
    assert err.count("answer is 10") == 1 and "INFO:tensorflow:answer is 10" in err


def test_a_name_tf1_does_not_provide_is_one_line_with_file_and_line(tmp_path):
    folder = copied(tmp_path, "missing_names.py")
    status, out, err = run(folder, "missing_names.py")
    last = err.strip().splitlines()[-1]
    assert status == 1 and "Traceback" not in err
    assert last == ("error: missing_names.py:13: tf.contrib.slim.layers.no_such_layer is a "
                    "TensorFlow 1 name that tf1 does not provide")


def test_scan_names_them_all_before_a_run(tmp_path):
    folder = copied(tmp_path, "missing_names.py")
    done = subprocess.run([sys.executable, "-m", "tf1", "--scan", "missing_names.py"],
                          cwd=str(folder), capture_output=True, text=True, timeout=120)
    assert done.returncode == 1, done.stderr
    assert done.stdout.splitlines() == [
        "missing_names.py:8: tf.contrib.seq2seq",
        "missing_names.py:13: tf.contrib.slim.layers.no_such_layer"]


def test_keras_and_the_real_tensorflow_still_work_beside_it(tmp_path):
    folder = copied(tmp_path, "with_keras.py")
    status, out, err = run(folder, "with_keras.py")
    assert status == 0, err
    assert "tf1 graph: 6.0" in out and "keras model: 8 tensorflow" in out


def test_a_bug_shows_its_own_traceback(tmp_path):
    folder = copied(tmp_path, "buggy.py")
    status, out, err = run(folder, "buggy.py")
    assert status == 1 and out.strip() == "tf1.tf"
    traceback = err[err.index("Traceback"):].splitlines()
    assert 'File "buggy.py", line 10, in <module>' in traceback[1]
    assert traceback[-1] == "ZeroDivisionError: division by zero"
    assert "tf1" not in "\n".join(traceback)  # the runner's frames are left out


def test_missing_file_is_one_line_and_status_2(tmp_path):
    status, out, err = run(tmp_path, "nowhere.py")
    assert status == 2
    assert err.strip().splitlines()[-1].startswith("python -m tf1: can't open file")


def test_exit_status_is_the_programs_own(tmp_path):
    (tmp_path / "exits.py").write_text("import sys\nimport tensorflow as tf\nsys.exit(3)\n")
    assert run(tmp_path, "exits.py")[0] == 3


def test_sigterm_saves_the_estimators_checkpoint(mnist_dir, tmp_path):
    folder = copied(tmp_path, "compat_v1_estimator.py")
    model_dir = tmp_path / "model"
    proc = runner(folder, "compat_v1_estimator.py", mnist_dir, str(model_dir), "100000")
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline and not (model_dir / "graph.pbtxt").exists():
        time.sleep(0.5)
    time.sleep(2)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 128 + signal.SIGTERM
    saved = re.search(r"Interrupted by SIGTERM at step (\d+): saved checkpoint (\S+)", err)
    assert saved, err
    assert os.path.basename(saved.group(2)) == "model.ckpt-" + saved.group(1)
    assert int(saved.group(1)) > 0 and os.path.exists(saved.group(2) + ".index")
    assert err.strip().splitlines()[-1] == "interrupted by SIGTERM"
