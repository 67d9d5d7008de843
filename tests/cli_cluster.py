"""A real Dask cluster started the way users start one: `dask scheduler` and `dask worker` processes."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from tests.conftest import ROOT


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def cli_cluster(log_dir: Path, n_workers: int = 2, worker_args: tuple[str, ...] = ()) -> Iterator[tuple[str, list[subprocess.Popen]]]:
    """(scheduler address, worker node processes: each a nanny with one single-thread worker);
    ``worker_args`` go to every `dask worker` (e.g. ``("--memory-limit", "1GiB")``)."""
    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    env = dict(os.environ, DASK_DISTRIBUTED__WORKER__DAEMON="False")
    log = open(log_dir / "cluster.log", "w")
    scheduler = subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_scheduler", "--host", "127.0.0.1",
                                  "--port", str(port), "--dashboard-address", ":0"], stdout=log, stderr=log, env=env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.2)
    nodes = [subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_worker", address, "--nthreads", "1",
                               "--host", "127.0.0.1", "--dashboard-address", ":0", *worker_args],
                              stdout=log, stderr=log, env=env, cwd=ROOT) for _ in range(n_workers)]
    try:
        from distributed import Client

        with Client(address, timeout=60) as client:
            client.wait_for_workers(n_workers, timeout=60)
        yield address, nodes
    finally:
        for p in [*nodes, scheduler]:
            if p.poll() is None:
                p.terminate()
        for p in [*nodes, scheduler]:
            try:
                p.wait(timeout=20)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()
        log.close()
