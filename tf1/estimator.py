"""``tf.estimator``: the part of it that "A Guide to TF Layers" uses.

TensorFlow 2.16 removed ``tf.estimator``; this module provides the same names,
built on ``tf.compat.v1.train.MonitoredTrainingSession`` and its hooks. It is the
top of a stack split as TensorFlow's own estimator package is: ModeKeys
(:mod:`tf1.mode_keys`), EstimatorSpec (:mod:`tf1.model_fn`), RunConfig
(:mod:`tf1.run_config`), ``inputs.numpy_input_fn`` (:mod:`tf1.inputs`), the
checks on checkpoints (:mod:`tf1.checkpoints`) and hooks (:mod:`tf1.hooks`).
Through :mod:`tf1.tf` it is ``tf.estimator``:

    from tf1 import tf
    classifier = tf.estimator.Estimator(model_fn=cnn_model_fn, model_dir="/tmp/m")
    train_input_fn = tf.estimator.inputs.numpy_input_fn(
        x={"x": train_data}, y=train_labels, batch_size=100, num_epochs=None,
        shuffle=True)
    classifier.train(input_fn=train_input_fn, steps=20000, hooks=[logging_hook])
    print(classifier.evaluate(input_fn=eval_input_fn))

Every call builds a fresh graph. ``train`` continues from the latest checkpoint
in ``model_dir`` and writes checkpoints and TensorBoard summaries there; Ctrl-C,
SIGTERM or SIGHUP save a checkpoint at the current step before the interrupt
propagates, and a NaN loss stops training with an error naming the step.
"""

from __future__ import absolute_import, division, print_function

import contextlib
import os
import random
import tempfile
import time

import numpy as np

from tf1 import Error, checkpoints, inputs, signals
from tf1.checkpoints import CheckpointMismatchError, DamagedCheckpointError  # noqa: F401
from tf1.compat import tf
from tf1.hooks import NanLossDuringTrainingError, NanLossHook, StopAfterNHook  # noqa: F401
from tf1.inputs import InputInitializerHook, add_input_initializer
from tf1.mode_keys import ModeKeys
from tf1.model_fn import EstimatorSpec
from tf1.run_config import RunConfig
from tf1.util import accepted_args

__all__ = ["Estimator", "EstimatorSpec", "ModeKeys", "RunConfig", "inputs"]


class ModelDirError(Error, OSError):
    """``model_dir`` cannot be created or written (no permission, a full disk)."""


@contextlib.contextmanager
def _model_dir_faults(model_dir):
    """Turns the system's refusal to write into ``model_dir`` into a ModelDirError."""
    try:
        os.makedirs(model_dir, exist_ok=True)
        yield
    except OSError as e:
        raise ModelDirError("model_dir %s: %s" % (e.filename or model_dir, e.strerror)) \
            from None
    except (tf.errors.ResourceExhaustedError, tf.errors.PermissionDeniedError,
            tf.errors.FailedPreconditionError) as e:
        where = [line.strip() for line in (e.message or "").splitlines()
                 if os.path.abspath(model_dir) in line]
        if not where:
            raise
        raise ModelDirError("model_dir %s: cannot write %s; the checkpoints saved "
                            "before it are kept" % (model_dir, where[0])) from None


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
        return checkpoints.latest_checkpoint(self._model_dir)

    def _checkpoint_or_raise(self, checkpoint_path, what):
        checkpoint_path = checkpoint_path or self.latest_checkpoint()
        if not checkpoint_path:
            raise ValueError("Could not find a trained model in model_dir %s to %s: "
                             "train first, or pass checkpoint_path"
                             % (self._model_dir, what))
        checkpoints.check_readable(checkpoint_path, self._model_dir)
        return checkpoint_path

    def get_variable_names(self):
        """Names of the variables in the latest checkpoint."""
        return [name for name, _ in
                tf.train.list_variables(self._checkpoint_or_raise(None, "read"))]

    def get_variable_value(self, name):
        """The value of variable ``name`` in the latest checkpoint."""
        return tf.train.load_variable(self._checkpoint_or_raise(None, "read"), name)

    # -- graph building ------------------------------------------------------

    def _call_input_fn(self, input_fn, mode):
        kwargs = accepted_args(input_fn, params=self.params, config=self._config,
                               mode=mode)
        with tf.name_scope(None):
            result = input_fn(**kwargs)
        if isinstance(result, tf.data.Dataset):
            iterator = tf.data.make_initializable_iterator(result)
            add_input_initializer(iterator.initializer)
            result = iterator.get_next()
        if isinstance(result, (tuple, list)):
            if len(result) != 2:
                raise ValueError("input_fn must return features or (features, labels), "
                                 "got a sequence of %d" % len(result))
            return result[0], result[1]
        return result, None

    def _call_model_fn(self, features, labels, mode):
        kwargs = accepted_args(self._model_fn, labels=labels, mode=mode,
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

    def _build(self, input_fn, mode, checkpoint_path=None):
        """In the current (fresh) graph: the global step and the model's spec.

        When ``checkpoint_path`` is given, the model must be one it can restore.
        """
        seed = self._config.tf_random_seed
        if seed is not None:
            tf.set_random_seed(seed)
        global_step = tf.train.get_or_create_global_step()
        with _seeded_layers(seed):
            features, labels = self._call_input_fn(input_fn, mode)
            spec = self._call_model_fn(features, labels, mode)
        if checkpoint_path:
            checkpoints.check_compatible(checkpoint_path, tf.global_variables())
        return global_step, spec

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
        _check_train_args(steps, max_steps)
        latest = self.latest_checkpoint()
        if latest:
            checkpoints.check_readable(latest, self._model_dir)
        if max_steps is not None and latest and \
                tf.train.load_variable(latest, "global_step") >= max_steps:
            tf.logging.info("Skipping training since max_steps has already saved.")
            return self
        with signals.as_exceptions(), _model_dir_faults(self._model_dir), \
                tf.Graph().as_default():
            global_step, spec = self._build(input_fn, ModeKeys.TRAIN, latest)
            scaffold = self._training_scaffold(spec)
            all_hooks = self._training_hooks(spec, global_step, steps, max_steps)
            chief_hooks = list(spec.training_chief_hooks)
            if saving_listeners:
                chief_hooks.append(tf.train.CheckpointSaverHook(
                    self._model_dir, save_secs=self._config.save_checkpoints_secs,
                    save_steps=self._config.save_checkpoints_steps, scaffold=scaffold,
                    listeners=list(saving_listeners)))
            all_hooks += list(hooks or ()) + list(spec.training_hooks)
            loss = self._run_training(spec, scaffold, all_hooks, chief_hooks,
                                      own_saver=not saving_listeners)
        tf.logging.info("Loss for final step: %s.", loss)
        return self

    def _training_hooks(self, spec, global_step, steps, max_steps):
        """The Estimator's own hooks: input, stop, NaN check and the loss log."""
        tf.summary.scalar("loss", spec.loss)
        # The step reached by this run's update, for the log lines.
        with tf.control_dependencies([spec.train_op]):
            step_done = tf.identity(global_step)
        hooks = [InputInitializerHook()]
        if steps is not None or max_steps is not None:
            hooks.append(tf.train.StopAtStepHook(num_steps=steps, last_step=max_steps))
        hooks.append(NanLossHook(spec.loss, step_done))
        hooks.append(tf.train.LoggingTensorHook(
            {"loss": spec.loss, "step": step_done},
            every_n_iter=self._config.log_step_count_steps))
        return hooks

    def _training_scaffold(self, spec):
        """The model_fn's scaffold, with a Saver as the config asks if it has none."""
        scaffold = spec.scaffold or tf.train.Scaffold()
        if scaffold.saver is not None or tf.get_collection(tf.GraphKeys.SAVERS):
            return scaffold
        config = self._config
        return tf.train.Scaffold(
            init_op=scaffold.init_op, init_feed_dict=scaffold.init_feed_dict,
            init_fn=scaffold.init_fn, ready_op=scaffold.ready_op,
            ready_for_local_init_op=scaffold.ready_for_local_init_op,
            local_init_op=scaffold.local_init_op, summary_op=scaffold.summary_op,
            saver=tf.train.Saver(
                sharded=True, max_to_keep=config.keep_checkpoint_max,
                keep_checkpoint_every_n_hours=config.keep_checkpoint_every_n_hours,
                save_relative_paths=True))

    def _run_training(self, spec, scaffold, hooks, chief_hooks, own_saver):
        """Runs ``train_op`` until a hook stops it; returns the last loss."""
        config = self._config
        loss = None
        with tf.train.MonitoredTrainingSession(
                checkpoint_dir=self._model_dir, scaffold=scaffold, hooks=hooks,
                chief_only_hooks=chief_hooks,
                save_checkpoint_secs=config.save_checkpoints_secs if own_saver else None,
                save_checkpoint_steps=(config.save_checkpoints_steps if own_saver
                                       else None),
                save_summaries_steps=config.save_summary_steps,
                config=self._session_config(),
                log_step_count_steps=config.log_step_count_steps) as mon_sess:
            try:
                while not mon_sess.should_stop():
                    _, loss = mon_sess.run([spec.train_op, spec.loss])
            except KeyboardInterrupt as interrupt:  # Ctrl-C, SIGTERM, SIGHUP
                self._save_on_interrupt(mon_sess, scaffold.saver, interrupt)
                raise
        return loss

    def _save_on_interrupt(self, mon_sess, saver, interrupt):
        """Saves a checkpoint at the step reached; a second signal waits for it."""
        def save(step_context):  # runs on the raw session: no hook runs again
            step = step_context.session.run(tf.train.get_global_step())
            return step, saver.save(step_context.session,
                                    os.path.join(self._model_dir, "model.ckpt"),
                                    global_step=step)
        with signals.held():
            step, path = mon_sess.run_step_fn(save)
        tf.logging.warning("%s at step %d: saved checkpoint %s",
                           _interrupt_name(interrupt), step, path)

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
            global_step, spec = self._build(input_fn, ModeKeys.EVAL, checkpoint_path)
            update_op, final_ops = _eval_ops(spec, global_step)
            all_hooks = list(hooks or ()) + list(spec.evaluation_hooks)
            if steps is not None:
                all_hooks.append(StopAfterNHook(steps))
            all_hooks.append(final_ops)
            tf.logging.info("Starting evaluation at %s",
                            time.strftime("%Y-%m-%dT%H:%M:%S"))
            tf.logging.info("Eval steps [0,%s) for training step %d.",
                            "inf" if steps is None else steps,
                            tf.train.load_variable(checkpoint_path, "global_step"))
            with self._restored_session(spec, checkpoint_path, all_hooks) as session:
                try:
                    while not session.should_stop():
                        session.run(update_op)
                except tf.errors.OutOfRangeError:
                    tf.logging.info("Input iterator is exhausted.")
                    raise  # the session ends it quietly, then reads the metrics
            results = _ordered_results(final_ops.final_ops_values)
        tf.logging.info("Saving evaluation summary for step %d: %s", results["global_step"],
                        ", ".join("%s = %s" % (k, v) for k, v in results.items()
                                  if k != "global_step"))
        with _model_dir_faults(self._model_dir):
            self._write_eval_summary(results, name)
        return results

    @contextlib.contextmanager
    def _restored_session(self, spec, checkpoint_path, hooks):
        """A MonitoredSession restored from ``checkpoint_path``, input initialized.

        When the input runs out, ``session.run`` raises OutOfRangeError; the
        session's ``__exit__`` takes that as a normal end and runs the hooks'
        ``end`` (where FinalOpsHook reads the metrics), so let it propagate.
        """
        creator = tf.train.ChiefSessionCreator(
            scaffold=spec.scaffold, checkpoint_filename_with_path=checkpoint_path,
            config=self._session_config())
        with tf.train.MonitoredSession(session_creator=creator,
                                       hooks=[InputInitializerHook()] + hooks) as session:
            yield session

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
            _, spec = self._build(_without_labels(input_fn), ModeKeys.PREDICT,
                                  checkpoint_path)
            single = not isinstance(spec.predictions, dict)
            predictions = _selected(spec.predictions, predict_keys)
            all_hooks = list(hooks or ()) + list(spec.prediction_hooks)
            with self._restored_session(spec, checkpoint_path, all_hooks) as session:
                while not session.should_stop():
                    batch = session.run(predictions)
                    if not yield_single_examples:
                        yield batch["predictions"] if single else batch
                        continue
                    for example in _examples(batch):
                        yield example["predictions"] if single else example


def _check_train_args(steps, max_steps):
    if steps is not None and max_steps is not None:
        raise ValueError("Can not provide both steps and max_steps.")
    if steps is not None and steps <= 0:
        raise ValueError("Must specify steps > 0, given: {}".format(steps))
    if max_steps is not None and max_steps <= 0:
        raise ValueError("Must specify max_steps > 0, given: {}".format(max_steps))


def _interrupt_name(interrupt):
    """"Interrupted" for Ctrl-C, "Interrupted by SIGTERM" for a signal."""
    if isinstance(interrupt, signals.Interrupted):
        return "Interrupted by %s" % interrupt.signal_name
    return "Interrupted"


def _eval_ops(spec, global_step):
    """The op that updates every metric, and the hook that reads them at the end."""
    metrics = dict(spec.eval_metric_ops)
    if "loss" not in metrics:
        metrics["loss"] = tf.metrics.mean(spec.loss)
    update_op = tf.group(*[update for _, update in metrics.values()])
    values = {key: value for key, (value, _) in metrics.items()}
    values["global_step"] = global_step
    return update_op, tf.train.FinalOpsHook(values)


def _ordered_results(values):
    """The metrics as plain numbers, sorted, then ``loss`` and ``global_step``."""
    results = {key: _plain(value) for key, value in values.items()}
    ordered = {k: results[k] for k in sorted(results) if k not in ("loss", "global_step")}
    ordered["loss"] = results["loss"]
    ordered["global_step"] = results["global_step"]
    return ordered


def _selected(predictions, predict_keys):
    """The predictions as a dict, only ``predict_keys`` if given."""
    if not isinstance(predictions, dict):
        predictions = {"predictions": predictions}
    if predict_keys is None:
        return predictions
    if isinstance(predict_keys, str):
        predict_keys = [predict_keys]
    unknown = [k for k in predict_keys if k not in predictions]
    if unknown:
        raise ValueError("predict_keys %s are not among the predictions %s"
                         % (unknown, sorted(predictions)))
    return {k: predictions[k] for k in predict_keys}


def _examples(batch):
    """One dict per example of a batch of predictions."""
    sizes = {k: np.shape(v)[0] if np.ndim(v) else None for k, v in batch.items()}
    if None in sizes.values() or len(set(sizes.values())) != 1:
        raise ValueError("yield_single_examples needs every prediction to have the "
                         "same batch size, got %s" % sizes)
    for i in range(next(iter(sizes.values()))):
        yield {k: v[i] for k, v in batch.items()}


def _without_labels(input_fn):
    """An input_fn that returns only the features of ``input_fn``'s result."""
    def features_only(params=None, config=None, mode=None):
        result = input_fn(**accepted_args(input_fn, params=params, config=config,
                                          mode=mode))
        if isinstance(result, tf.data.Dataset):
            return result.map(lambda *parts: parts[0])
        if isinstance(result, (tuple, list)):
            return result[0]
        return result
    return features_only
