"""Exact and URL dedup: one key per document, a distributed group-by on it, one survivor per key."""

from __future__ import annotations

from typing import Any

import numpy as np
import polars as pl

from curation.dedup.normalize import normalize_url, text_key
from curation.dedup.shuffle import read_partition, write_partitions
from curation.dedup.survivors import attributes, pick, size_histogram, write_removals
from curation.core.view import GlobalContext, UnitView, iter_view
from curation.io.files import join

COLUMNS = ["id", "text", "url", "source", "token_count", "metadata"]


def exact_keys(df: pl.DataFrame) -> tuple[pl.Series, dict[str, int]]:
    keys = np.fromiter((text_key(t) for t in df["text"]), dtype=np.uint64, count=df.height)
    return pl.Series("key", keys, dtype=pl.UInt64), {}


def url_keys(df: pl.DataFrame) -> tuple[pl.Series, dict[str, int]]:
    """Documents without a usable URL are never URL duplicates (counted as ``no_url``)."""
    import xxhash

    norm = [normalize_url(u) for u in df["url"]]
    keys = [None if n is None else xxhash.xxh3_64_intdigest(n.encode("utf-8", "surrogatepass")) for n in norm]
    return pl.Series("key", keys, dtype=pl.UInt64), {"no_url": sum(n is None for n in norm)}


KEYERS = {"exact": exact_keys, "url": url_keys}


def _map(view: UnitView, kind: str, stage_dir: str, partitions: int, prefer: str | None) -> dict[str, int]:
    """Keys and survivor attributes of the unit's documents, one batch of text at a time."""
    frames, counts, n = [], {}, 0
    for df in iter_view(view, COLUMNS):
        keys, batch_counts = KEYERS[kind](df)
        frames.append(attributes(df, prefer).with_columns(keys).filter(pl.col("key").is_not_null()))
        counts = {k: counts.get(k, 0) + v for k, v in batch_counts.items()}
        n += df.height
    if kind == "url":
        counts.setdefault("no_url", 0)
    files = write_partitions(frames, "key", partitions, join(stage_dir, "keys"), view.key)
    return {"in": n, "files": files, **counts}


def _reduce(j: int, stage_dir: str, stage: str, reason: str) -> dict[str, Any]:
    members = read_partition(join(stage_dir, "keys"), j)
    if members.height == 0:
        return {"removed": 0, "sizes": pl.DataFrame({"size": []}, schema={"size": pl.UInt32})}
    dup = members.filter(pl.len().over("key") > 1)
    removals, sizes = pick(dup, "key", stage, reason)
    write_removals(removals, stage_dir, f"p{j:04d}")
    return {"removed": removals.height, "sizes": sizes}


def run_keyed(ctx: GlobalContext, kind: str, stage: str, partitions: int, prefer: str | None) -> dict[str, Any]:
    reason = {"exact": "exact_duplicate", "url": "same_url"}[kind]
    mapped = ctx.executor.map(_map, ctx.units, f"{stage}:keys", kind, ctx.stage_dir, partitions, prefer)
    ctx.executor.raise_failures(mapped, stage)
    reduced = ctx.executor.map(_reduce, list(range(partitions)), f"{stage}:groups", ctx.stage_dir, stage, reason)
    ctx.executor.raise_failures(reduced, stage)
    n_in = sum(m["in"] for m in mapped)
    removed = sum(r["removed"] for r in reduced)
    summary: dict[str, Any] = {"in": n_in, "out": n_in - removed, "dropped": removed, "dropped_by_reason": {reason: removed} if removed else {}}
    extra = {k: sum(m.get(k, 0) for m in mapped) for k in ("no_url",) if any(k in m for m in mapped)}
    summary["counters"] = {**extra, "shuffle_files": sum(m["files"] for m in mapped)}
    summary["cluster_sizes"] = size_histogram([r["sizes"] for r in reduced])
    return summary
