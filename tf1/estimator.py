"""The part of ``tf.estimator`` that "A Guide to TF Layers" uses.

TensorFlow 2.16 removed ``tf.estimator``; this module provides the same names,
built on ``tf.compat.v1.train.MonitoredTrainingSession`` and its hooks:

    from tf1 import estimator
    classifier = estimator.Estimator(model_fn=cnn_model_fn, model_dir="/tmp/m")
    train_input_fn = estimator.inputs.numpy_input_fn(
        x={"x": train_data}, y=train_labels, batch_size=100, num_epochs=None,
        shuffle=True)
    classifier.train(input_fn=train_input_fn, steps=20000, hooks=[logging_hook])
    print(classifier.evaluate(input_fn=eval_input_fn))

Every call builds a fresh graph. ``train`` continues from the latest checkpoint
in ``model_dir`` and writes checkpoints and TensorBoard summaries there; Ctrl-C
saves a checkpoint at the current step before the interrupt propagates, and a
NaN loss stops training with an error naming the step.
"""

from __future__ import absolute_import, division, print_function

import collections
import contextlib
import inspect
import os
import random
import tempfile
import time
import weakref

import numpy as np

from tf1 import Error, cli

cli.prepare_tensorflow()

import tensorflow.compat.v1 as tf  # noqa: E402  (after prepare_tensorflow)

# graph -> [(initializer op name, {placeholder name: array})] of the input
# pipelines built in it. Kept out of the graph's collections (which are saved
# with every checkpoint), and by name, so that nothing here keeps a graph alive.
_INPUT_INITIALIZERS = weakref.WeakKeyDictionary()


def _add_input_initializer(initializer, feed_dict=None):
    feeds = {tensor.name: value for tensor, value in (feed_dict or {}).items()}
    _INPUT_INITIALIZERS.setdefault(tf.get_default_graph(), []).append(
        (initializer.name, feeds))


def input_initializers(graph=None):
    """The ``(initializer op, feed_dict)`` pairs the input pipelines of ``graph``
    (default: the default graph) need run once a session exists."""
    graph = graph or tf.get_default_graph()
    return [(graph.get_operation_by_name(op_name),
             {graph.get_tensor_by_name(name): value for name, value in feeds.items()})
            for op_name, feeds in _INPUT_INITIALIZERS.get(graph, ())]


class ModeKeys(object):
    """The three modes a ``model_fn`` is called in."""
    TRAIN = "train"
    EVAL = "eval"
    PREDICT = "infer"


class NanLossDuringTrainingError(Error, RuntimeError):
    """The training loss became NaN."""


class CheckpointMismatchError(Error, ValueError):
    """A checkpoint does not hold the variables of the model being built."""


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
        if mode not in (ModeKeys.TRAIN, ModeKeys.EVAL, ModeKeys.PREDICT):
            raise ValueError("EstimatorSpec: unknown mode %r; use ModeKeys.TRAIN, "
                             "ModeKeys.EVAL or ModeKeys.PREDICT" % (mode,))
        if mode == ModeKeys.TRAIN and train_op is None:
            raise ValueError("EstimatorSpec: missing train_op, which mode 'train' needs")
        if mode in (ModeKeys.TRAIN, ModeKeys.EVAL):
            if loss is None:
                raise ValueError("EstimatorSpec: missing loss, which mode %r needs"
                                 % mode)
            loss = _scalar_loss(loss)
        if mode == ModeKeys.PREDICT and predictions is None:
            raise ValueError("EstimatorSpec: missing predictions, which mode 'infer' "
                             "needs")
        eval_metric_ops = dict(eval_metric_ops or {})
        for name, pair in eval_metric_ops.items():
            if not (isinstance(pair, (tuple, list)) and len(pair) == 2):
                raise TypeError("EstimatorSpec: eval_metric_ops[%r] must be a (value, "
                                "update_op) pair, got %r" % (name, pair))
        return super(EstimatorSpec, cls).__new__(
            cls, mode, predictions, loss, train_op, eval_metric_ops, export_outputs,
            tuple(training_chief_hooks or ()), tuple(training_hooks or ()), scaffold,
            tuple(evaluation_hooks or ()), tuple(prediction_hooks or ()))


def _scalar_loss(loss):
    loss = tf.convert_to_tensor(loss)
    if loss.shape.ndims not in (None, 0):
        if loss.shape.num_elements() != 1:
            raise ValueError("EstimatorSpec: loss must be a scalar, got shape %s"
                             % loss.shape)
        loss = tf.reshape(loss, [])
    return loss


class RunConfig(object):
    """Where and how often an Estimator saves, logs and seeds."""

    def __init__(self, model_dir=None, tf_random_seed=None, save_summary_steps=100,
                 save_checkpoints_steps=None, save_checkpoints_secs=None,
                 session_config=None, keep_checkpoint_max=5,
                 keep_checkpoint_every_n_hours=10000, log_step_count_steps=100):
        if save_checkpoints_steps is not None and save_checkpoints_secs is not None:
            raise ValueError("RunConfig: give save_checkpoints_steps or "
                             "save_checkpoints_secs, not both")
        if save_checkpoints_steps is None and save_checkpoints_secs is None:
            save_checkpoints_secs = 600
        self.model_dir = model_dir
        self.tf_random_seed = tf_random_seed
        self.save_summary_steps = save_summary_steps
        self.save_checkpoints_steps = save_checkpoints_steps
        self.save_checkpoints_secs = save_checkpoints_secs
        self.session_config = session_config
        self.keep_checkpoint_max = keep_checkpoint_max
        self.keep_checkpoint_every_n_hours = keep_checkpoint_every_n_hours
        self.log_step_count_steps = log_step_count_steps

    def replace(self, **kwargs):
        """A copy of this config with the given fields changed."""
        fields = dict(vars(self))
        fields.update(kwargs)
        if "save_checkpoints_steps" in kwargs and "save_checkpoints_secs" not in kwargs:
            fields["save_checkpoints_secs"] = None
        return RunConfig(**fields)

    def __repr__(self):
        return "RunConfig(%s)" % ", ".join("%s=%r" % kv for kv in sorted(vars(self).items()))


# ---------------------------------------------------------------------------
# Hooks the Estimator adds
# ---------------------------------------------------------------------------

class _NanLossHook(tf.train.SessionRunHook):
    """Stops training with an error naming the step when the loss is NaN."""

    def __init__(self, loss, step):
        self._fetches = {"loss": loss, "step": step}

    def before_run(self, run_context):
        return tf.train.SessionRunArgs(self._fetches)

    def after_run(self, run_context, run_values):
        values = run_values.results
        if np.isnan(values["loss"]):
            raise NanLossDuringTrainingError(
                "NaN loss during training at step %d; the model diverged. The last "
                "checkpoint saved before it is kept; try a lower learning rate."
                % values["step"])


class _InputInitializerHook(tf.train.SessionRunHook):
    """Initializes the input pipelines once the session exists."""

    def __init__(self, initializers):
        self._initializers = initializers

    def after_create_session(self, session, coord):
        for initializer, feed_dict in self._initializers:
            session.run(initializer, feed_dict=feed_dict)


# ---------------------------------------------------------------------------
# Estimator
# ---------------------------------------------------------------------------

@contextlib.contextmanager
def _seeded_layers(seed):
    """Makes ``tf.layers`` follow the graph seed while a seeded graph is built.

    In TF 1, ``tf.layers`` initializers and dropout took their seeds from the
    graph seed. Their ``tf_keras`` implementation draws them from Python's
    ``random`` unless its own seed generator is set (as
    ``tf_keras.utils.set_random_seed`` does); this sets that generator for the
    duration of the build only, then restores it.
    """
    holder = None
    if seed is not None:
        try:
            from tf_keras.src import backend as keras_backend
            holder = keras_backend._SEED_GENERATOR
        except (ImportError, AttributeError):  # not installed, or laid out anew
            holder = None
    if holder is None:
        yield
        return
    previous = getattr(holder, "generator", None)
    holder.generator = random.Random(seed)
    try:
        yield
    finally:
        holder.generator = previous


def _accepts(fn, name):
    try:
        return name in inspect.signature(fn).parameters
    except (TypeError, ValueError):
        return False


def _accepted(fn, **optional):
    """The ``optional`` keyword arguments that ``fn``'s signature takes."""
    return {name: value for name, value in optional.items() if _accepts(fn, name)}


def _plain(value):
    """A NumPy scalar as the Python number it prints as (0.9733, not 0.97329998...)."""
    value = np.asarray(value)
    if value.ndim:
        return value
    if np.issubdtype(value.dtype, np.integer):
        return int(value)
    if np.issubdtype(value.dtype, np.floating):
        return float(str(value))
    return value.item()


class Estimator(object):
    """Trains, evaluates and predicts with the model that ``model_fn`` builds.

    Args:
      model_fn: ``model_fn(features, labels, mode[, params][, config])``
        returning an :class:`EstimatorSpec`.
      model_dir: where checkpoints and summaries go; a new temporary directory
        if neither this nor ``config.model_dir`` is given.
      config: a :class:`RunConfig`.
      params: passed to ``model_fn`` (and ``input_fn``) if they take ``params``.
    """

    def __init__(self, model_fn, model_dir=None, config=None, params=None):
        if not callable(model_fn):
            raise TypeError("model_fn must be callable, got %r" % (model_fn,))
        config = config or RunConfig()
        if model_dir and config.model_dir and \
                os.path.abspath(model_dir) != os.path.abspath(config.model_dir):
            raise ValueError("model_dir %r and config.model_dir %r differ"
                             % (model_dir, config.model_dir))
        model_dir = model_dir or config.model_dir
        if not model_dir:
            model_dir = tempfile.mkdtemp()
            tf.logging.warning("Using temporary folder as model directory: %s",
                               model_dir)
        self._model_dir = model_dir
        self._config = config.replace(model_dir=model_dir)
        self._model_fn = model_fn
        self._params = dict(params or {})
        tf.logging.info("Using config: %s", self._config)

    @property
    def model_dir(self):
        return self._model_dir

    @property
    def config(self):
        return self._config

    @property
    def params(self):
        return dict(self._params)

    @property
    def model_fn(self):
        return self._model_fn

    # -- checkpoints ---------------------------------------------------------

    def latest_checkpoint(self):
        """The path of the newest checkpoint in ``model_dir``, or None."""
        return tf.train.latest_checkpoint(self._model_dir)

    def _checkpoint_or_raise(self, checkpoint_path, what):
        checkpoint_path = checkpoint_path or self.latest_checkpoint()
        if not checkpoint_path:
            raise ValueError("Could not find a trained model in model_dir %s to %s: "
                             "train first, or pass checkpoint_path"
                             % (self._model_dir, what))
        return checkpoint_path

    def get_variable_names(self):
        """Names of the variables in the latest checkpoint."""
        return [name for name, _ in
                tf.train.list_variables(self._checkpoint_or_raise(None, "read"))]

    def get_variable_value(self, name):
        """The value of variable ``name`` in the latest checkpoint."""
        return tf.train.load_variable(self._checkpoint_or_raise(None, "read"), name)

    @staticmethod
    def _check_compatible(checkpoint_path):
        """Raises ValueError naming each variable the checkpoint cannot restore."""
        saved = dict(tf.train.list_variables(checkpoint_path))
        problems = []
        for var in tf.global_variables():
            name = var.op.name
            shape = var.shape.as_list()
            if name not in saved:
                problems.append("variable %s (shape %s) is not in the checkpoint"
                                % (name, shape))
            elif list(saved[name]) != shape:
                problems.append("variable %s has shape %s in the model but %s in the "
                                "checkpoint" % (name, shape, list(saved[name])))
        if problems:
            raise CheckpointMismatchError(
                "The checkpoint %s does not match the model: %s. Use the model_fn "
                "that wrote it, or a fresh model_dir."
                % (checkpoint_path, "; ".join(problems)))

    # -- graph building ------------------------------------------------------

    def _call_input_fn(self, input_fn, mode):
        kwargs = _accepted(input_fn, params=self.params, config=self._config, mode=mode)
        with tf.name_scope(None):
            result = input_fn(**kwargs)
        if isinstance(result, tf.data.Dataset):
            iterator = tf.data.make_initializable_iterator(result)
            _add_input_initializer(iterator.initializer)
            result = iterator.get_next()
        if isinstance(result, (tuple, list)):
            if len(result) != 2:
                raise ValueError("input_fn must return features or (features, labels), "
                                 "got a sequence of %d" % len(result))
            return result[0], result[1]
        return result, None

    def _call_model_fn(self, features, labels, mode):
        kwargs = _accepted(self._model_fn, labels=labels, mode=mode,
                           params=self.params, config=self._config)
        if "labels" not in kwargs and labels is not None:
            raise ValueError("model_fn does not take labels, but input_fn returns them")
        spec = self._model_fn(features=features, **kwargs)
        if not isinstance(spec, EstimatorSpec):
            raise TypeError("model_fn must return an EstimatorSpec, got %r"
                            % type(spec).__name__)
        if spec.mode != mode:
            raise ValueError("model_fn returned an EstimatorSpec for mode %r when "
                             "called in mode %r" % (spec.mode, mode))
        return spec

    def _build(self, input_fn, mode):
        """In the current (fresh) graph: global step, input and model."""
        seed = self._config.tf_random_seed
        if seed is not None:
            tf.set_random_seed(seed)
        global_step = tf.train.get_or_create_global_step()
        with _seeded_layers(seed):
            features, labels = self._call_input_fn(input_fn, mode)
            spec = self._call_model_fn(features, labels, mode)
        hooks = []
        initializers = input_initializers()
        if initializers:
            hooks.append(_InputInitializerHook(initializers))
        return global_step, spec, hooks

    def _session_config(self):
        return self._config.session_config

    # -- train ---------------------------------------------------------------

    def train(self, input_fn, hooks=None, steps=None, max_steps=None,
              saving_listeners=None):
        """Trains the model on what ``input_fn`` returns.

        Args:
          input_fn: returns ``(features, labels)`` or a ``tf.data.Dataset`` of them.
          hooks: ``tf.train.SessionRunHook``s run on every step.
          steps: train this many steps more than the latest checkpoint has.
          max_steps: train until the global step reaches this (absolute).
          saving_listeners: ``CheckpointSaverListener``s.

        Returns:
          self, so that calls can be chained.
        """
        if steps is not None and max_steps is not None:
            raise ValueError("Can not provide both steps and max_steps.")
        if steps is not None and steps <= 0:
            raise ValueError("Must specify steps > 0, given: {}".format(steps))
        if max_steps is not None and max_steps <= 0:
            raise ValueError("Must specify max_steps > 0, given: {}".format(max_steps))
        if max_steps is not None:
            latest = self.latest_checkpoint()
            if latest and tf.train.load_variable(latest, "global_step") >= max_steps:
                tf.logging.info("Skipping training since max_steps has already saved.")
                return self

        with tf.Graph().as_default():
            global_step, spec, input_hooks = self._build(input_fn, ModeKeys.TRAIN)
            latest = self.latest_checkpoint()
            if latest:
                self._check_compatible(latest)
            # The step reached by this run's update, for the log lines.
            with tf.control_dependencies([spec.train_op]):
                step_done = tf.identity(global_step)
            tf.summary.scalar("loss", spec.loss)
            config = self._config
            estimator_hooks = [
                _NanLossHook(spec.loss, step_done),
                tf.train.LoggingTensorHook({"loss": spec.loss, "step": step_done},
                                           every_n_iter=config.log_step_count_steps),
            ]
            if steps is not None or max_steps is not None:
                estimator_hooks.insert(
                    0, tf.train.StopAtStepHook(num_steps=steps, last_step=max_steps))
            scaffold = spec.scaffold or tf.train.Scaffold()
            if scaffold.saver is None and not tf.get_collection(tf.GraphKeys.SAVERS):
                scaffold = tf.train.Scaffold(
                    init_op=scaffold.init_op, init_feed_dict=scaffold.init_feed_dict,
                    init_fn=scaffold.init_fn, ready_op=scaffold.ready_op,
                    ready_for_local_init_op=scaffold.ready_for_local_init_op,
                    local_init_op=scaffold.local_init_op,
                    summary_op=scaffold.summary_op,
                    saver=tf.train.Saver(
                        sharded=True, max_to_keep=config.keep_checkpoint_max,
                        keep_checkpoint_every_n_hours=config.keep_checkpoint_every_n_hours,
                        save_relative_paths=True))
            chief_hooks = list(spec.training_chief_hooks)
            saving_listeners = list(saving_listeners or ())
            if saving_listeners:
                chief_hooks.append(tf.train.CheckpointSaverHook(
                    self._model_dir, save_secs=config.save_checkpoints_secs,
                    save_steps=config.save_checkpoints_steps, scaffold=scaffold,
                    listeners=saving_listeners))
            all_hooks = (input_hooks + estimator_hooks + list(hooks or ())
                         + list(spec.training_hooks))
            loss = None
            with tf.train.MonitoredTrainingSession(
                    checkpoint_dir=self._model_dir,
                    scaffold=scaffold,
                    hooks=all_hooks,
                    chief_only_hooks=chief_hooks,
                    save_checkpoint_secs=(None if saving_listeners
                                          else config.save_checkpoints_secs),
                    save_checkpoint_steps=(None if saving_listeners
                                           else config.save_checkpoints_steps),
                    save_summaries_steps=config.save_summary_steps,
                    config=self._session_config(),
                    log_step_count_steps=config.log_step_count_steps) as mon_sess:
                try:
                    while not mon_sess.should_stop():
                        _, loss = mon_sess.run([spec.train_op, spec.loss])
                except KeyboardInterrupt:
                    self._save_on_interrupt(mon_sess, scaffold.saver, global_step)
                    raise
            tf.logging.info("Loss for final step: %s.", loss)
        return self

    def _save_on_interrupt(self, mon_sess, saver, global_step):
        """Saves a checkpoint at the current step after Ctrl-C."""
        def save(step_context):  # runs on the raw session: no hook runs again
            step = step_context.session.run(global_step)
            return step, saver.save(step_context.session,
                                    os.path.join(self._model_dir, "model.ckpt"),
                                    global_step=step)
        step, path = mon_sess.run_step_fn(save)
        tf.logging.warning("Interrupted at step %d: saved checkpoint %s", step, path)

    # -- evaluate ------------------------------------------------------------

    def evaluate(self, input_fn, steps=None, hooks=None, checkpoint_path=None,
                 name=None):
        """Evaluates the model on what ``input_fn`` returns, to its end.

        Args:
          input_fn: returns ``(features, labels)``; evaluation runs until it is
            exhausted (or for ``steps`` batches).
          steps: evaluate at most this many batches.
          hooks: ``tf.train.SessionRunHook``s.
          checkpoint_path: the checkpoint to evaluate; default the latest.
          name: evaluations with different names write summaries to separate
            folders (``eval_<name>``).

        Returns:
          A dict of the metrics in ``eval_metric_ops`` plus ``loss`` (the mean
          over batches) and ``global_step``, as plain Python numbers.
        """
        if steps is not None and steps <= 0:
            raise ValueError("Must specify steps > 0, given: {}".format(steps))
        checkpoint_path = self._checkpoint_or_raise(checkpoint_path, "evaluate")
        with tf.Graph().as_default():
            global_step, spec, input_hooks = self._build(input_fn, ModeKeys.EVAL)
            self._check_compatible(checkpoint_path)
            metrics = dict(spec.eval_metric_ops)
            if "loss" not in metrics:
                metrics["loss"] = tf.metrics.mean(spec.loss)
            update_op = tf.group(*[update for _, update in metrics.values()])
            values = {key: value for key, (value, _) in metrics.items()}
            values["global_step"] = global_step
            final_ops = tf.train.FinalOpsHook(values)
            all_hooks = input_hooks + list(hooks or ()) + list(spec.evaluation_hooks)
            if steps is not None:
                all_hooks.append(_StopAfterNHook(steps))
            all_hooks.append(final_ops)

            step = tf.train.load_variable(checkpoint_path, "global_step")
            tf.logging.info("Starting evaluation at %s",
                            time.strftime("%Y-%m-%dT%H:%M:%S"))
            tf.logging.info("Eval steps [0,%s) for training step %d.",
                            "inf" if steps is None else steps, step)
            creator = tf.train.ChiefSessionCreator(
                scaffold=spec.scaffold, checkpoint_filename_with_path=checkpoint_path,
                config=self._session_config())
            with tf.train.MonitoredSession(session_creator=creator,
                                           hooks=all_hooks) as session:
                try:
                    while not session.should_stop():
                        session.run(update_op)
                except tf.errors.OutOfRangeError:
                    tf.logging.info("Input iterator is exhausted.")
                    raise
            results = {key: _plain(value)
                       for key, value in final_ops.final_ops_values.items()}
        ordered = {k: results[k] for k in sorted(results) if k not in ("loss",
                                                                        "global_step")}
        ordered["loss"] = results["loss"]
        ordered["global_step"] = results["global_step"]
        tf.logging.info("Saving evaluation summary for step %d: %s", ordered["global_step"],
                        ", ".join("%s = %s" % (k, v) for k, v in ordered.items()
                                  if k != "global_step"))
        self._write_eval_summary(ordered, name)
        return ordered

    def _write_eval_summary(self, results, name):
        eval_dir = os.path.join(self._model_dir, "eval" if not name else "eval_" + name)
        summary = tf.Summary()
        for key, value in results.items():
            if key != "global_step" and np.ndim(value) == 0:
                summary.value.add(tag=key, simple_value=float(value))
        with tf.Graph().as_default():
            writer = tf.summary.FileWriterCache.get(eval_dir)
            writer.add_summary(summary, results["global_step"])
            writer.flush()

    # -- predict -------------------------------------------------------------

    def predict(self, input_fn, predict_keys=None, hooks=None, checkpoint_path=None,
                yield_single_examples=True):
        """Yields the model's predictions for what ``input_fn`` returns, in order.

        Args:
          input_fn: returns features (labels, if any, are ignored).
          predict_keys: names of the predictions to return; default all.
          hooks: ``tf.train.SessionRunHook``s.
          checkpoint_path: the checkpoint to use; default the latest.
          yield_single_examples: one dict per example (default) or per batch.
        """
        checkpoint_path = self._checkpoint_or_raise(checkpoint_path, "predict")
        with tf.Graph().as_default():
            _, spec, input_hooks = self._build(_without_labels(input_fn),
                                               ModeKeys.PREDICT)
            self._check_compatible(checkpoint_path)
            predictions = spec.predictions
            single = not isinstance(predictions, dict)
            if single:
                predictions = {"predictions": predictions}
            if predict_keys is not None:
                if isinstance(predict_keys, str):
                    predict_keys = [predict_keys]
                unknown = [k for k in predict_keys if k not in predictions]
                if unknown:
                    raise ValueError("predict_keys %s are not among the predictions %s"
                                     % (unknown, sorted(predictions)))
                predictions = {k: predictions[k] for k in predict_keys}
            creator = tf.train.ChiefSessionCreator(
                scaffold=spec.scaffold, checkpoint_filename_with_path=checkpoint_path,
                config=self._session_config())
            all_hooks = input_hooks + list(hooks or ()) + list(spec.prediction_hooks)
            with tf.train.MonitoredSession(session_creator=creator,
                                           hooks=all_hooks) as session:
                while not session.should_stop():
                    batch = session.run(predictions)
                    if not yield_single_examples:
                        yield batch["predictions"] if single else batch
                        continue
                    sizes = {k: np.shape(v)[0] if np.ndim(v) else None
                             for k, v in batch.items()}
                    if None in sizes.values() or len(set(sizes.values())) != 1:
                        raise ValueError("yield_single_examples needs every prediction "
                                         "to have the same batch size, got %s" % sizes)
                    for i in range(next(iter(sizes.values()))):
                        if single:
                            yield batch["predictions"][i]
                        else:
                            yield {k: v[i] for k, v in batch.items()}


def _without_labels(input_fn):
    """An input_fn that returns only the features of ``input_fn``'s result."""
    def features_only(**kwargs):
        result = input_fn(**kwargs)
        if isinstance(result, tf.data.Dataset):
            return result.map(lambda *parts: parts[0])
        if isinstance(result, (tuple, list)):
            return result[0]
        return result
    # keep the signature visible to _call_input_fn
    features_only.__signature__ = inspect.signature(input_fn)
    return features_only


class _StopAfterNHook(tf.train.SessionRunHook):
    """Requests a stop after ``num`` runs."""

    def __init__(self, num):
        self._num = num
        self._done = 0

    def after_run(self, run_context, run_values):
        self._done += 1
        if self._done >= self._num:
            run_context.request_stop()


# ---------------------------------------------------------------------------
# inputs.numpy_input_fn
# ---------------------------------------------------------------------------

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

    The arrays are fed into the graph once, when the session starts, not
    stored in it: the graph and its checkpoints stay small.
    """
    del queue_capacity, num_threads
    if not isinstance(shuffle, bool):
        raise ValueError("shuffle must be provided and explicitly set as boolean "
                         "(it is recommended to set it as True for training); got %r"
                         % (shuffle,))
    if batch_size is None or batch_size <= 0:
        raise ValueError("batch_size must be a positive integer, got %r" % (batch_size,))
    features = dict(x) if isinstance(x, dict) else {"__x": x}
    features = {k: np.asarray(v) for k, v in features.items()}
    arrays = dict(features)
    if y is not None:
        arrays["__y"] = np.asarray(y)
    lengths = {k: len(v) for k, v in arrays.items()}
    if len(set(lengths.values())) != 1:
        raise ValueError("numpy_input_fn: x and y must have the same number of "
                         "examples, got %s" % {k.strip("_"): n for k, n in lengths.items()})
    num_examples = next(iter(lengths.values()))
    if num_examples == 0:
        raise ValueError("numpy_input_fn: x is empty")

    def input_fn():
        with tf.name_scope("numpy_input"):
            placeholders = {
                k: tf.placeholder(tf.as_dtype(v.dtype), shape=v.shape, name=k.strip("_"))
                for k, v in arrays.items()}
            indices = tf.data.Dataset.range(num_examples)
            if shuffle:
                indices = indices.shuffle(num_examples, reshuffle_each_iteration=True)
            indices = indices.repeat(num_epochs).batch(batch_size)

            def gather(idx):
                batch = {k: tf.gather(p, idx) for k, p in placeholders.items()}
                labels = batch.pop("__y", None)
                feats = batch.pop("__x") if "__x" in batch else batch
                return feats if labels is None else (feats, labels)

            dataset = indices.map(gather).prefetch(1)
            iterator = tf.data.make_initializable_iterator(dataset)
            _add_input_initializer(iterator.initializer,
                                   {placeholders[k]: v for k, v in arrays.items()})
            return iterator.get_next()

    return input_fn


class inputs(object):  # noqa: N801  (a namespace, as tf.estimator.inputs)
    numpy_input_fn = staticmethod(numpy_input_fn)
