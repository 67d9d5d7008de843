"""Measuring a benchmark's processes: peak RSS and CPU seconds of a process tree, machine busy time."""

from __future__ import annotations

import json
import os
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

SAMPLE_RATE = 0.05  # seconds between RSS samples


class TreeWatcher(threading.Thread):
    """Samples a process and all its descendants every ``interval`` s: the peak of their summed RSS,
    and each process's last-seen CPU time (user + system), so that ``cpu_seconds`` also covers
    processes that exited meanwhile (to within one interval)."""

    def __init__(self, pid: int, interval: float = SAMPLE_RATE) -> None:
        super().__init__(daemon=True)
        import psutil

        self.root = psutil.Process(pid)
        self.interval = interval
        self.peak = 0
        self.peak_procs = 0
        self.peak_one = 0  # the largest RSS any single process of the tree reached
        self.peak_pss = 0  # peak of the tree's summed PSS: shared pages split between the processes mapping them
        self.samples = 0
        self.cpu: dict[tuple[int, float], float] = {}
        self.peak_detail: list[tuple[str, int]] = []
        self.peak_time = 0.0  # time.time() of the sample that set ``peak``
        self._roles: dict[int, str] = {}
        self._root_cmd = " ".join(self.root.cmdline())
        self._halt = threading.Event()

    def sample(self) -> None:
        import psutil

        try:
            procs = [self.root, *self.root.children(recursive=True)]
        except psutil.NoSuchProcess:
            return
        total = pss = 0
        rss: list[tuple[int, int]] = []
        for p in procs:
            try:
                with p.oneshot():
                    r = p.memory_info().rss
                    total += r
                    self.peak_one = max(self.peak_one, r)
                    rss.append((p.pid, r))
                    pss += _pss(p.pid, r)
                    t = p.cpu_times()
                    self.cpu[(p.pid, p.create_time())] = t.user + t.system
            except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
                pass
        self.samples += 1
        self.peak_pss = max(self.peak_pss, pss)
        if total > self.peak:
            self.peak, self.peak_procs, self.peak_time = total, len(procs), time.time()
            self.peak_detail = [(self.role(pid), r) for pid, r in rss]

    def role(self, pid: int) -> str:
        """What a process of the tree is, from its command line (cached per pid)."""
        import psutil

        if pid not in self._roles:
            try:
                cmd = " ".join(psutil.Process(pid).cmdline())
            except psutil.Error:
                cmd = ""
            if pid == self.root.pid:
                role = "main (driver; ours: + Dask scheduler and nannies)"
            elif "resource_tracker" in cmd:
                role = "multiprocessing resource tracker"
            elif "spawn_main" in cmd or "forkserver" in cmd:
                role = "spawned worker process"
            elif cmd == self._root_cmd:
                role = "forked child (pool worker or manager)"
            else:
                role = cmd[:60] or "?"
            self._roles[pid] = role
        return self._roles[pid]

    @property
    def cpu_seconds(self) -> float:
        return sum(self.cpu.values())

    def cpu_by_role(self) -> list[tuple[str, float]]:
        """CPU seconds per kind of process (driver, worker, extraction sandbox, ...), largest first."""
        out: dict[str, float] = {}
        for (pid, _), seconds in self.cpu.items():
            role = self.role(pid)
            out[role] = out.get(role, 0.0) + seconds
        return sorted(out.items(), key=lambda kv: -kv[1])

    def run(self) -> None:
        while not self._halt.is_set():
            self.sample()
            self._halt.wait(self.interval)

    def stop(self) -> None:
        self._halt.set()
        self.join()


def _pss(pid: int, rss: int) -> int:
    """A process's proportional set size (Linux ``smaps_rollup``): its private pages plus its share of
    pages it maps with other processes (forked copy-on-write pages, shared libraries). Summed over a
    tree it counts each physical page once; RSS summed counts shared pages once per process.
    Falls back to RSS where the kernel gives no rollup."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as fh:
            for line in fh:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return rss


def tree_cpu() -> float:
    """User + system CPU seconds of this process and its live descendants (e.g. the Dask workers)."""
    import psutil

    me = psutil.Process()
    total = 0.0
    for p in [me, *me.children(recursive=True)]:
        try:
            t = p.cpu_times()
            total += t.user + t.system
        except psutil.Error:
            pass
    return total


def busy_cpu_seconds() -> float:
    """CPU seconds the whole machine has spent busy (all processes) since boot."""
    import psutil

    t = psutil.cpu_times()
    return sum(t) - t.idle - getattr(t, "iowait", 0.0) - getattr(t, "steal", 0.0) - getattr(t, "guest", 0.0) - getattr(t, "guest_nice", 0.0)


@dataclass
class ChildRun:
    """What ``run_watched`` measured of one child process and what it reported."""

    result: dict
    watcher: TreeWatcher
    process_seconds: float
    other_cores: float  # cores that everything else on the machine kept busy meanwhile (a shared machine)


def run_watched(cmd: list[str], label: str, result_path: Path, log_path: Path, cwd: Path | None = None) -> ChildRun:
    """Run ``cmd`` (which writes JSON to ``result_path``) while sampling its process tree."""
    with open(log_path, "wb") as log:
        busy0, own0 = busy_cpu_seconds(), sum(os.times()[:2])
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, cwd=cwd)
        watcher = TreeWatcher(proc.pid)
        watcher.start()
        rc = proc.wait()
        watcher.stop()
        seconds = time.perf_counter() - started
        busy, own = busy_cpu_seconds() - busy0, sum(os.times()[:2]) - own0
    if rc != 0 or not result_path.exists():
        tail = log_path.read_text(encoding="utf-8", errors="replace")[-4000:]
        raise SystemExit(f"{label}: child failed (exit {rc}); last lines of {log_path}:\n{tail}")
    result = json.loads(result_path.read_text(encoding="utf-8"))
    return ChildRun(result, watcher, seconds, max(busy - watcher.cpu_seconds - own, 0.0) / seconds)
