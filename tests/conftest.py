"""Shared fixtures: a small, learnable, synthetic MNIST in real IDX files.

Each class is a distinct random binary pattern plus noise, so a model that
learns anything separates the classes; a few dozen training steps must beat
chance (10%) by a wide margin. Nothing here touches the network.
"""

import ast
import gzip
import hashlib
import http.server
import os
import shutil
import struct
import sys
import threading
import time

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


def copy_mnist(mnist_dir, tmp_path):
    """A writable copy of the synthetic MNIST folder; returns its path."""
    target = os.path.join(str(tmp_path), "data")
    shutil.copytree(mnist_dir, target)
    return target


def rewrite_gz(directory, name, data):
    """Replaces ``name`` in ``directory`` by the gzip of ``data``."""
    with open(os.path.join(directory, name), "wb") as f:
        f.write(gzip.compress(data, mtime=0))


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


class Server:
    """An HTTP server on 127.0.0.1 serving {path: bytes}; records each request.

    With ``cut_short``, it announces each file's full length but closes the
    connection halfway through the body, as an interrupted transfer does. With
    ``drip``, it sends one byte every 0.1 s (for 10 s at most); with ``endless``,
    64 KiB blocks with no length announced (64 MiB at most).
    """

    def __init__(self, routes, cut_short=False, drip=False, endless=False):
        self.routes = routes
        self.requests = []
        server = self

        def send_body(wfile, body):
            if drip:
                for i in range(min(len(body), 100)):
                    wfile.write(body[i:i + 1])
                    wfile.flush()
                    time.sleep(0.1)
            elif endless:
                for _ in range(1024):
                    wfile.write(b"\0" * 65536)
            else:
                wfile.write(body[:len(body) // 2] if cut_short else body)

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                server.requests.append(self.path)
                body = server.routes.get(self.path)
                if body is None:
                    self.send_error(404)
                    return
                self.send_response(200)
                if not endless:
                    self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                try:
                    send_body(self.wfile, body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up, as it should

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = "http://127.0.0.1:%d" % self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture(scope="module")
def served_files(tmp_path_factory):
    """{name: gz bytes} and {name: sha256} of a synthetic MNIST to serve."""
    directory = tmp_path_factory.mktemp("served")
    write_mnist(str(directory), seed=1)
    blobs = {name: (directory / name).read_bytes() for name in input_data.FILES}
    sha256s = {name: hashlib.sha256(blob).hexdigest() for name, blob in blobs.items()}
    return blobs, sha256s
