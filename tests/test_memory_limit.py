"""Dask worker memory limits: the main job on `dask worker --memory-limit 1GiB` workers finishes
without a worker being killed and restarted by its nanny (the OOM loop a too-large task causes), and
`--memory-limit` for the embedded cluster is checked at the edge."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.cli_cluster import cli_cluster
from tests.conftest import ROOT


def curate(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "curation.cli", *args, "--quiet"], cwd=ROOT, capture_output=True, text=True, timeout=900)


def _workers(address: str) -> set[str]:
    from distributed import Client

    with Client(address, timeout=60) as client:
        return set(client.scheduler_info(n_workers=-1)["workers"])


def test_main_job_on_1gib_workers_finishes_without_a_restart(tmp_path):
    with cli_cluster(tmp_path, 2, ("--memory-limit", "1GiB")) as (address, _nodes):
        before = _workers(address)
        res = curate("run", "pipelines/phi4.yaml", "--scheduler", address, "--output", str(tmp_path / "run"))
        after = _workers(address)
    log = (tmp_path / "cluster.log").read_text(errors="replace")
    assert res.returncode == 0, res.stderr[-3000:]
    manifest = json.loads((tmp_path / "run" / "manifest.json").read_text())
    assert manifest["failed_units"] == [] and manifest["totals"]["documents"] > 0
    assert after == before, "a worker was replaced during the run"
    assert "memory budget" not in log and "Restarting worker" not in log, log[-3000:]
    assert "1.00 GiB" in log  # the workers really run with the limit (their start-up banner)


def test_bad_memory_limit_is_refused_at_the_edge(tmp_path):
    res = curate("run", "pipelines/web.yaml", "--memory-limit", "lots", "--output", str(tmp_path / "run"))
    assert res.returncode == 2, res.stderr
    assert "--memory-limit: 'lots' is not a size" in res.stderr
    assert not (tmp_path / "run").exists()
    both = curate("run", "pipelines/web.yaml", "--memory-limit", "1GiB", "--scheduler", "tcp://127.0.0.1:1")
    assert both.returncode == 2 and "--memory-limit" in both.stderr
    threads = curate("run", "pipelines/web.yaml", "--threads", "2", "--scheduler", "tcp://127.0.0.1:1")
    assert threads.returncode == 2 and "--threads" in threads.stderr
