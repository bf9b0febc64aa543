"""Tests of tf1.data.download, against a server on 127.0.0.1: mirrors, checksums,
deadlines, size caps and ``.part`` files."""

import gzip
import hashlib
import os
import signal
import socket
import stat
import subprocess
import sys
import time

import numpy as np
import pytest

from tf1.data.synthetic import images_bytes as idx_images_bytes, labels_bytes as idx_labels_bytes
from tests.helpers import Server
from tf1 import input_data
from tf1.data import download

FILES = download.FILES


def test_download_fetches_all_files(tmp_path, served_files):
    blobs, sha256s = served_files
    routes = {"/mnist/" + name: blob for name, blob in blobs.items()}
    target = str(tmp_path / "new" / "dir")
    with Server(routes) as server:
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
    with Server(routes) as server:
        input_data.read_data_sets(str(tmp_path), source_url=server.url + "/", sha256sums=sha256s)
    assert server.requests == ["/" + FILES[3]]


def test_corrupt_mirror_is_skipped_and_leaves_nothing(tmp_path, served_files, capsys):
    blobs, sha256s = served_files
    corrupt = {"/bad/" + name: blob[:-10] + b"0123456789" for name, blob in blobs.items()}
    good = {"/good/" + name: blob for name, blob in blobs.items()}
    with Server(dict(corrupt, **good)) as server:
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
    with Server(corrupt) as server:
        with pytest.raises(input_data.MissingFilesError, match="checksum mismatch"):
            input_data.read_data_sets(str(tmp_path), source_url=server.url + "/",
                                      sha256sums=sha256s)
    assert os.listdir(tmp_path) == []


def test_interrupted_transfer_leaves_no_file_behind(tmp_path, served_files):
    blobs, sha256s = served_files
    with Server({"/" + name: blob for name, blob in blobs.items()},
                 cut_short=True) as server:
        with pytest.raises(input_data.MissingFilesError) as info:
            input_data.read_data_sets(str(tmp_path), source_url=server.url + "/",
                                      sha256sums=sha256s)
    assert set(info.value.failures) == set(FILES)
    assert os.listdir(tmp_path) == []


def test_default_checksums_refuse_files_that_are_not_mnist(tmp_path, served_files):
    blobs, _ = served_files
    with Server({"/" + name: blob for name, blob in blobs.items()}) as server:
        with pytest.raises(input_data.MissingFilesError) as info:
            input_data.read_data_sets(str(tmp_path), source_url=server.url + "/")
    assert "expected %s" % download.MNIST_SHA256[input_data.TRAIN_IMAGES] in str(info.value)
    assert os.listdir(tmp_path) == []


def test_without_checksum_a_download_must_still_parse(tmp_path, served_files):
    blobs, _ = served_files
    routes = {"/" + name: blob for name, blob in blobs.items()}
    routes["/" + input_data.TEST_LABELS] = gzip.compress(idx_images_bytes(
        np.zeros((2, 28, 28), np.uint8)))  # an image file under a label file's name
    with Server(routes) as server:
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


def test_downloaded_files_follow_the_umask(tmp_path, served_files):
    blobs, sha256s = served_files
    routes = {"/" + name: blob for name, blob in blobs.items()}
    old = os.umask(0o022)
    try:
        with Server(routes) as server:
            input_data.read_data_sets(str(tmp_path), source_url=server.url + "/",
                                      sha256sums=sha256s)
    finally:
        os.umask(old)
    for name in FILES:
        assert stat.S_IMODE(os.stat(str(tmp_path / name)).st_mode) == 0o644


def test_a_dripping_server_meets_the_deadline(tmp_path, served_files, monkeypatch):
    blobs, _ = served_files
    monkeypatch.setattr(download, "DOWNLOAD_DEADLINE_SECS", 1)
    routes = {"/" + input_data.TEST_LABELS: blobs[input_data.TEST_LABELS]}
    started = time.monotonic()
    with Server(routes, drip=True) as server:
        with pytest.raises(input_data.MissingFilesError,
                           match="the transfer took longer than 1 s"):
            input_data.maybe_download(input_data.TEST_LABELS, str(tmp_path),
                                      source_url=server.url + "/")
    assert time.monotonic() - started < 5
    assert os.listdir(tmp_path) == []


def test_an_endless_server_is_cut_at_the_known_length(tmp_path, served_files):
    blobs, _ = served_files
    routes = {"/" + input_data.TRAIN_LABELS: blobs[input_data.TRAIN_LABELS]}
    with Server(routes, endless=True) as server:
        with pytest.raises(input_data.MissingFilesError,
                           match="the server sent more than the 28881 bytes expected"):
            input_data.maybe_download(input_data.TRAIN_LABELS, str(tmp_path),
                                      source_url=server.url + "/")
    assert os.listdir(tmp_path) == []


def test_sigterm_during_a_download_leaves_no_partial_file(tmp_path, served_files):
    blobs, _ = served_files
    routes = {"/" + name: blob for name, blob in blobs.items()}
    target = tmp_path / "data"
    with Server(routes, drip=True) as server:
        script = ("import sys\n"
                  "from tf1 import exits, input_data\n"
                  "from tf1.data import download\n"
                  "download.MIRRORS = (%r,)\n"
                  "sys.exit(exits.run(lambda argv: input_data.read_data_sets(%r)))\n"
                  % (server.url + "/", str(target)))
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
    assert len(labels) > download.MNIST_SIZES[input_data.TRAIN_LABELS]
    routes = {"/" + input_data.TRAIN_LABELS: labels}
    with Server(routes) as server:
        path = input_data.maybe_download(
            input_data.TRAIN_LABELS, str(tmp_path), source_url=server.url + "/",
            sha256sums={input_data.TRAIN_LABELS: hashlib.sha256(labels).hexdigest()})
    assert open(path, "rb").read() == labels
