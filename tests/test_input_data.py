"""Tests of tf1.input_data: read_data_sets, DataSet, load_dataset and the command line."""

import os
import shutil

import numpy as np
import pytest

from tf1.data.synthetic import labels_bytes as idx_labels_bytes, write_mnist
from tests.helpers import copy_mnist, rewrite_gz
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


def test_image_and_label_counts_must_agree(mnist_dir, tmp_path):
    directory = copy_mnist(mnist_dir, tmp_path)
    rewrite_gz(directory, input_data.TEST_LABELS, idx_labels_bytes(np.zeros(499, np.uint8)))
    with pytest.raises(input_data.BadFileError,
                       match=r"t10k-images-idx3-ubyte.gz holds 500 images but .*"
                             r"t10k-labels-idx1-ubyte.gz holds 499 labels"):
        input_data.read_data_sets(directory)


def test_command_line_checks_a_folder(mnist_dir, tmp_path, capsys):
    assert input_data._main(["input_data", mnist_dir]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == \
        "train 600, validation 5000, test 500 examples in %s" % mnist_dir
    (tmp_path / input_data.TRAIN_LABELS).write_bytes(b"junk")
    for name in (input_data.TRAIN_IMAGES, input_data.TEST_IMAGES, input_data.TEST_LABELS):
        shutil.copy(os.path.join(mnist_dir, name), str(tmp_path))
    assert input_data._main(["input_data", str(tmp_path)]) == 1
    assert "train-labels-idx1-ubyte.gz: not a gzip file" in capsys.readouterr().err


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
    """As in TF 1: a DataSet reseeds NumPy's global generator when it is made, and
    every DataSet shuffles with that one generator."""
    def order(seed):
        dataset = _ids_dataset(50, seed=seed)
        return [list(dataset.next_batch(20)[1]) for _ in range(5)]
    assert order(7) == order(7)
    assert order(7) != order(8)
    np.random.seed(7)
    perm = np.arange(50)
    np.random.shuffle(perm)
    assert order(7)[0] == list(perm[:20])  # np.random.shuffle of an arange, as TF 1's


def test_batch_size_larger_than_the_set_is_refused():
    with pytest.raises(ValueError, match="batch_size must be between 1 and"):
        _ids_dataset(5).next_batch(6)


def test_python_m_tf1_input_data_checks_a_folder(mnist_dir, tmp_path):
    import subprocess
    import sys
    done = subprocess.run([sys.executable, "-m", "tf1.input_data", mnist_dir],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0
    assert done.stdout.splitlines()[-1] == (
        "train 600, validation 5000, test 500 examples in %s" % mnist_dir)
    broken = copy_mnist(mnist_dir, tmp_path)
    rewrite_gz(broken, "train-labels-idx1-ubyte.gz", b"\x00\x00\x08\x01")
    done = subprocess.run([sys.executable, "-m", "tf1.input_data", broken],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "train-labels-idx1-ubyte.gz" in done.stderr.strip().splitlines()[-1]
