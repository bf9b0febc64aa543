"""Tests of mnist_softmax.py on the synthetic set."""

import os
import subprocess
import sys

import pytest

import mnist_softmax
from tests.helpers import ROOT, recorded


def test_prints_accuracy_as_last_line(mnist_dir, capsys):
    accuracy = mnist_softmax.main(["--data_dir", mnist_dir, "--steps", "5", "--seed", "2"])
    last = capsys.readouterr().out.splitlines()[-1]
    assert float(last) == pytest.approx(accuracy, abs=1e-6)


def test_seed_makes_runs_identical(mnist_dir):
    args = ["--data_dir", mnist_dir, "--steps", "30", "--batch_size", "20", "--seed", "3"]
    assert mnist_softmax.main(args) == mnist_softmax.main(args)


def test_seed_prints_what_tf_1_15_printed_for_the_document(mnist_dir, capsys):
    """tests/data/tf115/script_softmax.txt: the document's program, seeded, on TF 1.15."""
    mnist_softmax.main(["--data_dir", mnist_dir, "--steps", "50", "--seed", "1"])
    lines = [l for l in capsys.readouterr().out.splitlines() if not l.startswith("Extr")]
    assert lines == recorded("script_softmax")


def test_defaults_are_the_documents():
    flags = mnist_softmax.parse_args([])
    assert (flags.steps, flags.batch_size, flags.learning_rate) == (1000, 100, 0.5)
    assert flags.data_dir == "/tmp/tensorflow/mnist/input_data"


def test_data_dir_default_from_environment(monkeypatch):
    monkeypatch.setenv("MNIST_DATA_DIR", "/somewhere/else")
    assert mnist_softmax.parse_args([]).data_dir == "/somewhere/else"


def test_bad_flag_value_is_refused(capsys):
    with pytest.raises(SystemExit):
        mnist_softmax.parse_args(["--steps", "0"])
    assert "--steps: must be a positive integer" in capsys.readouterr().err


def _run_script(args, cwd):
    env = dict(os.environ, PYTHONWARNINGS="default")
    env.pop("MNIST_DATA_DIR", None)
    return subprocess.run([sys.executable, os.path.join(ROOT, "mnist_softmax.py")] + args,
                          cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


def test_script_runs_cleanly_and_bad_data_exits_without_traceback(mnist_dir, tmp_path):
    ok = _run_script(["--data_dir", mnist_dir, "--steps", "20"], str(tmp_path))
    assert ok.returncode == 0, ok.stderr
    assert float(ok.stdout.splitlines()[-1]) > 0.5
    for line in ok.stderr.splitlines():  # no Python warnings from our code
        assert "Warning" not in line and "deprecated" not in line, ok.stderr

    bad = tmp_path / "bad"
    bad.mkdir()
    for name in os.listdir(mnist_dir):
        (bad / name).write_bytes(b"not gzip")
    failed = _run_script(["--data_dir", str(bad), "--steps", "20"], str(tmp_path))
    assert failed.returncode == 1
    assert "Traceback" not in failed.stderr
    assert "error: %s: not a gzip file" % os.path.join(str(bad), "train-images-idx3-ubyte.gz") \
        in failed.stderr


def test_learns_well_above_chance(mnist_dir):
    accuracy = mnist_softmax.main(["--data_dir", mnist_dir, "--steps", "60", "--seed", "1"])
    assert accuracy >= 0.9


def test_ctrl_c_exits_with_status_130_and_no_traceback(capsys):
    from tf1 import exits

    def interrupted(argv):
        raise KeyboardInterrupt

    assert exits.run(interrupted) == 130
    assert capsys.readouterr().err == "interrupted\n"
