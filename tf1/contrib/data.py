"""``tf.contrib.data``: ``tf.data`` as TF 1 code reached it, from TF 1.2 on.

TF 1.2 and 1.3 had the input pipeline API only here (``tf.contrib.data.Dataset``,
``TextLineDataset``, ``Iterator``, ...) before TF 1.4 moved it to ``tf.data``; TF
1.15 had kept only the transformations that ``tf.data.experimental`` took over.
Both are given. TF 1.2-1.3's ``Dataset`` is ``tf.data``'s, with that release's
own spellings taken: ``map(f, num_threads=, output_buffer_size=)`` (TF 1.4
renamed them ``num_parallel_calls`` and a ``prefetch``) and
``dense_to_sparse_batch`` (now ``sparse_batch``). Every dataset it makes is of
the same class, so those spellings hold down a chain of transformations.
"""

import functools
import inspect

from tf1 import internals
from tf1.compat import tf

_ADAPTER = ("tensorflow.python.data.ops.dataset_ops", "DatasetV1Adapter")
_Adapter = internals.get(*_ADAPTER)


class Dataset(_Adapter):
    """TF 1.2-1.3's ``tf.contrib.data.Dataset``: a ``tf.compat.v1.data.Dataset``."""

    def map(self, map_func, num_threads=None, output_buffer_size=None,
            num_parallel_calls=None, **kwargs):
        """``map``; ``num_threads`` is ``num_parallel_calls``, ``output_buffer_size``
        a ``prefetch`` of that many elements."""
        mapped = _Adapter.map(self, map_func,
                              num_parallel_calls=num_parallel_calls or num_threads, **kwargs)
        if output_buffer_size is not None:
            mapped = mapped.prefetch(output_buffer_size)
        return _ours(mapped)

    def dense_to_sparse_batch(self, batch_size, row_shape):
        """``sparse_batch``, under TF 1.2's name."""
        return _ours(self.sparse_batch(batch_size, row_shape))


def _ours(value):
    """``value`` as a :class:`Dataset` where it is a dataset; else itself."""
    if isinstance(value, tf.compat.v2.data.Dataset) and not isinstance(value, Dataset):
        return Dataset(value)
    return value


def _keeping_class(method):
    """``method`` (or a reader), its datasets made :class:`Dataset`."""
    @functools.wraps(method)
    def kept(*args, **kwargs):
        return _ours(method(*args, **kwargs))
    return kept


def _wrap_methods(cls):
    """Every public method of ``tf.data.Dataset`` on ``cls`` that ``cls`` does not
    define itself, its datasets made of ``cls`` (static ones stay static)."""
    for name in dir(tf.data.Dataset):
        found = inspect.getattr_static(tf.data.Dataset, name)
        if name.startswith("_") or name in vars(cls):
            continue
        if isinstance(found, staticmethod):
            setattr(cls, name, staticmethod(_keeping_class(found.__func__)))
        elif inspect.isfunction(found):
            setattr(cls, name, _keeping_class(found))


_wrap_methods(Dataset)


def batch_and_drop_remainder(batch_size):
    """``Dataset.apply`` argument: batches of ``batch_size``, the last partial one
    dropped (``Dataset.batch(batch_size, drop_remainder=True)``)."""
    return lambda dataset: dataset.batch(batch_size, drop_remainder=True)


# contrib.data: tf.data, TF 1.2-1.3's Dataset and readers, and what
# tf.data.experimental took over.
NAMES = dict(
    Dataset=Dataset,
    TextLineDataset=_keeping_class(tf.data.TextLineDataset),
    TFRecordDataset=_keeping_class(tf.data.TFRecordDataset),
    FixedLengthRecordDataset=_keeping_class(tf.data.FixedLengthRecordDataset),
    Iterator=tf.data.Iterator,
    batch_and_drop_remainder=batch_and_drop_remainder,
    shuffle_and_repeat=tf.data.experimental.shuffle_and_repeat,
    map_and_batch=tf.data.experimental.map_and_batch,
    unbatch=tf.data.experimental.unbatch,
    parallel_interleave=tf.data.experimental.parallel_interleave,
    dense_to_sparse_batch=tf.data.experimental.dense_to_sparse_batch,
    ignore_errors=tf.data.experimental.ignore_errors,
    group_by_window=tf.data.experimental.group_by_window,
    bucket_by_sequence_length=tf.data.experimental.bucket_by_sequence_length,
    rejection_resample=tf.data.experimental.rejection_resample,
    scan=tf.data.experimental.scan,
    enumerate_dataset=tf.data.experimental.enumerate_dataset,
    get_single_element=tf.data.experimental.get_single_element,
    make_csv_dataset=tf.data.experimental.make_csv_dataset,
    sample_from_datasets=tf.data.experimental.sample_from_datasets,
    choose_from_datasets=tf.data.experimental.choose_from_datasets,
    prefetch_to_device=tf.data.experimental.prefetch_to_device,
    copy_to_device=tf.data.experimental.copy_to_device,
)
