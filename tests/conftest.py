"""Shared fixtures: a small, learnable, synthetic MNIST in real IDX files.

Each class is a distinct random binary pattern plus noise, so a model that
learns anything separates the classes; a few dozen training steps must beat
chance (10%) by a wide margin. Nothing here touches the network.
"""

import ast
import gzip
import os
import struct
import sys

import numpy as np
import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

from tf1 import input_data  # noqa: E402

NUM_TRAIN = 5600  # 5,000 go to validation, as in read_data_sets' default split
NUM_TEST = 500


def idx_images_bytes(images):
    """The IDX encoding of a uint8 array [n, rows, cols]."""
    images = np.asarray(images, dtype=np.uint8)
    n, rows, cols = images.shape
    return struct.pack(">IIII", input_data.IMAGE_MAGIC, n, rows, cols) + images.tobytes()


def idx_labels_bytes(labels):
    """The IDX encoding of a uint8 vector of labels."""
    labels = np.asarray(labels, dtype=np.uint8)
    return struct.pack(">II", input_data.LABEL_MAGIC, len(labels)) + labels.tobytes()


def make_examples(n, rng, prototypes):
    labels = rng.randint(0, 10, size=n).astype(np.uint8)
    noise = rng.randint(0, 60, size=(n, 28, 28))
    images = np.clip(prototypes[labels] * 190 + noise, 0, 255).astype(np.uint8)
    return images, labels


def write_mnist(directory, gz=True, num_train=NUM_TRAIN, num_test=NUM_TEST, seed=0):
    """Writes the four MNIST files (gzipped or not) into ``directory``.

    Returns {file name (with .gz): raw IDX bytes}.
    """
    rng = np.random.RandomState(seed)
    prototypes = (rng.rand(10, 28, 28) > 0.75).astype(np.int64)
    train_images, train_labels = make_examples(num_train, rng, prototypes)
    test_images, test_labels = make_examples(num_test, rng, prototypes)
    contents = {
        input_data.TRAIN_IMAGES: idx_images_bytes(train_images),
        input_data.TRAIN_LABELS: idx_labels_bytes(train_labels),
        input_data.TEST_IMAGES: idx_images_bytes(test_images),
        input_data.TEST_LABELS: idx_labels_bytes(test_labels),
    }
    os.makedirs(directory, exist_ok=True)
    for name, data in contents.items():
        if gz:
            with open(os.path.join(directory, name), "wb") as f:
                f.write(gzip.compress(data, compresslevel=1, mtime=0))
        else:
            with open(os.path.join(directory, name[:-3]), "wb") as f:
                f.write(data)
    return contents


def assert_layers_guide_output(records, printed, final_step, probability_logs):
    """Checks the log lines and the printed dict of a run of the layers guide's main.

    Args:
      records: the ``tensorflow`` logger's records of the run.
      printed: the last line the run printed, the evaluation dict.
      final_step: the global step training ended at.
      probability_logs: how many times the logging hook logged probabilities.

    Returns:
      The printed evaluation dict.
    """
    results = ast.literal_eval(printed)
    assert list(results) == ["accuracy", "loss", "global_step"]
    assert results["global_step"] == final_step
    messages = [r.getMessage() for r in records]
    # TensorFlow's Estimator logs the step its loss was computed at: 0 first.
    assert any(m.startswith("loss = ") and m.endswith(", step = 0") for m in messages)
    assert sum(m.startswith("probabilities = [[") for m in messages) == probability_logs
    assert any(m.startswith("Loss for final step: ") for m in messages)
    assert any(m.startswith("Saving dict for global step %d: accuracy = %s, global_step = %d, "
                            "loss = " % (final_step, results["accuracy"], final_step))
               for m in messages)
    return results


def seed_default_run_config(monkeypatch, seed):
    """Makes the RunConfig an Estimator builds when given none seeded, for a test
    that runs a document's code (which passes no config) to fixed thresholds."""
    from tf1 import estimator_compat  # noqa: F401  (imports the package)
    from tensorflow_estimator.python.estimator import run_config

    class SeededRunConfig(run_config.RunConfig):
        def __init__(self, **kwargs):
            kwargs.setdefault("tf_random_seed", seed)
            super().__init__(**kwargs)

    monkeypatch.setattr(run_config, "RunConfig", SeededRunConfig)


@pytest.fixture(scope="session")
def mnist_dir(tmp_path_factory):
    """A folder holding a gzipped synthetic MNIST; read it, do not write to it."""
    directory = str(tmp_path_factory.mktemp("mnist"))
    write_mnist(directory)
    return directory


@pytest.fixture(autouse=True)
def _no_ambient_data_dir(monkeypatch):
    """Tests see only the data folders they name."""
    monkeypatch.delenv("MNIST_DATA_DIR", raising=False)
