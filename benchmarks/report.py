"""Stores benchmark results as JSON and renders them into benchmarks/RESULTS.md."""

import json
import os
import platform
import time
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


def record(name, data):
    """Saves ``data`` as results/NAME.json with the machine and the date of its run."""
    save(name, dict(data, machine=machine(), date=time.strftime("%Y-%m-%d")))


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


ORDER = ("mnist_softmax", "deep_mnist", "cnn_mnist", "deep_mnist:bf16", "cnn_mnist:bf16")


def _reproduce_section(rows):
    lines = [
        "## Accuracy at the documents' settings",
        "",
        "Each script run once, at its document's hyperparameters and step count, "
        "on the real MNIST files, with `--seed 1`, by `benchmarks/reproduce.py`. "
        "Peak memory is the process's maximum resident set size; beside it, the peak "
        "of a bare `import tensorflow` measured with the run (what every script "
        "starts from), where it was.",
        "",
        "| script | mixed precision | documented accuracy | our accuracy | "
        "steps | wall time | steps/s | peak memory | `import tensorflow` | machine |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for key in ORDER:
        row = rows.get(key)
        if not row:
            continue
        base = row.get("import_tensorflow_peak_mb")
        lines.append("| `%s.py` | %s | %.2f%% | **%.2f%%** | %d | %.0f s | %.1f | "
                     "%.0f MB | %s | %s |" % (
                         row["script"], row.get("mixed_precision", "off"),
                         100 * row["documented_accuracy"], 100 * row["accuracy"],
                         row["steps"], row["wall_seconds"], row["steps_per_second"],
                         row["peak_rss_mb"], "%.0f MB" % base if base else "",
                         row["machine"].split(",")[0]))
    lines.append("")
    found = [rows[k] for k in ORDER if k in rows]
    for m in sorted({row["machine"] for row in found}):
        lines.append("- %s" % m)
    if found:
        lines += ["", "Commands (`DATA` is a local copy of the four MNIST files; "
                  "`steps/s` is steps over the whole wall time, start-up and "
                  "evaluation included), each run by `benchmarks/reproduce.py` or, "
                  "where the command starts with `/usr/bin/time -v`, by hand and "
                  "recorded with `--from_time_log`:", "", "```"]
        lines += ["%s   # %s" % (row["command"], row["date"]) for row in found]
        lines += ["```", ""]
    lines += REPRODUCE_NOTES
    return lines


# Measured beside reproduce.py's rows, by hand, with the commands given.
REPRODUCE_NOTES = [
    "The two `bf16` runs and the `cnn_mnist.py` row were run one after the other on "
    "the Intel Xeon (AVX-512, AMX), the `bf16` ones while other work shared the "
    "machine: their wall times are not speed figures (for those, see the ratios "
    "measured side by side below). The `cnn_mnist.py` row is the same computation "
    "as before `numpy_input_fn` stopped copying the training set into the graph: "
    "the same accuracy and loss to the last digit (0.9705, 0.09970801) as the run "
    "on the AMD EPYC a day earlier, whose peak was 1222 MB; now 897 MB.",
    "",
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


PEER_NAMES = {"keras3": "Keras 3 (`model.fit`)", "torch": "PyTorch (CPU, eager)",
              "jax": "JAX + Flax (`jax.jit`)"}
MODEL_NAMES = {"deep": "deep_mnist (conv net, Adam, batch 50)",
               "softmax": "mnist_softmax (softmax regression, batch 100)",
               "cnn": "cnn_mnist (tf.layers + Estimator, batch 100)"}


def _peers_section(data):
    if not data:
        return ["## Against the alternatives", "", "Not measured yet.", ""]
    lines = [
        "## Against the alternatives",
        "",
        "Training throughput (images per second, steady state) of each contender in a "
        "process of its own, all of them in turn in every round, on the real MNIST "
        "files, with the identical architecture, batch size, optimizer and "
        "hyperparameters; the medians of the rounds, and the median of the rounds' "
        "ratios ours / peer (above 1: ours is faster).",
        "",
        "| model | peer | ours (images/s) | peer (images/s) | ours / peer | rounds |",
        "|---|---|---|---|---|---|",
    ]
    for model in ("deep", "softmax", "cnn"):
        found = data["throughput"].get(model, {})
        for peer, r in sorted(found.items(), key=lambda kv: list(PEER_NAMES).index(kv[0])):
            lines.append("| %s | %s | %.0f | %.0f | **%.2f** | %d |" % (
                MODEL_NAMES[model], PEER_NAMES.get(peer, peer), r["ours_images_per_s"],
                r["peer_images_per_s"], r["ratio"], r["rounds"]))
    lines += _estimator_peer_lines(data)
    if data.get("versions"):
        lines += ["", "Versions: %s." % "; ".join(
            "%s: %s" % (name, v) for name, v in sorted(data["versions"].items()))]
    lines += ["", "Machine: %s." % data.get("machine", "not recorded"), "", "Command:",
              "", "```", data["command"], "```", ""]
    return lines


def _estimator_peer_lines(data):
    runs = data.get("estimator")
    if not runs or not runs.get("ours") or not runs.get("tf215"):
        return ["", "The real `tf.estimator` (TensorFlow 2.15): not measured."]
    med = lambda name, key: sorted(r[key] for r in runs[name])[len(runs[name]) // 2]  # noqa
    base = data.get("import_baseline_mb", {})
    lines = [
        "",
        "`cnn_mnist.py` against the layers guide's program as printed, run on "
        "TensorFlow 2.15 with the real `tf.estimator` (its import made "
        "`tensorflow.compat.v1`, and, `tf.contrib` being gone from 2.15, its data read "
        "by this project's NumPy reader), %d steps each, alternately, %d rounds; "
        "whole processes; medians:" % (data.get("estimator_steps", 1000),
                                       len(runs["ours"])),
        "",
        "| | steps/s (`global_step/sec`) | peak memory | bare `import tensorflow` | "
        "above the import |",
        "|---|---|---|---|---|",
    ]
    for name, label, version in (("ours", "ours, TensorFlow 2.21", "tf221"),
                                 ("tf215", "the real Estimator, TensorFlow 2.15", "tf215")):
        b = base.get(version)
        lines.append("| %s | %.1f | %.0f MB | %s | %s |" % (
            label, med(name, "steps_per_sec"), med(name, "peak_rss_mb"),
            "%.0f MB" % b if b else "", "%.0f MB" % (med(name, "peak_rss_mb") - b)
            if b else ""))
    interop = data.get("interop")
    if interop:
        lines += ["", "Interoperability (100 steps by one, then `--steps 50` by the "
                  "other, in the same `model_dir`):", ""]
        for direction, label in (("tf215_then_ours", "real Estimator, then ours"),
                                 ("ours_then_tf215", "ours, then the real Estimator")):
            r = interop[direction]
            lines.append("- %s: %s" % (label, "continues from `%s` to global step %s"
                                       % (r["restored"], r["final_global_step"])
                                       if r["ok"] else "**fails**: " + r["tail"]))
    return lines


def _throughput_section(data):
    if not data or "floor" not in data:
        return ["## Against this machine's limits", "", "Not measured yet.", ""]
    f = data["floor"]
    lines = [
        "## Against this machine's limits",
        "",
        "`deep_mnist`'s training step (batch %d, its graph and `feed_dict` loop) "
        "against a floor built from two rates probed after every round: its %.2f "
        "GFLOP (forward and backward, counted from the layer shapes) at the rate of a "
        "%dx%d float32 matmul (median **%.0f GFLOP/s**), plus the %.0f MB that Adam "
        "reads and writes per step (weights, gradients and both moments of 3.27 "
        "million parameters) at the rate of a large streaming update (median **%.1f "
        "GB/s**). Median step %.1f ms against a floor of %.1f ms: the step runs at "
        "**%.0f%%** of the floor's speed (%.0f%% of the matmul rate counting FLOPs "
        "alone; %.0f GFLOP/s achieved), median of %d rounds." % (
            f["batch_size"], f["gflop_per_step"], f["matmul_n"], f["matmul_n"],
            f["matmul_gflops"], f["adam_mb_per_step"], f["stream_gbs"], f["step_ms"],
            f["floor_ms"], 100 * f["fraction"], 100 * f["flops_fraction"],
            f["achieved_gflops"], f["rounds"]),
    ]
    mp = data.get("mixed_precision", {})
    if mp.get("models"):
        lines += ["", "`--mixed_precision bf16` (TensorFlow's oneDNN bfloat16 graph "
                  "rewrite) against `off`, alternately in one run, %d rounds of %d "
                  "steps:" % (data["rounds"], data["steps"]), "",
                  "| script | bf16 (images/s) | off (images/s) | bf16 / off |",
                  "|---|---|---|---|"]
        for r in mp["models"]:
            lines.append("| %s | %.0f | %.0f | **%.2f** |" % (r["model"], r["bf16"],
                                                            r["off"], r["ratio"]))
    elif mp:
        lines += ["", "`--mixed_precision bf16`: this CPU has no bfloat16 "
                  "instructions; not measured."]
    o = data.get("estimator_overhead")
    if o:
        lines += ["", "The Estimator's own cost: `cnn_mnist`'s graph and `numpy_input_fn` "
                  "input trained through `Estimator.train` (no user hook) against a "
                  "plain `Session` loop running the same train op, alternately in %d "
                  "rounds: %.0f against %.0f images/s, a median per-round ratio of "
                  "**%.3f**; in process CPU time per image, plain / Estimator = **%.3f**."
                  % (o["rounds"], o["estimator"], o["plain_session"], o["ratio"],
                     o["cpu_ratio"])]
    if data.get("steal") is not None:
        lines += ["", "CPU time stolen by the hypervisor during the run: %.0f%%."
                  % (100 * data["steal"])]
    lines += ["", "Machine: %s." % data["machine"], "", "Command:", "", "```",
              data["command"], "```", ""]
    return lines + ANALYSIS


# What the profile of a deep_mnist training step shows (benchmarks/profile_deep.py).
ANALYSIS = [
    "### Where the deep network's step goes",
    "",
    "`python benchmarks/profile_deep.py --data_dir DATA` traces training steps of "
    "`deep_mnist`'s graph and sums the time of each op. On the AMD EPYC where it "
    "was run, the largest items are the gradient of `fc1` with respect to its input "
    "(a 50x1024 by 1024x3136 matmul that ran at about a sixth of the large "
    "matmul's rate: at batch 50 the matrices are thin), the two gradients of "
    "`conv2`, and the Adam update of `fc1`'s 3.2 million weights, which is "
    "bound by memory bandwidth (it reads and writes the weights and both moment "
    "vectors), not by arithmetic: hence the floor above counts both. Tried, "
    "measured, and not kept: turning oneDNN off (`TF_ENABLE_ONEDNN_OPTS=0`: half "
    "the speed), XLA auto-clustering (`global_jit_level=ON_1`: about 35% slower), "
    "and fixing the inter-op or intra-op thread counts (the defaults, one of each "
    "per core, were fastest). The `feed_dict` input path costs next to nothing "
    "here: `next_batch` takes microseconds against a step of about 20 ms. The "
    "Estimator's 3% over a plain loop is its hooks' per-step work (the loss fetched "
    "for the NaN check and the log, the step counter, the summary and checkpoint "
    "timers).",
    "",
]


def _kill_stress_section(data):
    if not data:
        return []
    rounds = data["rounds"]
    lines = ["## SIGKILL at random moments, then a rerun", "",
             "%d of %d reruns of `cnn_mnist.py` resumed as they should: from the newest "
             "intact checkpoint (directly, or after the one-line error and "
             "`--restore_intact`), or fresh where no checkpoint had been written yet. "
             "Each kill came at a random moment, up to the middle of a checkpoint save; "
             "each rerun was itself killed in the next round, and the last ran to its end."
             % (sum(r["right"] for r in rounds), len(rounds)), "",
             "| # | killed after (s) | newest intact step | the rerun | right |",
             "|---|---|---|---|---|"]
    for i, r in enumerate(rounds, 1):
        did = r["did"] + ("; then " + r["then"] if "then" in r else "")
        lines.append("| %s | %s | %s | %s | %s |" % (
            "last" if r.get("final") else i, r.get("kill_after_s", "not killed"),
            r["newest_intact"], did.replace("|", "/"), "yes" if r["right"] else "NO"))
    lines += ["", "Machine: %s; %s; %s s in all." % (data["machine"], data["date"],
                                                      data["seconds"]),
              "", "Command:", "", "```sh", data["command"], "```", ""]
    return lines


def render():
    """Writes RESULTS.md from the stored results."""
    lines = ["# Benchmark results", "",
             "Generated by `benchmarks/reproduce.py`, `benchmarks/peers.py` and "
             "`benchmarks/throughput.py` from the JSON files in `benchmarks/results/`; "
             "rerun them to refresh this page. Figures from different runs come from "
             "different moments of a shared, noisy machine: compare the ratios, "
             "which were measured side by side.",
             ""]
    lines += _reproduce_section(load("reproduce"))
    lines += _peers_section(load("peers"))
    lines += _throughput_section(load("throughput"))
    lines += _kill_stress_section(load("kill_stress"))
    with open(RESULTS_MD, "w") as f:
        f.write("\n".join(lines))
    return RESULTS_MD


if __name__ == "__main__":
    print(render())
