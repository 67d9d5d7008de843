"""Phase-level resume for global stages: every ``map`` call is a phase whose results are kept.

A global stage is a sequence of ``map`` calls, each writing its outputs under the stage's folder
with fixed names. Once a call's tasks have all succeeded, its results are stored under ``folder``
(temp file + rename); a resumed run gets the stored results back instead of running the phase
again, so a stage killed in its fifth phase restarts at the fifth. Later phases overwrite whatever a
killed attempt left, because their outputs are deterministic files written atomically.
"""

from __future__ import annotations

import pickle
import re
from collections.abc import Callable, Sequence
from typing import Any

from curation.executor.dask import DaskExecutor, TaskFailure
from curation.io.files import atomic_open, exists, fs_and_path, join


class PhaseExecutor:
    """Wraps a ``DaskExecutor`` for one global stage; stages see the same ``map``/``raise_failures``."""

    def __init__(self, executor: DaskExecutor, folder: str) -> None:
        self.executor = executor
        self.folder = folder
        self.seen: dict[str, int] = {}
        self.reused: list[str] = []

    raise_failures = staticmethod(DaskExecutor.raise_failures)

    def _file(self, label: str) -> str:
        n = self.seen[label] = self.seen.get(label, 0) + 1  # the same label twice: two phases
        safe = re.sub(r"[^A-Za-z0-9_.-]+", "_", label)
        return join(self.folder, f"{safe}.{n}.pkl")

    def map(self, fn: Callable, items: Sequence[Any], label: str, *args: Any, **kwargs: Any) -> list[Any]:
        url = self._file(label)
        if exists(url):
            fs, path = fs_and_path(url)
            with fs.open(path, "rb") as fh:
                self.reused.append(label)
                return pickle.load(fh)
        results = self.executor.map(fn, items, label, *args, **kwargs)
        if not any(isinstance(r, TaskFailure) for r in results):
            with atomic_open(url, "wb") as fh:
                pickle.dump(results, fh, protocol=pickle.HIGHEST_PROTOCOL)
        return results
