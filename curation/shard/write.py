"""Write one planned shard: stream its rows from the staged units into the shard writer, atomically."""

from __future__ import annotations

from collections.abc import Iterator

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds

from curation.io.files import fs_and_path
from curation.io.schema import DOC_SCHEMA
from curation.shard.plan import ShardPlan
from curation.shard.stream import ShardWriter


def _rows_of(url: str, offset: int, lo: int, hi: int) -> Iterator[pa.Table]:
    """The unit's rows starting in [lo, hi), batch by batch (the batches ``pq.read_table`` would make),
    stopping at the first batch past ``hi``: one batch of the unit in memory at a time."""
    fs, path = fs_and_path(url)
    start = offset
    dataset = ds.dataset(path, filesystem=fs, schema=DOC_SCHEMA, format="parquet")
    for batch in dataset.to_batches(batch_readahead=0, fragment_readahead=0):  # no batches read ahead: bounded
        sizes = pc.binary_length(pc.cast(batch["text"], pa.binary())).to_numpy(zero_copy_only=False).astype("int64")
        starts = start + sizes.cumsum() - sizes
        start += int(sizes.sum())
        if len(starts) and starts[0] >= hi:
            return
        yield pa.Table.from_batches([batch]).filter(pa.array((starts >= lo) & (starts < hi)))


def write_shard(plan: ShardPlan, url: str, row_group_rows: int) -> dict | None:
    """Returns rows, bytes, tokens, sha256 of the written shard, or None when no row falls in it."""
    writer = ShardWriter(url, row_group_rows)
    try:
        for unit in plan.units:
            for piece in _rows_of(unit.url, unit.offset, plan.lo, plan.hi):
                writer.write(piece)
        return writer.close(empty_schema=DOC_SCHEMA if plan.index == 0 else None)
    except BaseException:
        writer.abort()
        raise

