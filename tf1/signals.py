"""Termination signals as exceptions, so that work in progress can be saved.

Python turns Ctrl-C (SIGINT) into ``KeyboardInterrupt``; a SIGTERM (what
``timeout``, ``docker stop``, a batch scheduler or a preempted machine sends) or
a SIGHUP (a closed terminal) kills the process where it stands. Inside
:func:`as_exceptions`, all three raise :class:`Interrupted`, a
``KeyboardInterrupt``, so one ``except KeyboardInterrupt`` saves for any of them.
No TensorFlow here.
"""

import contextlib
import signal
import threading

SIGNALS = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP")
                if hasattr(signal, name))


class Interrupted(KeyboardInterrupt):
    """A termination signal arrived. ``exit_status`` is the shell's 128 + signal."""

    def __init__(self, signum):
        self.signum = signum
        self.signal_name = signal.Signals(signum).name
        self.exit_status = 128 + signum
        super().__init__("interrupted by %s" % self.signal_name)


def _raise(signum, frame):
    raise Interrupted(signum)


def _installed():
    return all(signal.getsignal(s) is _raise for s in SIGNALS)


@contextlib.contextmanager
def as_exceptions():
    """Within the block, SIGINT, SIGTERM and SIGHUP raise :class:`Interrupted`.

    Does nothing outside the main thread (where Python cannot handle signals)
    or where the handlers are already in place.
    """
    if threading.current_thread() is not threading.main_thread() or _installed():
        yield
        return
    previous = {s: signal.signal(s, _raise) for s in SIGNALS}
    try:
        yield
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)


class Deferred(object):
    """Termination signals recorded, not raised, so that work stops at a safe point.

    Between :meth:`install` and :meth:`restore`, SIGINT, SIGTERM and SIGHUP only
    set :attr:`arrived`; the owner polls it and stops when it is safe to. If
    ``still_wanted()`` turns False (the owner ended without restoring, say its
    session failed), the next signal restores the previous handlers and is
    delivered to them, so a signal is never swallowed for good.
    """

    def __init__(self, still_wanted=lambda: True):
        self.arrived = None
        self._still_wanted = still_wanted
        self._previous = None

    def _record(self, signum, frame):
        if not self._still_wanted():
            self.restore()
            signal.raise_signal(signum)
            return
        self.arrived = self.arrived or signum

    def install(self):
        """Records signals from now on (main thread only; elsewhere does nothing)."""
        if threading.current_thread() is threading.main_thread() and not self._previous:
            self._previous = {s: _live(s, signal.signal(s, self._record)) for s in SIGNALS}

    def restore(self):
        """Puts the handlers that were there before back."""
        previous, self._previous = self._previous, None
        for s, handler in (previous or {}).items():
            signal.signal(s, handler)

    def interrupt(self):
        """The :class:`Interrupted` for the signal that arrived."""
        return Interrupted(self.arrived)


def _live(signum, handler):
    """``handler``, or, if it belongs to a Deferred whose owner has gone, the
    handler that one replaced (so that stale handlers do not pile up)."""
    owner = getattr(handler, "__self__", None)
    while isinstance(owner, Deferred) and not owner._still_wanted():
        handler = (owner._previous or {}).get(signum, signal.SIG_DFL)
        owner = getattr(handler, "__self__", None)
    return handler
