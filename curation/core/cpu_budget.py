"""A child process's time limit counted in its CPU seconds, with a wall-clock cap.

On a loaded machine a child waits for a core, and that wait must not decide whether its page or program
is timed out (the output would depend on the load). A child that waits without computing (sleep, a
blocked read) is bounded by the wall-clock cap instead. Used by the extraction child and the
verification sandbox.
"""

from __future__ import annotations

import time

import psutil


class CpuBudget:
    """``seconds`` of the child's CPU time from now on, and at most ``wall_cap`` seconds of waiting."""

    def __init__(self, pid: int, seconds: float, wall_cap: float) -> None:
        self.process, self.seconds = psutil.Process(pid), seconds
        self._last = 0.0
        self.start = self.cpu()
        self.began = time.monotonic()
        self.cap = self.began + wall_cap

    def cpu(self) -> float:
        """The child's CPU seconds so far (user + system); once it is gone (reaped), the last reading."""
        try:
            t = self.process.cpu_times()
        except psutil.Error:
            return self._last
        self._last = t.user + t.system
        return self._last

    def used(self) -> float:
        return max(0.0, self.cpu() - self.start)

    def next_wait(self) -> float | None:
        """How long to wait before looking again (a child cannot use more CPU seconds than wall seconds
        with one thread), or None when the budget or the wall-clock cap is spent."""
        used, now = self.used(), time.monotonic()
        if used >= self.seconds or now >= self.cap:
            return None
        return max(0.0, min(self.cap - now, max(0.05, self.seconds - used)))
