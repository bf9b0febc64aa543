"""tf.contrib.data (tf1.contrib.data): TF 1.2-1.3's Dataset, whose spellings hold
down a chain of transformations, its readers, and TF 1.15's transformations."""

import numpy as np

from tests.helpers import run_program
from tf1 import tf
from tf1.contrib.data import Dataset


def values(dataset):
    next_element = dataset.make_one_shot_iterator().get_next()
    found = []
    with tf.Session() as sess:
        while True:
            try:
                found.append(sess.run(next_element))
            except tf.errors.OutOfRangeError:
                return found


def test_the_class_and_the_tf_1_3_spellings_hold_down_a_chain():
    with tf.Graph().as_default():
        dataset = tf.contrib.data.Dataset.range(10).map(
            lambda x: x * 2, num_threads=2, output_buffer_size=4).filter(
            lambda x: x > 4).batch(3)
        assert isinstance(dataset, Dataset) and isinstance(dataset, tf.data.Dataset)
        assert [list(v) for v in values(dataset.map(lambda x: x + 1, num_threads=1))] == [
            [7, 9, 11], [13, 15, 17], [19]]
        sparse = Dataset.from_tensor_slices(np.array([[1, 2], [3, 4]])).dense_to_sparse_batch(
            2, [2])
        assert isinstance(sparse, Dataset)


def test_the_readers_and_the_iterator(tmp_path):
    path = tmp_path / "lines.txt"
    path.write_text("a\nbb\n")
    with tf.Graph().as_default():
        lines = tf.contrib.data.TextLineDataset([str(path)])
        assert isinstance(lines, Dataset)
        iterator = tf.contrib.data.Iterator.from_structure(lines.output_types,
                                                           lines.output_shapes)
        assert iterator.make_initializer(lines.map(tf.strings.upper)) is not None
        assert values(lines) == [b"a", b"bb"]


def test_tf_1_15s_transformations_are_tf_data_experimentals():
    assert tf.contrib.data.shuffle_and_repeat is tf.data.experimental.shuffle_and_repeat
    with tf.Graph().as_default():
        dataset = tf.data.Dataset.range(5).apply(
            tf.contrib.data.batch_and_drop_remainder(2))
        assert [list(v) for v in values(dataset)] == [[0, 1], [2, 3]]


def test_a_tf_1_3_program_learns(mnist_dir, tmp_path):
    lines = run_program("tf13_style.py", mnist_dir, 150, cwd=tmp_path)
    assert float(lines[-1].split()[-1]) >= 0.8, lines
