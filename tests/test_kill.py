"""SIGKILL the driver of a real ``curate run`` in the middle of a phase, resume, get the clean run's bytes.

Each trial starts ``curate run`` (embedded LocalCluster, 2 workers) on real data from ../shared: the
Common Crawl and ClueWeb WARCs, a clipped WARC, warcio's malformed files, scrapinghub pages as
.html.gz and the DCLM JSONL cut into byte ranges, through the web recipe (extraction, filters, three
dedup stages, the edu classifier trained at run start). It waits until the run directory shows the
trial's phase, waits a seeded random delay, SIGKILLs the driver, checks that its worker processes die
with it, and runs ``curate run --resume``. The resumed run must give the clean run's content hash and
stage counts, the same rows by id (0 lost, 0 twice), verify against its manifest, leave no temp files
in the published folders, and not redo a unit or global stage finished before the kill.

``benchmarks/kill_trials.py`` runs more trials, killed at random moments, with the same harness.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

import psutil
import pyarrow.parquet as pq
import pytest
import yaml

from curation.manifest.verify import verify_run
from curation.recipe.load import load_recipe
from curation.run.units import plan_units
from tests.conftest import ROOT

PUBLISHED = ("shards", "rejected", "removed", "models", "sidecars")


def write_recipe(shared: Path, path: Path, html: str = "[0-3]*") -> Path:
    """The web recipe over real inputs (about 70 work units), small shards, work files kept."""
    raw = yaml.safe_load((ROOT / "pipelines" / "web.yaml").read_text())
    warc = shared / "warc"
    raw["inputs"] = [
        {"paths": [str(warc / "cc-main-2020-34-sample.warc.gz"), str(warc / "clueweb-quirk.warc.gz"),
                   str(warc / "clipped.warc.gz"), str(warc / "malformed")], "source": "web"},
        {"paths": [str(shared / "extraction/scrapinghub/html" / f"{html}.html.gz")], "source": "web"},
        {"paths": [str(shared / "edu_labels/dclm_agreement_data.jsonl")], "source": "forum", "split_bytes": "100KB"},
    ]
    raw["output"] = {"shard_bytes": "256KB", "keep_work": True}
    raw["root"] = str(ROOT)  # the edu classifier's path is relative to the repository
    path.write_text(yaml.safe_dump(raw, sort_keys=False))
    return path


def n_units(recipe: Path) -> int:
    return len(plan_units(load_recipe(recipe)))


def curate(recipe: Path, out: Path, *extra: str, log: Path | None = None, **popen) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "curation.cli", "run", str(recipe), "--output", str(out), "--workers", "2",
           "--quiet", *extra]
    sink = open(log, "a") if log else subprocess.DEVNULL
    return subprocess.Popen(cmd, cwd=ROOT, stdout=sink, stderr=sink, start_new_session=True, **popen)


def markers(run: Path, folder: str) -> int:
    return len(list((run / "_work" / folder).glob("*.done.json")))


def phase(run: Path, units: int) -> str:
    """Where a run stands, read from its directory alone (all that --resume sees)."""
    work = run / "_work"
    if (run / "manifest.json").exists():
        return "finished"
    if not (work / "run.json").exists():
        return "starting"
    if (work / "shards").exists() or (run / "shards").exists():
        return "shards"
    passes = sorted(int(p.name[4:]) for p in work.glob("pass*") if p.name[4:].isdigit())
    stages = sorted(int(p.name[6:]) for p in work.glob("global*") if p.name[6:].isdigit())
    if passes and passes[-1] > 0:
        return f"pass{passes[-1]}"
    running = [g for g in stages if not (work / f"global{g}" / "done.json").exists()]
    if running:
        return f"global{running[-1]}"
    if stages:
        return f"after global{stages[-1]}"
    if passes:
        return "pass0" if markers(run, "pass0") < units else "after pass0"
    return "prepare"


def triggers(run: Path, target: str, rng: random.Random, units: int) -> Callable[[], bool]:
    """When the run directory first shows ``target`` well under way."""
    if target.startswith("pass"):
        need = rng.randint(3, units // 2)
        return lambda: markers(run, target) >= need
    if target.startswith("global"):
        work = run / "_work" / target
        return lambda: work.exists() and not (work / "done.json").exists()
    if target == "shards":
        return lambda: (run / "_work" / "shards").exists()
    if target == "prepare":
        return lambda: (run / "_work" / "run.json").exists()
    raise ValueError(target)


def shard_ids(run: Path) -> Counter:
    ids: Counter = Counter()
    for shard in sorted((run / "shards").glob("*.parquet")):
        ids.update(pq.read_table(shard, columns=["id"])["id"].to_pylist())
    return ids


def work_files(run: Path) -> dict[str, int]:
    """Completion markers and what they vouch for, with their mtimes: a resumed run must leave them be."""
    work = run / "_work"
    found = list(work.glob("pass*/*.done.json")) + list(work.glob("global*/done.json"))
    found += [m.with_name(m.name.replace(".done.json", ".parquet")) for m in work.glob("pass*/*.done.json")]
    return {str(p.relative_to(run)): p.stat().st_mtime_ns for p in found if p.exists()}


def temp_files(run: Path) -> list[str]:
    found = [p for folder in PUBLISHED for p in (run / folder).rglob("*.tmp")]
    return [str(p.relative_to(run)) for p in found]


@dataclass
class Trial:
    seed: int
    target: str  # the phase aimed at, or "random"
    delay: float  # seconds after the trigger (after the start for "random")
    landed: str = ""  # the phase the run directory showed after the kill
    orphans: int = 0  # processes of the killed run still alive 10 s later
    resumed_ok: bool = False
    hash_equal: bool = False
    stages_equal: bool = False
    lost: int = 0
    duplicated: int = 0
    redone: int = 0  # markers finished before the kill that the resume wrote again
    leftovers: int = 0  # temp files in published folders, files the manifest does not know
    seconds: float = 0.0
    signal: str = "SIGKILL"  # SIGKILL: the driver alone; SIGINT/SIGTERM: its whole process group (Ctrl-C, Slurm)
    stop_rc: int | None = None  # the driver's exit code after SIGINT/SIGTERM (130/143)
    stop_line: str = ""  # its last stderr line: how to resume
    stop_temp: int = 0  # temp files anywhere in the run folder once the interrupted driver exited

    @property
    def stopped_ok(self) -> bool:
        """SIGINT/SIGTERM: the driver exits on its own with 130/143, one line naming --resume, no temp file."""
        if self.signal == "SIGKILL":
            return True
        code = {"SIGINT": 130, "SIGTERM": 143}[self.signal]
        return self.stop_rc == code and "--resume" in self.stop_line and not self.stop_temp

    @property
    def ok(self) -> bool:
        return (self.resumed_ok and self.hash_equal and self.stages_equal and not self.lost and not self.duplicated
                and not self.redone and not self.leftovers and not self.orphans and self.stopped_ok)


def reap(procs: list[psutil.Process], seconds: float) -> int:
    """Wait for ``procs`` (children of a killed driver) to exit; kill and count those that do not."""
    deadline = time.monotonic() + seconds
    alive = procs
    while alive and time.monotonic() < deadline:
        alive = [p for p in alive if p.is_running() and p.status() != psutil.STATUS_ZOMBIE]
        time.sleep(0.05)
    for p in alive:
        try:
            p.kill()
        except psutil.NoSuchProcess:
            pass
    return len(alive)


def run_trial(recipe: Path, out: Path, trial: Trial, clean: dict, units: int, log: Path) -> Trial:
    """Start, kill as ``trial`` says, resume, compare with ``clean`` (manifest and ids of the clean run)."""
    started = time.monotonic()
    rng = random.Random(trial.seed)
    ready = (lambda: True) if trial.target == "random" else triggers(out, trial.target, rng, units)
    proc = curate(recipe, out, log=log)
    try:
        while not ready():
            if proc.poll() is not None:
                raise AssertionError(f"the run ended (exit {proc.returncode}) before {trial.target}; see {log}")
            time.sleep(0.005)
        time.sleep(trial.delay)
        if proc.poll() is not None:
            raise AssertionError(f"the run ended (exit {proc.returncode}) before the {trial.signal}")
        children = psutil.Process(proc.pid).children(recursive=True)
        if trial.signal == "SIGKILL":
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
        else:
            trial.landed = phase(out, units)
            os.killpg(proc.pid, getattr(signal, trial.signal))
            trial.stop_rc = proc.wait(timeout=120)
            trial.stop_line = log.read_text().rstrip().rsplit("\n", 1)[-1]
            trial.stop_temp = sum(1 for p in out.rglob("*.tmp")) if out.exists() else 0
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    trial.landed = trial.landed or phase(out, units)
    trial.orphans = reap(children, 10)
    before = work_files(out)
    resumed = curate(recipe, out, "--resume", log=log)
    trial.resumed_ok = resumed.wait(timeout=900) == 0
    if trial.resumed_ok:
        manifest = yaml.safe_load((out / "manifest.json").read_text())
        trial.hash_equal = manifest["content_hash"] == clean["manifest"]["content_hash"]
        trial.stages_equal = manifest["stages"] == clean["manifest"]["stages"]
        ids = shard_ids(out)
        trial.lost = sum((clean["ids"] - ids).values())
        trial.duplicated = sum((ids - clean["ids"]).values())
        after = work_files(out)
        trial.redone = sum(1 for f, t in before.items() if after.get(f) != t)
        trial.leftovers = len(temp_files(out)) + len(verify_run(str(out)))
    trial.seconds = round(time.monotonic() - started, 1)
    return trial


def clean_run(recipe: Path, out: Path, log: Path) -> dict:
    proc = curate(recipe, out, log=log)
    assert proc.wait(timeout=900) == 0, log.read_text()[-3000:]
    manifest = yaml.safe_load((out / "manifest.json").read_text())
    return {"manifest": manifest, "ids": shard_ids(out)}


# --- the CI trials: one per phase, fixed seeds --------------------------------------------------------

TRIALS = [  # (target phase, seed, longest delay after the trigger in seconds)
    ("pass0", 101, 0.5),
    ("global2", 102, 0.2),  # fuzzy dedup: signatures, shuffle, components
    ("pass1", 103, 0.05),  # the edu classifier over what dedup kept
    ("shards", 104, 0.02),
]


@pytest.fixture(scope="module")
def kill_setup(shared_data, tmp_path_factory):
    folder = tmp_path_factory.mktemp("kill")
    recipe = write_recipe(shared_data, folder / "recipe.yaml")
    clean = clean_run(recipe, folder / "clean", folder / "clean.log")
    assert len(clean["manifest"]["outputs"]) >= 2 and not clean["manifest"]["failed_units"]
    return folder, recipe, clean, n_units(recipe)


@pytest.mark.parametrize("target,seed,max_delay", TRIALS, ids=[t[0] for t in TRIALS])
def test_driver_killed_mid_phase_then_resumed(kill_setup, target, seed, max_delay):
    folder, recipe, clean, units = kill_setup
    trial = Trial(seed, target, round(random.Random(seed).uniform(0, max_delay), 3))
    out, log = folder / f"trial-{target}", folder / f"trial-{target}.log"
    run_trial(recipe, out, trial, clean, units, log)
    summary = asdict(trial)
    assert trial.landed == target, summary  # the kill hit the phase it was meant for
    assert trial.resumed_ok, (summary, log.read_text()[-3000:])
    assert trial.hash_equal and trial.stages_equal, summary
    assert trial.lost == 0 and trial.duplicated == 0, summary
    assert trial.redone == 0, summary  # finished units and global stages were not done again
    assert trial.orphans == 0 and trial.leftovers == 0, (summary, temp_files(out), verify_run(str(out)))


# --- what makes that possible: writes that a kill cannot half-do --------------------------------------

def test_a_kill_at_the_rename_keeps_the_old_file(tmp_path, monkeypatch):
    """Replacing a file is one rename: dying just before it leaves the old file whole, never no file."""
    from curation.io import files

    target = tmp_path / "manifest.json"
    files.write_json_atomic({"run": 1}, str(target))

    def killed(*_args, **_kwargs):
        raise KeyboardInterrupt("killed")  # the process dies here: nothing after this runs

    from fsspec.implementations.local import LocalFileSystem

    monkeypatch.setattr(files.os, "replace", killed)
    monkeypatch.setattr(LocalFileSystem, "mv", killed)
    with pytest.raises(KeyboardInterrupt):
        files.write_json_atomic({"run": 2}, str(target))
    assert target.exists() and yaml.safe_load(target.read_text()) == {"run": 1}


def test_bytes_reach_the_disk_before_the_name(tmp_path, monkeypatch):
    """A file is fsynced before it is renamed into place, and its folder after (durable markers)."""
    import pyarrow as pa

    from curation.io import files

    events: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace
    monkeypatch.setattr(files.os, "fsync", lambda fd: (events.append("fsync"), real_fsync(fd))[1])
    monkeypatch.setattr(files.os, "replace", lambda a, b: (events.append("rename"), real_replace(a, b))[1])
    files.write_json_atomic({"done": True}, str(tmp_path / "u.done.json"))
    files.write_parquet_atomic(pa.table({"a": [1]}), str(tmp_path / "u.parquet"))
    stream = files.ParquetStream(str(tmp_path / "s.parquet"), pa.schema([("a", pa.int64())]))
    stream.write(pa.table({"a": [1]}))
    stream.close()
    assert events == ["fsync", "rename", "fsync"] * 3


def test_a_killed_writer_leaves_only_a_temp_file(tmp_path):
    """A writer that dies mid-file leaves a hidden temp name no reader globs, and nothing under the
    final name; ``remove_temp_files`` clears such leftovers."""
    import pyarrow as pa

    from curation.io import files

    rejected = tmp_path / "rejected"
    stream = files.ParquetStream(str(rejected / "000001-abc.parquet"), pa.schema([("a", pa.int64())]))
    stream.write(pa.table({"a": list(range(1000))}))  # ... and the process dies: no close()
    assert list(rejected.glob("*.parquet")) == [] and len(list(rejected.iterdir())) == 1
    assert files.remove_temp_files(str(tmp_path), ("rejected", "shards")) == 1
    assert list(rejected.iterdir()) == []
