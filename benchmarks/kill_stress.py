"""Kills ``cnn_mnist.py`` with SIGKILL at random moments and checks every rerun resumes.

SIGKILL gives no chance to save, and can land anywhere, in the middle of a
checkpoint save included. After each kill the script reruns ``cnn_mnist.py`` on the
same ``--model_dir`` and checks what it does:

* it restores the newest intact checkpoint (found by reading every checkpoint in
  the folder), or starts fresh only when there is none; or
* it refuses in one line that names ``--restore_intact``, and a rerun with that
  flag then restores the newest intact checkpoint.

Never a traceback, never a silent restart from step 0. Each rerun is itself
killed in the next round; a last rerun trains a few steps to the end.

    python benchmarks/kill_stress.py --data_dir ../shared/data/mnist --kills 30

records its rounds in results/kill_stress.json (see report.py).
"""

import argparse
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


def newest_intact_step(model_dir):
    """The step of the newest checkpoint that reads whole, or None."""
    from tf1 import checkpoints  # imports TensorFlow
    path = checkpoints.newest_intact(model_dir)
    return int(path.rsplit("-", 1)[1]) if path else None


def one_run(data_dir, model_dir, steps, kill_after, restore_intact=False):
    """Runs cnn_mnist once, SIGKILLed after ``kill_after`` seconds (None: to its end).

    Returns (exit status, what it printed)."""
    done = harness.child(
        [sys.executable, os.path.join(ROOT, "cnn_mnist.py"), "--data_dir", data_dir,
         "--model_dir", model_dir, "--steps", str(steps), "--log_every", "1000000"]
        + (["--restore_intact"] if restore_intact else []), kill_after=kill_after, merge=True)
    return done.status, done.out


def judge(expected, status, output):
    """What a rerun did, and whether that is right, given the newest intact step."""
    if "Traceback" in output:
        return "traceback", False
    refused = [line for line in output.splitlines() if line.startswith("error: ")]
    if status == 1 and refused:
        return "refused: " + refused[-1][:160], "--restore_intact" in refused[-1]
    restored = _RESTORED.search(output)
    if restored:
        step = int(restored.group(1).rsplit("-", 1)[1])
        return "resumed from step %d" % step, step == expected
    if "Saving checkpoints for 0 " in output:
        return "started fresh", expected is None
    return "killed before restoring", True


def round_(data_dir, model_dir, kill_after):
    """One kill, and the rerun that follows it (itself killed in the next round)."""
    expected = newest_intact_step(model_dir)
    status, output = one_run(data_dir, model_dir, 10 ** 6, kill_after)
    did, right = judge(expected, status, output)
    record = {"kill_after_s": round(kill_after, 2), "newest_intact": expected,
              "did": did, "right": right}
    if did.startswith("refused") and right:
        status, output = one_run(data_dir, model_dir, 10 ** 6, kill_after,
                                 restore_intact=True)
        record["then"], record["right"] = judge(expected, status, output)
    return record


def stress(data_dir, model_dir, kills, kill_range, seed=0, final_steps=3):
    """``kills`` rounds, then a last rerun to the end; returns the rounds' records."""
    rng = random.Random(seed)
    rounds = [round_(data_dir, model_dir, rng.uniform(*kill_range)) for _ in range(kills)]
    expected = newest_intact_step(model_dir)
    status, output = one_run(data_dir, model_dir, final_steps, None)
    did, right = judge(expected, status, output)
    if did.startswith("refused") and right:
        status, output = one_run(data_dir, model_dir, final_steps, None, restore_intact=True)
        did, right = judge(expected, status, output)
    rounds.append({"final": True, "newest_intact": expected, "did": did,
                   "right": right and status == 0})
    return rounds


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data_dir", required=True)
    parser.add_argument("--kills", type=int, default=30)
    parser.add_argument("--kill_min", type=float, default=2.0,
                        help="earliest kill, seconds after start (default: %(default)s)")
    parser.add_argument("--kill_max", type=float, default=25.0,
                        help="latest kill, seconds after start (default: %(default)s)")
    parser.add_argument("--seed", type=int, default=0)
    flags = parser.parse_args(argv)
    model_dir = tempfile.mkdtemp(prefix="kill_stress_")
    started = time.time()
    rounds = stress(flags.data_dir, model_dir, flags.kills, (flags.kill_min, flags.kill_max),
                    flags.seed)
    for r in rounds:
        print(r)
    args = [("DATA" if a == flags.data_dir else a) for a in (argv or sys.argv[1:])]
    right = sum(r["right"] for r in rounds)
    report.record("kill_stress", {
        "command": "python benchmarks/kill_stress.py " + " ".join(args),
        "rounds": rounds, "reruns": len(rounds), "resumed": right,
        "seconds": round(time.time() - started)})
    print("%d of %d reruns resumed as they should" % (right, len(rounds)))
    return 0 if right == len(rounds) else 1


if __name__ == "__main__":
    sys.exit(main())
