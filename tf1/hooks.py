"""The session hooks the Estimator adds to those of the user."""

from __future__ import absolute_import, division, print_function

import numpy as np

from tf1 import Error
from tf1.compat import tf


class NanLossDuringTrainingError(Error, RuntimeError):
    """The training loss became NaN."""


class NanLossHook(tf.train.SessionRunHook):
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


class StopAfterNHook(tf.train.SessionRunHook):
    """Requests a stop after ``num`` runs."""

    def __init__(self, num):
        self._num = num
        self._done = 0

    def after_run(self, run_context, run_values):
        self._done += 1
        if self._done >= self._num:
            run_context.request_stop()
