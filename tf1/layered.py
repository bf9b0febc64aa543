"""What we add around TensorFlow's own Estimator, without changing it.

``tf.estimator.Estimator`` here is TensorFlow's (see :mod:`tf1.estimator_compat`),
subclassed only in ``__init__``, which wraps the ``model_fn``: the wrapper runs
inside every graph the Estimator builds, before any session exists, and that is
where our additions live:

* seeding: with ``RunConfig(tf_random_seed=...)``, ``tf.layers`` initializers and
  dropout follow the graph seed as they did in TF 1, so two runs print the same;
* checks before restoring: a damaged checkpoint or state file is refused with one
  line (:mod:`tf1.checkpoints`), instead of a restart from step 0;
* one trainer per ``model_dir`` (:mod:`tf1.lock`), taken by the chief only and
  given up when ``train`` ends, however it ends;
* a chief-only :class:`GuardHook`: Ctrl-C, SIGTERM and SIGHUP stop training after
  the step in progress; the Estimator's own CheckpointSaverHook then saves at that
  step, and the interrupt goes on as :class:`tf1.signals.Interrupted`.

TensorFlow's premade estimators (:data:`PREMADE`: ``DNNClassifier``, ...) are
each given this Estimator below them, so they are instances of it and have all
of the above. Everything else, NaN checks, logging, saving, evaluation and
export, is the Estimator's own.
"""

import contextlib
import functools
import inspect
import random

from tensorflow.python.util import function_utils, tf_decorator, tf_inspect

from tf1 import checkpoints, lock, signals
from tf1.errors import Error
from tf1.compat import tf
from tf1.estimator_compat import estimator as _real

ModeKeys = _real.ModeKeys


class KerasLayoutError(Error, ImportError):
    """tf_keras no longer has the seed generator that seeded tf.layers rely on."""


def _seed_holder():
    """tf_keras's seed generator holder: what ``tf_keras.utils.set_random_seed`` sets."""
    try:
        from tf_keras.src import backend as keras_backend
        return keras_backend._SEED_GENERATOR
    except (ImportError, AttributeError) as e:
        raise KerasLayoutError(
            "tf_keras has moved its seed generator (%s): seeded tf.layers cannot be "
            "made repeatable with this tf_keras; install the version in "
            "requirements.txt" % e) from None


@contextlib.contextmanager
def seeded_layers(seed):
    """Makes ``tf.layers`` follow ``seed`` while a graph is built, as in TF 1.

    TF 1's ``tf.layers`` took their initializer and dropout seeds from the graph
    seed; ``tf_keras`` draws them from Python's ``random`` unless its own seed
    generator is set. This sets it for the build only, then restores it.
    """
    if seed is None:
        yield
        return
    holder = _seed_holder()
    previous = getattr(holder, "generator", None)
    holder.generator = random.Random(seed)
    try:
        yield
    finally:
        holder.generator = previous


class GuardHook(tf.train.SessionRunHook):
    """The chief's training hook: stops at a signal, saves through the Estimator's
    own saver (whose ``end`` runs before this one's), then lets the interrupt go on.

    """

    def __init__(self, model_dir):
        self._model_dir = model_dir
        self._session = None
        self._signals = signals.Deferred(still_wanted=self._running)

    def _running(self):
        return self._session is not None and not getattr(self._session, "_closed", True)

    def after_create_session(self, session, coord):
        self._session = session
        self._signals.install()

    def after_run(self, run_context, run_values):
        if self._signals.arrived:
            run_context.request_stop()

    def end(self, session):
        self._signals.restore()
        if not self._signals.arrived:
            return
        interrupt = self._signals.interrupt()
        step = session.run(tf.train.get_global_step())
        saved = tf.train.latest_checkpoint(self._model_dir) or ""
        tf.logging.warning("Interrupted by %s at step %d: %s", interrupt.signal_name, step,
                           "saved checkpoint %s" % saved if saved.endswith("-%d" % step)
                           else "no checkpoint saved (checkpoints are switched off)")
        raise interrupt


def _check_restorable(model_dir):
    """The state file and the newest checkpoint read whole, and hold this model."""
    latest = checkpoints.check_before_restore(model_dir)
    if latest:
        checkpoints.check_compatible(latest, tf.global_variables())


def _checked_model_dir(estimator, spec):
    """Before anything restores or writes: the checks, and in training the lock."""
    model_dir = estimator.model_dir
    if spec.mode != ModeKeys.TRAIN:
        _check_restorable(model_dir)
        return spec
    if not estimator.config.is_chief:
        return spec
    lock.acquire(model_dir)
    try:
        _check_restorable(model_dir)
    except Exception:
        lock.release(model_dir)
        raise
    return spec._replace(training_chief_hooks=list(spec.training_chief_hooks)
                         + [GuardHook(model_dir)])


def guarded(model_fn, estimator):
    """``model_fn`` with our additions, seen by the Estimator as ``model_fn`` itself
    (TensorFlow's decorator wrapper keeps its signature)."""
    def guarded_model_fn(features, **kwargs):
        with seeded_layers(estimator.config.tf_random_seed):
            spec = model_fn(features=features, **kwargs)
        if not isinstance(spec, _real.EstimatorSpec):
            return spec  # the Estimator refuses it with its own message
        return _checked_model_dir(estimator, spec)
    args = list(function_utils.fn_args(model_fn))  # a partial's bound ones left out
    if inspect.ismethod(tf_decorator.unwrap(model_fn)[1]):
        args.insert(0, "self")  # TensorFlow drops a bound method's first argument
    return tf_decorator.make_decorator(
        model_fn, guarded_model_fn, decorator_argspec=tf_inspect.FullArgSpec(
            args=args, varargs=None, varkw=None, defaults=None, kwonlyargs=[],
            kwonlydefaults=None, annotations={}))


class Estimator(_real.Estimator):
    __doc__ = _real.Estimator.__doc__

    def __init__(self, model_fn, model_dir=None, config=None, params=None,
                 warm_start_from=None):
        super().__init__(model_fn=guarded(model_fn, self) if model_fn else model_fn,
                         model_dir=model_dir, config=config, params=params,
                         warm_start_from=warm_start_from)
        self.train = _releasing_lock(self.train, self)


def _releasing_lock(train, estimator):
    """``train`` that gives up the model_dir lock when it ends, however it ends (a
    NaN loss, any error, an interrupt), so that the folder is free for the next
    trainer while this process goes on (IPython, Jupyter). An attribute of the
    instance: the Estimator allows its subclasses no ``train`` of their own."""
    @functools.wraps(train)
    def releasing_train(*args, **kwargs):
        try:
            return train(*args, **kwargs)
        finally:
            lock.release(estimator.model_dir)
    return releasing_train


def _layered(premade):
    """``premade`` (DNNClassifier, say) with our Estimator below it: its own
    ``__init__`` reaches ours through the MRO, so its model_fn is guarded."""
    return type(premade.__name__, (premade, Estimator),
                {"__doc__": premade.__doc__, "__module__": __name__})


def _premade_classes(namespace):
    return {name: getattr(namespace, name) for name in dir(namespace)
            if isinstance(getattr(namespace, name), type) and name != "Estimator"
            and issubclass(getattr(namespace, name), _real.Estimator)}


# TensorFlow's premade estimators (tf.estimator.DNNClassifier, ...) and those of
# tf.estimator.experimental (KMeans), each an instance of our Estimator.
PREMADE = {name: _layered(cls) for name, cls in _premade_classes(_real).items()}
PREMADE_EXPERIMENTAL = {name: _layered(cls)
                        for name, cls in _premade_classes(_real.experimental).items()}
