"""The mix's shuffle files: ONE file per unit holding that unit's piece of every output partition.

A piece is the unit's rows bound for one partition, sorted in shard order, stored as two
uncompressed Arrow IPC streams: its sort keys (``KEY_SCHEMA``, ~16 bytes a row) and its rows
(``MIX_SCHEMA``, record batches of ``PIECE_ROWS``). Uncompressed IPC costs a copy to write and a
read to load: no parquet encoding, compression or decoding on this scratch data, which is written
once and read once (the shards are the compressed output). One file per unit, like the dedup
shuffle (``dedup/shuffle.py``): U files, not U x P, and a reader of partition ``j`` touches only
its byte ranges.

A unit is read in chunks of at most ``mix/tasks.CHUNK_BYTES`` of text, so a file holds a run of
pieces per chunk: chunk ``c``'s piece of partition ``j`` is sorted in shard order, and the shard
merge (``mix/merge.py``) takes each (unit, chunk) piece as a piece of its own.

File layout: the segments, then a footer of ``2CP + 1`` little-endian uint64 offsets, then ``C``,
``P`` and ``MAGIC``. Segment ``2(cP + j)`` is chunk ``c``'s keys of partition ``j``, the next one
its rows (empty when equal offsets). A footer (not a header) lets the writer stream each piece's
bytes once, whatever the storage.
"""

from __future__ import annotations

import contextlib
import functools
import struct
from collections.abc import Iterable
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from fsspec.implementations.local import LocalFileSystem

from curation.io.files import atomic_open, fs_and_path, join
from curation.io.schema import MIX_SCHEMA

MAGIC = 0x3258_494D_4345_4950  # marks a pieces file of this layout (version 2: chunks)
#: Version 1 (one run of pieces, no chunk count): refused with a line saying to run again.
MAGIC_V1 = 0x3158_494D_4345_4950
SUFFIX = ".pieces"
#: Rows and text bytes per record batch of a piece's rows (at least one row): what the shard merge
#: (mix/merge.py) holds of one piece. Bytes too: a partition merges a piece per (unit, chunk), so
#: 1,024 rows of long documents from every chunk of every unit would add up to most of the shard.
PIECE_ROWS = 1024
PIECE_BYTES = 256 << 10
#: Bytes the pieces writer gathers before handing them to the (Python) file object.
WRITE_BUFFER = 1 << 20
#: A piece's sort keys; the unit (the last tie-breaker but one) is the file's.
KEY_SCHEMA = pa.schema([pa.field("_order", pa.uint64()), pa.field("_row", pa.uint32()), pa.field("epoch", pa.int32())])


def _stream(fh, table: pa.Table) -> None:
    """``table`` as one Arrow IPC stream written straight into ``fh`` (no intermediate buffer)."""
    with pa.ipc.new_stream(fh, table.schema) as writer:
        writer.write_table(table)


def _row_batches(table: pa.Table, max_rows: int, max_bytes: int) -> Iterable[pa.Table]:
    """``table`` in consecutive slices of at most ``max_rows`` rows and ``max_bytes`` of text (a
    longer row alone)."""
    lengths = pc.binary_length(table["text"])
    if lengths.null_count:  # (fill_null makes a pa.scalar: ~30 us a call, and it imports pandas)
        lengths = lengths.fill_null(0)
    sizes = np.cumsum(lengths.to_numpy(), dtype=np.int64)
    start, n = 0, table.num_rows
    while start < n:
        base = int(sizes[start - 1]) if start else 0
        end = int(np.searchsorted(sizes, base + max_bytes, side="right"))
        end = min(max(end, start + 1), start + max_rows, n)
        yield table.slice(start, end - start)
        start = end


def _stream_rows(fh, rows: pa.Table) -> None:
    """A piece's rows as one Arrow IPC stream of record batches bounded by ``PIECE_ROWS`` and ``PIECE_BYTES``."""
    with pa.ipc.new_stream(fh, rows.schema) as writer:
        for part in _row_batches(rows, PIECE_ROWS, PIECE_BYTES):
            writer.write_table(part, max_chunksize=PIECE_ROWS)


def _as(table: pa.Table, schema: pa.Schema) -> pa.Table:
    """``table`` cast to ``schema``, unless it has it already (a cast costs a call per column)."""
    return table if table.schema.equals(schema) else table.cast(schema)


def write_pieces(url: str, parts: int, chunks: Iterable[Iterable[tuple[int, pa.Table, pa.Table]]]) -> None:
    """Write one unit's pieces: per chunk, ``(partition, keys, rows)`` in increasing partition
    order, each already sorted in shard order (``keys`` in ``KEY_SCHEMA``, ``rows`` in ``MIX_SCHEMA``)."""
    offsets: list[int] = []
    n_chunks = 0
    with atomic_open(url, "wb") as raw:
        # an IPC stream writes each batch as many small buffers: gathered here in C++, the Python
        # file object sees one write per WRITE_BUFFER bytes instead of one per buffer
        fh = pa.BufferedOutputStream(pa.PythonFile(raw, mode="w"), buffer_size=WRITE_BUFFER)
        try:
            for chunk in chunks:
                base = 2 * parts * n_chunks
                n_chunks += 1
                for j, keys, rows in chunk:
                    if not 0 <= j < parts or len(offsets) > base + 2 * j:
                        raise ValueError(f"{url}: partition {j} out of order or range (of {parts})")
                    at = fh.tell()
                    offsets.extend([at] * (base + 2 * j - len(offsets)))
                    offsets.append(at)
                    _stream(fh, _as(keys, KEY_SCHEMA))
                    offsets.append(fh.tell())
                    _stream_rows(fh, _as(rows, MIX_SCHEMA))
                offsets.extend([fh.tell()] * (base + 2 * parts - len(offsets)))
            offsets.append(fh.tell())
            fh.write(struct.pack(f"<{2 * parts * n_chunks + 4}Q", *offsets, n_chunks, parts, MAGIC))
        except BaseException:
            # a failed chunk leaves the buffer attached to a file atomic_open is about to discard: detach
            # it now, or its destructor writes into the closed file and arrow prints a C++ traceback
            with contextlib.suppress(Exception):
                fh.detach()
            raise
        fh.detach()  # flushed into ``raw``, which atomic_open closes and publishes


@functools.lru_cache(maxsize=1024)
def _located(url: str) -> tuple[Any, str]:
    """``fs_and_path(url)``, remembered: fsspec's URL parsing costs more than reading a batch, and a
    shard task opens each unit's file several times per piece."""
    return fs_and_path(url)


def _open_at(fs, path: str) -> tuple[object, pa.NativeFile]:
    """A seekable arrow file: ``pa.OSFile`` for local files (batches are copied out, so no file or
    memory map outlives a read: a memory map would stay mapped while any batch refers to it, and a
    shard task merging tens of thousands of pieces would hit the kernel's map count), fsspec's file
    otherwise."""
    if isinstance(fs, LocalFileSystem):
        return None, pa.OSFile(path, "r")
    fh = fs.open(path, "rb")
    return fh, pa.PythonFile(fh, mode="r")


def pieces_url(parts_dir: str, unit: int) -> str:
    """Unit ``unit``'s pieces file in the mix's ``parts`` folder."""
    return join(parts_dir, f"u{unit:06d}{SUFFIX}")


def segments(url: str, size: int, parts: int, j: int) -> list[tuple[int, int, int]]:
    """Per chunk of the unit that has rows in partition ``j``: where its keys start, where its rows
    start and where they end. ``size``: the file's size; ``parts``: the run's partition count, which
    the footer must state. Reads the footer's tail, then three offsets per chunk."""
    if not 0 <= j < parts or size < 32:
        raise ValueError(f"truncated/corrupt pieces file {url}: {size} bytes, partition {j} of {parts}")
    raw, f = _open_at(*_located(url))
    try:
        f.seek(size - 24)
        n_chunks, count, magic = struct.unpack("<3Q", f.read(24))
        if magic == MAGIC_V1:
            raise ValueError(f"pieces file {url} of an older layout (a mix begun by an earlier version): run again without --resume")
        footer = size - 24 - 8 * (2 * parts * n_chunks + 1)
        if magic != MAGIC or count != parts or n_chunks > size or footer < 0:
            raise ValueError(f"truncated/corrupt pieces file {url}: footer states {count} partitions (expected {parts})")
        out = []
        for c in range(n_chunks):
            f.seek(footer + 8 * 2 * (c * parts + j))
            start, rows, end = struct.unpack("<3Q", f.read(24))
            if not start <= rows <= end <= footer:
                raise ValueError(f"truncated/corrupt pieces file {url}: chunk {c} of partition {j} out of the file")
            if start != end:
                out.append((start, rows, end))
        return out
    finally:
        f.close()
        if raw is not None:
            raw.close()


def read_keys(url: str, start: int) -> pa.Table:
    """The keys of the piece whose keys segment starts at ``start``, checked to be in shard order."""
    raw, f = _open_at(*_located(url))
    try:
        f.seek(start)
        keys = pa.ipc.open_stream(f).read_all()
    finally:
        f.close()
        if raw is not None:
            raw.close()
    o, r, e = (keys[c].to_numpy() for c in KEY_SCHEMA.names)
    same_o, same_r = o[1:] == o[:-1], r[1:] == r[:-1]
    if ((o[1:] < o[:-1]) | same_o & ((r[1:] < r[:-1]) | same_r & (e[1:] < e[:-1]))).any():
        raise ValueError(f"truncated/corrupt pieces file {url}: a piece's keys are not in shard order")
    return keys


class PieceRows:
    """A piece's rows handed out in order, read one record batch at a time; no file stays open
    between reads (a shard task may merge the pieces of tens of thousands of units)."""

    def __init__(self, url: str, start: int) -> None:
        self.url = url
        self.fs, self.path = _located(url)
        self.pos = start
        self.schema: pa.Schema | None = None
        self.buffer: pa.Table | None = None  # rows read and not yet handed out

    def _next_batch(self) -> pa.Table:
        raw, f = _open_at(self.fs, self.path)
        try:
            f.seek(self.pos)
            if self.schema is None:
                self.schema = pa.ipc.read_schema(pa.ipc.read_message(f))
            batch = pa.ipc.read_record_batch(pa.ipc.read_message(f), self.schema)
            self.pos = f.tell()
        finally:
            f.close()
            if raw is not None:
                raw.close()
        return pa.Table.from_batches([batch])

    def take(self, n: int) -> pa.Table:
        out = []
        while n > 0:
            if self.buffer is None or self.buffer.num_rows == 0:
                self.buffer = self._next_batch()
            got = self.buffer.slice(0, n)
            out.append(got)
            self.buffer, n = self.buffer.slice(got.num_rows), n - got.num_rows
        if self.buffer is not None and self.buffer.num_rows == 0:
            self.buffer = None  # a used-up piece holds no batch while the others are merged
        return pa.concat_tables(out)
