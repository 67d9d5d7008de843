"""--scheduler: a cluster started the way users start one (`dask scheduler`, `dask worker`) gives the
same bytes as the embedded LocalCluster."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT

DASK = [sys.executable, "-m", "distributed.cli.dask_scheduler"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def cluster(tmp_path):
    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    env = dict(os.environ, DASK_DISTRIBUTED__WORKER__DAEMON="False")
    log = open(tmp_path / "cluster.log", "w")
    procs = [subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_scheduler", "--host", "127.0.0.1", "--port", str(port),
                               "--dashboard-address", ":0"], stdout=log, stderr=log, env=env)]
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.2)
    for _ in range(2):
        procs.append(subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_worker", address, "--nthreads", "1",
                                       "--host", "127.0.0.1", "--dashboard-address", ":0"], stdout=log, stderr=log, env=env, cwd=ROOT))
    from distributed import Client

    with Client(address, timeout=60) as client:
        client.wait_for_workers(2, timeout=60)
    yield address
    for p in procs[::-1]:
        p.terminate()
    for p in procs:
        try:
            p.wait(timeout=20)
        except subprocess.TimeoutExpired:
            p.kill()
    log.close()


def curate(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "curation.cli", *args, "--quiet"], cwd=ROOT, capture_output=True, text=True, timeout=900)


def test_external_cluster_gives_the_embedded_bytes(cluster, tmp_path):
    ext = curate("run", "pipelines/web.yaml", "--scheduler", cluster, "--output", str(tmp_path / "ext"))
    assert ext.returncode == 0, ext.stderr
    emb = curate("run", "pipelines/web.yaml", "--workers", "2", "--output", str(tmp_path / "emb"))
    assert emb.returncode == 0, emb.stderr
    m_ext = json.loads((tmp_path / "ext" / "manifest.json").read_text())
    m_emb = json.loads((tmp_path / "emb" / "manifest.json").read_text())
    assert m_ext["executor"] == {"kind": "dask-external", "workers": 2, "scheduler": cluster}
    assert m_ext["content_hash"] == m_emb["content_hash"]
    assert [o["sha256"] for o in m_ext["outputs"]] == [o["sha256"] for o in m_emb["outputs"]]
