"""tf1 is a package: installed by ``pip install -r requirements.txt`` into a fresh
virtual environment, it works from a folder outside the project: ``python -m tf1``,
the ``tf1`` command, ``from tf1 import tf``, and ``%load_ext tf1`` in IPython and in
a Jupyter kernel started there.

The environment gets TensorFlow and the rest from this one's site-packages through
PYTHONPATH (no network), which leaves this one's own install of tf1 out: its
import hook is set up by a ``.pth`` file, and Python reads those only in site
folders. So ``import tf1`` in the new environment fails until it is installed there.
"""

import json
import os
import site
import subprocess
import sys

import pytest

from tests.helpers import ROOT

PROGRAM = """\
import tensorflow as tf
x = tf.placeholder(tf.float32, [None, 2])
with tf.Session() as sess:
    print("sum", sess.run(tf.reduce_sum(x), {x: [[1, 2], [3, 4]]}))
print(tf.estimator.Estimator.__module__, tf.compat.v1 is tf)
"""


@pytest.fixture(scope="module")
def venv(tmp_path_factory):
    """(python of a fresh venv with tf1 installed as README says, its environment)."""
    home = tmp_path_factory.mktemp("venv")
    subprocess.run([sys.executable, "-m", "venv", str(home)], check=True, timeout=240)
    python = str(home / "bin" / "python")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(site.getsitepackages()))
    before = subprocess.run([python, "-c", "import tf1"], capture_output=True, text=True,
                            env=env, cwd=str(home), timeout=120)
    assert "No module named 'tf1'" in before.stderr  # this environment's install unseen
    subprocess.run([python, "-m", "pip", "install", "--quiet", "--no-deps",
                    "--no-build-isolation", "--disable-pip-version-check",
                    "-r", "requirements.txt"], cwd=ROOT, env=env, check=True, timeout=600)
    return python, env, home


@pytest.fixture
def elsewhere(tmp_path):
    """A folder outside the project holding the program, and another to run from."""
    (tmp_path / "progs").mkdir()
    (tmp_path / "progs" / "prog.py").write_text(PROGRAM)
    (tmp_path / "cwd").mkdir()
    return tmp_path


def run(command, env, cwd):
    done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=str(cwd),
                          timeout=300)
    assert done.returncode == 0, done.stderr
    return done.stdout.split("\n")


def test_python_m_tf1_and_the_tf1_command_run_a_program_from_any_folder(venv, elsewhere):
    python, env, home = venv
    prog = str(elsewhere / "progs" / "prog.py")
    expected = ["sum 10.0", "tf1.estimator.layered True", ""]
    assert run([python, "-m", "tf1", prog], env, elsewhere / "cwd") == expected
    assert run([str(home / "bin" / "tf1"), prog], env, elsewhere / "cwd") == expected


def test_from_tf1_import_tf_and_the_scripts_import_from_any_folder(venv, elsewhere):
    python, env, _ = venv
    out = run([python, "-c", "from tf1 import tf; import cnn_mnist, tf1; "
               "print(tf.estimator.DNNClassifier.__name__, tf1.__file__)"],
              env, elsewhere / "cwd")
    assert out[0] == "DNNClassifier %s" % os.path.join(ROOT, "tf1", "__init__.py")


def test_load_ext_in_ipython_started_elsewhere(venv, elsewhere):
    python, env, _ = venv
    cell = elsewhere / "cwd" / "cells.ipy"
    cell.write_text("%load_ext tf1\nimport tensorflow as tf\n"
                    "print(tf.__name__, tf.compat.v1 is tf)\n")
    out = run([python, "-m", "IPython", "--no-banner", str(cell)], env, elsewhere / "cwd")
    assert "tf1.tf True" in out


def test_load_ext_in_a_jupyter_kernel_started_elsewhere(venv, elsewhere):
    manager = pytest.importorskip("jupyter_client.manager")
    from jupyter_client.kernelspec import KernelSpecManager
    python, env, home = venv
    spec = home / "kernels" / "tf1venv"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [python, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "tf1 venv", "language": "python", "env": env}))
    km = manager.KernelManager(kernel_name="tf1venv", kernel_spec_manager=KernelSpecManager(
        kernel_dirs=[str(home / "kernels")]))
    km.start_kernel(cwd=str(elsewhere / "cwd"))
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=120)
        out = []
        reply = kc.execute_interactive(
            "%load_ext tf1\nimport os, sys, tensorflow as tf\n"
            "print(tf.__name__, sys.executable, os.getcwd())", timeout=120,
            output_hook=lambda msg: out.append(msg["content"].get("text", "")))
        assert reply["content"]["status"] == "ok", reply["content"]
        assert "".join(out).split() == ["tf1.tf", python, str(elsewhere / "cwd")]
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def test_requirements_txt_pins_what_pyproject_toml_pins():
    tomllib = pytest.importorskip("tomllib")  # Python 3.11 on
    with open(os.path.join(ROOT, "pyproject.toml"), "rb") as f:
        pinned = tomllib.load(f)["project"]["dependencies"]
    with open(os.path.join(ROOT, "requirements.txt")) as f:
        lines = [line.strip() for line in f if line.strip() and not line.startswith("#")]
    assert lines == pinned + ["-e ."]
