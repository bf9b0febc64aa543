"""What TF 1's ``contrib.layers`` and ``contrib.framework`` had that tf-slim lacks,
given as TensorFlow's own equivalents under TF 1's names, with TF 1's defaults.

The feature columns of ``contrib.layers`` (``real_valued_column``, ...) are
``tf.feature_column``'s; the handful of ``contrib.framework`` helpers tf-slim
does not carry are ``tf.train``'s and ``tf``'s, and so are ``contrib.util``'s and
``contrib.data``'s (``tf.data`` and ``tf.data.experimental``).
Everything else under those names is tf-slim's own (:mod:`tf1.contrib.slim`).
"""

from tf1.compat import tf


def real_valued_column(column_name, dimension=1, default_value=None, dtype=tf.float32,
                       normalizer=None):
    """A dense column of ``dimension`` floats: ``tf.feature_column.numeric_column``."""
    return tf.feature_column.numeric_column(
        column_name, shape=(dimension,), default_value=default_value, dtype=dtype,
        normalizer_fn=normalizer)


def sparse_column_with_hash_bucket(column_name, hash_bucket_size, combiner="sum",
                                   dtype=tf.string):
    """``tf.feature_column.categorical_column_with_hash_bucket`` (TF 1's combiner
    belongs to the embedding column now, and is accepted here)."""
    del combiner
    return tf.feature_column.categorical_column_with_hash_bucket(
        column_name, hash_bucket_size, dtype=dtype)


def sparse_column_with_keys(column_name, keys, default_value=-1, combiner="sum",
                            dtype=tf.string):
    """``tf.feature_column.categorical_column_with_vocabulary_list``."""
    del combiner
    return tf.feature_column.categorical_column_with_vocabulary_list(
        column_name, keys, dtype=dtype, default_value=default_value)


def sparse_column_with_integerized_feature(column_name, bucket_size, combiner="sum",
                                           dtype=tf.int64):
    """``tf.feature_column.categorical_column_with_identity``."""
    del combiner, dtype
    return tf.feature_column.categorical_column_with_identity(column_name, bucket_size)


def embedding_column(sparse_id_column, dimension, combiner="mean", initializer=None,
                     ckpt_to_load_from=None, tensor_name_in_ckpt=None, max_norm=None,
                     trainable=True):
    """``tf.feature_column.embedding_column``."""
    return tf.feature_column.embedding_column(
        sparse_id_column, dimension, combiner=combiner, initializer=initializer,
        ckpt_to_load_from=ckpt_to_load_from, tensor_name_in_ckpt=tensor_name_in_ckpt,
        max_norm=max_norm, trainable=trainable)


LAYERS = dict(
    real_valued_column=real_valued_column,
    sparse_column_with_hash_bucket=sparse_column_with_hash_bucket,
    sparse_column_with_keys=sparse_column_with_keys,
    sparse_column_with_integerized_feature=sparse_column_with_integerized_feature,
    embedding_column=embedding_column,
    bucketized_column=tf.feature_column.bucketized_column,
    crossed_column=tf.feature_column.crossed_column,
    one_hot_column=tf.feature_column.indicator_column,
)

FRAMEWORK = dict(
    get_global_step=tf.train.get_global_step,
    init_from_checkpoint=tf.train.init_from_checkpoint,
    list_variables=tf.train.list_variables,
    load_variable=tf.train.load_variable,
    is_tensor=tf.is_tensor,
    convert_to_tensor_or_sparse_tensor=tf.convert_to_tensor_or_sparse_tensor,
    nest=tf.nest,
)

UTIL = dict(
    constant_value=tf.get_static_value,
    make_tensor_proto=tf.make_tensor_proto,
    make_ndarray=tf.make_ndarray,
)
