"""A file-based shuffle: map tasks write hash partitions, reduce tasks read one partition each.

Dask tasks exchange nothing but file names, so a global group-by never passes through the driver
and never needs one task to hold all keys. Each producer (a map task) writes ONE file holding all
its partitions, like Spark's sort-shuffle: a header of byte offsets, then each partition's rows as
an Arrow IPC stream. A reducer reads, from every producer's file, the two offsets of its partition
and that byte range only. So a shuffle leaves ``producers`` files, not ``producers x partitions``
(at 90k units x 4,096 partitions: 9x10^4 files instead of 3.7x10^8). Files are named by their
producer and read in producer-name order, so a reduce does not depend on which worker wrote what,
or when.

A producer writes its partitions one at a time, each gathered from its rows (given as one frame
or as the frames of its batches, each sorted by partition once), so it holds its rows once plus one
partition's copy: never the partitioned copy of all rows and their serialised bytes besides.

File layout (little-endian uint64): the partitions' IPC streams, then ``partitions + 1`` offsets
from the start of the file, ``partitions`` and ``MAGIC``; partition ``j`` is bytes
``[offset[j], offset[j + 1])`` (empty when equal). A footer, so each partition is written as it is
made, whatever the storage.
"""

from __future__ import annotations

import io
import struct

import numpy as np
import polars as pl
import pyarrow as pa

from curation.io.files import atomic_open, files_in, fs_and_path, join

MAGIC = 0x3246_4853_5543  # marks a shuffle file of this layout (version 2: footer)
#: Version 1 (a header, not a footer): left by a dedup map an earlier version finished; refused with a line.
MAGIC_V1 = 0x3146_4853_5543
SUFFIX = ".shuf"
_IPC = pa.ipc.IpcWriteOptions(compression="lz4")


def partition_of(keys: pl.Series | np.ndarray, partitions: int) -> np.ndarray:
    """The partition of each uint64 key (keys are already well-mixed hashes or ids)."""
    arr = keys.to_numpy() if isinstance(keys, pl.Series) else keys
    mixed = (arr.astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15)) >> np.uint64(40)
    return (mixed % np.uint64(partitions)).astype(np.int64)


def _by_partition(df: pl.DataFrame, key: str, partitions: int) -> tuple[pl.DataFrame, np.ndarray]:
    """``df``'s rows stably sorted by partition, and where each partition starts (``partitions + 1``)."""
    part = partition_of(df[key], partitions)
    order = np.argsort(part, kind="stable")
    return df[order], np.searchsorted(part[order], np.arange(partitions + 1))


def write_partitions(df: pl.DataFrame | list[pl.DataFrame], key: str, partitions: int, folder: str, producer: str) -> int:
    """Write the rows (one frame, or a producer's batches in order), partitioned by ``key``, to the
    one file ``folder/<producer>.shuf``; returns the files written (0 for no rows, else 1).
    Within a partition, rows keep their order. A list is consumed: each frame is replaced by its
    sorted copy, so the caller's list no longer holds the unsorted rows."""
    frames = df if isinstance(df, list) else [df]
    if not any(f.height for f in frames):
        return 0
    bounds = []
    for i in range(len(frames)):
        frames[i], b = _by_partition(frames[i], key, partitions)
        bounds.append(b)
    offsets = []
    with atomic_open(join(folder, f"{producer}{SUFFIX}"), "wb") as fh:
        for j in range(partitions):
            offsets.append(fh.tell())
            parts = [f.slice(int(b[j]), int(b[j + 1] - b[j])) for f, b in zip(frames, bounds) if b[j + 1] > b[j]]
            if parts:
                table = (pl.concat(parts) if len(parts) > 1 else parts[0]).to_arrow()
                with pa.ipc.new_stream(fh, table.schema, options=_IPC) as writer:
                    writer.write_table(table)
        offsets.append(fh.tell())
        fh.write(struct.pack(f"<{partitions + 3}Q", *offsets, partitions, MAGIC))
    return 1


def producer_files(folder: str) -> list[str]:
    """The shuffle files under ``folder``, in producer-name order (temp files of writers excluded)."""
    return files_in(folder, SUFFIX)


def _read_slice(fs, path: str, j: int) -> pl.DataFrame | None:
    size = fs.size(path)
    partitions, magic = struct.unpack("<2Q", fs.cat_file(path, start=max(0, size - 16), end=size)) if size >= 16 else (0, 0)
    footer = size - 16 - 8 * (partitions + 1)
    if magic != MAGIC and size >= 8 and struct.unpack("<Q", fs.cat_file(path, start=0, end=8))[0] == MAGIC_V1:
        raise ValueError(f"{path}: a shuffle file of an older layout (a dedup begun by an earlier version): "
                         "run again without --resume")
    if magic != MAGIC or not 0 <= j < partitions or footer < 0:
        raise ValueError(f"{path}: not a shuffle file of {j + 1}+ partitions (magic {magic:#x}, {partitions} partitions)")
    start, end = struct.unpack("<2Q", fs.cat_file(path, start=footer + 8 * j, end=footer + 8 * (j + 2)))
    if end == start:
        return None
    with pa.ipc.open_stream(io.BytesIO(fs.cat_file(path, start=start, end=end))) as reader:
        return pl.from_arrow(reader.read_all())


def read_partition(folder: str, j: int, schema: dict[str, pl.DataType] | None = None) -> pl.DataFrame:
    """All rows of partition ``j``, in producer-name order (deterministic)."""
    fs, _ = fs_and_path(folder)
    frames = [f for f in (_read_slice(fs, p, j) for p in producer_files(folder)) if f is not None]
    if not frames:
        return pl.DataFrame(schema=schema or {})
    return pl.concat(frames, how="vertical_relaxed")
