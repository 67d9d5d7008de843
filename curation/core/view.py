"""What a whole-run (global) stage sees of the run: the ``GlobalContext`` it runs in and, per work
unit, a ``UnitView`` (its staged documents minus rows earlier global stages removed). Dedup, the mix
and the driver all read units through here."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import fsspec

if TYPE_CHECKING:  # polars is imported by the functions below, which run in workers: the driver only
    import polars as pl  # holds views and contexts

#: The most text (bytes, decoded) a staged row group holds (with at most ``output.row_group_rows``
#: rows): what a task reading a unit holds of it at a time, whatever the unit's size.
ROW_GROUP_BYTES = 8 << 20


@dataclass(frozen=True)
class UnitView:
    index: int
    key: str
    staged: str  # the unit's staged documents (DOC_SCHEMA parquet)
    removed: tuple[str, ...] = ()  # removal files (with a ``row`` column) that apply to ``staged``


@dataclass
class GlobalContext:
    """Everything a global stage may use: the executor runs its tasks; it never sees a stage."""

    executor: Any
    run_dir: str
    stage_dir: str
    units: list[UnitView]
    seed: int = 0
    extra: dict[str, Any] = field(default_factory=dict)


def gkey(unit_index: int, rows: pl.Expr | pl.Series) -> pl.Expr:
    """A document's run-wide key: unit index in the high 32 bits, row in the low 32 (run order)."""
    import polars as pl

    return (pl.lit(unit_index, dtype=pl.UInt64) * (1 << 32) + rows.cast(pl.UInt64)).alias("gkey")


def removed_rows(view: UnitView) -> pl.Series:
    import polars as pl

    frames = []
    for url in view.removed:
        with fsspec.open(url, "rb") as fh:
            frames.append(pl.read_parquet(fh, columns=["row"]))
    return pl.concat(frames)["row"] if frames else pl.Series("row", [], dtype=pl.UInt32)


def iter_view(view: UnitView, columns: list[str], batch_rows: int = 2_000) -> Iterator[pl.DataFrame]:
    """``load_view`` in batches of at most ``batch_rows`` staged rows, read one parquet batch at a
    time: a task that needs only small facts of each document (keys, signatures) holds one batch of
    text, whatever the unit's size."""
    import polars as pl

    gone = removed_rows(view)
    start = 0
    for batch in staged_batches(view.staged, columns, batch_rows):
        df = pl.from_arrow(batch)
        df = df.with_columns(pl.int_range(start, start + df.height, dtype=pl.UInt32).alias("row")).select("row", *columns)
        start += df.height
        if gone.len():
            df = df.filter(~pl.col("row").is_in(gone.implode()))
        yield df.with_columns(gkey(view.index, pl.col("row")))


def staged_batches(url: str, columns: list[str] | None, batch_rows: int) -> Iterator[Any]:
    """A staged file's record batches of at most ``batch_rows``, one row group read at a time. Not
    ``ParquetFile.iter_batches``: over a whole file object it held more the bigger the file (peak
    +94 MiB at 30k documents, +36 at 3k; read by row group +45 and +33)."""
    import pyarrow.parquet as pq

    with fsspec.open(url, "rb") as fh:
        pf = pq.ParquetFile(fh)
        for i in range(pf.num_row_groups):
            yield from pf.read_row_group(i, columns=columns, use_threads=False).to_batches(max_chunksize=batch_rows)


def staged_chunks(url: str, columns: list[str], max_bytes: int | None = None) -> Iterator[tuple[int, pl.DataFrame]]:
    """A staged file in runs of whole row groups of at most ``max_bytes`` (uncompressed, at least
    one row group; default ``ROW_GROUP_BYTES``), each as ``(its first row, polars frame)``: one run in memory at a time. A local
    file is read by polars, a run a slice of the file (polars reads only the row groups the slice
    covers); other storage through pyarrow."""
    import polars as pl
    import pyarrow.parquet as pq
    from fsspec.implementations.local import LocalFileSystem

    fs, path = fsspec.core.url_to_fs(url)
    with fs.open(path, "rb") as fh:
        pf = pq.ParquetFile(fh)
        meta = pf.metadata
        local = isinstance(fs, LocalFileSystem)
        for first, rows, groups in _runs(meta, ROW_GROUP_BYTES if max_bytes is None else max_bytes):
            if local:  # by path, never as a glob (a run folder may be named run[1])
                yield first, pl.scan_parquet(path, glob=False).select(columns).slice(first, rows).collect()
            else:
                yield first, pl.from_arrow(pf.read_row_groups(groups, columns=columns, use_threads=False))


def _runs(meta: Any, max_bytes: int) -> Iterator[tuple[int, int, list[int]]]:
    """``(first row, rows, row group indices)`` of runs of row groups of at most ``max_bytes`` (or one)."""
    first, group, size, rows = 0, [], 0, 0
    for i in range(meta.num_row_groups):
        rg = meta.row_group(i)
        if group and size + rg.total_byte_size > max_bytes:
            yield first, rows, group
            first, group, size, rows = first + rows, [], 0, 0
        group.append(i)
        size += rg.total_byte_size
        rows += rg.num_rows
    if group:
        yield first, rows, group


def load_view(view: UnitView, columns: list[str]) -> pl.DataFrame:
    """The unit's live documents: ``columns`` plus ``row`` and ``gkey``, in row order."""
    import polars as pl

    with fsspec.open(view.staged, "rb") as fh:
        df = pl.read_parquet(fh, columns=columns)
    df = df.with_row_index("row").with_columns(pl.col("row").cast(pl.UInt32))
    gone = removed_rows(view)
    if gone.len():
        df = df.filter(~pl.col("row").is_in(gone.implode()))
    return df.with_columns(gkey(view.index, pl.col("row")))
