"""The command line shared by the three tutorial scripts.

Every script takes ``--data_dir``, ``--steps``, ``--batch_size``,
``--learning_rate`` and ``--seed`` with its document's values as defaults, and
ends with a one-line message and a non-zero exit status, not a traceback, when
its data files are missing or bad. Nothing in ``tf1`` imports this module.
"""

from __future__ import absolute_import, division, print_function

import argparse
import sys

import tf1
from tf1 import input_data, signals


def positive_int(text):
    value = int(text)
    if value <= 0:
        raise argparse.ArgumentTypeError("must be a positive integer, got %s" % text)
    return value


def positive_float(text):
    value = float(text)
    if not value > 0:
        raise argparse.ArgumentTypeError("must be a positive number, got %s" % text)
    return value


def base_parser(description, data_dir, steps, batch_size, learning_rate):
    """An ArgumentParser with the five shared flags and the given defaults."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument(
        "--data_dir", type=str, default=input_data.default_data_dir(data_dir),
        help="Directory for storing input data (default: $MNIST_DATA_DIR or %s)"
        % data_dir)
    parser.add_argument("--steps", type=positive_int, default=steps,
                        help="Number of training steps (default: %(default)s)")
    parser.add_argument("--batch_size", type=positive_int, default=batch_size,
                        help="Examples per training step (default: %(default)s)")
    parser.add_argument("--learning_rate", type=positive_float, default=learning_rate,
                        help="Learning rate (default: %(default)s)")
    parser.add_argument("--seed", type=int, default=None,
                        help="Seed the weights, the shuffling and dropout, so that "
                        "two runs print the same lines (default: unseeded)")
    return parser


def run(main, argv=None):
    """Runs ``main(argv)`` and returns an exit status for ``sys.exit``.

    An error that explains itself (a bad data file, a NaN loss, a checkpoint of
    another model) becomes its message on stderr and status 1; Ctrl-C, SIGTERM
    and SIGHUP, the shell's 128 + the signal's number (130, 143, 129).
    """
    try:
        with signals.as_exceptions():
            main(argv)
    except tf1.Error as e:
        print("error: %s" % e, file=sys.stderr)
        return 1
    except KeyboardInterrupt as e:
        print("interrupted", file=sys.stderr)
        return getattr(e, "exit_status", 130)
    return 0


def exit(main):  # noqa: A001  (as sys.exit)
    """``sys.exit(run(main))``: what a script's ``if __name__ == "__main__"`` does."""
    sys.exit(run(main))


def add_model_dir_flags(parser, default):
    """``--model_dir`` and ``--restore_intact``, for a script that checkpoints."""
    parser.add_argument("--model_dir", type=str, default=default,
                        help="Where checkpoints and summaries go; a second run "
                        "continues from its checkpoint (default: %(default)s)")
    parser.add_argument("--restore_intact", action="store_true",
                        help="If the newest checkpoint in --model_dir is damaged, "
                        "continue from the newest intact one (the damaged files are "
                        "kept)")


def model_dir(flags):
    """``flags.model_dir``, pointed at its newest intact checkpoint if
    ``--restore_intact`` asks for it."""
    if flags.restore_intact:
        from tf1 import checkpoints  # imports TensorFlow
        checkpoints.restore_intact(flags.model_dir)
    return flags.model_dir
