"""One mixed shard from one output partition, in bounded memory: a merge of sorted pieces.

Each unit's piece of a partition is already sorted in shard order (position hash, then unit, row,
epoch: ``partition_unit``) and stored in the unit's pieces file (``mix/pieces.py``) as its keys and
its rows. Only the keys are read whole and sorted here; the rows then stream from the pieces, one
record batch of a piece at a time, into the shard writer. A task holds the partition's keys (about
20 bytes a row), at most one batch per piece and one output row group: not the partition's text,
unless it is made of many pieces smaller than a batch (then up to about one shard's text). The rows,
and so the bytes, are those of a sort of the whole partition.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from curation.io.files import fs_and_path
from curation.io.schema import MIX_SCHEMA
from curation.mix.pieces import SUFFIX, PieceRows, read_keys, segment
from curation.shard.stream import ShardWriter

#: The shard order; the unit is the piece's (pieces are taken in unit order).
SORT_KEYS = [("_order", "ascending"), ("_piece", "ascending"), ("_row", "ascending"), ("epoch", "ascending")]


def _unit_of(name: str) -> int:
    return int(name.rpartition("/")[2][1:-len(SUFFIX)])


def _pieces(parts_dir: str, part: int) -> tuple[list[PieceRows], np.ndarray]:
    """The partition's pieces in unit order, and for each row of the shard, in order, its piece."""
    fs, path = fs_and_path(parts_dir)
    found = fs.glob(f"{path}/u*{SUFFIX}", detail=True) if fs.exists(path) else {}
    pieces, keys = [], []
    for name in sorted(found, key=_unit_of):
        url = fs.unstrip_protocol(name) if "://" in parts_dir else name
        where = segment(url, int(found[name]["size"]), part)
        if where is None:
            continue
        k = read_keys(url, where[0])
        keys.append(k.append_column("_piece", pa.array(np.full(k.num_rows, len(pieces), dtype=np.int64))))
        pieces.append(PieceRows(url, where[1]))
    if not pieces:
        return [], np.zeros(0, dtype=np.int64)
    table = pa.concat_tables(keys)
    return pieces, table["_piece"].take(pc.sort_indices(table, sort_keys=SORT_KEYS)).to_numpy()


def write_partition(part: int, parts_dir: str, url: str, row_group_rows: int) -> dict | None:
    """One shard from one partition: its rows in hash order (ties by unit, row, epoch)."""
    pieces, source = _pieces(parts_dir, part)
    if not pieces:
        return None
    writer = ShardWriter(url, row_group_rows)
    try:
        step = max(1, row_group_rows)
        for k in range(0, len(source), step):
            # the j-th row of piece p in shard order is row j of the (sorted) piece
            src = source[k:k + step]
            by_piece = np.argsort(src, kind="stable")
            counts = np.bincount(src, minlength=len(pieces))
            joined = pa.concat_tables([pieces[p].take(int(c)) for p, c in enumerate(counts) if c]).combine_chunks()
            writer.write(joined.take(pa.array(np.argsort(by_piece, kind="stable"))))
        return writer.close(empty_schema=MIX_SCHEMA)
    except BaseException:
        writer.abort()
        raise
