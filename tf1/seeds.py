"""TF 1's seeds in TF 1 graphs: the same graph seed gives the same random numbers.

A random op with no seed of its own, in a graph with a seed, took in TF 1 the
pair (graph seed, the op's id): how many ops the graph held when it was made
(``Graph._last_id``). TensorFlow 2 counts the random ops of each graph instead,
so every seeded TF 1 program draws other numbers. Here, in graph mode, the op id
is TF 1's again: the graph's op count, plus a correction for each call that
TensorFlow 2.21 builds with another number of ops than TF 1.15 did, so that
every later op's seed is still TF 1.15's. Explicit op seeds and eager code keep
TensorFlow 2's rules.

What is corrected, and why (each a private name listed in :mod:`tf1.internals`;
"before" are ops TF 1.15 made ahead of the call's random op, which count for its
own seed, "after" ops that count only for later ones):

=================================  =====================================  ==================
call                               TF 1.15 made                           TF 2.21 makes
=================================  =====================================  ==================
``random_uniform`` on [0, 1)       ``min``, ``max`` before; ``sub``,      neither
                                   ``mul``, ``add`` after
``random_uniform(maxval=m)``       ``sub``, ``mul``, ``add`` after        ``mul``
``dropout``                        ``rate`` (a number), ``min``, ``max``  a scale and
                                   before; 12 ops from the random op on   ``x * scale``
                                                                          before; 4 or 5
``convolution`` (``tf.layers``,    a ``dilation_rate`` constant           none
contrib's ``conv2d``)
``Flatten`` (``tf.layers``,        ``shape(x)[0]``, 6 ops more, where     a constant shape
contrib's ``flatten``)             the batch size is unknown
``split`` into N (the RNN cells)   N as an unused constant                none
``TensorArray.size``               a ``TensorArraySizeV3`` op             none where known
``numpy_input_fn``                 a queue, its runner, a summary and a   a ``tf.data``
                                   dequeue (:func:`made_as_tf1`)          pipeline
=================================  =====================================  ==================

And a rule TF 1.15 did not have: in a graph with a seed, ``while_loop`` runs one
iteration at a time (:func:`one_at_a_time`), so that stateful random ops in a loop
draw in order and the program repeats.
"""

import contextlib
import functools
import inspect
import numbers
import sys
import weakref

from tf1 import internals
from tf1.compat import tf

_SEED_DICT = ("tensorflow.python.framework.random_seed", "_graph_to_seed_dict")
_UNIFORM = ("tensorflow.python.ops.random_ops", "random_uniform")
_DROPOUT = ("tensorflow.python.ops.nn_ops", "_dropout")
_CONVOLUTION = ("tensorflow.python.ops.nn_ops", "convolution_internal")
_GEN_SPLIT = ("tensorflow.python.ops.gen_array_ops", "split")
_SPLIT = ("tensorflow.python.ops.array_ops", "split")
_TA_SIZE = ("tensorflow.python.ops.tensor_array_ops", "_GraphTensorArray.size")
_WHILE = ("tensorflow.python.ops.while_loop", "while_loop")
_FLATTEN = (("tensorflow.python.keras.layers.core", "Flatten.call"),
            ("tf_keras.src.layers.reshaping.flatten", "Flatten.call"))


_SPLIT_CODE = inspect.unwrap(internals.get(*_SPLIT)).__code__


class _Count(object):
    """One graph's TF 1 op count is its own plus ``offset``; ``depth``: corrected
    calls open (a call inside a corrected one is counted by the outer one)."""

    def __init__(self):
        self.offset, self.depth = 0, 0


_COUNTS = weakref.WeakKeyDictionary()


def _count(graph):
    found = _COUNTS.get(graph)
    if found is None:
        found = _COUNTS[graph] = _Count()
    return found


def _ops(graph):
    """How many ops ``graph`` holds (TF 1.15 called the last one's id ``_last_id``)."""
    return graph.num_operations()


def tf1_op_count(graph):
    """How many ops TF 1.15 would hold in ``graph`` now: its ``_last_id``."""
    return _ops(graph) + _count(graph).offset


class _OpIds(weakref.WeakKeyDictionary):
    """Stands in for TensorFlow's per-graph count of random ops, which
    ``get_seed`` reads (``setdefault``) and steps (``+= 1``): it answers TF 1's
    op id instead, and stepping it changes nothing."""

    def setdefault(self, graph, default=None):
        return tf1_op_count(graph)

    def __getitem__(self, graph):
        return 0

    def __setitem__(self, graph, value):
        pass


def corrected(original, plan):
    """``original`` with TF 1's op count kept. ``plan(*args, **kwargs)`` gives, for
    a call, (how many more ops TF 1.15 had made than this call has when its random
    op takes its seed, how many more it made in all, or a function of how many
    this call made that says so), or None for none."""
    @functools.wraps(original)
    def keeping_count(*args, **kwargs):
        if tf.executing_eagerly():
            return original(*args, **kwargs)
        graph = tf.get_default_graph()
        count = _count(graph)
        the_plan = None if count.depth else plan(*args, **kwargs)
        if the_plan is None:
            return original(*args, **kwargs)
        before, total = the_plan
        offset, own = count.offset, _ops(graph)
        count.depth += 1
        count.offset = offset + before
        try:
            return original(*args, **kwargs)
        finally:
            count.depth -= 1
            count.offset = offset + (total(_ops(graph) - own) if callable(total) else total)
    return keeping_count


@contextlib.contextmanager
def made_as_tf1(count):
    """Whatever the block builds in the default graph, counts as the ``count`` ops
    TF 1.15 built for the same thing (``numpy_input_fn``'s queue, say)."""
    graph = tf.get_default_graph()
    state = _count(graph)
    start = tf1_op_count(graph)
    state.depth += 1
    try:
        yield
    finally:
        state.depth -= 1
        state.offset = start + count - _ops(graph)


def _uniform_plan(shape, minval=0, maxval=None, dtype=tf.float32, seed=None, name=None):
    """random_uniform: TF 2.21 leaves out min and max on [0, 1), and sub and add
    whenever minval is 0."""
    if tf.as_dtype(dtype).is_integer or not (isinstance(minval, int) and minval == 0):
        return None
    if maxval is None or (isinstance(maxval, int) and maxval == 1):
        return 2, 5
    return 0, 2


def _dropout_plan(x, rate, noise_shape, uniform_sampler, dummy_rng_step, name=None,
                  default_name="dropout"):
    """dropout: before its random op TF 1.15 made ``rate`` (for a number), ``min``
    and ``max`` where TF 2.21 makes a scale and ``x * scale`` (2 ops for a number
    rate, 3 for a tensor); from it on, 12 ops where TF 2.21 makes 5 (4 for a tensor)."""
    if isinstance(rate, numbers.Real):
        return None if rate == 0 else (1 + 2 - 2, 1 + 2 - 2 + 12 - 5)
    # x's dtype read without converting it: a conversion here would add an op
    if tf.is_tensor(rate) and rate.dtype == getattr(x, "dtype", None):
        return 2 - 3, 2 - 3 + 12 - 4
    return None


def _convolution_plan(*args, **kwargs):
    """convolution: TF 1.15's ``Convolution`` made a ``dilation_rate`` constant."""
    return 0, 1


def _flatten_plan(layer, inputs, *args, **kwargs):
    """Flatten: TF 1.15 reshaped to (shape(x)[0], -1) where the batch size was
    unknown: Shape, a strided slice (4 ops), a constant and a Pack more than the
    constant shape TF 2.21 reshapes to."""
    shape = tf.convert_to_tensor(inputs).get_shape()
    if shape.ndims is None or getattr(layer, "data_format", None) == "channels_first":
        return None
    return 0, 6 if tf.compat.dimension_value(shape[0]) is None else 0


def _split_plan(*args, **kwargs):
    """split into N: TF 1.15's ``array_ops.split`` made N a constant first, unused."""
    caller = sys._getframe(2).f_code
    return (0, 1) if caller is _SPLIT_CODE else None


def _size_plan(*args, **kwargs):
    """TensorArray.size: TF 1.15 always made a TensorArraySizeV3 op; TF 2.21 makes
    none (or a constant) where the size is known."""
    return 0, lambda made: 1 - made


def one_at_a_time(original):
    """``while_loop`` running one iteration at a time in a graph with a seed: its
    stateful random ops (a DropoutWrapper's in ``dynamic_rnn``) then draw in the
    iterations' order, so the program repeats. TF 1.15 ran up to 10 (32 in
    ``dynamic_rnn``) at once, and drew in whatever order they ran: seeded, it did
    not repeat."""
    @functools.wraps(original)
    def while_loop(*args, **kwargs):
        if not tf.executing_eagerly() and tf.get_default_graph().seed is not None:
            kwargs["parallel_iterations"] = 1
            if len(args) > 4:  # (cond, body, loop_vars, shape_invariants, parallel_...)
                args = args[:4] + args[5:]
        return original(*args, **kwargs)
    return while_loop


CORRECTIONS = ((_UNIFORM, _uniform_plan), (_DROPOUT, _dropout_plan),
               (_CONVOLUTION, _convolution_plan), (_GEN_SPLIT, _split_plan),
               (_TA_SIZE, _size_plan)) + tuple(
                   (where, _flatten_plan) for where in _FLATTEN)


def install():
    """TF 1's op ids for graph seeds, and the corrections above; idempotent."""
    internals.replace(_SEED_DICT[0], _SEED_DICT[1], lambda original: _OpIds())
    for where, plan in CORRECTIONS:
        internals.replace(where[0], where[1], functools.partial(corrected, plan=plan))
    internals.replace(_WHILE[0], _WHILE[1], one_at_a_time)
