"""Stores benchmark results as JSON and renders them into benchmarks/RESULTS.md."""

import json
import os
import platform
import time
from importlib import metadata

HERE = os.path.dirname(os.path.abspath(__file__))
# $TF1_MNIST_BENCH_RESULTS: a trial run's folder for its JSON and page, not these.
TRIAL = os.environ.get("TF1_MNIST_BENCH_RESULTS")
RESULTS_DIR = TRIAL or os.path.join(HERE, "results")
RESULTS_MD = os.path.join(TRIAL or HERE, "RESULTS.md")


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
                  "where the command starts with `/usr/bin/time -v`, by hand under that "
                  "timer, its output recorded by the script:", "", "```"]
        lines += ["%s   # %s" % (row["command"], row["date"]) for row in found]
        lines += ["```", ""]
    return lines


PEER_NAMES = {"keras3": "Keras 3 (`model.fit`)", "torch": "PyTorch (CPU, eager)",
              "jax": "JAX + Flax (`jax.jit`)"}
SCRIPT_NAMES = {"deep_mnist": "deep_mnist (conv net, Adam)",
                "mnist_softmax": "mnist_softmax (softmax regression)",
                "cnn_mnist": "cnn_mnist (tf.layers + Estimator)"}


def _peers_section(data):
    if not data:
        return ["## Against the alternatives", "", "Not measured yet.", ""]
    lines = [
        "## Against the alternatives",
        "",
        "Training throughput (images per second, steady state) of each contender in a "
        "process of its own, all of them in turn in every round, on the real MNIST "
        "files, with the identical architecture and the script's own batch size, "
        "optimizer and learning rate; the medians of the rounds, and the medians of the "
        "rounds' ratios ours / peer in images per second and peer / ours in CPU time "
        "per image (above 1: ours is faster).",
        "",
        "| script | peer | ours (images/s) | peer (images/s) | ours / peer | "
        "CPU time, peer / ours | rounds |",
        "|---|---|---|---|---|---|---|",
    ]
    for script, found in data["throughput"].items():
        for peer, r in found.items():
            lines.append("| %s | %s | %.0f | %.0f | **%.2f** | %.2f | %d |" % (
                SCRIPT_NAMES[script], PEER_NAMES[peer], r["a"], r["b"], r["ratio"],
                r["cpu_ratio"], r["rounds"]))
    lines += _estimator_peer_lines(data)
    lines += ["", "Versions: %s." % "; ".join(
        "%s: %s" % (name, v) for name, v in sorted(data["versions"].items()))]
    lines += _run(data)
    return lines


ESTIMATOR_SIDES = (("cnn_mnist", "`cnn_mnist.py`, TensorFlow 2.21"),
                   ("guide_tf1", "the guide's program, `python -m tf1`, TensorFlow 2.21"))


KINDS = ("speed", "wall", "memory")


def _estimator_peer_lines(data):
    found = data.get("estimator")
    if not found:
        return ["", "The real `tf.estimator` (TensorFlow 2.15): not measured."]
    base = data["import_baseline_mb"]
    lines = [
        "",
        "Against the layers guide's program (`documents/layers_guide.py`) on TensorFlow "
        "2.15 with the real `tf.estimator`, its import made `tensorflow.compat.v1` and, "
        "`tf.contrib` being gone there, its data read by this project's NumPy reader; "
        "the same edited file also ran here under `python -m tf1`. %d steps each, whole "
        "processes, the three in turn, %d rounds; medians of the per-round ratios "
        "(steps/s from the Estimator's `global_step/sec`, above 1: faster; the whole "
        "process's wall time and peak memory, above 1: longer, or more). A bare "
        "`import tensorflow` peaks at %s MB on TensorFlow 2.21 and %s MB on 2.15."
        % (data["estimator_steps"], len(found["runs"]["guide_tf215"]), _mb(base["tf221"]),
           _mb(base["tf215"])),
        "",
        "| | steps/s | against 2.15 | CPU time, 2.15 / this | whole process | "
        "against 2.15 | peak memory | against 2.15 |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for side, label in ESTIMATOR_SIDES:
        speed, wall, memory = (found["vs_tf215"][side][k] for k in KINDS)
        lines.append("| %s | %.1f | **%.2f** | %.2f | %.0f s | %.2f | %.0f MB | %.2f |" % (
            label, speed["a"], speed["ratio"], speed["cpu_ratio"], wall["a"], wall["ratio"],
            memory["a"], memory["ratio"]))
    speed, wall, memory = (found["vs_tf215"]["cnn_mnist"][k] for k in KINDS)
    lines.append("| the guide's program, TensorFlow 2.15 | %.1f | | | %.0f s | | %.0f MB | |"
                 % (speed["b"], wall["b"], memory["b"]))
    interop = data.get("interop")
    if interop:
        lines += ["", "Interoperability (one trains, then the other continues in the "
                  "same `model_dir`):", ""]
        for direction, label in (("tf215_then_ours", "real Estimator, then ours"),
                                 ("ours_then_tf215", "ours, then the real Estimator")):
            r = interop[direction]
            lines.append("- %s: %s" % (label, "continues from `%s` to global step %s"
                                       % (r["restored"], r["final_global_step"])
                                       if r["ok"] else "**fails**: " + r["tail"]))
    return lines


def _mb(value):
    return "%.0f" % value if value else "(not measured)"


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
        "reads and writes per step (weights, gradients and both moments) at the rate "
        "of a large streaming update (median **%.1f "
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
    return lines + _run(data)


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
             % (data["resumed"], data["reruns"]), "",
             "| killed after (s) | newest intact step | the rerun | right |",
             "|---|---|---|---|"]
    for r in rounds:
        did = r["did"] + ("; then " + r["then"] if "then" in r else "")
        lines.append("| %s | %s | %s | %s |" % (
            r.get("kill_after_s", "not killed: the last rerun"), r["newest_intact"],
            did.replace("|", "/"), "yes" if r["right"] else "NO"))
    return lines + _run(data, "; %s s in all" % data["seconds"])


def _kill_stress_saves_section(data):
    if not data:
        return []
    landed, rounds = data["landed"], data["rounds"]
    uncommitted = sum(1 for r in rounds if r["newest_intact"] is not None and (
        r["committed"] is None or r["newest_intact"] > r["committed"]))
    lines = ["## SIGKILL aimed at saves and evaluations, then a rerun", "",
             "The script saves every 10 minutes, so the kills above land in start-up, "
             "restoring and the first save. Here the runs are `saving_cnn.py`: the "
             "script's model and data, a checkpoint every %d steps and an evaluation "
             "between rounds of training. The kills were aimed in turn at a random "
             "moment, a few milliseconds into a save, and a moment into an evaluation; "
             "where each landed is read from the log the run had written by then. "
             "%d kills: %s. %d of %d reruns resumed as they should: from the "
             "checkpoint the state file names (TensorFlow's commit), or after the "
             "one-line error and `--restore_intact` from the newest intact one. "
             "Reruns that found a newer, whole checkpoint whose save had been cut "
             "before the state file was written (not committed, so not restored): "
             "%d." % (
                 data["save_every"], sum(landed.values()), ", ".join(
                     "%d in %s" % (n, where) for where, n in sorted(landed.items())),
                 data["resumed"], data["reruns"], uncommitted), "",
             "Each row is one run: the folder as the kill before it had left it, what "
             "the run did, and where its own kill landed.", "",
             "| committed step | newest intact step | the run | right | then killed, "
             "aimed at | landed in |", "|---|---|---|---|---|---|"]
    for r in rounds:
        did = r["did"] + ("; then " + r["then"] if "then" in r else "")
        lines.append("| %s | %s | %s | %s | %s | %s |" % (
            r["committed"], r["newest_intact"], did.replace("|", "/"),
            "yes" if r["right"] else "NO", r.get("aim", "not killed: the last run"),
            r.get("landed", "")))
    return lines + _run(data, "; %s s in all" % data["seconds"])


def _tf1_numbers_section(data):
    if not data:
        return []
    tolerances = data["tolerances"]
    lines = ["## Seeded TF 1 programs against TF 1.15's numbers", "",
             "Each seeded program of `tests/programs/` printed its loss at every step on "
             "TensorFlow 1.15.5 itself and under `python -m tf1`, with TensorFlow's default "
             "oneDNN kernels and with `TF_ENABLE_ONEDNN_OPTS=0` (Eigen's, as TF 1.15 "
             "ran). The cells count the first steps whose printed losses (six digits) stay "
             "within each relative tolerance of TF 1.15's.", "",
             "| program | steps | " + " | ".join(
                 "oneDNN, %s" % t for t in tolerances) + " | " + " | ".join(
                 "Eigen, %s" % t for t in tolerances) + " |",
             "|---|---|" + "---|" * (2 * len(tolerances))]
    for family, row in sorted(data["families"].items()):
        lines.append("| `%s` | %d | %s | %s |" % (
            family, row["steps"], " | ".join(str(row["onednn"][t]) for t in tolerances),
            " | ".join(str(row["eigen"][t]) for t in tolerances)))
    return lines + _run(data)


def _run(data, more=""):
    """The machine, date and command of the run that gave ``data``."""
    date = "; " + data["date"] if "date" in data else ""
    return ["", "Machine: %s%s%s." % (data["machine"], date, more), "", "Command:", "",
            "```sh", data["command"], "```", ""]


NAMES = ("reproduce", "peers", "throughput", "kill_stress", "kill_stress_saves",
         "tf1_numbers")


def page(results):
    """RESULTS.md's text from ``results`` ({name: the data of results/NAME.json})."""
    lines = ["# Benchmark results", "",
             "Generated by `benchmarks/reproduce.py`, `benchmarks/peers.py`, "
             "`benchmarks/throughput.py`, `benchmarks/kill_stress.py` and "
             "`benchmarks/tf1_numbers.py` from the JSON files in `benchmarks/results/`; "
             "rerun them to refresh this page. Figures from different runs come from "
             "different moments of a shared, noisy machine: compare the ratios, "
             "which were measured side by side. Every figure here comes from those "
             "files, each with the machine, date and command of its run; what was "
             "observed and explained by hand is in [NOTES.md](NOTES.md).",
             ""]
    lines += _reproduce_section(results.get("reproduce", {}))
    lines += _peers_section(results.get("peers", {}))
    lines += _throughput_section(results.get("throughput", {}))
    lines += _kill_stress_section(results.get("kill_stress", {}))
    lines += _kill_stress_saves_section(results.get("kill_stress_saves", {}))
    lines += _tf1_numbers_section(results.get("tf1_numbers", {}))
    return "\n".join(lines)


def render():
    """Writes RESULTS.md from the stored results."""
    with open(RESULTS_MD, "w") as f:
        f.write(page({name: load(name) for name in NAMES}))
    return RESULTS_MD


if __name__ == "__main__":
    print(render())
