"""Fuzzy dedup: MinHash signatures per unit, LSH band buckets by distributed group-by, connected
components over all candidate pairs of the run, one survivor per component."""

from __future__ import annotations

from typing import Any

import numpy as np
import polars as pl

from curation.dedup.components import connected_components, final_labels
from curation.dedup.doorway import doorway_groups, slot_columns
from curation.dedup.minhash import MinHashConfig, band_keys, signatures
from curation.dedup.shuffle import read_partition, write_partitions
from curation.dedup.survivors import ATTRS, attributes, pick, removal_rows, size_histogram, write_removals
from curation.core.view import GlobalContext, UnitView, iter_view
from curation.io.files import join

COLUMNS = ["id", "text", "url", "source", "token_count", "metadata"]
#: documents per signature batch: a batch's intermediates (words, shingle hashes, one permutation) are
#: ~50 MiB at 1,000 documents of ~300 words, ~95 at 2,000, for the same CPU (benchmarks/README.md)
BATCH = 1_000


def _map(view: UnitView, config: MinHashConfig, stage_dir: str, partitions: int, prefer: str | None,
         doorways: bool = False) -> dict[str, int]:
    """Band keys (band, key, gkey) partitioned by key; the survivor attributes (and, for the doorway
    rule, each page's host, template and slot hashes) partitioned by gkey.
    The unit is read one batch of text at a time; only keys and attributes are kept."""
    bands, attrs, too_short, n = [], [], 0, 0
    for chunk in iter_view(view, COLUMNS, BATCH):
        n += chunk.height
        attr = attributes(chunk, prefer)
        attrs.append(attr.hstack(slot_columns(chunk).drop("gkey")) if doorways else attr)
        sig, has = signatures(chunk["text"].to_list(), config)
        too_short += int((~has).sum())
        keys = band_keys(sig[has], config)
        gkeys = chunk["gkey"].to_numpy()[has]
        bands.append(pl.DataFrame({
            "band": np.tile(np.arange(config.bands, dtype=np.uint8), len(gkeys)),
            "key": keys.reshape(-1),
            "gkey": np.repeat(gkeys, config.bands),
        }))
    files = write_partitions(bands, "key", partitions, join(stage_dir, "bands"), view.key)
    files += write_partitions(attrs, "gkey", partitions, join(stage_dir, "attrs"), view.key)
    return {"in": n, "no_shingles": too_short, "files": files}


def _buckets(j: int, stage_dir: str, partitions: int) -> tuple[int, int]:
    """Star edges member -> smallest member of each band bucket, both directions, by first node;
    returns (edges, files written)."""
    rows = read_partition(join(stage_dir, "bands"), j)
    if rows.height == 0:
        return 0, 0
    buckets = rows.group_by("band", "key").agg(pl.col("gkey").unique()).filter(pl.col("gkey").list.len() > 1)
    star = buckets.select(pl.col("gkey").list.min().alias("v"), pl.col("gkey").alias("u")).explode("u")
    star = star.filter(pl.col("u") != pl.col("v")).unique()
    edges = pl.concat([star.select("u", "v"), star.select(pl.col("v").alias("u"), pl.col("u").alias("v"))])
    return star.height, write_partitions(edges, "u", partitions, join(stage_dir, "cc", "edges"), f"b{j:04d}")


def _members(k: int, stage_dir: str, rounds: int, partitions: int) -> int:
    """Join each node's component label with its attributes; regroup by label. Returns the shuffle
    files written (0 or 1)."""
    labels = final_labels(join(stage_dir, "cc"), rounds, k)
    if labels.height == 0:
        return 0
    attrs = read_partition(join(stage_dir, "attrs"), k)
    members = labels.join(attrs, left_on="node", right_on="gkey", how="inner").rename({"node": "gkey"})
    return write_partitions(members, "label", partitions, join(stage_dir, "members"), f"a{k:04d}")


def _pick(m: int, stage_dir: str, stage: str, doorway_min_pages: int | None = None) -> dict[str, Any]:
    """One survivor per cluster; with the doorway rule on, a cluster's doorway groups are removed
    whole first (doorway.py) and the survivor is picked among the rest."""
    members = read_partition(join(stage_dir, "members"), m)
    empty = {"removed": 0, "doorway": 0, "doorway_groups": 0, "sizes": pl.DataFrame(schema={"size": pl.UInt32})}
    if members.height == 0:
        return empty
    doorway = members.head(0).with_columns(pl.lit(None, pl.UInt64).alias("doorway"))
    if doorway_min_pages:
        doorway = doorway_groups(members, "label", doorway_min_pages)
        members = members.join(doorway.select("gkey"), on="gkey", how="anti")
    removals, sizes = pick(members.select(*ATTRS, "label"), "label", stage, "near_duplicate")
    gone = removal_rows(doorway.with_columns(pl.col("doorway").alias("kept_gkey"), pl.lit(None, pl.String).alias("kept_id")),
                        stage, "doorway")
    write_removals(pl.concat([removals, gone]), stage_dir, f"m{m:04d}")
    return {"removed": removals.height, "doorway": gone.height, "doorway_groups": doorway["doorway"].n_unique(),
            "sizes": sizes.filter(pl.col("size") >= 2)}


def run_fuzzy(ctx: GlobalContext, stage: str, config: MinHashConfig, partitions: int, prefer: str | None,
              doorway_min_pages: int | None = None) -> dict[str, Any]:
    ex = ctx.executor
    parts = list(range(partitions))
    mapped = ex.map(_map, ctx.units, f"{stage}:signatures", config, ctx.stage_dir, partitions, prefer, bool(doorway_min_pages))
    ex.raise_failures(mapped, stage)
    pairs = ex.map(_buckets, parts, f"{stage}:buckets", ctx.stage_dir, partitions)
    ex.raise_failures(pairs, stage)
    rounds, cc_files = connected_components(ex, join(ctx.stage_dir, "cc"), partitions, stage)
    members = ex.map(_members, parts, f"{stage}:members", ctx.stage_dir, rounds, partitions)
    ex.raise_failures(members, stage)
    picked = ex.map(_pick, parts, f"{stage}:survivors", ctx.stage_dir, stage, doorway_min_pages)
    ex.raise_failures(picked, stage)
    n_in = sum(m["in"] for m in mapped)
    removed, doorway = sum(p["removed"] for p in picked), sum(p["doorway"] for p in picked)
    reasons = {k: v for k, v in (("near_duplicate", removed), ("doorway", doorway)) if v}
    counters = {"no_shingles": sum(m["no_shingles"] for m in mapped), "candidate_edges": sum(p[0] for p in pairs), "component_rounds": rounds,
                "shuffle_files": sum(m["files"] for m in mapped) + sum(p[1] for p in pairs) + cc_files + sum(members)}
    if doorway_min_pages:
        counters["doorway_groups"] = sum(p["doorway_groups"] for p in picked)
    return {
        "in": n_in,
        "out": n_in - removed - doorway,
        "dropped": removed + doorway,
        "dropped_by_reason": reasons,
        "counters": counters,
        "cluster_sizes": size_histogram([p["sizes"] for p in picked]),
        "minhash": {"ngram": config.ngram, "bands": config.bands, "rows": config.rows, "seed": config.seed},
    }
