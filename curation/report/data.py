"""A finished run as tidy polars frames: the manifest, one row per output document, and the side outputs."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import fsspec
import polars as pl

from curation.io.files import exists, read_json
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
    run_dir: str
    manifest: dict[str, Any]
    docs: pl.DataFrame  # one row per output document, no text: + text_bytes, shard
    rejected: pl.DataFrame  # what filters dropped: id, url, source, stage, reason, language, text_bytes
    removed: pl.DataFrame  # what dedup removed: id, url, source, stage, reason, cluster_id, kept_id
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


def _read(url: str) -> pl.DataFrame:
    try:
        with fsspec.open(url, "rb") as fh:
            return pl.read_parquet(fh)
    except Exception as exc:  # a truncated or foreign file: name it, as for a missing one
        why = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise ReportInputError(f"{url}: not readable as parquet ({why})") from exc


def _concat(frames: list[pl.DataFrame], empty: dict[str, Any]) -> pl.DataFrame:
    frames = [f for f in frames if f.height]
    return pl.concat(frames, how="diagonal_relaxed") if frames else pl.DataFrame(schema=empty)


def _labelled(df: pl.DataFrame, *columns: str) -> pl.DataFrame:
    """Null category labels become ``(none)``, so every document lands in some row of a table."""
    present = [c for c in columns if c in df.columns]
    return df.with_columns(pl.col(c).cast(pl.String).fill_null(NONE_LABEL) for c in present)


def _sample_key(seed: int) -> pl.Expr:
    return pl.col("id").hash(seed=seed)


def _shard_frames(run_dir: str, path: str, seed: int) -> tuple[pl.DataFrame, pl.DataFrame]:
    """A shard's documents without text (+ text_bytes, shard) and its sample candidates."""
    df = _read(RunLayout(run_dir).url(path))
    if "metadata" in df.columns:  # code: language and licence (code section); synthetic: the template (synthetic section)
        df = df.with_columns(pl.col("metadata").str.json_path_match(f"$.{k}").alias(k) for k in CODE_FIELDS + SYNTH_FIELDS)
    df = _labelled(df.drop("metadata", strict=False), "source", "language", "group")
    df = df.with_columns(pl.col("text").str.len_bytes().cast(pl.Int64).alias("text_bytes"), pl.lit(path).alias("shard"))
    samples = (
        df.with_columns(_sample_key(seed).alias("_key"))
        .filter(pl.col("_key").rank("ordinal").over("source") <= SAMPLES_PER_SOURCE)
        .with_columns(pl.col("text").str.slice(0, SAMPLE_CHARS).alias("text"))
    )
    return df.drop("text"), samples


def _side(run_dir: str, manifest: dict[str, Any], kind: str) -> list[pl.DataFrame]:
    return [_read(RunLayout(run_dir).url(s["path"])) for s in manifest["side_outputs"] if s.get("kind") == kind]


REJECTED_SCHEMA = {"id": pl.String, "url": pl.String, "source": pl.String, "stage": pl.String, "reason": pl.String,
                   "language": pl.String, "text_bytes": pl.Int64}
REMOVED_SCHEMA = {"id": pl.String, "url": pl.String, "source": pl.String, "stage": pl.String, "reason": pl.String,
                  "cluster_id": pl.UInt64, "kept_id": pl.String}
CONTAMINATION_SCHEMA = {"doc_id": pl.String, "benchmark": pl.String, "item_id": pl.String, "ngram": pl.String,
                        "n": pl.Int64, "matched_ngrams": pl.Int64, "action": pl.String, "start": pl.Int64, "end": pl.Int64}


def load_run(run_dir: str) -> RunData:
    """Everything the report shows, read once; a missing manifest or listed file is a ReportInputError."""
    run_dir = run_dir.rstrip("/") or "/"
    manifest = read_manifest(run_dir)
    gone = missing_files(run_dir, manifest)
    if gone:
        shown = ", ".join(gone[:10]) + (f" and {len(gone) - 10} more" if len(gone) > 10 else "")
        raise ReportInputError(f"{run_dir}: {len(gone)} file(s) listed in manifest.json missing: {shown}")
    seed = int(manifest.get("seed") or 0)
    docs, samples = [], []
    for out in manifest["outputs"]:
        d, s = _shard_frames(run_dir, out["path"], seed)
        docs.append(d)
        samples.append(s)
    doc_frame = pl.concat(docs, how="diagonal_relaxed") if docs else pl.DataFrame(
        schema={"id": pl.String, "source": pl.String, "language": pl.String, "token_count": pl.Int64,
                "edu_score": pl.Float64, "text_bytes": pl.Int64, "shard": pl.String})
    sample_frame = pl.concat(samples, how="diagonal_relaxed") if samples else pl.DataFrame()
    if sample_frame.height:
        sample_frame = (sample_frame.sort("source", "_key").unique("id", keep="first", maintain_order=True)
                        .filter(pl.int_range(pl.len()).over("source") < SAMPLES_PER_SOURCE))
    return RunData(
        run_dir=run_dir,
        manifest=manifest,
        docs=doc_frame,
        rejected=_labelled(_concat(_side(run_dir, manifest, "rejected"), REJECTED_SCHEMA), "source", "language"),
        removed=_labelled(_concat(_side(run_dir, manifest, "removed"), REMOVED_SCHEMA), "source"),
        contamination=_concat(_side(run_dir, manifest, "sidecar:decontaminate"), CONTAMINATION_SCHEMA),
        samples=sample_frame,
    )
