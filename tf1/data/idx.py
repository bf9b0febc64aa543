"""The IDX file format of MNIST: headers checked, contents streamed, gzip or not.

``extract_images`` and ``extract_labels`` read one file each, as
``tensorflow.examples.tutorials.mnist.input_data``'s functions of those names did,
and check everything before trusting it: the magic number, the header's sizes
against what the file (or a gzip of its length) can hold, exact byte counts,
28x28 images, labels 0..9. A bad file raises :class:`BadFileError` naming the
file and the fault. NumPy only.
"""

import gzip
import math
import os
import struct
import zlib

import numpy as np

from tf1.errors import Error

IMAGE_SHAPE = (28, 28)
IMAGE_MAGIC = 2051
LABEL_MAGIC = 2049
NUM_CLASSES = 10
# deflate compresses at most about 1032:1; a header that declares more than that
# many bytes per stored byte is a lie (or a decompression bomb).
MAX_GZIP_RATIO = 1032


class MNISTError(Error):
    """Base class of the errors this module raises about its files."""


class BadFileError(MNISTError, ValueError):
    """A data file exists but is not a valid IDX file of the expected kind."""


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


def read_idx(f, magic_expected, ndims, what):
    """Reads an IDX file (a path or a binary file object, gzipped or not).

    The header is read and checked first, then exactly the bytes it declares,
    streamed: a header that declares more than the file can hold is refused
    before anything is decompressed. Returns ``(dims, uint8 array)``.
    """
    if isinstance(f, (str, bytes, os.PathLike)):
        try:
            with open(f, "rb") as fobj:
                return read_idx(fobj, magic_expected, ndims, what)
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
    (num, rows, cols), images = read_idx(f, IMAGE_MAGIC, 3, "image")
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
    _, labels = read_idx(f, LABEL_MAGIC, 1, "label")
    if labels.size and labels.max() >= num_classes:
        bad = int(np.argmax(labels >= num_classes))
        raise BadFileError("%s: label %d at index %d is out of range: labels must be "
                           "0..%d" % (name, labels[bad], bad, num_classes - 1))
    if one_hot:
        return dense_to_one_hot(labels, num_classes)
    return labels
