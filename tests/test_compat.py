"""TensorFlow set up as TF 1 (tf1.compat): graph mode, and static shapes whose
items are TF 1's ``Dimension`` (``shape[1].value``), as TF 1.15 gave them, while
``as_list()`` stays plain ints and TensorFlow's, tf_keras' and the Estimator's own
code keep working (the rest of the suite)."""

from tests.helpers import recorded, run_program
from tf1 import tf


def test_a_programs_dimension_uses_print_what_tf_1_15_printed(tmp_path):
    assert run_program("dimensions.py", cwd=tmp_path) == recorded("dimensions")


def test_graph_mode_and_dimensions_in_process():
    assert not tf.executing_eagerly()
    shape = tf.placeholder(tf.float32, [None, 28, 28, 1]).get_shape()
    assert isinstance(shape[1], tf.Dimension) and shape[1].value == 28
    assert shape[0].value is None and shape.as_list() == [None, 28, 28, 1]
    assert type(shape.as_list()[1]) is int
    assert (shape[1] * shape[2]).value == 784
    assert tf.compat.dimension_value(shape[3]) == 1


def test_tf_layers_and_keras_code_take_dimensions():
    with tf.Graph().as_default():
        x = tf.placeholder(tf.float32, [None, 12])
        dense = tf.layers.dense(x, x.get_shape()[1] // 3)  # a Dimension as units
        assert dense.get_shape().as_list() == [None, 4]
        zeros = tf.zeros([x.get_shape()[1], 2])
        assert zeros.get_shape().as_list() == [12, 2]
