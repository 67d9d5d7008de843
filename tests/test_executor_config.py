"""The embedded cluster runs with Dask's periodic work turned down (curation/executor/dask.py
QUIET_CLUSTER), in the scheduler, the client and the worker processes; a user's own value is kept."""

from __future__ import annotations

import os
import threading

import dask

from curation.executor.dask import QUIET_CLUSTER, DaskExecutor


def _worker_config() -> dict:
    import dask

    from curation.executor.dask import QUIET_CLUSTER

    return {key: dask.config.get(key) for key in QUIET_CLUSTER}


def test_a_value_set_in_the_environment_is_kept_even_if_it_is_dasks_default(monkeypatch):
    from curation.executor.dask import quiet_cluster_config

    assert set(quiet_cluster_config()) == set(QUIET_CLUSTER)
    monkeypatch.setenv("DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED", "True")
    assert set(quiet_cluster_config()) == set(QUIET_CLUSTER) - {"distributed.worker.profile.enabled"}


def test_embedded_workers_run_quiet_and_a_users_value_is_kept():
    with DaskExecutor(workers=1, progress=False) as ex:
        (seen,) = ex.client.run(_worker_config).values()
        assert seen == {key: ours for key, (_, ours) in QUIET_CLUSTER.items()}
        assert ex.cluster.scheduler._tick_interval == 1.0  # seconds, was 0.02
        assert ex.map(abs, [-1, 2], "abs") == [1, 2]
    with dask.config.set({"distributed.admin.tick.interval": "50ms"}):
        with DaskExecutor(workers=1, progress=False) as ex:
            (seen,) = ex.client.run(_worker_config).values()
            assert seen["distributed.admin.tick.interval"] == "50ms"
            assert seen["distributed.worker.profile.enabled"] is False
            assert ex.cluster.scheduler._tick_interval == 0.05


_BOTH_RUNNING = threading.Barrier(2)  # in a worker process: made once, when the task's module is imported there


def _meet(_item: int) -> int:
    """Returns once two tasks are running at the same time in this process (else times out)."""
    import os

    _BOTH_RUNNING.wait(timeout=60)
    return os.getpid()


def test_threads_run_a_workers_tasks_side_by_side_in_one_process():
    with DaskExecutor(workers=1, threads=2, progress=False) as ex:
        assert list(ex.client.nthreads().values()) == [2]
        pids = ex.map(_meet, [0, 1], "meet")
    assert len(set(pids)) == 1 and isinstance(pids[0], int)


def test_two_threads_of_one_worker_give_the_bytes_of_two_workers(tmp_path):
    """The main job (multilingual word filters: tokenizers built, checked and shared by the tasks of one
    process) gives the same shards with `--workers 1 --threads 2` as with `--workers 2` (before issue 16's
    fix: 219 documents instead of 206; the smaller web recipe did not show it)."""
    import json
    import subprocess
    import sys

    from tests.conftest import ROOT

    hashes = []
    for name, sizing in (("threads", ["--workers", "1", "--threads", "2"]), ("workers", ["--workers", "2"])):
        done = subprocess.run([sys.executable, "-m", "curation.cli", "run", "pipelines/phi4.yaml", *sizing,
                               "--output", str(tmp_path / name), "--quiet"], cwd=ROOT, capture_output=True, text=True,
                              timeout=900)
        assert done.returncode == 0, done.stderr[-2000:]
        manifest = json.loads((tmp_path / name / "manifest.json").read_text())
        hashes.append((manifest["content_hash"], [o["sha256"] for o in manifest["outputs"]]))
    assert hashes[0] == hashes[1]


def _allocator_environ() -> dict:
    import os

    from curation.executor.dask import RELEASE_FREED_MEMORY

    return {key: os.environ.get(key) for key in [*RELEASE_FREED_MEMORY, "OMP_NUM_THREADS"]}


def test_embedded_workers_release_freed_memory_at_once_unless_the_user_says_otherwise(monkeypatch):
    from curation.executor.dask import RELEASE_FREED_MEMORY

    monkeypatch.delenv("_RJEM_MALLOC_CONF", raising=False)
    monkeypatch.delenv("MIMALLOC_PURGE_DELAY", raising=False)
    with DaskExecutor(workers=1, progress=False) as ex:
        (seen,) = ex.client.run(_allocator_environ).values()
    # polars, once imported in the worker, puts its own decays in front: the last setting wins in jemalloc
    assert seen["_RJEM_MALLOC_CONF"].endswith(RELEASE_FREED_MEMORY["_RJEM_MALLOC_CONF"])
    assert seen["MIMALLOC_PURGE_DELAY"] == RELEASE_FREED_MEMORY["MIMALLOC_PURGE_DELAY"] and seen["OMP_NUM_THREADS"] == "1"  # Dask's own settings are kept
    assert "_RJEM_MALLOC_CONF" not in os.environ and "MIMALLOC_PURGE_DELAY" not in os.environ  # the driver's as it was
    monkeypatch.setenv("MIMALLOC_PURGE_DELAY", "25")  # the user's environment wins (a value that is not ours)
    with dask.config.set({"distributed.nanny.pre-spawn-environ": {"_RJEM_MALLOC_CONF": "narenas:1"}}):  # and their config
        with DaskExecutor(workers=1, progress=False) as ex:
            (seen,) = ex.client.run(_allocator_environ).values()
    assert seen["MIMALLOC_PURGE_DELAY"] == "25" and seen["_RJEM_MALLOC_CONF"].endswith("narenas:1")
    assert RELEASE_FREED_MEMORY["_RJEM_MALLOC_CONF"] not in seen["_RJEM_MALLOC_CONF"]
    monkeypatch.delenv("MIMALLOC_PURGE_DELAY")
    with dask.config.set({"distributed.nanny.pre-spawn-environ": {"MIMALLOC_PURGE_DELAY": None}}):  # Dask's "unset"
        with DaskExecutor(workers=1, progress=False) as ex:
            (seen,) = ex.client.run(_allocator_environ).values()
    assert seen["MIMALLOC_PURGE_DELAY"] is None


def test_the_default_that_importing_polars_writes_is_not_taken_for_the_users_setting(monkeypatch):
    from curation.executor.dask import RELEASE_FREED_MEMORY

    polars_default = "dirty_decay_ms:500,muzzy_decay_ms:1000"  # what `import polars` leaves in a driver
    monkeypatch.setenv("_RJEM_MALLOC_CONF", polars_default)
    monkeypatch.delenv("MIMALLOC_PURGE_DELAY", raising=False)
    for _ in range(2):  # and a second cluster in the same process gets the same
        with DaskExecutor(workers=1, progress=False) as ex:
            (seen,) = ex.client.run(_allocator_environ).values()
        assert seen["_RJEM_MALLOC_CONF"].endswith(RELEASE_FREED_MEMORY["_RJEM_MALLOC_CONF"])
        assert os.environ["_RJEM_MALLOC_CONF"] == polars_default and "MIMALLOC_PURGE_DELAY" not in os.environ
    monkeypatch.setenv("_RJEM_MALLOC_CONF", polars_default + ",narenas:2")  # a user value after polars' default
    with DaskExecutor(workers=1, progress=False) as ex:
        (seen,) = ex.client.run(_allocator_environ).values()
    assert seen["_RJEM_MALLOC_CONF"].endswith("narenas:2") and RELEASE_FREED_MEMORY["_RJEM_MALLOC_CONF"] not in seen["_RJEM_MALLOC_CONF"]


def test_every_allocator_option_we_set_is_one_the_allocators_take():
    """jemalloc skips a misspelt option with a stderr line and mimalloc a bad value silently (it keeps
    its default), so the environment the workers get proves nothing alone: each option of
    RELEASE_FREED_MEMORY must show, with its value, in the allocators' own reports of what they use."""
    import subprocess
    import sys

    from curation.executor.dask import RELEASE_FREED_MEMORY

    jemalloc = RELEASE_FREED_MEMORY["_RJEM_MALLOC_CONF"]
    env = dict(os.environ, _RJEM_MALLOC_CONF=jemalloc + ",stats_print:true", MIMALLOC_VERBOSE="1",
               MIMALLOC_PURGE_DELAY=RELEASE_FREED_MEMORY["MIMALLOC_PURGE_DELAY"])
    code = "import polars as pl, pyarrow as pa; pl.Series(range(10)).sum(); pa.array(list(range(100_000)))"
    report = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stderr
    assert "<jemalloc>" not in report, report  # "<jemalloc>: Invalid conf pair ..."
    for option in jemalloc.split(","):
        key, value = option.split(":")
        assert f"opt.{key}: {value} " in report, (option, report)
    assert f"option 'purge_delay': {RELEASE_FREED_MEMORY['MIMALLOC_PURGE_DELAY']} " in report, report
