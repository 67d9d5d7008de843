"""Run HTML extraction in a child process so that one pathological page can be timed out and killed.

A thread cannot be stopped inside lxml, SIGALRM only works on the main thread, and Dask worker
processes are daemonic (no multiprocessing children). A plain ``subprocess`` speaking length-prefixed
pickles over pipes works everywhere: embedded LocalCluster, ``dask worker`` CLI, Slurm, Kubernetes.
One child per worker thread is kept warm and replaced only after a timeout or a crash.

The timeout counts the child's CPU seconds, not wall-clock seconds: on a machine loaded by other jobs a
page gets the same verdict as on an idle one (a wall-clock limit dropped 72 of 140 sample pages at load
20 and changed the run's content hash). A wall-clock net of ``WALL_FACTOR`` x the timeout still stops a
child that hangs without using CPU.
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
import time
from typing import Any, Callable

import psutil

_HEADER = struct.Struct("!Q")
#: A page may take this many times its CPU timeout in wall-clock time before the child is killed anyway.
WALL_FACTOR = 30
#: How long a new child may take to import its extractors (wall-clock seconds) before it counts as crashed.
START_TIMEOUT = 300.0


class ExtractionTimeout(TimeoutError):
    pass


class ExtractionCrash(RuntimeError):
    pass


class ExtractionUnavailable(RuntimeError):
    """The extraction process could not start (broken install, a machine too loaded to import it within
    ``START_TIMEOUT``): no page's fault, so the unit fails instead of counting its pages as dropped."""


class ExtractionInterrupted(RuntimeError):
    """The child was stopped by a signal meant for the run (SIGINT, SIGTERM, SIGHUP): not the page's
    fault, so the unit fails (and is redone on ``--resume``) instead of dropping the page."""


#: Signals by which a child dies because someone stopped the run, not because of a page.
_STOP_SIGNALS = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}


def send(stream, obj: Any) -> None:
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_HEADER.pack(len(data)) + data)
    stream.flush()


def _read_exact(fd: int, n: int, expired: Callable[[], bool] | None, poll: float) -> bytes:
    chunks, got = [], 0
    while got < n:
        if expired is not None:
            while not select.select([fd], [], [], poll)[0]:
                if expired():
                    raise ExtractionTimeout()
        chunk = os.read(fd, min(n - got, 1 << 20))
        if not chunk:
            raise ExtractionCrash("extraction process exited")
        chunks.append(chunk)
        got += len(chunk)
    return b"".join(chunks)


def receive(fd: int, expired: Callable[[], bool] | None = None, poll: float = 0.05) -> Any:
    """The next message on ``fd``; ``expired()`` is asked every ``poll`` seconds while none arrives."""
    (size,) = _HEADER.unpack(_read_exact(fd, _HEADER.size, expired, poll))
    return pickle.loads(_read_exact(fd, size, expired, poll))


def _cpu_seconds(proc: psutil.Process) -> float:
    try:
        times = proc.cpu_times()
    except psutil.Error:  # gone: the read that follows reports the crash
        return 0.0
    return times.user + times.system


def _budget(proc: psutil.Process, timeout: float) -> Callable[[], bool]:
    """True once the child has spent ``timeout`` CPU seconds on this page (or WALL_FACTOR x in wall time)."""
    cpu_start, wall_end = _cpu_seconds(proc), time.monotonic() + WALL_FACTOR * timeout
    return lambda: _cpu_seconds(proc) - cpu_start >= timeout or time.monotonic() >= wall_end


class Sandbox:
    """A warm child process running ``curation.extract._child``; restarted after timeout/crash."""

    def __init__(self) -> None:
        self.proc: subprocess.Popen | None = None
        self.ps: psutil.Process | None = None

    def _command(self) -> list[str]:
        return [sys.executable, "-m", "curation.extract._child"]

    def _start(self) -> subprocess.Popen:
        env = dict(os.environ, PYTHONUNBUFFERED="1")
        proc = subprocess.Popen(
            self._command(),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
        )
        self.proc, self.ps = proc, psutil.Process(proc.pid)
        # the child says "ready" once its extractors are imported: import time is not the first page's
        deadline = time.monotonic() + START_TIMEOUT
        try:
            receive(proc.stdout.fileno(), lambda: time.monotonic() >= deadline, poll=0.5)
        except (ExtractionTimeout, ExtractionCrash) as exc:
            code = self._exit_code() if isinstance(exc, ExtractionCrash) else None
            self.close()
            if code is not None and -code in _STOP_SIGNALS:
                raise ExtractionInterrupted(f"extraction process stopped by signal {-code}") from None
            why = f"no answer in {START_TIMEOUT:.0f} s" if code is None else f"exit code {code}"
            raise ExtractionUnavailable(f"the extraction process did not start ({why})") from None
        return proc

    def call(self, html: str, url: str | None, options: dict[str, Any], timeout: float) -> str:
        try:
            if self.proc is None or self.proc.poll() is not None:
                self._start()
            send(self.proc.stdin, (html, url, options))
            # the budget starts once the page is handed over
            status, value = receive(self.proc.stdout.fileno(), _budget(self.ps, timeout), min(0.05, timeout / 4))
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
