"""The only executor: Dask ``distributed``, an embedded LocalCluster or any cluster by address.

It knows nothing of stages: it maps a picklable function over items, in worker processes, with
retries for lost workers, a progress bar, and results returned in item order.
"""

from __future__ import annotations

import logging
import os
import re
import signal
import threading
import uuid
from dataclasses import dataclass
from collections.abc import Callable, Sequence
from typing import Any

import dask
from distributed import Client, LocalCluster, WorkerPlugin, as_completed
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from curation.core.interrupt import raise_if_interrupted, take_over_sigint_from_polars

console = Console(stderr=True)


@dataclass(frozen=True)
class TaskFailure:
    """An item whose task still raised after its retries."""

    error: str


class IgnoreInterrupt(WorkerPlugin):
    """Embedded workers ignore Ctrl-C: it reaches the whole process group, but stopping is the driver's
    call (it closes the cluster); a worker dying of it mid-unit would only add tracebacks."""

    name = "curation-ignore-sigint"

    def setup(self, worker: Any) -> None:
        import signal
        import threading

        if threading.current_thread() is threading.main_thread():
            take_over_sigint_from_polars()  # else polars, imported later by a stage, would handle it again
            signal.signal(signal.SIGINT, signal.SIG_IGN)


#: Dask's periodic work in an embedded cluster's processes, which costs CPU whether tasks run or not:
#: the event-loop watchdog tick (every 20 ms in the scheduler, nanny and worker), the worker's
#: statistical profiler (a stack sample every 10 ms, for the dashboard's Profile tab) and the system
#: monitor (psutil every 500 ms). An idle 1-worker cluster used 1.58 CPU s per 20 s with Dask's
#: defaults, 0.59 with these (benchmarks/README.md, issue 16). A value the user set in a Dask config
#: file or a ``DASK_*`` variable is kept, and so is one set with ``dask.config.set`` unless it equals
#: Dask's default (it cannot be told from no setting: ask for the default in a file or variable, e.g.
#: ``DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED=True`` for the dashboard's Profile tab).
QUIET_CLUSTER = {
    "distributed.admin.tick.interval": ("20ms", "1s"),
    "distributed.worker.profile.enabled": (True, False),
    "distributed.admin.system-monitor.interval": ("500ms", "2s"),
}


#: Environment of the embedded cluster's worker processes: polars' jemalloc gives freed pages back
#: 100 ms after they were freed (by its background thread, on in polars' build), pyarrow's mimalloc
#: after 10 ms, so a worker's peak is about what its tasks hold, not what the previous task left
#: (MinHash at 200k documents, 1 worker x 2 threads: 580 MiB; 640-646 with the allocators' defaults).
#: Not at once: pages given back at once are faulted in again at the next allocation (the 200k mix:
#: 1.7x the page faults, ~1.15x the CPU; benchmarks/README.md, "Allocator setting"). Set in this
#: process's environment while the cluster runs (spawned workers inherit it; so does this process's own
#: polars if first imported meanwhile), unless the user's environment or Dask config sets it.
RELEASE_FREED_MEMORY = {"_RJEM_MALLOC_CONF": "background_thread:true,dirty_decay_ms:100,muzzy_decay_ms:0",
                        "MIMALLOC_PURGE_DELAY": "10"}
#: what ``import polars`` writes into ``_RJEM_MALLOC_CONF`` before any user value: not the user's
_POLARS_JEMALLOC_DEFAULT = re.compile(r"^dirty_decay_ms:500,muzzy_decay_ms:1000(,thp:always,metadata_thp:always)?,?")


def users_allocator_setting(key: str) -> str | None:
    """The user's own value of one of ``RELEASE_FREED_MEMORY``'s variables, if any: from the
    environment (without the default that importing polars puts there) or Dask's pre-spawn config."""
    value = os.environ.get(key)
    if value is not None and key == "_RJEM_MALLOC_CONF":
        value = _POLARS_JEMALLOC_DEFAULT.sub("", value)
    configured = dask.config.get("distributed.nanny.pre-spawn-environ", None) or {}
    if not value and key in configured:  # a None there is Dask's way to leave the variable unset: also the user's
        return str(configured[key])
    return value or None


def quiet_cluster_config() -> dict[str, Any]:
    """``QUIET_CLUSTER``'s values for the keys the user left alone: at Dask's default, and in no Dask
    config file or ``DASK_*`` variable (where the default itself may be asked for)."""
    files_and_env = dask.config.collect()
    unset = object()
    return {key: ours for key, (default, ours) in QUIET_CLUSTER.items()
            if dask.config.get(key, default) == default and dask.config.get(key, unset, config=files_and_env) is unset}


class _ClosedCommFilter(logging.Filter):
    """asyncio logs a future nobody awaited when it is garbage-collected, whenever that is: a comm the
    scheduler had open to a worker when a stop signal closed the cluster mid-start ("Future exception
    was never retrieved ... CommClosedError") is a traceback about a close we asked for."""

    def filter(self, record: logging.LogRecord) -> bool:
        from distributed.comm.core import CommClosedError

        exc = record.exc_info[1] if record.exc_info else None
        return not (isinstance(exc, CommClosedError) and record.getMessage().startswith("Future exception was never retrieved"))


def _quiet_closed_comms() -> None:
    logger = logging.getLogger("asyncio")
    if not any(isinstance(f, _ClosedCommFilter) for f in logger.filters):
        logger.addFilter(_ClosedCommFilter())


class DaskExecutor:
    def __init__(self, workers: int | None = None, scheduler: str | None = None, retries: int = 2, progress: bool = True,
                 memory_limit: str | None = None, threads: int = 1) -> None:
        self.workers = workers
        # threads per embedded worker process: tasks of one process share its imports and models (less
        # memory); they run in parallel only where the work releases the GIL (polars, numpy, pyarrow, tiktoken)
        self.threads = threads
        self.memory_limit = memory_limit  # per embedded worker, as ``dask worker --memory-limit``; None: Dask's "auto"
        self.scheduler = scheduler
        self.retries = retries
        self.progress = progress
        self.cluster: LocalCluster | None = None
        self.client: Client | None = None
        self._saved_environ: dict[str, str | None] = {}  # RELEASE_FREED_MEMORY's variables before we set them

    def __enter__(self) -> DaskExecutor:
        _quiet_closed_comms()
        if self.scheduler:
            self.client = Client(self.scheduler)
        else:
            n = self.workers or os.cpu_count() or 1
            # While the cluster starts, SIGINT is blocked in this thread: worker processes (spawned by
            # threads started from here) inherit the mask, so a Ctrl-C never kills a worker mid-import.
            # multiprocessing's resource tracker unblocks SIGINT in the thread that first launches it,
            # so it is launched now, before the mask. SIGTERM cannot be blocked (workers would inherit
            # a mask hiding the Nanny's own SIGTERM). Either signal reaching this process meanwhile
            # (through a thread that does not block it) is held and re-sent once the cluster exists,
            # so it is closed here instead of by distributed's atexit hook (tracebacks from
            # half-started workers).
            blocked = threading.current_thread() is threading.main_thread()
            held: list[int] = []
            if blocked:
                from multiprocessing import resource_tracker

                resource_tracker.ensure_running()
                mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
                handlers = {sig: signal.signal(sig, lambda signum, _frame: held.append(signum))
                            for sig in (signal.SIGINT, signal.SIGTERM)}
            try:
                try:
                    # workers log only CRITICAL: a task's failure reaches the driver, which reports it in one
                    # line; a worker's ERROR log is a traceback on the user's terminal (a heartbeat that
                    # raced the scheduler's close on Ctrl-C, "Compute Failed" dumps)
                    self._release_freed_memory()
                    with dask.config.set({"distributed.worker.daemon": False, **quiet_cluster_config()}):
                        self.cluster = LocalCluster(
                            n_workers=n, threads_per_worker=self.threads, processes=True, dashboard_address=":0",
                            silence_logs=logging.CRITICAL,
                            memory_limit=self.memory_limit or "auto",
                        )
                        self.client = Client(self.cluster)
                    self.client.register_plugin(IgnoreInterrupt())
                finally:
                    if blocked:
                        for sig, handler in handlers.items():
                            signal.signal(sig, handler)
                        signal.pthread_sigmask(signal.SIG_SETMASK, mask)
                        if held:
                            os.kill(os.getpid(), held[0])
                raise_if_interrupted()  # a Ctrl-C that distributed's start-up code caught
            except BaseException:
                self.__exit__(None, None, None)
                raise
        threads = f" of {self.threads} threads" if self.threads > 1 and not self.scheduler else ""
        console.print(f"[bold]Dask[/bold] {self.describe()['kind']} with {self.n_workers} workers{threads}; dashboard: {self.client.dashboard_link}")
        return self

    def __exit__(self, *exc: Any) -> None:
        import logging

        # closing while tasks hold results (an interrupt, a failed phase) makes the scheduler log
        # CRITICAL "Closed comm" tracebacks about a client that left on purpose: not news to a user
        loggers = [logging.getLogger(n) for n in ("distributed", "distributed.scheduler", "distributed.core")]
        levels = [lg.level for lg in loggers]
        for lg in loggers:
            lg.setLevel(logging.CRITICAL + 1)
        try:
            if self.client is not None:
                self.client.close()
            if self.cluster is not None:
                self.cluster.close()
        finally:
            for lg, level in zip(loggers, levels):
                lg.setLevel(level)
            for key, value in self._saved_environ.items():  # back exactly as it was before the cluster
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value
            self._saved_environ = {}

    def _release_freed_memory(self) -> None:
        for key, value in RELEASE_FREED_MEMORY.items():
            if users_allocator_setting(key) is None:
                self._saved_environ[key] = os.environ.get(key)
                os.environ[key] = value

    @property
    def n_workers(self) -> int:
        return len(self.client.scheduler_info(n_workers=-1)["workers"]) if self.client else 0

    def describe(self) -> dict[str, Any]:
        """What ran the job, for the manifest (the address only for an external cluster)."""
        return {
            "kind": "dask-external" if self.scheduler else "dask-local",
            "workers": self.n_workers,
            "scheduler": self.scheduler or "embedded LocalCluster",
        }

    @staticmethod
    def raise_failures(results: Sequence[Any], label: str) -> None:
        """For steps where a failed task cannot be skipped (a global stage needs every partition)."""
        failures = [r.error for r in results if isinstance(r, TaskFailure)]
        if failures:
            raise RuntimeError(f"{label}: {len(failures)} task(s) failed; first: {failures[0]}")

    def map(self, fn: Callable, items: Sequence[Any], label: str, *args: Any,
            counted: Callable[[Any], bool] | None = None, **kwargs: Any) -> list[Any]:
        """``[fn(item, *args, **kwargs) for item in items]`` on the cluster, in order.

        ``counted``: which results the progress counts (e.g. shards: a plan that holds no row writes
        none, and ``shards 4/4`` when 3 were written would be wrong); the others lower its total."""
        if not items:
            return []
        token = uuid.uuid4().hex[:8]
        # arguments are small (a recipe, a path): sent with each task; a broadcast scatter was seen to
        # hang when a worker restarted, and saves nothing at this size
        futures = [
            self.client.submit(fn, item, *args, key=f"{label}-{i}-{token}", retries=self.retries, pure=False, **kwargs)
            for i, item in enumerate(items)
        ]
        index = {f.key: i for i, f in enumerate(futures)}
        results: list[Any] = [None] * len(items)
        columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
        total = len(items)
        lines = ProgressLines(label, total) if self.progress and not console.is_terminal else None
        with Progress(*columns, console=console, disable=not self.progress or lines is not None, transient=False) as bar:
            task = bar.add_task(label, total=total)
            for future in as_completed(futures):
                try:
                    results[index[future.key]] = future.result()
                except Exception as exc:  # the caller decides what a failed item means
                    results[index[future.key]] = TaskFailure(f"{type(exc).__name__}: {exc}")
                res = results[index[future.key]]
                if counted is not None and not isinstance(res, TaskFailure) and not counted(res):
                    total -= 1
                    bar.update(task, total=total)
                    if lines is not None:
                        lines.drop()
                    continue
                bar.advance(task)
                if lines is not None:
                    lines.advance()
        return results


class ProgressLines:
    """Progress for logs (output not a terminal): a line every ``CURATION_PROGRESS_SECONDS`` (30) and
    at the end, with items done, rate and ETA, instead of a bar that only shows when it is complete."""

    def __init__(self, label: str, total: int) -> None:
        import time

        self.label, self.total, self.done = label, total, 0
        self.every = float(os.environ.get("CURATION_PROGRESS_SECONDS", "30"))
        self.started = self.last = time.monotonic()

    def drop(self) -> None:
        """One item less to do (its result is not counted); prints the last line if that was all."""
        self.total -= 1
        if self.done == self.total and self.total:
            self.done -= 1
            self.advance()

    def advance(self) -> None:
        import time

        self.done += 1
        now = time.monotonic()
        if self.done < self.total and now - self.last < self.every:
            return
        self.last = now
        elapsed = max(now - self.started, 1e-9)
        rate = self.done / elapsed
        eta = f", ETA {(self.total - self.done) / rate:.0f} s" if self.done < self.total else ""
        console.print(f"{self.label}: {self.done}/{self.total} ({100 * self.done / self.total:.0f}%), "
                      f"{rate:.2f}/s, {elapsed:.0f} s{eta}", highlight=False, soft_wrap=True)
