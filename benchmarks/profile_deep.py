"""Where a deep_mnist training step spends its time.

Trains ``deep_mnist``'s graph as the script does (``feed_dict`` from
``next_batch``, at the script's defaults), prints the steps per second, then traces
a few steps and lists the ops that take the most time.

    python benchmarks/profile_deep.py --data_dir /path/to/mnist
    python benchmarks/profile_deep.py --data_dir DATA --inter_op 1      # a variant
    TF_ENABLE_ONEDNN_OPTS=0 python benchmarks/profile_deep.py --data_dir DATA

Variants (thread counts, XLA auto-clustering) change only the session's
configuration; compare their steps per second with the default's, run by run.
"""

import argparse
import collections
import os

import harness
import ours
from tf1 import input_data, tf


def op_times(runner, steps):
    """{(node name, kernel): microseconds per step} over ``steps`` traced steps."""
    found = collections.Counter()
    for _ in range(steps):
        metadata = tf.RunMetadata()
        runner.step(options=tf.RunOptions(trace_level=tf.RunOptions.FULL_TRACE),
                    run_metadata=metadata)
        for device in metadata.step_stats.dev_stats:
            for node in device.node_stats:
                label = node.timeline_label
                kernel = label.split(" = ")[1].split("(")[0] if " = " in label else ""
                found[(node.node_name, kernel)] += node.all_end_rel_micros / steps
    return found


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data_dir", required=True, help="A local MNIST copy")
    parser.add_argument("--steps", type=int, default=300, help="Timed steps")
    parser.add_argument("--trace_steps", type=int, default=10)
    parser.add_argument("--inter_op", type=int, default=0, help="0: TensorFlow's default")
    parser.add_argument("--intra_op", type=int, default=0, help="0: TensorFlow's default")
    parser.add_argument("--xla", action="store_true", help="XLA auto-clustering")
    parser.add_argument("--top", type=int, default=15)
    flags = parser.parse_args(argv)
    mnist = input_data.read_data_sets(flags.data_dir, one_hot=True, seed=1)
    config = tf.ConfigProto(inter_op_parallelism_threads=flags.inter_op,
                            intra_op_parallelism_threads=flags.intra_op)
    if flags.xla:
        config.graph_options.optimizer_options.global_jit_level = tf.OptimizerOptions.ON_1
    runner = ours.FeedDictRunner("deep_mnist", mnist, config)
    rate = runner.run(flags.steps, skip=50)["images_per_s"] / runner.batch_size
    print("%.1f steps/s (%.2f ms a step; oneDNN %s, inter_op %d, intra_op %d, xla %s)" % (
        rate, 1e3 / rate, os.environ.get("TF_ENABLE_ONEDNN_OPTS", "default"),
        flags.inter_op, flags.intra_op, flags.xla))
    batch = harness.timed(lambda: mnist.train.next_batch(runner.batch_size), flags.steps, 0,
                          runner.batch_size)
    print("next_batch(%d): %.3f ms" % (runner.batch_size,
                                       1e3 * runner.batch_size / batch["images_per_s"]))
    found = op_times(runner, flags.trace_steps)
    total = sum(found.values())
    print("\nop time per step (ops may overlap; total %.1f ms):" % (total / 1e3))
    for (name, kernel), micros in found.most_common(flags.top):
        print("%8.0f us %5.1f%%  %s  %s" % (micros, 100 * micros / total, name, kernel))


if __name__ == "__main__":
    main()
