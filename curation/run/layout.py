"""Every path in a run folder, named once: the driver, the workers, the global stages, the manifest,
``curate verify`` and the report all ask here instead of spelling ``_work/`` or ``sidecars/`` out.

A run folder holds what a reader of the run uses (``manifest.json``, ``report.*``, ``shards/``, the
side outputs ``rejected/``, ``removed/``, ``sidecars/<stage>/``, ``models/``, ``indexes/``) and the
driver's scratch ``_work/`` (staged documents per pass, completion markers, global-stage folders
with their phases, the mix's among them), removed at the end unless ``keep_work``. Paths relative to the run folder (as the
manifest lists them) come from the ``*_rel`` functions; ``RunLayout`` joins them to the folder (any
fsspec URL). This module imports nothing of the pipeline but ``io``, so any package may read it.
"""

from __future__ import annotations

from dataclasses import dataclass

from curation.io.files import files_in, fs_and_path

MANIFEST = "manifest.json"
#: held by a live run (run/lock.py); not in RUN_ENTRIES: starting over must not delete it
LOCK = "_lock.json"
REPORT = ("report.html", "report.md")
COMPARE = ("compare.html", "compare.md")
SHARDS = "shards"
REJECTED = "rejected"
REMOVED = "removed"
SIDECARS = "sidecars"
MODELS = "models"
INDEXES = "indexes"
WORK = "_work"

#: The folders of published files (the manifest lists every file in them; temp files are swept there).
PUBLISHED = (SHARDS, REJECTED, REMOVED, SIDECARS, MODELS, INDEXES)
#: The parquet files ``curate verify`` expects the manifest to list (globs below the run folder).
LISTED_PARQUET = (f"{SHARDS}/*.parquet", f"{REJECTED}/*.parquet", f"{REMOVED}/*.parquet", f"{SIDECARS}/*/*.parquet")
#: Everything a run writes below its folder (and the only things a fresh run removes).
RUN_ENTRIES = (MANIFEST, *REPORT, *COMPARE, SHARDS, REJECTED, REMOVED, SIDECARS, MODELS, INDEXES, WORK)


def _suffix(pass_no: int) -> str:
    return "" if pass_no == 0 else f".pass{pass_no}"


def shard_rel(n: int) -> str:
    """The ``n``-th published shard, numbered densely in run order."""
    return f"{SHARDS}/part-{n:05d}.parquet"


def side_rel(kind: str, unit_key: str, pass_no: int = 0) -> str:
    """A unit's ``rejected`` or ``removed`` rows of one pass."""
    if kind not in (REJECTED, REMOVED):
        raise ValueError(f"side output kind {kind!r}: not {REJECTED!r} or {REMOVED!r}")
    return f"{kind}/{unit_key}{_suffix(pass_no)}.parquet"


def sidecar_rel(stage: str, unit_key: str, pass_no: int = 0) -> str:
    """The records a stage keeps beside a unit's documents (e.g. what decontamination cut)."""
    return f"{SIDECARS}/{stage}/{unit_key}{_suffix(pass_no)}.parquet"


def model_rel(name: str, file: str = "") -> str:
    """A classifier copied or trained into the run: its folder, or one file of it."""
    return f"{MODELS}/{name}/{file}" if file else f"{MODELS}/{name}"


def index_rel(file: str) -> str:
    """A prepared index (e.g. the decontamination n-gram index), built once per run."""
    return f"{INDEXES}/{file}"


def removal_folder(stage_dir: str, unit_index: int) -> str:
    """Inside a global stage's folder: the removal files (a ``row`` column) for one unit."""
    return f"{stage_dir.rstrip('/')}/remove/u{unit_index:06d}"


def removal_files(stage_dir: str, unit_index: int) -> tuple[str, ...]:
    """The removal files a finished global stage wrote for one unit, in name order."""
    fs, _ = fs_and_path(stage_dir)
    found = files_in(removal_folder(stage_dir, unit_index), ".parquet")
    return tuple(fs.unstrip_protocol(f) if "://" in stage_dir else f for f in found)


@dataclass(frozen=True)
class RunLayout:
    """The paths of one run folder ``root`` (a local path or an fsspec URL)."""

    root: str

    def url(self, rel: str) -> str:
        return f"{self.root.rstrip('/')}/{rel}"

    @property
    def manifest(self) -> str:
        return self.url(MANIFEST)

    def work(self, *parts: str) -> str:
        return self.url("/".join((WORK, *parts)))

    @property
    def run_state(self) -> str:
        """The recipe hash a resumed run must match."""
        return self.work("run.json")

    def staged_shard(self, k: int) -> str:
        """Shard ``k`` as its task writes it, before publication renumbers the written ones."""
        return self.work(SHARDS, f"{k:05d}.parquet")

    def global_stage(self, seg_index: int) -> str:
        """A whole-run stage's folder: its ``done.json``, ``phases/`` and its own scratch."""
        return self.work(f"global{seg_index}")

    def global_stage_done(self, seg_index: int) -> str:
        """The stage's summary, written last: a resumed run skips the stage when it is there."""
        return f"{self.global_stage(seg_index)}/done.json"

    def global_stage_phases(self, seg_index: int) -> str:
        """The stored results of the stage's finished phases (``executor.phases``)."""
        return f"{self.global_stage(seg_index)}/phases"

    def unit(self, unit_key: str, pass_no: int = 0) -> dict[str, str]:
        """One unit's files of one pass; ``sidecars`` holds ``{stage}`` for the stage's name."""
        return {
            "docs": self.work(f"pass{pass_no}", f"{unit_key}.parquet"),
            "marker": self.work(f"pass{pass_no}", f"{unit_key}.done.json"),
            REJECTED: self.url(side_rel(REJECTED, unit_key, pass_no)),
            REMOVED: self.url(side_rel(REMOVED, unit_key, pass_no)),
            SIDECARS: self.url(sidecar_rel("{stage}", unit_key, pass_no)),
        }
