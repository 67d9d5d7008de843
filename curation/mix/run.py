"""The mix as a global stage: scan -> plan -> histogram -> thresholds -> partition -> write shards.

Every phase leaves a marker in the run's mix folder (``RunLayout.mix``) once its outputs are in place, so ``--resume`` picks
up at the first unfinished phase (and, inside the partition and write phases, at the unfinished
units and partitions).
"""

from __future__ import annotations

import math
from dataclasses import asdict
from typing import Any

import polars as pl

from curation.core.view import UnitView
from curation.executor.dask import DaskExecutor, console
from curation.io.files import exists, fs_and_path, join, read_json, write_json_atomic
from curation.recipe.mix import MULTILINGUAL, MixSpec
from curation.mix.plan import (KeyPlan, MixPlan, all_epochs, choose_thresholds, partial_epochs, refine_total,
                               solve_targets, worst_error)
from curation.run.layout import RunLayout
from curation.mix.tasks import histogram_unit, partition_unit, scan_unit, write_partition


def _marked(url: str, resume: bool, make):
    """``make()``'s JSON result, computed once: a resumed run reads the marker instead."""
    if resume and exists(url):
        return read_json(url)
    value = make()
    write_json_atomic(value, url)
    return value


def _available(ex: DaskExecutor, views: list[UnitView], spec: MixSpec) -> list[dict[str, Any]]:
    frames = ex.map(scan_unit, views, "mix scan", spec)
    ex.raise_failures(frames, "mix scan")
    return pl.concat(frames).group_by(["group", "key_language"]).agg(
        pl.col("documents").sum().cast(pl.Int64), pl.col("tokens").sum(), pl.col("bytes").sum()
    ).sort(["group", "key_language"], nulls_last=True).to_dicts()


def _plan(ex: DaskExecutor, views: list[UnitView], spec: MixSpec, seed: int, available: pl.DataFrame) -> dict:
    available = available.filter(pl.col("group").is_not_null())
    plan = solve_targets(spec, available)
    choose_thresholds(plan, _histograms(ex, views, spec, seed, partial_epochs(plan)))
    if worst_error(spec, plan) > spec.tolerance / 2:  # whole documents are coarse here: search the total
        plan = refine_total(spec, available, _histograms(ex, views, spec, seed, all_epochs(plan)))
    return {"total_target": plan.total_target, "limiting_group": plan.limiting_group,
            "budget_reached": plan.budget_reached, "keys": [asdict(k) for k in plan.keys]}


def _histograms(ex: DaskExecutor, views: list[UnitView], spec: MixSpec, seed: int, epochs: dict) -> pl.DataFrame:
    frames = ex.map(histogram_unit, views, "mix histogram", spec, seed, epochs)
    ex.raise_failures(frames, "mix histogram")
    return pl.concat(frames).group_by(["group", "key_language", "epoch", "bucket"]).agg(
        pl.col("documents").sum().cast(pl.Int64), pl.col("tokens").sum())


def _summary(spec: MixSpec, plan: MixPlan, available: pl.DataFrame) -> dict[str, Any]:
    """The manifest's ``mix`` section: per group and per language, available / target / achieved."""
    total = sum(k.selected_tokens for k in plan.keys) or 1
    groups = []
    for g, rule in spec.groups.items():
        keys = [k for k in plan.keys if k.group == g]
        avail = sum(k.available_tokens for k in keys)
        sel = sum(k.selected_tokens for k in keys)
        achieved = sel / total
        groups.append({
            "name": g, "rule": rule.describe(), "target_share": spec.shares[g],
            "available_tokens": avail, "available_documents": sum(k.available_documents for k in keys),
            "selected_tokens": sel, "selected_documents": sum(k.selected_documents for k in keys),
            "achieved_share": round(achieved, 6), "max_epochs": spec.epochs_of(g),
            "epochs_used": round(sel / avail, 4) if avail else 0.0,
            "within_tolerance": abs(achieved - spec.shares[g]) <= spec.tolerance,
            "limiting": g == plan.limiting_group,
        })
    languages = [{
        "group": k.group, "language": k.language, "available_tokens": k.available_tokens, "weight": round(k.weight, 6),
        "target_share": round(k.target_tokens / plan.total_target, 6) if plan.total_target else 0.0,
        "selected_tokens": k.selected_tokens, "achieved_share": round(k.selected_tokens / total, 6),
        "epochs_used": round(k.selected_tokens / k.available_tokens, 4) if k.available_tokens else 0.0,
    } for k in plan.keys if k.group == MULTILINGUAL]
    lost = available.filter(pl.col("group").is_null())
    return {
        "groups": groups, "languages": languages, "total_tokens": sum(k.selected_tokens for k in plan.keys),
        "target_tokens": round(plan.total_target, 1), "budget": spec.budget_tokens,
        "budget_reached": plan.budget_reached, "limiting_group": plan.limiting_group, "alpha": spec.alpha,
        "tolerance": spec.tolerance,
        "unassigned": {"documents": int(lost["documents"].sum()), "tokens": int(lost["tokens"].sum())},
    }


def run_mix(ex: DaskExecutor, spec: MixSpec, seed: int, views: list[UnitView], run_dir: str, shard_bytes: int,
            row_group_rows: int, resume: bool) -> tuple[list[dict | None], dict[str, Any]]:
    """Write the mixed shards to their staged names (``RunLayout.staged_shard``); returns their results and the summary."""
    mix_dir = RunLayout(run_dir).mix
    if not resume:
        fs, path = fs_and_path(mix_dir)
        if fs.exists(path):
            fs.rm(path, recursive=True)
    available = pl.DataFrame(_marked(join(mix_dir, "available.json"), resume, lambda: _available(ex, views, spec)),
                             schema={"group": pl.String, "key_language": pl.String, "documents": pl.Int64,
                                     "tokens": pl.Int64, "bytes": pl.Int64})
    raw = _marked(join(mix_dir, "plan.json"), resume, lambda: _plan(ex, views, spec, seed, available))
    plan = MixPlan(raw["total_target"], raw["limiting_group"], raw["budget_reached"], [KeyPlan(**k) for k in raw["keys"]])
    selected_bytes = sum(k.selected_bytes for k in plan.keys)
    parts = max(1, math.ceil(selected_bytes / shard_bytes))
    selection = {(k.group, k.language): (k.full, k.threshold) for k in plan.keys}

    if not (resume and exists(join(mix_dir, "partitioned.json"))):
        if not resume:  # a fresh attempt must not trust pieces or markers of an older one
            for sub in ("parts", "partitioned", "written"):
                fs, path = fs_and_path(join(mix_dir, sub))
                if fs.exists(path):
                    fs.rm(path, recursive=True)
        done = ex.map(_partition_task, views, "mix partition", spec, seed, selection, parts, mix_dir)
        ex.raise_failures(done, "mix partition")
        write_json_atomic({"rows": sum(d["rows"] for d in done)}, join(mix_dir, "partitioned.json"))

    results = ex.map(_write_task, list(range(parts)), "mix shards", run_dir, row_group_rows,
                     counted=lambda r: r is not None)  # an empty partition writes no shard
    ex.raise_failures(results, "mix shards")
    summary = _summary(spec, plan, available)
    _say(summary)
    return results, summary


def _partition_task(view: UnitView, spec: MixSpec, seed: int, selection: dict, parts: int, mix_dir: str) -> dict:
    return _marked(join(mix_dir, "partitioned", f"u{view.index:06d}.json"), True,
                   lambda: partition_unit(view, spec, seed, selection, parts, join(mix_dir, "parts")))


def _write_task(part: int, run_dir: str, row_group_rows: int) -> dict | None:
    run = RunLayout(run_dir)
    mix_dir, shard = run.mix, run.staged_shard(part)
    marker = join(mix_dir, "written", f"p{part:05d}.json")
    if exists(marker) and (read_json(marker) is None or exists(shard)):
        return read_json(marker)
    result = write_partition(part, join(mix_dir, "parts"), shard, row_group_rows)
    write_json_atomic(result, marker)
    return result


def _say(summary: dict[str, Any]) -> None:
    for g in summary["groups"]:
        flag = "" if g["within_tolerance"] else "  [yellow]off target[/yellow]"
        console.print(f"mix {g['name']:>14}: {g['achieved_share']:7.2%} of {summary['total_tokens']:,} tokens "
                      f"(target {g['target_share']:.2%}, {g['epochs_used']:.2f} epochs){flag}")
    if summary["limiting_group"]:
        g = next(x for x in summary["groups"] if x["name"] == summary["limiting_group"])
        console.print(f"mix limited by group {g['name']!r}: its {g['available_tokens']:,} tokens x {g['max_epochs']:g} "
                      f"epochs reached {g['achieved_share']:.2%} (target {g['target_share']:.2%})")
