"""Run HTML extraction in a child process so that one pathological page can be timed out and killed.

A thread cannot be stopped inside lxml, SIGALRM only works on the main thread, and Dask worker
processes are daemonic (no multiprocessing children). A plain ``subprocess`` speaking length-prefixed
pickles over pipes works everywhere: embedded LocalCluster, ``dask worker`` CLI, Slurm, Kubernetes.
One child per worker thread is kept warm and replaced only after a timeout or a crash.
"""

from __future__ import annotations

import atexit
import os
import pickle
import select
import signal
import struct
import subprocess
import sys
import threading
from typing import Any

_HEADER = struct.Struct("!Q")


class ExtractionTimeout(TimeoutError):
    pass


class ExtractionCrash(RuntimeError):
    pass


class ExtractionStartError(RuntimeError):
    """The child could not start (import error, or no answer within ``START_SECONDS``): not the page's fault,
    so the unit fails (listed in the manifest, redone on ``--resume``) instead of dropping the page."""


class ExtractionInterrupted(RuntimeError):
    """The child was stopped by a signal meant for the run (SIGINT, SIGTERM, SIGHUP): not the page's
    fault, so the unit fails (and is redone on ``--resume``) instead of dropping the page."""


#: Signals by which a child dies because someone stopped the run, not because of a page.
_STOP_SIGNALS = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}
#: How long a new child may take to import and warm up (a loaded machine can take a minute).
START_SECONDS = 600.0
#: A page's timeout counts the child's CPU seconds; this many times it in wall-clock seconds (at least
#: WALL_MIN) bounds a page that waits without computing.
WALL_FACTOR, WALL_MIN = 20.0, 60.0


def send(stream, obj: Any) -> None:
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_HEADER.pack(len(data)) + data)
    stream.flush()


def readable(fd: int, seconds: float | None) -> bool:
    """Whether ``fd`` has data (or EOF) within ``seconds`` (None: wait). ``poll``, not ``select``: a Dask
    worker with many files open hands out descriptors above FD_SETSIZE (1024), which ``select`` refuses."""
    poller = select.poll()
    poller.register(fd, select.POLLIN)
    return bool(poller.poll(None if seconds is None else max(0, int(seconds * 1000 + 0.999))))


def _read_exact(fd: int, n: int, deadline: float | None) -> bytes:
    import time

    chunks, got = [], 0
    while got < n:
        if deadline is not None:
            left = deadline - time.monotonic()
            if left <= 0 or not readable(fd, left):
                raise ExtractionTimeout()
        chunk = os.read(fd, min(n - got, 1 << 20))
        if not chunk:
            raise ExtractionCrash("extraction process exited")
        chunks.append(chunk)
        got += len(chunk)
    return b"".join(chunks)


def receive(fd: int, deadline: float | None = None) -> Any:
    (size,) = _HEADER.unpack(_read_exact(fd, _HEADER.size, deadline))
    return pickle.loads(_read_exact(fd, size, deadline))


class Sandbox:
    """A warm child process running ``curation.extract._child``; restarted after timeout/crash."""

    def __init__(self) -> None:
        self.proc: subprocess.Popen | None = None

    def _command(self) -> list[str]:
        return [sys.executable, "-m", "curation.extract._child"]

    def _start(self) -> subprocess.Popen:
        """A child that has imported the extractors and extracted one small page: its start-up (seconds
        on a loaded machine) never counts against a page's timeout."""
        import time

        env = dict(os.environ, PYTHONUNBUFFERED="1")
        proc = subprocess.Popen(
            self._command(),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
        )
        try:
            receive(proc.stdout.fileno(), time.monotonic() + START_SECONDS)  # ("ready", None)
        except (ExtractionTimeout, ExtractionCrash) as exc:
            proc.kill()
            proc.wait()
            if -(proc.returncode or 0) in _STOP_SIGNALS:
                raise ExtractionInterrupted(f"extraction process stopped by signal {-proc.returncode}") from None
            raise ExtractionStartError(f"the extraction process did not start ({type(exc).__name__})") from None
        return proc

    def _answer(self, timeout: float) -> Any:
        """The child's answer, waiting while it has used less than ``timeout`` CPU seconds on the page: on a
        loaded machine a page waits for a core, and that wait must not drop it (the output would depend on
        the load). A page that waits without computing is bounded by the wall-clock cap."""
        from curation.core.cpu_budget import CpuBudget  # psutil: not needed by the child, which imports this module

        fd = self.proc.stdout.fileno()
        budget = CpuBudget(self.proc.pid, timeout, max(WALL_MIN, WALL_FACTOR * timeout))
        wait: float | None = timeout
        while not readable(fd, wait):
            wait = budget.next_wait()
            if wait is None:
                raise ExtractionTimeout()
        return receive(fd, budget.cap)

    def call(self, html: str, url: str | None, options: dict[str, Any], timeout: float) -> str:
        if self.proc is None or self.proc.poll() is not None:
            self.proc = self._start()
        try:
            send(self.proc.stdin, (html, url, options))
            status, value = self._answer(timeout)  # the clock starts once the page is handed over
        except ExtractionTimeout:
            self.close()
            raise
        except (ExtractionCrash, BrokenPipeError):
            code = self._exit_code()
            self.close()
            if code is not None and -code in _STOP_SIGNALS:
                raise ExtractionInterrupted(f"extraction process stopped by signal {-code}") from None
            raise
        if status == "error":
            raise RuntimeError(value)
        return value

    def _exit_code(self) -> int | None:
        try:  # the pipe closed: the child is exiting or gone
            return self.proc.wait(timeout=2)
        except subprocess.TimeoutExpired:
            return None

    def close(self) -> None:
        if self.proc is not None:
            if self.proc.poll() is None:
                self.proc.kill()
            self.proc.wait()
            self.proc = None


_local = threading.local()
_all: list[Sandbox] = []


def sandbox() -> Sandbox:
    """The calling thread's sandbox (Dask may run several task threads per worker)."""
    box = getattr(_local, "box", None)
    if box is None:
        box = _local.box = Sandbox()
        _all.append(box)
    return box


@atexit.register
def _close_all() -> None:
    for box in _all:
        box.close()
