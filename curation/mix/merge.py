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
from curation.mix.pieces import PieceRows, pieces_url, read_keys, segments
from curation.shard.stream import ShardWriter

#: The shard order; the unit is the piece's (pieces are taken in unit order).
SORT_KEYS = [("_order", "ascending"), ("_piece", "ascending"), ("_row", "ascending"), ("epoch", "ascending")]


def _pieces(parts_dir: str, units: list[int], parts: int, part: int) -> tuple[list[PieceRows], np.ndarray]:
    """The partition's pieces in (unit, chunk) order, and for each row of the shard, in order, its
    piece (a unit's chunks hold increasing rows, so the piece order breaks ties as unit, row would).
    ``units``: the sorted indices of the units that wrote rows (each has its pieces file)."""
    pieces, keys = [], []
    for unit in units:
        url = pieces_url(parts_dir, unit)
        fs, path = fs_and_path(url)
        try:
            size = fs.size(path)
        except FileNotFoundError:
            raise FileNotFoundError(f"missing mix pieces file {url}: unit {unit} wrote rows there "
                                    "(run again without --resume to redo the mix)") from None
        for start, rows, _ in segments(url, int(size), parts, part):  # the unit's chunks, in row order
            k = read_keys(url, start)
            keys.append(k.append_column("_piece", pa.array(np.full(k.num_rows, len(pieces), dtype=np.int64))))
            pieces.append(PieceRows(url, rows))
    if not pieces:
        return [], np.zeros(0, dtype=np.int64)
    table = pa.concat_tables(keys)
    return pieces, table["_piece"].take(pc.sort_indices(table, sort_keys=SORT_KEYS)).to_numpy()


def write_partition(part: int, parts_dir: str, units: list[int], parts: int, url: str, row_group_rows: int) -> dict | None:
    """One shard from partition ``part`` of ``parts``: its rows in hash order (ties by unit, row,
    epoch), merged from the pieces files of ``units`` (sorted; the units that wrote rows)."""
    pieces, source = _pieces(parts_dir, units, parts, part)
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
            joined = pa.concat_tables([pieces[p].take(int(c)) for p, c in enumerate(counts) if c])
            writer.write(joined.take(pa.array(np.argsort(by_piece, kind="stable"))))
        return writer.close(empty_schema=MIX_SCHEMA)
    except BaseException:
        writer.abort()
        raise
