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
* ``learn.datasets.load_dataset("mnist")``.

(``tf.contrib.layers.optimize_loss`` and ``tf.contrib.framework.get_global_step``
are tf-slim's, see :mod:`tf1.contrib.slim`.)
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

    def predictions(self, x=None, input_fn=None, batch_size=None, outputs=None):
        """Every prediction for ``x``, as a dict of arrays (an array for a single one)."""
        return Estimator.predict(self, x, input_fn, batch_size, outputs, as_iterable=False)

    def get_variable_names(self):
        return self._estimator.get_variable_names()

    def get_variable_value(self, name):
        return self._estimator.get_variable_value(name)


# ---------------------------------------------------------------------------
# contrib.learn's premade estimators, RunConfig and SKCompat
# ---------------------------------------------------------------------------

# Arguments of contrib.learn's estimators that tf.estimator's took over under other names.
_RENAMED = {"weight_column_name": "weight_column", "label_keys": "label_vocabulary"}
# Arguments with no equivalent there: accepted at their defaults only.
_DROPPED = {"enable_centered_bias": False, "gradient_clip_norm": None,
            "feature_engineering_fn": None, "embedding_lr_multipliers": None,
            "input_layer_min_slice_size": None}


class _Premade(Estimator):
    """A contrib.learn premade estimator: TensorFlow's own (``tf.estimator.NAME``,
    layered) with ``fit``, ``evaluate`` and ``predict`` on arrays, and TF 1's mean
    loss over the batch. An array ``x`` is the feature named "" (the columns
    :func:`infer_real_valued_columns_from_input` makes, or ``real_valued_column("")``)."""

    _NAME = None
    _CLASSIFIER = True

    def __init__(self, *args, **kwargs):
        for old, default in _DROPPED.items():
            if kwargs.pop(old, default) != default:
                raise ValueError("tf.contrib.learn.%s(%s=...) has no equivalent in "
                                 "TensorFlow's own estimators" % (self._NAME, old))
        kwargs = {_RENAMED.get(k, k): v for k, v in kwargs.items()}
        kwargs.setdefault("loss_reduction", tf.losses.Reduction.SUM_OVER_BATCH_SIZE)
        self._estimator = _layered.PREMADE[self._NAME](*args, **kwargs)

    def _arrays(self, x, y):
        x = {"": x} if isinstance(x, np.ndarray) else x
        if y is not None and not isinstance(y, dict):
            y = np.asarray(y, np.int64 if self._CLASSIFIER else np.float32)
        return x, y

    def _evaluator(self, metrics):
        if not metrics:
            return self._estimator
        def metric_fn(labels, predictions, features):
            return {name: spec.create_metric_ops(features, labels, predictions)
                    for name, spec in metrics.items()}
        return _estimator.add_metrics(self._estimator, metric_fn)

    def fit(self, x=None, y=None, input_fn=None, steps=None, batch_size=None,
            monitors=None, max_steps=None):
        x, y = self._arrays(x, y)
        return super().fit(x, y, input_fn, steps, batch_size, monitors, max_steps)

    def evaluate(self, x=None, y=None, input_fn=None, batch_size=None, steps=None,
                 metrics=None, name=None, checkpoint_path=None, hooks=None):
        x, y = self._arrays(x, y)
        return super().evaluate(x, y, input_fn, batch_size, steps, metrics, name,
                                checkpoint_path, hooks)

    def predictions(self, x=None, input_fn=None, batch_size=None, outputs=None):
        x, _ = self._arrays(x, None)
        return super().predictions(x, input_fn, batch_size, outputs)

    def _predicted(self, key, x, input_fn, batch_size, as_iterable):
        x, _ = self._arrays(x, None)
        found = (p[key] for p in super().predict(x, input_fn, batch_size, [key]))
        if key == "class_ids":
            found = (int(p[0]) for p in found)
        return found if as_iterable else np.array(list(found))

    def predict(self, x=None, input_fn=None, batch_size=None, outputs=None,
                as_iterable=True):
        """The class of each example (a classifier) or its value (a regressor)."""
        if outputs:
            return self.predictions(x, input_fn, batch_size, outputs)
        return self._predicted("class_ids" if self._CLASSIFIER else "predictions",
                               x, input_fn, batch_size, as_iterable)

    def predict_classes(self, x=None, input_fn=None, batch_size=None, as_iterable=True):
        return self._predicted("class_ids", x, input_fn, batch_size, as_iterable)

    def predict_proba(self, x=None, input_fn=None, batch_size=None, as_iterable=True):
        return self._predicted("probabilities", x, input_fn, batch_size, as_iterable)


class DNNClassifier(_Premade):
    _NAME = "DNNClassifier"


class DNNRegressor(_Premade):
    _NAME, _CLASSIFIER = "DNNRegressor", False


class LinearClassifier(_Premade):
    _NAME = "LinearClassifier"


class LinearRegressor(_Premade):
    _NAME, _CLASSIFIER = "LinearRegressor", False


class RunConfig(_estimator.RunConfig):
    """``tf.contrib.learn.RunConfig``: tf.estimator's, taking contrib's arguments too
    (``num_cores``, ``log_device_placement`` and ``gpu_memory_fraction`` become the
    session config; the cluster comes from ``TF_CONFIG``, as before, so ``master``
    and ``evaluation_master`` are accepted and not needed)."""

    def __init__(self, master=None, num_cores=0, log_device_placement=False,
                 gpu_memory_fraction=1, evaluation_master="", session_config=None,
                 **kwargs):
        del master, evaluation_master
        if session_config is None and (num_cores or log_device_placement or
                                       gpu_memory_fraction < 1):
            session_config = tf.ConfigProto(
                intra_op_parallelism_threads=num_cores,
                inter_op_parallelism_threads=num_cores,
                log_device_placement=log_device_placement,
                gpu_options=tf.GPUOptions(
                    per_process_gpu_memory_fraction=gpu_memory_fraction))
        super().__init__(session_config=session_config, **kwargs)


def infer_real_valued_columns_from_input(x):
    """The feature columns for ``x``: one real-valued column, named "", for an array
    (one per key for a dict), of its examples' shape."""
    if isinstance(x, dict):
        return [tf.feature_column.numeric_column(k, shape=np.shape(v)[1:] or (1,))
                for k, v in sorted(x.items())]
    return [tf.feature_column.numeric_column("", shape=np.shape(x)[1:] or (1,),
                                             dtype=tf.as_dtype(np.asarray(x).dtype))]


class SKCompat(object):
    """``tf.contrib.learn.SKCompat``: a scikit-learn face for an estimator."""

    def __init__(self, estimator):
        self._estimator = estimator

    def fit(self, x, y, batch_size=128, steps=None, max_steps=None, monitors=None):
        self._estimator.fit(x=x, y=y, batch_size=batch_size, steps=steps,
                            max_steps=max_steps, monitors=monitors)
        return self

    def score(self, x, y, batch_size=128, steps=None, metrics=None, name=None):
        return self._estimator.evaluate(x=x, y=y, batch_size=batch_size, steps=steps,
                                        metrics=metrics, name=name)

    def predict(self, x, batch_size=128, outputs=None):
        """Every prediction for ``x``, as a dict of arrays."""
        return self._estimator.predictions(x, batch_size=batch_size, outputs=outputs)


# ---------------------------------------------------------------------------
# Namespaces, as the first edition spells them
# ---------------------------------------------------------------------------

model_fn = types.SimpleNamespace(ModelFnOps=ModelFnOps, ModeKeys=ModeKeys)
metric_spec = types.SimpleNamespace(MetricSpec=MetricSpec)
datasets = types.SimpleNamespace(load_dataset=_input_data.load_dataset,
                                 mnist=types.SimpleNamespace(
                                     load_mnist=_input_data.load_mnist,
                                     read_data_sets=_input_data.read_data_sets))
