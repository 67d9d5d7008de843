"""The main-script guard the embedded cluster needs, checked before any work.

Dask starts its worker processes with ``spawn``: each imports the main script again. A script that
calls ``execute()`` at top level, without ``if __name__ == "__main__":``, runs the recipe again in
every worker, which failed as "Nanny failed to start" after a page of tracebacks.
"""

from __future__ import annotations

import sys

import dask


class ScriptGuardError(RuntimeError):
    """A script would start the run again in every worker process: one line naming the script."""


def _message(script: str) -> str:
    return (f"{script}: Dask worker processes import the main script again, so it must start the run under "
            "`if __name__ == \"__main__\":` (README, Python API)")


def check_main_guard() -> None:
    """Refuse to start an embedded cluster from an unguarded script (the driver), or to run the recipe again
    in a worker process importing it (a guard this check could not see)."""
    main, importing = sys.modules.get("__main__"), sys.modules.get("__mp_main__")
    if importing is not None and importing is not main:  # a spawned process running the script (runpy)
        raise ScriptGuardError(_message(getattr(importing, "__file__", None) or "the main script"))
    script = getattr(main, "__file__", None)
    if not script or not script.endswith(".py"):  # notebooks, python -c, console scripts: nothing re-imported
        return
    if dask.config.get("distributed.worker.multiprocessing-method", "spawn") == "fork":
        return
    try:
        with open(script, encoding="utf-8", errors="replace") as f:
            source = f.read()
    except OSError:
        return
    if "__main__" not in source:
        raise ScriptGuardError(_message(script))
