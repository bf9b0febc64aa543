"""Reproduces each tutorial's documented accuracy at the document's settings.

Runs the scripts one after another (never in parallel: they would share the
cores) with their default hyperparameters, a fixed seed and a local MNIST copy,
and records test accuracy, wall time, steps per second and peak memory (the
child process's maximum resident set size). The results go to
``benchmarks/results/reproduce.json`` and are rendered, with the throughput
results, into ``benchmarks/RESULTS.md``.

    python benchmarks/reproduce.py --data_dir /path/to/mnist            # all three
    python benchmarks/reproduce.py --data_dir /path/to/mnist --scripts deep_mnist

A full run takes about 25 minutes on this project's 2-core machine.
"""

from __future__ import absolute_import, division, print_function

import argparse
import ast
import json
import os
import re
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)

import report  # noqa: E402

# script: (document, documented accuracy, default steps)
SCRIPTS = {
    "mnist_softmax": ("Deep MNIST for Experts, part 1", 0.92, 1000),
    "deep_mnist": ("Deep MNIST for Experts, part 2", 0.992, 20000),
    "cnn_mnist": ("A Guide to TF Layers", 0.9733, 20000),
}


def parse_accuracy(script, output):
    """The test accuracy from a script's printed output."""
    lines = [l for l in output.splitlines() if l.strip()]
    if script == "mnist_softmax":
        return float(lines[-1])
    if script == "deep_mnist":
        match = re.search(r"^test accuracy ([0-9.]+)$", output, re.M)
        return float(match.group(1))
    results = ast.literal_eval(lines[-1])
    return float(results["accuracy"])


def run_one(script, data_dir, seed, log_dir):
    """Runs one script at its defaults; returns its measurements."""
    argv = [sys.executable, os.path.join(ROOT, script + ".py"), "--data_dir", data_dir,
            "--seed", str(seed)]
    if script == "cnn_mnist":
        argv += ["--model_dir", tempfile.mkdtemp(prefix="cnn_mnist_model_")]
    log_path = os.path.join(log_dir, script + ".log")
    print("running:", " ".join(argv), "> " + log_path, flush=True)
    start = time.perf_counter()
    with open(log_path, "w") as log:
        proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=log, text=True,
                                cwd=ROOT)
        output = proc.stdout.read()
        _, status, rusage = os.wait4(proc.pid, 0)
        log.write(output)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit("%s failed; see %s" % (script, log_path))
    document, documented, steps = SCRIPTS[script]
    return {
        "script": script,
        "document": document,
        "documented_accuracy": documented,
        "accuracy": parse_accuracy(script, output),
        "steps": steps,
        "wall_seconds": round(wall, 1),
        "steps_per_second": round(steps / wall, 2),
        "peak_rss_mb": round(rusage.ru_maxrss / 1024.0, 0),
        "command": "python %s.py --data_dir DATA --seed %d%s" % (
            script, seed, " --model_dir FRESH_DIR" if script == "cnn_mnist" else ""),
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data_dir", required=True, help="A local MNIST copy")
    parser.add_argument("--scripts", nargs="+", choices=sorted(SCRIPTS),
                        default=list(SCRIPTS), help="Which scripts to run")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--log_dir", default=None,
                        help="Where the scripts' output goes (default: a temp dir)")
    flags = parser.parse_args(argv)
    log_dir = flags.log_dir or tempfile.mkdtemp(prefix="reproduce_")
    os.makedirs(log_dir, exist_ok=True)
    results = report.load("reproduce")
    for script in flags.scripts:
        row = run_one(script, os.path.abspath(flags.data_dir), flags.seed, log_dir)
        row["machine"] = report.machine()
        row["date"] = time.strftime("%Y-%m-%d")
        results[script] = row
        print(json.dumps(row), flush=True)
        report.save("reproduce", results)
    report.render()


if __name__ == "__main__":
    main()
