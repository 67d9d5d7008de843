"""Statistics of a column from its value counts, so the report never holds a row per document.

A run's figures are merged from per-shard value counts (value, documents): token counts are integers
bounded by a document's length, so their distinct values stay few whatever the number of documents,
and quantiles, min, max and mean computed from them equal polars' own over every row (``nearest``
quantiles, the median interpolated). A float column (edu scores) is counted exactly while its distinct
values stay under ``EXACT_VALUES``; past that it is rounded to ``ROUND_DIGITS`` decimals (the report
marks those figures as approximate)."""

from __future__ import annotations

import math

import numpy as np
import polars as pl

#: Distinct (key, value) rows a value-count frame keeps exactly before its values are rounded.
EXACT_VALUES = 400_000
#: Decimals a float column is rounded to past ``EXACT_VALUES`` distinct values (edu scores: 0.0001).
ROUND_DIGITS = 4
#: Partial frames gathered before they are summed into one (bounds the merge buffer).
MERGE_EVERY = 32


def detached(df: pl.DataFrame) -> pl.DataFrame:
    """A copy owning its strings: a polars string taken from a larger frame (a group key, a sliced text)
    is a view that keeps that frame's whole buffer alive (a row group's text, for a sample)."""
    return pl.from_arrow(df.to_arrow(compat_level=pl.CompatLevel.oldest()))


class Counts:
    """A frame of ``keys`` + ``documents`` (and other summed columns), merged shard by shard.

    ``value``: a float column rounded to ``ROUND_DIGITS`` once the frame passes ``EXACT_VALUES`` rows
    (``approximate`` then says so)."""

    def __init__(self, keys: list[str], sums: list[str], value: str | None = None) -> None:
        self.keys, self.sums, self.value = keys, sums, value
        self.parts: list[pl.DataFrame] = []
        self.approximate = False

    def add(self, part: pl.DataFrame) -> None:
        self.parts.append(detached(self._rounded(part) if self.approximate else part))
        if len(self.parts) >= MERGE_EVERY:
            self.parts = [self._merged()]

    def _rounded(self, df: pl.DataFrame) -> pl.DataFrame:
        return df.with_columns(pl.col(self.value).round(ROUND_DIGITS)) if self.value in df.columns else df

    def _merged(self) -> pl.DataFrame:
        df = pl.concat(self.parts, how="diagonal_relaxed")
        keys = [k for k in self.keys if k in df.columns]
        df = df.group_by(keys).agg(pl.col(c).sum() for c in self.sums if c in df.columns)
        if self.value and not self.approximate and df.height > EXACT_VALUES:
            self.approximate = True
            return self._merged_rounded(df, keys)
        return df

    def _merged_rounded(self, df: pl.DataFrame, keys: list[str]) -> pl.DataFrame:
        return self._rounded(df).group_by(keys).agg(pl.col(c).sum() for c in self.sums if c in df.columns)

    def frame(self) -> pl.DataFrame | None:
        """The merged frame, sorted by its keys (None when nothing was added)."""
        if not self.parts:
            return None
        df = self._merged()
        self.parts = [df]
        return df.sort([k for k in self.keys if k in df.columns], nulls_last=False)


def rank_value(values: np.ndarray, counts: np.ndarray, rank: int) -> float:
    """The value at 0-based ``rank`` of the sorted column ``values`` repeated ``counts`` times."""
    return float(values[int(np.searchsorted(np.cumsum(counts), rank, side="right"))])


def quantile(values: np.ndarray, counts: np.ndarray, q: float) -> float | None:
    """polars' ``quantile(q)`` (interpolation ``nearest``: rank round-half-up of (n - 1) q)."""
    n = int(counts.sum())
    return None if n == 0 else rank_value(values, counts, int(math.floor((n - 1) * q + 0.5)))


def median(values: np.ndarray, counts: np.ndarray) -> float | None:
    """polars' ``median()``: the two middle values' mean when the count is even."""
    n = int(counts.sum())
    if n == 0:
        return None
    h = (n - 1) * 0.5
    lo, hi = rank_value(values, counts, math.floor(h)), rank_value(values, counts, math.ceil(h))
    return lo + (hi - lo) * (h - math.floor(h))


def spread_of(df: pl.DataFrame, value: str) -> tuple[np.ndarray, np.ndarray]:
    """Sorted non-null values of a value-count frame and their counts (``documents``)."""
    d = df.filter(pl.col(value).is_not_null()).group_by(value).agg(pl.col("documents").sum()).sort(value)
    return d[value].to_numpy(), d["documents"].to_numpy()
