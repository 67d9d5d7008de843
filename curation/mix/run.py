"""The mix as the run's last whole-run stage: scan (with histograms) -> plan -> partition -> shards.

It runs like every global stage, on the executor the driver gives it (``executor.phases``): each
phase's results are kept once all its tasks succeeded, so ``--resume`` picks up at the first
unfinished phase, and a phase run again rewrites the same files (deterministic names and contents,
written atomically).
"""

from __future__ import annotations

import math
from typing import Any

import polars as pl
from pydantic import BaseModel, ConfigDict, Field

from curation.core.stage import ShardWritingStage
from curation.core.view import GlobalContext
from curation.executor.dask import console
from curation.io.files import join
from curation.recipe.mix import MULTILINGUAL, MixSpec
from curation.mix.merge import write_partition
from curation.mix.plan import MixPlan, all_epochs, choose_thresholds, partial_epochs, refine_total, solve_targets, worst_error
from curation.run.layout import RunLayout
from curation.mix.tasks import HISTOGRAM_SCHEMA, partition_unit, read_histogram, scan_unit, scan_url

AVAILABLE_SCHEMA = {"group": pl.String, "key_language": pl.String, "documents": pl.Int64, "tokens": pl.Int64, "bytes": pl.Int64}


class MixParams(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    spec: MixSpec
    shard_bytes: int = Field(ge=1, description="target UTF-8 text bytes per shard (output.shard_bytes)")
    row_group_rows: int = Field(10_000, ge=1)


class MixStage(ShardWritingStage):
    """Sample the processed documents to target token shares and shuffle them into shards."""

    Params = MixParams

    def run(self, ctx: GlobalContext) -> dict[str, Any]:
        shards, summary = run_mix(ctx, self.params.spec, self.params.shard_bytes, self.params.row_group_rows)
        return {"shards": shards, "summary": summary}


#: Histogram files the driver folds at a time: it holds the running total plus one batch.
FOLD_FILES = 64
HIST_KEY = ["group", "key_language", "epoch", "bucket"]


def _scan(ctx: GlobalContext, spec: MixSpec) -> tuple[pl.DataFrame, pl.DataFrame]:
    """What each key has (documents, tokens, bytes) and its token histograms, from one read per unit."""
    scan_dir = join(ctx.stage_dir, "scan")
    scans = ctx.executor.map(scan_unit, ctx.units, "mix scan", spec, ctx.seed, scan_dir)
    ctx.executor.raise_failures(scans, "mix scan")
    if any(not isinstance(s, dict) for s in scans):  # a resumed run whose saved scan phase predates histogram files
        raise ValueError(f"the saved mix scan phase does not name its units' histogram files ({scan_dir}): "
                         "run again without --resume")
    available = pl.concat([s["available"] for s in scans]).group_by(["group", "key_language"]).agg(
        pl.col("documents").sum().cast(pl.Int64), pl.col("tokens").sum(), pl.col("bytes").sum()
    ).sort(["group", "key_language"], nulls_last=True)
    files = [scan_url(scan_dir, s["unit"]) for s in sorted(scans, key=lambda s: s["unit"]) if s["rows"] > 0]
    return pl.DataFrame(available.to_dicts(), schema=AVAILABLE_SCHEMA), _fold(files)


def _fold(files: list[str]) -> pl.DataFrame:
    """The units' histograms summed per (key, epoch, bucket), ``FOLD_FILES`` files at a time: the
    total is bounded by keys x epochs x buckets, not by documents. Row order is left to polars, as
    before: the plan sorts each key's histogram by bucket (``choose_thresholds``)."""
    total = pl.DataFrame(schema=HISTOGRAM_SCHEMA).with_columns(pl.col("documents").cast(pl.Int64))
    for start in range(0, len(files), FOLD_FILES):
        batch = [read_histogram(f) for f in files[start:start + FOLD_FILES]]
        total = pl.concat([total, *batch]).group_by(HIST_KEY).agg(pl.col("documents").sum(), pl.col("tokens").sum())
    return total


def _epochs(histograms: pl.DataFrame, epochs: dict[tuple[str, str], list[int]]) -> pl.DataFrame:
    """The histograms of the asked-for (key, epoch) pairs only."""
    wanted = pl.DataFrame([(g, lang, e) for (g, lang), es in epochs.items() for e in es],
                          schema={"group": pl.String, "key_language": pl.String, "epoch": pl.Int64}, orient="row")
    return histograms.join(wanted, on=["group", "key_language", "epoch"], how="semi")


def _plan(spec: MixSpec, available: pl.DataFrame, histograms: pl.DataFrame) -> MixPlan:
    available = available.filter(pl.col("group").is_not_null())
    plan = solve_targets(spec, available)
    choose_thresholds(plan, _epochs(histograms, partial_epochs(plan)))
    if worst_error(spec, plan) > spec.tolerance / 2:  # whole documents are coarse here: search the total
        plan = refine_total(spec, available, _epochs(histograms, all_epochs(plan)))
    return plan


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


def run_mix(ctx: GlobalContext, spec: MixSpec, shard_bytes: int, row_group_rows: int) -> tuple[list[dict | None], dict[str, Any]]:
    """Write the mixed shards to their staged names (``RunLayout.staged_shard``); returns their results and the summary."""
    available, histograms = _scan(ctx, spec)
    plan = _plan(spec, available, histograms)
    parts = max(1, math.ceil(sum(k.selected_bytes for k in plan.keys) / shard_bytes))
    selection = {(k.group, k.language): (k.full, k.threshold) for k in plan.keys}
    parts_dir = join(ctx.stage_dir, "parts")
    done = ctx.executor.map(partition_unit, ctx.units, "mix partition", spec, ctx.seed, selection, parts, parts_dir)
    ctx.executor.raise_failures(done, "mix partition")
    units = _units_with_rows(done, parts_dir)
    results = ctx.executor.map(_write_task, list(range(parts)), "mix shards", ctx.run_dir, parts_dir, units, parts, row_group_rows,
                               counted=lambda r: r is not None)  # an empty partition writes no shard
    ctx.executor.raise_failures(results, "mix shards")
    summary = _summary(spec, plan, available)
    _say(summary)
    return results, summary


def _units_with_rows(done: list[dict[str, int]], parts_dir: str) -> list[int]:
    """The sorted indices of the units whose partition wrote a pieces file (rows > 0)."""
    if any("unit" not in d for d in done):  # a resumed run whose saved partition phase predates pieces files
        raise ValueError(f"the saved mix partition phase does not name its units' pieces files ({parts_dir}): "
                         "run again without --resume")
    return sorted(d["unit"] for d in done if d["rows"] > 0)


def _write_task(part: int, run_dir: str, parts_dir: str, units: list[int], parts: int, row_group_rows: int) -> dict | None:
    return write_partition(part, parts_dir, units, parts, RunLayout(run_dir).staged_shard(part), row_group_rows)


def _say(summary: dict[str, Any]) -> None:
    for g in summary["groups"]:
        flag = "" if g["within_tolerance"] else "  [yellow]off target[/yellow]"
        console.print(f"mix {g['name']:>14}: {g['achieved_share']:7.2%} of {summary['total_tokens']:,} tokens "
                      f"(target {g['target_share']:.2%}, {g['epochs_used']:.2f} epochs){flag}")
    if summary["limiting_group"]:
        g = next(x for x in summary["groups"] if x["name"] == summary["limiting_group"])
        console.print(f"mix limited by group {g['name']!r}: its {g['available_tokens']:,} tokens x {g['max_epochs']:g} "
                      f"epochs reached {g['achieved_share']:.2%} (target {g['target_share']:.2%})")
