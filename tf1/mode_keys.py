"""``tf.estimator.ModeKeys``: the modes a ``model_fn`` is called in."""


class ModeKeys(object):
    """The three modes a ``model_fn`` is called in."""
    TRAIN = "train"
    EVAL = "eval"
    PREDICT = "infer"
