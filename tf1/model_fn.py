"""``tf.estimator.EstimatorSpec``: what a ``model_fn`` returns."""

from __future__ import absolute_import, division, print_function

import collections

from tf1.compat import tf
from tf1.mode_keys import ModeKeys


class EstimatorSpec(collections.namedtuple("EstimatorSpec", [
        "mode", "predictions", "loss", "train_op", "eval_metric_ops",
        "export_outputs", "training_chief_hooks", "training_hooks", "scaffold",
        "evaluation_hooks", "prediction_hooks"])):
    """What a ``model_fn`` returns: the ops an Estimator runs in ``mode``.

    TRAIN needs ``loss`` and ``train_op``; EVAL needs ``loss``; PREDICT needs
    ``predictions``. ``eval_metric_ops`` maps names to ``(value, update_op)``
    pairs such as ``tf.metrics.accuracy`` returns.
    """

    def __new__(cls, mode, predictions=None, loss=None, train_op=None,
                eval_metric_ops=None, export_outputs=None, training_chief_hooks=None,
                training_hooks=None, scaffold=None, evaluation_hooks=None,
                prediction_hooks=None):
        _check_mode_needs(mode, predictions, loss, train_op)
        if loss is not None and mode != ModeKeys.PREDICT:
            loss = _scalar_loss(loss)
        eval_metric_ops = dict(eval_metric_ops or {})
        for name, pair in eval_metric_ops.items():
            if not (isinstance(pair, (tuple, list)) and len(pair) == 2):
                raise TypeError("EstimatorSpec: eval_metric_ops[%r] must be a (value, "
                                "update_op) pair, got %r" % (name, pair))
        return super(EstimatorSpec, cls).__new__(
            cls, mode, predictions, loss, train_op, eval_metric_ops, export_outputs,
            tuple(training_chief_hooks or ()), tuple(training_hooks or ()), scaffold,
            tuple(evaluation_hooks or ()), tuple(prediction_hooks or ()))


def _check_mode_needs(mode, predictions, loss, train_op):
    if mode not in (ModeKeys.TRAIN, ModeKeys.EVAL, ModeKeys.PREDICT):
        raise ValueError("EstimatorSpec: unknown mode %r; use ModeKeys.TRAIN, "
                         "ModeKeys.EVAL or ModeKeys.PREDICT" % (mode,))
    if mode == ModeKeys.TRAIN and train_op is None:
        raise ValueError("EstimatorSpec: missing train_op, which mode 'train' needs")
    if mode in (ModeKeys.TRAIN, ModeKeys.EVAL) and loss is None:
        raise ValueError("EstimatorSpec: missing loss, which mode %r needs" % mode)
    if mode == ModeKeys.PREDICT and predictions is None:
        raise ValueError("EstimatorSpec: missing predictions, which mode 'infer' needs")


def _scalar_loss(loss):
    loss = tf.convert_to_tensor(loss)
    if loss.shape.ndims not in (None, 0):
        if loss.shape.num_elements() != 1:
            raise ValueError("EstimatorSpec: loss must be a scalar, got shape %s"
                             % loss.shape)
        loss = tf.reshape(loss, [])
    return loss
