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


def row(script, mode, seed, accuracy, wall, peak_mb, how=""):
    """One row of the accuracy table."""
    document, documented, steps = SCRIPTS[script]
    flags = " --seed %d%s%s" % (seed, " --model_dir FRESH_DIR" if script == "cnn_mnist"
                                else "", "" if mode == "off" else
                                " --mixed_precision " + mode)
    return {
        "script": script, "mixed_precision": mode, "document": document,
        "documented_accuracy": documented, "accuracy": accuracy, "steps": steps,
        "wall_seconds": round(wall, 1), "steps_per_second": round(steps / wall, 2),
        "peak_rss_mb": round(peak_mb, 0),
        "command": how + "python %s.py --data_dir DATA%s" % (script, flags),
        "machine": report.machine(), "date": time.strftime("%Y-%m-%d"),
    }


def key(script, mode):
    return script if mode == "off" else "%s:%s" % (script, mode)


def from_time_log(script, mode, seed, path):
    """A row from the output of ``/usr/bin/time -v python SCRIPT.py ...`` (a run made
    by hand, with the same flags): its accuracy, wall time and peak memory."""
    with open(path) as f:
        text = f.read()
    peak_kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", text).group(1))
    clock = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([0-9:.]+)",
                      text).group(1)
    wall = sum(float(part) * 60 ** i for i, part in enumerate(reversed(clock.split(":"))))
    output = text[:text.index("\tCommand being timed:")]
    return row(script, mode, seed, parse_accuracy(script, output), wall, peak_kb / 1024.0,
               how="/usr/bin/time -v ")


def import_baseline_mb():
    """Peak memory of a bare ``import tensorflow``: what every script starts from."""
    proc = subprocess.Popen([sys.executable, "-c", "import tensorflow"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(proc.pid, 0)
    return round(usage.ru_maxrss / 1024.0, 0)


def run_one(script, data_dir, seed, log_dir, mode="off"):
    """Runs one script at its defaults; returns its measurements."""
    argv = [sys.executable, os.path.join(ROOT, script + ".py"), "--data_dir", data_dir,
            "--seed", str(seed), "--mixed_precision", mode]
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
    return row(script, mode, seed, parse_accuracy(script, output), wall,
               rusage.ru_maxrss / 1024.0)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data_dir", default=None, help="A local MNIST copy")
    parser.add_argument("--scripts", nargs="+", choices=sorted(SCRIPTS),
                        default=list(SCRIPTS), help="Which scripts to run")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--log_dir", default=None,
                        help="Where the scripts' output goes (default: a temp dir)")
    parser.add_argument("--mixed_precision", choices=("off", "bf16", "fp16"),
                        default="off")
    parser.add_argument("--from_time_log", nargs="+", default=(), metavar="SCRIPT=LOG",
                        help="Record runs made by hand under /usr/bin/time -v, with "
                        "--seed and --mixed_precision as given here, instead of running")
    flags = parser.parse_args(argv)
    log_dir = flags.log_dir or tempfile.mkdtemp(prefix="reproduce_")
    os.makedirs(log_dir, exist_ok=True)
    results = report.load("reproduce")
    baseline = import_baseline_mb()
    runs = ([tuple(item.split("=", 1)) for item in flags.from_time_log]
            or [(script, None) for script in flags.scripts])
    for script, log in runs:
        if log:
            found = from_time_log(script, flags.mixed_precision, flags.seed, log)
        else:
            found = run_one(script, os.path.abspath(flags.data_dir), flags.seed, log_dir,
                            flags.mixed_precision)
        found["import_tensorflow_peak_mb"] = baseline
        results[key(script, flags.mixed_precision)] = found
        print(json.dumps(found), flush=True)
        report.save("reproduce", results)
    report.render()


if __name__ == "__main__":
    main()
