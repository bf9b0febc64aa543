"""tf1.signals: termination signals as exceptions."""

import os
import signal

import pytest

from tf1 import signals


def test_sigterm_and_sighup_raise_interrupted_with_the_shells_status():
    for signum, status in ((signal.SIGTERM, 143), (signal.SIGHUP, 129), (signal.SIGINT, 130)):
        with pytest.raises(signals.Interrupted) as info:
            with signals.as_exceptions():
                os.kill(os.getpid(), signum)
                for _ in range(1000):
                    pass
        assert info.value.exit_status == status
        assert isinstance(info.value, KeyboardInterrupt)
        assert str(info.value) == "interrupted by %s" % signal.Signals(signum).name


def test_handlers_are_restored_and_nesting_is_harmless():
    before = signal.getsignal(signal.SIGTERM)
    with signals.as_exceptions():
        inner = signal.getsignal(signal.SIGTERM)
        with signals.as_exceptions():
            assert signal.getsignal(signal.SIGTERM) is inner
        assert signal.getsignal(signal.SIGTERM) is inner
    assert signal.getsignal(signal.SIGTERM) is before
