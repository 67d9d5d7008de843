"""A file-based shuffle: map tasks write hash partitions, reduce tasks read one partition each.

Dask tasks exchange nothing but file names, so a global group-by never passes through the driver
and never needs one task to hold all keys. Each producer (a map task) writes ONE file holding all
its partitions, like Spark's sort-shuffle: a header of byte offsets, then each partition's rows as
an Arrow IPC stream. A reducer reads, from every producer's file, the two offsets of its partition
and that byte range only. So a shuffle leaves ``producers`` files, not ``producers x partitions``
(at 90k units x 4,096 partitions: 9x10^4 files instead of 3.7x10^8). Files are named by their
producer and read in producer-name order, so a reduce does not depend on which worker wrote what,
or when.

File layout (little-endian uint64): ``MAGIC``, ``partitions``, then ``partitions + 1`` offsets
from the start of the file; partition ``j`` is bytes ``[offset[j], offset[j + 1])`` (empty when
equal).
"""

from __future__ import annotations

import io
import struct

import numpy as np
import polars as pl
import pyarrow as pa

from curation.io.files import atomic_open, files_in, fs_and_path, join

MAGIC = 0x3146_4853_5543  # marks a shuffle file of this layout (version 1)
SUFFIX = ".shuf"
_IPC = pa.ipc.IpcWriteOptions(compression="lz4")


def partition_of(keys: pl.Series | np.ndarray, partitions: int) -> np.ndarray:
    """The partition of each uint64 key (keys are already well-mixed hashes or ids)."""
    arr = keys.to_numpy() if isinstance(keys, pl.Series) else keys
    mixed = (arr.astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15)) >> np.uint64(40)
    return (mixed % np.uint64(partitions)).astype(np.int64)


def _ipc_bytes(part: pl.DataFrame) -> bytes:
    table = part.to_arrow()
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema, options=_IPC) as writer:
        writer.write_table(table)
    return sink.getvalue().to_pybytes()


def write_partitions(df: pl.DataFrame, key: str, partitions: int, folder: str, producer: str) -> int:
    """Write ``df``'s rows, partitioned by ``key``, to the one file ``folder/<producer>.shuf``;
    returns the files written (0 for no rows, else 1)."""
    if df.height == 0:
        return 0
    df = df.with_columns(pl.Series("_part", partition_of(df[key], partitions)))
    blobs = {int(j): _ipc_bytes(part.drop("_part"))
             for (j,), part in df.partition_by("_part", as_dict=True, maintain_order=True).items()}
    offsets, at = [], 8 * (partitions + 3)
    for j in range(partitions):
        offsets.append(at)
        at += len(blobs.get(j, b""))
    offsets.append(at)
    with atomic_open(join(folder, f"{producer}{SUFFIX}"), "wb") as fh:
        fh.write(struct.pack(f"<{partitions + 3}Q", MAGIC, partitions, *offsets))
        for j in sorted(blobs):
            fh.write(blobs[j])
    return 1


def producer_files(folder: str) -> list[str]:
    """The shuffle files under ``folder``, in producer-name order (temp files of writers excluded)."""
    return files_in(folder, SUFFIX)


def _read_slice(fs, path: str, j: int) -> pl.DataFrame | None:
    magic, partitions = struct.unpack("<2Q", fs.cat_file(path, start=0, end=16))
    if magic != MAGIC or not 0 <= j < partitions:
        raise ValueError(f"{path}: not a shuffle file of {j + 1}+ partitions (magic {magic:#x}, {partitions} partitions)")
    start, end = struct.unpack("<2Q", fs.cat_file(path, start=8 * (j + 2), end=8 * (j + 4)))
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
