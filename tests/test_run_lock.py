"""The run-folder lock (issue 16): two real ``curate run`` processes into one folder, a lock left by a
SIGKILLed run, and a finished run that is not replaced without ``--overwrite``."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time

import psutil
import pytest

from curation.cli import EXIT_BUSY
from curation.manifest.verify import verify_run
from curation.run.lock import LOCK_NAME, RunFolderBusy, acquire, holder_info, release
from tests.conftest import SAMPLE


def _recipe(tmp_path):
    recipe = tmp_path / "r.yaml"
    recipe.write_text(f"name: t\ninputs:\n  - paths: [{SAMPLE / 'parquet' / 'docs.parquet'}]\n    text_field: content\n")
    return recipe


def _curate(*args: str, **kw) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "curation.cli", *args, "--workers", "1", "--quiet"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw)


def _wait_for_lock(proc: subprocess.Popen, lock) -> dict:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if lock.exists():
            try:
                return json.loads(lock.read_text())
            except ValueError:
                pass  # being written
        assert proc.poll() is None, proc.communicate()
        time.sleep(0.05)
    raise AssertionError("the first run never took the lock")


def test_a_second_run_into_a_folder_a_live_run_holds_is_refused_naming_the_holder(tmp_path):
    recipe, out = _recipe(tmp_path), tmp_path / "run"
    first = _curate("run", str(recipe), "--output", str(out))
    try:
        holder = _wait_for_lock(first, out / LOCK_NAME)
        assert holder["pid"] == first.pid
        os.kill(first.pid, signal.SIGSTOP)  # the holder stays live (and busy) while the second one tries
        try:
            second = subprocess.run([sys.executable, "-m", "curation.cli", "run", str(recipe), "--output", str(out),
                                     "--workers", "1", "--quiet"], capture_output=True, text=True, timeout=300)
            resumed = subprocess.run([sys.executable, "-m", "curation.cli", "dedup", str(SAMPLE / "parquet" / "docs.parquet"),
                                      "--output", str(out), "--resume", "--text-field", "content", "--workers", "1", "--quiet"],
                                     capture_output=True, text=True, timeout=300)
        finally:
            os.kill(first.pid, signal.SIGCONT)
        stdout, stderr = first.communicate(timeout=300)
    finally:
        if first.poll() is None:
            first.kill()
    for refused in (second, resumed):  # --resume does not take a live run's folder either
        assert refused.returncode == EXIT_BUSY == 7, refused.stderr
        line = refused.stderr.strip()
        assert "\n" not in line and line.startswith(f"error: {out}: in use by another run"), line
        assert f"host {socket.gethostname()}, pid {first.pid}, started {holder['started']}" in line, line
    assert first.returncode == 0, stderr  # the holder finished undisturbed
    assert verify_run(str(out)) == []
    assert not (out / LOCK_NAME).exists()  # released at the end


def test_a_lock_left_by_a_sigkilled_run_is_taken_over_by_resume(tmp_path):
    recipe, out = _recipe(tmp_path), tmp_path / "run"
    killed = _curate("run", str(recipe), "--output", str(out), start_new_session=True)
    _wait_for_lock(killed, out / LOCK_NAME)
    os.killpg(killed.pid, signal.SIGKILL)
    killed.communicate(timeout=60)
    assert (out / LOCK_NAME).exists()  # nobody released it

    again = subprocess.run([sys.executable, "-m", "curation.cli", "run", str(recipe), "--output", str(out),
                            "--workers", "1", "--quiet"], capture_output=True, text=True, timeout=300)
    assert again.returncode == EXIT_BUSY, again.stderr
    assert "unfinished run that was killed" in again.stderr and f"pid {killed.pid}" in again.stderr, again.stderr
    assert "--resume" in again.stderr

    resumed = subprocess.run([sys.executable, "-m", "curation.cli", "run", str(recipe), "--output", str(out),
                              "--workers", "1", "--quiet", "--resume"], capture_output=True, text=True, timeout=300)
    assert resumed.returncode == 0, resumed.stderr
    assert verify_run(str(out)) == []
    assert not list(out.glob("_lock*"))  # the stale lock moved aside and removed, ours released


def test_a_finished_run_is_not_redone_without_resume_or_overwrite(tmp_path):
    recipe, out = _recipe(tmp_path), tmp_path / "run"
    base = [sys.executable, "-m", "curation.cli", "run", str(recipe), "--output", str(out), "--workers", "1", "--quiet"]
    assert subprocess.run(base, capture_output=True, text=True, timeout=300).returncode == 0
    manifest = (out / "manifest.json").read_bytes()
    stamp = (out / "manifest.json").stat().st_mtime_ns

    refused = subprocess.run(base, capture_output=True, text=True, timeout=300)
    assert refused.returncode == EXIT_BUSY, refused.stderr
    assert refused.stderr.strip() == (f"error: {out}: already holds a finished run (manifest.json); --resume checks it, "
                                      "--overwrite replaces it, or choose another --output")
    assert (out / "manifest.json").stat().st_mtime_ns == stamp  # nothing touched

    both = subprocess.run([*base, "--resume", "--overwrite"], capture_output=True, text=True, timeout=300)
    assert both.returncode == 2 and "give one of them" in both.stderr

    replaced = subprocess.run([*base, "--overwrite"], capture_output=True, text=True, timeout=300)
    assert replaced.returncode == 0, replaced.stderr
    assert (out / "manifest.json").stat().st_mtime_ns != stamp
    assert json.loads((out / "manifest.json").read_bytes())["content_hash"] == json.loads(manifest)["content_hash"]
    assert not (out / LOCK_NAME).exists()


def test_a_lock_whose_pid_now_names_a_later_process_is_stale(tmp_path):
    """pid reuse: the recorded start time is before the live process's, so the holder is gone."""
    me = holder_info()
    (tmp_path / LOCK_NAME).write_text(json.dumps({**me, "pid_started": me["pid_started"] - 3600}))
    with pytest.raises(RunFolderBusy, match="killed"):
        acquire(str(tmp_path), take_stale=False)
    taken = acquire(str(tmp_path), take_stale=True)
    assert json.loads((tmp_path / LOCK_NAME).read_text()) == taken
    with pytest.raises(RunFolderBusy, match=f"in use by another run .host {socket.gethostname()}, pid {os.getpid()}"):
        acquire(str(tmp_path), take_stale=True)  # this process holds it, alive: not stale
    release(str(tmp_path), taken)
    assert not (tmp_path / LOCK_NAME).exists()


def test_a_lock_held_on_another_host_is_never_judged_stale(tmp_path):
    other = {"host": socket.gethostname() + "-elsewhere", "pid": max(psutil.pids()) + 1, "pid_started": 0.0,
             "started": "2026-01-01T00:00:00Z", "token": "x"}
    (tmp_path / LOCK_NAME).write_text(json.dumps(other))
    with pytest.raises(RunFolderBusy, match="-elsewhere, pid"):
        acquire(str(tmp_path), take_stale=True)
