"""Write one planned shard: stream its rows from the staged units into the shard writer, atomically."""

from __future__ import annotations

from collections.abc import Iterator

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from curation.io.files import fs_and_path
from curation.io.schema import DOC_SCHEMA
from curation.shard.plan import ShardPlan
from curation.shard.stream import ShardWriter


def _rows_of(url: str, offset: int, lo: int, hi: int) -> Iterator[pa.Table]:
    """The unit's rows starting in [lo, hi), row group by row group, stopping at the first row group
    past ``hi``: one row group of the unit in memory at a time. ``pq.ParquetFile``, not
    ``pyarrow.dataset``: that module imports pandas (~40 MiB in the driver and in every worker)."""
    fs, path = fs_and_path(url)
    start = offset
    with fs.open(path, "rb") as fh:
        try:
            pf = pq.ParquetFile(fh)
        except (pa.ArrowInvalid, OSError) as exc:  # truncated or empty: say which unit
            raise type(exc)(f"staged unit {url}: {exc}") from None
        yield from _slices(pf, start, lo, hi)


def _slices(pf: pq.ParquetFile, start: int, lo: int, hi: int) -> Iterator[pa.Table]:
    for i in range(pf.num_row_groups):
        batch = pf.read_row_group(i, columns=DOC_SCHEMA.names, use_threads=False).cast(DOC_SCHEMA)
        sizes = pc.binary_length(pc.cast(batch["text"], pa.binary())).to_numpy(zero_copy_only=False).astype("int64")
        starts = start + sizes.cumsum() - sizes
        start += int(sizes.sum())
        if len(starts) and starts[0] >= hi:
            return
        yield batch.filter(pa.array((starts >= lo) & (starts < hi)))


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

