"""The MNIST reader, downloader and batcher of the TensorFlow 1 tutorials.

A replacement for ``tensorflow.examples.tutorials.mnist.input_data`` (removed
from TensorFlow) with the same names and the same behaviour:

    from tf1 import input_data
    mnist = input_data.read_data_sets('MNIST_data', one_hot=True)
    batch_xs, batch_ys = mnist.train.next_batch(100)

* 55,000 / 5,000 / 10,000 train / validation / test split, float32 pixels in
  [0, 1] (or raw uint8), optional one-hot labels, ``DataSet.next_batch`` with
  the original's epoch and shuffle rules.
* Reads gzipped or uncompressed IDX files from ``train_dir``; any IDX data set
  of MNIST's shape (Fashion-MNIST, say) loads the same way.
* Downloads only the files that are missing, trying a list of mirrors, into a
  temporary file that is verified before it is renamed into place, so an
  interrupted or corrupted transfer never leaves a file that later loads.
* Every read is validated; a bad file raises :class:`BadFileError` naming the
  file and the fault. Missing files that cannot be downloaded raise one
  :class:`MissingFilesError` naming them all.

This module does not import TensorFlow.
"""

import collections
import os
import sys

import numpy as np

from tf1.errors import Error
# The reader's and the downloader's names, as this module's original had them.
from tf1.data.download import (DEFAULT_SOURCE_URL, FILES, MIRRORS,  # noqa: F401
                               MNIST_SHA256, TEST_IMAGES, TEST_LABELS, TRAIN_IMAGES,
                               TRAIN_LABELS, MissingFilesError, maybe_download,
                               maybe_download_all)
from tf1.data.idx import (IMAGE_MAGIC, IMAGE_SHAPE, LABEL_MAGIC,  # noqa: F401
                          NUM_CLASSES, BadFileError, MNISTError, dense_to_one_hot,
                          extract_images, extract_labels)


Datasets = collections.namedtuple("Datasets", ["train", "validation", "test"])


class BatchSizeError(Error, ValueError):
    """A batch larger than the data set it is drawn from."""


def default_data_dir(original):
    """Returns ``$MNIST_DATA_DIR`` if set, else the tutorial's own default."""
    return os.environ.get("MNIST_DATA_DIR") or original


# ---------------------------------------------------------------------------
# DataSet
# ---------------------------------------------------------------------------

def _as_numpy_dtype(dtype):
    """Accepts a NumPy dtype, a TensorFlow DType or a name; returns a NumPy dtype."""
    return np.dtype(getattr(dtype, "as_numpy_dtype", dtype))


def tf1_seed(seed):
    """What TF 1's DataSet seeded NumPy's global generator with: ``seed`` (when the
    graph has a seed too) or the graph's seed, from TensorFlow's ``get_seed`` (as
    tf1 makes it answer, TF 1's); None (fresh entropy) when neither is set.
    Without TensorFlow imported no graph has a seed."""
    tf = sys.modules.get("tensorflow")
    if tf is None:
        return seed
    seeds = tf.compat.v1.get_seed(seed)
    return seeds[0] if seed is None else seeds[1]


class DataSet(object):
    """A set of examples with the original's ``next_batch`` epoch and shuffle rules."""

    def __init__(self, images, labels, fake_data=False, one_hot=False,
                 dtype=np.float32, reshape=True, seed=None):
        """Constructs a DataSet.

        ``dtype`` can be ``uint8`` to leave the input as ``[0, 255]``, or
        ``float32`` to rescale into ``[0, 1]``. As TF 1's did, it seeds NumPy's
        global generator (which ``next_batch`` shuffles with) from ``seed`` or, if
        that is None, from the default graph's seed (:func:`tf1_seed`).
        """
        dtype = _as_numpy_dtype(dtype)
        if dtype not in (np.uint8, np.float32):
            raise TypeError("Invalid image dtype %r, expected uint8 or float32" % dtype)
        np.random.seed(tf1_seed(seed))
        if fake_data:
            self._num_examples = 10000
            self.one_hot = one_hot
        else:
            images = np.asarray(images)
            labels = np.asarray(labels)
            if images.shape[0] != labels.shape[0]:
                raise ValueError("images.shape: %s labels.shape: %s"
                                 % (images.shape, labels.shape))
            self._num_examples = images.shape[0]
            # Convert shape from [num examples, rows, columns, depth]
            # to [num examples, rows*columns] (assuming depth == 1)
            if reshape:
                if images.ndim == 4 and images.shape[3] != 1:
                    raise ValueError("reshape=True needs images with depth 1, got "
                                     "shape %s" % (images.shape,))
                images = images.reshape(images.shape[0], int(np.prod(images.shape[1:])))
            if dtype == np.float32:
                # Convert from [0, 255] -> [0.0, 1.0].
                images = images.astype(np.float32)
                np.multiply(images, np.float32(1.0 / 255.0), out=images)
            else:
                images = np.require(images, requirements="W")  # own, writable copy
        self._images = images
        self._labels = labels
        self._epochs_completed = 0
        self._index_in_epoch = 0

    @property
    def images(self):
        return self._images

    @property
    def labels(self):
        return self._labels

    @property
    def num_examples(self):
        return self._num_examples

    @property
    def epochs_completed(self):
        return self._epochs_completed

    def _shuffle(self):
        perm = np.arange(self._num_examples)
        np.random.shuffle(perm)
        self._images = self._images[perm]
        self._labels = self._labels[perm]

    def next_batch(self, batch_size, fake_data=False, shuffle=True):
        """Returns the next ``batch_size`` examples from this data set.

        The examples are shuffled before the first batch and at the end of every
        epoch; a batch that crosses an epoch boundary is the rest of the old
        epoch followed by the start of the new one.
        """
        if fake_data:
            fake_image = [1] * 784
            fake_label = [1] + [0] * 9 if self.one_hot else 0
            return ([fake_image for _ in range(batch_size)],
                    [fake_label for _ in range(batch_size)])
        if not 0 < batch_size <= self._num_examples:
            raise BatchSizeError("batch_size must be between 1 and the number of "
                                 "examples (%d), got %d" % (self._num_examples, batch_size))
        start = self._index_in_epoch
        # Shuffle for the first epoch
        if self._epochs_completed == 0 and start == 0 and shuffle:
            self._shuffle()
        # Go to the next epoch
        if start + batch_size > self._num_examples:
            # Finished epoch
            self._epochs_completed += 1
            # Get the rest examples in this epoch
            rest_num_examples = self._num_examples - start
            images_rest_part = self._images[start:self._num_examples]
            labels_rest_part = self._labels[start:self._num_examples]
            # Shuffle the data
            if shuffle:
                self._shuffle()
            # Start next epoch
            start = 0
            self._index_in_epoch = batch_size - rest_num_examples
            end = self._index_in_epoch
            images_new_part = self._images[start:end]
            labels_new_part = self._labels[start:end]
            return (np.concatenate((images_rest_part, images_new_part), axis=0),
                    np.concatenate((labels_rest_part, labels_new_part), axis=0))
        self._index_in_epoch += batch_size
        end = self._index_in_epoch
        return self._images[start:end], self._labels[start:end]


# ---------------------------------------------------------------------------
# read_data_sets / load_dataset
# ---------------------------------------------------------------------------

def read_data_sets(train_dir, fake_data=False, one_hot=False, dtype=np.float32,
                   reshape=True, validation_size=5000, seed=None,
                   source_url=DEFAULT_SOURCE_URL, sha256sums=None):
    """Reads (downloading what is missing) MNIST into train, validation and test sets.

    Args:
      train_dir: folder holding the four IDX files (gzipped or not).
      fake_data: return three data sets of fake examples (for quick tests).
      one_hot: labels as one-hot float vectors instead of uint8 class ids.
      dtype: float32 (pixels scaled to [0, 1]) or uint8 (raw).
      reshape: flatten each image to a 784-vector.
      validation_size: how many of the first training examples form validation.
      seed: seeds the shuffling of ``next_batch``.
      source_url: a mirror URL prefix, or a list of them. The default tries
        :data:`MIRRORS` in turn.
      sha256sums: ``{filename: sha256}`` a download must match; default the canonical
        MNIST sums.

    Returns:
      Datasets(train, validation, test).
    """
    if fake_data:
        def fake():
            return DataSet([], [], fake_data=True, one_hot=one_hot, dtype=dtype,
                           seed=seed)
        return Datasets(train=fake(), validation=fake(), test=fake())

    if source_url == DEFAULT_SOURCE_URL:
        source_url = None  # the default: every mirror in turn
    paths = maybe_download_all(train_dir, source_url, sha256sums)

    train_images = extract_images(paths[TRAIN_IMAGES])
    train_labels = extract_labels(paths[TRAIN_LABELS], one_hot=one_hot)
    test_images = extract_images(paths[TEST_IMAGES])
    test_labels = extract_labels(paths[TEST_LABELS], one_hot=one_hot)
    for images, labels, i_name, l_name in (
            (train_images, train_labels, TRAIN_IMAGES, TRAIN_LABELS),
            (test_images, test_labels, TEST_IMAGES, TEST_LABELS)):
        if len(images) != len(labels):
            raise BadFileError("%s holds %d images but %s holds %d labels"
                               % (paths[i_name], len(images), paths[l_name], len(labels)))

    _check_sizes(train_images, test_images, validation_size,
                 paths[TRAIN_IMAGES], paths[TEST_IMAGES])

    validation_images = train_images[:validation_size]
    validation_labels = train_labels[:validation_size]
    train_images = train_images[validation_size:]
    train_labels = train_labels[validation_size:]

    options = dict(dtype=dtype, reshape=reshape, seed=seed)
    train = DataSet(train_images, train_labels, **options)
    validation = DataSet(validation_images, validation_labels, **options)
    test = DataSet(test_images, test_labels, **options)
    return Datasets(train=train, validation=validation, test=test)


def _check_sizes(train_images, test_images, validation_size, train_path, test_path):
    """The images are MNIST's 28x28, and enough of them to split off validation."""
    for images, path in ((train_images, train_path), (test_images, test_path)):
        if images.shape[1:3] != IMAGE_SHAPE:
            raise BadFileError("%s: images are %dx%d, but the tutorials' models need "
                               "%dx%d" % ((path,) + images.shape[1:3] + IMAGE_SHAPE))
        if not len(images):
            raise BadFileError("%s: holds no images" % path)
    if validation_size < 0:
        raise ValueError("validation_size must be 0 or more, got %d" % validation_size)
    if validation_size > len(train_images):
        raise BadFileError("%s: holds %d images, fewer than the %d split off for "
                           "validation" % (train_path, len(train_images), validation_size))


def load_mnist(train_dir="MNIST-data", seed=None):
    """MNIST with integer labels, as ``tf.contrib.learn.datasets.mnist.load_mnist``."""
    return read_data_sets(train_dir, seed=seed)


def load_dataset(name, size="small", test_with_fake_data=False, data_dir=None,
                 seed=None):
    """Loads a data set by name, as ``tf.contrib.learn.datasets.load_dataset``.

    Only ``"mnist"`` is provided. The files are read from ``data_dir``, by
    default ``$MNIST_DATA_DIR`` or else ``MNIST-data`` (the original's default).
    """
    del size  # only used by data sets other than MNIST in the original
    if name != "mnist":
        raise ValueError("Name of dataset is not known: %r (only 'mnist' is provided)"
                         % (name,))
    if test_with_fake_data:
        return read_data_sets(None, fake_data=True, seed=seed)
    return load_mnist(data_dir or default_data_dir("MNIST-data"), seed=seed)


def _main(argv):
    """``python -m tf1.input_data DIR``: fetch and check the four files in DIR."""
    train_dir = argv[1] if len(argv) > 1 else default_data_dir("MNIST_data")
    try:
        data = read_data_sets(train_dir)
    except MNISTError as e:
        print(e, file=sys.stderr)
        return 1
    print("train %d, validation %d, test %d examples in %s"
          % (data.train.num_examples, data.validation.num_examples,
             data.test.num_examples, train_dir))
    return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv))
