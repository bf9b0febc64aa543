"""TF 1 code that imports contrib's modules by their own paths, as contrib's docs and
examples did, and builds with them: a conv net under arg_scope from the layers
module, an LSTM cell from the rnn ops, the reader from contrib.learn's datasets,
an HParams from its module."""
import tensorflow as tf
from tensorflow.contrib.framework.python.ops import variables as contrib_variables
from tensorflow.contrib.framework.python.ops.arg_scope import add_arg_scope, arg_scope
from tensorflow.contrib.layers.python.layers import initializers, regularizers
from tensorflow.contrib.layers.python.layers import layers as layers_lib
from tensorflow.contrib.layers.python.layers import utils
from tensorflow.contrib.learn.python.learn.datasets.mnist import read_data_sets
from tensorflow.contrib.learn.python.learn.estimators import run_config
from tensorflow.contrib.rnn.python.ops import core_rnn_cell, rnn_cell
from tensorflow.contrib.slim.python.slim import learning
from tensorflow.contrib.training.python.training import hparam


@add_arg_scope
def scaled(x, factor=1.0):
    return x * factor


images = tf.placeholder(tf.float32, [None, 28, 28, 1])
with arg_scope([layers_lib.conv2d, layers_lib.fully_connected],
               weights_initializer=initializers.xavier_initializer(),
               weights_regularizer=regularizers.l2_regularizer(1e-4)), \
        arg_scope([scaled], factor=2.0):
    net = layers_lib.conv2d(images, 8, [5, 5], scope="conv1")
    net = layers_lib.max_pool2d(net, [2, 2], scope="pool1")
    net = scaled(layers_lib.flatten(net))
    logits = layers_lib.fully_connected(net, 10, activation_fn=None, scope="logits")
cell = core_rnn_cell.BasicLSTMCell(16)
step = contrib_variables.get_or_create_global_step()
print("logits", logits.get_shape().as_list(), utils.last_dimension(logits.get_shape()))
print("regularizers", len(tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES)))
print("cell", type(cell).__name__, rnn_cell.LSTMCell is core_rnn_cell.LSTMCell)
print("step", step.op.name, callable(learning.create_train_op), callable(read_data_sets))
print("config", run_config.RunConfig(tf_random_seed=3).tf_random_seed)
print("hparams", hparam.HParams(batch_size=8).batch_size)
