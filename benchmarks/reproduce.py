"""Reproduces each tutorial's documented accuracy at the document's settings.

Runs the scripts one after another (never in parallel: they would share the
cores) with their default hyperparameters, a fixed seed and a local MNIST copy,
and records test accuracy, wall time, steps per second and peak memory (the
child process's maximum resident set size). The results go to
``benchmarks/results/reproduce.json`` and are rendered, with the throughput
results, into ``benchmarks/RESULTS.md``.

    python benchmarks/reproduce.py --data_dir /path/to/mnist            # all three
    python benchmarks/reproduce.py --data_dir /path/to/mnist --scripts deep_mnist

A full run takes 25 minutes (2-core Intel Xeon) to 45 minutes (2-core AMD EPYC).
"""

import argparse
import ast
import json
import os
import re
import sys
import tempfile
import time

import harness
import report

# script: (document, its documented accuracy)
DOCUMENTED = {
    "mnist_softmax": ("Deep MNIST for Experts, part 1", 0.92),
    "deep_mnist": ("Deep MNIST for Experts, part 2", 0.992),
    "cnn_mnist": ("A Guide to TF Layers", 0.9733),
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


def run_one(script, data_dir, seed, log_dir, mode):
    """Runs one script at its defaults; returns its row of the accuracy table."""
    argv = ["--data_dir", os.path.abspath(data_dir), "--seed", str(seed),
            "--mixed_precision", mode]
    shown = "python %s.py --data_dir DATA --seed %d" % (script, seed)
    if script == "cnn_mnist":
        argv += ["--model_dir", tempfile.mkdtemp(prefix="cnn_mnist_model_")]
        shown += " --model_dir FRESH_DIR"
    log_path = os.path.join(log_dir, script + ".log")
    print("running:", shown, "> " + log_path, flush=True)
    done = harness.child([sys.executable, os.path.join(harness.ROOT, script + ".py")] + argv)
    with open(log_path, "w") as log:
        log.write(done.err + done.out)
    if done.status != 0:
        raise SystemExit("%s failed; see %s" % (script, log_path))
    document, documented = DOCUMENTED[script]
    steps = harness.settings(script).steps
    return {
        "script": script, "mixed_precision": mode, "document": document,
        "documented_accuracy": documented, "accuracy": parse_accuracy(script, done.out),
        "steps": steps, "wall_seconds": round(done.wall_s, 1),
        "steps_per_second": round(steps / done.wall_s, 2),
        "peak_rss_mb": round(done.peak_mb), "cpu_seconds": round(done.cpu_s, 1),
        "command": shown + ("" if mode == "off" else " --mixed_precision " + mode),
        "machine": report.machine(), "date": time.strftime("%Y-%m-%d"),
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data_dir", required=True, help="A local MNIST copy")
    parser.add_argument("--scripts", nargs="+", choices=harness.SCRIPTS,
                        default=list(harness.SCRIPTS), help="Which scripts to run")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--log_dir", default=None,
                        help="Where the scripts' output goes (default: a temp dir)")
    parser.add_argument("--mixed_precision", default="off",
                        help="passed to the scripts, which check it")
    flags = parser.parse_args(argv)
    log_dir = flags.log_dir or tempfile.mkdtemp(prefix="reproduce_")
    os.makedirs(log_dir, exist_ok=True)
    results = report.load("reproduce")
    baseline = harness.import_peak_mb()
    for script in flags.scripts:
        found = run_one(script, flags.data_dir, flags.seed, log_dir, flags.mixed_precision)
        found["import_tensorflow_peak_mb"] = baseline
        key = script if flags.mixed_precision == "off" else "%s:%s" % (
            script, flags.mixed_precision)
        results[key] = found
        print(json.dumps(found), flush=True)
        report.save("reproduce", results)
    report.render()


if __name__ == "__main__":
    main()
