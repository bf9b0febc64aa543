"""Checks on the checkpoints in a ``model_dir`` before anything is restored from them.

A checkpoint is refused with one message (naming the file, the fault and the
remedy) when it cannot be read whole (a copy cut short, a full disk, a missing
``.index``) or when it holds the variables of another model. Nothing in
``model_dir`` is changed by a check.
"""

from __future__ import absolute_import, division, print_function

import os

from tf1 import Error
from tf1.compat import tf


class CheckpointMismatchError(Error, ValueError):
    """A checkpoint does not hold the variables of the model being built."""


class DamagedCheckpointError(Error, OSError):
    """A checkpoint's files cannot be read whole."""


def latest_checkpoint(model_dir):
    """The prefix of the newest checkpoint ``model_dir``'s state file names, or None.

    Unlike ``tf.train.latest_checkpoint`` this does not return None when the
    newest checkpoint's ``.index`` is missing: a damaged checkpoint is reported,
    not silently skipped (which would start training again from step 0).
    """
    state = tf.train.get_checkpoint_state(model_dir)
    if state is None or not state.model_checkpoint_path:
        return None
    return _absolute(model_dir, state.model_checkpoint_path)


def _absolute(model_dir, path):
    return path if os.path.isabs(path) else os.path.join(model_dir, path)


def _all_checkpoints(model_dir):
    """Every checkpoint the state file lists, newest first."""
    state = tf.train.get_checkpoint_state(model_dir)
    paths = list(state.all_model_checkpoint_paths) if state else []
    if state and state.model_checkpoint_path not in paths:
        paths.append(state.model_checkpoint_path)
    return [_absolute(model_dir, p) for p in reversed(paths)]


def read_fault(checkpoint_path):
    """What is wrong with the checkpoint's files, or None if every tensor reads."""
    if not os.path.exists(checkpoint_path + ".index"):
        return "its index file %s.index is missing" % os.path.basename(checkpoint_path)
    try:
        reader = tf.train.load_checkpoint(checkpoint_path)
        for name in reader.get_variable_to_shape_map():
            reader.get_tensor(name)
    except (tf.errors.OpError, ValueError, OSError, IndexError, RuntimeError) as e:
        message = getattr(e, "message", None) or str(e)
        return message.strip().splitlines()[0]
    return None


def check_readable(checkpoint_path, model_dir):
    """Raises DamagedCheckpointError naming the fault and the newest intact one."""
    fault = read_fault(checkpoint_path)
    if fault is None:
        return
    intact = newest_intact(model_dir, exclude=checkpoint_path)
    if intact:
        remedy = ("The newest intact checkpoint is %s: run again with --restore_intact "
                  "to continue from it (the damaged files are kept), or use a fresh "
                  "model_dir." % intact)
    else:
        remedy = "No intact checkpoint is left: use a fresh model_dir."
    raise DamagedCheckpointError("The checkpoint %s is damaged: %s. %s"
                                 % (checkpoint_path, fault, remedy))


def newest_intact(model_dir, exclude=None):
    """The newest checkpoint in ``model_dir`` whose files read whole, or None."""
    for path in _all_checkpoints(model_dir):
        if path != exclude and read_fault(path) is None:
            return path
    return None


def restore_intact(model_dir):
    """Points ``model_dir``'s state file at its newest intact checkpoint.

    The damaged checkpoints' files stay where they are; the state file lists
    only the intact ones, so training continues from the newest of those.
    Returns that checkpoint's path, or None if there is none.
    """
    latest = latest_checkpoint(model_dir)
    if latest is None or read_fault(latest) is None:
        return latest
    intact = [p for p in _all_checkpoints(model_dir) if read_fault(p) is None]
    if not intact:
        return None
    tf.train.update_checkpoint_state(
        model_dir, intact[0], all_model_checkpoint_paths=list(reversed(intact)))
    tf.logging.warning("Checkpoint %s is damaged; continuing from %s", latest, intact[0])
    return intact[0]


def check_compatible(checkpoint_path, variables):
    """Raises CheckpointMismatchError naming each variable the checkpoint cannot restore."""
    saved = dict(tf.train.list_variables(checkpoint_path))
    problems = []
    for var in variables:
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
            "that wrote it, or a fresh model_dir." % (checkpoint_path, "; ".join(problems)))
