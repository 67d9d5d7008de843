"""The mix's work on one unit (scan, histogram, partition) and on one output partition (write).

Each runs as a Dask task on a unit's final documents; only small tables travel back to the driver.
"""

from __future__ import annotations

import fsspec
import numpy as np
import polars as pl
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from curation.core.view import UnitView, load_view, removed_rows
from curation.io.files import fs_and_path, join, write_parquet_atomic
from curation.io.schema import DOC_SCHEMA, MIX_SCHEMA
from curation.mix.hashing import buckets, doc_hashes, partition_of
from curation.recipe.mix import MixSpec
from curation.mix.rules import assign_groups
from curation.shard.stream import ShardWriter

SELECT_COLUMNS = ["id", "source", "language", "edu_score", "token_count", "text"]
KEY = ["group", "key_language"]


def _grouped(view: UnitView, spec: MixSpec, with_bytes: bool = True) -> pl.DataFrame:
    """The unit's live documents with their group; the text is read only when its bytes are wanted."""
    columns = SELECT_COLUMNS if with_bytes else [c for c in SELECT_COLUMNS if c != "text"]
    df = load_view(view, columns).with_columns(pl.col("token_count").fill_null(0).cast(pl.Int64).alias("tokens"))
    if with_bytes:
        df = df.with_columns(pl.col("text").str.len_bytes().cast(pl.Int64).alias("bytes")).drop("text")
    return assign_groups(df, spec)


def scan_unit(view: UnitView, spec: MixSpec) -> pl.DataFrame:
    """Available documents, tokens and bytes per key; documents in no group under group null."""
    df = _grouped(view, spec)
    return df.group_by(KEY).agg(pl.len().alias("documents"), pl.col("tokens").sum(), pl.col("bytes").sum())


def _draw(df: pl.DataFrame, seed: int, epoch: int) -> np.ndarray:
    return buckets(doc_hashes(df["id"].to_list(), seed, epoch, "sample"))


def histogram_unit(view: UnitView, spec: MixSpec, seed: int, epochs: dict[tuple[str, str], list[int]]) -> pl.DataFrame:
    """Per key and asked-for epoch, tokens per sampling bucket."""
    df = _grouped(view, spec, with_bytes=False).filter(pl.col("group").is_not_null())
    frames = []
    for (group, lang), part in df.partition_by(KEY, as_dict=True).items():
        for epoch in epochs.get((group, lang), []):
            drawn = part.with_columns(pl.Series("bucket", _draw(part, seed, epoch)), pl.lit(epoch, pl.Int64).alias("epoch"))
            frames.append(drawn.group_by(KEY + ["epoch", "bucket"]).agg(pl.len().alias("documents"), pl.col("tokens").sum()))
    if not frames:
        return pl.DataFrame(schema={"group": pl.String, "key_language": pl.String, "epoch": pl.Int64, "bucket": pl.Int64,
                                    "documents": pl.UInt32, "tokens": pl.Int64})
    return pl.concat(frames)


def partition_unit(view: UnitView, spec: MixSpec, seed: int, selection: dict[tuple[str, str], tuple[int, int]],
                   parts: int, parts_dir: str) -> dict[str, int]:
    """Write the unit's selected (document, epoch) rows into the output partitions they hash to.

    ``selection``: key -> (whole epochs, threshold bucket in the next epoch)."""
    with fsspec.open(view.staged, "rb") as fh:
        table = pq.read_table(fh, schema=DOC_SCHEMA)
    live = pl.from_arrow(table.select(["id", "source", "language", "edu_score"])).with_row_index("row")
    gone = removed_rows(view)
    if gone.len():
        live = live.filter(~pl.col("row").cast(pl.UInt32).is_in(gone.implode()))
    df = assign_groups(live, spec).filter(pl.col("group").is_not_null())
    pieces = []
    for (group, lang), part in df.partition_by(KEY, as_dict=True).items():
        full, threshold = selection.get((group, lang), (0, 0))
        for epoch in range(full + (1 if threshold > 0 else 0)):
            chosen = part if epoch < full else part.filter(pl.Series(_draw(part, seed, epoch) < threshold))
            if chosen.height:  # a repeated document lands elsewhere in each of its epochs
                order = doc_hashes(chosen["id"].to_list(), seed, epoch, "order")
                pieces.append(chosen.select("row", "id", "group").with_columns(
                    pl.lit(epoch, pl.Int32).alias("epoch"), pl.Series("order", order, dtype=pl.UInt64)))
    counts = {"rows": 0}
    if not pieces:
        return counts
    sel = pl.concat(pieces)
    sel = sel.with_columns(pl.Series("part", partition_of(sel["order"].to_numpy(), parts)),
                           pl.lit(view.index, pl.UInt32).alias("unit"))
    for (p,), chunk in sorted(sel.partition_by(["part"], as_dict=True).items()):
        rows = table.take(pa.array(chunk["row"].to_numpy()))
        rows = rows.append_column("group", pa.array(chunk["group"].to_list(), pa.string()))
        rows = rows.append_column("epoch", pa.array(chunk["epoch"].to_list(), pa.int32()))
        rows = rows.append_column("_order", pa.array(chunk["order"].to_numpy(), pa.uint64()))
        rows = rows.append_column("_unit", pa.array(chunk["unit"].to_numpy(), pa.uint32()))
        rows = rows.append_column("_row", pa.array(chunk["row"].to_numpy(), pa.uint32()))
        write_parquet_atomic(rows, join(parts_dir, f"p{p:05d}", f"u{view.index:06d}.parquet"), 1 << 20, scratch=True)
        counts["rows"] += rows.num_rows
    return counts


def _take(table: pa.Table, rows: np.ndarray) -> pa.Table:
    """``table.take(rows)`` batch by batch: a take on a many-chunk table joins the chunks first (a copy
    of the whole partition for every row group)."""
    batches, rows = table.to_batches(), rows.astype(np.int64)
    starts = np.cumsum([0] + [b.num_rows for b in batches])
    which = np.searchsorted(starts, rows, side="right") - 1
    pieces, order = [], []
    for b in np.unique(which):
        at = np.nonzero(which == b)[0]
        pieces.append(batches[b].take(pa.array(rows[at] - starts[b])))
        order.append(at)
    joined = pa.Table.from_batches(pieces, schema=table.schema).combine_chunks()
    return joined.take(pa.array(np.argsort(np.concatenate(order), kind="stable")))


def write_partition(part: int, parts_dir: str, url: str, row_group_rows: int) -> dict | None:
    """One shard from one partition: its rows in hash order (ties by unit, row, epoch)."""
    fs, path = fs_and_path(join(parts_dir, f"p{part:05d}"))
    files = sorted(fs.glob(f"{path}/u*.parquet")) if fs.exists(path) else []
    if not files:
        return None
    tables = []
    for f in files:
        with fs.open(f, "rb") as fh:
            tables.append(pq.read_table(fh))
    table = pa.concat_tables(tables)
    idx = pc.sort_indices(table, sort_keys=[("_order", "ascending"), ("_unit", "ascending"), ("_row", "ascending"),
                                            ("epoch", "ascending")])
    writer = ShardWriter(url, row_group_rows)  # the sorted rows are taken one row group at a time, not copied whole
    try:
        step = max(1, row_group_rows)
        for k in range(0, len(idx), step):
            writer.write(_take(table, idx.slice(k, step).to_numpy()).select(MIX_SCHEMA.names).cast(MIX_SCHEMA))
        return writer.close(empty_schema=MIX_SCHEMA)
    except BaseException:
        writer.abort()
        raise
