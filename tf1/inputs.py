"""``tf.estimator.inputs.numpy_input_fn``, and the input pipelines' initializers.

An input pipeline here is a ``tf.data`` iterator that needs initializing once a
session exists. :func:`add_input_initializer` records such an initializer for
the graph being built; the Estimator runs them all through
:class:`InputInitializerHook`.
"""

from __future__ import absolute_import, division, print_function

import weakref

import numpy as np

from tf1.compat import tf

# graph -> names of the initializer ops of the input pipelines built in it. Kept
# out of the graph's collections, and by name, so that nothing here keeps a graph
# alive.
_INPUT_INITIALIZERS = weakref.WeakKeyDictionary()


def add_input_initializer(initializer):
    """Records ``initializer`` to be run when a session on the default graph starts."""
    _INPUT_INITIALIZERS.setdefault(tf.get_default_graph(), []).append(initializer.name)


def input_initializers(graph=None):
    """The initializer ops the input pipelines of ``graph`` (default: the default
    graph) need run once a session exists."""
    graph = graph or tf.get_default_graph()
    return [graph.get_operation_by_name(name) for name in _INPUT_INITIALIZERS.get(graph, ())]


class InputInitializerHook(tf.train.SessionRunHook):
    """Initializes the input pipelines of the current graph once the session exists."""

    def begin(self):
        self._initializers = input_initializers()

    def after_create_session(self, session, coord):
        if self._initializers:
            session.run(self._initializers)


def numpy_input_fn(x, y=None, batch_size=128, num_epochs=1, shuffle=None,
                   queue_capacity=1000, num_threads=1):
    """An input_fn that feeds batches of NumPy arrays through ``tf.data``.

    Args:
      x: a NumPy array, or a dict of them (the features).
      y: a NumPy array (the labels), or None.
      batch_size: examples per batch; the last batch of the input may be smaller.
      num_epochs: passes over the data; None for no end.
      shuffle: whether to shuffle the examples anew in every epoch. Must be given.
      queue_capacity, num_threads: accepted for compatibility; ``tf.data``
        prefetches instead.

    The arrays are neither stored in the graph nor copied into it: each batch
    is gathered from them as it is needed, so the graph and its checkpoints stay
    small and training holds no second copy of the data.
    """
    del queue_capacity, num_threads
    if not isinstance(shuffle, bool):
        raise ValueError("shuffle must be provided and explicitly set as boolean "
                         "(it is recommended to set it as True for training); got %r"
                         % (shuffle,))
    if batch_size is None or batch_size <= 0:
        raise ValueError("batch_size must be a positive integer, got %r" % (batch_size,))
    arrays = _named_arrays(x, y)

    def input_fn():
        with tf.name_scope("numpy_input"):
            return _batches(arrays, batch_size, num_epochs, shuffle)

    return input_fn


def _named_arrays(x, y):
    """``{name: array}`` of the features (``__x`` for a bare array) and ``__y``."""
    features = dict(x) if isinstance(x, dict) else {"__x": x}
    arrays = {k: np.asarray(v) for k, v in features.items()}
    if y is not None:
        arrays["__y"] = np.asarray(y)
    lengths = {k: len(v) for k, v in arrays.items()}
    if len(set(lengths.values())) != 1:
        raise ValueError("numpy_input_fn: x and y must have the same number of "
                         "examples, got %s" % {k.strip("_"): n for k, n in lengths.items()})
    if not next(iter(lengths.values())):
        raise ValueError("numpy_input_fn: x is empty")
    return arrays


def _batches(arrays, batch_size, num_epochs, shuffle):
    """The next batch of ``arrays``: indices drawn by ``tf.data``, rows gathered
    from the arrays where they are, so no copy of them is made in the graph."""
    num_examples = len(next(iter(arrays.values())))
    names = sorted(arrays)
    indices = tf.data.Dataset.range(num_examples)
    if shuffle:
        indices = indices.shuffle(num_examples, reshuffle_each_iteration=True)
    indices = indices.repeat(num_epochs).batch(batch_size)

    def gather(idx):
        rows = tf.numpy_function(lambda i: [arrays[k][i] for k in names], [idx],
                                 [tf.as_dtype(arrays[k].dtype) for k in names],
                                 name="gather_rows")
        batch = {}
        for k, part in zip(names, rows):
            part.set_shape([None] + list(arrays[k].shape[1:]))
            batch[k.strip("_") if k == "__y" else k] = part
        labels = batch.pop("y", None)
        feats = batch.pop("__x") if "__x" in batch else batch
        return feats if labels is None else (feats, labels)

    iterator = tf.data.make_initializable_iterator(indices.map(gather).prefetch(1))
    add_input_initializer(iterator.initializer)
    return iterator.get_next()
