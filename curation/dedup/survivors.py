"""Which document of a duplicate group survives: a documented, total order, so output never depends
on workers or input order.

The rule: the highest ``prefer`` score (a metadata field such as an edu score, when the recipe names
one), then the most tokens, then the smallest id, then the earliest in run order.
"""

from __future__ import annotations

import polars as pl

from curation.run.layout import removal_folder
from curation.io.files import write_parquet_atomic

ATTRS = ["gkey", "id", "url", "source", "token_count", "prefer"]


def attributes(df: pl.DataFrame, prefer_field: str | None) -> pl.DataFrame:
    """The columns the rule needs, from a unit view that has id, url, source, token_count, metadata."""
    prefer = (
        pl.col("metadata").str.json_path_match(f"$.{prefer_field}").cast(pl.Float64, strict=False)
        if prefer_field
        else pl.lit(None, dtype=pl.Float64)
    )
    return df.with_columns(prefer.alias("prefer")).select(ATTRS)


def rank(members: pl.DataFrame, group: str) -> pl.DataFrame:
    """``members`` sorted so that each group's survivor comes first."""
    return members.sort(
        [group, "prefer", "token_count", "id", "gkey"],
        descending=[False, True, True, False, False],
        nulls_last=True,
    )


def pick(members: pl.DataFrame, group: str, stage: str, reason: str) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(removals, group sizes) for groups in ``members`` (columns ATTRS + ``group``)."""
    ranked = rank(members, group)
    first = ranked.group_by(group, maintain_order=True).agg(
        pl.col("gkey").first().alias("kept_gkey"), pl.col("id").first().alias("kept_id"), pl.len().alias("size")
    )
    joined = ranked.join(first, on=group, how="left", maintain_order="left")
    removals = removal_rows(joined.filter(pl.col("gkey") != pl.col("kept_gkey")), stage, reason)
    return removals, first.select("size")


def removal_rows(frame: pl.DataFrame, stage: str, reason: str) -> pl.DataFrame:
    """The removed/ schema from members with ``kept_gkey`` (the cluster id) and ``kept_id`` columns."""
    return frame.select(
        (pl.col("gkey") // (1 << 32)).alias("unit"),
        (pl.col("gkey") % (1 << 32)).cast(pl.UInt32).alias("row"),
        "id", "url", "source",
        pl.lit(stage).alias("stage"), pl.lit(reason).alias("reason"),
        pl.col("kept_gkey").alias("cluster_id"), pl.col("kept_id").cast(pl.String),
    )


def write_removals(removals: pl.DataFrame, stage_dir: str, producer: str) -> None:
    for (unit,), part in removals.partition_by("unit", as_dict=True, maintain_order=True).items():
        table = part.drop("unit").sort("row").to_arrow()
        write_parquet_atomic(table, f"{removal_folder(stage_dir, int(unit))}/{producer}.parquet", 1 << 20)


def size_histogram(sizes: list[pl.DataFrame]) -> dict[str, int]:
    """Cluster size -> number of clusters (sizes >= 2 only: a singleton is not a duplicate group)."""
    frames = [s for s in sizes if s.height]
    if not frames:
        return {}
    counts = pl.concat(frames).group_by("size").len().sort("size")
    return {str(s): int(n) for s, n in counts.iter_rows()}
