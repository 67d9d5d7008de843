"""The filter funnel: documents (exact, from the manifest) and tokens (estimated) in and out of every stage.

The manifest counts documents per stage; tokens are counted only once, in the shards. Tokens a stage
dropped are estimated from its side outputs: a rejected row's ``text_bytes`` times the kept documents'
tokens per byte in its language; a dedup removal as many tokens as the document that was kept in its
place. Tokens in and out then follow backwards from the shards' exact total."""

from __future__ import annotations

from typing import Any

import polars as pl

from curation.report.blocks import Section, approx, chart, count, share, table, text
from curation.report.data import RunData

#: Tokens per UTF-8 byte assumed when a run kept no text to measure it on (cl100k on English is about 0.25).
FALLBACK_RATIO = 0.25
#: The reason the runner records for a block that drops without giving one.
UNNAMED_REASON = "dropped"
FUNNEL_SCHEMA = {"stage": pl.String, "kind": pl.String, "docs_in": pl.Int64, "docs_out": pl.Int64, "dropped": pl.Int64,
                 "drop_share": pl.Float64, "tokens_dropped": pl.Float64, "tokens_in": pl.Float64, "tokens_out": pl.Float64}


def tokens_per_byte(groups: pl.DataFrame) -> pl.DataFrame:
    """Kept tokens per UTF-8 text byte, per language (the exchange rate for dropped text), over the
    distinct documents (a mix's repeats counted once)."""
    return (groups.group_by("language")
            .agg((pl.col("first_tokens").sum() / pl.col("first_text_bytes").sum().clip(1)).alias("ratio")))


def _overall_ratio(groups: pl.DataFrame) -> float:
    if not groups.height or not groups["first_documents"].sum():
        return FALLBACK_RATIO
    return float(groups["first_tokens"].sum() / max(1, groups["first_text_bytes"].sum()))


def rejected_drops(run: RunData) -> pl.DataFrame:
    """Filter drops: stage, reason, source, documents, text_bytes, tokens (estimated)."""
    ratio = tokens_per_byte(run.groups)
    return (run.rejected.join(ratio, on="language", how="left")
            .with_columns(pl.col("ratio").fill_null(_overall_ratio(run.groups)))
            .group_by("stage", "reason", "source")
            .agg(pl.col("documents").sum().cast(pl.Int64), pl.col("text_bytes").sum().alias("text_bytes"),
                 (pl.col("text_bytes") * pl.col("ratio")).sum().alias("tokens")))


def removed_drops(run: RunData) -> pl.DataFrame:
    """Dedup removals: stage, reason, source, documents, tokens (exact when the file has token_count;
    else the kept document's, joined by hash bucket in ``sides``)."""
    return run.removed.drops.select("stage", "reason", "source", "documents", pl.lit(None, pl.Int64).alias("text_bytes"),
                                    "tokens")


def drops(run: RunData) -> pl.DataFrame:
    """Every dropped document from the side outputs, by stage, reason and source."""
    return pl.concat([rejected_drops(run), removed_drops(run)], how="diagonal_relaxed").sort("stage", "reason", "source")


def _anchor_tokens(run: RunData) -> float:
    """Tokens leaving the last stage: the shards' total, or what the mixer had available to pick from."""
    mix = run.mix
    if mix:
        return float(sum(g.get("available_tokens") or 0 for g in mix.get("groups", []))
                     + (mix.get("unassigned") or {}).get("tokens", 0))
    return float(run.groups["tokens"].sum() or 0) if run.groups.height else 0.0


def tokens_recorded(run: RunData) -> bool:
    """Whether the runner counted tokens in and out of every stage (then nothing is estimated)."""
    return bool(run.stages) and all("tokens_out" in s for s in run.stages)


def funnel(run: RunData) -> pl.DataFrame:
    """One row per manifest stage, in run order: documents in/out/dropped and tokens in/out/dropped."""
    stages = run.stages
    if not stages:
        return pl.DataFrame(schema=FUNNEL_SCHEMA)
    by_stage = dict(drops(run).group_by("stage").agg(pl.col("tokens").sum()).iter_rows())
    exact = tokens_recorded(run)
    rows: list[dict[str, Any]] = []
    tokens_out = _anchor_tokens(run)
    for st in reversed(stages):
        dropped = st.get("dropped") or 0
        est = by_stage.get(st["name"], 0.0) if dropped else 0.0
        t_out = float(st["tokens_out"]) if exact else tokens_out
        t_in = float(st["tokens_in"]) if exact and st.get("tokens_in") is not None else (
            None if st.get("in") is None else t_out + est)
        rows.append({"stage": st["name"], "kind": st.get("kind", "document"), "docs_in": st.get("in"),
                     "docs_out": st.get("out"), "dropped": st.get("dropped"),
                     "drop_share": None if not st.get("in") else dropped / st["in"],
                     "tokens_dropped": None if st.get("in") is None else (t_in - t_out),
                     "tokens_in": t_in, "tokens_out": t_out})
        tokens_out = t_in if t_in is not None else t_out
    return pl.DataFrame(rows[::-1], schema=FUNNEL_SCHEMA)


def reasons(run: RunData) -> pl.DataFrame:
    """Drops by stage and reason: documents from the manifest, bytes and tokens from the side outputs."""
    rows = []
    for s in run.stages:
        given = sorted((s.get("dropped_by_reason") or {}).items())
        unnamed = (s.get("dropped") or 0) - sum(n for _, n in given)
        if unnamed > 0:  # a block that drops without a reason (datatrove counts it as plain "dropped")
            given.append((UNNAMED_REASON, unnamed))
        rows += [{"stage": s["name"], "reason": r, "documents": n, "stage_in": s.get("in")} for r, n in given]
    base = pl.DataFrame(rows, schema={"stage": pl.String, "reason": pl.String, "documents": pl.Int64, "stage_in": pl.Int64})
    side = drops(run).group_by("stage", "reason").agg(
        pl.when(pl.col("text_bytes").is_not_null().any()).then(pl.col("text_bytes").sum()), pl.col("tokens").sum())
    return (base.join(side, on=["stage", "reason"], how="left", maintain_order="left")
            .with_columns((pl.col("documents") / pl.col("stage_in")).alias("share_of_stage_in")))


def drops_by_source(run: RunData) -> pl.DataFrame:
    """Documents dropped per stage (rows) and source (columns), from the side outputs."""
    d = drops(run)
    if d.height == 0:
        return pl.DataFrame(schema={"stage": pl.String})
    order = {s["name"]: i for i, s in enumerate(run.stages)}
    wide = d.group_by("stage", "source").agg(pl.col("documents").sum()).pivot(
        on="source", index="stage", values="documents", sort_columns=True).fill_null(0)
    return wide.sort(pl.col("stage").replace_strict(order, default=len(order)))


def counters(run: RunData) -> pl.DataFrame:
    """Per stage, its counters that are not drops (documents passed on untouched, no_url, records skipped...)."""
    rows = []
    for s in run.stages:
        items = [f"{k} {v:,}" for k, v in (s.get("counters") or {}).items()]
        items += [f"skipped {k} {v:,}" for k, v in (s.get("skipped_by_reason") or {}).items()]
        if items:
            rows.append({"stage": s["name"], "counters": ", ".join(items)})
    return pl.DataFrame(rows, schema={"stage": pl.String, "counters": pl.String})


def funnel_section(run: RunData) -> Section:
    f = funnel(run)
    exact = tokens_recorded(run)
    tok = count if exact else approx
    notes = [
        "Documents are exact (the manifest's per-stage counts). " + (
            "Tokens per stage are the runner's own counts." if exact else
            "Tokens per stage are estimates (≈): the shards' total is exact; a filter's dropped tokens are its rejected "
            "rows' text bytes times the kept tokens per byte of their language (of all kept text when the language has none, "
            f"{FALLBACK_RATIO} when nothing was kept); a dedup removal counts as many tokens "
            "as the document kept in its place. `read` has no input count (it creates the documents)."),
    ]
    if run.mix:
        notes.append("The last stage's output is what the mixer chose from (the mix section's available tokens).")
    src = drops_by_source(run)
    src_spec = {"stage": ("stage", text)} | {c: (c, count) for c in src.columns if c != "stage"}
    return Section("funnel", "Filter funnel", tuple(notes), (
        table(f, {"stage": ("stage", text), "kind": ("kind", text), "docs_in": ("docs in", count),
                  "docs_out": ("docs out", count), "dropped": ("dropped", count), "drop_share": ("dropped %", share),
                  "tokens_in": ("tokens in", tok), "tokens_out": ("tokens out", tok),
                  "tokens_dropped": ("tokens dropped", tok)}, empty="the manifest lists no stages"),
        chart(f, "Documents left after each stage", "stage", {"documents": "docs_out"}),
        chart(f, "Tokens left after each stage" + ("" if exact else " (≈)"), "stage", {"tokens": "tokens_out"},
              value_format=tok),
        table(reasons(run), {"stage": ("stage", text), "reason": ("reason", text), "documents": ("documents", count),
                             "share_of_stage_in": ("% of stage input", share), "text_bytes": ("text bytes", count),
                             "tokens": ("tokens", approx)}, caption="Drops by reason", empty="nothing was dropped"),
        table(src, src_spec, caption="Documents dropped by source (from rejected/ and removed/)",
              empty="no rejected or removed files in this run"),
        table(counters(run), {"stage": ("stage", text), "counters": ("counters", text)},
              caption="Other stage counters (not_applicable: passed on untouched; skipped: bad input records)",
              empty="no other counters"),
    ))
