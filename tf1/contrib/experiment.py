"""``tf.contrib.learn.Experiment`` and ``learn_runner.run``, on TensorFlow's own
``tf.estimator.train_and_evaluate``.

TF 1.3-1.15 Estimator code often bundled an estimator and its input functions
into an ``Experiment`` built by an ``experiment_fn(run_config, hparams)`` (or,
older, ``experiment_fn(output_dir)``) and handed it to ``learn_runner.run``,
which ran the schedule the cluster called for: ``train_and_evaluate`` on one
machine, ``train`` on a worker, ``run_std_server`` on a parameter server. Here
``train_and_evaluate`` is TensorFlow's own (with a ``tf.estimator.Estimator``;
a ``tf.contrib.learn`` estimator is fitted, then evaluated, as TF 1 did), and
``train``, ``evaluate``, ``continuous_eval`` and ``test`` call the estimator as
TF 1's Experiment did, with its delays and defaults.
"""

import math
import time

from tf1.compat import tf
from tf1.contrib.training import HParams
from tf1.estimator.real import estimator as _estimator


class Experiment(object):
    """An estimator with its training and evaluation input functions and steps."""

    def __init__(self, estimator, train_input_fn, eval_input_fn, eval_metrics=None,
                 train_steps=None, eval_steps=100, train_monitors=None, eval_hooks=None,
                 local_eval_frequency=None, eval_delay_secs=120,
                 continuous_eval_throttle_secs=60, min_eval_frequency=None,
                 delay_workers_by_global_step=False, export_strategies=None,
                 train_steps_per_iteration=None, checkpoint_and_export=False,
                 saving_listeners=None, check_interval_secs=5):
        del local_eval_frequency, train_steps_per_iteration, check_interval_secs
        del min_eval_frequency  # TensorFlow's train_and_evaluate evaluates per checkpoint
        if export_strategies or checkpoint_and_export:
            raise ValueError("Experiment's export_strategies are TF 1's saved-model "
                             "exports: export with the estimator's export_saved_model")
        self._estimator = estimator
        self._core = not hasattr(estimator, "fit")  # tf.estimator, not contrib.learn
        if self._core and eval_metrics is not None:
            raise ValueError("`eval_metrics` must be `None` with `tf.estimator.Estimator`")
        self._train_input_fn, self._eval_input_fn = train_input_fn, eval_input_fn
        self._eval_metrics, self._eval_hooks = eval_metrics, list(eval_hooks or [])
        self._train_steps, self._eval_steps = train_steps, eval_steps
        self._train_monitors = list(train_monitors or [])
        self._eval_delay_secs = eval_delay_secs
        self._throttle_secs = continuous_eval_throttle_secs
        self._delay_workers = delay_workers_by_global_step
        self._saving_listeners = saving_listeners

    @property
    def estimator(self):
        return self._estimator

    @property
    def eval_metrics(self):
        return self._eval_metrics

    @property
    def train_steps(self):
        return self._train_steps

    @property
    def eval_steps(self):
        return self._eval_steps

    def extend_train_hooks(self, additional_hooks):
        """More hooks for training."""
        self._train_monitors.extend(additional_hooks)

    def _fit(self, steps=None, max_steps=None, hooks=()):
        hooks = self._train_monitors + list(hooks)
        if self._core:
            return self._estimator.train(self._train_input_fn, steps=steps,
                                         max_steps=max_steps, hooks=hooks,
                                         saving_listeners=self._saving_listeners)
        return self._estimator.fit(input_fn=self._train_input_fn, steps=steps,
                                   max_steps=max_steps, monitors=hooks)

    def _evaluate(self, steps, name, checkpoint_path=None):
        kwargs = dict(steps=steps, name=name, checkpoint_path=checkpoint_path,
                      hooks=self._eval_hooks)
        if self._core:
            return self._estimator.evaluate(self._eval_input_fn, **kwargs)
        return self._estimator.evaluate(input_fn=self._eval_input_fn,
                                        metrics=self._eval_metrics, **kwargs)

    def train(self, delay_secs=None):
        """Trains to ``train_steps``; a worker waits its turn first, as in TF 1."""
        task_id = self._estimator.config.task_id or 0
        hooks = []
        if delay_secs is None and self._delay_workers:
            hooks.append(tf.train.GlobalStepWaiterHook(int(8000.0 * math.log(task_id + 1))))
            delay_secs = 0
        delay_secs = min(60, task_id * 5) if delay_secs is None else delay_secs
        if delay_secs > 0:
            tf.logging.info("Waiting %d secs before starting training.", delay_secs)
            time.sleep(delay_secs)
        return self._fit(max_steps=self._train_steps, hooks=hooks)

    def evaluate(self, delay_secs=None, name=None):
        """One evaluation of ``eval_steps`` batches, after ``eval_delay_secs``."""
        delay_secs = self._eval_delay_secs if delay_secs is None else delay_secs
        if delay_secs:
            tf.logging.info("Waiting %d secs before starting eval.", delay_secs)
            time.sleep(delay_secs)
        return self._evaluate(self._eval_steps, name or "one_pass")

    def train_and_evaluate(self):
        """Trains, evaluating along the way, and returns (eval_result, export_results)."""
        if not self._core:
            self._fit(max_steps=self._train_steps)
            return self._evaluate(self._eval_steps, None), []
        return _estimator.train_and_evaluate(
            self._estimator,
            _estimator.TrainSpec(self._train_input_fn, max_steps=self._train_steps,
                                 hooks=self._train_monitors,
                                 saving_listeners=self._saving_listeners),
            _estimator.EvalSpec(self._eval_input_fn, steps=self._eval_steps,
                                hooks=self._eval_hooks, start_delay_secs=0,
                                throttle_secs=self._throttle_secs))

    def _has_training_stopped(self, result):
        return bool(result and self._train_steps is not None and
                    result.get(tf.GraphKeys.GLOBAL_STEP, 0) >= self._train_steps)

    def continuous_eval(self, delay_secs=None, throttle_delay_secs=None,
                        evaluate_checkpoint_only_once=True,
                        continuous_eval_predicate_fn=None, name="continuous"):
        """Evaluates each new checkpoint until training reaches ``train_steps`` (or
        ``continuous_eval_predicate_fn(result)`` is false)."""
        delay_secs = self._eval_delay_secs if delay_secs is None else delay_secs
        throttle = self._throttle_secs if throttle_delay_secs is None else throttle_delay_secs
        if delay_secs:
            time.sleep(delay_secs)
        result, previous = None, None
        while not self._has_training_stopped(result) and (
                continuous_eval_predicate_fn is None or continuous_eval_predicate_fn(result)):
            start = time.time()
            latest = tf.train.latest_checkpoint(self._estimator.model_dir)
            if latest and not (evaluate_checkpoint_only_once and latest == previous):
                result = self._evaluate(self._eval_steps, name, checkpoint_path=latest) or {}
                previous = latest
            time.sleep(max(0.0, throttle - (time.time() - start)))
        return result

    def test(self):
        """One training step and one evaluation batch: a smoke test of the wiring."""
        self._fit(steps=1)
        return self._evaluate(1, "one_pass")

    def run_std_server(self):
        """Runs this task's server of the cluster in ``TF_CONFIG`` until it ends."""
        config = self._estimator.config
        tf.train.Server(config.cluster_spec, job_name=config.task_type,
                        task_index=config.task_id, start=True).join()


def _default_schedule(config):
    """The schedule of this task: TF 1's ``learn_runner`` defaults."""
    cluster = config.cluster_spec if config is not None else None
    if not cluster or sum(len(cluster.job_tasks(job)) for job in cluster.jobs) <= 1:
        return "train_and_evaluate"
    schedules = {"master": "train_and_evaluate", "chief": "train_and_evaluate",
                 "ps": "run_std_server", "worker": "train"}
    if config.task_type not in schedules:
        raise ValueError("No default schedule for task type: %s" % config.task_type)
    return schedules[config.task_type]


def _built(experiment_fn, output_dir, run_config, hparams):
    """The Experiment ``experiment_fn`` builds, called as TF 1's learn_runner did."""
    if output_dir is not None and run_config is not None:
        raise ValueError("Cannot provide both `output_dir` and `run_config`")
    if output_dir is None and run_config is None:
        raise ValueError("Must set value for `output_dir` or `run_config`")
    if not callable(experiment_fn):
        raise TypeError('Experiment builder "%s" is not callable.' % experiment_fn)
    if run_config is not None:
        if not run_config.model_dir:
            raise ValueError("Must specify a model directory `model_dir` in `run_config`.")
        if hparams is not None and not isinstance(hparams, HParams):
            raise ValueError("`hparams` must be `HParams` instance")
        experiment = experiment_fn(run_config, hparams)
    elif hparams is not None:
        raise ValueError("Must set `hparams` as None for `experiment_fn` with `output_dir`.")
    else:
        experiment = experiment_fn(output_dir=output_dir)
    if not isinstance(experiment, Experiment):
        raise TypeError("Experiment builder did not return an Experiment instance, got "
                        "%s instead." % type(experiment))
    return experiment


def run(experiment_fn, output_dir=None, schedule=None, run_config=None, hparams=None):
    """``learn_runner.run``: builds the Experiment and runs ``schedule`` (by default,
    the one this task of the cluster calls for); returns what that returned."""
    experiment = _built(experiment_fn, output_dir, run_config, hparams)
    schedule = schedule or _default_schedule(run_config or experiment.estimator.config)
    task = getattr(experiment, schedule, None)
    if task is None or schedule.startswith("_"):
        raise ValueError("Schedule references non-existent task %s" % schedule)
    if not callable(task):
        raise TypeError("Schedule references non-callable member %s" % schedule)
    return task()
