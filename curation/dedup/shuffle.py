"""A file-based shuffle: map tasks write hash partitions, reduce tasks read one partition each.

Dask tasks exchange nothing but file names, so a global group-by never passes through the driver
and never needs one task to hold all keys. Partition files are named by their producer, so the
result of a reduce does not depend on which worker wrote what, or when.
"""

from __future__ import annotations

import fsspec
import numpy as np
import polars as pl

from curation.io.files import fs_and_path, join, write_parquet_atomic


def partition_of(keys: pl.Series | np.ndarray, partitions: int) -> np.ndarray:
    """The partition of each uint64 key (keys are already well-mixed hashes or ids)."""
    arr = keys.to_numpy() if isinstance(keys, pl.Series) else keys
    mixed = (arr.astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15)) >> np.uint64(40)
    return (mixed % np.uint64(partitions)).astype(np.int64)


def write_partitions(df: pl.DataFrame, key: str, partitions: int, folder: str, producer: str) -> int:
    """Write ``df``'s rows to ``folder/p<j>/<producer>.parquet`` by ``key``; returns files written."""
    if df.height == 0:
        return 0
    df = df.with_columns(pl.Series("_part", partition_of(df[key], partitions)))
    written = 0
    for (j,), part in df.partition_by("_part", as_dict=True, maintain_order=True).items():
        write_parquet_atomic(part.drop("_part").to_arrow(), join(folder, f"p{j:04d}", f"{producer}.parquet"), 1 << 20)
        written += 1
    return written


def read_partition(folder: str, j: int, schema: dict[str, pl.DataType] | None = None) -> pl.DataFrame:
    """All rows of partition ``j``, in producer-name order (deterministic)."""
    fs, path = fs_and_path(folder)
    files = sorted(fs.glob(f"{path}/p{j:04d}/*.parquet"))
    frames = []
    for f in files:
        with fsspec.open(fs.unstrip_protocol(f) if "://" in folder else f, "rb") as fh:
            frames.append(pl.read_parquet(fh))
    if not frames:
        return pl.DataFrame(schema=schema or {})
    return pl.concat(frames, how="vertical_relaxed")
