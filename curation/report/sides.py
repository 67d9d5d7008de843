"""The side outputs (rejected/, removed/) as aggregates, read one file at a time.

Rejected rows are counted per (stage, reason, source, language) with their text bytes. A dedup
removal counts as many tokens as the document kept in its place: that needs the kept documents'
token counts by id, a join. It runs in hash buckets of ``kept_id`` (and of ``cluster_id`` for the
cluster sizes), each bucket one pass over the removed files and the shards' id column, with as many
buckets as keep each under ``BUCKET_ROWS`` rows: the driver holds one bucket, not the run."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Callable

import polars as pl

#: Rows of one hash bucket (removed rows or kept documents) the join and the cluster count hold at once.
BUCKET_ROWS = 100_000
HASH_SEED = 17
DROP_KEYS = ["stage", "reason", "source"]

Reader = Callable[[str, "list[str] | None"], pl.DataFrame]


@dataclass(frozen=True)
class RemovedAggregates:
    rows: int  # removed rows in the run
    columns: frozenset[str]  # columns the removed files held
    drops: pl.DataFrame  # stage, reason, source, documents, tokens
    clusters: pl.DataFrame | None  # stage, size, clusters (from cluster_id; None without it)


def rejected_counts(read: Reader, urls: list[str], labelled: Callable[..., pl.DataFrame]) -> pl.DataFrame:
    """Rejected rows per (stage, reason, source, language): documents and text bytes."""
    parts = []
    for url in urls:
        df = labelled(read(url, [*DROP_KEYS, "language", "text_bytes"]), "source", "language")  # not the text
        if df.height:
            if "text_bytes" not in df.columns:
                df = df.with_columns(pl.lit(None, pl.Int64).alias("text_bytes"))
            parts.append(df.group_by(*DROP_KEYS, "language").agg(
                pl.len().cast(pl.Int64).alias("documents"), pl.col("text_bytes").cast(pl.Int64).sum().alias("text_bytes")))
    schema = {"stage": pl.String, "reason": pl.String, "source": pl.String, "language": pl.String,
              "documents": pl.Int64, "text_bytes": pl.Int64}
    if not parts:
        return pl.DataFrame(schema=schema)
    df = pl.concat(parts, how="diagonal_relaxed")
    return df.group_by(*DROP_KEYS, "language").agg(pl.col("documents", "text_bytes").sum())


def _bucket(col: str, buckets: int, b: int) -> pl.Expr:
    return (pl.col(col).cast(pl.String).fill_null("").hash(seed=HASH_SEED) % buckets) == b


def _kept_tokens(read: Reader, shards: list[str], buckets: int, b: int) -> pl.DataFrame:
    """(kept_id, kept_tokens) of the distinct kept documents whose id falls in bucket ``b``."""
    parts = []
    for url in shards:
        df = read(url, ["id", "token_count", "epoch"])
        first = (pl.col("epoch") == 0).fill_null(True) if "epoch" in df.columns else pl.lit(True)
        parts.append(df.filter(first & _bucket("id", buckets, b))
                     .select(pl.col("id").alias("kept_id"), pl.col("token_count").cast(pl.Int64).alias("kept_tokens")))
    if not parts:
        return pl.DataFrame(schema={"kept_id": pl.String, "kept_tokens": pl.Int64})
    return pl.concat(parts).unique("kept_id", keep="first", maintain_order=True)


def _bucket_pass(read: Reader, removed: list[str], shards: list[str], buckets: int, b: int,
                 fallback: pl.Expr) -> tuple[pl.DataFrame, pl.DataFrame]:
    """One bucket: its removals' tokens per (stage, reason, source) and its clusters' sizes."""
    by_kept, by_cluster = [], []
    for url in removed:
        df = read(url, [*DROP_KEYS, "id", "token_count", "kept_id", "cluster_id"])
        if not df.height:
            continue
        if "token_count" in df.columns:  # the file says it: no join
            own = df.filter(_bucket("id", buckets, b)).select(*DROP_KEYS, pl.col("token_count").cast(pl.Float64).alias("t"))
            by_kept.append(own.with_columns(pl.lit(None, pl.String).alias("kept_id")))
        else:
            kept = pl.col("kept_id") if "kept_id" in df.columns else pl.lit(None, pl.String)
            rows = df.with_columns(kept.cast(pl.String).alias("kept_id"))
            by_kept.append(rows.filter(_bucket("kept_id", buckets, b)).select(*DROP_KEYS, pl.lit(None, pl.Float64).alias("t"), "kept_id"))
        if "cluster_id" in df.columns:  # a doorway group keeps no page: not a duplicate cluster
            by_cluster.append(df.filter((pl.col("reason") != "doorway") & _bucket("cluster_id", buckets, b))
                              .select("stage", "cluster_id"))
    drops = pl.DataFrame(schema={**{k: pl.String for k in DROP_KEYS}, "documents": pl.Int64, "tokens": pl.Float64})
    if by_kept:
        rm = pl.concat(by_kept, how="diagonal_relaxed").join(_kept_tokens(read, shards, buckets, b), on="kept_id", how="left")
        tokens = pl.coalesce(pl.col("t"), pl.col("kept_tokens").cast(pl.Float64), fallback)
        drops = rm.group_by(DROP_KEYS).agg(pl.len().cast(pl.Int64).alias("documents"), tokens.sum().alias("tokens"))
    clusters = pl.DataFrame(schema={"stage": pl.String, "size": pl.Int64, "clusters": pl.Int64})
    if by_cluster:
        clusters = (pl.concat(by_cluster, how="diagonal_relaxed").group_by("stage", "cluster_id").len()
                    .select("stage", (pl.col("len") + 1).cast(pl.Int64).alias("size"))
                    .group_by("stage", "size").agg(pl.len().cast(pl.Int64).alias("clusters")))
    return drops, clusters


def removed_aggregates(read: Reader, names: Callable[[str], list[str]], removed: list[dict[str, Any]], shards: list[dict[str, Any]], kept_documents: int,
                       fallback: pl.Expr, labelled: Callable[..., pl.DataFrame]) -> RemovedAggregates:
    """Removed rows per (stage, reason, source) with their tokens, and the cluster sizes of removed/."""
    urls = [r["url"] for r in removed]
    total = sum(int(r.get("rows") or 0) for r in removed)
    columns: set[str] = set()
    for url in urls:
        columns |= set(names(url))
    buckets = max(1, math.ceil(max(total, kept_documents) / BUCKET_ROWS)) if urls else 1

    removed_urls = set(urls)

    def labelled_read(url: str, cols: list[str] | None) -> pl.DataFrame:
        return labelled(read(url, cols), "source") if url in removed_urls else read(url, cols)

    drops, clusters = [], []
    for b in range(buckets if urls else 0):
        d, c = _bucket_pass(labelled_read, urls, [s["url"] for s in shards], buckets, b, fallback)
        drops.append(d)
        clusters.append(c)
    drop = (pl.concat(drops).group_by(DROP_KEYS).agg(pl.col("documents").sum(), pl.col("tokens").sum()) if drops else
            pl.DataFrame(schema={**{k: pl.String for k in DROP_KEYS}, "documents": pl.Int64, "tokens": pl.Float64}))
    sizes = (pl.concat(clusters).group_by("stage", "size").agg(pl.col("clusters").sum()).sort("stage", "size")
             if clusters and "cluster_id" in columns else None)
    return RemovedAggregates(rows=total, columns=frozenset(columns), drops=drop, clusters=sizes)
