"""One trainer per ``model_dir``: an exclusive OS lock on a file in the folder.

Two runs training into one folder overwrite each other's checkpoints. The
trainer holds ``fcntl.flock`` on ``model_dir/.trainer.lock`` for as long as it
trains; the operating system drops the lock when the process ends, however it
ends (SIGKILL included), so a stale lock cannot outlive its holder. The file
names the holder (pid and start time) for the message the next one gets.
Readers (evaluation, prediction, TensorBoard) never take it. No TensorFlow here.
"""

import fcntl
import os
import time

from tf1.errors import Error

LOCK_FILE = ".trainer.lock"

# realpath of model_dir -> open file holding its lock, for this process's trainers:
# a second train() in the same process (IPython, say) goes on under the same lock.
_HELD = {}


class ModelDirBusyError(Error, OSError):
    """Another process is training into the same ``model_dir``."""


def _holder(handle):
    handle.seek(0)
    return handle.read().strip() or "another process"


def acquire(model_dir):
    """Takes the training lock on ``model_dir`` for this process, or raises
    ModelDirBusyError naming the process that holds it. Creates the folder."""
    key = os.path.realpath(model_dir)
    if key in _HELD:
        return
    os.makedirs(model_dir, exist_ok=True)
    handle = open(os.path.join(model_dir, LOCK_FILE), "a+")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        holder = _holder(handle)
        handle.close()
        raise ModelDirBusyError(
            "model_dir %s is in use: %s is training into it. Wait for it to end, "
            "or pass another --model_dir" % (model_dir, holder)) from None
    handle.seek(0)
    handle.truncate()
    handle.write("pid %d (started %s)\n" % (os.getpid(), time.strftime(
        "%Y-%m-%d %H:%M:%S", time.localtime(_start_time()))))
    handle.flush()
    _HELD[key] = handle


def release(model_dir):
    """Gives up this process's training lock on ``model_dir``, if it holds it."""
    handle = _HELD.pop(os.path.realpath(model_dir), None)
    if handle is not None:
        handle.close()  # closing the file drops the lock


def _start_time():
    """When this process started (seconds since the epoch)."""
    try:
        with open("/proc/self/stat") as f:
            ticks = int(f.read().rpartition(")")[2].split()[19])
        with open("/proc/stat") as f:
            boot = next(int(line.split()[1]) for line in f if line.startswith("btime"))
        return boot + ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, StopIteration):
        return time.time()
