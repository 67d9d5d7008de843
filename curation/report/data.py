"""A finished run as the report needs it: the manifest and aggregates of the shards and side outputs,
read a file at a time (the driver holds one shard, never a row per document)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import nullcontext
from dataclasses import dataclass
from typing import Any

import fsspec
import polars as pl
import pyarrow.parquet as pq
from fsspec.implementations.local import LocalFileSystem

from curation.io.files import exists, fs_and_path, read_json
from curation.report.aggregate import ShardAggregates, ShardPass
from curation.report.sides import RemovedAggregates, rejected_counts, removed_aggregates
from curation.report.sketch import median, spread_of
from curation.run.layout import RunLayout

#: Characters of each sample document shown in the report.
SAMPLE_CHARS = 600
#: Sample documents per source.
SAMPLES_PER_SOURCE = 3
#: Side outputs the report reads, by manifest ``kind``.
SIDE_KINDS = {"rejected": "rejected", "removed": "removed", "sidecar:decontaminate": "contamination"}
NONE_LABEL = "(none)"
#: Metadata fields of code documents the report shows (null for every other document).
CODE_FIELDS = ("code_language", "license")
#: Metadata fields of documents a synth job wrote (``curation.synth``): the prompt template.
SYNTH_FIELDS = ("template",)


class ReportInputError(ValueError):
    """A run directory the report cannot describe; the message names what is missing."""


@dataclass(frozen=True)
class RunData:
    """A run as aggregates (``aggregate``, ``sides``): nothing here grows with the number of documents
    but the contamination sidecars (one row per matched n-gram span)."""

    run_dir: str
    manifest: dict[str, Any]
    shards: ShardAggregates  # kept documents: counts per category, value counts of lengths and edu scores
    rejected: pl.DataFrame  # what filters dropped: stage, reason, source, language, documents, text_bytes
    removed: RemovedAggregates  # what dedup removed: per (stage, reason, source) and cluster sizes
    contamination: pl.DataFrame  # decontaminate sidecars: doc_id, benchmark, item_id, ... (empty without the stage)
    samples: pl.DataFrame  # a few documents per source, text truncated

    @property
    def name(self) -> str:
        return str(self.manifest.get("recipe", {}).get("name") or self.run_dir.rstrip("/").rsplit("/", 1)[-1])

    @property
    def stages(self) -> list[dict[str, Any]]:
        return list(self.manifest.get("stages") or [])

    @property
    def mix(self) -> dict[str, Any] | None:
        return self.manifest.get("mix") or None

    @property
    def groups(self) -> pl.DataFrame:
        """Documents, tokens and text bytes per category of the kept documents (``aggregate.GROUP_KEYS``)."""
        return self.shards.groups

    def has(self, column: str) -> bool:
        """Whether the shards hold ``column`` (a metadata field the report extracts counts)."""
        return column in self.shards.columns

    def distinct(self, column: str) -> list[str]:
        g = self.groups
        return sorted(g[column].drop_nulls().unique().to_list()) if column in g.columns else []


def read_manifest(run_dir: str) -> dict[str, Any]:
    url = RunLayout(run_dir).manifest
    if not exists(url):
        raise ReportInputError(f"{run_dir}: no manifest.json (the run did not finish, or this is not a run directory)")
    try:
        manifest = read_json(url)
    except ValueError as exc:
        raise ReportInputError(f"{url}: not valid JSON ({exc})") from exc
    missing = [k for k in ("recipe", "outputs", "side_outputs", "stages", "totals", "content_hash") if k not in manifest]
    if missing:
        raise ReportInputError(f"{url}: key(s) {', '.join(missing)} missing (not a curation-manifest/1 file?)")
    return manifest


def missing_files(run_dir: str, manifest: dict[str, Any]) -> list[str]:
    """Listed parquet files the report needs that are not on disk, in manifest order."""
    wanted = [o["path"] for o in manifest["outputs"]]
    wanted += [s["path"] for s in manifest["side_outputs"] if s.get("kind") in SIDE_KINDS]
    return [p for p in wanted if not exists(RunLayout(run_dir).url(p))]


def _fail(url: str, exc: Exception) -> ReportInputError:
    """A truncated or foreign file: named, as a missing one is."""
    why = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return ReportInputError(f"{url}: not readable as parquet ({why})")


def _names(url: str) -> list[str]:
    """A parquet file's column names, from its footer (by path when local, as ``io.files.read_parquet``)."""
    try:
        fs, path = fs_and_path(url)
        if isinstance(fs, LocalFileSystem):
            return list(pq.read_schema(path).names)
        with fs.open(path, "rb") as fh:
            return list(pq.read_schema(fh).names)
    except Exception as exc:
        raise _fail(url, exc) from exc


def _read(url: str, columns: list[str] | None = None) -> pl.DataFrame:
    """A parquet file, or those of ``columns`` it holds."""
    present = None if columns is None else [c for c in columns if c in set(_names(url))]
    try:
        with fsspec.open(url, "rb") as fh:
            return pl.read_parquet(fh, columns=present)
    except Exception as exc:
        raise _fail(url, exc) from exc


def _concat(frames: list[pl.DataFrame], empty: dict[str, Any]) -> pl.DataFrame:
    frames = [f for f in frames if f.height]
    return pl.concat(frames, how="diagonal_relaxed") if frames else pl.DataFrame(schema=empty)


def _labelled(df: pl.DataFrame, *columns: str) -> pl.DataFrame:
    """Null category labels become ``(none)``, so every document lands in some row of a table."""
    present = [c for c in columns if c in df.columns]
    return df.with_columns(pl.col(c).cast(pl.String).fill_null(NONE_LABEL) for c in present)


def _sample_key(seed: int) -> pl.Expr:
    return pl.col("id").hash(seed=seed)


def _row_groups(url: str) -> Iterator[pl.DataFrame]:
    """A shard one row group at a time (``output.row_group_rows``): the report holds one, not the shard."""
    try:
        fs, path = fs_and_path(url)
        with (nullcontext(path) if isinstance(fs, LocalFileSystem) else fs.open(path, "rb")) as src:
            pf = pq.ParquetFile(src, pre_buffer=False)
            for i in range(pf.num_row_groups):
                yield pl.from_arrow(pf.read_row_group(i))
    except ReportInputError:
        raise
    except Exception as exc:
        raise _fail(url, exc) from exc


def _shard_frames(run_dir: str, path: str, seed: int) -> Iterator[tuple[pl.DataFrame, pl.DataFrame]]:
    """Per row group of a shard: its documents without text (+ text_bytes, shard) and its sample candidates
    (the top ``SAMPLES_PER_SOURCE`` per source by the sample key, a superset of the shard's own)."""
    for df in _row_groups(RunLayout(run_dir).url(path)):
        if "metadata" in df.columns:  # code: language and licence (code section); synthetic: the template (synthetic section)
            df = df.with_columns(pl.col("metadata").str.json_path_match(f"$.{k}").alias(k) for k in CODE_FIELDS + SYNTH_FIELDS)
        df = _labelled(df.drop("metadata", strict=False), "source", "language", "group")
        df = df.with_columns(pl.col("text").str.len_bytes().cast(pl.Int64).alias("text_bytes"), pl.lit(path).alias("shard"))
        samples = (
            df.with_columns(_sample_key(seed).alias("_key"))
            .filter(pl.col("_key").rank("dense").over("source") <= SAMPLES_PER_SOURCE)  # distinct documents: a mix repeats ids
            .with_columns(pl.col("text").str.slice(0, SAMPLE_CHARS).alias("text"))
        )
        yield df.drop("text"), samples


def _side(run_dir: str, manifest: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    """The manifest's side outputs of ``kind``, each with its ``url``."""
    return [dict(s, url=RunLayout(run_dir).url(s["path"])) for s in manifest["side_outputs"] if s.get("kind") == kind]


CONTAMINATION_SCHEMA = {"doc_id": pl.String, "benchmark": pl.String, "item_id": pl.String, "ngram": pl.String,
                        "n": pl.Int64, "matched_ngrams": pl.Int64, "action": pl.String, "start": pl.Int64, "end": pl.Int64}


def _medians(lengths: pl.DataFrame) -> pl.Expr:
    """Tokens of a removal whose kept document is not in the shards: its source's median, else the run's."""
    per = {src: median(*spread_of(d, "token_count")) for (src,), d in lengths.group_by("source")}
    overall = median(*spread_of(lengths, "token_count")) if lengths.height else None
    return pl.col("source").replace_strict(per, default=None, return_dtype=pl.Float64).fill_null(float(overall or 0))


def _shard_pass(run_dir: str, manifest: dict[str, Any], seed: int) -> ShardAggregates:
    agg = ShardPass(SAMPLES_PER_SOURCE)
    for out in manifest["outputs"]:
        for docs, samples in _shard_frames(run_dir, out["path"], seed):
            agg.add(docs, samples)
    return agg.result()


def load_run(run_dir: str) -> RunData:
    """Everything the report shows, read once, a file at a time, as aggregates; a missing manifest or
    listed file is a ReportInputError."""
    run_dir = run_dir.rstrip("/") or "/"
    manifest = read_manifest(run_dir)
    gone = missing_files(run_dir, manifest)
    if gone:
        shown = ", ".join(gone[:10]) + (f" and {len(gone) - 10} more" if len(gone) > 10 else "")
        raise ReportInputError(f"{run_dir}: {len(gone)} file(s) listed in manifest.json missing: {shown}")
    shards = _shard_pass(run_dir, manifest, int(manifest.get("seed") or 0))
    outputs = [{"url": RunLayout(run_dir).url(o["path"])} for o in manifest["outputs"]]
    kept = int(shards.groups["first_documents"].sum() or 0) if shards.groups.height else 0
    contamination = [_read(s["url"]) for s in _side(run_dir, manifest, "sidecar:decontaminate")]
    return RunData(
        run_dir=run_dir,
        manifest=manifest,
        shards=shards,
        rejected=rejected_counts(_read, [s["url"] for s in _side(run_dir, manifest, "rejected")], _labelled),
        removed=removed_aggregates(_read, _names, _side(run_dir, manifest, "removed"), outputs, kept,
                                   _medians(shards.lengths), _labelled),
        contamination=_concat(contamination, CONTAMINATION_SCHEMA),
        samples=shards.samples,
    )
