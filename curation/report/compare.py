"""Two runs side by side: what changed in the mix (shares, funnel, drops) and why (recipe, versions)."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

import polars as pl

from curation.report.blocks import Report, Section, approx, change, chart, count, number, points, share, signed, table, text
from curation.report.composition import composition, mix_groups
from curation.report.data import NONE_LABEL, RunData
from curation.report.funnel import funnel, reasons
from curation.report.quality import contamination, edu_summary
from curation.report import sketch
from curation.report.sections import verify_command

ABSENT = "(absent)"


def flatten(obj: Any, prefix: str = "") -> dict[str, str]:
    """Leaves of a recipe by key path; pipeline stages are keyed by name (``pipeline[edu].params.threshold``),
    so removing one stage does not shift every later one; their order is one entry of its own."""
    out: dict[str, str] = {}
    if isinstance(obj, dict):
        for k in sorted(obj):
            out |= flatten(obj[k], f"{prefix}.{k}" if prefix else str(k))
    elif isinstance(obj, list) and obj and all(isinstance(x, dict) and "name" in x for x in obj):
        seen: Counter[str] = Counter()
        names = []
        for x in obj:
            seen[x["name"]] += 1
            key = x["name"] if seen[x["name"]] == 1 else f"{x['name']}#{seen[x['name']]}"
            names.append(key)
            rest = {k: v for k, v in x.items() if k != "name" and v not in (None, {}, [])}
            out[f"{prefix}[{key}]"] = "present " + json.dumps(rest, sort_keys=True, ensure_ascii=False)
            out |= flatten(rest, f"{prefix}[{key}]")
        out[f"{prefix} (order)"] = " → ".join(names)
    elif isinstance(obj, list) and any(isinstance(x, (dict, list)) for x in obj):
        for i, x in enumerate(obj):
            out |= flatten(x, f"{prefix}[{i}]")
    else:
        out[prefix] = obj if isinstance(obj, str) else json.dumps(obj, ensure_ascii=False)
    return out


def dict_diff(a: dict[str, Any], b: dict[str, Any], ignore: tuple[str, ...] = ()) -> pl.DataFrame:
    """Key paths whose value differs between ``a`` and ``b`` (absent on one side included)."""
    fa, fb = flatten(a), flatten(b)
    rows = [{"key": k, "a": fa.get(k, ABSENT), "b": fb.get(k, ABSENT)} for k in sorted(fa.keys() | fb.keys())
            if fa.get(k) != fb.get(k) and k not in ignore]
    whole = [r["key"] for r in rows if r["key"].endswith("]") and ABSENT in (r["a"], r["b"])]  # a stage on one side only
    rows = [r for r in rows if not any(r["key"].startswith(w + ".") for w in whole)]
    for r in rows:  # a stage on both sides: its marker differs only because its parameters do (rows of their own)
        if r["key"].endswith("]") and ABSENT not in (r["a"], r["b"]):
            r["a"] = r["b"] = "present"
    rows = [r for r in rows if r["a"] != r["b"]]
    return pl.DataFrame(rows, schema={"key": pl.String, "a": pl.String, "b": pl.String})


def side_by_side(a: pl.DataFrame, b: pl.DataFrame, on: list[str], values: list[str], absent_is_zero: bool = True) -> pl.DataFrame:
    """Full join of two runs' frames: ``<value>_a``, ``<value>_b`` and ``<value>_delta`` per value column.

    A row missing on one side counts as 0 in the delta, unless ``absent_is_zero`` is false (then no delta)."""
    left = a.select(*on, *[pl.col(v).alias(f"{v}_a") for v in values])
    right = b.select(*on, *[pl.col(v).alias(f"{v}_b") for v in values])
    both = left.join(right, on=on, how="full", coalesce=True, maintain_order="left_right")
    if not absent_is_zero:
        return both.with_columns((pl.col(f"{v}_b") - pl.col(f"{v}_a")).alias(f"{v}_delta") for v in values)
    return both.with_columns((pl.col(f"{v}_b").fill_null(0) - pl.col(f"{v}_a").fill_null(0)).alias(f"{v}_delta") for v in values)


def share_shift(docs_a: pl.DataFrame, docs_b: pl.DataFrame, by: str) -> pl.DataFrame:
    """Tokens and documents per ``by`` value in both runs (their ``groups``), largest change of token share first."""
    docs_a, docs_b = (d if by in d.columns else d.with_columns(pl.lit(NONE_LABEL).alias(by)) for d in (docs_a, docs_b))
    cols = ["tokens", "token_share", "documents", "doc_share"]
    both = side_by_side(composition(docs_a, [by]), composition(docs_b, [by]), [by], cols)
    return both.with_columns(pl.col("token_share_a", "token_share_b").fill_null(0.0)).sort(
        pl.col("token_share_delta").abs(), by, descending=[True, False])


SHIFT_SPEC = {"token_share_a": ("% tokens A", share), "token_share_b": ("% tokens B", share),
              "token_share_delta": ("Δ share", points), "tokens_a": ("tokens A", count), "tokens_b": ("tokens B", count),
              "tokens_delta": ("Δ tokens", signed), "documents_a": ("docs A", count), "documents_b": ("docs B", count),
              "documents_delta": ("Δ docs", signed)}


FUNNEL_SHIFT_SPEC = {
    "stage": ("stage", text), "docs_out_a": ("docs out A", count), "docs_out_b": ("docs out B", count),
    "docs_out_delta": ("Δ docs out", signed), "dropped_a": ("dropped A", count), "dropped_b": ("dropped B", count),
    "dropped_delta": ("Δ dropped", signed), "tokens_out_a": ("tokens out A", approx), "tokens_out_b": ("tokens out B", approx),
    "tokens_out_delta": ("Δ tokens out", approx)}


def totals(run: RunData) -> dict[str, float | None]:
    stages = run.stages
    read = next((s.get("out") for s in stages if s["name"] == "read"), None)
    hits = contamination(run)
    return {"documents": run.manifest["totals"].get("documents"), "tokens": run.manifest["totals"].get("tokens"),
            "shards": run.manifest["totals"].get("shards"), "documents read": read,
            "documents dropped or removed": sum(s.get("dropped") or 0 for s in stages),
            "contaminated documents": int(hits["flagged"].fill_null(0).sum()) if "flagged" in hits.columns else 0,
            "languages": len(run.distinct("language")), "sources": len(run.distinct("source"))}


def summary_frame(a: RunData, b: RunData) -> pl.DataFrame:
    ta, tb = totals(a), totals(b)
    return pl.DataFrame([{"metric": k, "a": ta[k], "b": tb[k], "delta": (tb[k] or 0) - (ta[k] or 0)} for k in ta],
                        schema={"metric": pl.String, "a": pl.Int64, "b": pl.Int64, "delta": pl.Int64})


def funnel_shift(a: RunData, b: RunData) -> pl.DataFrame:
    return side_by_side(funnel(a), funnel(b), ["stage"], ["docs_out", "dropped", "tokens_out"], absent_is_zero=False)


def highlights(a: RunData, b: RunData, recipe: pl.DataFrame, stages: pl.DataFrame) -> list[str]:
    """The few sentences a reader wants first: what differs and the likely cause."""
    out = []
    only_a = stages.filter(pl.col("docs_out_b").is_null())["stage"].to_list()
    only_b = stages.filter(pl.col("docs_out_a").is_null())["stage"].to_list()
    if only_a:
        out.append(f"Stage(s) only in A: {', '.join(only_a)}.")
    if only_b:
        out.append(f"Stage(s) only in B: {', '.join(only_b)}.")
    moved = stages.filter(pl.col("docs_out_a").is_not_null() & pl.col("docs_out_b").is_not_null()
                          & (pl.col("dropped_delta") != 0)).sort(pl.col("dropped_delta").abs(), descending=True).head(3)
    for row in moved.iter_rows(named=True):
        out.append(f"`{row['stage']}` dropped {count(row['dropped_a'])} documents in A and {count(row['dropped_b'])} in B.")
    for by in ("source", "language"):
        top = share_shift(a.groups, b.groups, by).head(1)
        if top.height and abs(top["token_share_delta"][0] or 0) >= 0.001:
            r = top.row(0, named=True)
            out.append(f"Largest {by} shift: `{r[by]}` {share(r['token_share_a'])} → {share(r['token_share_b'])} of tokens "
                       f"({points(r['token_share_delta'])}).")
    if recipe.height:
        out.append(f"{recipe.height} recipe setting(s) differ (listed under Why); they are the cause of every "
                   "difference above unless the inputs or software versions differ too.")
    else:
        out.append("The recipes are identical: differences come from the inputs or software versions (see Why).")
    if a.manifest.get("content_hash") == b.manifest.get("content_hash"):
        out.append("Same content hash: the two runs wrote byte-identical shards.")
    return out


def _inputs(run: RunData) -> dict[str, Any]:
    return {i["path"]: i.get("sha256") for i in run.manifest.get("inputs") or []}


def why_section(a: RunData, b: RunData, recipe: pl.DataFrame) -> Section:
    spec = {"key": ("key path", text), "a": ("A", text), "b": ("B", text)}
    versions = dict_diff(a.manifest.get("versions") or {}, b.manifest.get("versions") or {})
    inputs = dict_diff(_inputs(a), _inputs(b))
    return Section("why", "Why: recipe, input and version differences", (
        "Recipes are compared by key path; pipeline stages by name. `output.dir` is left out (it always differs).",), (
        table(recipe, spec, caption="Recipe", empty="the recipes are identical"),
        table(inputs, {"key": ("input file", text), "a": ("sha256 A", text), "b": ("sha256 B", text)},
              caption="Input files", empty="the same input files, byte for byte"),
        table(versions, spec, caption="Software versions", empty="the same versions"),
    ))


def composition_shift_section(a: RunData, b: RunData) -> Section:
    blocks: list = []
    bys = ["source", "language"] + (["group"] if a.has("group") or b.has("group") else [])
    for by in bys:
        shift = share_shift(a.groups, b.groups, by)
        blocks.append(table(shift, {by: (by, text), **SHIFT_SPEC}, caption=f"By {by} (largest share change first)"))
        blocks.append(chart(shift.sort("token_share_b", descending=True), f"Token share by {by}: A vs B", by,
                            {"A": "token_share_a", "B": "token_share_b"}, value_format=share))
    return Section("composition", "Composition: token share A vs B", (
        "From the shards of each run. Δ share is B − A in percentage points.",), tuple(blocks))


def mix_shift_section(a: RunData, b: RunData) -> Section | None:
    if not (a.mix or b.mix):
        return None
    ga = mix_groups(a.mix) if a.mix else mix_groups({})
    gb = mix_groups(b.mix) if b.mix else mix_groups({})
    both = side_by_side(ga, gb, ["name"], ["target_share", "achieved_share", "selected_tokens"])
    return Section("mix", "Mix groups: target and achieved, A vs B", (), (
        table(both, {"name": ("group", text), "target_share_a": ("target A", share), "target_share_b": ("target B", share),
                     "achieved_share_a": ("achieved A", share), "achieved_share_b": ("achieved B", share),
                     "achieved_share_delta": ("Δ achieved", points), "selected_tokens_a": ("tokens A", count),
                     "selected_tokens_b": ("tokens B", count)}),
        chart(both, "Achieved share per group: A vs B", "name", {"A": "achieved_share_a", "B": "achieved_share_b"},
              value_format=share),
    ))


def compare_report(a: RunData, b: RunData) -> Report:
    recipe = dict_diff(a.manifest["recipe"], b.manifest["recipe"], ignore=("output.dir",))
    stages = funnel_shift(a, b)
    drops = side_by_side(reasons(a), reasons(b), ["stage", "reason"], ["documents"])
    quality = side_by_side(edu_summary(a.shards.edu, None), edu_summary(b.shards.edu, None), ["source"],
                           ["mean", "median"]) if a.has("edu_score") and b.has("edu_score") else pl.DataFrame(schema={"source": pl.String})
    contam = side_by_side(contamination(a), contamination(b), ["benchmark"], ["flagged"])
    sections = [
        Section("changes", "What changed", tuple(highlights(a, b, recipe, stages)), (
            table(summary_frame(a, b), {"metric": ("", text), "a": ("A", count), "b": ("B", count), "delta": ("Δ", signed)}),)),
        why_section(a, b, recipe),
        composition_shift_section(a, b),
        Section("funnel", "Funnel: A vs B", (
            "Documents are exact; tokens are estimates (≈), as in each run's report. The estimates convert dropped text "
            "at each run's own kept tokens per byte, so a stage that did the same in both runs can still show a small "
            "token difference. A stage present in one run only has no Δ.",), (
            table(stages, FUNNEL_SHIFT_SPEC),
            table(drops, {"stage": ("stage", text), "reason": ("reason", text), "documents_a": ("docs A", count),
                          "documents_b": ("docs B", count), "documents_delta": ("Δ", signed)},
                  caption="Drops by reason", empty="nothing was dropped in either run"),
            chart(stages, "Documents left after each stage: A vs B", "stage", {"A": "docs_out_a", "B": "docs_out_b"}),
        )),
        Section("quality", "Edu scores and contamination, A vs B", tuple(
            f"Approximate (≈) in run {r}: more than {sketch.EXACT_VALUES:,} distinct scores, so its mean and median come "
            f"from scores rounded to {sketch.ROUND_DIGITS} decimals." for r, run in (("A", a), ("B", b))
            if run.shards.edu_approximate), (
            table(quality, {"source": ("source", text), "mean_a": ("mean edu A", number), "mean_b": ("mean edu B", number),
                            "mean_delta": ("Δ mean", change), "median_a": ("median A", number), "median_b": ("median B", number)},
                  caption="edu_score per source", empty="no edu scores in one of the runs"),
            table(contam, {"benchmark": ("benchmark", text), "flagged_a": ("documents A", count),
                           "flagged_b": ("documents B", count), "flagged_delta": ("Δ", signed)},
                  caption="Contaminated documents per benchmark", empty="no decontamination stage in either run"),
        )),
    ]
    mix = mix_shift_section(a, b)
    if mix:
        sections.insert(3, mix)
    facts = (("A", f"{a.name}: {a.run_dir}"), ("B", f"{b.name}: {b.run_dir}"),
             ("recipe hash A", text(a.manifest.get("recipe_hash"))), ("recipe hash B", text(b.manifest.get("recipe_hash"))),
             ("content hash A", text(a.manifest.get("content_hash"))), ("content hash B", text(b.manifest.get("content_hash"))),
             ("verify A", verify_command(a.run_dir)), ("verify B", verify_command(b.run_dir)))
    return Report(f"Comparison: {a.name} (A) vs {b.name} (B)", facts, tuple(sections))
