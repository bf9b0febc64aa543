"""What we add around TensorFlow's own Estimator, without changing it.

``tf.estimator.Estimator`` here is TensorFlow's (see :mod:`tf1.estimator.real`),
subclassed only in ``__init__``, which wraps the ``model_fn``: the wrapper runs
inside every graph the Estimator builds, before any session exists, and that is
where our additions live:

* checks before restoring: a damaged checkpoint or state file is refused with one
  line (:mod:`tf1.estimator.checkpoints`), instead of a restart from step 0;
* one trainer per ``model_dir`` (:mod:`tf1.estimator.lock`), taken by the chief only and
  given up when ``train`` ends, however it ends;
* a chief-only :class:`GuardHook`: Ctrl-C, SIGTERM and SIGHUP stop training after
  the step in progress; the Estimator's own CheckpointSaverHook then saves at that
  step, and the interrupt goes on as :class:`tf1.signals.Interrupted`.

TensorFlow's premade estimators (:data:`PREMADE`: ``DNNClassifier``, ...) are
each given this Estimator below them, so they are instances of it and have all
of the above. Everything else, NaN checks, logging, saving, evaluation and
export, is the Estimator's own.
"""

import functools
import inspect

from tf1 import internals, signals
from tf1.estimator import checkpoints, lock
from tf1.compat import tf
from tf1.estimator.real import estimator as _real

ModeKeys = _real.ModeKeys
_fn_args = internals.get("tensorflow.python.util.function_utils", "fn_args")
_make_decorator = internals.get("tensorflow.python.util.tf_decorator", "make_decorator")
_unwrap = internals.get("tensorflow.python.util.tf_decorator", "unwrap")


class GuardHook(tf.train.SessionRunHook):
    """The chief's training hook: stops at a signal, saves through the Estimator's
    own saver (whose ``end`` runs before this one's), then lets the interrupt go on."""

    def __init__(self, model_dir):
        self._model_dir = model_dir
        self._signals = signals.Deferred()

    def after_create_session(self, session, coord):
        self._signals.install()

    def after_run(self, run_context, run_values):
        if self._signals.arrived:
            run_context.request_stop()

    def restore_signals(self):
        """Puts back the signal handlers there were before training."""
        self._signals.restore()

    def end(self, session):
        self.restore_signals()
        if not self._signals.arrived:
            return
        interrupt = self._signals.interrupt()
        step = session.run(tf.train.get_global_step())
        saved = tf.train.latest_checkpoint(self._model_dir) or ""
        tf.logging.warning("Interrupted by %s at step %d: %s", interrupt.signal_name, step,
                           "saved checkpoint %s" % saved if saved.endswith("-%d" % step)
                           else "no checkpoint saved (checkpoints are switched off)")
        raise interrupt


class _Training(object):
    """One Estimator's ``train`` call while it runs, and the guards its graphs made."""

    def __init__(self):
        self.running = False
        self.guards = []


def _check_restorable(model_dir):
    """Checks that the state file and the newest checkpoint read whole and hold
    this model; raises one of tf1.estimator.checkpoints' errors if not."""
    latest = checkpoints.check_before_restore(model_dir)
    if latest:
        checkpoints.check_compatible(latest, tf.global_variables())


def _checked_model_dir(estimator, spec, training):
    """Checks the model_dir before anything restores or writes; inside ``train`` on
    the chief, also takes the lock and adds a GuardHook. Returns the spec to run."""
    model_dir = estimator.model_dir
    if spec.mode != ModeKeys.TRAIN or not training.running:
        _check_restorable(model_dir)
        return spec
    if not estimator.config.is_chief:
        return spec
    lock.acquire(model_dir)  # given up when train ends
    _check_restorable(model_dir)
    guard = GuardHook(model_dir)
    training.guards.append(guard)
    return spec._replace(training_chief_hooks=list(spec.training_chief_hooks) + [guard])


def guarded(model_fn, estimator, training):
    """``model_fn`` with our additions, seen by the Estimator as ``model_fn`` itself
    (TensorFlow's decorator wrapper keeps its signature)."""
    def guarded_model_fn(features, **kwargs):
        spec = model_fn(features=features, **kwargs)
        if not isinstance(spec, _real.EstimatorSpec):
            return spec  # the Estimator refuses it with its own message
        return _checked_model_dir(estimator, spec, training)
    args = list(_fn_args(model_fn))  # a partial's bound ones left out
    if inspect.ismethod(_unwrap(model_fn)[1]):
        args.insert(0, "self")  # TensorFlow drops a bound method's first argument
    return _make_decorator(model_fn, guarded_model_fn, decorator_argspec=inspect.FullArgSpec(
        args=args, varargs=None, varkw=None, defaults=None, kwonlyargs=[],
        kwonlydefaults=None, annotations={}))


class Estimator(_real.Estimator):
    __doc__ = _real.Estimator.__doc__

    def __init__(self, model_fn, model_dir=None, config=None, params=None,
                 warm_start_from=None):
        training = _Training()
        super().__init__(model_fn=guarded(model_fn, self, training) if model_fn else None,
                         model_dir=model_dir, config=config, params=params,
                         warm_start_from=warm_start_from)
        self.train = _ending_cleanly(self.train, self, training)


def _ending_cleanly(train, estimator, training):
    """``train`` that, when it ends, however it ends (a NaN loss, any error, an
    interrupt), puts the signal handlers back and gives up the model_dir lock, so
    that the folder is free for the next trainer while this process goes on
    (IPython, Jupyter). An attribute of the instance: the Estimator allows its
    subclasses no ``train`` of their own."""
    @functools.wraps(train)
    def train_ending_cleanly(*args, **kwargs):
        training.running = True
        try:
            return train(*args, **kwargs)
        finally:
            training.running = False
            while training.guards:
                training.guards.pop().restore_signals()
            lock.release(estimator.model_dir)
    return train_ending_cleanly


def _layered(premade):
    """``premade`` (DNNClassifier, say) with our Estimator below it: its own
    ``__init__`` reaches ours through the MRO, so its model_fn is guarded."""
    return type(premade.__name__, (premade, Estimator),
                {"__doc__": premade.__doc__, "__module__": __name__})


def _premade_classes(namespace):
    return {name: cls for name, cls in inspect.getmembers(namespace, inspect.isclass)
            if name != "Estimator" and issubclass(cls, _real.Estimator)}


# TensorFlow's premade estimators (tf.estimator.DNNClassifier, ...) and those of
# tf.estimator.experimental (KMeans), each an instance of our Estimator.
PREMADE = {name: _layered(cls) for name, cls in _premade_classes(_real).items()}
PREMADE_EXPERIMENTAL = {name: _layered(cls)
                        for name, cls in _premade_classes(_real.experimental).items()}
