"""This project against every alternative a user has, measured side by side.

* Training throughput, contenders in turn round after round, each in a process
  of its own, on the real MNIST files, with the identical architecture and the
  script's own batch size and learning rate (benchmarks/peer_worker.py):
  ``deep_mnist`` against Keras 3 (``model.fit``), PyTorch (CPU, eager) and JAX +
  Flax (``jax.jit``); ``mnist_softmax`` and ``cnn_mnist`` against Keras 3.
* The layers guide's program (documents/layers_guide.py, the file the tests
  run) on TensorFlow 2.15 with the real ``tf.estimator``, the same file under
  ``python -m tf1`` here, and ``cnn_mnist.py``: whole processes, steps/s (the
  Estimator's ``global_step/sec``), CPU time and peak memory, beside the peak
  of a bare ``import tensorflow`` of each version. For 2.15 the file is edited
  where 2.15 lacks what it uses (``tf.contrib``, and ``tf.logging`` outside
  ``tensorflow.compat.v1``); the same edited file runs both ways.
* Interoperability: a ``model_dir`` written by the real Estimator continues
  under ``cnn_mnist.py``, and the reverse.

PyTorch, JAX and TensorFlow 2.15 are installed into venvs of their own in a
cache folder ($TF1_MNIST_BENCH_CACHE, default ~/.cache/tf1-mnist-benchmarks)
the first time; a contender that cannot be installed is reported in one line
and skipped. Take no figures while another heavy job runs on the machine.

    python benchmarks/peers.py --data_dir /path/to/mnist     # about 40 minutes
"""

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile

import harness
import peer_worker
import report

HERE, ROOT = harness.HERE, harness.ROOT
GUIDE = os.path.join(ROOT, "documents", "layers_guide.py")

CACHE = os.environ.get("TF1_MNIST_BENCH_CACHE") or os.path.join(
    os.path.expanduser("~"), ".cache", "tf1-mnist-benchmarks")
VENVS = {
    "torch": ["torch==2.13.0", "numpy"],  # 2.13.0: a CPU build on this platform
    "jax": ["jax", "flax", "optax", "numpy"],
    "tf215": ["tensorflow==2.15.*"],      # with tensorflow-estimator 2.15
}
ORDER = ("deep_mnist", "mnist_softmax", "cnn_mnist")


def say(*args):
    print(*args, flush=True)


def venv_python(name, build=True):
    """The interpreter of venv ``name`` in the cache, built if missing; None if it
    cannot be had."""
    python = os.path.join(CACHE, "venvs", name, "bin", "python")
    if os.path.exists(python):
        return python
    if not build:
        say("peer %s: no venv at %s and --no_install given; skipped" % (name, python))
        return None
    venv = os.path.dirname(os.path.dirname(python))
    say("peer %s: installing %s into %s ..." % (name, " ".join(VENVS[name]), venv))
    steps = [[sys.executable, "-m", "venv", venv],
             [python, "-m", "pip", "install", "--quiet"] + VENVS[name]]
    for command in steps:
        done = subprocess.run(command, capture_output=True, text=True)
        if done.returncode:
            last = (done.stderr.strip().splitlines() or ["exit %d" % done.returncode])[-1]
            say("peer %s: could not be installed (%s); skipped" % (name, last))
            return None
    return python


# ---------------------------------------------------------------------------
# Throughput, contender against contender
# ---------------------------------------------------------------------------

def worker(python, framework, script, flags):
    defaults = harness.settings(script)
    done = harness.child([python, os.path.join(HERE, "peer_worker.py"), "--framework",
                          framework, "--script", script, "--data_dir", flags.data_dir,
                          "--batch_size", str(defaults.batch_size), "--learning_rate",
                          str(defaults.learning_rate), "--steps", str(flags.steps),
                          "--warmup", str(flags.warmup)])
    if done.status:
        say("  %s/%s failed: %s" % (framework, script, done.err.strip().splitlines()[-1:]))
        return None
    return json.loads(done.out.strip().splitlines()[-1])


def throughput(pythons, flags):
    """{script: {peer: harness.compare(ours, peer)}} and the rounds' raw results."""
    summary, raw = {}, {}
    for script in ORDER:
        present = [f for f, scripts in peer_worker.CONTENDERS.items()
                   if script in scripts and pythons.get(f)]
        say("%s: %s" % (script, ", ".join(present)))
        raw[script] = harness.rounds(present, flags.rounds, lambda f: worker(
            pythons[f], f, script, flags), say=say)
        summary[script] = {peer: harness.compare(raw[script]["ours"], runs)
                           for peer, runs in raw[script].items() if peer != "ours"}
    return summary, raw


# ---------------------------------------------------------------------------
# The layers guide's program: on TensorFlow 2.15, and under python -m tf1 here
# ---------------------------------------------------------------------------

def guide_program(steps, model_dir):
    """documents/layers_guide.py with ``steps`` and ``model_dir``, edited where
    TensorFlow 2.15 lacks what it uses: its import becomes
    ``tensorflow.compat.v1``, and its data come from this project's NumPy reader
    (``tf.contrib`` is gone there), from $MNIST_DATA_DIR."""
    with open(GUIDE) as f:
        source = f.read()
    changes = {
        "import tensorflow as tf\n": "import tensorflow.compat.v1 as tf\n"
                                     "import sys; sys.path.insert(0, %r)\n"
                                     "from tf1 import input_data\n" % ROOT,
        'tf.contrib.learn.datasets.load_dataset("mnist")': 'input_data.load_dataset("mnist")',
        "steps=20000": "steps=%d" % steps,
        '"/tmp/mnist_convnet_model"': repr(model_dir),
    }
    for old, new in changes.items():
        assert source.count(old) == 1, old
        source = source.replace(old, new)
    path = os.path.join(tempfile.mkdtemp(), "layers_guide.py")
    with open(path, "w") as f:
        f.write(source)
    return path


def estimator_run(side, steps, model_dir, flags, python215=None):
    """One whole process of ``side``: cnn_mnist.py, or the guide's program under
    ``python -m tf1`` here, or on TensorFlow 2.15 (harness.Child)."""
    env = dict(os.environ, MNIST_DATA_DIR=flags.data_dir, PYTHONPATH=ROOT)
    if side == "cnn_mnist":
        command = [sys.executable, os.path.join(ROOT, "cnn_mnist.py"), "--data_dir",
                   flags.data_dir, "--model_dir", model_dir, "--steps", str(steps)]
    elif side == "guide_tf1":
        command = [sys.executable, "-m", "tf1", guide_program(steps, model_dir)]
    else:
        env.pop("TF_USE_LEGACY_KERAS", None)
        command = [python215, guide_program(steps, model_dir)]
    return harness.child(command, env=env, merge=True)


def steps_per_sec(out):
    rates = [float(v) for v in re.findall(r"global_step/sec: ([0-9.]+)", out)]
    return statistics.median(rates[1:] or rates) if rates else None


def final_step(out):
    found = re.findall(r"^\{.*'global_step': (\d+)\}$", out, flags=re.M)
    return int(found[-1]) if found else None


ESTIMATOR_SIDES = ("cnn_mnist", "guide_tf1", "guide_tf215")


def estimator_peer(python215, flags):
    """{side: [one run's figures, ...]}, the sides in turn, ``estimator_rounds`` rounds."""
    def measure(side):
        done = estimator_run(side, flags.estimator_steps, tempfile.mkdtemp(), flags,
                             python215)
        if done.status or final_step(done.out) != flags.estimator_steps:
            say("  %s failed (exit %d): %s" % (side, done.status, done.out.strip()[-300:]))
            return None
        return {"steps_per_sec": steps_per_sec(done.out), "peak_rss_mb": done.peak_mb,
                "wall_s": done.wall_s, "cpu_s": done.cpu_s}
    runs = harness.rounds(ESTIMATOR_SIDES, flags.estimator_rounds, measure, say=say)
    return {"runs": runs, "vs_tf215": {side: {
        "speed": harness.compare(runs[side], runs["guide_tf215"], "steps_per_sec", "cpu_s"),
        "wall": harness.compare(runs[side], runs["guide_tf215"], "wall_s"),
        "memory": harness.compare(runs[side], runs["guide_tf215"], "peak_rss_mb")}
        for side in ESTIMATOR_SIDES[:2]}}


def interop(python215, flags):
    """Each direction: 100 steps by one Estimator, 50 more by the other."""
    results = {}
    for name, first, then in (("tf215_then_ours", "guide_tf215", "cnn_mnist"),
                              ("ours_then_tf215", "cnn_mnist", "guide_tf215")):
        model_dir = tempfile.mkdtemp()
        a = estimator_run(first, 100, model_dir, flags, python215)
        b = estimator_run(then, 50, model_dir, flags, python215)
        ok = a.status == 0 and b.status == 0 and final_step(b.out) == 150
        restored = re.findall(r"Restoring parameters from (\S+)", b.out)
        results[name] = {"ok": ok, "first_exit": a.status, "then_exit": b.status,
                         "final_global_step": final_step(b.out),
                         "restored": os.path.basename(restored[0]) if restored else None,
                         "tail": "" if ok else b.out.strip()[-500:]}
    return results


PACKAGES = {"ours": ["tensorflow", "tf_keras"], "keras3": ["keras"], "torch": ["torch"],
            "jax": ["jax", "flax", "optax"], "tf215": ["tensorflow", "tensorflow-estimator"]}


def versions(pythons):
    """{contender: "package version, ..."} as each contender's interpreter reports."""
    found = {}
    for name, python in pythons.items():
        if not python:
            continue
        code = ("from importlib import metadata; print(', '.join('%%s %%s' %% (p, "
                "metadata.version(p)) for p in %r))" % PACKAGES[name])
        done = subprocess.run([python, "-c", code], capture_output=True, text=True)
        found[name] = done.stdout.strip() if done.returncode == 0 else "unknown"
    return found


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data_dir", required=True)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--steps", type=int, default=300)
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--estimator_rounds", type=int, default=3)
    parser.add_argument("--estimator_steps", type=int, default=1000)
    parser.add_argument("--no_install", action="store_true",
                        help="use the venvs already in the cache; build none")
    flags = parser.parse_args(argv)

    pythons = {"ours": sys.executable, "keras3": sys.executable}
    for framework in ("torch", "jax"):
        pythons[framework] = venv_python(framework, build=not flags.no_install)
    python215 = venv_python("tf215", build=not flags.no_install)
    say("throughput: %d rounds of %d steps after %d warm-up steps"
        % (flags.rounds, flags.steps, flags.warmup))
    summary, raw = throughput(pythons, flags)
    record = {"command": "python benchmarks/peers.py --data_dir DATA" + "".join(
                  " --%s %s" % (k, getattr(flags, k)) for k in (
                      "rounds", "steps", "warmup", "estimator_rounds", "estimator_steps")),
              "estimator_steps": flags.estimator_steps, "throughput": summary, "raw": raw,
              "import_baseline_mb": {
                  "tf221": harness.import_peak_mb(),
                  "tf215": python215 and harness.import_peak_mb(python215)},
              "versions": versions(dict(pythons, tf215=python215))}
    if python215:
        say("cnn_mnist.py and the guide's program under python -m tf1, against the "
            "guide's program on TensorFlow 2.15")
        record["estimator"] = estimator_peer(python215, flags)
        say("interoperability")
        record["interop"] = interop(python215, flags)
    report.record("peers", record)
    say(report.render())


if __name__ == "__main__":
    main()
