"""A small MNIST that a model can learn, in real IDX files: for smoke tests offline.

Each class is a random binary pattern of its own plus noise, so a model that
learns anything separates the classes: a few dozen training steps beat chance
(10%) by a wide margin. The files are the four MNIST files under MNIST's names,
gzipped or not, so ``read_data_sets(folder)`` and the scripts' ``--data_dir``
read them as they read MNIST::

    from tf1.data import synthetic
    synthetic.write_mnist("/tmp/tiny_mnist")   # then --data_dir /tmp/tiny_mnist

No TensorFlow here.
"""

import gzip
import os
import struct

import numpy as np

from tf1.data.download import TEST_IMAGES, TEST_LABELS, TRAIN_IMAGES, TRAIN_LABELS
from tf1.data.idx import IMAGE_MAGIC, LABEL_MAGIC

NUM_TRAIN = 5600  # 5,000 go to validation, as in read_data_sets' default split
NUM_TEST = 500


def images_bytes(images):
    """The IDX encoding of a uint8 array [n, rows, cols]."""
    images = np.asarray(images, dtype=np.uint8)
    n, rows, cols = images.shape
    return struct.pack(">IIII", IMAGE_MAGIC, n, rows, cols) + images.tobytes()


def labels_bytes(labels):
    """The IDX encoding of a uint8 vector of labels."""
    labels = np.asarray(labels, dtype=np.uint8)
    return struct.pack(">II", LABEL_MAGIC, len(labels)) + labels.tobytes()


def _examples(n, rng, prototypes):
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
    train_images, train_labels = _examples(num_train, rng, prototypes)
    test_images, test_labels = _examples(num_test, rng, prototypes)
    contents = {
        TRAIN_IMAGES: images_bytes(train_images),
        TRAIN_LABELS: labels_bytes(train_labels),
        TEST_IMAGES: images_bytes(test_images),
        TEST_LABELS: labels_bytes(test_labels),
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
