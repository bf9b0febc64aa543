"""``tf.estimator.inputs.numpy_input_fn``, lean on memory and seedable.

TensorFlow's own ``numpy_input_fn`` feeds a queue from the arrays in a Python
thread whose shuffling draws from an unseeded NumPy generator, so two runs with
``RunConfig(tf_random_seed=...)`` see different batches, and its queues keep
copies of the data. This one takes the same arguments, makes the same checks
(TensorFlow's own, called from its package) and returns the same structures:
features (a tensor for an array ``x``, a dict for a dict), labels (a tensor, or a
dict for a dict ``y``), full batches when ``num_epochs`` is None and a last
partial batch otherwise (the batch dimension is left unknown in both cases).
Its batches are drawn by ``tf.data`` from the graph seed and gathered from the
arrays where they are: no copy of the data is made.

Its input pipeline starts with a local variable, so whatever initializes local
variables starts it: the Estimator, ``tf.train.MonitoredTrainingSession`` (its
Scaffold does), or ``sess.run(tf.local_variables_initializer())`` in a plain
session. Like TF 1's queue-based version it also puts a queue runner in
``QUEUE_RUNNERS``, so ``tf.train.start_queue_runners(sess)`` alone starts it too
(:class:`StartsInput`); whichever comes first starts it, once.
"""

import numpy as np

from tf1 import internals, seeds
from tf1.estimator import real  # noqa: F401  (makes the package importable)
from tf1.compat import tf

_NUMPY_IO = "tensorflow_estimator.python.estimator.inputs.numpy_io"
# TF 1.15's numpy_input_fn built a queue, its runner's 2 close ops, a summary of
# how full it was (10 ops) and a dequeue (2), plus, per thread, a placeholder per
# array and one for the index, and an enqueue: later ops' seeds count them.
_TF1_OPS = 1 + 2 + 10 + 2


def numpy_input_fn(x, y=None, batch_size=128, num_epochs=1, shuffle=None,
                   queue_capacity=1000, num_threads=1):
    """Returns an input_fn that yields batches of ``x`` (and ``y``).

    Args:
      x: a NumPy array, or a dict of them (the features).
      y: a NumPy array or a dict of them (the labels), or None.
      batch_size: examples per batch.
      num_epochs: passes over the data; None repeats it for ever.
      shuffle: whether to shuffle the examples anew in every epoch. Must be given.
      queue_capacity, num_threads: accepted as TF 1 did; ``tf.data`` prefetches
        one batch instead (the ops TF 1 built for them still count for the
        graph's later seeds: :mod:`tf1.seeds`).
    """
    del queue_capacity
    if not isinstance(shuffle, bool):
        raise ValueError("shuffle must be provided and explicitly set as boolean "
                         "(it is recommended to set it as True for training); "
                         "got {}".format(shuffle))

    def input_fn():
        arrays, feature_keys, target_keys = _named_arrays(x, y)
        with seeds.made_as_tf1(_TF1_OPS + num_threads * (len(arrays) + 2)), \
                tf.name_scope("numpy_input"):
            batch = _next_batch(arrays, batch_size, num_epochs, shuffle)
        features = (batch[feature_keys[0]] if isinstance(x, np.ndarray)
                    else {k: batch[k] for k in feature_keys})
        if target_keys is None:
            return features
        if isinstance(target_keys, str):
            return features, batch[target_keys]
        return features, {k: batch[k] for k in target_keys}

    return input_fn


def _named_arrays(x, y):
    """``(arrays by name, feature names, target name(s))``, checked as TF 1 did."""
    arrays = internals.get(_NUMPY_IO, "_validate_and_convert_features")(x)
    feature_keys = list(arrays)
    if y is None:
        target_keys = None
    elif isinstance(y, dict):
        if not y:
            raise ValueError("y cannot be empty dict, use None instead.")
        target_keys = sorted(y)
        duplicates = set(feature_keys) & set(target_keys)
        if duplicates:
            raise ValueError("{} duplicate keys are found in both x and y: {}"
                             .format(len(duplicates), duplicates))
        arrays.update((k, y[k]) for k in target_keys)
    else:
        target_keys = internals.get(_NUMPY_IO, "_get_unique_target_key")(arrays)
        arrays[target_keys] = y
    if len({np.shape(v)[0] for v in arrays.values()}) != 1:
        raise ValueError("Length of tensors in x and y is mismatched. All elements in "
                         "x and y must have the same length.\nShapes: {}".format(
                             {k: np.shape(v) for k, v in arrays.items()}))
    return {k: np.asarray(v) for k, v in arrays.items()}, feature_keys, target_keys


def _next_batch(arrays, batch_size, num_epochs, shuffle):
    """The next batch of ``arrays``: indices drawn by ``tf.data``, rows gathered
    from the arrays where they are."""
    names = list(arrays)
    num_examples = len(arrays[names[0]])
    indices = tf.data.Dataset.range(num_examples)
    if shuffle:
        indices = indices.shuffle(num_examples, reshuffle_each_iteration=True)
    # The batch dimension stays unknown, as in dequeue_up_to: a static one makes
    # TensorFlow's graph optimizer plan more memory for the conv net (measured).
    indices = indices.repeat(num_epochs).batch(batch_size)

    def gather(idx):
        rows = tf.numpy_function(lambda i: [arrays[k][i] for k in names], [idx],
                                 [tf.as_dtype(arrays[k].dtype) for k in names],
                                 name="gather_rows")
        for k, part in zip(names, rows):
            part.set_shape([None] + list(arrays[k].shape[1:]))
        return dict(zip(names, rows))

    iterator = tf.data.make_initializable_iterator(indices.map(gather).prefetch(1))
    _start_with_local_variables(iterator.initializer)
    return iterator.get_next()


def _start_with_local_variables(initializer):
    """Runs ``initializer`` whenever the graph's local variables are initialized,
    or once when the queue runners are started (TF 1's queue-based pattern)."""
    with tf.control_dependencies([initializer]):
        started = tf.identity(True)
    flag = tf.Variable(started, trainable=False, name="input_started",
                       collections=[tf.GraphKeys.LOCAL_VARIABLES])
    tf.add_to_collection(tf.GraphKeys.QUEUE_RUNNERS, StartsInput(flag))


class StartsInput(tf.train.QueueRunner):
    """The queue runner TF 1's numpy_input_fn put in ``QUEUE_RUNNERS``, standing in
    for its feeding thread: ``tf.train.start_queue_runners(sess)`` (and every
    MonitoredSession) starts the input here, unless the local variables already
    have. It starts no thread. Its queue only gives it a QueueRunnerDef for the
    exported graph: one enqueue fills it, and then a runner made from that waits.
    """

    def __init__(self, started):
        queue = tf.FIFOQueue(1, tf.bool, name="input_starter")
        super().__init__(queue, [queue.enqueue(True)])
        self._started = started
        self._is_started = tf.is_variable_initialized(started)
        self._is_started.mark_used()  # run by create_threads, if ever: no warning

    def create_threads(self, sess, coord=None, daemon=False, start=False):
        """Starts the input in ``sess`` if it has not started; returns no thread."""
        if not sess.run(self._is_started):
            sess.run(self._started.initializer)
        return []
