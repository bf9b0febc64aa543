"""Tests of tf1.data.idx: every bad file is refused with an error naming it and the fault."""

import gzip
import os
import struct

import numpy as np
import pytest

from tf1.data.synthetic import labels_bytes as idx_labels_bytes
from tests.helpers import copy_mnist
from tf1 import input_data
from tf1.data import idx


def content(change):
    """A change of a gzipped file's content, as a change of its stored bytes."""
    return lambda stored: gzip.compress(change(gzip.decompress(stored)), mtime=0)


def half(stored):
    return stored[:len(stored) // 2]


def scribbled(stored):
    return stored[:200] + b"\xff" * 60 + stored[260:]


@pytest.mark.parametrize("name, make_bad, fault", [
    (input_data.TRAIN_IMAGES, content(lambda raw: raw[:-1000]),
     r"truncated: the header declares"),
    (input_data.TEST_IMAGES, content(lambda raw: raw + b"\0" * 784),
     r"longer than its header says"),
    (input_data.TEST_IMAGES, content(lambda raw: raw[:10]),
     r"shorter than the 16-byte IDX header"),
    (input_data.TEST_LABELS, content(lambda raw: raw[:-1]), r"truncated"),
    (input_data.TRAIN_LABELS,
     content(lambda raw: struct.pack(">I", idx.IMAGE_MAGIC) + raw[4:]),
     r"invalid magic number 2051 in MNIST label file, expected 2049 \(this is an image"),
    (input_data.TEST_IMAGES, content(lambda raw: b"\x00\x00\x09\x99" + raw[4:]),
     r"invalid magic number 2457 in MNIST image file"),
    (input_data.TRAIN_LABELS, lambda stored: b"<html>403 Forbidden</html>",
     r"not a gzip file"),
    (input_data.TEST_IMAGES, half, r"the gzip stream is truncated"),
    (input_data.TEST_IMAGES, scribbled, r"corrupt"),
    (input_data.TEST_LABELS,
     content(lambda raw: idx_labels_bytes(np.where(np.arange(500) == 17, 12, 0))),
     r"label 12 at index 17 is out of range: labels must be 0..9"),
])
def test_a_bad_file_is_refused_naming_it_and_the_fault(mnist_dir, tmp_path, name,
                                                        make_bad, fault):
    path = os.path.join(copy_mnist(mnist_dir, tmp_path), name)
    with open(path, "rb") as f:
        stored = f.read()
    with open(path, "wb") as f:
        f.write(make_bad(stored))
    read = idx.extract_labels if "labels" in name else idx.extract_images
    with pytest.raises(idx.BadFileError, match=fault) as info:
        read(path)
    assert str(info.value).startswith(path + ":")
    with pytest.raises(idx.BadFileError, match=fault):  # and so does the reader
        input_data.read_data_sets(os.path.dirname(path))


def test_extract_helpers_take_file_objects(mnist_dir):
    with open(os.path.join(mnist_dir, input_data.TEST_IMAGES), "rb") as f:
        images = idx.extract_images(f)
    with open(os.path.join(mnist_dir, input_data.TEST_LABELS), "rb") as f:
        labels = idx.extract_labels(f, one_hot=True)
    assert images.shape == (500, 28, 28, 1) and images.dtype == np.uint8
    assert labels.shape == (500, 10)


def test_dense_to_one_hot():
    np.testing.assert_array_equal(idx.dense_to_one_hot(np.array([0, 3, 9]), 10),
                                  np.eye(10)[[0, 3, 9]])
