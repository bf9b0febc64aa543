"""Checks on the checkpoints in a ``model_dir`` before anything is restored from them.

A checkpoint is refused with one message (naming the file, the fault and the
remedy) when it cannot be read whole (a copy cut short, a full disk, a missing
``.index``) or when it holds the variables of another model; so is a state file
(``checkpoint``) that is missing or unreadable while checkpoints are there,
which TensorFlow would take for a fresh start, overwriting them. Nothing in
``model_dir`` is changed by a check; :func:`restore_intact` is the one remedy
that writes (the state file only).
"""

import os
import re

from google.protobuf import text_format

from tf1 import internals
from tf1.errors import Error
from tf1.compat import tf

_STATE_PROTO = ("tensorflow.python.training.checkpoint_state_pb2", "CheckpointState")
_STATE_WRITER = ("tensorflow.python.checkpoint.checkpoint_management",
                 "update_checkpoint_state_internal")
_SLICE_INFO = ("tensorflow.python.ops.variables", "Variable._save_slice_info")


class CheckpointMismatchError(Error, ValueError):
    """A checkpoint does not hold the variables of the model being built."""


class DamagedCheckpointError(Error, OSError):
    """A checkpoint's files cannot be read whole."""


class DamagedStateError(Error, OSError):
    """``model_dir``'s state file is missing or unreadable while checkpoints are there."""


STATE_FILE = "checkpoint"
_INDEX = re.compile(r"^(.+-(\d+))\.index$")


def latest_checkpoint(model_dir):
    """The prefix of the newest checkpoint ``model_dir``'s state file names, or None.

    Unlike ``tf.train.latest_checkpoint`` this does not return None when the
    newest checkpoint's ``.index`` is missing: a damaged checkpoint is reported,
    not silently skipped (which would start training again from step 0). A path the
    state file holds relative to ``model_dir`` comes back joined to it (by
    TensorFlow's own reader), so it is never joined again.
    """
    state = tf.train.get_checkpoint_state(model_dir)
    if state is None or not state.model_checkpoint_path:
        return None
    return state.model_checkpoint_path


def listed_checkpoints(model_dir):
    """Every checkpoint whose ``.index`` is in ``model_dir``, newest (highest step) first."""
    try:
        names = os.listdir(model_dir)
    except OSError:
        return []
    found = [m for m in map(_INDEX.match, names) if m]
    found.sort(key=lambda m: int(m.group(2)), reverse=True)
    return [os.path.join(model_dir, m.group(1)) for m in found]


def state_fault(model_dir):
    """What is wrong with ``model_dir``'s state file, or None.

    Only a folder that holds checkpoints can have a faulty state file: one that
    is missing, cannot be parsed, or names no checkpoint.
    """
    if not listed_checkpoints(model_dir):
        return None
    path = os.path.join(model_dir, STATE_FILE)
    if not os.path.exists(path):
        return "it is missing"
    try:
        with open(path, encoding="utf-8") as f:
            state = text_format.Parse(f.read(), internals.get(*_STATE_PROTO)())
    except (text_format.ParseError, UnicodeDecodeError) as e:
        return "it cannot be parsed (%s)" % str(e).splitlines()[0]
    if not state.model_checkpoint_path:
        return "it names no checkpoint"
    return None


def check_state(model_dir):
    """Raises DamagedStateError if the state file is faulty while checkpoints are there."""
    fault = state_fault(model_dir)
    if fault is None:
        return
    raise DamagedStateError("The checkpoint state file %s is damaged: %s. %s" % (
        os.path.join(model_dir, STATE_FILE), fault, _remedy(newest_intact(model_dir))))


def _remedy(intact):
    if intact:
        return ("The newest intact checkpoint is %s: run again with --restore_intact "
                "to continue from it (the damaged files are kept), or use a fresh "
                "model_dir." % intact)
    return "No intact checkpoint is left: use a fresh model_dir."


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
    raise DamagedCheckpointError("The checkpoint %s is damaged: %s. %s"
                                 % (checkpoint_path, fault, _remedy(intact)))


def check_before_restore(model_dir):
    """The state file and the newest checkpoint, checked before anything restores
    from them; returns that checkpoint's path, or None for a fresh start."""
    check_state(model_dir)
    latest = latest_checkpoint(model_dir)
    if latest:
        check_readable(latest, model_dir)
    return latest


def newest_intact(model_dir, exclude=None):
    """The newest checkpoint in ``model_dir`` whose files read whole, or None."""
    for path in listed_checkpoints(model_dir):
        if not _same(path, exclude) and read_fault(path) is None:
            return path
    return None


def _same(path, other):
    """Whether two spellings of a checkpoint prefix (``m/x``, ``./m/x``) name one."""
    return other is not None and os.path.abspath(path) == os.path.abspath(other)


def committed(model_dir):
    """The checkpoint the state file names, if the state file and it read whole,
    else None. TensorFlow writes the state file after a checkpoint's files: a newer
    checkpoint whose save was cut before then was never committed."""
    latest = None if state_fault(model_dir) else latest_checkpoint(model_dir)
    return latest if latest is not None and read_fault(latest) is None else None


def restore_intact(model_dir):
    """Points ``model_dir``'s state file at its newest intact checkpoint.

    For a state file that is damaged or missing, or that names a damaged
    checkpoint. The damaged files stay where they are; the state file lists only
    the intact checkpoints, so training continues from the newest of those.
    Returns that checkpoint's path, or None if there is none.
    """
    latest = committed(model_dir)
    if latest is not None:
        return latest
    intact = [p for p in listed_checkpoints(model_dir) if read_fault(p) is None]
    if not intact:
        return None
    internals.get(*_STATE_WRITER)(  # absolute in, relative to model_dir in the file
        os.path.abspath(model_dir), os.path.abspath(intact[0]), save_relative_paths=True,
        all_model_checkpoint_paths=[os.path.abspath(p) for p in reversed(intact)])
    tf.logging.warning("Continuing from the newest intact checkpoint, %s", intact[0])
    return intact[0]


def _saved_as(var):
    """The name and shape a checkpoint holds ``var`` under: a part of a partitioned
    variable (a premade estimator's ``.../kernel/part_0``) is saved as the whole."""
    whole = internals.attribute(var, *_SLICE_INFO)
    if whole is not None:
        return whole.full_name, tuple(whole.full_shape)
    return var.op.name, tuple(var.shape.as_list())


def check_compatible(checkpoint_path, variables):
    """Raises CheckpointMismatchError naming each variable the checkpoint cannot restore."""
    saved = dict(tf.train.list_variables(checkpoint_path))
    problems = []
    for name, shape in sorted(set(map(_saved_as, variables))):
        shape = list(shape)
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
