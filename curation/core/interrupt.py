"""Ctrl-C and SIGTERM stop a run, even when a library swallows the ``KeyboardInterrupt``.

polars installs its own SIGINT handler when imported (signal-hook, SA_RESTART; pola-rs/polars#21739):
imported after ours, it takes Ctrl-C over, and a Ctrl-C while a cluster starts was seen to vanish
(the run went on and exited 0). So polars is imported first and ours replace its handler. The
handlers also record the signal, and :func:`raise_if_interrupted` re-raises it at the driver's
checkpoints (between phases) in case some library caught the ``KeyboardInterrupt`` on the way.
A signal that lands while Python runs a callback whose exceptions it cannot propagate (a ``gc``
callback: distributed's GC diagnosis registers one) would be printed as "Exception ignored ...
Traceback" and lost until the next checkpoint: our ``sys.unraisablehook`` delivers it again instead,
so it is raised at the next line of the interrupted code, silently.
"""

from __future__ import annotations

import _thread
import signal
import sys
import threading
from typing import Any

_received: list[int] = []
#: How many times an interrupt was raised in the main thread (by the handler or a checkpoint).
_raised = [0]


class Terminated(KeyboardInterrupt):
    """SIGTERM, stopping the run the way Ctrl-C does."""


def _on_signal(signum: int, frame: object) -> None:
    _received.append(signum)
    _raised[0] += 1
    raise Terminated() if signum == signal.SIGTERM else KeyboardInterrupt()


def _later(signum: int) -> None:
    timer = threading.Timer(0.01, _fire, (signum, _raised[0]))
    timer.daemon = True
    timer.start()


def _fire(signum: int, seen: int) -> None:
    if _raised[0] == seen:  # not raised since it was swallowed (a checkpoint may have beaten us to it)
        _thread.interrupt_main(signum)


def _redeliver_interrupts(hook: Any) -> Any:
    """``sys.unraisablehook`` that delivers our swallowed interrupt again, and leaves the rest to ``hook``."""

    def unraisable(args: Any) -> None:
        if _received and isinstance(args.exc_value, KeyboardInterrupt):
            try:  # a moment later, from a thread: our handler then runs in the interrupted code, not in here
                _later(_received[-1])
            except KeyboardInterrupt:  # delivered while arming (a second signal): arm again
                _later(_received[-1])
            return
        hook(args)

    unraisable.redelivers = True  # type: ignore[attr-defined]
    return unraisable


def take_over_sigint_from_polars() -> None:
    """Import polars now, so the handler it registers on import is replaced by the next ``signal.signal``."""
    import polars  # noqa: F401


def install_handlers() -> None:
    """Record and raise on SIGINT and SIGTERM (main thread only, as Python requires)."""
    take_over_sigint_from_polars()
    _received.clear()
    signal.signal(signal.SIGINT, _on_signal)
    signal.signal(signal.SIGTERM, _on_signal)
    if not getattr(sys.unraisablehook, "redelivers", False):
        sys.unraisablehook = _redeliver_interrupts(sys.unraisablehook)


def raise_if_interrupted() -> None:
    """Raise the interrupt a signal asked for, if something caught it on the way."""
    if _received:
        _raised[0] += 1
        raise Terminated() if _received[-1] == signal.SIGTERM else KeyboardInterrupt()
