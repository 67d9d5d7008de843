"""One pass over the shards, one shard at a time: what the report needs of the kept documents as
aggregates, so the driver holds a shard and a few small frames, never a row per document.

- ``groups``: documents, tokens and text bytes per (source, language, group, epoch, code language,
  licence, template), and the same over the distinct documents (``first_*``: rows of epoch 0, the
  mix's first pass, which holds every document it took; all rows of an unmixed run);
- ``lengths``: documents and text bytes per (source, token_count) (``sketch``: exact quantiles);
- ``edu``: documents per (source, edu_score);
- ``samples``: a few documents per source (the top of each row group by a hash of the id, merged)."""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from curation.report.sketch import MERGE_EVERY, Counts, detached

#: Columns a shard may hold that the report counts documents by (absent ones are skipped).
GROUP_KEYS = ("source", "language", "group", "epoch", "code_language", "license", "template")
SUMS = ["documents", "tokens", "text_bytes", "first_documents", "first_tokens", "first_text_bytes"]


@dataclass(frozen=True)
class ShardAggregates:
    columns: frozenset[str]  # every column the shards held (metadata fields included)
    groups: pl.DataFrame
    lengths: pl.DataFrame
    edu: pl.DataFrame | None  # None: no shard has edu_score
    edu_approximate: bool
    samples: pl.DataFrame  # the report's sample documents (text cut)


def first_rows(df: pl.DataFrame) -> pl.Expr:
    """The distinct documents of a shard: epoch 0 of a mixed run (later epochs repeat them), else all."""
    return (pl.col("epoch") == 0).fill_null(True) if "epoch" in df.columns else pl.lit(True)


def group_counts(df: pl.DataFrame) -> pl.DataFrame:
    keys = [k for k in GROUP_KEYS if k in df.columns]
    first = first_rows(df)
    tokens = pl.col("token_count") if "token_count" in df.columns else pl.lit(None, pl.Int64)
    return df.group_by(keys).agg(
        pl.len().cast(pl.Int64).alias("documents"), tokens.sum().cast(pl.Int64).alias("tokens"),
        pl.col("text_bytes").sum().alias("text_bytes"), first.sum().cast(pl.Int64).alias("first_documents"),
        tokens.filter(first).sum().cast(pl.Int64).alias("first_tokens"),
        pl.col("text_bytes").filter(first).sum().alias("first_text_bytes"))


def length_counts(df: pl.DataFrame) -> pl.DataFrame:
    tokens = pl.col("token_count") if "token_count" in df.columns else pl.lit(None, pl.Int64)
    return (df.with_columns(tokens.cast(pl.Int64).alias("token_count")).group_by("source", "token_count")
            .agg(pl.len().cast(pl.Int64).alias("documents"), pl.col("text_bytes").sum().alias("text_bytes")))


def edu_counts(df: pl.DataFrame) -> pl.DataFrame:
    return (df.with_columns(pl.col("edu_score").cast(pl.Float64)).group_by("source", "edu_score")
            .agg(pl.len().cast(pl.Int64).alias("documents")))


def top_samples(frames: list[pl.DataFrame], per_source: int) -> pl.DataFrame:
    """The ``per_source`` documents of each source with the lowest sample key (``_key``), ids once:
    the same from the parts' own tops as from all their rows."""
    df = pl.concat(frames, how="diagonal_relaxed") if frames else pl.DataFrame()
    if not df.height:
        return df
    return (df.sort("source", "_key").unique("id", keep="first", maintain_order=True)
            .filter(pl.int_range(pl.len()).over("source") < per_source))


class ShardPass:
    """Feed it each shard's frame (text dropped, + text_bytes) in manifest order; ``result()`` merges."""

    def __init__(self, samples_per_source: int) -> None:
        self.per_source = samples_per_source
        self.columns: set[str] = set()
        self.groups = Counts(list(GROUP_KEYS), SUMS)
        self.lengths = Counts(["source", "token_count"], ["documents", "text_bytes"])
        self.edu = Counts(["source", "edu_score"], ["documents"], value="edu_score")
        self.has_edu = False
        self.samples: list[pl.DataFrame] = []

    def add(self, df: pl.DataFrame, samples: pl.DataFrame) -> None:
        self.columns |= set(df.columns)
        self.groups.add(group_counts(df))
        self.lengths.add(length_counts(df))
        if "edu_score" in df.columns:
            self.has_edu = True
            self.edu.add(edu_counts(df))
        self.samples.append(detached(samples))
        if len(self.samples) >= MERGE_EVERY:
            self.samples = [top_samples(self.samples, self.per_source)]

    def result(self) -> ShardAggregates:
        empty = {"source": pl.String, "language": pl.String, **{c: pl.Int64 for c in SUMS}}
        groups = self.groups.frame()
        lengths = self.lengths.frame()
        return ShardAggregates(
            columns=frozenset(self.columns),
            groups=groups if groups is not None else pl.DataFrame(schema=empty),
            lengths=lengths if lengths is not None else pl.DataFrame(
                schema={"source": pl.String, "token_count": pl.Int64, "documents": pl.Int64, "text_bytes": pl.Int64}),
            edu=self.edu.frame() if self.has_edu else None,
            edu_approximate=self.edu.approximate,
            samples=top_samples(self.samples, self.per_source),
        )
