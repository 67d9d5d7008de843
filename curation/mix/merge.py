"""One mixed shard from one output partition, in bounded memory: a merge of sorted pieces.

Each unit's piece of a partition is already sorted in shard order (position hash, then unit, row,
epoch: ``partition_unit``) and stored in small row groups. Only the pieces' key columns are read
and sorted here; the rows then stream from the pieces, one row group of a piece at a time, into the
shard writer. A task holds the partition's keys (about 20 bytes a row), at most one row group per
piece and one output row group: not the partition's text, unless it is made of many pieces smaller
than a row group (then up to about one shard's text). The rows, and so the bytes, are those of a
sort of the whole partition.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from curation.io.files import fs_and_path, join, read_parquet, read_row_group
from curation.io.schema import MIX_SCHEMA
from curation.shard.stream import ShardWriter

SORT_KEYS = [("_order", "ascending"), ("_unit", "ascending"), ("_row", "ascending"), ("epoch", "ascending")]


class Piece:
    """The rows of one sorted piece, handed out in order, read one row group at a time."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.next_group = 0
        self.buffer = None  # rows read and not yet handed out

    def take(self, n: int) -> pa.Table:
        out = []
        while n > 0:
            if self.buffer is None or self.buffer.num_rows == 0:
                self.buffer = read_row_group(self.url, self.next_group)
                self.next_group += 1
            got = self.buffer.slice(0, n)
            out.append(got)
            self.buffer, n = self.buffer.slice(got.num_rows), n - got.num_rows
        return pa.concat_tables(out)


def _keys(files: list[str]) -> np.ndarray:
    """For each row of the shard, in order, the piece it comes from."""
    tables = []
    for i, f in enumerate(files):
        t = read_parquet(f, columns=[k for k, _ in SORT_KEYS])
        tables.append(t.append_column("_piece", pa.array(np.full(t.num_rows, i, dtype=np.int64))))
    keys = pa.concat_tables(tables)
    return keys["_piece"].take(pc.sort_indices(keys, sort_keys=SORT_KEYS)).to_numpy()


def write_partition(part: int, parts_dir: str, url: str, row_group_rows: int) -> dict | None:
    """One shard from one partition: its rows in hash order (ties by unit, row, epoch)."""
    fs, path = fs_and_path(join(parts_dir, f"p{part:05d}"))
    found = sorted(fs.glob(f"{path}/u*.parquet")) if fs.exists(path) else []
    files = [fs.unstrip_protocol(f) if "://" in parts_dir else f for f in found]
    if not files:
        return None
    source = _keys(files)
    pieces = [Piece(f) for f in files]
    writer = ShardWriter(url, row_group_rows)
    try:
        step = max(1, row_group_rows)
        for k in range(0, len(source), step):
            # the j-th row of piece p in shard order is row j of the (sorted) piece
            src = source[k:k + step]
            by_piece = np.argsort(src, kind="stable")
            counts = np.bincount(src, minlength=len(pieces))
            joined = pa.concat_tables([pieces[p].take(int(c)) for p, c in enumerate(counts) if c]).combine_chunks()
            rows = joined.take(pa.array(np.argsort(by_piece, kind="stable")))
            writer.write(rows.select(MIX_SCHEMA.names).cast(MIX_SCHEMA))
        return writer.close(empty_schema=MIX_SCHEMA)
    except BaseException:
        writer.abort()
        raise
