"""Tests of tf1.input_data: reading, validating, batching and downloading MNIST."""

import gzip
import hashlib
import http.server
import os
import shutil
import signal
import socket
import stat
import struct
import subprocess
import sys
import threading
import time

import numpy as np
import pytest

from conftest import ROOT, idx_images_bytes, idx_labels_bytes, write_mnist
from tf1 import input_data

FILES = input_data.FILES


# ---------------------------------------------------------------------------
# Reading
# ---------------------------------------------------------------------------

def test_read_data_sets_split_dtype_and_range(mnist_dir):
    data = input_data.read_data_sets(mnist_dir)
    assert data.train.num_examples == 600
    assert data.validation.num_examples == 5000
    assert data.test.num_examples == 500
    assert data.train.images.shape == (600, 784)
    assert data.train.images.dtype == np.float32
    assert 0.0 <= data.train.images.min() and data.train.images.max() <= 1.0
    assert data.train.images.max() > 0.9
    assert data.train.labels.dtype == np.uint8
    assert set(np.unique(data.test.labels)) <= set(range(10))


def test_validation_is_the_first_training_examples(mnist_dir, tmp_path):
    contents = write_mnist(str(tmp_path), gz=False)
    raw = np.frombuffer(contents[input_data.TRAIN_IMAGES], np.uint8, offset=16)
    raw = raw.reshape(-1, 784)
    data = input_data.read_data_sets(str(tmp_path), dtype=np.uint8, validation_size=100)
    np.testing.assert_array_equal(data.validation.images, raw[:100])
    np.testing.assert_array_equal(data.train.images, raw[100:])


def test_one_hot_labels(mnist_dir):
    dense = input_data.read_data_sets(mnist_dir).test.labels
    one_hot = input_data.read_data_sets(mnist_dir, one_hot=True).test.labels
    assert one_hot.shape == (500, 10)
    np.testing.assert_array_equal(one_hot.argmax(axis=1), dense)
    np.testing.assert_array_equal(one_hot.sum(axis=1), 1)


def test_uncompressed_files_load_the_same(mnist_dir, tmp_path):
    write_mnist(str(tmp_path), gz=False)
    assert sorted(os.listdir(tmp_path)) == sorted(f[:-3] for f in FILES)
    raw = input_data.read_data_sets(str(tmp_path))
    gz = input_data.read_data_sets(mnist_dir)
    np.testing.assert_array_equal(raw.train.images, gz.train.images)
    np.testing.assert_array_equal(raw.test.labels, gz.test.labels)


def test_uint8_and_unflattened(mnist_dir):
    data = input_data.read_data_sets(mnist_dir, dtype=np.uint8, reshape=False)
    assert data.train.images.dtype == np.uint8
    assert data.train.images.shape == (600, 28, 28, 1)
    assert data.train.images.max() > 200
    data.train.images[0, 0, 0, 0] = 7  # an ordinary, writable array


def test_tensorflow_dtype_accepted(mnist_dir):
    class FakeTFDType:  # what tf.float32 offers: as_numpy_dtype
        as_numpy_dtype = np.float32
    data = input_data.read_data_sets(mnist_dir, dtype=FakeTFDType())
    assert data.test.images.dtype == np.float32
    with pytest.raises(TypeError, match="dtype"):
        input_data.read_data_sets(mnist_dir, dtype=np.int32)


def test_validation_size_out_of_range(mnist_dir):
    with pytest.raises(input_data.BadFileError,
                       match="holds 5600 images, fewer than the 6000 split off"):
        input_data.read_data_sets(mnist_dir, validation_size=6000)


def test_extract_helpers_take_file_objects(mnist_dir):
    with open(os.path.join(mnist_dir, input_data.TEST_IMAGES), "rb") as f:
        images = input_data.extract_images(f)
    with open(os.path.join(mnist_dir, input_data.TEST_LABELS), "rb") as f:
        labels = input_data.extract_labels(f, one_hot=True)
    assert images.shape == (500, 28, 28, 1) and images.dtype == np.uint8
    assert labels.shape == (500, 10)


def test_dense_to_one_hot():
    np.testing.assert_array_equal(
        input_data.dense_to_one_hot(np.array([0, 3, 9]), 10),
        np.eye(10)[[0, 3, 9]])


def test_fake_data():
    data = input_data.read_data_sets("", fake_data=True, one_hot=True)
    images, labels = data.train.next_batch(3, fake_data=True)
    assert len(images) == 3 and len(images[0]) == 784
    assert labels[0] == [1] + [0] * 9


def test_load_dataset_mnist(mnist_dir, monkeypatch):
    data = input_data.load_dataset("mnist", data_dir=mnist_dir)
    assert data.train.images.shape == (600, 784)
    assert data.train.labels.ndim == 1
    monkeypatch.setenv("MNIST_DATA_DIR", mnist_dir)
    assert input_data.load_dataset("mnist").test.num_examples == 500
    with pytest.raises(ValueError, match="not known"):
        input_data.load_dataset("iris")


# ---------------------------------------------------------------------------
# Bad files: each is refused with an error that names the file and the fault
# ---------------------------------------------------------------------------

def _copy(mnist_dir, tmp_path):
    target = str(tmp_path / "data")
    shutil.copytree(mnist_dir, target)
    return target


def _rewrite(directory, name, data, gz=True):
    with open(os.path.join(directory, name), "wb") as f:
        f.write(gzip.compress(data, mtime=0) if gz else data)


@pytest.mark.parametrize("name, make_bad, fault", [
    (input_data.TRAIN_IMAGES, lambda raw: raw[:-1000], r"truncated: the header declares"),
    (input_data.TEST_IMAGES, lambda raw: raw + b"\0" * 784, r"longer than its header says"),
    (input_data.TEST_IMAGES, lambda raw: raw[:10], r"shorter than the 16-byte IDX header"),
    (input_data.TEST_LABELS, lambda raw: raw[:-1], r"truncated"),
    (input_data.TRAIN_LABELS,
     lambda raw: struct.pack(">I", input_data.IMAGE_MAGIC) + raw[4:],
     r"invalid magic number 2051 in MNIST label file, expected 2049 \(this is an image"),
    (input_data.TEST_IMAGES, lambda raw: b"\x00\x00\x09\x99" + raw[4:],
     r"invalid magic number 2457 in MNIST image file"),
])
def test_bad_idx_content_is_refused(mnist_dir, tmp_path, name, make_bad, fault):
    directory = _copy(mnist_dir, tmp_path)
    with gzip.open(os.path.join(directory, name), "rb") as f:
        raw = f.read()
    _rewrite(directory, name, make_bad(raw))
    with pytest.raises(input_data.BadFileError, match=fault) as info:
        input_data.read_data_sets(directory)
    assert os.path.join(directory, name) in str(info.value)


def test_label_out_of_range_is_refused(mnist_dir, tmp_path):
    directory = _copy(mnist_dir, tmp_path)
    labels = np.zeros(500, np.uint8)
    labels[17] = 12
    _rewrite(directory, input_data.TEST_LABELS, idx_labels_bytes(labels))
    with pytest.raises(input_data.BadFileError,
                       match=r"t10k-labels-idx1-ubyte.gz: label 12 at index 17 is out of "
                             r"range: labels must be 0..9"):
        input_data.read_data_sets(directory)


def test_image_and_label_counts_must_agree(mnist_dir, tmp_path):
    directory = _copy(mnist_dir, tmp_path)
    _rewrite(directory, input_data.TEST_LABELS, idx_labels_bytes(np.zeros(499, np.uint8)))
    with pytest.raises(input_data.BadFileError,
                       match=r"t10k-images-idx3-ubyte.gz holds 500 images but .*"
                             r"t10k-labels-idx1-ubyte.gz holds 499 labels"):
        input_data.read_data_sets(directory)


def test_not_gzip_is_refused(mnist_dir, tmp_path):
    directory = _copy(mnist_dir, tmp_path)
    with open(os.path.join(directory, input_data.TRAIN_LABELS), "wb") as f:
        f.write(b"<html>403 Forbidden</html>")
    with pytest.raises(input_data.BadFileError,
                       match=r"train-labels-idx1-ubyte.gz: not a gzip file"):
        input_data.read_data_sets(directory)


def test_truncated_gzip_is_refused(mnist_dir, tmp_path):
    directory = _copy(mnist_dir, tmp_path)
    path = os.path.join(directory, input_data.TEST_IMAGES)
    with open(path, "rb") as f:
        data = f.read()
    with open(path, "wb") as f:
        f.write(data[: len(data) // 2])
    with pytest.raises(input_data.BadFileError,
                       match=r"t10k-images-idx3-ubyte.gz: the gzip stream is truncated"):
        input_data.read_data_sets(directory)


def test_corrupt_gzip_is_refused(mnist_dir, tmp_path):
    directory = _copy(mnist_dir, tmp_path)
    path = os.path.join(directory, input_data.TEST_IMAGES)
    with open(path, "rb") as f:
        data = bytearray(f.read())
    data[200:260] = b"\xff" * 60
    with open(path, "wb") as f:
        f.write(bytes(data))
    with pytest.raises(input_data.BadFileError, match=r"t10k-images-idx3-ubyte.gz: corrupt"):
        input_data.read_data_sets(directory)


# ---------------------------------------------------------------------------
# DataSet.next_batch
# ---------------------------------------------------------------------------

def _ids_dataset(n, seed=None):
    images = np.arange(n, dtype=np.uint8).reshape(n, 1, 1, 1)
    return input_data.DataSet(images, np.arange(n), dtype=np.uint8, seed=seed)


def test_every_example_exactly_once_per_epoch():
    ds = _ids_dataset(10, seed=3)
    seen = np.concatenate([ds.next_batch(5)[1] for _ in range(2)])
    assert sorted(seen) == list(range(10))
    assert ds.epochs_completed == 0
    seen = np.concatenate([ds.next_batch(5)[1] for _ in range(2)])
    assert sorted(seen) == list(range(10))
    assert ds.epochs_completed == 1


def test_batch_across_epoch_boundary_is_rest_of_old_plus_start_of_new():
    ds = _ids_dataset(10, seed=5)
    first = np.concatenate([ds.next_batch(4)[1] for _ in range(2)])  # 8 of epoch 1
    crossing = ds.next_batch(4)[1]
    assert ds.epochs_completed == 1
    assert sorted(np.concatenate([first, crossing[:2]])) == list(range(10))
    # the next batches finish epoch 2 with the 8 examples not yet seen in it
    rest = np.concatenate([ds.next_batch(4)[1] for _ in range(2)])
    assert sorted(np.concatenate([crossing[2:], rest])) == list(range(10))


def test_images_and_labels_stay_paired():
    ds = _ids_dataset(12, seed=1)
    for _ in range(7):
        images, labels = ds.next_batch(5)
        np.testing.assert_array_equal(images.ravel(), labels)


def test_no_shuffle_is_sequential():
    ds = _ids_dataset(5)
    assert list(ds.next_batch(3, shuffle=False)[1]) == [0, 1, 2]
    assert list(ds.next_batch(3, shuffle=False)[1]) == [3, 4, 0]


def test_seed_fixes_the_order():
    a, b, c = _ids_dataset(50, seed=7), _ids_dataset(50, seed=7), _ids_dataset(50, seed=8)
    order_a = [list(a.next_batch(20)[1]) for _ in range(5)]
    assert order_a == [list(b.next_batch(20)[1]) for _ in range(5)]
    assert order_a != [list(c.next_batch(20)[1]) for _ in range(5)]


def test_batch_size_larger_than_the_set_is_refused():
    with pytest.raises(ValueError, match="batch_size must be between 1 and"):
        _ids_dataset(5).next_batch(6)


# ---------------------------------------------------------------------------
# Downloading, against a server on 127.0.0.1
# ---------------------------------------------------------------------------

class _Server:
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
    blobs = {name: (directory / name).read_bytes() for name in FILES}
    sha256s = {name: hashlib.sha256(blob).hexdigest() for name, blob in blobs.items()}
    return blobs, sha256s


def test_download_fetches_all_files(tmp_path, served_files):
    blobs, sha256s = served_files
    routes = {"/mnist/" + name: blob for name, blob in blobs.items()}
    target = str(tmp_path / "new" / "dir")
    with _Server(routes) as server:
        data = input_data.read_data_sets(target, source_url=server.url + "/mnist/",
                                         sha256sums=sha256s)
    assert data.test.num_examples == 500
    assert sorted(os.listdir(target)) == sorted(FILES)
    for name in FILES:
        assert (tmp_path / "new" / "dir" / name).read_bytes() == blobs[name]


def test_download_only_missing_files(tmp_path, served_files):
    blobs, sha256s = served_files
    for name in FILES[:3]:
        (tmp_path / name).write_bytes(blobs[name])
    routes = {"/" + name: blob for name, blob in blobs.items()}
    with _Server(routes) as server:
        input_data.read_data_sets(str(tmp_path), source_url=server.url + "/", sha256sums=sha256s)
    assert server.requests == ["/" + FILES[3]]


def test_corrupt_mirror_is_skipped_and_leaves_nothing(tmp_path, served_files, capsys):
    blobs, sha256s = served_files
    corrupt = {"/bad/" + name: blob[:-10] + b"0123456789" for name, blob in blobs.items()}
    good = {"/good/" + name: blob for name, blob in blobs.items()}
    with _Server(dict(corrupt, **good)) as server:
        input_data.read_data_sets(str(tmp_path), sha256sums=sha256s,
                                  source_url=[server.url + "/bad/", server.url + "/good/"])
    assert sorted(os.listdir(tmp_path)) == sorted(FILES)
    for name in FILES:
        assert (tmp_path / name).read_bytes() == blobs[name]
    out = capsys.readouterr().out
    assert "Successfully downloaded %s %d bytes." % (FILES[0], len(blobs[FILES[0]])) in out


def test_only_a_corrupt_mirror_leaves_no_file_behind(tmp_path, served_files):
    blobs, sha256s = served_files
    corrupt = {"/" + name: blob[:len(blob) // 2] for name, blob in blobs.items()}
    with _Server(corrupt) as server:
        with pytest.raises(input_data.MissingFilesError, match="checksum mismatch"):
            input_data.read_data_sets(str(tmp_path), source_url=server.url + "/",
                                      sha256sums=sha256s)
    assert os.listdir(tmp_path) == []


def test_interrupted_transfer_leaves_no_file_behind(tmp_path, served_files):
    blobs, sha256s = served_files
    with _Server({"/" + name: blob for name, blob in blobs.items()},
                 cut_short=True) as server:
        with pytest.raises(input_data.MissingFilesError) as info:
            input_data.read_data_sets(str(tmp_path), source_url=server.url + "/",
                                      sha256sums=sha256s)
    assert set(info.value.failures) == set(FILES)
    assert os.listdir(tmp_path) == []


def test_default_checksums_refuse_files_that_are_not_mnist(tmp_path, served_files):
    blobs, _ = served_files
    with _Server({"/" + name: blob for name, blob in blobs.items()}) as server:
        with pytest.raises(input_data.MissingFilesError) as info:
            input_data.read_data_sets(str(tmp_path), source_url=server.url + "/")
    assert "expected %s" % input_data.MNIST_SHA256[input_data.TRAIN_IMAGES] in str(info.value)
    assert os.listdir(tmp_path) == []


def test_without_checksum_a_download_must_still_parse(tmp_path, served_files):
    blobs, _ = served_files
    routes = {"/" + name: blob for name, blob in blobs.items()}
    routes["/" + input_data.TEST_LABELS] = gzip.compress(idx_images_bytes(
        np.zeros((2, 28, 28), np.uint8)))  # an image file under a label file's name
    with _Server(routes) as server:
        with pytest.raises(input_data.MissingFilesError, match="invalid magic number"):
            input_data.read_data_sets(str(tmp_path), source_url=server.url + "/",
                                      sha256sums={})
    assert sorted(os.listdir(tmp_path)) == sorted(FILES[:3])


@pytest.fixture
def refusing_ports():
    """Two ports on 127.0.0.1 that refuse connections: bound, never listening, and
    held for the whole test so that nothing else can take them."""
    sockets = [socket.socket(), socket.socket()]
    for s in sockets:
        s.bind(("127.0.0.1", 0))
    yield [s.getsockname()[1] for s in sockets]
    for s in sockets:
        s.close()


def test_offline_error_names_files_mirrors_and_remedy(tmp_path, refusing_ports):
    (tmp_path / input_data.TRAIN_IMAGES).write_bytes(b"")  # present: not asked for
    mirrors = ["http://127.0.0.1:%d/a/" % refusing_ports[0],
               "http://127.0.0.1:%d/b/" % refusing_ports[1]]
    with pytest.raises(input_data.MissingFilesError) as info:
        input_data.read_data_sets(str(tmp_path), source_url=mirrors)
    message = str(info.value)
    assert str(tmp_path) in message
    for name in FILES[1:]:
        for mirror in mirrors:
            assert "tried %s%s: [Errno 111] Connection refused" % (mirror, name) in message
    assert "tried %s%s" % (mirrors[0], FILES[0]) not in message
    assert "place the files" in message and "--data_dir" in message
    assert set(info.value.failures) == set(FILES[1:])
    assert sorted(os.listdir(tmp_path)) == [input_data.TRAIN_IMAGES]


def test_command_line_checks_a_folder(mnist_dir, tmp_path, capsys):
    assert input_data._main(["input_data", mnist_dir]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == \
        "train 600, validation 5000, test 500 examples in %s" % mnist_dir
    (tmp_path / input_data.TRAIN_LABELS).write_bytes(b"junk")
    for name in (input_data.TRAIN_IMAGES, input_data.TEST_IMAGES, input_data.TEST_LABELS):
        shutil.copy(os.path.join(mnist_dir, name), str(tmp_path))
    assert input_data._main(["input_data", str(tmp_path)]) == 1
    assert "train-labels-idx1-ubyte.gz: not a gzip file" in capsys.readouterr().err


def test_downloaded_files_follow_the_umask(tmp_path, served_files):
    blobs, sha256s = served_files
    routes = {"/" + name: blob for name, blob in blobs.items()}
    old = os.umask(0o022)
    try:
        with _Server(routes) as server:
            input_data.read_data_sets(str(tmp_path), source_url=server.url + "/",
                                      sha256sums=sha256s)
    finally:
        os.umask(old)
    for name in FILES:
        assert stat.S_IMODE(os.stat(str(tmp_path / name)).st_mode) == 0o644


def test_a_dripping_server_meets_the_deadline(tmp_path, served_files, monkeypatch):
    blobs, _ = served_files
    monkeypatch.setattr(input_data, "DOWNLOAD_DEADLINE_SECS", 1)
    routes = {"/" + input_data.TEST_LABELS: blobs[input_data.TEST_LABELS]}
    started = time.monotonic()
    with _Server(routes, drip=True) as server:
        with pytest.raises(input_data.MissingFilesError,
                           match="the transfer took longer than 1 s"):
            input_data.maybe_download(input_data.TEST_LABELS, str(tmp_path),
                                      source_url=server.url + "/")
    assert time.monotonic() - started < 5
    assert os.listdir(tmp_path) == []


def test_an_endless_server_is_cut_at_the_known_length(tmp_path, served_files):
    blobs, _ = served_files
    routes = {"/" + input_data.TRAIN_LABELS: blobs[input_data.TRAIN_LABELS]}
    with _Server(routes, endless=True) as server:
        with pytest.raises(input_data.MissingFilesError,
                           match="the server sent more than the 28881 bytes expected"):
            input_data.maybe_download(input_data.TRAIN_LABELS, str(tmp_path),
                                      source_url=server.url + "/")
    assert os.listdir(tmp_path) == []


def test_sigterm_during_a_download_leaves_no_partial_file(tmp_path, served_files):
    blobs, _ = served_files
    routes = {"/" + name: blob for name, blob in blobs.items()}
    target = tmp_path / "data"
    with _Server(routes, drip=True) as server:
        script = ("import sys; sys.path.insert(0, %r)\n"
                  "from tf1 import cli, input_data\n"
                  "input_data.MIRRORS = (%r,)\n"
                  "sys.exit(cli.run(lambda argv: input_data.read_data_sets(%r)))\n"
                  % (ROOT, server.url + "/", str(target)))
        proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 30
        while not (target.exists() and os.listdir(target)) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert [p for p in os.listdir(target) if p.endswith(".part")]
        time.sleep(0.3)
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=30)
    assert proc.returncode == 143, err
    assert err.strip() == "interrupted by SIGTERM"
    assert os.listdir(target) == []


def test_the_canonical_length_caps_only_the_canonical_files(tmp_path):
    # Another data set under MNIST's names, with its own checksum, may be longer
    # than MNIST's file of that name (28,881 bytes here).
    labels = gzip.compress(idx_labels_bytes(np.arange(200000) % 10), mtime=0,
                           compresslevel=0)
    assert len(labels) > input_data.MNIST_SIZES[input_data.TRAIN_LABELS]
    routes = {"/" + input_data.TRAIN_LABELS: labels}
    with _Server(routes) as server:
        path = input_data.maybe_download(
            input_data.TRAIN_LABELS, str(tmp_path), source_url=server.url + "/",
            sha256sums={input_data.TRAIN_LABELS: hashlib.sha256(labels).hexdigest()})
    assert open(path, "rb").read() == labels
