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
import os
import statistics
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, ROOT)
sys.path.insert(0, HERE)

import report  # noqa: E402

from tf1 import input_data, precision, tf  # noqa: E402

import numpy as np  # noqa: E402

import cnn_mnist  # noqa: E402
import deep_mnist  # noqa: E402
estimator = tf.estimator


class _StepTimer(object):
    """Times the steps after the first ``skip``: (number of steps, seconds).

    Skipping the first steps of every round leaves out one-off costs (a fresh
    session's first runs, a data adapter's set-up) on both sides alike.
    """
    skip = 10

    def __init__(self):
        self.start = self.end = None
        self.cpu_start = self.cpu_end = None
        self.steps = 0
        self.ticks = 0

    def tick(self):
        now, cpu = time.perf_counter(), time.process_time()
        self.ticks += 1
        if self.ticks == self.skip:
            self.start, self.cpu_start = now, cpu
        elif self.ticks > self.skip:
            self.steps += 1
        self.end, self.cpu_end = now, cpu

    def cpu_per_image(self, batch_size):
        """Process CPU seconds (all threads) per image over the timed steps."""
        return (self.cpu_end - self.cpu_start) / (self.steps * batch_size)

    def rate(self, batch_size):
        """Images per second over the timed steps (NaN if there were none)."""
        if not self.steps:
            return float("nan")
        return self.steps * batch_size / (self.end - self.start)


# ---------------------------------------------------------------------------
# Our side: the scripts' own graphs and loops
# ---------------------------------------------------------------------------

class DeepRunner(object):
    """deep_mnist.py's training loop: its graph, feed_dict from next_batch."""

    def __init__(self, dataset, batch_size, config=None):
        self.graph = tf.Graph()
        with self.graph.as_default():
            tf.set_random_seed(1)
            model = deep_mnist.build_graph(1e-4)
            self.x, self.y_, self.train_step = model.x, model.y_, model.train_step
            self.keep_prob = model.keep_prob
            self.sess = tf.Session(config=config)
            self.sess.run(tf.global_variables_initializer())
        self.dataset = dataset
        self.batch_size = batch_size

    def run(self, steps):
        timer = self.last_timer = _StepTimer()
        for _ in range(steps):
            xs, ys = self.dataset.next_batch(self.batch_size)
            self.sess.run(self.train_step, feed_dict={self.x: xs, self.y_: ys,
                                                      self.keep_prob: 0.5})
            timer.tick()
        return timer.rate(self.batch_size)


class _TimerHook(tf.train.SessionRunHook):
    """Ticks a _StepTimer after every training step."""

    def __init__(self, timer):
        self.timer = timer

    def after_run(self, run_context, run_values):
        self.timer.tick()


class EstimatorRunner(object):
    """cnn_mnist.py's training: the Estimator, numpy_input_fn and the logging hook."""

    def __init__(self, data, labels, batch_size, logging_hook=True, config=None):
        self.logging_hook = logging_hook
        self.model_dir = tempfile.mkdtemp(prefix="throughput_cnn_")
        self.classifier = estimator.Estimator(
            model_fn=cnn_mnist.cnn_model_fn, model_dir=self.model_dir,
            config=estimator.RunConfig(save_checkpoints_secs=3600, session_config=config))
        self.input_fn = estimator.inputs.numpy_input_fn(
            x={"x": data}, y=labels, batch_size=batch_size, num_epochs=None,
            shuffle=True)
        self.batch_size = batch_size

    def run(self, steps):
        timer = self.last_timer = _StepTimer()
        hooks = [_TimerHook(timer)]
        if self.logging_hook:
            hooks.append(tf.train.LoggingTensorHook(
                tensors={"probabilities": "softmax_tensor"}, every_n_iter=50))
        self.classifier.train(self.input_fn, steps=steps, hooks=hooks)
        return timer.rate(self.batch_size)


class PlainSessionRunner(object):
    """The same cnn_model_fn graph and numpy_input_fn input in a plain Session loop."""

    def __init__(self, data, labels, batch_size):
        self.graph = tf.Graph()
        with self.graph.as_default():
            tf.train.get_or_create_global_step()
            input_fn = estimator.inputs.numpy_input_fn(
                x={"x": data}, y=labels, batch_size=batch_size, num_epochs=None,
                shuffle=True)
            features, labels_t = input_fn()
            spec = cnn_mnist.cnn_model_fn(features, labels_t, estimator.ModeKeys.TRAIN)
            self.train_op, self.loss = spec.train_op, spec.loss
            self.sess = tf.Session()
            self.sess.run(tf.global_variables_initializer())
            self.sess.run(tf.local_variables_initializer())  # starts the input
        self.batch_size = batch_size

    def run(self, steps):
        timer = self.last_timer = _StepTimer()
        for _ in range(steps):
            self.sess.run([self.train_op, self.loss])
            timer.tick()
        return timer.rate(self.batch_size)


# ---------------------------------------------------------------------------
# Measurement
# ---------------------------------------------------------------------------

def alternate(a, b, steps, rounds, warmup_steps, probe=None):
    """Runs a and b alternately, round after round.

    Returns the median images/s of a, of b, and the median of the per-round
    ratios a / b (each round's pair ran back to back, so its ratio is the least
    disturbed by the machine's other load), and the per-round results of
    ``probe()`` (run after every round) with a's rate of that round. Also sets
    ``alternate.cpu_ratio``: the median per-round ratio of the process CPU time
    per image, b / a, which time stolen by other guests of the host does not
    inflate.
    """
    a.run(warmup_steps)
    b.run(warmup_steps)
    rates_a, rates_b, cpu_ratios, probes = [], [], [], []
    for i in range(rounds):
        if i % 2 == 0:
            rate_a, rate_b = a.run(steps), b.run(steps)
        else:
            rate_b, rate_a = b.run(steps), a.run(steps)
        rates_a.append(rate_a)
        rates_b.append(rate_b)
        cpu_ratios.append(b.last_timer.cpu_per_image(b.batch_size)
                          / a.last_timer.cpu_per_image(a.batch_size))
        if probe is not None:
            probes.append((rate_a, probe()))
        print("  round %d: %.0f vs %.0f images/s; CPU time per image, b / a: %.3f"
              % (i + 1, rate_a, rate_b, cpu_ratios[-1]), flush=True)
    ratio = statistics.median(x / y for x, y in zip(rates_a, rates_b))
    alternate.cpu_ratio = statistics.median(cpu_ratios)
    return statistics.median(rates_a), statistics.median(rates_b), ratio, probes


def cpu_steal(since=None):
    """The machine's CPU counters from /proc/stat; with ``since``, the fraction of
    CPU time stolen by the hypervisor (other guests of the host) since then."""
    try:
        with open("/proc/stat") as f:
            fields = [int(v) for v in f.readline().split()[1:]]
    except (OSError, ValueError):
        return None
    if since is None:
        return fields
    delta = [now - then for now, then in zip(fields, since)]
    return delta[7] / float(sum(delta[:8])) if len(delta) > 7 and sum(delta[:8]) else None


def deep_gflop_per_step(batch_size):
    """Forward + backward FLOPs of one deep_mnist training step (multiply-adds x 2)."""
    macs = (28 * 28 * 32 * 5 * 5 * 1        # conv1
            + 14 * 14 * 64 * 5 * 5 * 32     # conv2
            + 7 * 7 * 64 * 1024             # fc1
            + 1024 * 10)                    # fc2
    # forward: 2 FLOPs per multiply-add; backward: gradients of the inputs and of
    # the weights, each as costly as the forward pass (conv1 needs no input gradient).
    conv1 = 28 * 28 * 32 * 5 * 5
    flops = 2 * macs * 3 - 2 * conv1
    return flops * batch_size / 1e9


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


def deep_adam_bytes_per_step():
    """Bytes Adam moves per deep_mnist step: for each of the network's parameters it
    reads the weight, its gradient and both moments, and writes the weight and both
    moments back (7 float32 values)."""
    params = (5 * 5 * 1 * 32 + 32 + 5 * 5 * 32 * 64 + 64 + 7 * 7 * 64 * 1024 + 1024
              + 1024 * 10 + 10)
    return 7 * 4 * params


def floor_model(runner, rounds, steps, warmup_steps):
    """The deep step against its floor: FLOPs at the matmul rate plus Adam's traffic
    at the streaming rate, each probed right after every round."""
    matmul, stream = MatmulProbe(), BandwidthProbe()
    gflop, adam_gb = deep_gflop_per_step(runner.batch_size), deep_adam_bytes_per_step() / 1e9
    runner.run(warmup_steps)
    rows = []
    for i in range(rounds):
        rate = runner.run(steps)
        step_s = runner.batch_size / rate
        m, bw = matmul(), stream()
        floor_s = gflop / m + adam_gb / bw
        rows.append({"step_ms": 1e3 * step_s, "matmul_gflops": m, "stream_gbs": bw,
                     "floor_ms": 1e3 * floor_s, "fraction": floor_s / step_s,
                     "flops_fraction": gflop / step_s / m})
        print("  round %d: step %.1f ms, matmul %.0f GFLOP/s, stream %.1f GB/s, floor "
              "%.1f ms (%.0f%%)" % (i + 1, 1e3 * step_s, m, bw, 1e3 * floor_s,
                                    100 * floor_s / step_s), flush=True)
    med = lambda key: statistics.median(r[key] for r in rows)  # noqa: E731
    return {"batch_size": runner.batch_size, "gflop_per_step": gflop,
            "adam_mb_per_step": adam_gb * 1e3, "matmul_n": matmul.n,
            "step_ms": med("step_ms"), "matmul_gflops": med("matmul_gflops"),
            "stream_gbs": med("stream_gbs"), "floor_ms": med("floor_ms"),
            "fraction": med("fraction"), "flops_fraction": med("flops_fraction"),
            "achieved_gflops": gflop / med("step_ms") * 1e3, "rounds": rounds}


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
    steal_start = cpu_steal()
    _StepTimer.skip = flags.skip_steps
    tf.logging.set_verbosity(tf.logging.WARN)
    mnist_onehot = input_data.read_data_sets(flags.data_dir, one_hot=True, seed=1)
    mnist = input_data.load_dataset("mnist", data_dir=flags.data_dir, seed=1)
    train_data = mnist.train.images
    train_labels = np.asarray(mnist.train.labels, dtype=np.int32)
    results = {"rounds": flags.rounds, "steps": flags.steps, "machine": report.machine(),
               "command": "python benchmarks/throughput.py --data_dir DATA" + "".join(
                   " --%s %s" % (k, getattr(flags, k)) for k in (
                       "rounds", "estimator_rounds", "steps", "skip_steps"))}

    print("deep_mnist's step against this machine's floor", flush=True)
    results["floor"] = floor_model(DeepRunner(mnist_onehot.train, 50), flags.rounds,
                                   flags.steps, flags.warmup_steps)

    bf16 = precision.session_config("bf16") if precision.cpu_has_bf16() else None
    results["mixed_precision"] = {"cpu_has_bf16": bf16 is not None, "models": []}
    if bf16 is not None:
        for name, make in (
                ("deep_mnist", lambda config: DeepRunner(mnist_onehot.train, 50, config)),
                ("cnn_mnist", lambda config: EstimatorRunner(train_data, train_labels, 100,
                                                             config=config))):
            print("%s: --mixed_precision bf16 against off" % name, flush=True)
            fast, slow, ratio, _ = alternate(make(bf16), make(None), flags.steps,
                                             flags.rounds, flags.warmup_steps)
            results["mixed_precision"]["models"].append(
                {"model": name, "bf16": fast, "off": slow, "ratio": ratio,
                 "cpu_ratio": alternate.cpu_ratio})

    print("Estimator against a plain Session loop, same graph and input", flush=True)
    bare = EstimatorRunner(train_data, train_labels, 100, logging_hook=False)
    plain = PlainSessionRunner(train_data, train_labels, 100)
    est_rate, plain_rate, ratio, _ = alternate(
        bare, plain, flags.steps, flags.estimator_rounds, flags.warmup_steps)
    results["estimator_overhead"] = {
        "estimator": est_rate, "plain_session": plain_rate, "ratio": ratio,
        "cpu_ratio": alternate.cpu_ratio, "rounds": flags.estimator_rounds}
    results["steal"] = cpu_steal(steal_start)
    report.save("throughput", results)
    print(report.render())


if __name__ == "__main__":
    main()
