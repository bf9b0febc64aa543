"""Kills ``cnn_mnist.py`` with SIGKILL at random moments and checks every rerun resumes.

SIGKILL gives no chance to save, and can land anywhere, in the middle of a
checkpoint save included. After each kill the script reruns ``cnn_mnist.py`` on the
same ``--model_dir`` and checks what it does:

* it restores the checkpoint the state file names when that reads whole (a
  newer one whose save was cut before the state file was written was never
  committed), or starts fresh only when there is no checkpoint; or
* it refuses in one line that names ``--restore_intact`` (the named checkpoint,
  or the state file, is damaged), and a rerun with that flag then restores the
  newest intact checkpoint.

Never a traceback, never a silent restart from step 0. Each rerun is itself
killed in the next round; a last rerun trains a few steps to the end.

The script saves every 10 minutes, so those kills land in start-up, restoring
and the first save. With ``--save_every N`` the runs are ``saving_cnn.py``
instead (the script's model, a checkpoint every N steps, an evaluation every 40
steps) and the kills are aimed in turn: at a random moment, a random few
milliseconds after a save begins, and a random moment after an evaluation
begins. Each kill is recorded with where it landed, read from the log the run
had written by then (a save, an evaluation, training, start-up).

    python benchmarks/kill_stress.py --data_dir ../shared/data/mnist --kills 30
    python benchmarks/kill_stress.py --data_dir ../shared/data/mnist --kills 45 --save_every 10

record their rounds in results/kill_stress.json and results/kill_stress_saves.json
(see report.py).
"""

import argparse
import collections
import os
import random
import re
import sys
import tempfile
import time

import harness
import report

ROOT = harness.ROOT

_RESTORED = re.compile(r"Restoring parameters from (\S+)")


def restore_points(model_dir):
    """{"committed": the step of the checkpoint the state file names, if it reads
    whole, "newest_intact": the step of the newest checkpoint that reads whole}.

    They differ after a kill between the writing of a checkpoint's files and of
    the state file, TensorFlow's commit: that save did not happen, and a rerun
    goes on from the committed one (``--restore_intact`` keeps to it too)."""
    from tf1.estimator import checkpoints  # imports TensorFlow
    return {"committed": _step(checkpoints.committed(model_dir)),
            "newest_intact": _step(checkpoints.newest_intact(model_dir))}


def _step(path):
    return int(path.rsplit("-", 1)[1]) if path else None


def expected(points, restore_intact=False):
    """What a rerun must do: resume from a step, start fresh (None), or refuse."""
    if points["committed"] is not None or points["newest_intact"] is None:
        return points["committed"]
    return points["newest_intact"] if restore_intact else "refused"


SAVE_BEGINS, SAVE_ENDS = "Saving checkpoints for ", "after saving checkpoint "
EVAL_BEGINS, EVAL_ENDS = "Starting evaluation at", "Finished evaluation at"


def command(data_dir, model_dir, steps, save_every=None, restore_intact=False):
    """The run: cnn_mnist.py, or with ``save_every`` saving_cnn.py."""
    if save_every:
        program = [os.path.join(harness.HERE, "saving_cnn.py"), "--save_every",
                   str(save_every)]
    else:
        program = [os.path.join(ROOT, "cnn_mnist.py"), "--log_every", "1000000"]
    return ([sys.executable] + program + ["--data_dir", data_dir, "--model_dir", model_dir,
            "--steps", str(steps)] + (["--restore_intact"] if restore_intact else []))


def one_run(run, kill):
    """Runs ``run`` once, SIGKILLed as ``kill`` says (None: to its end); returns
    (exit status, what it printed)."""
    kill = kill or {}
    done = harness.child(run, kill_after=kill.get("after"), kill_when=kill.get("when"),
                         merge=True)
    return done.status, done.out


def after(marker, count, delay):
    """A ``kill_when``: true ``delay`` s after the ``count``-th ``marker`` in the log."""
    seen = []

    def when(output):
        if not seen and output.count(marker) >= count:
            seen.append(time.monotonic())
        return bool(seen) and time.monotonic() - seen[0] >= delay
    return when


def aimed(rng, aim, kill_range):
    """The kill of one round, aimed at a random ``time``, a ``save`` or an ``evaluate``."""
    if aim == "time":
        after_s = rng.uniform(*kill_range)
        return {"aim": aim, "after": after_s, "record": {"kill_after_s": round(after_s, 2)}}
    # A save of this model takes some tens of milliseconds, an evaluation some tenths
    # of a second: the delays are drawn to land inside them often, not always.
    marker, count, delay = ((SAVE_BEGINS, rng.randint(1, 4), rng.uniform(0, 0.05))
                            if aim == "save" else
                            (EVAL_BEGINS, rng.randint(1, 2), rng.uniform(0, 0.4)))
    return {"aim": aim, "after": 300, "when": after(marker, count, delay),
            "record": {"delay_s": round(delay, 3), "nth": count}}


def landed(status, output):
    """Where the kill landed, read from the log the run had written by then."""
    if status != -9:
        return "not killed (ended with status %s)" % status
    if output.count(SAVE_BEGINS) > output.count(SAVE_ENDS):
        return "save"
    if output.count(EVAL_BEGINS) > output.count(EVAL_ENDS):
        return "evaluate"
    return "training" if SAVE_BEGINS in output else "start-up"


def judge(target, status, output):
    """What a rerun did, and whether that is right, given what it must do."""
    if "Traceback" in output:
        return "traceback", False
    refused = [line for line in output.splitlines() if line.startswith("error: ")]
    if status == 1 and refused:
        return ("refused: " + refused[-1][:160],
                target == "refused" and "--restore_intact" in refused[-1])
    restored = _RESTORED.search(output)
    fresh = output.find("Saving checkpoints for 0 ")
    if fresh >= 0 and (not restored or fresh < restored.start()):
        return "started fresh", target is None  # (a later evaluation restores)
    if restored:
        step = int(restored.group(1).rsplit("-", 1)[1])
        return "resumed from step %d" % step, step == target
    return "killed before restoring", True


def round_(runs, points, kill):
    """One kill, and the rerun that follows it (itself killed in the next round)."""
    status, output = one_run(runs(), kill)
    did, right = judge(expected(points), status, output)
    record = dict(kill["record"], aim=kill["aim"], landed=landed(status, output),
                  did=did, right=right, **points)
    if did.startswith("refused") and right:
        status, output = one_run(runs(restore_intact=True), kill)
        record["then"], record["right"] = judge(expected(points, True), status, output)
    return record


def stress(data_dir, model_dir, kills, kill_range, seed=0, final_steps=3, save_every=None):
    """``kills`` rounds, then a last rerun to the end; returns the rounds' records.

    Without ``save_every`` every kill is at a random time; with it, the kills are
    aimed at a random time, a save and an evaluation in turn."""
    rng = random.Random(seed)
    aims = ("time", "save", "evaluate") if save_every else ("time",)

    def runs(steps=10 ** 6, restore_intact=False):
        return command(data_dir, model_dir, steps, save_every, restore_intact)
    rounds = [round_(runs, restore_points(model_dir),
                     aimed(rng, aims[i % len(aims)], kill_range)) for i in range(kills)]
    points = restore_points(model_dir)
    status, output = one_run(runs(final_steps), None)
    did, right = judge(expected(points), status, output)
    if did.startswith("refused") and right:
        status, output = one_run(runs(final_steps, restore_intact=True), None)
        did, right = judge(expected(points, True), status, output)
    rounds.append(dict(points, final=True, did=did, right=right and status == 0))
    return rounds


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data_dir", required=True)
    parser.add_argument("--kills", type=int, default=30)
    parser.add_argument("--kill_min", type=float, default=2.0,
                        help="earliest random kill, seconds after start (default: "
                        "%(default)s)")
    parser.add_argument("--kill_max", type=float, default=25.0,
                        help="latest random kill, seconds after start (default: "
                        "%(default)s)")
    parser.add_argument("--save_every", type=int, default=None,
                        help="run saving_cnn.py, saving every this many steps, and aim "
                        "the kills at saves and evaluations too")
    parser.add_argument("--seed", type=int, default=0)
    flags = parser.parse_args(argv)
    model_dir = tempfile.mkdtemp(prefix="kill_stress_")
    started = time.time()
    rounds = stress(flags.data_dir, model_dir, flags.kills, (flags.kill_min, flags.kill_max),
                    flags.seed, save_every=flags.save_every)
    for r in rounds:
        print(r)
    args = [("DATA" if a == flags.data_dir else a) for a in (argv or sys.argv[1:])]
    right = sum(r["right"] for r in rounds)
    landings = collections.Counter(r["landed"] for r in rounds if "landed" in r)
    report.record("kill_stress_saves" if flags.save_every else "kill_stress", {
        "command": "python benchmarks/kill_stress.py " + " ".join(args),
        "rounds": rounds, "reruns": len(rounds), "resumed": right,
        "landed": dict(landings), "save_every": flags.save_every,
        "seconds": round(time.time() - started)})
    print("%d of %d reruns resumed as they should; kills landed: %s" % (
        right, len(rounds), dict(landings)))
    return 0 if right == len(rounds) else 1


if __name__ == "__main__":
    sys.exit(main())
