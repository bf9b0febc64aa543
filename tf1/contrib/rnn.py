"""``tf.contrib.rnn``: TensorFlow's own v1 RNN cells and functions, under TF 1's names.

The cells are TensorFlow's ``tf.nn.rnn_cell`` ones (which live in tf_keras now),
the functions ``tf.nn``'s. Built in a ``variable_scope``, they make TF 1's variable
names (``rnn/basic_lstm_cell/kernel``, ...), so a TF 1 checkpoint of an LSTM restores.
Only ``stack_bidirectional_dynamic_rnn`` and ``stack_bidirectional_rnn`` were
contrib's own: they are written here, on ``tf.nn``'s bidirectional functions, with
TF 1's scopes (``stack_bidirectional_rnn/cell_0/bidirectional_rnn/fw/...``).
"""

from tf1.compat import tf

CELLS = ("RNNCell", "BasicRNNCell", "BasicLSTMCell", "LSTMCell", "GRUCell",
         "MultiRNNCell", "DropoutWrapper", "ResidualWrapper", "DeviceWrapper",
         "LSTMStateTuple")
FUNCTIONS = ("static_rnn", "static_bidirectional_rnn", "static_state_saving_rnn")


def names():
    """{TF 1 name: TensorFlow's object} for the cells and functions above."""
    found = {name: getattr(tf.nn.rnn_cell, name) for name in CELLS}
    found.update((name, getattr(tf.nn, name)) for name in FUNCTIONS)
    found.update(stack_bidirectional_dynamic_rnn=stack_bidirectional_dynamic_rnn,
                 stack_bidirectional_rnn=stack_bidirectional_rnn)
    return found


def _check_stack(cells_fw, cells_bw, initial_states_fw, initial_states_bw):
    if not cells_fw or not cells_bw:
        raise ValueError("Must specify at least one fw and one bw cell.")
    if len(cells_fw) != len(cells_bw):
        raise ValueError("Forward and Backward cells must have the same depth.")
    for states in (initial_states_fw, initial_states_bw):
        if states is not None and len(states) != len(cells_fw):
            raise ValueError("Initial states must be given for every cell, or none.")


def _stacked(bidirectional, join, cells_fw, cells_bw, inputs, initial_states_fw,
             initial_states_bw, scope, **kwargs):
    """Layer after layer of ``bidirectional`` RNNs, each reading the one below."""
    _check_stack(cells_fw, cells_bw, initial_states_fw, initial_states_bw)
    states_fw, states_bw = [], []
    layer = inputs
    with tf.variable_scope(scope or "stack_bidirectional_rnn"):
        for i, (cell_fw, cell_bw) in enumerate(zip(cells_fw, cells_bw)):
            with tf.variable_scope("cell_%d" % i):
                outputs, state_fw, state_bw = bidirectional(
                    cell_fw, cell_bw, layer,
                    initial_state_fw=initial_states_fw[i] if initial_states_fw else None,
                    initial_state_bw=initial_states_bw[i] if initial_states_bw else None,
                    **kwargs)
                layer = join(outputs)
            states_fw.append(state_fw)
            states_bw.append(state_bw)
    return layer, tuple(states_fw), tuple(states_bw)


def stack_bidirectional_dynamic_rnn(cells_fw, cells_bw, inputs, initial_states_fw=None,
                                    initial_states_bw=None, dtype=None,
                                    sequence_length=None, parallel_iterations=None,
                                    time_major=False, scope=None, swap_memory=False):
    """Stacked bidirectional dynamic RNNs: each layer's forward and backward outputs,
    concatenated, are the next layer's input. Returns (outputs, states_fw, states_bw)."""
    def bidirectional(cell_fw, cell_bw, layer, **kwargs):
        (out_fw, out_bw), (state_fw, state_bw) = tf.nn.bidirectional_dynamic_rnn(
            cell_fw, cell_bw, layer, **kwargs)
        return (out_fw, out_bw), state_fw, state_bw
    return _stacked(bidirectional, lambda outputs: tf.concat(outputs, 2), cells_fw,
                    cells_bw, inputs, initial_states_fw, initial_states_bw, scope,
                    dtype=dtype, sequence_length=sequence_length,
                    parallel_iterations=parallel_iterations, time_major=time_major,
                    swap_memory=swap_memory)


def stack_bidirectional_rnn(cells_fw, cells_bw, inputs, initial_states_fw=None,
                            initial_states_bw=None, dtype=None, sequence_length=None,
                            scope=None):
    """The same with static RNNs over a list of inputs: returns (outputs, a list of
    [batch, fw + bw] tensors; states_fw, states_bw)."""
    return _stacked(tf.nn.static_bidirectional_rnn, lambda outputs: outputs, cells_fw,
                    cells_bw, inputs, initial_states_fw, initial_states_bw, scope,
                    dtype=dtype, sequence_length=sequence_length)
