"""Where a deep_mnist training step spends its time.

Trains ``deep_mnist``'s graph as the script does (``feed_dict`` from
``next_batch``, batch 50, dropout 0.5), prints the steps per second, then traces
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
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

import deep_mnist  # noqa: E402
from deep_mnist import tf  # noqa: E402
from tf1 import input_data  # noqa: E402


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
    with tf.Graph().as_default():
        model = deep_mnist.build_graph(1e-4)
        with tf.Session(config=config) as sess:
            sess.run(tf.global_variables_initializer())

            def step(**kwargs):
                batch = mnist.train.next_batch(50)
                sess.run(model.train_step, feed_dict={
                    model.x: batch[0], model.y_: batch[1], model.keep_prob: 0.5},
                    **kwargs)

            for _ in range(50):
                step()
            start = time.perf_counter()
            for _ in range(flags.steps):
                step()
            seconds = (time.perf_counter() - start) / flags.steps
            print("%.1f steps/s (%.2f ms a step; oneDNN %s, inter_op %d, intra_op %d, "
                  "xla %s)" % (1 / seconds, 1e3 * seconds,
                               os.environ.get("TF_ENABLE_ONEDNN_OPTS", "default"),
                               flags.inter_op, flags.intra_op, flags.xla))

            start = time.perf_counter()
            for _ in range(flags.steps):
                mnist.train.next_batch(50)
            print("next_batch(50): %.3f ms" % (1e3 * (time.perf_counter() - start)
                                              / flags.steps))

            op_time = collections.Counter()
            for _ in range(flags.trace_steps):
                metadata = tf.RunMetadata()
                step(options=tf.RunOptions(trace_level=tf.RunOptions.FULL_TRACE),
                     run_metadata=metadata)
                for device in metadata.step_stats.dev_stats:
                    for node in device.node_stats:
                        kernel = node.timeline_label.split(" = ")[1].split("(")[0] \
                            if " = " in node.timeline_label else ""
                        op_time[(node.node_name, kernel)] += (
                            node.all_end_rel_micros / flags.trace_steps)
    total = sum(op_time.values())
    print("\nop time per step (ops may overlap; total %.1f ms):" % (total / 1e3))
    for (name, kernel), micros in op_time.most_common(flags.top):
        print("%8.0f us %5.1f%%  %s  %s" % (micros, 100 * micros / total, name, kernel))


if __name__ == "__main__":
    main()
