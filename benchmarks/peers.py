"""This project against every alternative a user has, measured side by side.

* Training throughput, alternating contenders round after round in one run,
  each in a process of its own, on the real MNIST files, with the identical
  architecture, batch size, optimizer and hyperparameters (benchmarks/peer_worker.py):
  the deep network ("Deep MNIST for Experts", Adam, batch 50) against Keras 3
  (``model.fit``), PyTorch (CPU, eager) and JAX + Flax (``jax.jit``); softmax
  regression and the layers guide's CNN against Keras 3.
* ``cnn_mnist.py`` against the layers guide's own program, as printed, on
  TensorFlow 2.15 with the real ``tf.estimator`` (what a user who pins the old
  TensorFlow runs): steps/s and peak memory of the whole process, beside the
  peak of a bare ``import tensorflow`` of each version.
* Interoperability: a ``model_dir`` written by the real Estimator continues
  under ``cnn_mnist.py``, and the reverse.

PyTorch, JAX and TensorFlow 2.15 are installed into venvs of their own in a
cache folder ($TF1_MNIST_BENCH_CACHE, default ~/.cache/tf1-mnist-benchmarks)
the first time; a contender that cannot be installed is reported in one line
and skipped. Take no figures while another heavy job runs on the machine.

    python benchmarks/peers.py --data_dir /path/to/mnist     # about 25 minutes
"""

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "tests"))
sys.path.insert(0, HERE)

import documents  # noqa: E402  (the layers guide's code, verbatim)
import report  # noqa: E402

CACHE = os.environ.get("TF1_MNIST_BENCH_CACHE") or os.path.join(
    os.path.expanduser("~"), ".cache", "tf1-mnist-benchmarks")
VENVS = {
    "torch": ["torch==2.13.0", "numpy"],  # 2.13.0: a CPU build on this platform
    "jax": ["jax", "flax", "optax", "numpy"],
    "tf215": ["tensorflow==2.15.*"],      # with tensorflow-estimator 2.15
}
PLAN = [("deep", ["ours", "keras3", "torch", "jax"]),
        ("softmax", ["ours", "keras3"]),
        ("cnn", ["ours", "keras3"])]
VENV_OF = {"torch": "torch", "jax": "jax"}


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
    say("peer %s: installing %s into %s ..." % (name, " ".join(VENVS[name]),
                                                os.path.dirname(os.path.dirname(python))))
    venv = os.path.dirname(os.path.dirname(python))
    steps = [[sys.executable, "-m", "venv", venv],
             [python, "-m", "pip", "install", "--quiet"] + VENVS[name]]
    for command in steps:
        done = subprocess.run(command, capture_output=True, text=True)
        if done.returncode:
            last = (done.stderr.strip().splitlines() or ["exit %d" % done.returncode])[-1]
            say("peer %s: could not be installed (%s); skipped" % (name, last))
            return None
    return python


def measured(command, env=None, cwd=None):
    """Runs ``command``; returns (exit status, output, peak RSS in MB, wall seconds)."""
    start = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, env=env, cwd=cwd)
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return proc.returncode, out, usage.ru_maxrss / 1024.0, time.perf_counter() - start


# ---------------------------------------------------------------------------
# Throughput, contender against contender
# ---------------------------------------------------------------------------

def worker(python, framework, model, flags):
    status, out, _, _ = measured([python, os.path.join(HERE, "peer_worker.py"),
                                  "--framework", framework, "--model", model,
                                  "--data_dir", flags.data_dir, "--steps",
                                  str(flags.steps), "--warmup", str(flags.warmup)])
    if status:
        say("  %s/%s failed: %s" % (framework, model, out.strip().splitlines()[-1:]))
        return None
    return json.loads(out.strip().splitlines()[-1])


def throughput(pythons, flags):
    """{model: {framework: [round results]}}, contenders rotating in each round."""
    results = {}
    for model, frameworks in PLAN:
        present = [f for f in frameworks if pythons.get(f)]
        results[model] = {f: [] for f in present}
        for r in range(flags.rounds):
            order = present[r % len(present):] + present[:r % len(present)]
            for framework in order:
                result = worker(pythons[framework], framework, model, flags)
                if result:
                    results[model][framework].append(result)
            say("  %s round %d: %s" % (model, r + 1, ", ".join(
                "%s %.0f img/s" % (f, results[model][f][-1]["images_per_s"])
                for f in present if results[model][f])))
    return results


def ratios(results):
    """Per model and peer: medians of images/s and of the per-round ratio ours / peer."""
    summary = {}
    for model, by_framework in results.items():
        ours = by_framework.get("ours", [])
        for peer, runs in by_framework.items():
            if peer == "ours" or not runs or not ours:
                continue
            pairs = list(zip(ours, runs))
            summary.setdefault(model, {})[peer] = {
                "ours_images_per_s": statistics.median(r["images_per_s"] for r in ours),
                "peer_images_per_s": statistics.median(r["images_per_s"] for r in runs),
                "ratio": statistics.median(a["images_per_s"] / b["images_per_s"]
                                           for a, b in pairs),
                "cpu_ratio": statistics.median(b["cpu_s_per_image"] / a["cpu_s_per_image"]
                                               for a, b in pairs),
                "rounds": len(pairs),
            }
    return summary


# ---------------------------------------------------------------------------
# cnn_mnist.py against the guide's program on the real tf.estimator
# ---------------------------------------------------------------------------

def guide_program(steps, model_dir):
    """The layers guide's program as printed, for TensorFlow 2.15: its import is
    ``tensorflow.compat.v1``, and (``tf.contrib`` being gone there) the data are
    read by this project's NumPy reader, from $MNIST_DATA_DIR."""
    source = "\n".join(documents.LAYERS_GUIDE)
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
    path = os.path.join(tempfile.mkdtemp(), "cnn_mnist_tf215.py")
    with open(path, "w") as f:
        f.write(source)
    return path


def run_ours(steps, model_dir, flags):
    return measured([sys.executable, os.path.join(ROOT, "cnn_mnist.py"), "--data_dir",
                     flags.data_dir, "--model_dir", model_dir, "--steps", str(steps)])


def run_guide(python, steps, model_dir, flags):
    env = dict(os.environ, MNIST_DATA_DIR=flags.data_dir, TF_CPP_MIN_LOG_LEVEL="1")
    env.pop("TF_USE_LEGACY_KERAS", None)
    return measured([python, guide_program(steps, model_dir)], env=env)


def steps_per_sec(out):
    rates = [float(v) for v in re.findall(r"global_step/sec: ([0-9.]+)", out)]
    return statistics.median(rates[1:] or rates) if rates else None


def final_dict(out):
    found = re.findall(r"^\{.*'global_step': (\d+)\}$", out, flags=re.M)
    return int(found[-1]) if found else None


def estimator_peer(python, flags):
    runs = {"ours": [], "tf215": []}
    for r in range(flags.estimator_rounds):
        for name in (["ours", "tf215"] if r % 2 == 0 else ["tf215", "ours"]):
            model_dir = tempfile.mkdtemp()
            status, out, peak, wall = (run_ours(flags.estimator_steps, model_dir, flags)
                                       if name == "ours" else
                                       run_guide(python, flags.estimator_steps, model_dir,
                                                 flags))
            if status or final_dict(out) != flags.estimator_steps:
                say("  %s failed (exit %d): %s" % (name, status, out.strip()[-300:]))
                continue
            runs[name].append({"steps_per_sec": steps_per_sec(out), "peak_rss_mb": peak,
                               "wall_s": wall})
        say("  estimator round %d: %s" % (r + 1, ", ".join(
            "%s %.1f steps/s, %.0f MB" % (n, v[-1]["steps_per_sec"], v[-1]["peak_rss_mb"])
            for n, v in runs.items() if v)))
    return runs


def import_baselines(python215):
    baselines = {}
    for name, python in (("tf221", sys.executable), ("tf215", python215)):
        if python:
            status, _, peak, _ = measured([python, "-c", "import tensorflow"])
            baselines[name] = peak if status == 0 else None
    return baselines


def interop(python, flags):
    """Each direction: 100 steps by one Estimator, 50 more by the other."""
    results = {}
    real_dir, our_dir = tempfile.mkdtemp(), tempfile.mkdtemp()
    first = run_guide(python, 100, real_dir, flags)
    then = run_ours(50, real_dir, flags)
    results["tf215_then_ours"] = _interop_result(first, then)
    first = run_ours(100, our_dir, flags)
    then = run_guide(python, 50, our_dir, flags)
    results["ours_then_tf215"] = _interop_result(first, then)
    return results


def _interop_result(first, then):
    ok = first[0] == 0 and then[0] == 0 and final_dict(then[1]) == 150
    restored = re.findall(r"Restoring parameters from (\S+)", then[1])
    return {"ok": ok, "first_exit": first[0], "then_exit": then[0],
            "final_global_step": final_dict(then[1]),
            "restored": os.path.basename(restored[0]) if restored else None,
            "tail": "" if ok else then[1].strip()[-500:]}


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
    for framework, venv in VENV_OF.items():
        pythons[framework] = venv_python(venv, build=not flags.no_install)
    python215 = venv_python("tf215", build=not flags.no_install)
    say("throughput: %d rounds of %d steps after %d warm-up steps"
        % (flags.rounds, flags.steps, flags.warmup))
    results = throughput(pythons, flags)
    record = {"command": "python benchmarks/peers.py --data_dir DATA" + "".join(
                  " --%s %s" % (k, getattr(flags, k)) for k in (
                      "rounds", "steps", "warmup", "estimator_rounds", "estimator_steps")),
              "machine": report.machine(), "estimator_steps": flags.estimator_steps,
              "throughput": ratios(results), "raw": results,
              "import_baseline_mb": import_baselines(python215),
              "versions": versions(dict(pythons, tf215=python215))}
    if python215:
        say("cnn_mnist.py against the guide's program on TensorFlow 2.15")
        record["estimator"] = estimator_peer(python215, flags)
        say("interoperability")
        record["interop"] = interop(python215, flags)
    report.save("peers", record)
    say(json.dumps({"throughput": record["throughput"],
                    "interop": record.get("interop")}, indent=1))
    say(report.render())


if __name__ == "__main__":
    main()
