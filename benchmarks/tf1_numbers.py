"""How long seeded TF 1 programs stay on TF 1.15's numbers, family by family.

Each seeded program of tests/programs/ (softmax with the reader, a raw tf.nn conv
net, tf.layers, tf.contrib.layers and slim, RNN cells) prints its loss at every
step, on TF 1.15.5 itself and under ``python -m tf1``, with TensorFlow's default
oneDNN kernels and with ``TF_ENABLE_ONEDNN_OPTS=0`` (Eigen's, as TF 1.15 ran);
this counts the first steps whose printed losses stay within 1e-6, 1e-4 and 1e-3
(relative) of TF 1.15's. Needs TF 1.15.5's Python (see tests/data/tf115/record.py)
and the real MNIST files:

    python benchmarks/tf1_numbers.py --data_dir DATA --tf115_python V/bin/python
"""

import argparse
import os
import re
import sys

import harness
import report

PROGRAMS = os.path.join(harness.ROOT, "tests", "programs")
FAMILIES = ("seeded_softmax", "seeded_deep", "seeded_layers", "seeded_contrib",
            "seeded_rnn")
TOLERANCES = (1e-6, 1e-4, 1e-3)
LOSS = re.compile(r"^step (\d+) loss (\S+)$", re.M)


def losses(command, env=None):
    """The per-step losses ``command`` printed."""
    done = harness.child(command, env=env)
    if done.status != 0:
        raise SystemExit("%s failed:\n%s" % (" ".join(command), done.err[-2000:]))
    return [float(value) for _, value in LOSS.findall(done.out)]


def steps_within(ours, theirs, tolerance):
    """How many first steps agree within ``tolerance`` (relative)."""
    for i, (a, b) in enumerate(zip(ours, theirs)):
        if abs(a - b) > tolerance * abs(b):
            return i
    return min(len(ours), len(theirs))


def measure(family, data_dir, tf115_python, steps):
    program = [os.path.join(PROGRAMS, family + ".py"), data_dir, str(steps), "1"]
    theirs = losses([tf115_python] + program)
    row = {"steps": steps}
    for kernels, env in (("onednn", None),
                         ("eigen", dict(os.environ, TF_ENABLE_ONEDNN_OPTS="0"))):
        ours = losses([sys.executable, "-m", "tf1"] + program, env=env)
        row[kernels] = {"%g" % t: steps_within(ours, theirs, t) for t in TOLERANCES}
    return row


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data_dir", required=True)
    parser.add_argument("--tf115_python", required=True)
    parser.add_argument("--steps", type=int, default=200)
    flags = parser.parse_args(argv)
    families = {}
    for family in FAMILIES:
        families[family] = measure(family, flags.data_dir, flags.tf115_python, flags.steps)
        print(family, families[family], flush=True)
    report.record("tf1_numbers", {
        "families": families, "tolerances": ["%g" % t for t in TOLERANCES],
        "command": "python benchmarks/tf1_numbers.py --data_dir DATA --tf115_python "
                   "V/bin/python --steps %d" % flags.steps})
    print(report.render())


if __name__ == "__main__":
    main()
