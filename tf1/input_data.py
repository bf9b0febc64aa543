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

from __future__ import absolute_import, division, print_function

import collections
import gzip
import hashlib
import http.client
import math
import os
import struct
import sys
import tempfile
import time
import urllib.error
import urllib.request
import zlib

import numpy as np

from tf1 import Error, signals

# The mirror TensorFlow's last MNIST reader used, then another public copy; both
# HTTPS. (The original host serves plain HTTP only, and refuses most clients.)
DEFAULT_SOURCE_URL = "https://storage.googleapis.com/cvdf-datasets/mnist/"
MIRRORS = (
    DEFAULT_SOURCE_URL,
    "https://ossci-datasets.s3.amazonaws.com/mnist/",
)

TRAIN_IMAGES = "train-images-idx3-ubyte.gz"
TRAIN_LABELS = "train-labels-idx1-ubyte.gz"
TEST_IMAGES = "t10k-images-idx3-ubyte.gz"
TEST_LABELS = "t10k-labels-idx1-ubyte.gz"
FILES = (TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS)

# SHA-256 and length of the canonical MNIST files; a download must match before
# it is kept, and may not run longer.
MNIST_SHA256 = {
    TRAIN_IMAGES: "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609",
    TRAIN_LABELS: "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c",
    TEST_IMAGES: "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6",
    TEST_LABELS: "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6",
}
MNIST_SIZES = {
    TRAIN_IMAGES: 9912422,
    TRAIN_LABELS: 28881,
    TEST_IMAGES: 1648877,
    TEST_LABELS: 4542,
}
# Of a file whose length is not known (another data set of MNIST's shape).
MAX_DOWNLOAD_BYTES = 256 << 20
DOWNLOAD_DEADLINE_SECS = 600

IMAGE_SHAPE = (28, 28)
IMAGE_MAGIC = 2051
LABEL_MAGIC = 2049
NUM_CLASSES = 10
# deflate compresses at most about 1032:1; a header that declares more than that
# many bytes per stored byte is a lie (or a decompression bomb).
MAX_GZIP_RATIO = 1032
DOWNLOAD_TIMEOUT_SECS = 30
_CHUNK = 1 << 16

Datasets = collections.namedtuple("Datasets", ["train", "validation", "test"])


class MNISTError(Error):
    """Base class of the errors this module raises about its files."""


class BadFileError(MNISTError, ValueError):
    """A data file exists but is not a valid IDX file of the expected kind."""


class BatchSizeError(Error, ValueError):
    """A batch larger than the data set it is drawn from."""


class MissingFilesError(MNISTError, OSError):
    """Data files are missing and could not be downloaded.

    ``failures`` maps each missing file name to the ``(url, reason)`` pairs tried.
    """

    def __init__(self, work_directory, failures):
        self.work_directory = work_directory
        self.failures = failures
        super().__init__(_missing_message(work_directory, failures))


def default_data_dir(original):
    """Returns ``$MNIST_DATA_DIR`` if set, else the tutorial's own default."""
    return os.environ.get("MNIST_DATA_DIR") or original


# ---------------------------------------------------------------------------
# Reading IDX files
# ---------------------------------------------------------------------------

def _file_name(f):
    return str(getattr(f, "name", None) or "<stream>")


def _stored_size(fobj):
    """The size in bytes of what ``fobj`` holds (compressed, if it is), or None."""
    try:
        return os.fstat(fobj.fileno()).st_size
    except (AttributeError, OSError, ValueError):
        pass
    try:
        here = fobj.tell()
        size = fobj.seek(0, os.SEEK_END)
        fobj.seek(here)
        return size - here
    except (AttributeError, OSError, ValueError):
        return None


def _read_exact(stream, n, name):
    """Exactly ``n`` bytes of ``stream`` as a bytearray, or None if it ends first."""
    buf = bytearray(n)
    view, got = memoryview(buf), 0
    try:
        while got < n:
            k = stream.readinto(view[got:])
            if not k:
                return None
            got += k
    except EOFError:
        raise BadFileError(
            "%s: the gzip stream is truncated (the file is incomplete; "
            "delete it and download it again)" % name) from None
    except (OSError, zlib.error) as e:
        if isinstance(e, OSError) and e.errno is not None:
            raise BadFileError("%s: cannot be read: %s" % (name, e.strerror)) from None
        raise BadFileError("%s: corrupt gzip data (%s)" % (name, e)) from None
    return buf


def _read_idx(f, magic_expected, ndims, what):
    """Reads an IDX file (a path or a binary file object, gzipped or not).

    The header is read and checked first, then exactly the bytes it declares,
    streamed: a header that declares more than the file can hold is refused
    before anything is decompressed. Returns ``(dims, uint8 array)``.
    """
    if isinstance(f, (str, bytes, os.PathLike)):
        try:
            with open(f, "rb") as fobj:
                return _read_idx(fobj, magic_expected, ndims, what)
        except OSError as e:
            raise BadFileError("%s: cannot be read: %s" % (os.fsdecode(f), e.strerror)) \
                from None
    name = _file_name(f)
    stored = _stored_size(f)
    here = f.tell()
    gzipped = f.read(2) == b"\x1f\x8b"
    f.seek(here)
    if not gzipped and name.endswith(".gz"):
        raise BadFileError("%s: not a gzip file (it does not start with the gzip "
                           "magic bytes 1f 8b)" % name)
    stream = gzip.GzipFile(fileobj=f, mode="rb") if gzipped else f
    dims, header_len = _read_header(stream, name, magic_expected, ndims, what)
    payload = math.prod(dims)
    declared = "the header declares %s (%d bytes in all)" % (
        " x ".join(map(str, dims)), header_len + payload)
    _check_capacity(name, declared, header_len + payload, stored, gzipped)
    data = _read_exact(stream, payload, name)
    if data is None:
        raise BadFileError("%s: file is truncated: %s but the data ends before that"
                           % (name, declared))
    if _read_exact(stream, 1, name) is not None:
        raise BadFileError("%s: file is longer than its header says: %s"
                           % (name, declared))
    return dims, np.frombuffer(data, dtype=np.uint8)


def _read_header(stream, name, magic_expected, ndims, what):
    header_len = 4 + 4 * ndims
    header = _read_exact(stream, header_len, name)
    if header is None:
        raise BadFileError("%s: file is truncated: shorter than the %d-byte IDX header "
                           "of an %s file" % (name, header_len, what))
    magic = struct.unpack(">I", header[:4])[0]
    if magic != magic_expected:
        hint = ""
        if magic in (IMAGE_MAGIC, LABEL_MAGIC):
            hint = " (this is %s file)" % (
                "an image" if magic == IMAGE_MAGIC else "a label")
        raise BadFileError("%s: invalid magic number %d in MNIST %s file, expected %d%s"
                           % (name, magic, what, magic_expected, hint))
    return struct.unpack(">%dI" % ndims, header[4:]), header_len


def _check_capacity(name, declared, size, stored, gzipped):
    """Refuses a header that declares more bytes (``size``, said in ``declared``) than
    a file of ``stored`` bytes holds."""
    if stored is None:
        return
    if gzipped and size > stored * MAX_GZIP_RATIO:
        raise BadFileError("%s: %s, more than a gzip file of %d bytes can hold"
                           % (name, declared, stored))
    if not gzipped and size != stored:
        fault = "truncated" if size > stored else "longer than its header says"
        raise BadFileError("%s: file is %s: %s but the file holds %d bytes"
                           % (name, fault, declared, stored))


def extract_images(f):
    """Extracts images into a 4D uint8 numpy array [index, y, x, depth].

    Args:
      f: a path, or a binary file object, of an IDX image file (gzipped or not).

    Returns:
      data: A 4D uint8 numpy array [index, y, x, depth].

    Raises:
      BadFileError: if the file is not a valid IDX image file.
    """
    name = _file_name(f) if not isinstance(f, (str, os.PathLike)) else str(f)
    print("Extracting", name)
    (num, rows, cols), images = _read_idx(f, IMAGE_MAGIC, 3, "image")
    return images.reshape(num, rows, cols, 1)


def dense_to_one_hot(labels_dense, num_classes):
    """Converts class labels from scalars to one-hot vectors."""
    labels_dense = np.asarray(labels_dense)
    num_labels = labels_dense.shape[0]
    labels_one_hot = np.zeros((num_labels, num_classes), dtype=np.float64)
    labels_one_hot[np.arange(num_labels), labels_dense.ravel()] = 1
    return labels_one_hot


def extract_labels(f, one_hot=False, num_classes=NUM_CLASSES):
    """Extracts labels into a 1D uint8 numpy array [index], or one-hot [index, class].

    Args:
      f: a path, or a binary file object, of an IDX label file (gzipped or not).
      one_hot: whether to return one-hot vectors.
      num_classes: number of classes; every label must be below it.

    Returns:
      labels: a 1D uint8 numpy array, or a 2D float64 one-hot array.

    Raises:
      BadFileError: if the file is not a valid IDX label file.
    """
    name = _file_name(f) if not isinstance(f, (str, os.PathLike)) else str(f)
    print("Extracting", name)
    _, labels = _read_idx(f, LABEL_MAGIC, 1, "label")
    if labels.size and labels.max() >= num_classes:
        bad = int(np.argmax(labels >= num_classes))
        raise BadFileError("%s: label %d at index %d is out of range: labels must be "
                           "0..%d" % (name, labels[bad], bad, num_classes - 1))
    if one_hot:
        return dense_to_one_hot(labels, num_classes)
    return labels


# ---------------------------------------------------------------------------
# DataSet
# ---------------------------------------------------------------------------

def _as_numpy_dtype(dtype):
    """Accepts a NumPy dtype, a TensorFlow DType or a name; returns a NumPy dtype."""
    return np.dtype(getattr(dtype, "as_numpy_dtype", dtype))


class DataSet(object):
    """A set of examples with the original's ``next_batch`` epoch and shuffle rules."""

    def __init__(self, images, labels, fake_data=False, one_hot=False,
                 dtype=np.float32, reshape=True, seed=None):
        """Constructs a DataSet.

        ``dtype`` can be ``uint8`` to leave the input as ``[0, 255]``, or
        ``float32`` to rescale into ``[0, 1]``. ``seed`` fixes the shuffle order.
        """
        dtype = _as_numpy_dtype(dtype)
        if dtype not in (np.uint8, np.float32):
            raise TypeError("Invalid image dtype %r, expected uint8 or float32" % dtype)
        self._rng = np.random.RandomState(seed)
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
        self._rng.shuffle(perm)
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
# Finding and downloading the files
# ---------------------------------------------------------------------------

def _local_path(work_directory, filename):
    """Returns the existing gzipped or uncompressed copy of ``filename``, or None."""
    gz_path = os.path.join(work_directory, filename)
    raw_path = gz_path[:-3] if gz_path.endswith(".gz") else gz_path
    for path in (gz_path, raw_path):
        if os.path.isfile(path):
            return path
        if os.path.lexists(path):
            raise BadFileError("%s: is not a regular file (a folder or a broken link "
                               "stands where the data file should be)" % path)
    return None


def _as_mirrors(source_url):
    if not source_url:
        return list(MIRRORS)
    if isinstance(source_url, str):
        return [source_url]
    return list(source_url)


def _copy_capped(url, out, limit):
    """Copies ``url`` to ``out``; returns its SHA-256. Refuses a body over ``limit``
    bytes, and a transfer that takes longer than DOWNLOAD_DEADLINE_SECS."""
    deadline = time.monotonic() + DOWNLOAD_DEADLINE_SECS
    digest = hashlib.sha256()
    total = 0
    with urllib.request.urlopen(url, timeout=DOWNLOAD_TIMEOUT_SECS) as resp:
        while True:
            chunk = resp.read1(_CHUNK)  # returns what has arrived: a slow drip is seen
            if not chunk:
                return digest.hexdigest()
            total += len(chunk)
            if total > limit:
                raise OSError("the server sent more than the %d bytes expected" % limit)
            if time.monotonic() > deadline:
                raise OSError("the transfer took longer than %d s"
                              % DOWNLOAD_DEADLINE_SECS)
            digest.update(chunk)
            out.write(chunk)


def _fetch(url, dest_dir, filename, sha256, size):
    """Downloads ``url`` to a temporary file in ``dest_dir``, verified.

    Returns the temporary path; the caller renames it into place. On any failure
    (network error, interrupted transfer, SIGTERM, wrong checksum, a file that
    does not parse) it raises and leaves nothing behind.
    """
    fd, tmp_path = tempfile.mkstemp(prefix="." + filename + ".", suffix=".part",
                                    dir=dest_dir)
    try:
        with signals.as_exceptions(), os.fdopen(fd, "wb") as out:
            got = _copy_capped(url, out, size or MAX_DOWNLOAD_BYTES)
        if sha256 is not None and got != sha256:
            raise OSError("checksum mismatch: sha256 %s, expected %s" % (got, sha256))
        if sha256 is None:  # no known checksum: the file must at least parse
            labels = "labels" in filename
            _read_idx(tmp_path, LABEL_MAGIC if labels else IMAGE_MAGIC,
                      1 if labels else 3, "label" if labels else "image")
        os.chmod(tmp_path, 0o666 & ~_umask())  # as an ordinary new file, not 0600
        return tmp_path
    except BaseException:
        os.unlink(tmp_path)
        raise


def _umask():
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def maybe_download(filename, work_directory, source_url=None, sha256sums=None):
    """Returns the path of ``filename`` in ``work_directory``, downloading it if missing.

    A gzipped or uncompressed copy already there is used as it is. Otherwise each
    mirror in ``source_url`` (a URL prefix or a list of them; default
    :data:`MIRRORS`) is tried in turn; the download goes to a temporary file whose
    SHA-256 must match ``sha256sums[filename]`` (default: the canonical MNIST sums)
    before it is renamed into place.

    Raises:
      MissingFilesError: if no mirror delivered a good copy.
    """
    existing = _local_path(work_directory, filename)
    if existing:
        return existing
    os.makedirs(work_directory, exist_ok=True)
    sha256 = (MNIST_SHA256 if sha256sums is None else sha256sums).get(filename)
    # The canonical length goes with the canonical checksum; other files (another
    # data set under MNIST's names, say) are capped at MAX_DOWNLOAD_BYTES.
    size = MNIST_SIZES.get(filename) if sha256sums is None else None
    failures = []
    for mirror in _as_mirrors(source_url):
        url = mirror + filename
        print("Downloading %s from %s" % (filename, url), flush=True)
        try:
            tmp_path = _fetch(url, work_directory, filename, sha256, size)
        except (OSError, ValueError, http.client.HTTPException) as e:
            reason = getattr(e, "reason", None) if isinstance(e, urllib.error.URLError) \
                and not isinstance(e, urllib.error.HTTPError) else None
            failures.append((url, str(reason or e)))
            continue
        path = _rename_into_place(tmp_path, work_directory, filename)
        print("Successfully downloaded %s %d bytes." % (filename, os.path.getsize(path)),
              flush=True)
        return path
    raise MissingFilesError(work_directory, {filename: failures})


def _rename_into_place(tmp_path, work_directory, filename):
    path = os.path.join(work_directory, filename)
    try:
        os.replace(tmp_path, path)
    except OSError as e:
        os.unlink(tmp_path)
        raise BadFileError("%s: cannot be written: %s" % (path, e.strerror)) from None
    return path


def _missing_message(work_directory, failures):
    lines = ["MNIST data files are missing from %s and could not be downloaded:"
             % os.path.abspath(work_directory)]
    for filename, tries in failures.items():
        lines.append("  %s" % filename)
        for url, reason in tries:
            lines.append("    tried %s: %s" % (url, reason))
    lines.append("To use a copy you already have, place the files (gzipped or not) "
                 "in that folder, or point --data_dir (or MNIST_DATA_DIR) at the folder "
                 "that holds them: " + ", ".join(FILES) + ".")
    return "\n".join(lines)


def _maybe_download_all(work_directory, source_url, sha256sums):
    """Downloads every missing file; raises one error naming all that failed."""
    paths, failures = {}, {}
    for filename in FILES:
        try:
            paths[filename] = maybe_download(filename, work_directory, source_url, sha256sums)
        except MissingFilesError as e:
            failures.update(e.failures)
    if failures:
        raise MissingFilesError(work_directory, failures)
    return paths


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
    paths = _maybe_download_all(train_dir, source_url, sha256sums)

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
