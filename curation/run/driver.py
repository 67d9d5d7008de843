"""One ``curate run``: plan units, process them on Dask, cut shards, write the manifest last."""

from __future__ import annotations

import time
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, field, replace
from typing import Any

from curation.executor.dask import DaskExecutor, TaskFailure, console
from curation.executor.guard import check_main_guard
from curation.executor.phases import PhaseExecutor
from curation.core.interrupt import raise_if_interrupted
from curation.core.stage import ShardWritingStage
from curation.io.files import (RemoteUnreachable, check_remote, exists, file_digest, fs_and_path, local_or_url, move,
                               read_json, remove_temp_files, write_json_atomic)
from curation.manifest.build import aggregate_stages, build_manifest
from curation.recipe.model import Recipe, dump_recipe, recipe_hash
from curation.core.view import GlobalContext, UnitView
from curation.run.bad_records import run_examples, summary as bad_record_summary
from curation.run.lock import holding
from curation.run.prepare import PrepareError, PreparedRun, prepare_stages  # PrepareError: the CLI imports it here
from curation.run.segments import Segment, split_segments
from curation.run import layout
from curation.run.layout import RUN_ENTRIES, RunLayout, removal_files
from curation.run.units import UnitTask, WorkUnit, plan_units
from curation.shard.plan import ShardPlan, plan_shards

class ResumeError(ValueError):
    pass


class RunDirError(OSError):
    """The run directory cannot be created or written (an environment problem, not a recipe one)."""


def check_run_dir(run_dir: str) -> None:
    """Fail before any work, in one line, if the run folder cannot be made or written to."""
    import errno
    import os
    import tempfile

    if "://" in run_dir:
        if run_dir.split("://", 1)[0] in ("http", "https"):
            raise RunDirError(errno.EROFS, f"{run_dir}: cannot be a run folder: http(s) storage is read-only")
        try:  # remote storage: reachable (credentials, host) now; its write errors come at the first write
            check_remote(run_dir, "use the run folder")
        except RemoteUnreachable as exc:
            raise RunDirError(exc.errno, f"{run_dir}: {exc.strerror}") from None
        return
    probe = run_dir
    while not os.path.exists(probe):
        probe = os.path.dirname(probe)
    if not os.path.isdir(probe):
        raise RunDirError(errno.ENOTDIR, f"{run_dir}: cannot be a folder: {probe} is a file")
    try:
        os.makedirs(run_dir, exist_ok=True)
        if not os.path.isdir(run_dir):
            raise NotADirectoryError(errno.ENOTDIR, "a file is in the way")
        tempfile.TemporaryFile(dir=run_dir).close()
    except OSError as exc:
        raise RunDirError(exc.errno, f"{run_dir}: cannot write the run folder: {exc.strerror}") from None


@dataclass
class RunResult:
    run_dir: str
    manifest: dict[str, Any]

    @property
    def ok(self) -> bool:
        return not self.manifest["failed_units"]


def run_dir_of(recipe: Recipe) -> str:
    return local_or_url(recipe.output.dir or f"runs/{recipe.name}")


def _prepare(run_dir: str, rhash: str, resume: bool) -> None:
    fs, path = fs_and_path(run_dir)
    state = RunLayout(run_dir).run_state
    if resume and exists(state):
        previous = read_json(state)["recipe_hash"]
        if previous != rhash:
            raise ResumeError(f"{run_dir}: cannot resume: the recipe changed since that run ({previous} != {rhash})")
    else:
        for entry in RUN_ENTRIES:
            if fs.exists(f"{path}/{entry}"):
                fs.rm(f"{path}/{entry}", recursive=True)
    if exists(RunLayout(run_dir).manifest):  # a resumed run is unfinished until its new manifest lands
        fs.rm(fs_and_path(RunLayout(run_dir).manifest)[1])
    write_json_atomic({"recipe_hash": rhash}, state)


def _unit_task(task: UnitTask, recipe: Recipe, run_dir: str, n_units: int, resume: bool) -> dict[str, Any]:
    """On a worker: ``run_unit``, whose module (the stage blocks, datatrove, tokenizers) the driver never imports."""
    from curation.run.unit import run_unit

    return run_unit(task, recipe, run_dir, n_units, resume)


def _shard_task(plan: ShardPlan, run_dir: str, row_group_rows: int) -> dict | None:
    from curation.shard.write import write_shard  # pyarrow: imported by the worker

    return write_shard(plan, RunLayout(run_dir).staged_shard(plan.index), row_group_rows)


def _written(result: dict | None) -> bool:
    """A shard task's result names a written shard (a plan whose byte range starts no row writes none)."""
    return result is not None


def _publish_shards(run_dir: str, shard_results: list[dict | None]) -> list[dict[str, Any]]:
    """Move written shards to ``shards/part-NNNNN.parquet``, numbered densely in run order.

    Idempotent: a driver killed after moving some shards but before writing the manifest left the
    moved ones published and no staged copy (their shard phase is done, so nothing stages them again);
    a staged shard, when there is one, is the newer and replaces what is published.
    """
    run = RunLayout(run_dir)
    fs, path = fs_and_path(run.url(layout.SHARDS))
    fs.makedirs(path, exist_ok=True)
    outputs = []
    for k, res in enumerate(shard_results):
        if res is None:
            continue
        rel = layout.shard_rel(len(outputs))
        if exists(run.staged_shard(k)) or not exists(run.url(rel)):
            move(run.staged_shard(k), run.url(rel))  # a shard neither staged nor published: the error names it
        outputs.append({"path": rel, **res})
    expected = {fs_and_path(run.url(o["path"]))[1] for o in outputs}
    for stale in set(fs.find(path)) - expected:  # left by an interrupted attempt
        fs.rm(stale)
    return outputs


def _inputs(units: list[WorkUnit], results: list[dict], recipe: Recipe) -> list[dict[str, Any]]:
    out = []
    for unit, res in zip(units, results):
        if isinstance(res, dict) and res.get("input"):
            spec = recipe.inputs[unit.group]
            out.append({"path": unit.path, "format": unit.format, "source": spec.source, **res["input"]})
    return out


def _docs_pass(ex: DaskExecutor, recipe: Recipe, run_dir: str, units: list[WorkUnit], seg: Segment,
               prepared: PreparedRun, views: dict[int, UnitView] | None, resume: bool) -> list[Any]:
    specs = prepared.specs(seg)  # the recipe's stages with what run start prepared for them
    tasks = [UnitTask(u, seg.index, specs, views[u.index] if views else None) for u in units]
    return ex.map(_unit_task, tasks, f"pass {seg.index}" if seg.index else "units", recipe, run_dir, len(units), resume)


def _global_stage(ex: DaskExecutor, recipe: Recipe, run_dir: str, seg: Segment, views: dict[int, UnitView], resume: bool) -> dict[str, Any]:
    spec = seg.specs[0]
    run = RunLayout(run_dir)
    stage_dir = run.global_stage(seg.index)
    marker = run.global_stage_done(seg.index)
    if resume and exists(marker):
        summary = read_json(marker)
    else:
        fs, path = fs_and_path(stage_dir)
        if not resume and fs.exists(path):
            fs.rm(path, recursive=True)
        # resumed: the phases an interrupted attempt finished are not run again
        phases = PhaseExecutor(ex, run.global_stage_phases(seg.index))
        stage = seg.stage(spec.name, **spec.params)
        ctx = GlobalContext(phases, run_dir, stage_dir, [views[i] for i in sorted(views)], recipe.seed)
        summary = {"name": spec.name, "kind": "global", **stage.run(ctx)}
        if phases.reused:
            console.print(f"{spec.name}: resumed after {len(phases.reused)} finished phase(s)")
        write_json_atomic(summary, marker)
    if issubclass(seg.stage, ShardWritingStage):
        return summary  # nothing runs after it: no view to update
    for i, view in views.items():
        views[i] = replace(view, removed=view.removed + removal_files(stage_dir, i))
    return summary


def clear_temp_files(run_dir: str) -> int:
    """Remove what writers stopped mid-file left (``.<name>.<hex>.tmp``), in the run folder and below."""
    fs, path = fs_and_path(run_dir)
    if not fs.exists(path):
        return 0
    top = [f for f in fs.ls(path, detail=False) if f.rsplit("/", 1)[-1].startswith(".") and f.endswith(".tmp")]
    for f in top:
        fs.rm(f)
    return len(top) + remove_temp_files(run_dir, tuple(e for e in RUN_ENTRIES if "." not in e))


def execute(recipe: Recipe, workers: int | None = None, scheduler: str | None = None, resume: bool = False, progress: bool = True,
            overwrite: bool = False, memory_limit: str | None = None, threads: int = 1) -> RunResult:
    """Run ``recipe``. Interrupted (Ctrl-C, or SIGTERM turned into ``KeyboardInterrupt``), it stops the
    cluster, removes half-written temp files and re-raises: finished units keep their markers, the
    rest is redone by ``--resume``. A folder another run holds, or a finished run's folder without
    ``resume``/``overwrite``, raises ``RunFolderBusy`` (run/lock.py) before anything is written.
    ``memory_limit`` ("1GiB") caps each embedded worker, as ``dask worker --memory-limit`` does; ``threads``
    is the number of tasks each embedded worker process runs at once (its limit covers them all)."""
    if resume and overwrite:
        raise ResumeError("--resume continues a run and --overwrite replaces it: give one of them")
    if scheduler is None:
        check_main_guard()  # an unguarded script would run again in every embedded worker
    with ExitStack() as lock:  # the run-folder lock, held from the first write to the last
        try:
            return _execute(recipe, DaskExecutor(workers=workers, scheduler=scheduler, progress=progress, memory_limit=memory_limit,
                                                    threads=threads),
                            resume, lambda d: lock.enter_context(holding(d, resume, overwrite)))
        except KeyboardInterrupt:
            clear_temp_files(run_dir_of(recipe))  # the cluster is closed: no writer is still at work
            raise


def _execute(recipe: Recipe, executor: DaskExecutor, resume: bool, hold: Callable[[str], object]) -> RunResult:
    started = time.perf_counter()
    units = plan_units(recipe)  # input errors surface here, before anything is written
    run_dir = run_dir_of(recipe)
    check_run_dir(run_dir)
    hold(run_dir)
    rhash = recipe_hash(recipe)
    done = _finished_run(run_dir, rhash, resume)
    if done is not None:
        return done
    _prepare(run_dir, rhash, resume)
    raise_if_interrupted()  # checkpoints: a Ctrl-C some library caught still stops the run
    with executor as ex:
        prepared = prepare_stages(ex, recipe, run_dir)
        state = _run_segments(ex, recipe, prepared, run_dir, units, resume)
        raise_if_interrupted()
        if state.shard_results is None:  # no stage wrote the shards: cut them from the last pass
            state.shard_results = _cut_shards(ex, recipe, run_dir, state)
        executor_info = ex.describe()
        raise_if_interrupted()

    outputs = _publish_shards(run_dir, state.shard_results)
    # a writer killed mid-file (a lost worker, an earlier killed driver) leaves .<name>.<hex>.tmp files
    remove_temp_files(run_dir, layout.PUBLISHED)
    stages, side, unit_seconds = _stage_summaries(state.stage_log)
    models = prepared.files
    side += _model_files(run_dir, models)
    first = state.first_results
    manifest = build_manifest(
        models=[{"name": m["name"], "kind": m.get("kind", "model"), "path": m["path"], "card": m["card"],
                 **({"languages": m["languages"]} if m.get("languages") else {})} for m in models],
        recipe=dump_recipe(recipe),
        recipe_hash=rhash,
        seed=recipe.seed,
        executor=executor_info,
        inputs=_inputs(units, first if len(first) == len(units) else [], recipe),
        outputs=outputs,
        side_outputs=sorted(side, key=lambda e: e["path"]),
        stages=stages,
        bad_records=bad_record_summary(run_examples(first), stages),
        failed_units=[state.failed[i] for i in sorted(state.failed)],
        work_units=len(units),
        mix=state.mix_summary,
        timings={"wall_seconds": round(time.perf_counter() - started, 3), "unit_seconds": round(unit_seconds, 3)},
    )
    write_json_atomic(manifest, RunLayout(run_dir).manifest)
    _finish(recipe, run_dir, bool(state.failed))
    return RunResult(run_dir, manifest)


def _finished_run(run_dir: str, rhash: str, resume: bool) -> RunResult | None:
    """On ``--resume`` onto a finished run: that run when it is this recipe's and complete; refused
    when it is another recipe's; None (go on) otherwise."""
    if not (resume and exists(RunLayout(run_dir).manifest)):
        return None
    manifest = read_json(RunLayout(run_dir).manifest)
    if manifest.get("recipe_hash") == rhash and not manifest.get("failed_units"):
        console.print(f"{run_dir}: already complete; nothing to resume")
        return RunResult(run_dir, manifest)
    if manifest.get("recipe_hash") != rhash:
        name = (manifest.get("recipe") or {}).get("name", "?")
        raise ResumeError(f"{run_dir}: cannot resume: it holds a finished run of another recipe ({name!r}, "
                          f"{manifest.get('recipe_hash')}); choose another --output, or drop --resume to replace it")
    return None


@dataclass
class _RunState:
    """What the passes and whole-run stages leave for the shards and the manifest."""

    live: list[WorkUnit]  # units no pass has failed
    stage_log: list[tuple[Segment, Any]] = field(default_factory=list)
    failed: dict[int, dict[str, str]] = field(default_factory=dict)
    results: list[Any] = field(default_factory=list)  # the last pass's, one per live unit
    first_results: list[Any] = field(default_factory=list)
    views: dict[int, UnitView] | None = None
    shard_results: list[dict | None] | None = None  # set by a stage that writes the shards (the mix)
    mix_summary: dict[str, Any] | None = None


def _run_segments(ex: DaskExecutor, recipe: Recipe, prepared: PreparedRun, run_dir: str, units: list[WorkUnit],
                  resume: bool) -> _RunState:
    """Every documents pass and whole-run stage of the recipe, in order."""
    state = _RunState(live=list(units))
    for seg in split_segments(recipe):
        raise_if_interrupted()
        if seg.kind == "global":
            summary = _global_stage(ex, recipe, run_dir, seg, state.views, resume)
            if issubclass(seg.stage, ShardWritingStage):
                state.shard_results, state.mix_summary = summary["shards"], summary["summary"]
            else:
                state.stage_log.append((seg, summary))
            continue
        results = _docs_pass(ex, recipe, run_dir, state.live, seg, prepared, state.views, resume)
        if seg.index == 0:
            state.first_results = results
        for u, r in zip(state.live, results):
            if isinstance(r, TaskFailure):
                state.failed[u.index] = {"path": u.path, "unit": u.key, "error": r.error}
                console.print(f"[red]failed[/red] {u.path}: {r.error}")
        kept = [(u, r) for u, r in zip(state.live, results) if not isinstance(r, TaskFailure)]
        state.live, state.results = [u for u, _ in kept], [r for _, r in kept]
        state.stage_log.append((seg, state.results))
        state.views = {u.index: UnitView(u.index, u.key, RunLayout(run_dir).unit(u.key, seg.index)["docs"])
                       for u in state.live}
    return state


def _cut_shards(ex: DaskExecutor, recipe: Recipe, run_dir: str, state: _RunState) -> list[dict | None]:
    """Shards cut from the last pass's staged units by global byte range."""
    last_pass = max(s.index for s, _ in state.stage_log if s.kind == "docs")
    staged = [(RunLayout(run_dir).unit(u.key, last_pass)["docs"], r["rows"], r["text_bytes"])
              for u, r in zip(state.live, state.results)]
    plans = plan_shards(staged, int(recipe.output.shard_bytes))
    shard_results = ex.map(_shard_task, plans, "shards", run_dir, recipe.output.row_group_rows, counted=_written)
    ex.raise_failures(shard_results, "shards")
    return shard_results


def _model_files(run_dir: str, models: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for model in models:
        size, sha = file_digest(RunLayout(run_dir).url(model["path"]))
        out.append({"path": model["path"], "kind": model.get("kind", "model"), "bytes": size, "sha256": sha})
    return out


def _stage_summaries(stage_log: list[tuple[Segment, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]], float]:
    """The manifest's per-stage counts, the passes' side outputs (removed, rejected, sidecars) and unit seconds."""
    stages: list[dict[str, Any]] = []
    side: list[dict[str, Any]] = []
    unit_seconds = 0.0
    for seg, res in stage_log:
        if seg.kind == "global":
            stages.append(res)
            continue
        unit_seconds += sum(r["seconds"] for r in res)
        stages += [s for s in aggregate_stages(res) if seg.index == 0 or s["name"] != "read"]
        for r in res:
            for kind in (layout.REMOVED, layout.REJECTED):
                if r.get(kind):
                    side.append({"path": layout.side_rel(kind, r["unit"], seg.index), "kind": kind, **r[kind]})
            for stage, info in (r.get("sidecars") or {}).items():
                side.append({"path": layout.sidecar_rel(stage, r["unit"], seg.index), "kind": f"sidecar:{stage}", **info})
    return stages, side, unit_seconds


def _finish(recipe: Recipe, run_dir: str, failed: bool) -> None:
    """After the manifest: drop the work folder (unless kept or a unit failed), write the report."""
    if not recipe.output.keep_work and not failed:
        fs, path = fs_and_path(RunLayout(run_dir).work())
        fs.rm(path, recursive=True)
    if recipe.output.report:
        from curation.report import write_report

        for written in write_report(run_dir):
            console.print(f"report: {written}")
