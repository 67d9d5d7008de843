"""Lose Dask workers in the middle of a real run: Dask reschedules their tasks, the run completes, and
its shards are byte-identical to a clean run's, with every id exactly once.

* an external cluster (``dask scheduler`` + two ``dask worker`` nodes, as users start one): one
  worker process is SIGKILLed while it runs a work unit (its nanny starts a new one), then a whole
  node (nanny and worker) is SIGKILLed while it runs a dedup task, so the run ends on one node;
* the embedded LocalCluster: one of the driver's worker processes is SIGKILLed during a pass.

Same recipe and data as ``tests/test_kill.py``.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest
import yaml

from curation.manifest.verify import verify_run
from tests.cli_cluster import cli_cluster
from tests.conftest import ROOT
from tests.test_kill import clean_run, markers, n_units, shard_ids, temp_files, write_recipe


@pytest.fixture
def two_nodes(tmp_path):
    """A scheduler and two worker nodes (each a ``dask worker`` CLI: nanny + one worker process)."""
    with cli_cluster(tmp_path, 2) as (address, nodes):
        yield address, nodes


@pytest.fixture(scope="module")
def setup(shared_data, tmp_path_factory):
    folder = tmp_path_factory.mktemp("worker_kill")
    recipe = write_recipe(shared_data, folder / "recipe.yaml")
    return folder, recipe, clean_run(recipe, folder / "clean", folder / "clean.log"), n_units(recipe)


def start(recipe: Path, out: Path, log: Path, *extra: str) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "curation.cli", "run", str(recipe), "--output", str(out), "--quiet", *extra]
    sink = open(log, "w")
    return subprocess.Popen(cmd, cwd=ROOT, stdout=sink, stderr=sink, start_new_session=True)


def busy_worker(client, prefix: str) -> str | None:
    """The address of a worker running a task whose key starts with ``prefix``."""
    for addr, keys in client.processing().items():
        if any(str(k).startswith(prefix) for k in keys):
            return addr
    return None


def wait_for(proc: subprocess.Popen, condition, what: str, timeout: float = 600):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = condition()
        if found:
            return found
        assert proc.poll() is None, f"the run ended before {what}"
        time.sleep(0.01)
    raise AssertionError(f"timed out waiting for {what}")


def assert_same_as_clean(out: Path, clean: dict) -> None:
    manifest = yaml.safe_load((out / "manifest.json").read_text())
    assert manifest["failed_units"] == []
    assert manifest["content_hash"] == clean["manifest"]["content_hash"]
    assert [o["sha256"] for o in manifest["outputs"]] == [o["sha256"] for o in clean["manifest"]["outputs"]]
    assert manifest["stages"] == clean["manifest"]["stages"]  # no unit counted twice or lost
    ids = shard_ids(out)
    assert ids == clean["ids"] and max(ids.values()) == 1, (clean["ids"] - ids, ids - clean["ids"])
    assert verify_run(str(out)) == [] and temp_files(out) == []


def test_external_cluster_loses_a_worker_then_a_node(setup, two_nodes):
    from distributed import Client

    folder, recipe, clean, units = setup
    address, nodes = two_nodes
    out, log = folder / "external", folder / "external.log"
    proc = start(recipe, out, log, "--scheduler", address)
    try:
        with Client(address, timeout=60) as client:
            # 1. a worker process dies while it runs a work unit; its nanny starts a new one
            addr = wait_for(proc, lambda: markers(out, "pass0") >= 5 and busy_worker(client, "units-"), "pass 0")
            pid = client.run(os.getpid, workers=[addr])[addr]
            os.kill(pid, signal.SIGKILL)
            def replaced(gone: str = addr) -> bool:
                workers = client.scheduler_info()["workers"]
                return len(workers) == 2 and gone not in workers

            wait_for(proc, replaced, "the nanny to replace the worker")
            # 2. a whole node (nanny and worker) dies while it runs a dedup task
            addr = wait_for(proc, lambda: busy_worker(client, "dedup_"), "a dedup task")
            pid = client.run(os.getpid, workers=[addr])[addr]
            node = next(n for n in nodes if pid in {c.pid for c in psutil.Process(n.pid).children(recursive=True)})
            children = psutil.Process(node.pid).children(recursive=True)
            node.send_signal(signal.SIGKILL)
            for child in children:
                child.kill()
            node.wait()
            assert proc.wait(timeout=900) == 0, log.read_text()[-3000:]
            assert len(client.scheduler_info()["workers"]) == 1  # the run ended on the surviving node
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert_same_as_clean(out, clean)


def test_embedded_cluster_loses_a_worker(setup):
    folder, recipe, clean, units = setup
    out, log = folder / "embedded", folder / "embedded.log"
    proc = start(recipe, out, log, "--workers", "2")
    try:
        wait_for(proc, lambda: markers(out, "pass0") >= 10, "pass 0")
        workers = [c for c in psutil.Process(proc.pid).children()
                   if "multiprocessing.spawn" in " ".join(c.cmdline())]
        assert len(workers) == 2, workers
        victim = workers[0]
        victim.kill()
        assert markers(out, "pass0") < units  # the kill came while units were still running
        assert proc.wait(timeout=900) == 0, log.read_text()[-3000:]
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert not victim.is_running() or victim.status() == psutil.STATUS_ZOMBIE
    assert_same_as_clean(out, clean)
