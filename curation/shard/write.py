"""Write one planned shard: stream its rows from the staged units into the shard writer, atomically."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from curation.io.columns import bool_array
from curation.io.files import fs_and_path
from curation.io.schema import DOC_SCHEMA
from curation.shard.plan import ShardPlan
from curation.shard.stream import ShardWriter


def _rows_of(url: str, offset: int, lo: int, hi: int, block_rows: int) -> Iterator[pa.Table]:
    """The unit's rows starting in [lo, hi), row group by row group, stopping at the first row group
    past ``hi``: one block of the unit in memory at a time. ``pq.ParquetFile``, not
    ``pyarrow.dataset``: that module imports pandas (~40 MiB in the driver and in every worker)."""
    fs, path = fs_and_path(url)
    start = offset
    with fs.open(path, "rb") as fh:
        try:
            pf = pq.ParquetFile(fh)
        except (pa.ArrowInvalid, OSError) as exc:  # truncated or empty: say which unit
            raise type(exc)(f"staged unit {url}: {exc}") from None
        yield from _blocks(_slices(pf, start, lo, hi), block_rows)


def _slices(pf: pq.ParquetFile, start: int, lo: int, hi: int) -> Iterator[tuple[int, pa.Table, np.ndarray]]:
    """Per row group: its first row in the unit, its rows and which of them start in [lo, hi)."""
    row = 0
    for i in range(pf.num_row_groups):
        batch = pf.read_row_group(i, columns=DOC_SCHEMA.names, use_threads=False).cast(DOC_SCHEMA)
        sizes = pc.binary_length(pc.cast(batch["text"], pa.binary())).to_numpy(zero_copy_only=False).astype("int64")
        starts = start + sizes.cumsum() - sizes
        start += int(sizes.sum())
        if len(starts) and starts[0] >= hi:
            return
        yield row, batch, (starts >= lo) & (starts < hi)
        row += batch.num_rows


def _blocks(groups: Iterator[tuple[int, pa.Table, np.ndarray]], block_rows: int) -> Iterator[pa.Table]:
    """The kept rows of each ``block_rows``-row block of the unit, as one contiguous table: the
    shard's bytes do not depend on how the sink cut the unit into row groups (by rows or by bytes;
    a parquet page breaks where a column's chunk does)."""
    pending: list[pa.Table] = []
    for row, batch, keep in groups:
        at = 0
        while at < batch.num_rows:
            n = min(batch.num_rows - at, block_rows - (row + at) % block_rows)
            pending.append(batch.slice(at, n).filter(bool_array(keep[at:at + n])))
            at += n
            if (row + at) % block_rows == 0:
                yield _joined(pending)
                pending = []
    if pending:
        yield _joined(pending)


def _joined(tables: list[pa.Table]) -> pa.Table:
    return tables[0] if len(tables) == 1 else pa.concat_tables(tables).combine_chunks()


def write_shard(plan: ShardPlan, url: str, row_group_rows: int) -> dict | None:
    """Returns rows, bytes, tokens, sha256 of the written shard, or None when no row falls in it."""
    writer = ShardWriter(url, row_group_rows)
    try:
        for unit in plan.units:
            for piece in _rows_of(unit.url, unit.offset, plan.lo, plan.hi, row_group_rows):
                writer.write(piece)
        return writer.close(empty_schema=DOC_SCHEMA if plan.index == 0 else None)
    except BaseException:
        writer.abort()
        raise

