"""Cut the run's ordered rows into shards of about ``shard_bytes`` of text, deterministically.

Row r belongs to shard floor(start(r) / shard_bytes), where start(r) is the global byte offset of its
text in run order. Every shard task can compute its rows from per-unit totals alone, so shards are
written in parallel and their bytes never depend on the number of workers.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class UnitSlice:
    url: str  # the unit's staged parquet
    offset: int  # global byte offset of the unit's first row


@dataclass(frozen=True)
class ShardPlan:
    index: int
    lo: int  # global byte range [lo, hi) of row starts
    hi: int
    units: tuple[UnitSlice, ...]


def plan_shards(units: list[tuple[str, int, int]], shard_bytes: int) -> list[ShardPlan]:
    """``units``: (staged url, rows, text bytes) in run order -> the shard plans covering them."""
    offsets, total = [], 0
    for url, rows, size in units:
        offsets.append((url, rows, total, size))
        total += size
    if total == 0:
        return [ShardPlan(0, 0, 1, tuple(UnitSlice(u, o) for u, r, o, _ in offsets if r))]
    plans = []
    n_shards = -(-total // shard_bytes)
    for k in range(n_shards):
        lo, hi = k * shard_bytes, (k + 1) * shard_bytes
        # a unit's row starts lie in [offset, offset + size); rows of size 0 start at offset + size at most
        members = tuple(UnitSlice(u, o) for u, r, o, s in offsets if r and o < hi and o + s >= lo)
        plans.append(ShardPlan(k, lo, hi, members))
    return plans
