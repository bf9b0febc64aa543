"""Small helpers shared by the Estimator and its adapters. No TensorFlow here."""

import inspect


def fn_args(fn):
    """The names of the parameters ``fn`` takes, or () if it has no signature."""
    try:
        return tuple(inspect.signature(fn).parameters)
    except (TypeError, ValueError):
        return ()


def accepted_args(fn, **optional):
    """The ``optional`` keyword arguments that ``fn``'s signature takes.

    ``model_fn(features, labels, mode[, params][, config])`` and ``input_fn([params]
    [, config][, mode])`` take only some of what the Estimator can pass them.
    """
    names = fn_args(fn)
    return {name: value for name, value in optional.items() if name in names}
