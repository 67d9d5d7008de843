"""Run one generated Python program and its tests in a throw-away child process, under limits.

What it does: a fresh interpreter (``-s -P -B`` with an emptied environment, i.e. ``-I`` isolation but
with ``PYTHONHASHSEED=0``, which ``-I`` would ignore) in its own temp dir (cwd, HOME, TMPDIR), its own
session (the whole process group is killed on timeout), limits on CPU seconds (counted by the parent
as CPU time, so a loaded machine does not time out a correct program; ``RLIMIT_CPU`` as a backstop),
wall-clock seconds, address space (``RLIMIT_AS``), file size and output bytes. Two guards refuse
forks, ``exec``, sockets, writes outside the temp dir and signals to other processes:

- an audit hook (Python level): it sees the attempt (``os.fork``, ``subprocess``, ``socket``, ``open``
  for writing, ``ctypes``, ``gc`` introspection...), refuses it and reports it at once, so the program
  is rejected with a reason even if it caught the error;
- the kernel, where Linux offers it unprivileged (``no_new_privs`` first): Landlock (writes only below
  the temp dir and to /dev/null, no exec, no TCP bind/connect from ABI 4, no signals outside from ABI 6)
  and a seccomp filter (no fork, vfork, exec, ptrace, io_uring, non-thread clone, non-AF_UNIX socket).
  These stop what the hook cannot see (C code, a re-imported module), but do not name it: such a
  program fails its tests instead. ``SandboxRun.guards`` says which were installed;
- ``RLIMIT_NPROC`` when not root (root is exempt) and a network namespace (``unshare -rn``) when the
  machine allows one.

What it does not stop: reads (the program can read any file the user can); UDP from C code where
seccomp is missing (Landlock covers TCP only); and, where both kernel guards are missing (old kernels,
non-Linux, a container that forbids them), anything done from C code.
A program that sets out to forge its own verdict can: it runs in the same interpreter as the reporter.
It is a guard against code a model wrote in good faith that happens to be wrong, slow or careless,
not a security boundary: against a model (or a prompt) that tries to escape, run the job inside a
container or VM with no network and a read-only file system.
"""

from __future__ import annotations

import functools
import json
import math
import os
import secrets
import select
import shutil
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from curation.core.cpu_budget import CpuBudget

CHILD = str(Path(__file__).with_name("_sandbox_child.py"))
DIR_PREFIX = "curation-verify-"
#: Bytes of stdout + stderr a program may write before it is stopped ("output_limit").
OUTPUT_LIMIT = 1 << 20
#: Bytes of output kept for the verdict's detail; the biggest file the program may write.
KEPT_OUTPUT, FILE_LIMIT_MB = 2000, 64
#: Default wall-clock cap: this many times the CPU timeout, at least WALL_MIN seconds.
WALL_FACTOR, WALL_MIN = 5.0, 30.0
#: Native thread pools of one thread: numpy's BLAS reserves memory per core, which RLIMIT_AS would refuse
#: on a many-core machine, and one thread computes the same result everywhere.
ONE_THREAD = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
#: Processes and threads a program may add to its user's count where RLIMIT_NPROC applies.
NPROC_MARGIN = 64


@dataclass(frozen=True)
class SandboxRun:
    """What happened: the child's own final status, what it tried and was refused, what the parent did."""

    status: str | None  # the child's last word ("passed", "tests_failed", ...), None if it gave none
    detail: str
    violations: tuple[tuple[str, str], ...]  # (reason, what was tried), in order
    stopped: str | None  # "timeout" or "output_limit" when the parent killed the process group
    returncode: int
    output: str  # the head of stdout + stderr
    output_bytes: int
    guards: dict  # the kernel guards the child installed: {"landlock": ABI or 0, "seccomp": bool}
    cpu_s: float


@functools.lru_cache(maxsize=1)
def network_namespace() -> tuple[str, ...]:
    """``unshare -rn`` when this machine lets an unprivileged user make a network namespace, else nothing."""
    unshare = shutil.which("unshare")
    if unshare is None:
        return ()
    try:
        done = subprocess.run([unshare, "-rn", "true"], capture_output=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return ()
    return (unshare, "-rn") if done.returncode == 0 else ()


@functools.lru_cache(maxsize=1)
def _sweep_stale_dirs() -> None:
    """Once per process: remove the temp dirs of callers that were killed outright (SIGKILL, a lost
    machine) before their ``finally`` ran. A dir is named after its caller's pid; a live pid keeps it."""
    import psutil

    for path in Path(tempfile.gettempdir()).glob(f"{DIR_PREFIX}*-*"):
        pid = path.name[len(DIR_PREFIX):].split("-", 1)[0]
        if pid.isdigit() and not psutil.pid_exists(int(pid)):
            shutil.rmtree(path, ignore_errors=True)


def _nproc_limit() -> int:
    """RLIMIT_NPROC for the child (-1: none). It counts every process and thread of the user, so the
    limit is today's count plus a margin: threads work, a fork bomb does not get far. Root is exempt."""
    if os.geteuid() == 0:
        return -1
    import psutil

    uid = os.getuid()
    count = sum(p.info["num_threads"] or 1 for p in psutil.process_iter(["uids", "num_threads"])
                if p.info["uids"] is not None and p.info["uids"].real == uid)
    return count + NPROC_MARGIN


def run_sandboxed(program: str, tests: str, *, timeout_s: float, memory_mb: int, wall_s: float | None = None,
                  output_limit: int = OUTPUT_LIMIT, isolate_network: bool | None = None,
                  audit_hook: bool = True) -> SandboxRun:
    """Run ``program`` then ``tests`` in a child (see the module docstring); the temp dir is removed after.
    ``isolate_network``: None uses a network namespace when available, True requires one.
    ``audit_hook=False`` leaves the kernel guards alone (to test them: never in a job)."""
    prefix = network_namespace() if isolate_network is not False else ()
    if isolate_network and not prefix:
        raise RuntimeError("no network namespace on this machine (unshare -rn failed)")
    _sweep_stale_dirs()
    root = os.path.realpath(tempfile.mkdtemp(prefix=f"{DIR_PREFIX}{os.getpid()}-"))
    read_fd, write_fd = os.pipe()
    try:
        Path(root, "solution.py").write_text(program, encoding="utf-8")
        Path(root, "test_solution.py").write_text(tests, encoding="utf-8")
        limits = [str(write_fd), str(memory_mb), str(math.ceil(timeout_s) + 1), str(_nproc_limit()), str(FILE_LIMIT_MB),
                  str(int(audit_hook))]
        env = {"HOME": root, "TMPDIR": root, "PYTHONHASHSEED": "0", "LANG": "C.UTF-8", "PATH": os.defpath, **ONE_THREAD}
        proc = subprocess.Popen([*prefix, sys.executable, "-s", "-P", "-B", CHILD, *limits], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, cwd=root, env=env,
                                pass_fds=(write_fd,), start_new_session=True)
        os.close(write_fd)
        write_fd = -1
        token = secrets.token_hex(16)
        try:
            proc.stdin.write(token.encode() + b"\n")
            proc.stdin.close()
        except BrokenPipeError:
            pass
        wall = wall_s if wall_s is not None else max(WALL_MIN, WALL_FACTOR * timeout_s)
        try:
            return _watch(proc, read_fd, token, timeout_s, wall, output_limit)
        except BaseException:  # Ctrl-C or a stopping worker: the child, in its own session, goes too
            _kill_group(proc)
            proc.wait()
            proc.stdout.close()
            raise
    finally:
        for fd in (read_fd, write_fd):
            if fd >= 0:
                os.close(fd)
        shutil.rmtree(root, ignore_errors=True)


def _kill_group(proc: subprocess.Popen) -> None:
    if proc.returncode is not None:
        return  # reaped: its pid and group id may be someone else's now
    try:
        os.killpg(proc.pid, signal.SIGKILL)  # not reaped yet: the group id is still the child's own
    except ProcessLookupError:
        pass


def _watch(proc: subprocess.Popen, result_fd: int, token: str, timeout_s: float, wall_s: float,
           output_limit: int) -> SandboxRun:
    """Drain the child's output and result pipes until it exits, killing its group when a limit is hit."""
    budget = CpuBudget(proc.pid, timeout_s, wall_s)
    out_fd = proc.stdout.fileno()
    open_fds, head, result = {out_fd, result_fd}, bytearray(), bytearray()
    poller = select.poll()  # not select(): a worker with many files open has fds above FD_SETSIZE
    for fd in open_fds:
        poller.register(fd, select.POLLIN)
    total, stopped, wait = 0, None, min(timeout_s, wall_s)
    while open_fds or proc.poll() is None:
        ready = poller.poll(1000 * (wait if open_fds else min(wait, 0.02)))
        for fd, _ in ready:
            chunk = os.read(fd, 1 << 16)
            if not chunk:
                open_fds.discard(fd)
                poller.unregister(fd)
            elif fd == out_fd:
                total += len(chunk)
                head += chunk[:max(0, KEPT_OUTPUT - len(head))]
            elif len(result) < OUTPUT_LIMIT:
                result += chunk
        if total > output_limit:
            stopped = "output_limit"
            break
        if not open_fds and proc.poll() is not None:
            break
        wait = budget.next_wait()
        if wait is None:
            stopped = "timeout"
            break
    cpu = budget.used()
    if stopped:
        _kill_group(proc)
    proc.wait()
    proc.stdout.close()
    records = []
    for line in bytes(result).decode("utf-8", "replace").splitlines():
        try:
            record = json.loads(line)
        except ValueError:
            continue
        if isinstance(record, dict) and record.get("token") == token:
            records.append(record)
    finals = [r for r in records if "status" in r]
    return SandboxRun(status=str(finals[-1]["status"]) if finals else None,
                      detail=str(finals[-1].get("detail", "")) if finals else "",
                      violations=tuple((str(r["violation"]), str(r.get("detail", ""))) for r in records if "violation" in r),
                      stopped=stopped, returncode=proc.returncode, output=head.decode("utf-8", "replace"),
                      output_bytes=total, cpu_s=cpu, guards=next((r["guards"] for r in records if "guards" in r), {}))
