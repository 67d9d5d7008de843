"""One ``curate run``: plan units, process them on Dask, cut shards, write the manifest last."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from curation.executor.dask import DaskExecutor, TaskFailure, console
from curation.io.files import exists, fs_and_path, join, local_or_url, read_json, write_json_atomic
from curation.manifest.build import build_manifest
from curation.recipe.load import dump_recipe, recipe_hash
from curation.recipe.model import Recipe
from curation.run.unit import run_unit, unit_paths
from curation.run.units import WorkUnit, plan_units
from curation.shard.plan import ShardPlan, plan_shards
from curation.shard.write import write_shard

#: Everything a run writes below its directory (and the only things a fresh run removes).
RUN_ENTRIES = ("manifest.json", "shards", "rejected", "_work")


class ResumeError(ValueError):
    pass


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
    state = join(run_dir, "_work", "run.json")
    if resume and exists(state):
        previous = read_json(state)["recipe_hash"]
        if previous != rhash:
            raise ResumeError(f"{run_dir}: cannot resume: the recipe changed since that run ({previous} != {rhash})")
    else:
        for entry in RUN_ENTRIES:
            if fs.exists(f"{path}/{entry}"):
                fs.rm(f"{path}/{entry}", recursive=True)
    if exists(join(run_dir, "manifest.json")):  # a resumed run is unfinished until its new manifest lands
        fs.rm(f"{path}/manifest.json")
    write_json_atomic({"recipe_hash": rhash}, state)


def _shard_task(plan: ShardPlan, run_dir: str, row_group_rows: int) -> dict | None:
    return write_shard(plan, join(run_dir, "_work", "shards", f"{plan.index:05d}.parquet"), row_group_rows)


def _publish_shards(run_dir: str, shard_results: list[dict | None]) -> list[dict[str, Any]]:
    """Move written shards to ``shards/part-NNNNN.parquet``, numbered densely in run order."""
    fs, path = fs_and_path(run_dir)
    fs.makedirs(f"{path}/shards", exist_ok=True)
    outputs = []
    for k, res in enumerate(shard_results):
        if res is None:
            continue
        rel = f"shards/part-{len(outputs):05d}.parquet"
        fs.mv(f"{path}/_work/shards/{k:05d}.parquet", f"{path}/{rel}")
        outputs.append({"path": rel, **res})
    return outputs


def _inputs(units: list[WorkUnit], results: list[dict], recipe: Recipe) -> list[dict[str, Any]]:
    out = []
    for unit, res in zip(units, results):
        if isinstance(res, dict) and res.get("input"):
            spec = recipe.inputs[unit.group]
            out.append({"path": unit.path, "format": unit.format, "source": spec.source, **res["input"]})
    return out


def execute(recipe: Recipe, workers: int | None = None, scheduler: str | None = None, resume: bool = False, progress: bool = True) -> RunResult:
    started = time.perf_counter()
    units = plan_units(recipe)  # input errors surface here, before anything is written
    run_dir = run_dir_of(recipe)
    rhash = recipe_hash(recipe)
    if resume and exists(join(run_dir, "manifest.json")):
        manifest = read_json(join(run_dir, "manifest.json"))
        if manifest.get("recipe_hash") == rhash and not manifest.get("failed_units"):
            console.print(f"{run_dir}: already complete; nothing to resume")
            return RunResult(run_dir, manifest)
    _prepare(run_dir, rhash, resume)

    with DaskExecutor(workers=workers, scheduler=scheduler, progress=progress) as ex:
        results = ex.map(run_unit, units, "units", recipe, run_dir, len(units), resume)
        done = [(u, r) for u, r in zip(units, results) if not isinstance(r, TaskFailure)]
        failed = [{"path": u.path, "unit": u.key, "error": r.error} for u, r in zip(units, results) if isinstance(r, TaskFailure)]
        for f in failed:
            console.print(f"[red]failed[/red] {f['path']}: {f['error']}")
        staged = [(unit_paths(run_dir, u)["docs"], r["rows"], r["text_bytes"]) for u, r in done]
        plans = plan_shards(staged, int(recipe.output.shard_bytes))
        shard_results = ex.map(_shard_task, plans, "shards", run_dir, recipe.output.row_group_rows)
        if any(isinstance(r, TaskFailure) for r in shard_results):
            raise RuntimeError("; ".join(r.error for r in shard_results if isinstance(r, TaskFailure)))
        executor_info = ex.describe()

    outputs = _publish_shards(run_dir, shard_results)
    side = [
        {"path": f"rejected/{u.key}.parquet", "kind": "rejected", **r["rejected"]}
        for u, r in done
        if r.get("rejected")
    ]
    unit_results = [r for _, r in done]
    manifest = build_manifest(
        recipe=dump_recipe(recipe),
        recipe_hash=rhash,
        seed=recipe.seed,
        executor=executor_info,
        inputs=_inputs(units, results, recipe),
        outputs=outputs,
        side_outputs=side,
        unit_results=unit_results,
        failed_units=failed,
        timings={"wall_seconds": round(time.perf_counter() - started, 3), "unit_seconds": round(sum(r["seconds"] for r in unit_results), 3)},
    )
    write_json_atomic(manifest, join(run_dir, "manifest.json"))
    if not recipe.output.keep_work and not failed:
        fs, path = fs_and_path(run_dir)
        fs.rm(f"{path}/_work", recursive=True)
    return RunResult(run_dir, manifest)
