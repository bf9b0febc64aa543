"""The command line shared by the three tutorial scripts.

Every script takes ``--data_dir``, ``--steps``, ``--batch_size``,
``--learning_rate`` and ``--seed`` with its document's values as defaults, and
ends with a one-line message and exit status 1, not a traceback, when its data
files are missing or bad.
"""

from __future__ import absolute_import, division, print_function

import argparse
import logging
import os
import sys
import warnings

import tf1
from tf1 import input_data


def prepare_tensorflow():
    """Settings that must be made before TensorFlow is first imported.

    ``tf.layers`` lives in ``tf_keras`` since TensorFlow 2.16, and TensorFlow
    only routes to it when ``TF_USE_LEGACY_KERAS`` is set before its import.
    The tutorials use ``tf.layers`` by design, so its deprecation notices are
    silenced, and so are those TensorFlow logs about its own internal calls;
    any other warning still shows.
    """
    os.environ.setdefault("TF_USE_LEGACY_KERAS", "1")
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "1")
    warnings.filterwarnings(
        "ignore", message=r"`tf\.layers\.\w+` is deprecated", category=UserWarning)
    tf_logger = logging.getLogger("tensorflow")
    if _internal_deprecation_filter not in tf_logger.filters:
        tf_logger.addFilter(_internal_deprecation_filter)


_TENSORFLOW_DIR = os.sep + "tensorflow" + os.sep


def _internal_deprecation_filter(record):
    """Drops deprecation notices about TensorFlow's calls to its own deprecated APIs.

    TensorFlow logs them as "From <caller file>:<line>: ... is deprecated"; when
    the caller is inside TensorFlow (its Saver deleting or dating checkpoints,
    say) the notice is not about the user's code, and nothing they can act on.
    """
    if not (isinstance(record.msg, str) and record.msg.startswith("From %s:")
            and record.args):
        return True
    return _TENSORFLOW_DIR not in str(record.args[0])


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
    another model) becomes its message on stderr and status 1; Ctrl-C, status 130.
    """
    try:
        main(argv)
    except tf1.Error as e:
        print("error: %s" % e, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    return 0
