"""Ctrl-C (SIGINT) and SIGTERM to the whole process group of a real ``curate run``, then ``--resume``.

The signal reaches the driver, its Dask workers and the extraction children at once. The run must
stop on its own (exit 130/143), say in one line how to resume, leave no temp file, and mark no unit
done that the signal cut short: an extraction child that died of the signal must not turn its page
into an ``extract_crash`` drop. The resumed run gives the uninterrupted run's bytes. Data: the 181
scrapinghub pages through the web recipe (extraction, filters, three dedup stages, edu classifier).
``benchmarks/kill_trials.py --signal SIGINT|SIGTERM`` runs many more trials at random moments.
"""

from __future__ import annotations

import random
from dataclasses import asdict
from pathlib import Path

import pytest
import yaml

from curation.manifest.verify import verify_run
from tests.conftest import ROOT
from tests.test_kill import Trial, clean_run, n_units, run_trial, temp_files


def write_pages_recipe(shared: Path, path: Path) -> Path:
    """The web recipe over the scrapinghub pages (.html.gz, one work unit each), work files kept."""
    raw = yaml.safe_load((ROOT / "pipelines" / "web.yaml").read_text())
    raw["inputs"] = [{"paths": [str(shared / "extraction/scrapinghub/html")], "source": "web"}]
    raw["pipeline"] = [s for s in raw["pipeline"] if "edu" not in s]  # the classifier's path is the recipe's business
    raw["output"] = {"shard_bytes": "256KB", "keep_work": True}
    path.write_text(yaml.safe_dump(raw, sort_keys=False))
    return path


TRIALS = [  # (signal, phase, seed, longest delay after the phase shows, seconds)
    ("SIGINT", "pass0", 201, 0.3),  # mid-extraction: children, workers and driver all get it
    ("SIGTERM", "pass0", 202, 0.3),
    ("SIGTERM", "global2", 203, 0.1),  # fuzzy dedup phases
]


@pytest.fixture(scope="module")
def pages_setup(shared_data, tmp_path_factory):
    folder = tmp_path_factory.mktemp("interrupt")
    recipe = write_pages_recipe(shared_data, folder / "recipe.yaml")
    clean = clean_run(recipe, folder / "clean", folder / "clean.log")
    assert not clean["manifest"]["failed_units"]
    return folder, recipe, clean, n_units(recipe)


@pytest.mark.parametrize("sig,target,seed,max_delay", TRIALS, ids=[f"{t[0]}-{t[1]}" for t in TRIALS])
def test_interrupted_run_stops_cleanly_and_resumes_to_the_same_bytes(pages_setup, sig, target, seed, max_delay):
    folder, recipe, clean, units = pages_setup
    trial = Trial(seed, target, round(random.Random(seed).uniform(0, max_delay), 3), signal=sig)
    out, log = folder / f"{sig}-{target}", folder / f"{sig}-{target}.log"
    run_trial(recipe, out, trial, clean, units, log)
    summary = asdict(trial)
    assert trial.landed == target, summary
    assert trial.stop_rc == {"SIGINT": 130, "SIGTERM": 143}[sig], (summary, log.read_text()[-3000:])
    assert trial.stop_line.startswith("error: ") and "--resume" in trial.stop_line, summary
    assert "Traceback" not in log.read_text(), log.read_text()[-3000:]
    assert trial.stop_temp == 0, summary
    assert trial.resumed_ok, (summary, log.read_text()[-3000:])
    assert trial.hash_equal and trial.stages_equal, summary
    assert trial.lost == 0 and trial.duplicated == 0 and trial.redone == 0, summary
    assert trial.orphans == 0 and trial.leftovers == 0, (summary, temp_files(out), verify_run(str(out)))


def test_an_extraction_child_ignores_the_signals_that_stop_a_run():
    """Ctrl-C reaches the whole process group: the child keeps extracting, its parent decides."""
    import os
    import signal
    import time

    from curation.extract.sandbox import Sandbox

    box = Sandbox()
    page = "<html><body><article><p>Bridges carry loads through their piers into the ground.</p></article></body></html>"
    first = box.call(page, None, {}, 30)
    os.kill(box.proc.pid, signal.SIGINT)
    os.kill(box.proc.pid, signal.SIGTERM)
    time.sleep(0.3)
    assert box.proc.poll() is None
    assert box.call(page, None, {}, 30) == first
    box.close()


PAGE = "<html><body><article><p>" + "Bridges carry loads through their piers into the ground. " * 20 + "</p></article></body></html>"


def test_a_page_timeout_counts_the_childs_cpu_not_its_start_or_a_wait_for_a_core():
    """On a loaded machine (a resumed run's cold workers among other jobs) two pages of the main job were
    dropped as extract_timeout: the new child's imports and the wait for a core counted against the page,
    so the output depended on the load. Start-up is now outside the clock, and the clock is CPU time."""
    import os
    import signal
    import threading
    import time

    from curation.extract.sandbox import Sandbox

    box = Sandbox()
    first = box.call(PAGE, None, {}, 0.5)  # a cold child: its imports (seconds under load) are not the page's
    assert first.startswith("Bridges carry loads")
    os.kill(box.proc.pid, signal.SIGSTOP)  # no core for 3 s: the page waits, computing nothing
    threading.Timer(3.0, os.kill, (box.proc.pid, signal.SIGCONT)).start()
    started = time.monotonic()
    assert box.call(PAGE, None, {}, 1.0) == first
    assert time.monotonic() - started > 2.5
    # a page that computes is still stopped after its timeout of CPU (the slow page needs ~20 s)
    from curation.extract.sandbox import ExtractionTimeout
    from tests.test_pathological_html import SLOW

    import psutil

    spent = sum(psutil.Process(box.proc.pid).cpu_times()[:2])  # imports and the pages above
    before = os.times()
    with pytest.raises(ExtractionTimeout):
        box.call(SLOW.decode(), None, {}, 1.0)
    after = os.times()  # the killed child is reaped: its CPU is in this process's children times
    on_page = (after.children_user + after.children_system) - (before.children_user + before.children_system) - spent
    assert 1.0 <= on_page < 2.0, on_page
    box.close()


@pytest.mark.parametrize("sig,delay", [("SIGINT", 0.8), ("SIGTERM", 1.5)])
def test_a_signal_while_the_cluster_starts_is_one_line_too(tmp_path, sig, delay):
    """Workers still importing when Ctrl-C comes must not print their KeyboardInterrupt tracebacks."""
    import os
    import signal
    import subprocess
    import sys
    import time

    recipe = tmp_path / "r.yaml"
    recipe.write_text(f"name: t\ninputs:\n  - paths: [{ROOT / 'sample_data' / 'jsonl' / 'docs.jsonl'}]\n")
    cmd = [sys.executable, "-m", "curation.cli", "run", str(recipe), "--output", str(tmp_path / "run"), "--workers", "2"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    time.sleep(delay)
    os.killpg(proc.pid, getattr(signal, sig))
    _, err = proc.communicate(timeout=120)
    time.sleep(1)  # a worker that died of the signal would print after the driver exits
    assert proc.returncode == {"SIGINT": 130, "SIGTERM": 143}[sig], err
    assert "Traceback" not in err, err
    assert err.strip().splitlines()[-1].endswith(f"--output {tmp_path / 'run'} --workers 2 --resume"), err
    assert not list(tmp_path.rglob("*.tmp"))


def test_embedded_workers_never_see_a_ctrl_c_and_polars_does_not_take_it_over():
    """Workers start with SIGINT blocked (multiprocessing's resource tracker, started first, would
    otherwise unblock it in the thread that spawns them); the driver's handler is ours, not the one
    polars registers when imported (a Ctrl-C seen to vanish while the cluster started)."""
    import os
    import signal

    from curation.core import interrupt
    from curation.executor.dask import DaskExecutor

    previous = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        interrupt.install_handlers()
        import polars  # noqa: F401  (already imported: registers nothing new)

        assert signal.getsignal(signal.SIGINT) is interrupt._on_signal
        with DaskExecutor(workers=2, progress=False) as ex:
            def sigint_state() -> tuple[bool, bool]:
                status = dict(line.split(":\t", 1) for line in open(f"/proc/{os.getpid()}/status").read().splitlines() if ":\t" in line)
                bit = 1 << (signal.SIGINT - 1)
                return bool(int(status["SigBlk"], 16) & bit), bool(int(status["SigIgn"], 16) & bit)

            states = ex.client.run(sigint_state)
        assert len(states) == 2 and all(blocked and ignored for blocked, ignored in states.values()), states
        interrupt.raise_if_interrupted()  # nothing was received: no exception
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def test_a_closed_comm_never_awaited_is_not_a_traceback_but_other_lost_errors_are():
    """A stop signal while the cluster starts can leave a scheduler comm future nobody awaits; asyncio
    logs it as a traceback when it is collected (seen once in CI). That one is dropped, others are not."""
    import io
    import logging
    import sys

    from distributed.comm.core import CommClosedError

    from curation.executor.dask import _quiet_closed_comms

    _quiet_closed_comms()
    _quiet_closed_comms()  # once is enough: no second filter
    logger, buf = logging.getLogger("asyncio"), io.StringIO()
    handler = logging.StreamHandler(buf)
    logger.addHandler(handler)
    try:
        for exc in (CommClosedError("in <TCP (closed) Scheduler Broadcast>: Stream is closed"), ValueError("lost")):
            try:
                raise exc
            except Exception:
                logger.error("Future exception was never retrieved\nfuture: <Future finished>", exc_info=sys.exc_info())
    finally:
        logger.removeHandler(handler)
    assert "CommClosedError" not in buf.getvalue() and "ValueError: lost" in buf.getvalue()
    assert sum(type(f).__name__ == "_ClosedCommFilter" for f in logger.filters) == 1


def test_an_interrupt_inside_an_extensions_pyrun_code_still_exits_130(tmp_path):
    """CPython remembers a KeyboardInterrupt that left code run through its PyRun_* C API (compiled
    extensions run Python code that way) and, at the end of ``python -m``, kills the process with
    SIGINT (status -2) instead of the exit code we chose, although the CLI caught the interrupt: a
    Ctrl-C while the cluster started exited -2 about one time in ten."""
    import os
    import subprocess
    import sys

    (tmp_path / "boom_cli.py").write_text(
        "import ctypes\n"
        "from curation.cli import main\n\n"
        "@main.command('boom')\n"
        "def boom():\n"
        "    run = ctypes.pythonapi.PyRun_String\n"
        "    run.restype, run.argtypes = ctypes.py_object, [ctypes.c_char_p, ctypes.c_int, ctypes.py_object, ctypes.py_object]\n"
        "    run(b'raise KeyboardInterrupt', 257, {}, {})  # 257: Py_file_input\n\n"
        "main()\n")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path), str(ROOT)])}
    proc = subprocess.run([sys.executable, "-m", "boom_cli", "boom"], capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 130, (proc.returncode, proc.stderr)
    assert proc.stderr.strip().splitlines()[-1] == "error: interrupted", proc.stderr


SIGNAL_IN_GC_CALLBACK = """
import gc, signal, sys, time
from curation.core.interrupt import Terminated, install_handlers
install_handlers()
fired = []
def callback(phase, info):
    if phase == "start" and not fired:
        fired.append(1)
        signal.raise_signal(signal.SIGTERM)
        for _ in range(100):  # the handler runs here, inside the callback, where Python cannot raise
            pass
gc.callbacks.append(callback)
try:
    gc.collect()
    for _ in range(10_000):
        time.sleep(0.0001)
    print("not interrupted")
except Terminated:
    print("interrupted after the callback")
"""


def test_a_signal_inside_a_gc_callback_is_raised_after_it_not_printed_and_lost():
    """distributed registers a gc callback; a SIGTERM landing inside it was printed as "Exception
    ignored ... Traceback" and only acted on at the next checkpoint: now it is raised right after."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", SIGNAL_IN_GC_CALLBACK], capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert done.stdout.strip() == "interrupted after the callback", (done.stdout, done.stderr)
    assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr, done.stderr
