"""Errors a user can act on, as one line and an exit status; bugs keep their tracebacks.

Shared by the scripts' command line (:mod:`tf1.cli`) and the runner
(``python -m tf1``). No TensorFlow import here: TensorFlow's own errors are
recognized only once something else has imported it.
"""

import errno
import sys

from tf1 import signals
from tf1.errors import Error

_DISK_FAULTS = ("No space left on device", "Permission denied", "Read-only file system")


def fault_line(e):
    """The one line that explains ``e`` to a user, or None if ``e`` is a bug.

    Our own errors (a bad data file, a damaged checkpoint, a busy model_dir), the
    system's refusal to read or write a named file, TensorFlow's refusal to write
    one (a full disk while saving a checkpoint), and TF 1's NaN-loss error.
    """
    if isinstance(e, Error):
        return str(e)
    if isinstance(e, OSError) and (e.filename is not None or e.errno == errno.ENOSPC):
        return "%s: %s" % (e.filename or "disk", e.strerror)
    tf = sys.modules.get("tensorflow")
    if tf is None:
        return None
    if isinstance(e, tf.compat.v1.train.NanLossDuringTrainingError):
        return ("NaN loss during training: the model diverged. The checkpoints saved "
                "before it are kept; try a lower --learning_rate")
    if not isinstance(e, tf.errors.OpError):
        return None
    lines = [line.strip() for line in (e.message or "").splitlines()
             if any(fault in line for fault in _DISK_FAULTS)]
    if not lines:
        return None
    return "cannot write %s; the checkpoints saved before it are kept" % lines[0]


def run(main, argv=None):
    """Runs ``main(argv)`` and returns an exit status for ``sys.exit``.

    An error :func:`fault_line` explains becomes that line on stderr and status
    1; Ctrl-C, SIGTERM and SIGHUP, the shell's 128 + the signal's number (130,
    143, 129). Anything else is a bug, and shows its traceback.
    """
    try:
        with signals.as_exceptions():
            main(argv)
    except KeyboardInterrupt as e:
        print(str(e) or "interrupted", file=sys.stderr)
        return getattr(e, "exit_status", 130)
    except Exception as e:
        line = fault_line(e)
        if line is None:
            raise
        print("error: %s" % line, file=sys.stderr)
        return 1
    return 0
