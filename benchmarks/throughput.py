"""Training throughput of our scripts' graphs against idiomatic Keras 3 models.

For each of the three models, the training loop of our script (its graph, its
input path: ``feed_dict`` from ``next_batch`` for the two "Deep MNIST" scripts,
the Estimator with ``numpy_input_fn`` for ``cnn_mnist``) and a Keras 3 model of
the identical architecture trained with ``model.fit`` (TensorFlow backend, same
batch size, optimizer and data) run alternately, round after round, in one
process, so that machine noise hits both alike. Each round times steady-state
steps only (from the end of a round's first step to the end of its last);
start-up (imports, data loading, graph building) is reported separately.

Also measured, alternately in the same way:
* the Estimator against a plain ``Session`` loop over the same ``cnn_model_fn``
  graph and ``numpy_input_fn`` input (the Estimator's own overhead);
* the deep network's achieved GFLOP/s against a large float32 matmul.

    python benchmarks/throughput.py --data_dir /path/to/mnist   # about 15 minutes

Needs ``keras`` (Keras 3), which TensorFlow installs. Take no figures while
another heavy job runs on the machine.
"""

from __future__ import absolute_import, division, print_function

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

STARTUP = {}
_t0 = time.perf_counter()
from tf1 import input_data, tf  # noqa: E402

STARTUP["import tensorflow"] = time.perf_counter() - _t0
_t0 = time.perf_counter()
import keras  # noqa: E402  (Keras 3: TF_USE_LEGACY_KERAS only reroutes tf.keras)

STARTUP["import keras 3"] = time.perf_counter() - _t0

import numpy as np  # noqa: E402

import cnn_mnist  # noqa: E402
import deep_mnist  # noqa: E402
import mnist_softmax  # noqa: E402
from tf1 import estimator, inputs  # noqa: E402


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

class FeedDictRunner(object):
    """The training loop of mnist_softmax.py / deep_mnist.py: feed_dict from next_batch."""

    def __init__(self, build, dataset, batch_size, extra_feed=None):
        self.graph = tf.Graph()
        with self.graph.as_default():
            self.x, self.y_, self.train_step = build()
            self.sess = tf.Session()
            self.sess.run(tf.global_variables_initializer())
        self.dataset = dataset
        self.batch_size = batch_size
        self.extra_feed = extra_feed or {}

    def run(self, steps):
        timer = self.last_timer = _StepTimer()
        for _ in range(steps):
            batch = self.dataset.next_batch(self.batch_size)
            feed = {self.x: batch[0], self.y_: batch[1]}
            feed.update(self.extra_feed)
            self.sess.run(self.train_step, feed_dict=feed)
            timer.tick()
        return timer.rate(self.batch_size)


def softmax_runner(mnist, batch_size):
    def build():
        x, y_, _, train_step = mnist_softmax.build_model(0.5)
        return x, y_, train_step
    return FeedDictRunner(build, mnist.train, batch_size)


def deep_runner(mnist, batch_size):
    holder = {}

    def build():
        model = deep_mnist.build_graph(1e-4)
        holder["keep_prob"] = model.keep_prob
        return model.x, model.y_, model.train_step
    runner = FeedDictRunner(build, mnist.train, batch_size)
    runner.extra_feed = {holder["keep_prob"]: 0.5}
    return runner


class _TimerHook(tf.train.SessionRunHook):
    """Ticks a _StepTimer after every training step."""

    def __init__(self, timer):
        self.timer = timer

    def after_run(self, run_context, run_values):
        self.timer.tick()


class EstimatorRunner(object):
    """cnn_mnist.py's training: the Estimator, numpy_input_fn and the logging hook."""

    def __init__(self, data, labels, batch_size, logging_hook=True):
        self.logging_hook = logging_hook
        self.model_dir = tempfile.mkdtemp(prefix="throughput_cnn_")
        self.classifier = estimator.Estimator(
            model_fn=cnn_mnist.cnn_model_fn, model_dir=self.model_dir,
            config=estimator.RunConfig(save_checkpoints_secs=3600))
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
            for initializer, feed in inputs.input_initializers(self.graph):
                self.sess.run(initializer, feed_dict=feed)
        self.batch_size = batch_size

    def run(self, steps):
        timer = self.last_timer = _StepTimer()
        for _ in range(steps):
            self.sess.run([self.train_op, self.loss])
            timer.tick()
        return timer.rate(self.batch_size)


# ---------------------------------------------------------------------------
# Keras 3 side: the identical architectures, trained with model.fit
# ---------------------------------------------------------------------------

def keras_softmax():
    model = keras.Sequential([
        keras.Input((784,)),
        keras.layers.Dense(10, kernel_initializer="zeros"),
    ])
    model.compile(optimizer=keras.optimizers.SGD(0.5),
                  loss=keras.losses.CategoricalCrossentropy(from_logits=True))
    return model


def keras_deep():
    weights = keras.initializers.TruncatedNormal(stddev=0.1)
    biases = keras.initializers.Constant(0.1)
    model = keras.Sequential([
        keras.Input((784,)),
        keras.layers.Reshape((28, 28, 1)),
        keras.layers.Conv2D(32, 5, padding="same", activation="relu",
                            kernel_initializer=weights, bias_initializer=biases),
        keras.layers.MaxPooling2D(2, padding="same"),
        keras.layers.Conv2D(64, 5, padding="same", activation="relu",
                            kernel_initializer=weights, bias_initializer=biases),
        keras.layers.MaxPooling2D(2, padding="same"),
        keras.layers.Flatten(),
        keras.layers.Dense(1024, activation="relu", kernel_initializer=weights,
                           bias_initializer=biases),
        keras.layers.Dropout(0.5),
        keras.layers.Dense(10, kernel_initializer=weights, bias_initializer=biases),
    ])
    model.compile(optimizer=keras.optimizers.Adam(1e-4, epsilon=1e-8),
                  loss=keras.losses.CategoricalCrossentropy(from_logits=True))
    return model


def keras_cnn():
    model = keras.Sequential([
        keras.Input((784,)),
        keras.layers.Reshape((28, 28, 1)),
        keras.layers.Conv2D(32, 5, padding="same", activation="relu"),
        keras.layers.MaxPooling2D(2, strides=2),
        keras.layers.Conv2D(64, 5, padding="same", activation="relu"),
        keras.layers.MaxPooling2D(2, strides=2),
        keras.layers.Flatten(),
        keras.layers.Dense(1024, activation="relu"),
        keras.layers.Dropout(0.4),
        keras.layers.Dense(10),
    ])
    model.compile(optimizer=keras.optimizers.SGD(0.001),
                  loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))
    return model


class _KerasTimer(keras.callbacks.Callback):
    def __init__(self, timer):
        super(_KerasTimer, self).__init__()
        self.timer = timer

    def on_train_batch_end(self, batch, logs=None):
        self.timer.tick()


class KerasRunner(object):
    def __init__(self, build, images, labels, batch_size):
        self.model = build()
        self.images, self.labels = images, labels
        self.batch_size = batch_size

    def run(self, steps):
        timer = self.last_timer = _StepTimer()
        self.model.fit(self.images, self.labels, batch_size=self.batch_size, epochs=1,
                       steps_per_epoch=steps, shuffle=True, verbose=0,
                       callbacks=[_KerasTimer(timer)])
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


class MatmulProbe(object):
    """GFLOP/s of an n x n float32 matmul in a TensorFlow session on this machine."""

    def __init__(self, n=2048):
        self.n = n
        self.graph = tf.Graph()
        with self.graph.as_default():
            a = tf.Variable(tf.random_normal([n, n]))
            b = tf.Variable(tf.random_normal([n, n]))
            # Reduced to a scalar so that the fetch costs nothing.
            self.total = tf.reduce_sum(tf.matmul(a, b))
            self.sess = tf.Session()
            self.sess.run(tf.global_variables_initializer())
        for _ in range(3):
            self.sess.run(self.total)

    def __call__(self, repeats=10):
        start = time.perf_counter()
        for _ in range(repeats):
            self.sess.run(self.total)
        seconds = (time.perf_counter() - start) / repeats
        return 2.0 * self.n ** 3 / seconds / 1e9


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data_dir", required=True, help="A local MNIST copy")
    parser.add_argument("--rounds", type=int, default=7,
                        help="Rounds of each side against Keras 3")
    parser.add_argument("--estimator_rounds", type=int, default=15,
                        help="Rounds of the Estimator against a plain Session loop")
    parser.add_argument("--steps", type=int, default=300, help="Steps per round")
    parser.add_argument("--warmup_steps", type=int, default=50,
                        help="Untimed steps of each side before the first round")
    parser.add_argument("--skip_steps", type=int, default=10,
                        help="Untimed steps at the start of every round")
    parser.add_argument("--estimator_only", action="store_true",
                        help="Measure only the Estimator against a plain Session loop, "
                        "keeping the other stored results")
    flags = parser.parse_args(argv)
    steal_start = cpu_steal()
    _StepTimer.skip = flags.skip_steps
    tf.logging.set_verbosity(tf.logging.WARN)

    start = time.perf_counter()
    mnist_onehot = input_data.read_data_sets(flags.data_dir, one_hot=True, seed=1)
    STARTUP["read_data_sets (4 files)"] = time.perf_counter() - start
    mnist = input_data.load_dataset("mnist", data_dir=flags.data_dir, seed=1)
    train_data = mnist.train.images
    train_labels = np.asarray(mnist.train.labels, dtype=np.int32)

    pairs = [
        ("softmax", "mnist_softmax (softmax regression)", 100,
         lambda: softmax_runner(mnist_onehot, 100),
         lambda: KerasRunner(keras_softmax, mnist_onehot.train.images,
                             mnist_onehot.train.labels, 100)),
        ("deep", "deep_mnist (conv net, Adam)", 50,
         lambda: deep_runner(mnist_onehot, 50),
         lambda: KerasRunner(keras_deep, mnist_onehot.train.images,
                             mnist_onehot.train.labels, 50)),
        ("cnn", "cnn_mnist (tf.layers + Estimator)", 100,
         lambda: EstimatorRunner(train_data, train_labels, 100),
         lambda: KerasRunner(keras_cnn, train_data, train_labels, 100)),
    ]
    if flags.estimator_only:
        results = report.load("throughput")
        pairs = []
    else:
        results = {
            "rounds": flags.rounds, "steps": flags.steps, "models": [],
            "startup": STARTUP, "machine": report.machine(),
            "command": "python benchmarks/throughput.py --data_dir DATA" + "".join(
                " --%s %s" % (k, getattr(flags, k)) for k in (
                    "rounds", "estimator_rounds", "steps", "skip_steps"))}
    for key, name, batch_size, make_ours, make_keras in pairs:
        print(name, flush=True)
        start = time.perf_counter()
        ours = make_ours()
        if key == "cnn":  # the Estimator builds its graph in every train() call
            ours.run(1)
            STARTUP["cnn: one Estimator.train call of 1 step (graph, session, "
                    "checkpoints)"] = time.perf_counter() - start
        else:
            STARTUP["%s: build graph and session" % key] = time.perf_counter() - start
        start = time.perf_counter()
        theirs = make_keras()
        STARTUP["%s: build Keras 3 model" % key] = time.perf_counter() - start
        probe = MatmulProbe() if key == "deep" else None
        ours_rate, keras_rate, ratio, probes = alternate(
            ours, theirs, flags.steps, flags.rounds, flags.warmup_steps, probe)
        results["models"].append({"model": name, "batch_size": batch_size,
                                  "ours": ours_rate, "keras": keras_rate,
                                  "ratio": ratio})
        if key == "deep":
            # The step's GFLOP/s against the matmul's, measured right after it.
            gflop = deep_gflop_per_step(batch_size)
            fractions = [rate / batch_size * gflop / matmul for rate, matmul in probes]
            achieved = ours_rate / batch_size * gflop
            matmul = statistics.median(m for _, m in probes)
            results["flops"] = {
                "batch_size": batch_size, "gflop_per_step": gflop,
                "achieved_gflops": achieved, "matmul_gflops": matmul, "matmul_n": probe.n,
                "fraction": statistics.median(fractions)}
            print("  deep: %.1f GFLOP/s achieved, matmul %.1f GFLOP/s" % (achieved, matmul))

    print("Estimator against a plain Session loop, same graph and input", flush=True)
    bare = EstimatorRunner(train_data, train_labels, 100, logging_hook=False)
    plain = PlainSessionRunner(train_data, train_labels, 100)
    est_rate, plain_rate, ratio, _ = alternate(
        bare, plain, flags.steps, flags.estimator_rounds, flags.warmup_steps)
    results["estimator_overhead"] = {
        "estimator": est_rate, "plain_session": plain_rate, "ratio": ratio,
        "cpu_ratio": alternate.cpu_ratio, "rounds": flags.estimator_rounds,
        "steal": cpu_steal(steal_start),
        "command": "python benchmarks/throughput.py --data_dir DATA --estimator_only"
                   " --estimator_rounds %d --steps %d" % (flags.estimator_rounds,
                                                          flags.steps)}
    if not flags.estimator_only:
        results["steal"] = results["estimator_overhead"]["steal"]
        results["estimator_overhead"]["command"] = results["command"]
    report.save("throughput", results)
    print(report.render())


if __name__ == "__main__":
    main()
