"""The benchmarks' harness measures what it says, and their runners train the scripts'
own graphs at the scripts' own settings (figures themselves are not tested here)."""

import json
import os
import subprocess
import sys

import pytest

import cnn_mnist
import deep_mnist
import mnist_softmax
from tf1 import input_data

import harness
import peers

ROOT = harness.ROOT


def python(code):
    return [sys.executable, "-c", code]


def test_child_reports_its_own_peak_memory_not_this_processs():
    held = b"x" * (400 << 20)  # this process (TensorFlow in it too) is the larger
    small = harness.child(python("print('hi')"))
    big = harness.child(python("import sys; b = b'x' * (300 << 20); "
                               "sys.stderr.write('done')"))
    assert small.status == 0 and small.out == "hi\n"
    assert big.status == 0 and big.err == "done" and big.out == ""
    assert small.peak_mb < 100 and 300 < big.peak_mb < 400 and len(held)
    assert big.wall_s > 0 and big.cpu_s > 0


def test_child_merges_output_and_is_killed_on_time():
    merged = harness.child(python("import sys; print('out', flush=True); "
                                  "sys.stderr.write('err'); sys.exit(3)"), merge=True)
    assert merged.status == 3 and merged.out == "out\nerr"
    killed = harness.child(python("import time; time.sleep(60)"), kill_after=0.5)
    assert killed.status == -9 and killed.peak_mb is None
    missing = harness.child(["no-such-program-here"])
    assert missing.status == 127 and "no-such-program-here" in missing.err


def test_rounds_rotate_the_order_and_compare_pairs_rounds():
    order = []

    def measure(side):
        order.append(side)
        return {"images_per_s": {"a": 200.0, "b": 100.0, "c": 50.0}[side],
                "cpu_s_per_image": {"a": 1.0, "b": 3.0, "c": 4.0}[side]}
    found = harness.rounds("abc", 3, measure, say=lambda line: None)
    assert order == list("abc" "bca" "cab")
    r = harness.compare(found["a"], found["b"])
    assert r == {"a": 200.0, "b": 100.0, "ratio": 2.0, "rounds": 3, "cpu_ratio": 3.0}
    assert harness.compare(found["a"], [None, None, found["c"][0]])["rounds"] == 1
    assert harness.compare([None], [None]) is None


def test_clock_times_only_the_steps_after_skip():
    clock = harness.Clock(skip=2)
    for _ in range(5):
        clock.tick()
    assert clock.result(10)["steps"] == 3
    assert harness.timed(lambda: None, 4, 1, 10)["steps"] == 4


@pytest.mark.parametrize("script", [mnist_softmax, deep_mnist, cnn_mnist])
def test_settings_are_the_scripts_own_defaults(script):
    assert harness.settings(script.__name__) == script.parse_args([])


def test_runners_train_the_scripts_graphs(mnist_dir):
    import ours
    one_hot = input_data.read_data_sets(mnist_dir, one_hot=True, seed=1)
    plain = input_data.load_dataset("mnist", data_dir=mnist_dir, seed=1)
    runners = [ours.FeedDictRunner("mnist_softmax", one_hot),
               ours.FeedDictRunner("deep_mnist", one_hot),
               ours.EstimatorRunner(plain), ours.PlainSessionRunner(plain)]
    for runner in runners:
        result = runner.run(3, 1)
        assert result["steps"] == 3 and result["images_per_s"] > 0
    assert [r.batch_size for r in runners] == [100, 50, 100, 100]


@pytest.mark.parametrize("framework", ["ours", "keras3"])
def test_peer_worker_prints_one_json_line(mnist_dir, framework):
    out = subprocess.run(
        [sys.executable, os.path.join(ROOT, "benchmarks", "peer_worker.py"), "--framework",
         framework, "--script", "mnist_softmax", "--batch_size", "100", "--learning_rate",
         "0.5", "--data_dir", mnist_dir, "--steps", "4", "--warmup", "2"],
        capture_output=True, text=True, check=True).stdout
    result = json.loads(out.strip().splitlines()[-1])
    assert result["framework"] == framework and result["steps"] == 4
    assert result["images_per_s"] > 0 and result["peak_rss_mb"] > 0


def test_guide_program_for_tf215_is_the_document_file_edited(tmp_path):
    path = peers.guide_program(7, str(tmp_path / "model"))
    with open(path) as f:
        source = f.read()
    compile(source, path, "exec")
    assert "import tensorflow.compat.v1 as tf" in source and "tf.contrib" not in source
    assert "steps=7" in source and repr(str(tmp_path / "model")) in source
    with open(peers.GUIDE) as f:
        original = f.read().splitlines()
    kept = [line for line in original if line in source.splitlines()]
    assert len(original) - len(kept) == 4  # the import, the data, the steps, the folder


def test_tf1_numbers_counts_the_first_steps_that_agree(mnist_dir):
    import tf1_numbers
    assert tf1_numbers.steps_within([1.0, 2.0, 3.1], [1.0, 2.0000001, 3.0], 1e-6) == 2
    assert tf1_numbers.steps_within([1.0, 2.0], [1.0, 2.0], 1e-6) == 2
    program = os.path.join(tf1_numbers.PROGRAMS, "seeded_softmax.py")
    found = tf1_numbers.losses([sys.executable, "-m", "tf1", program, mnist_dir, "5", "1"])
    assert len(found) == 5 and found[0] == pytest.approx(2.30259, rel=1e-5)
