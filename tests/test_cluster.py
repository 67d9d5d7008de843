"""--scheduler: a cluster started the way users start one (`dask scheduler`, `dask worker`) gives the
same bytes as the embedded LocalCluster."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.cli_cluster import cli_cluster
from tests.conftest import ROOT



@pytest.fixture
def cluster(tmp_path):
    """A scheduler and two `dask worker` processes on 127.0.0.1."""
    with cli_cluster(tmp_path, 2) as (address, nodes):
        yield address


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
