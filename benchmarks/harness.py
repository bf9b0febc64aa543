"""What every benchmark here measures with, each in one place.

* :func:`settings`: a script's own defaults (its document's hyperparameters);
* :class:`Clock` and :func:`timed`: wall and process CPU time of training steps;
* :func:`rounds` and :func:`compare`: sides measured in turn, round after round,
  and the medians of their per-round ratios;
* :func:`child`: a whole process, with its exit status, output, wall time, CPU
  time and peak memory.

NumPy-free and TensorFlow-free, so that a contender's own venv can import it.
The scripts and tf1 are imported as installed (``pip install -r requirements.txt``).
"""

import argparse
import ast
import collections
import functools
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SCRIPTS = ("mnist_softmax", "deep_mnist", "cnn_mnist")


@functools.lru_cache(maxsize=None)
def settings(script):
    """``script``'s command-line defaults, ``SCRIPT.parse_args([])``, read in a process
    of its own: this one stays free of TensorFlow, whose memory a child would count
    as its own (Linux keeps the parent's peak in a forked child's ``ru_maxrss``)."""
    code = "import json, %s as s; print(json.dumps(vars(s.parse_args([]))))" % script
    done = child([sys.executable, "-c", code], cwd=ROOT)
    if done.status:
        raise RuntimeError("%s.parse_args([]) failed:\n%s" % (script, done.err))
    return argparse.Namespace(**json.loads(done.out.splitlines()[-1]))


class Clock(object):
    """Wall and process CPU time of the steps after the first ``skip``.

    ``tick()`` after every step. Skipping the first steps leaves out one-off costs
    (a fresh session's first runs, an input pipeline's start) on every side alike.
    """

    def __init__(self, skip=0):
        self.skip, self.ticks = skip, 0
        self.start = self.end = (time.perf_counter(), time.process_time())

    def tick(self):
        self.ticks += 1
        now = (time.perf_counter(), time.process_time())
        if self.ticks <= self.skip:
            self.start = now
        self.end = now

    def result(self, batch_size):
        """{"images_per_s", "cpu_s_per_image", "steps"} over the timed steps."""
        steps = max(self.ticks - self.skip, 0)
        images = steps * batch_size
        wall, cpu = (self.end[i] - self.start[i] for i in (0, 1))
        return {"images_per_s": images / wall if images else float("nan"),
                "cpu_s_per_image": cpu / images if images else float("nan"),
                "steps": steps}


def timed(step, steps, skip, batch_size):
    """Runs ``step()`` ``skip + steps`` times; the last ``steps`` timed (Clock.result)."""
    clock = Clock(skip)
    for _ in range(skip + steps):
        step()
        clock.tick()
    return clock.result(batch_size)


def rounds(sides, count, measure, say=print):
    """Measures every side once a round, ``count`` rounds, the order rotated each
    round (no side always first); returns {side: [measure(side), ...]}."""
    sides = list(sides)
    found = {side: [] for side in sides}
    for r in range(count):
        for side in sides[r % len(sides):] + sides[:r % len(sides)]:
            found[side].append(measure(side))
        say("  round %d: %s" % (r + 1, ", ".join(
            "%s %s" % (side, _brief(found[side][-1])) for side in sides)))
    return found


def _brief(result):
    if not result:
        return "failed"
    return ", ".join("%s %.3g" % (k, v) for k, v in sorted(result.items())
                     if isinstance(v, float))


def compare(a, b, key="images_per_s", cpu_key="cpu_s_per_image"):
    """Side ``a`` against ``b``, from the rounds both completed: the medians of each,
    the median of the per-round ratios a / b, and (where measured) of the ratios of
    CPU time b / a (per image, or per run of the same steps), which time stolen by
    other guests does not inflate."""
    pairs = [(x, y) for x, y in zip(a, b) if x and y and x[key] and y[key]]
    if not pairs:
        return None
    found = {"a": statistics.median(x[key] for x, _ in pairs),
             "b": statistics.median(y[key] for _, y in pairs),
             "ratio": statistics.median(x[key] / y[key] for x, y in pairs),
             "rounds": len(pairs)}
    if all(cpu_key in x and cpu_key in y for x, y in pairs):
        found["cpu_ratio"] = statistics.median(y[cpu_key] / x[cpu_key] for x, y in pairs)
    return found


Child = collections.namedtuple("Child", "status out err peak_mb wall_s cpu_s")

# Forks and runs the command, then writes its exit status, peak memory, wall and CPU
# time to the pipe. It stands between us and the command because Linux counts in a
# child's peak memory (ru_maxrss) the peak of the process it was forked from: here,
# a fresh interpreter of about 10 MB, not this one, which may hold TensorFlow.
_LAUNCHER = """
import os, sys, time
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    try:
        os.execvp(sys.argv[2], sys.argv[2:])
    except OSError as error:
        print("cannot run %s: %s" % (sys.argv[2], error), file=sys.stderr, flush=True)
    os._exit(127)
_, status, usage = os.wait4(pid, 0)
os.write(int(sys.argv[1]), repr((os.waitstatus_to_exitcode(status), usage.ru_maxrss / 1024,
         time.perf_counter() - start, usage.ru_utime + usage.ru_stime)).encode())
"""


def child(command, env=None, cwd=None, kill_after=None, merge=False, kill_when=None):
    """Runs ``command`` to its end, or SIGKILLs it after ``kill_after`` seconds, or
    as soon as ``kill_when(output so far)`` is true (checked every few ms).

    Returns a Child: exit status, stdout, stderr (in ``out`` if ``merge``), the
    peak resident memory in MB, wall and CPU seconds of that process alone (None
    for the last three if it was killed).
    """
    read, write = os.pipe()
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        proc = subprocess.Popen([sys.executable, "-c", _LAUNCHER, str(write)] + command,
                                stdout=out, stderr=out if merge else err, env=env,
                                cwd=cwd, pass_fds=(write,), process_group=0)
        os.close(write)
        kill = functools.partial(_kill_group, proc.pid)
        killer = threading.Timer(kill_after, kill) if kill_after else None
        watcher = threading.Thread(target=_watch, args=(proc, out, kill_when, kill),
                                   daemon=True) if kill_when else None
        try:
            for thread in filter(None, (killer, watcher)):
                thread.start()
            with os.fdopen(read, "rb") as pipe:
                measured = pipe.read()
            proc.wait()
        finally:
            if killer:
                killer.cancel()
            if proc.poll() is None:
                kill()
        status, peak, wall, cpu = (ast.literal_eval(measured.decode()) if measured
                                   else (proc.returncode, None, None, None))
        out.seek(0)
        err.seek(0)
        return Child(status, out.read(), err.read(), peak, wall, cpu)


def _kill_group(pid):
    try:
        os.killpg(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass  # it has ended already


def _watch(proc, out, kill_when, kill):
    """Calls ``kill()`` once ``kill_when`` is true of what ``proc`` wrote to ``out``."""
    while proc.poll() is None:
        written = os.pread(out.fileno(), 1 << 26, 0).decode(errors="replace")
        if kill_when(written):
            kill()
            return
        time.sleep(0.002)


def import_peak_mb(python=sys.executable):
    """Peak memory of a bare ``import tensorflow`` under ``python``, or None."""
    done = child([python, "-c", "import tensorflow"])
    return round(done.peak_mb) if done.status == 0 else None


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
