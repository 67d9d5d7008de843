"""Ctrl-C and SIGTERM stop a run, even when a library swallows the ``KeyboardInterrupt``.

polars installs its own SIGINT handler when imported (signal-hook, SA_RESTART; pola-rs/polars#21739):
imported after ours, it takes Ctrl-C over, and a Ctrl-C while a cluster starts was seen to vanish
(the run went on and exited 0). So polars is imported first and ours replace its handler. The
handlers also record the signal, and :func:`raise_if_interrupted` re-raises it at the driver's
checkpoints (between phases) in case some library caught the ``KeyboardInterrupt`` on the way.
"""

from __future__ import annotations

import signal

_received: list[int] = []


class Terminated(KeyboardInterrupt):
    """SIGTERM, stopping the run the way Ctrl-C does."""


def _on_signal(signum: int, frame: object) -> None:
    _received.append(signum)
    raise Terminated() if signum == signal.SIGTERM else KeyboardInterrupt()


def take_over_sigint_from_polars() -> None:
    """Import polars now, so the handler it registers on import is replaced by the next ``signal.signal``."""
    import polars  # noqa: F401


def install_handlers() -> None:
    """Record and raise on SIGINT and SIGTERM (main thread only, as Python requires)."""
    take_over_sigint_from_polars()
    _received.clear()
    signal.signal(signal.SIGINT, _on_signal)
    signal.signal(signal.SIGTERM, _on_signal)


def raise_if_interrupted() -> None:
    """Raise the interrupt a signal asked for, if something caught it on the way."""
    if _received:
        raise Terminated() if _received[-1] == signal.SIGTERM else KeyboardInterrupt()
