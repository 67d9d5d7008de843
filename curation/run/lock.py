"""The run-folder lock: one live run per folder, and no finished run replaced by accident.

A run holds ``<run>/_lock.json`` (host, pid, start time) from its first write to its last. A second
run into that folder is refused naming the holder. A lock whose process is gone (same host, pid dead
or reused since) is stale: ``--resume`` (or ``--overwrite``) takes it over. Locally the lock is made
with ``O_CREAT | O_EXCL`` (two runs racing: one wins); on object stores it is best effort
(check, then write).
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import json
import os
import socket
import uuid
from collections.abc import Iterator
from typing import Any

from curation.io.files import exists, fs_and_path, join, move, read_json
from curation.run.layout import LOCK, MANIFEST

LOCK_NAME = LOCK


class RunFolderBusy(RuntimeError):
    """The run folder is held by another run, or holds one that must not be replaced silently."""


def _process_started(pid: int) -> float | None:
    """Start time (epoch seconds) of a live process on this host, None if there is none."""
    import psutil

    try:
        return psutil.Process(pid).create_time()
    except (psutil.NoSuchProcess, psutil.ZombieProcess):
        return None
    except psutil.Error:  # e.g. access denied: it exists
        return 0.0


def holder_info() -> dict[str, Any]:
    import psutil

    pid = os.getpid()
    return {"host": socket.gethostname(), "pid": pid, "pid_started": psutil.Process(pid).create_time(),
            "started": _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"), "token": uuid.uuid4().hex}


def describe(holder: dict[str, Any]) -> str:
    return f"host {holder.get('host', '?')}, pid {holder.get('pid', '?')}, started {holder.get('started', '?')}"


def is_stale(holder: dict[str, Any]) -> bool:
    """The holder's process is gone: same host, and its pid is dead or now names a later process."""
    if holder.get("host") != socket.gethostname() or not isinstance(holder.get("pid"), int):
        return False  # another machine's run: we cannot tell, so it is live
    started = _process_started(holder["pid"])
    if started is None:
        return True
    recorded = holder.get("pid_started")
    return bool(started and isinstance(recorded, (int, float)) and started > recorded + 1.0)


def _read(url: str) -> dict[str, Any] | None:
    try:
        data = read_json(url)
    except FileNotFoundError:
        return None
    except (ValueError, OSError):
        return {}  # half-written by a process killed mid-write: a holder we cannot name
    return data if isinstance(data, dict) else {}


def _create(url: str, holder: dict[str, Any]) -> bool:
    """Write the lock if none exists; False if another run made it first."""
    fs, path = fs_and_path(url)
    body = json.dumps(holder, indent=2, sort_keys=True) + "\n"
    if "://" not in url:
        try:
            fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            return False
        with os.fdopen(fd, "w") as fh:
            fh.write(body)
            fh.flush()
            os.fsync(fh.fileno())
        return True
    if fs.exists(path):
        return False
    with fs.open(path, "w") as fh:
        fh.write(body)
    return True


def _take_over(url: str, seen: dict[str, Any]) -> bool:
    """Move a stale lock aside, if it is still the one we judged stale; False if another run got there first."""
    aside = f"{url}.{uuid.uuid4().hex[:8]}.stale"
    try:
        move(url, aside)
    except (FileNotFoundError, OSError):
        return False
    if _read(aside) != seen:  # someone replaced it between our read and our move: give theirs back
        with contextlib.suppress(OSError):
            move(aside, url)
        return False
    fs, path = fs_and_path(aside)
    fs.rm(path)
    return True


def acquire(run_dir: str, take_stale: bool) -> dict[str, Any]:
    """Hold ``run_dir`` for this process, or raise ``RunFolderBusy`` naming the holder."""
    url = join(run_dir, LOCK_NAME)
    me = holder_info()
    for _ in range(3):
        if _create(url, me):
            return me
        holder = _read(url)
        if holder is None:
            continue  # released between our two looks
        if not holder or not is_stale(holder):
            who = describe(holder) if holder else "a run whose lock file is unreadable"
            raise RunFolderBusy(f"{run_dir}: in use by another run ({who}); wait for it to finish or choose "
                                f"another --output (if that run is gone, delete {url})")
        if not take_stale:
            raise RunFolderBusy(f"{run_dir}: holds an unfinished run that was killed ({describe(holder)}); "
                                f"continue it with --resume, or start over with --overwrite")
        _take_over(url, holder)
    raise RunFolderBusy(f"{run_dir}: another run took the folder while this one started; try again")


def release(run_dir: str, me: dict[str, Any]) -> None:
    """Remove the lock if it is still ours."""
    url = join(run_dir, LOCK_NAME)
    if _read(url) == me:
        fs, path = fs_and_path(url)
        with contextlib.suppress(FileNotFoundError):
            fs.rm(path)


@contextlib.contextmanager
def holding(run_dir: str, resume: bool, overwrite: bool) -> Iterator[dict[str, Any]]:
    """The lock for one run, and the refusal to replace a finished run without ``--resume``/``--overwrite``."""
    me = acquire(run_dir, take_stale=resume or overwrite)
    try:
        if not resume and not overwrite and exists(join(run_dir, MANIFEST)):
            raise RunFolderBusy(f"{run_dir}: already holds a finished run (manifest.json); --resume checks it, "
                                f"--overwrite replaces it, or choose another --output")
        yield me
    finally:
        release(run_dir, me)
