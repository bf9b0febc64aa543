"""Stores benchmark results as JSON and renders them into benchmarks/RESULTS.md."""

from __future__ import absolute_import, division, print_function

import json
import os
import platform
from importlib import metadata

HERE = os.path.dirname(os.path.abspath(__file__))
RESULTS_DIR = os.path.join(HERE, "results")
RESULTS_MD = os.path.join(HERE, "RESULTS.md")


def load(name):
    path = os.path.join(RESULTS_DIR, name + ".json")
    if not os.path.exists(path):
        return {}
    with open(path) as f:
        return json.load(f)


def save(name, data):
    os.makedirs(RESULTS_DIR, exist_ok=True)
    path = os.path.join(RESULTS_DIR, name + ".json")
    with open(path + ".tmp", "w") as f:
        json.dump(data, f, indent=2, sort_keys=True)
        f.write("\n")
    os.replace(path + ".tmp", path)


def machine():
    """CPU model, core count and library versions of this machine."""
    cpu = platform.processor() or "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass

    def version(package):
        try:
            return metadata.version(package)
        except metadata.PackageNotFoundError:
            return "not installed"

    return "%s, %d cores; Python %s, TensorFlow %s, tf_keras %s, Keras %s" % (
        cpu, os.cpu_count(), platform.python_version(), version("tensorflow"),
        version("tf_keras"), version("keras"))


def _reproduce_section(rows):
    lines = [
        "## Accuracy at the documents' settings",
        "",
        "Each script run once, at its document's hyperparameters and step count, "
        "on the real MNIST files, with `--seed 1`, by `benchmarks/reproduce.py`.",
        "",
        "| script | document | documented accuracy | our accuracy | steps | wall time | "
        "steps/s | peak memory |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for script in ("mnist_softmax", "deep_mnist", "cnn_mnist"):
        row = rows.get(script)
        if not row:
            lines.append("| `%s.py` | | | not measured yet | | | | |" % script)
            continue
        lines.append("| `%s.py` | %s | %.2f%% | **%.2f%%** | %d | %.0f s | %.1f | %.0f MB |" % (
            script, row["document"], 100 * row["documented_accuracy"],
            100 * row["accuracy"], row["steps"], row["wall_seconds"],
            row["steps_per_second"], row["peak_rss_mb"]))
    lines.append("")
    machines = sorted({row["machine"] for row in rows.values()})
    for m in machines:
        lines.append("Machine: %s." % m)
    commands = ["python %s" % row["command"] for row in rows.values()]
    if rows:
        lines += ["", "Commands (`DATA` is a local copy of the four MNIST files; "
                  "`steps/s` is steps over the whole wall time, start-up and "
                  "evaluation included):", "", "```"]
        lines += ["python benchmarks/reproduce.py --data_dir DATA   # runs:"]
        lines += ["  " + c for c in commands]
        lines += ["```", ""]
    return lines


def _throughput_section(data):
    if not data:
        return ["## Training throughput against Keras 3", "", "Not measured yet.", ""]
    lines = [
        "## Training throughput against Keras 3",
        "",
        "Images per second of training, our script's graph against an idiomatic "
        "Keras 3 model of the identical architecture (`model.fit`, TensorFlow "
        "backend), same batch size, optimizer and data, measured alternately in one "
        "run (%d rounds of %d steps each, after warm-up; the median rates of the "
        "rounds, and the median of the rounds' ratios). A ratio above 1 means ours "
        "is faster." % (data["rounds"], data["steps"]),
        "",
        "| model | batch | ours (images/s) | Keras 3 (images/s) | ours / Keras |",
        "|---|---|---|---|---|",
    ]
    for row in data["models"]:
        lines.append("| %s | %d | %.0f | %.0f | **%.2f** |" % (
            row["model"], row["batch_size"], row["ours"], row["keras"], row["ratio"]))
    overhead = data.get("estimator_overhead")
    if overhead:
        lines += [
            "",
            "The Estimator's own cost: `cnn_mnist`'s graph and `numpy_input_fn` input "
            "trained through `Estimator.train` (no user hook) against a plain "
            "`Session` loop running the same train op, alternately in %d rounds: "
            "%.0f against %.0f images/s, a median per-round ratio of **%.3f**%s." % (
                overhead["rounds"], overhead["estimator"], overhead["plain_session"],
                overhead["ratio"],
                "" if overhead.get("cpu_ratio") is None else
                "; in process CPU time per image (which CPU time stolen by other "
                "guests of the host does not inflate), plain / Estimator = **%.3f**"
                % overhead["cpu_ratio"])]
        if overhead.get("steal") is not None:
            lines.append("")
            lines.append("CPU time stolen by the hypervisor during that measurement: "
                         "%.0f%%. Command: `%s`." % (100 * overhead["steal"],
                                                     overhead.get("command", "")))
    lines += ["", "Start-up, measured separately (seconds):", "",
              "| step | seconds |", "|---|---|"]
    for key, value in data["startup"].items():
        lines.append("| %s | %.2f |" % (key, value))
    flops = data.get("flops")
    if flops:
        lines += [
            "",
            "Deep network, distance from this machine's limit: one training step of "
            "batch %d costs %.2f GFLOP (forward and backward, counted from the "
            "layer shapes); at the median step rate that is **%.1f GFLOP/s**, "
            "against a median **%.1f GFLOP/s** for a %dx%d float32 matmul measured "
            "after every round: **%.0f%%** of it (the median of the rounds' "
            "fractions)." % (
                flops["batch_size"], flops["gflop_per_step"], flops["achieved_gflops"],
                flops["matmul_gflops"], flops["matmul_n"], flops["matmul_n"],
                100 * flops["fraction"]),
        ]
    if data.get("steal") is not None:
        lines += ["", "CPU time stolen by the hypervisor (other guests of the host) "
                  "during the run: %.0f%%; the figures vary from round to round by "
                  "that much, which is why each side runs alternately and the "
                  "medians are reported." % (100 * data["steal"])]
    lines += ["", "Machine: %s." % data["machine"], "", "Command:", "", "```",
              data["command"], "```", ""]
    if data.get("notes"):
        lines += ["Notes:", ""] + ["- " + n for n in data["notes"]] + [""]
    return lines


def render():
    """Writes RESULTS.md from the stored results."""
    lines = ["# Benchmark results", "",
             "Generated by `benchmarks/reproduce.py` and `benchmarks/throughput.py` from "
             "the JSON files in `benchmarks/results/`; rerun them to refresh this page.",
             ""]
    lines += _reproduce_section(load("reproduce"))
    lines += _throughput_section(load("throughput"))
    with open(RESULTS_MD, "w") as f:
        f.write("\n".join(lines))
    return RESULTS_MD


if __name__ == "__main__":
    print(render())
