"""The mix's work on one unit: scan (with its histograms) and partition. Each runs as a Dask task on a
unit's final documents; only small tables travel back to the driver.

A unit is read twice in all: once by the scan, which counts what is available and, in the same
read, the token histogram of every epoch a key may take (the plan needs no other read), and once by
the partition, which moves the chosen rows into the output partitions: one pieces file per unit
(``mix/pieces.py``), uncompressed Arrow, read once by the shard merge (``mix/merge.py``).
"""

from __future__ import annotations

import math

import numpy as np
import polars as pl
import pyarrow as pa
from fsspec.implementations.local import LocalFileSystem

from curation.core.view import UnitView, load_view, removed_rows, staged_chunks
from curation.io.files import atomic_open, fs_and_path, join
from curation.io.schema import DOC_SCHEMA, MIX_SCHEMA
from curation.mix.hashing import buckets, doc_hashes, partition_of
from curation.recipe.mix import MixSpec
from curation.mix.pieces import KEY_SCHEMA, pieces_url, write_pieces
from curation.mix.rules import assign_groups

SELECT_COLUMNS = ["id", "source", "language", "edu_score", "token_count", "text"]
KEY = ["group", "key_language"]
#: The shard order: position hash, then unit, row and epoch (a total order: no two rows tie).
PIECE_ORDER = ["order", "row", "epoch"]  # the unit is the same for every row of a piece
HISTOGRAM_SCHEMA = {"group": pl.String, "key_language": pl.String, "epoch": pl.Int64, "bucket": pl.Int64,
                    "documents": pl.UInt32, "tokens": pl.Int64}


def _grouped(view: UnitView, spec: MixSpec) -> pl.DataFrame:
    """The unit's live documents with their group, tokens and text bytes; the text is read one
    chunk of row groups at a time and dropped, so only the per-document facts are kept."""
    columns = SELECT_COLUMNS + (["metadata"] if spec.reads_metadata else [])
    facts = [pl.col("token_count").fill_null(0).cast(pl.Int64).alias("tokens"), pl.col("text").str.len_bytes().cast(pl.Int64).alias("bytes")]
    gone = removed_rows(view)
    frames = []
    for first, df in staged_chunks(view.staged, columns):
        df = df.with_columns(facts).drop("text")
        if gone.len():
            df = df.with_row_index("row", offset=first).filter(~pl.col("row").is_in(gone.implode())).drop("row")
        frames.append(df)
    df = pl.concat(frames) if frames else load_view(view, columns).with_columns(facts).drop("text")
    return assign_groups(df, spec)


def scan_url(scan_dir: str, unit: int) -> str:
    """Unit ``unit``'s histogram file in the mix's ``scan`` folder (named as its pieces file is)."""
    return join(scan_dir, f"u{unit:06d}.parquet")


def scan_unit(view: UnitView, spec: MixSpec, seed: int, scan_dir: str) -> dict:
    """Available documents, tokens and bytes per key (documents in no group under group null), and
    tokens per sampling bucket for every epoch each key may take (below its group's max epochs).

    The histogram has about one row per (document, epoch): it is written to the unit's file in
    ``scan_dir`` (none when empty) and only its row count travels back, so the driver never holds
    every unit's histogram at once (``mix/run.py`` folds the files in batches)."""
    df = _grouped(view, spec)
    available = df.group_by(KEY).agg(pl.len().alias("documents"), pl.col("tokens").sum(), pl.col("bytes").sum())
    grouped, frames = df.filter(pl.col("group").is_not_null()), []
    epochs = {g: math.ceil(spec.epochs_of(g)) for g in spec.groups}
    for epoch in range(max(epochs.values(), default=0)):  # one draw per epoch over every key that may take it
        part = grouped.filter(pl.col("group").is_in([g for g, n in epochs.items() if n > epoch]))
        drawn = part.select(*KEY, "tokens", pl.lit(epoch, pl.Int64).alias("epoch"), pl.Series("bucket", _draw(part, seed, epoch)))
        frames.append(drawn.group_by(KEY + ["epoch", "bucket"]).agg(pl.len().alias("documents"), pl.col("tokens").sum()))
    frames = [f for f in frames if f.height]
    rows = sum(f.height for f in frames)
    if rows:
        with atomic_open(scan_url(scan_dir, view.index), "wb") as fh:
            pl.concat(frames).write_parquet(fh, compression="lz4", statistics=False)
    return {"unit": view.index, "available": available, "rows": rows}


def read_histogram(url: str) -> pl.DataFrame:
    """A unit's histogram file (``scan_unit``), its counts as Int64 for summing across units."""
    fs, path = fs_and_path(url)
    if not fs.exists(path):
        raise ValueError(f"{url}: the mix scan's histogram file is missing (deleted after the scan?): run again without --resume")
    return _read_frame(url).with_columns(pl.col("documents").cast(pl.Int64))


def _draw(df: pl.DataFrame, seed: int, epoch: int) -> np.ndarray:
    return buckets(doc_hashes(df["id"], seed, epoch, "sample"))


def partition_unit(view: UnitView, spec: MixSpec, seed: int, selection: dict[tuple[str, str], tuple[int, int]],
                   parts: int, parts_dir: str) -> dict[str, int]:
    """Write the unit's selected (document, epoch) rows into its one pieces file: the piece of each
    output partition they hash to, sorted in shard order, so that a partition's shard is a merge of
    its pieces. Returns the unit's index and its row count (no file when 0 rows).

    ``selection``: key -> (whole epochs, threshold bucket in the next epoch)."""
    rule_columns = ["id", "source", "language", "edu_score"] + (["metadata"] if spec.reads_metadata else [])
    live = _read_frame(view.staged, rule_columns).with_row_index("row")
    gone = removed_rows(view)
    if gone.len():
        live = live.filter(~pl.col("row").cast(pl.UInt32).is_in(gone.implode()))
    df = assign_groups(live, spec).filter(pl.col("group").is_not_null())
    plan = pl.DataFrame([(g, lang, full, threshold) for (g, lang), (full, threshold) in selection.items()], orient="row",
                        schema={"group": pl.String, "key_language": pl.String, "full": pl.Int64, "threshold": pl.Int64})
    df = df.join(plan, on=KEY, how="inner", maintain_order="left")
    last = df.select((pl.col("full") + (pl.col("threshold") > 0).cast(pl.Int64)).max()).item() if df.height else 0
    chosen = [_chosen(df, seed, epoch) for epoch in range(last or 0)]  # a repeated document lands elsewhere in each
    chosen = [c for c in chosen if c.height]
    if not chosen:
        return {"unit": view.index, "rows": 0}
    sel = pl.concat(chosen)
    sel = sel.with_columns(pl.Series("part", partition_of(sel["order"].to_numpy(), parts))).sort(["part"] + PIECE_ORDER)
    write_pieces(pieces_url(parts_dir, view.index), parts, _chunk_pieces(view.staged, sel, parts))
    return {"unit": view.index, "rows": sel.height}


def _chunk_pieces(staged: str, sel: pl.DataFrame, parts: int):
    """Per chunk of the staged unit (whole row groups, ``ROW_GROUP_BYTES`` at most), the pieces of
    its selected rows: only one chunk's text is in memory, whatever the unit's size."""
    rows = sel["row"].to_numpy()
    by_row = np.argsort(rows, kind="stable")  # a chunk's rows found by bisection, not a pass over sel per chunk
    sorted_rows = rows[by_row]
    for first, chunk in staged_chunks(staged, DOC_SCHEMA.names):
        lo, hi = np.searchsorted(sorted_rows, [first, first + chunk.height])
        inside = sel[np.sort(by_row[lo:hi])]  # positions in increasing order: stays in shard order
        yield () if inside.height == 0 else _pieces_of(chunk, first, inside, parts)


def _pieces_of(chunk: pl.DataFrame, first: int, sel: pl.DataFrame, parts: int):
    """``(partition, keys, rows)`` of the chunk whose first row is ``first``; ``sel``: its selected rows."""
    bounds = np.searchsorted(sel["part"].to_numpy(), np.arange(parts + 1))
    # polars gathers string views (no text copied); the chunk's selected text is copied once, by
    # to_arrow, and converted and cast once per chunk: a piece is a zero-copy slice (with thousands
    # of partitions a chunk has thousands of pieces, and each conversion costs ~0.1 ms of overhead)
    at = pl.Series(sel["row"].to_numpy().astype(np.int64) - first)
    rows = chunk.select(pl.all().gather(at)).with_columns(sel["group"], sel["epoch"])
    rows = rows.to_arrow(compat_level=pl.CompatLevel.oldest()).cast(MIX_SCHEMA)
    keys = pa.table({"_order": sel["order"].to_arrow(), "_row": sel["row"].to_arrow(), "epoch": sel["epoch"].to_arrow()}).cast(KEY_SCHEMA)
    for p in np.flatnonzero(np.diff(bounds)):
        start, size = int(bounds[p]), int(bounds[p + 1] - bounds[p])
        yield int(p), keys.slice(start, size), rows.slice(start, size)


def _read_frame(url: str, columns: list[str] | None = None) -> pl.DataFrame:
    """A parquet file with polars: by path when local, never as a glob (a run folder may be named run[1])."""
    fs, path = fs_and_path(url)
    if isinstance(fs, LocalFileSystem):
        return pl.read_parquet(path, columns=columns, glob=False)
    with fs.open(path, "rb") as fh:
        return pl.read_parquet(fh, columns=columns)


def _chosen(df: pl.DataFrame, seed: int, epoch: int) -> pl.DataFrame:
    """The rows taken in ``epoch`` with their shard position hash: every row of a key that takes it
    whole (``epoch < full``), and in a key's partial epoch (``full``) those drawn below its threshold."""
    whole = df.filter(pl.col("full") > epoch)
    partial = df.filter((pl.col("full") == epoch) & (pl.col("threshold") > 0))
    if partial.height:
        partial = partial.filter(pl.Series(_draw(partial, seed, epoch)) < pl.col("threshold"))
    chosen = pl.concat([whole, partial])
    order = doc_hashes(chosen["id"], seed, epoch, "order")
    return chosen.select(pl.col("row").cast(pl.UInt32), "group").with_columns(
        pl.lit(epoch, pl.Int32).alias("epoch"), pl.Series("order", order, dtype=pl.UInt64))
