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
    commands = [rows[k]["command"] for k in ("mnist_softmax", "deep_mnist", "cnn_mnist")
                if k in rows]
    if rows:
        lines += ["", "Commands (`DATA` is a local copy of the four MNIST files; "
                  "`steps/s` is steps over the whole wall time, start-up and "
                  "evaluation included):", "", "```"]
        lines += ["python benchmarks/reproduce.py --data_dir DATA   # runs:"]
        lines += ["  " + c for c in commands]
        lines += ["```", ""]
    lines += REPRODUCE_NOTES
    return lines


# Measured beside reproduce.py's rows, by hand, with the commands given.
REPRODUCE_NOTES = [
    "`cnn_mnist.py` ends 0.3 to 0.4 points under the guide's 97.33%. Two earlier "
    "full runs from other random initial weights (`python cnn_mnist.py --data_dir "
    "DATA --model_dir FRESH_DIR`) ended the same way: accuracy 0.9694 and 0.9695 "
    "(loss 0.1026 and 0.1002), 13.5 and 14.6 minutes, peak 1.23 and 1.26 GB. The "
    "initial weights match TF 1's (Glorot-uniform kernels at their exact limits, "
    "zero biases, checked in a step-0 checkpoint), and the architecture, loss, "
    "optimizer, batch and step count are the guide's; the guide's figure is a "
    "single run on a TF 1 release, whose input pipeline and kernels differ from "
    "today's.",
    "",
]


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
    lines += ANALYSIS
    return lines


# What the profile of a deep_mnist training step shows (benchmarks/profile_deep.py).
ANALYSIS = [
    "### Where the deep network's step goes",
    "",
    "`python benchmarks/profile_deep.py --data_dir DATA` traces training steps of "
    "`deep_mnist`'s graph and sums the time of each op. On this machine the "
    "largest items are the gradient of `fc1` with respect to its input (a "
    "50x1024 by 1024x3136 matmul that ran at about a sixth of the large "
    "matmul's rate: at batch 50 the matrices are thin), the two gradients of "
    "`conv2`, and the Adam update of `fc1`'s 3.2 million weights, which is "
    "bound by memory bandwidth (it reads and writes the weights and both moment "
    "vectors), not by arithmetic. Tried, measured, and not kept: turning "
    "oneDNN off (`TF_ENABLE_ONEDNN_OPTS=0`: half the speed), XLA "
    "auto-clustering (`global_jit_level=ON_1`: about 35% slower), and fixing "
    "the inter-op or intra-op thread counts (the defaults, one of each per core, "
    "were fastest). The `feed_dict` input path costs next to nothing here: "
    "`next_batch` takes microseconds against a step of about 20 ms. Per-step "
    "Python overhead in the Estimator is below what this machine's noise "
    "resolves (see the ratio above).",
    "",
]


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
