"""Where our scripts' training stands against this machine's limits, and what
the Estimator and mixed precision change.

Measured alternately, round after round, in one process, so that machine noise
hits both sides alike (each round times steady-state steps only):

* the deep network (``deep_mnist``'s graph and ``feed_dict`` loop) against its
  floor on this machine: its FLOPs at the rate of a large float32 matmul, plus
  the Adam update's memory traffic at the rate of a large streaming add, both
  probed after every round;
* ``--mixed_precision bf16`` against ``off`` for the deep network and for
  ``cnn_mnist``'s Estimator (where the CPU has bfloat16 instructions);
* the Estimator against a plain ``Session`` loop over the same ``cnn_model_fn``
  graph and ``numpy_input_fn`` input (the Estimator's own overhead).

Against other frameworks and the real ``tf.estimator``: ``benchmarks/peers.py``.

    python benchmarks/throughput.py --data_dir /path/to/mnist   # about 12 minutes

Take no figures while another heavy job runs on the machine.
"""

import argparse
import statistics
import time

import numpy as np

import harness
import ours
import report
from tf1 import input_data, precision, tf


def alternate(sides, steps, rounds, skip, warmup_steps):
    """Two runners ({name: runner}) in turn, ``rounds`` rounds of ``steps`` timed steps
    after ``skip`` untimed ones, each first warmed up; ``harness.compare`` of them."""
    for runner in sides.values():
        runner.run(warmup_steps, 0)
    found = harness.rounds(sides, rounds, lambda name: sides[name].run(steps, skip))
    return harness.compare(*found.values())


def deep_work_per_step(runner):
    """(GFLOP, Adam's GB) of one training step of ``runner``'s graph, counted from its
    ops: 2 FLOPs per multiply-add of each forward Conv2D and MatMul, three times over
    (forward, then the gradients of inputs and of weights; the first layer needs no
    input gradient); Adam reads each parameter, its gradient and both moments and
    writes back the parameter and both moments (7 float32 values)."""
    macs = []
    with runner.graph.as_default():
        for op in runner.graph.get_operations():
            if op.type in ("Conv2D", "MatMul") and "gradients" not in op.name:
                kernel = op.inputs[1].shape.as_list()
                pixels = op.outputs[0].shape.as_list()[1:3] if op.type == "Conv2D" else []
                macs.append(int(np.prod(pixels + kernel)))
        params = sum(int(np.prod(v.shape.as_list())) for v in tf.trainable_variables())
    flops = 2 * (3 * sum(macs) - macs[0]) * runner.batch_size
    return flops / 1e9, 7 * 4 * params / 1e9


class _Probe(object):
    """Times ``self.op``, built by ``build()`` in a graph and session of its own;
    returns ``self.work`` (units of work per run) per second, in billions."""

    def __init__(self):
        self.graph = tf.Graph()
        with self.graph.as_default():
            self.op = self.build()
            self.sess = tf.Session()
            self.sess.run(tf.global_variables_initializer())
        for _ in range(3):
            self.sess.run(self.op)

    def __call__(self, repeats=10):
        start = time.perf_counter()
        for _ in range(repeats):
            self.sess.run(self.op)
        return self.work * repeats / (time.perf_counter() - start) / 1e9


class MatmulProbe(_Probe):
    """GFLOP/s of an n x n float32 matmul in a TensorFlow session on this machine."""
    n = 2048
    work = 2.0 * n ** 3

    def build(self):
        a = tf.Variable(tf.random_normal([self.n, self.n]))
        b = tf.Variable(tf.random_normal([self.n, self.n]))
        return tf.reduce_sum(tf.matmul(a, b))  # a scalar: the fetch costs nothing


class BandwidthProbe(_Probe):
    """GB/s of a large streaming update (v += w, 128 MB each) in a TensorFlow session:
    the access pattern of an optimizer's update, at a size no cache holds."""
    size = 32 << 20
    work = 3 * 4 * size  # bytes: read v, read w, write v

    def build(self):
        v = tf.Variable(tf.zeros([self.size]))
        w = tf.Variable(tf.ones([self.size]))
        return tf.assign_add(v, w).op


def floor_model(runner, flags):
    """The deep step against its floor: FLOPs at the matmul rate plus Adam's traffic
    at the streaming rate, each probed right after every round."""
    matmul, stream = MatmulProbe(), BandwidthProbe()
    gflop, adam_gb = deep_work_per_step(runner)
    runner.run(flags.warmup_steps, 0)
    rows = []
    for i in range(flags.rounds):
        step_s = runner.batch_size / runner.run(flags.steps, flags.skip_steps)["images_per_s"]
        m, bw = matmul(), stream()
        floor_s = gflop / m + adam_gb / bw
        rows.append({"step_ms": 1e3 * step_s, "matmul_gflops": m, "stream_gbs": bw,
                     "floor_ms": 1e3 * floor_s, "fraction": floor_s / step_s,
                     "flops_fraction": gflop / step_s / m})
        print("  round %d: step %.1f ms, matmul %.0f GFLOP/s, stream %.1f GB/s, floor "
              "%.1f ms (%.0f%%)" % (i + 1, 1e3 * step_s, m, bw, 1e3 * floor_s,
                                    100 * floor_s / step_s), flush=True)
    found = {key: statistics.median(r[key] for r in rows) for key in rows[0]}
    return dict(found, batch_size=runner.batch_size, gflop_per_step=gflop,
                adam_mb_per_step=adam_gb * 1e3, matmul_n=matmul.n, rounds=flags.rounds,
                achieved_gflops=gflop / found["step_ms"] * 1e3)


def mixed_precision(mnist_onehot, mnist, flags):
    """bf16 against off, deep_mnist's loop and cnn_mnist's Estimator (bf16 CPUs only)."""
    bf16 = precision.session_config("bf16") if precision.cpu_has_bf16() else None
    found = {"cpu_has_bf16": bf16 is not None, "models": []}
    makers = (("deep_mnist", lambda c: ours.FeedDictRunner("deep_mnist", mnist_onehot, c)),
              ("cnn_mnist", lambda c: ours.EstimatorRunner(mnist, config=c)))
    for name, make in makers if bf16 is not None else ():
        print("%s: --mixed_precision bf16 against off" % name, flush=True)
        r = alternate({"bf16": make(bf16), "off": make(None)}, flags.steps, flags.rounds,
                      flags.skip_steps, flags.warmup_steps)
        found["models"].append({"model": name, "bf16": r["a"], "off": r["b"],
                                "ratio": r["ratio"], "cpu_ratio": r["cpu_ratio"]})
    return found


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data_dir", required=True, help="A local MNIST copy")
    parser.add_argument("--rounds", type=int, default=7,
                        help="Rounds of each comparison")
    parser.add_argument("--estimator_rounds", type=int, default=9,
                        help="Rounds of the Estimator against a plain Session loop")
    parser.add_argument("--steps", type=int, default=300, help="Steps per round")
    parser.add_argument("--warmup_steps", type=int, default=50,
                        help="Untimed steps of each side before the first round")
    parser.add_argument("--skip_steps", type=int, default=10,
                        help="Untimed steps at the start of every round")
    flags = parser.parse_args(argv)
    steal_start = harness.cpu_steal()
    mnist_onehot = input_data.read_data_sets(flags.data_dir, one_hot=True, seed=1)
    mnist = input_data.load_dataset("mnist", data_dir=flags.data_dir, seed=1)
    tf.logging.set_verbosity(tf.logging.WARN)
    results = {"rounds": flags.rounds, "steps": flags.steps,
               "command": "python benchmarks/throughput.py --data_dir DATA" + "".join(
                   " --%s %s" % (k, getattr(flags, k)) for k in (
                       "rounds", "estimator_rounds", "steps", "skip_steps"))}
    print("deep_mnist's step against this machine's floor", flush=True)
    results["floor"] = floor_model(ours.FeedDictRunner("deep_mnist", mnist_onehot), flags)
    results["mixed_precision"] = mixed_precision(mnist_onehot, mnist, flags)
    print("Estimator against a plain Session loop, same graph and input", flush=True)
    r = alternate({"Estimator": ours.EstimatorRunner(mnist, logging_hook=False),
                   "Session": ours.PlainSessionRunner(mnist)}, flags.steps,
                  flags.estimator_rounds, flags.skip_steps, flags.warmup_steps)
    results["estimator_overhead"] = {
        "estimator": r["a"], "plain_session": r["b"], "ratio": r["ratio"],
        "cpu_ratio": r["cpu_ratio"], "rounds": r["rounds"]}
    results["steal"] = harness.cpu_steal(steal_start)
    report.record("throughput", results)
    print(report.render())


if __name__ == "__main__":
    main()
