"""Connected components of the candidate graph, distributed: hash-min label propagation.

Every node starts labelled with the smallest key among itself and its neighbours; each round, a
node takes the smallest label among its neighbours. Edges live in partitions by their first node,
labels by node, and each round is two Dask map steps over partitions (send labels along edges;
keep the minimum), so no task ever holds the whole graph. Rounds needed = the graph's diameter,
which for LSH star edges is small; the count is reported.
"""

from __future__ import annotations

from typing import Any

import fsspec
import polars as pl

from curation.dedup.shuffle import read_partition, write_partitions
from curation.io.files import exists, join, write_parquet_atomic

MAX_ROUNDS = 100


def _init_labels(k: int, folder: str) -> int:
    edges = read_partition(join(folder, "edges"), k)
    if edges.height == 0:
        return 0
    labels = edges.group_by("u").agg(pl.min_horizontal(pl.col("u").first(), pl.col("v").min()).alias("label"))
    labels = labels.rename({"u": "node"}).sort("node")
    write_parquet_atomic(labels.to_arrow(), join(folder, "labels", "r0000", f"p{k:04d}.parquet"), 1 << 20)
    return labels.height


def _labels(folder: str, rnd: int, k: int) -> pl.DataFrame:
    url = join(folder, "labels", f"r{rnd:04d}", f"p{k:04d}.parquet")
    if not exists(url):
        return pl.DataFrame(schema={"node": pl.UInt64, "label": pl.UInt64})
    with fsspec.open(url, "rb") as fh:
        return pl.read_parquet(fh)


def _send(k: int, folder: str, rnd: int, partitions: int) -> int:
    """Sends labels along this partition's edges; returns the shuffle files written (0 or 1)."""
    edges = read_partition(join(folder, "edges"), k)
    labels = _labels(folder, rnd, k)
    if edges.height == 0:
        return 0
    msgs = edges.join(labels, left_on="u", right_on="node", how="inner").select(pl.col("v").alias("node"), "label")
    msgs = msgs.group_by("node").agg(pl.col("label").min())
    return write_partitions(msgs, "node", partitions, join(folder, "msgs", f"r{rnd:04d}"), f"from{k:04d}")


def _keep_min(k: int, folder: str, rnd: int) -> int:
    labels = _labels(folder, rnd, k)
    msgs = read_partition(join(folder, "msgs", f"r{rnd:04d}"), k)
    if labels.height == 0:
        return 0
    if msgs.height:
        best = msgs.group_by("node").agg(pl.col("label").min().alias("m"))
        new = labels.join(best, on="node", how="left").with_columns(pl.min_horizontal("label", "m").alias("new"))
        changed = int((new["new"] != new["label"]).sum())
        labels = new.select("node", pl.col("new").alias("label"))
    else:
        changed = 0
    write_parquet_atomic(labels.to_arrow(), join(folder, "labels", f"r{rnd + 1:04d}", f"p{k:04d}.parquet"), 1 << 20)
    return changed


def connected_components(executor: Any, folder: str, partitions: int, label: str) -> tuple[int, int]:
    """Labels every node of ``folder/edges`` (u, v; both directions; partitioned by u) with its
    component's smallest key; returns the number of rounds run (= the round holding final labels)
    and the shuffle files the rounds wrote."""
    parts = list(range(partitions))
    executor.raise_failures(executor.map(_init_labels, parts, f"{label}:components", folder), label)
    rnd = files = 0
    while rnd < MAX_ROUNDS:
        sent = executor.map(_send, parts, f"{label}:round{rnd + 1}", folder, rnd, partitions)
        executor.raise_failures(sent, label)
        files += sum(sent)
        changed = executor.map(_keep_min, parts, f"{label}:round{rnd + 1}b", folder, rnd)
        executor.raise_failures(changed, label)
        rnd += 1
        if sum(changed) == 0:
            break
    else:
        raise RuntimeError(f"{label}: connected components did not converge in {MAX_ROUNDS} rounds")
    return rnd, files


def final_labels(folder: str, rnd: int, k: int) -> pl.DataFrame:
    return _labels(folder, rnd, k)
