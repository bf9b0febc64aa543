"""The command line shared by the three tutorial scripts.

Every script takes ``--data_dir``, ``--steps``, ``--batch_size``,
``--learning_rate`` and ``--seed`` with its document's values as defaults, and
ends with a one-line message and a non-zero exit status, not a traceback, when
its data files are missing or bad. Nothing in ``tf1`` imports this module.
"""

import argparse
import math
import os
import sys

from tf1 import exits, input_data, precision


def positive_int(text):
    value = int(text)
    if value <= 0:
        raise argparse.ArgumentTypeError("must be a positive integer, got %s" % text)
    return value


def positive_float(text):
    value = float(text)
    if not (value > 0 and math.isfinite(value)):
        raise argparse.ArgumentTypeError("must be a positive, finite number, got %s"
                                         % text)
    return value


MAX_SEED = 2**32 - 1  # what NumPy's RandomState takes


def seed(text):
    value = int(text)
    if not 0 <= value <= MAX_SEED:
        raise argparse.ArgumentTypeError("must be an integer from 0 to %d, got %s"
                                         % (MAX_SEED, text))
    return value


def folder(text):
    """A folder, or a path where one can be made: not a file."""
    if os.path.exists(text) and not os.path.isdir(text):
        raise argparse.ArgumentTypeError("%s is a file, not a folder" % text)
    return text


def writable_dir(text):
    """A folder this process can write into, or one it can create."""
    path = os.path.abspath(text)
    probe = path
    while not os.path.exists(probe):
        probe = os.path.dirname(probe)
    where = text if probe == path else "%s: %s" % (text, probe)
    if not os.path.isdir(probe):
        raise argparse.ArgumentTypeError("%s is a file, not a folder" % where)
    if not os.access(probe, os.W_OK | os.X_OK):
        raise argparse.ArgumentTypeError("%s is not writable" % where)
    return text


def base_parser(description, data_dir, steps, batch_size, learning_rate):
    """An ArgumentParser with the six shared flags and the given defaults."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument(
        "--data_dir", type=folder, default=input_data.default_data_dir(data_dir),
        help="Directory for storing input data (default: $MNIST_DATA_DIR or %s)"
        % data_dir)
    parser.add_argument("--steps", type=positive_int, default=steps,
                        help="Number of training steps (default: %(default)s)")
    parser.add_argument("--batch_size", type=positive_int, default=batch_size,
                        help="Examples per training step (default: %(default)s)")
    parser.add_argument("--learning_rate", type=positive_float, default=learning_rate,
                        help="Learning rate (default: %(default)s)")
    parser.add_argument("--seed", type=seed, default=None,
                        help="Seed the weights, the shuffling and dropout, so that "
                        "two runs print the same lines (default: unseeded)")
    parser.add_argument("--mixed_precision", choices=precision.MODES, default="off",
                        help="Let TensorFlow's graph rewrite run matmuls and "
                        "convolutions in bfloat16 (CPUs with AVX512-BF16 or AMX) or "
                        "float16 (GPUs); variables stay float32 (default: off)")
    return parser


def exit(main):  # noqa: A001  (as sys.exit)
    """``sys.exit(exits.run(main))``: what a script's ``if __name__ == "__main__"`` does."""
    sys.exit(exits.run(main))


def add_model_dir_flags(parser, default):
    """``--model_dir`` and ``--restore_intact``, for a script that checkpoints."""
    parser.add_argument("--model_dir", type=writable_dir, default=default,
                        help="Where checkpoints and summaries go; a second run "
                        "continues from its checkpoint (default: %(default)s)")
    parser.add_argument("--restore_intact", action="store_true",
                        help="If the newest checkpoint in --model_dir, or its state "
                        "file, is damaged or missing, continue from the newest intact "
                        "checkpoint (the damaged files are kept)")


def model_dir_restored_if_asked(flags):
    """Returns ``flags.model_dir``; with ``--restore_intact``, first points its state
    file at its newest intact checkpoint."""
    if flags.restore_intact:
        from tf1.estimator import checkpoints  # imports TensorFlow
        checkpoints.restore_intact(flags.model_dir)
    return flags.model_dir
