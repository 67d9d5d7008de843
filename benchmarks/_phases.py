"""The driver's own RSS by phase of a run: which step makes the driver (scheduler + nannies + the
manifest and report it builds with no worker alive) grow. Sampled every ``interval`` s in a thread
of the driver; a phase is an executor map (``map <label>``), what the driver does after it
(``after <label>``), and the steps after the cluster closes (publish, manifest, report)."""

from __future__ import annotations

import functools
import threading
from typing import Any, Callable


class PhaseSampler(threading.Thread):
    """Per phase, in order: the driver's RSS when it began and the highest RSS sampled during it."""

    def __init__(self, interval: float = 0.1) -> None:
        super().__init__(daemon=True)
        import psutil

        self.proc = psutil.Process()
        self.interval = interval
        self.phase = "start"
        self.phases: dict[str, dict[str, int]] = {}
        self._halt = threading.Event()
        self._lock = threading.Lock()
        self.enter("start")

    def _rss(self) -> int:
        return int(self.proc.memory_info().rss)

    def enter(self, phase: str) -> None:
        rss = self._rss()
        with self._lock:
            self.note(rss)
            self.phase = phase
            entry = self.phases.setdefault(phase, {"start": rss, "peak": rss})
            entry["peak"] = max(entry["peak"], rss)

    def note(self, rss: int) -> None:
        entry = self.phases.setdefault(self.phase, {"start": rss, "peak": rss})
        entry["peak"] = max(entry["peak"], rss)

    def run(self) -> None:
        while not self._halt.is_set():
            rss = self._rss()
            with self._lock:
                self.note(rss)
            self._halt.wait(self.interval)

    def stop(self) -> dict[str, dict[str, int]]:
        self._halt.set()
        self.join()
        self.enter("end")
        return self.phases


def _wrapped(sampler: PhaseSampler, fn: Callable, phase: str, after: str | None = None) -> Callable:
    @functools.wraps(fn)
    def inner(*a: Any, **k: Any) -> Any:
        sampler.enter(phase)
        try:
            return fn(*a, **k)
        finally:
            if after:
                sampler.enter(after)
    return inner


def instrument(sampler: PhaseSampler) -> None:
    """Label the driver's phases: executor maps, cluster close, shard publishing, manifest, report."""
    import curation.executor.dask as dx
    import curation.report as report
    import curation.run.driver as driver

    orig_map = dx.DaskExecutor.map

    def timed_map(self: Any, fn: Callable, items: Any, label: str, *a: Any, **k: Any) -> Any:
        key = label.split(":")[0] if ":" in label else label
        sampler.enter(f"map {key}")
        try:
            return orig_map(self, fn, items, label, *a, **k)
        finally:
            sampler.enter(f"after {key}")

    dx.DaskExecutor.map = timed_map
    dx.DaskExecutor.__exit__ = _wrapped(sampler, dx.DaskExecutor.__exit__, "cluster close", "after cluster close")
    driver._publish_shards = _wrapped(sampler, driver._publish_shards, "publish shards", "stage summaries")
    driver.build_manifest = _wrapped(sampler, driver.build_manifest, "manifest", "manifest written")
    report.write_report = _wrapped(sampler, report.write_report, "report", "after report")


def table(phases: dict[str, dict[str, int]]) -> list[tuple[str, int, int]]:
    """(phase, RSS at its start, peak RSS during it), in the order the phases began."""
    return [(name, v["start"], v["peak"]) for name, v in phases.items()]
