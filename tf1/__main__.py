"""``python -m tf1 FILE [ARGS...]``: runs a TensorFlow 1 program unmodified.

FILE runs as ``__main__``, as ``python FILE ARGS`` ran it on TF 1.x: its
``__name__``, ``__file__``, ``sys.argv`` and ``sys.path[0]`` are what they were,
so argparse, ``tf.app.flags`` and ``tf.app.run()`` behave as before. Only its own
import statements are redirected (:mod:`tf1.redirect`).

The exit status is the program's own. A bug in it shows its traceback as Python
would show it; tf1's own errors (data files, checkpoints, a NaN loss, a busy
model_dir) and a TF 1 name tf1 does not provide give one line and status 1;
Ctrl-C, SIGTERM and SIGHUP the shell's 128 + the signal (a training Estimator
saves its checkpoint first). A missing FILE: one line, status 2.

``python -m tf1 --scan FILE...`` names, without running them, the TF 1 names the
programs use that tf1 does not provide (:mod:`tf1.scan`): exit 0 if none, 1 if any.
``python -m tf1 --check`` reaches every private name of TensorFlow, tf_keras and
tensorflow-estimator that tf1 touches (:mod:`tf1.internals`), one line each, and
exits 1 if any is missing.
"""

import os
import sys
import traceback
import types

from tf1.errors import Error

USAGE = """usage: python -m tf1 FILE [ARGS...]   runs a TensorFlow 1 program unmodified
       python -m tf1 --scan FILE...     names the TF 1 names a program uses that tf1
                                        does not provide, without running it
       python -m tf1 --check            checks the private names of other libraries
                                        that tf1 touches against what is installed"""


class NotProvidedHere(Error):
    """A TF 1 name tf1 does not provide, with where the program used it."""


def _user_frames(tb, path):
    """The traceback from the first frame of the program on (the runner's cut off)."""
    while tb is not None and tb.tb_frame.f_code.co_filename != path:
        tb = tb.tb_next
    return tb


def _where(tb, path):
    """``FILE:LINE`` of the program's innermost frame in ``tb``."""
    line = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == path:
            line = tb.tb_lineno
        tb = tb.tb_next
    return "%s:%s" % (path, line) if line else path


def _main_module(path):
    from tf1 import redirect  # imports TensorFlow
    module = types.ModuleType("__main__")
    module.__dict__.update(__file__=path, __builtins__=redirect.builtins_for_user_code(),
                           __cached__=None, __loader__=None, __spec__=None)
    return module


def run_file(path, args):
    """Runs the program at ``path`` with ``args``; returns its exit status."""
    try:
        with open(path, "rb") as f:
            code = compile(f.read(), path, "exec")
    except OSError as e:
        print("python -m tf1: can't open file %r: %s" % (path, e.strerror), file=sys.stderr)
        return 2
    sys.argv = [path] + list(args)
    sys.path[0] = os.path.dirname(os.path.abspath(path))
    from tf1 import exits, tf
    module = _main_module(path)
    sys.modules["__main__"] = module

    def program(argv):
        try:
            exec(code, module.__dict__)
        except tf.NotProvidedError as e:
            raise NotProvidedHere("%s: %s" % (_where(e.__traceback__, path), e)) from None
    try:
        return exits.run(program)
    except SystemExit as e:
        return e.code
    except Exception as e:
        traceback.print_exception(type(e), e, _user_frames(e.__traceback__, path))
        return 1


def check():
    """``--check``: one line per private name tf1 touches; 1 if any is missing."""
    from tf1 import internals
    from tf1.estimator import real  # noqa: F401  (the Estimator set up as tf1 uses it)
    missing = 0
    for entry in internals.NAMES:
        where = "%s: %s (%s)" % (internals.installed(entry.library),
                                 internals.dotted(entry), entry.why)
        if entry.stand_in:
            print("stood in  " + where)
            continue
        try:
            internals.reach(entry)
        except internals.InternalsMovedError as e:
            missing += 1
            print("MISSING   %s: %s; tf1 supports %s" % (
                where, e.detail, internals.supported(entry.library)))
        else:
            print("ok        " + where)
    print("%d of %d private names missing" % (missing, len(internals.NAMES)))
    return 1 if missing else 0


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if not argv or argv[0] in ("-h", "--help"):
        print(USAGE, file=sys.stderr if not argv else sys.stdout)
        return 2 if not argv else 0
    if argv[0] == "--check":
        return check()
    if argv[0] == "--scan":
        if len(argv) < 2:
            print(USAGE, file=sys.stderr)
            return 2
        from tf1 import scan  # imports TensorFlow
        return scan.main(argv[1:], sys.stdout)
    return run_file(argv[0], argv[1:])


def console():
    """The ``tf1`` command: ``tf1 FILE`` is ``python -m tf1 FILE``."""
    sys.exit(main())


if __name__ == "__main__":
    console()
