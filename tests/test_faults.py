"""Bad input and faults: one line naming the flag or file, a non-zero status, no
traceback, and nothing good lost.

``CASES`` is the table: each case prepares a folder, runs a script's ``main``
through ``tf1.exits.run`` (as ``python script.py`` does), and checks the status and
the message. Every good data file and checkpoint the case starts with must be
byte for byte the same afterwards. Then the real scripts are sent SIGINT and
SIGTERM while they train, and must save where they were and resume from there.
"""

import gzip
import hashlib
import os
import re
import shutil
import signal
import struct
import subprocess
import sys
import time

import numpy as np
import pytest

import cnn_mnist
import deep_mnist
import mnist_softmax
from tf1.data.synthetic import images_bytes as idx_images_bytes, labels_bytes as idx_labels_bytes
from tests.helpers import ROOT, copy_mnist
from tf1 import exits, input_data
from tf1.data import download

TRAIN_IMAGES = input_data.TRAIN_IMAGES
TRAIN_LABELS = input_data.TRAIN_LABELS
TEST_IMAGES = input_data.TEST_IMAGES


# ---------------------------------------------------------------------------
# What each case starts from
# ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def trained_model_dir(tmp_path_factory, mnist_dir):
    """A cnn_mnist model_dir with two good checkpoints, model.ckpt-0 and -2."""
    model_dir = str(tmp_path_factory.mktemp("trained"))
    assert exits.run(cnn_mnist.main, ["--data_dir", mnist_dir, "--model_dir", model_dir,
                                    "--steps", "2"]) == 0
    return model_dir


class Case(object):
    """A fault: ``prepare(work)`` makes the folder and returns the argv."""

    def __init__(self, name, script, prepare, status, *expected):
        self.name, self.script, self.prepare = name, script, prepare
        self.status, self.expected = status, expected


def data(work, mnist_dir, replace=None, remove=()):
    """A copy of the synthetic set in work/data, with files replaced or removed."""
    directory = copy_mnist(mnist_dir, work)
    for name in remove:
        os.remove(os.path.join(directory, name))
    for name, content in (replace or {}).items():
        path = os.path.join(directory, name)
        if os.path.exists(path):
            os.remove(path)
        if callable(content):
            content(path)
        else:
            with open(path, "wb") as f:
                f.write(content)
    return directory


def gz(raw):
    return gzip.compress(raw, mtime=0)


def images(n, rows=28, cols=28):
    """Gzipped IDX images of noise (which compresses hardly at all)."""
    noise = np.random.RandomState(0).randint(0, 256, (n, rows, cols))
    return gz(idx_images_bytes(noise))


def corrupted(blob):
    """``blob`` with 200 bytes in its middle inverted."""
    middle = len(blob) // 2
    return blob[:middle] + bytes(b ^ 0xFF for b in blob[middle:middle + 200]) + \
        blob[middle + 200:]


def softmax(*flags):
    return lambda work, mnist_dir, model_dir: ["--data_dir", mnist_dir, "--steps", "1",
                                               *flags]


def softmax_with(replace=None, remove=(), *flags):
    def prepare(work, mnist_dir, model_dir):
        return ["--data_dir", data(work, mnist_dir, replace, remove), "--steps", "1",
                *flags]
    return prepare


def cnn_on(damage):
    """cnn_mnist continuing a copy of the trained model_dir, damaged by ``damage``."""
    def prepare(work, mnist_dir, model_dir):
        copy = os.path.join(work, "model")
        shutil.copytree(model_dir, copy)
        damage(copy)
        return ["--data_dir", mnist_dir, "--model_dir", copy, "--steps", "1"]
    return prepare


def truncate_data(model_dir):
    [path] = [p for p in os.listdir(model_dir) if p.startswith("model.ckpt-2.data")]
    with open(os.path.join(model_dir, path), "r+b") as f:
        f.truncate(100)


def write_file(path, content=b"x"):
    with open(path, "wb") as f:
        f.write(content)
    return path


HUGE = 2**32 - 1
CASES = [
    # Flags: argparse's own message (status 2), naming the flag and the range.
    Case("seed negative", mnist_softmax, softmax("--seed", "-1"), 2,
         "argument --seed: must be an integer from 0 to 4294967295, got -1"),
    Case("seed too large", mnist_softmax, softmax("--seed", "1099511627776"), 2,
         "argument --seed: must be an integer from 0 to 4294967295"),
    Case("learning rate inf", mnist_softmax, softmax("--learning_rate", "inf"), 2,
         "argument --learning_rate: must be a positive, finite number, got inf"),
    Case("learning rate nan", deep_mnist, softmax("--learning_rate", "nan"), 2,
         "argument --learning_rate: must be a positive, finite number, got nan"),
    Case("learning rate zero", cnn_mnist, softmax("--learning_rate", "0"), 2,
         "argument --learning_rate: must be a positive, finite number, got 0"),
    Case("steps zero", mnist_softmax, softmax("--steps", "0"), 2,
         "argument --steps: must be a positive integer, got 0"),
    Case("steps not a number", deep_mnist, softmax("--steps", "ten"), 2,
         "argument --steps: invalid positive_int value: 'ten'"),
    Case("batch size negative", mnist_softmax, softmax("--batch_size", "-5"), 2,
         "argument --batch_size: must be a positive integer, got -5"),
    Case("model_dir is a file", cnn_mnist,
         lambda work, mnist_dir, model_dir: [
             "--data_dir", mnist_dir, "--model_dir",
             write_file(os.path.join(work, "f"))], 2,
         "argument --model_dir:", "is a file, not a folder"),
    Case("graph_dir under a file", deep_mnist,
         lambda work, mnist_dir, model_dir: [
             "--data_dir", mnist_dir, "--graph_dir",
             os.path.join(write_file(os.path.join(work, "f")), "graphs")], 2,
         "argument --graph_dir:", "is a file, not a folder"),
    # Runs that cannot go on: status 1, one line.
    Case("batch larger than the set", mnist_softmax, softmax("--batch_size", "1000"), 1,
         "batch_size must be between 1 and the number of examples (600), got 1000"),
    Case("data_dir is a file", deep_mnist,
         lambda work, mnist_dir, model_dir: [
             "--data_dir", write_file(os.path.join(work, "f"))], 2,
         "argument --data_dir:", "is a file, not a folder"),
    # Data files.
    Case("file missing, offline", mnist_softmax,
         softmax_with(remove=[TRAIN_LABELS]), 1,
         "MNIST data files are missing from", TRAIN_LABELS, "Connection refused",
         "place the files"),
    Case("truncated gzip", mnist_softmax,
         softmax_with({TEST_IMAGES: images(500)[:-200]}), 1,
         TEST_IMAGES + ": the gzip stream is truncated"),
    Case("not gzip", deep_mnist, softmax_with({TRAIN_LABELS: b"junk" * 10}), 1,
         TRAIN_LABELS + ": not a gzip file"),
    Case("corrupt gzip", mnist_softmax,
         softmax_with({TEST_IMAGES: corrupted(images(500))}), 1,
         TEST_IMAGES + ": corrupt gzip data"),
    Case("label file as image file", mnist_softmax,
         softmax_with({TRAIN_IMAGES: gz(idx_labels_bytes(np.zeros(5600)))}), 1,
         TRAIN_IMAGES + ": invalid magic number 2049 in MNIST image file, expected 2051"),
    Case("label out of range", mnist_softmax,
         softmax_with({TRAIN_LABELS: gz(idx_labels_bytes(np.full(5600, 12)))}), 1,
         TRAIN_LABELS + ": label 12 at index 0 is out of range"),
    Case("counts disagree", mnist_softmax,
         softmax_with({TRAIN_LABELS: gz(idx_labels_bytes(np.zeros(5500)))}), 1,
         "holds 5600 images but", TRAIN_LABELS, "holds 5500 labels"),
    Case("header size overflows", mnist_softmax,
         softmax_with({TRAIN_IMAGES[:-3]: struct.pack(">IIII", 2051, HUGE, HUGE, HUGE)},
                      remove=[TRAIN_IMAGES]), 1,
         TRAIN_IMAGES[:-3] + ": file is truncated: the header declares "
         "4294967295 x 4294967295 x 4294967295"),
    Case("gzip header claims a bomb", mnist_softmax,
         softmax_with({TRAIN_IMAGES: gz(struct.pack(">IIII", 2051, 10**9, 28, 28))}), 1,
         TRAIN_IMAGES + ": the header declares 1000000000 x 28 x 28",
         "more than a gzip file of"),
    Case("longer than its header", mnist_softmax,
         softmax_with({TEST_IMAGES[:-3]: idx_images_bytes(np.zeros((500, 28, 28)))
                       + b"extra"}, remove=[TEST_IMAGES]), 1,
         TEST_IMAGES[:-3] + ": file is longer than its header says"),
    Case("images not 28x28", cnn_mnist,
         softmax_with({TEST_IMAGES: images(500, 32, 32)}), 1,
         TEST_IMAGES + ": images are 32x32, but the tutorials' models need 28x28"),
    Case("no test images", mnist_softmax,
         softmax_with({TEST_IMAGES: images(0),
                       input_data.TEST_LABELS: gz(idx_labels_bytes([]))}), 1,
         TEST_IMAGES + ": holds no images"),
    Case("fewer images than the validation split", deep_mnist,
         softmax_with({TRAIN_IMAGES: images(3000),
                       TRAIN_LABELS: gz(idx_labels_bytes(np.zeros(3000)))}), 1,
         TRAIN_IMAGES + ": holds 3000 images, fewer than the 5000 split off"),
    Case("a folder where a data file should be", mnist_softmax,
         softmax_with({TEST_IMAGES: os.mkdir}), 1,
         TEST_IMAGES + ": is not a regular file"),
    Case("a broken link where a data file should be", mnist_softmax,
         softmax_with({TRAIN_LABELS: lambda p: os.symlink(p + ".gone", p)}), 1,
         TRAIN_LABELS + ": is not a regular file"),
    # Checkpoints.
    Case("truncated checkpoint data", cnn_mnist, cnn_on(truncate_data), 1,
         "model.ckpt-2 is damaged: Read less bytes than requested",
         "The newest intact checkpoint is", "model.ckpt-0", "--restore_intact"),
    Case("checkpoint index missing", cnn_mnist,
         cnn_on(lambda d: os.remove(os.path.join(d, "model.ckpt-2.index"))), 1,
         "model.ckpt-2 is damaged: its index file model.ckpt-2.index is missing",
         "model.ckpt-0"),
    Case("every checkpoint damaged", cnn_mnist,
         cnn_on(lambda d: [os.remove(os.path.join(d, "model.ckpt-%d.index" % n))
                           for n in (0, 2)]), 1,
         "is damaged", "No intact checkpoint is left: use a fresh model_dir"),
]


def snapshot(directory):
    """{path: sha256} of every file below ``directory``."""
    found = {}
    for root, _, files in os.walk(directory):
        for name in files:
            path = os.path.join(root, name)
            if os.path.isfile(path):
                with open(path, "rb") as f:
                    found[path] = hashlib.sha256(f.read()).hexdigest()
    return found


@pytest.fixture
def no_network(monkeypatch):
    """Downloads try a port on 127.0.0.1 that refuses, never the real mirrors."""
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        monkeypatch.setattr(download, "MIRRORS",
                            ("http://127.0.0.1:%d/" % s.getsockname()[1],))
        yield


def run_script(script, argv, capsys):
    try:
        status = exits.run(script.main, argv)
    except SystemExit as e:  # argparse
        status = e.code
    return status, capsys.readouterr().err


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_fault(case, tmp_path, mnist_dir, trained_model_dir, capsys, no_network):
    argv = case.prepare(str(tmp_path), mnist_dir, trained_model_dir)
    before = snapshot(str(tmp_path)), snapshot(mnist_dir), snapshot(trained_model_dir)
    status, err = run_script(case.script, argv, capsys)
    assert status == case.status, err
    if case.status == 2:  # argparse: usage, then one line
        assert "error: argument --" in err.strip().splitlines()[-1], err
    else:
        assert err.startswith("error: "), err
    for expected in case.expected:
        assert expected in err, err
    assert "Traceback" not in err
    after = snapshot(str(tmp_path)), snapshot(mnist_dir), snapshot(trained_model_dir)
    for old, new in zip(before, after):
        assert {p: h for p, h in new.items() if p in old} == old  # nothing good changed
    assert not [p for p in after[0] if p.endswith(".part")]


# ---------------------------------------------------------------------------
# A full disk, on a small file system of its own
# ---------------------------------------------------------------------------

@pytest.fixture
def small_disk(tmp_path):
    """A 2 MB file system: room for the graph, not for a checkpoint."""
    mount_point = tmp_path / "small"
    mount_point.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs",
                           str(mount_point)], capture_output=True)
    if done.returncode:
        pytest.skip("cannot mount a small file system here: %s" % done.stderr.decode())
    yield str(mount_point)
    # lazily: TensorFlow's summary writer may still hold its events file open
    subprocess.run(["umount", "--lazy", str(mount_point)], check=True)


def test_disk_full_while_saving_is_one_line(small_disk, mnist_dir, capsys):
    status, err = run_script(cnn_mnist, ["--data_dir", mnist_dir, "--model_dir",
                                         os.path.join(small_disk, "m"), "--steps", "2"],
                             capsys)
    assert status == 1 and "Traceback" not in err
    assert re.search(r"^error: cannot write .*/m/model.ckpt.*No space left on device",
                     err.strip().splitlines()[-1]), err


# ---------------------------------------------------------------------------
# Signals during training, to the real script
# ---------------------------------------------------------------------------

def start_training(mnist_dir, model_dir, steps):
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    return subprocess.Popen(
        [sys.executable, os.path.join(ROOT, "cnn_mnist.py"), "--data_dir", mnist_dir,
         "--model_dir", model_dir, "--steps", str(steps), "--learning_rate", "0.05",
         "--log_every", "1000"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)


def logged_steps(lines):
    return [int(m.group(1)) for m in
            (re.search(r"loss = [^,]+, step = (\d+)", line) for line in lines) if m]


@pytest.mark.parametrize("signum, status", [(signal.SIGINT, 130),
                                            (signal.SIGTERM, 143)])
def test_signal_saves_where_training_was_and_a_rerun_resumes(signum, status, mnist_dir,
                                                             tmp_path):
    model_dir = str(tmp_path / "model")
    proc = start_training(mnist_dir, model_dir, 100000)
    lines = []
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        lines.append(line)
        if "step = 101" in line:
            break
    proc.send_signal(signum)
    out, _ = proc.communicate(timeout=120)
    lines += out.splitlines()
    assert proc.returncode == status, "".join(lines)
    saved = [re.search(r"at step (\d+): saved checkpoint (\S+)", line) for line in lines]
    [saved] = [m for m in saved if m]
    step = int(saved.group(1))
    assert step >= max(logged_steps(lines)) == 101  # TF 1's numbering: step = 1, 101
    assert os.path.basename(saved.group(2)) == "model.ckpt-%d" % step
    assert lines[-1].strip() == "interrupted by %s" % signal.Signals(signum).name
    assert not any("Traceback" in line for line in lines)

    resumed = start_training(mnist_dir, model_dir, 5)
    out, _ = resumed.communicate(timeout=240)
    assert resumed.returncode == 0, out
    assert logged_steps(out.splitlines())[0] == step + 1  # the step it restored, then one
    assert "'global_step': %d}" % (step + 5) in out
