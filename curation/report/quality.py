"""Quality signals of the kept data: edu scores, what dedup removed, benchmark contamination."""

from __future__ import annotations

import math
from typing import Any

import polars as pl

from curation.report.blocks import Section, chart, count, number, share, table, text
from curation.report.data import RunData
from curation.report import sketch
from curation.report.sketch import median, quantile, spread_of

EDU_BINS = 10


def edu_bins(top: float | None) -> tuple[float, list[str]]:
    """Bin width and labels: ten bins over [0, 1] for probabilities, over [0, ceil(max)] for 0-5 grades."""
    top = float(top or 1.0)
    hi = 1.0 if top <= 1.0 else float(math.ceil(top))
    width = hi / EDU_BINS
    return width, [f"{i * width:.2g}–{(i + 1) * width:.2g}" for i in range(EDU_BINS)]


def edu_histogram(edu: pl.DataFrame | None) -> pl.DataFrame:
    """Documents per edu-score bin (rows) and source (columns), all bins present, from the value counts."""
    scored = edu.filter(pl.col("edu_score").is_not_null()) if edu is not None else None
    if scored is None or scored.height == 0:
        return pl.DataFrame(schema={"bin": pl.String})
    width, labels = edu_bins(scored["edu_score"].max())
    binned = scored.with_columns((pl.col("edu_score") / width).floor().clip(0, EDU_BINS - 1).cast(pl.Int64).alias("b"))
    wide = (binned.group_by("b", "source").agg(pl.col("documents").sum().cast(pl.UInt32).alias("len"))
            .pivot(on="source", index="b", values="len", sort_columns=True))
    frame = pl.DataFrame({"b": list(range(EDU_BINS)), "bin": labels}).join(wide, on="b", how="left").fill_null(0)
    return frame.drop("b")


def _edu_row(source: str, d: pl.DataFrame, threshold: float | None) -> dict[str, Any]:
    values, counts = spread_of(d, "edu_score")
    scored = int(counts.sum())
    row = {"source": source, "documents": int(d["documents"].sum()), "scored": scored,
           "mean": float((values * counts).sum() / scored) if scored else None, "p10": quantile(values, counts, 0.1),
           "median": median(values, counts), "p90": quantile(values, counts, 0.9)}
    if threshold is not None:
        row["above"] = float(counts[values >= threshold].sum() / max(1, scored))
    return row


def edu_summary(edu: pl.DataFrame | None, threshold: float | None) -> pl.DataFrame:
    """Per source: documents, scored, mean, p10, median, p90 (and the share above ``threshold``)."""
    if edu is None or edu.height == 0:
        return pl.DataFrame(schema={"source": pl.String})
    rows = [_edu_row(src, d, threshold) for (src,), d in edu.group_by("source")]
    schema = {"source": pl.String, "documents": pl.UInt32, "scored": pl.UInt32, "mean": pl.Float64, "p10": pl.Float64,
              "median": pl.Float64, "p90": pl.Float64} | ({"above": pl.Float64} if threshold is not None else {})
    return pl.DataFrame(rows, schema=schema).sort("source")


def _edu_threshold(run: RunData) -> float | None:
    for st in run.manifest["recipe"].get("pipeline", []):
        if st.get("name") == "edu" and st.get("params", {}).get("threshold") is not None:
            return float(st["params"]["threshold"])
    return None


def edu_section(run: RunData) -> Section:
    hist = edu_histogram(run.shards.edu)
    if hist.height == 0:
        return Section("edu", "Educational-value scores", ("No document has an `edu_score`: no edu stage ran.",))
    threshold = _edu_threshold(run)
    notes = ["`edu_score` of the kept documents, per source, from the shards."
             + (f" The recipe keeps documents scoring ≥ {threshold:g}." if threshold is not None else "")]
    if run.shards.edu_approximate:
        notes.append(f"Approximate (≈): more than {sketch.EXACT_VALUES:,} distinct scores, so the mean, p10, median, p90, the share at or above the threshold and the bins are "
                     f"computed from scores rounded to {sketch.ROUND_DIGITS} decimals (the report holds value counts, not a row "
                     "per document).")
    summary_spec = {"source": ("source", text), "documents": ("documents", count), "scored": ("scored", count),
                    "mean": ("mean", number), "p10": ("p10", number), "median": ("median", number), "p90": ("p90", number),
                    "above": (f"% ≥ {threshold:g}" if threshold is not None else "", share)}
    from curation.manifest.summary import untrained_language_line

    untrained = untrained_language_line(run.manifest)
    if untrained:  # an English-trained model's scores on French pages mean little
        notes.append("Warning: " + untrained.removeprefix("warning: "))
    sources = [c for c in hist.columns if c != "bin"]
    blocks: list = [table(edu_summary(run.shards.edu, threshold), summary_spec, caption="Scores per source"),
                    table(hist, {"bin": ("edu_score", text)} | {c: (c, count) for c in sources},
                          caption="Documents per score bin and source")]
    blocks += [chart(hist, f"edu_score histogram: {src}", "bin", {src: src}, kind="columns") for src in sources]
    return Section("edu", "Educational-value scores", tuple(notes), tuple(blocks))


def dedup_stages(run: RunData) -> list[dict[str, Any]]:
    return [s for s in run.stages if "cluster_sizes" in s or s["name"].startswith("dedup")]


def cluster_sizes(run: RunData) -> pl.DataFrame:
    """Duplicate clusters per stage and size: from removed/ (cluster_id) and from the manifest."""
    schema = {"stage": pl.String, "size": pl.Int64, "clusters": pl.Int64}
    from_files = run.removed.clusters if run.removed.clusters is not None else pl.DataFrame(schema=schema)
    listed = pl.DataFrame([{"stage": s["name"], "size": int(k), "clusters": int(v)} for s in dedup_stages(run)
                           for k, v in (s.get("cluster_sizes") or {}).items()], schema=schema)
    return (from_files.join(listed, on=["stage", "size"], how="full", coalesce=True, suffix="_manifest")
            .rename({"clusters": "clusters_removed_files"})
            .with_columns(pl.coalesce("clusters_manifest", "clusters_removed_files").alias("clusters"))
            .with_columns(((pl.col("size") - 1) * pl.col("clusters")).alias("removed"),
                          (pl.col("size") * pl.col("clusters")).alias("documents"))
            .sort("stage", "size"))


def dedup_summary(run: RunData) -> pl.DataFrame:
    sizes = cluster_sizes(run).group_by("stage").agg(pl.col("clusters").sum(), pl.col("documents").sum())
    rows = [{"stage": s["name"], "in": s.get("in"), "removed": s.get("dropped"),
             "reasons": ", ".join(sorted(s.get("dropped_by_reason") or {})) or None} for s in dedup_stages(run)]
    base = pl.DataFrame(rows, schema={"stage": pl.String, "in": pl.Int64, "removed": pl.Int64, "reasons": pl.String})
    return (base.join(sizes, on="stage", how="left", maintain_order="left")
            .with_columns(pl.col("clusters", "documents").fill_null(0),(pl.col("removed") / pl.col("in")).alias("removed_share")))


def dedup_section(run: RunData) -> Section:
    stages = dedup_stages(run)
    if not stages:
        return Section("dedup", "Deduplication", ("No dedup stage in this run.",))
    sizes = cluster_sizes(run)
    notes = ["A cluster is a group of duplicates of which one document was kept; size counts the kept one too. "
             "Cluster sizes are the manifest's; the `removed/` files' `cluster_id` gives the same distribution "
             "(both columns are shown so a difference would be visible)."]
    mismatch = sizes.filter(pl.col("clusters_manifest").ne_missing(pl.col("clusters_removed_files")))
    if mismatch.height and "cluster_id" in run.removed.columns:
        notes.append(f"Warning: {mismatch.height} (stage, size) row(s) differ between the manifest and removed/.")
    rm = run.removed.drops
    by_source = (rm.group_by("stage", "source").agg(pl.col("documents").sum().cast(pl.UInt32).alias("len"))
                 .pivot(on="source", index="stage", values="len", sort_columns=True).fill_null(0).sort("stage")
                 if run.removed.rows and rm.height else pl.DataFrame(schema={"stage": pl.String}))
    blocks: list = [
        table(dedup_summary(run), {"stage": ("stage", text), "in": ("documents in", count), "removed": ("removed", count),
                                   "removed_share": ("removed %", share), "clusters": ("clusters", count),
                                   "documents": ("documents in clusters", count), "reasons": ("reason", text)},
              caption="Removal counts"),
        table(sizes, {"stage": ("stage", text), "size": ("cluster size", count), "clusters": ("clusters", count),
                      "clusters_manifest": ("clusters (manifest)", count),
                      "clusters_removed_files": ("clusters (removed/)", count), "removed": ("documents removed", count)},
              caption="Cluster-size distribution", empty="no duplicate clusters found"),
        table(by_source, {"stage": ("stage", text)} | {c: (c, count) for c in by_source.columns if c != "stage"},
              caption="Documents removed by source", empty="nothing removed"),
    ]
    for st in stages:
        per = sizes.filter(pl.col("stage") == st["name"]).with_columns(pl.col("size").cast(pl.String))
        if per.height:
            blocks.append(chart(per, f"Cluster sizes: {st['name']}", "size", {"clusters": "clusters"}, kind="columns"))
    return Section("dedup", "Deduplication", tuple(notes), tuple(blocks))


def contamination(run: RunData) -> pl.DataFrame:
    """Per benchmark: contaminated documents (stage counter) and the sidecars' hits, documents and items."""
    counted = [{"benchmark": k.removeprefix("contaminated_"), "flagged": v} for s in run.stages
               for k, v in (s.get("counters") or {}).items() if k.startswith("contaminated_")]
    base = (pl.DataFrame(counted, schema={"benchmark": pl.String, "flagged": pl.Int64})
            .group_by("benchmark").agg(pl.col("flagged").sum()))
    side = run.contamination
    if side.height:
        acts = (side.group_by("benchmark", "action").len().sort("action")
                .group_by("benchmark").agg(pl.format("{}: {}", "action", "len").str.join(", ").alias("actions")))
        hits = (side.group_by("benchmark")
                .agg(pl.len().cast(pl.Int64).alias("hits"), pl.col("doc_id").n_unique().alias("documents"),
                     pl.col("item_id").n_unique().alias("items"))
                .join(acts, on="benchmark", how="left"))
        base = base.join(hits, on="benchmark", how="full", coalesce=True)
    return base.sort("benchmark")


def contamination_section(run: RunData) -> Section:
    present = any(s["name"] == "decontaminate" for s in run.stages) or run.contamination.height > 0
    hits = contamination(run)
    if not present and hits.height == 0:
        return Section("contamination", "Benchmark contamination", (), (
            table(hits, {"benchmark": ("benchmark", text), "flagged": ("documents", count)},
                  empty="no decontamination stage in this run"),))
    notes = ("Documents flagged are the stage's `contaminated_<benchmark>` counters; hits, distinct documents and "
             "benchmark items come from `sidecars/decontaminate/` (one row per matched n-gram span).",)
    blocks: list = [table(hits, {"benchmark": ("benchmark", text), "flagged": ("documents flagged", count),
                                 "hits": ("hits", count), "documents": ("documents (sidecars)", count),
                                 "items": ("benchmark items", count), "actions": ("actions", text)},
                          empty="no contamination found")]
    if hits.height:
        col = "flagged" if "flagged" in hits.columns and hits["flagged"].is_not_null().any() else "documents"
        blocks.append(chart(hits.fill_null(0), "Contaminated documents per benchmark", "benchmark", {"documents": col}))
    return Section("contamination", "Benchmark contamination", notes, tuple(blocks))
