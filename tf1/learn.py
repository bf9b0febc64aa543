"""The ``tf.contrib.learn`` names used by the first edition of "A Guide to TF Layers".

Thin adapters over TensorFlow's own Estimator (as layered in :mod:`tf1.estimator.layered`) and
:mod:`tf1.input_data`. That edition's code runs with only its imports changed:

    import tensorflow as tf                      ->  from tf1 import tf
    from tensorflow.contrib import learn         ->  from tf1 import learn
    from tensorflow.contrib.learn.python.learn.estimators import model_fn as model_fn_lib
                                                 ->  from tf1.learn import model_fn as model_fn_lib

* ``learn.Estimator(model_fn, model_dir)`` with ``fit(x, y, batch_size, steps,
  monitors)``, ``evaluate(x, y, metrics)`` and ``predict(x)``;
* ``learn.ModeKeys.TRAIN / EVAL / INFER``;
* ``model_fn_lib.ModelFnOps(mode, predictions, loss, train_op)``;
* ``learn.metric_spec.MetricSpec(metric_fn, prediction_key)``;
* ``learn.datasets.load_dataset("mnist")``;
* ``tf.contrib.layers.optimize_loss`` and ``tf.contrib.framework.get_global_step``
  (through :mod:`tf1.tf`, see :data:`contrib`).
"""

import collections
import functools
import inspect
import types

import numpy as np

from tf1 import input_data as _input_data
from tf1.estimator import layered as _layered
from tf1.compat import tf
from tf1.estimator.real import estimator as _estimator
from tf1.estimator.numpy_input import numpy_input_fn


def accepted_args(fn, **optional):
    """The ``optional`` keyword arguments that ``fn``'s signature takes: a
    contrib.learn ``model_fn(features, labels, mode[, params][, config])``."""
    try:
        names = inspect.signature(fn).parameters
    except (TypeError, ValueError):
        names = ()
    return {name: value for name, value in optional.items() if name in names}


class ModeKeys(object):
    """The modes of a contrib.learn ``model_fn``; INFER is the Estimator's PREDICT."""
    TRAIN = _estimator.ModeKeys.TRAIN
    EVAL = _estimator.ModeKeys.EVAL
    INFER = _estimator.ModeKeys.PREDICT


class ModelFnOps(collections.namedtuple("ModelFnOps", [
        "mode", "predictions", "loss", "train_op", "eval_metric_ops",
        "output_alternatives", "training_chief_hooks", "training_hooks", "scaffold"])):
    """What a contrib.learn ``model_fn`` returns; becomes an ``EstimatorSpec``."""

    def __new__(cls, mode, predictions=None, loss=None, train_op=None,
                eval_metric_ops=None, output_alternatives=None,
                training_chief_hooks=None, training_hooks=None, scaffold=None):
        self = super(ModelFnOps, cls).__new__(
            cls, mode, predictions, loss, train_op, eval_metric_ops,
            output_alternatives, training_chief_hooks, training_hooks, scaffold)
        # Checked as the Estimator checks what it runs, at once, and kept.
        self._spec = _estimator.EstimatorSpec(
            mode=mode, predictions=predictions, loss=loss, train_op=train_op,
            eval_metric_ops=eval_metric_ops, training_chief_hooks=training_chief_hooks,
            training_hooks=training_hooks, scaffold=scaffold)
        return self

    def estimator_spec(self, extra_metric_ops=None):
        """The equivalent EstimatorSpec, with ``extra_metric_ops`` added."""
        if not extra_metric_ops:
            return self._spec
        metrics = dict(self._spec.eval_metric_ops)
        metrics.update(extra_metric_ops)
        return self._spec._replace(eval_metric_ops=metrics)


class MetricSpec(object):
    """Computes ``metric_fn`` on one prediction (and the labels) in evaluation."""

    def __init__(self, metric_fn, prediction_key=None, label_key=None, weight_key=None):
        self.metric_fn = metric_fn
        self.prediction_key = prediction_key
        self.label_key = label_key
        self.weight_key = weight_key

    def create_metric_ops(self, features, labels, predictions):
        """Returns ``(value, update_op)`` of the metric."""
        if isinstance(predictions, dict):
            if self.prediction_key is None:
                raise ValueError("MetricSpec: the model has several predictions %s; "
                                 "give prediction_key" % sorted(predictions))
            if self.prediction_key not in predictions:
                raise KeyError("MetricSpec: prediction_key %r is not among the "
                               "predictions %s" % (self.prediction_key,
                                                   sorted(predictions)))
            predictions = predictions[self.prediction_key]
        if isinstance(labels, dict):
            labels = labels[self.label_key]
        kwargs = {"labels": labels, "predictions": predictions}
        if self.weight_key is not None:
            kwargs["weights"] = features[self.weight_key]
        return self.metric_fn(**kwargs)


def _input_fn(x, y, input_fn, batch_size, num_epochs, shuffle):
    if input_fn is not None:
        if x is not None or y is not None:
            raise ValueError("Give either input_fn or x (and y), not both")
        return input_fn
    if x is None:
        raise ValueError("Give x (and y) or an input_fn")
    return numpy_input_fn(x, y, batch_size=batch_size or 128, num_epochs=num_epochs,
                          shuffle=shuffle)


class Estimator(object):
    """``tf.contrib.learn.Estimator``: ``fit``, ``evaluate`` and ``predict`` on arrays.

    ``model_fn(features, labels, mode[, params][, config])`` returns
    :class:`ModelFnOps`; features are passed as the plain tensor ``x`` was.
    """

    def __init__(self, model_fn=None, model_dir=None, config=None, params=None):
        self._user_model_fn = model_fn
        self._estimator = _layered.Estimator(
            functools.partial(self._model_fn, None), model_dir=model_dir, config=config,
            params=params or {})

    @property
    def model_dir(self):
        return self._estimator.model_dir

    @property
    def config(self):
        return self._estimator.config

    def _model_fn(self, metrics, features, labels, mode, params, config):
        """The user's model_fn, its ModelFnOps as an EstimatorSpec with ``metrics``."""
        ops = self._user_model_fn(
            features, labels, mode,
            **accepted_args(self._user_model_fn, params=params, config=config))
        if not isinstance(ops, ModelFnOps):
            if isinstance(ops, _estimator.EstimatorSpec):
                return ops
            raise TypeError("model_fn must return a ModelFnOps, got %r"
                            % type(ops).__name__)
        metric_ops = {}
        if mode == ModeKeys.EVAL:
            for name, spec in (metrics or {}).items():
                metric_ops[name] = spec.create_metric_ops(features, labels,
                                                          ops.predictions)
        return ops.estimator_spec(metric_ops)

    def _evaluator(self, metrics):
        """The Estimator over the same model_dir whose model_fn adds ``metrics``."""
        if not metrics:
            return self._estimator
        return _layered.Estimator(functools.partial(self._model_fn, metrics),
                                    config=self._estimator.config,
                                    params=self._estimator.params)

    def fit(self, x=None, y=None, input_fn=None, steps=None, batch_size=None,
            monitors=None, max_steps=None):
        """Trains on ``x``/``y`` (shuffled, repeated) or on ``input_fn``."""
        self._estimator.train(
            _input_fn(x, y, input_fn, batch_size, num_epochs=None, shuffle=True),
            hooks=monitors, steps=steps, max_steps=max_steps)
        return self

    def evaluate(self, x=None, y=None, input_fn=None, batch_size=None, steps=None,
                 metrics=None, name=None, checkpoint_path=None, hooks=None):
        """Evaluates on one pass over ``x``/``y``; returns the metrics, loss, global_step."""
        for key, spec in (metrics or {}).items():
            if not isinstance(spec, MetricSpec):
                raise TypeError("metrics[%r] must be a MetricSpec, got %r"
                                % (key, type(spec).__name__))
        return self._evaluator(metrics).evaluate(
            _input_fn(x, y, input_fn, batch_size or 100, num_epochs=1, shuffle=False),
            steps=steps, hooks=hooks, checkpoint_path=checkpoint_path, name=name)

    def predict(self, x=None, input_fn=None, batch_size=None, outputs=None,
                as_iterable=True):
        """Predictions for ``x``: one dict per example, or (``as_iterable=False``)
        a dict of arrays."""
        predictions = self._estimator.predict(
            _input_fn(x, None, input_fn, batch_size or 100, num_epochs=1, shuffle=False),
            predict_keys=outputs)
        if as_iterable:
            return predictions
        predictions = list(predictions)
        if predictions and isinstance(predictions[0], dict):
            return {k: np.stack([p[k] for p in predictions]) for k in predictions[0]}
        return np.stack(predictions)

    def get_variable_names(self):
        return self._estimator.get_variable_names()

    def get_variable_value(self, name):
        return self._estimator.get_variable_value(name)


# ---------------------------------------------------------------------------
# tf.contrib.layers.optimize_loss and tf.contrib.framework.get_global_step
# ---------------------------------------------------------------------------

OPTIMIZER_CLS_NAMES = {
    "Adagrad": tf.train.AdagradOptimizer,
    "Adam": tf.train.AdamOptimizer,
    "Ftrl": tf.train.FtrlOptimizer,
    "Momentum": lambda learning_rate: tf.train.MomentumOptimizer(learning_rate, 0.9),
    "RMSProp": tf.train.RMSPropOptimizer,
    "SGD": tf.train.GradientDescentOptimizer,
}


def get_global_step(graph=None):
    """``tf.contrib.framework.get_global_step``."""
    return tf.train.get_global_step(graph)


def optimize_loss(loss, global_step, learning_rate, optimizer, clip_gradients=None,
                  learning_rate_decay_fn=None, update_ops=None, variables=None,
                  name=None, summaries=("loss", "learning_rate"),
                  increment_global_step=True):
    """``tf.contrib.layers.optimize_loss``: the training op for ``loss``.

    ``optimizer`` is one of ``OPTIMIZER_CLS_NAMES`` ("SGD", "Adam", ...), an
    Optimizer class or instance, or a function of the learning rate. Returns
    the loss, to be run as the training op (it applies the gradients first).
    """
    if global_step is None:
        global_step = tf.train.get_global_step()
        if global_step is None:
            raise ValueError("optimize_loss needs a global step: none was given and "
                             "the graph has none")
    with tf.variable_scope(name, "OptimizeLoss", [loss, global_step]):
        if update_ops is None:
            update_ops = set(tf.get_collection(tf.GraphKeys.UPDATE_OPS))
        if update_ops:
            with tf.control_dependencies(list(update_ops)):
                loss = tf.identity(loss)
        lr = _learning_rate_tensor(learning_rate, learning_rate_decay_fn, global_step,
                                   "learning_rate" in summaries)
        opt = _optimizer_instance(optimizer, lr)
        if variables is None:
            variables = tf.trainable_variables()
        gradients = opt.compute_gradients(loss, variables)
        if clip_gradients is not None:
            grads, tvars = zip(*gradients)
            grads, _ = tf.clip_by_global_norm(grads, clip_gradients)
            gradients = list(zip(grads, tvars))
        if "loss" in summaries:
            tf.summary.scalar("loss", loss)
        grad_updates = opt.apply_gradients(
            gradients, global_step=global_step if increment_global_step else None,
            name="train")
        with tf.control_dependencies([grad_updates]):
            return tf.identity(loss)


def _learning_rate_tensor(learning_rate, decay_fn, global_step, summarize):
    """optimize_loss's learning rate: a tensor, or a variable as TF 1 made it."""
    if learning_rate is None:
        return None
    if isinstance(learning_rate, tf.Tensor):
        lr = learning_rate
    else:
        lr = tf.get_variable("learning_rate", [], trainable=False,
                             initializer=tf.constant_initializer(learning_rate))
    if decay_fn is not None:
        lr = decay_fn(lr, global_step)
    if summarize:
        tf.summary.scalar("learning_rate", lr)
    return lr


def _optimizer_instance(optimizer, lr):
    """The Optimizer that optimize_loss's ``optimizer`` argument names."""
    if isinstance(optimizer, str):
        if optimizer not in OPTIMIZER_CLS_NAMES:
            raise ValueError("Optimizer name should be one of [%s], you provided %s."
                             % (", ".join(OPTIMIZER_CLS_NAMES), optimizer))
        if lr is None:
            raise ValueError("Learning rate is None, but should be specified if "
                             "optimizer is string (%s)." % optimizer)
        return OPTIMIZER_CLS_NAMES[optimizer](learning_rate=lr)
    if isinstance(optimizer, type) and issubclass(optimizer, tf.train.Optimizer):
        return optimizer(learning_rate=lr)
    if isinstance(optimizer, tf.train.Optimizer):
        return optimizer
    if callable(optimizer):
        opt = optimizer(lr) if lr is not None else optimizer()
        if not isinstance(opt, tf.train.Optimizer):
            raise ValueError("Unrecognized optimizer: function should return "
                             "subclass of Optimizer. Got %s." % str(opt))
        return opt
    raise ValueError("Unrecognized optimizer: should be string, subclass of "
                     "Optimizer, instance of subclass of Optimizer or function "
                     "with one argument. Got %s." % str(optimizer))


# ---------------------------------------------------------------------------
# Namespaces, as the first edition spells them
# ---------------------------------------------------------------------------

model_fn = types.SimpleNamespace(ModelFnOps=ModelFnOps, ModeKeys=ModeKeys)
metric_spec = types.SimpleNamespace(MetricSpec=MetricSpec)
datasets = types.SimpleNamespace(load_dataset=_input_data.load_dataset,
                                 mnist=types.SimpleNamespace(
                                     load_mnist=_input_data.load_mnist,
                                     read_data_sets=_input_data.read_data_sets))

contrib = types.SimpleNamespace(
    learn=types.SimpleNamespace(
        Estimator=Estimator, ModeKeys=ModeKeys, MetricSpec=MetricSpec,
        metric_spec=metric_spec, datasets=datasets, ModelFnOps=ModelFnOps),
    layers=types.SimpleNamespace(optimize_loss=optimize_loss),
    framework=types.SimpleNamespace(get_global_step=get_global_step),
)
