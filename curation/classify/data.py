"""Labelled rows from JSONL / parquet (any fsspec URL), bad rows counted by reason, stratified split.

Labels:

* ``graded``: a 0-5 score. Integers, floats and numeric strings are accepted; a float is rounded
  **half up** (``floor(x + 0.5)``: 2.5 -> 3, 2.49 -> 2), so "rounded score >= 3" is exactly
  "raw score >= 2.5", the cut FineWeb-Edu makes on its regression output. A value outside [0, 5]
  before rounding is ``label_out_of_range`` (never clipped: a 7 is an annotation bug, not a 5).
* ``binary``: 0 or 1 (also ``true``/``false``; 1 = high quality), e.g. DCLM's agreement data.

Reasons a row is dropped (counted, with a few examples each):

``bad_json``            the line is not JSON            ``not_an_object``    JSON, but not an object
``not_utf8``            the line is not UTF-8            ``missing_text``     no text field, or null
``bad_text``            the text is not a string         ``empty_text``       only whitespace
``unlabelled``          no label field, null or NaN      ``bad_label``        not a number (or a bool for grades)
``label_out_of_range``  outside [0, 5] (graded) or not 0/1 (binary)
``duplicate_text``      the same normalised text again (training only; first copy kept)
"""

from __future__ import annotations

import hashlib
import json
import math
import os
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Iterator, Literal

import fsspec
import numpy as np

from curation.classify.recipe import MAX_GRADE, MIN_GRADE
from curation.io import files as io_files
from curation.io import paths as io_paths

Scheme = Literal["graded", "binary"]

#: Examples kept per drop reason (the counts are exact).
MAX_EXAMPLES_PER_REASON = 5


class ClassifierDataError(ValueError):
    """Training data that cannot make a classifier (one class, too few rows, missing files...)."""


# ---------------------------------------------------------------------------------------------
# Drop report
# ---------------------------------------------------------------------------------------------


@dataclass
class DropReport:
    """Rows dropped, by reason, with up to ``MAX_EXAMPLES_PER_REASON`` examples per reason."""

    counts: Counter = field(default_factory=Counter)
    examples: dict[str, list[dict[str, str]]] = field(default_factory=dict)

    def add(self, reason: str, where: str, detail: str = "") -> None:
        self.counts[reason] += 1
        ex = self.examples.setdefault(reason, [])
        if len(ex) < MAX_EXAMPLES_PER_REASON:
            ex.append({"where": where, "detail": detail[:200]})

    def merge(self, other: DropReport) -> None:
        for reason, n in other.counts.items():
            self.counts[reason] += n
            ex = self.examples.setdefault(reason, [])
            ex.extend(other.examples.get(reason, [])[: MAX_EXAMPLES_PER_REASON - len(ex)])

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def to_dict(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "by_reason": dict(sorted(self.counts.items())),
            "examples": {r: self.examples[r] for r in sorted(self.examples)},
        }

    def summary(self) -> str:
        if not self.counts:
            return "no rows dropped"
        return ", ".join(f"{r}: {n}" for r, n in sorted(self.counts.items()))


# ---------------------------------------------------------------------------------------------
# Labels
# ---------------------------------------------------------------------------------------------


def parse_label(value: Any, scheme: Scheme) -> tuple[int | None, str | None]:
    """``(label, None)`` or ``(None, reason)`` for one raw label value."""
    if value is None:
        return None, "unlabelled"
    if isinstance(value, bool):
        if scheme == "binary":
            return int(value), None
        return None, "bad_label"
    if isinstance(value, str):
        s = value.strip()
        if not s:
            return None, "unlabelled"
        try:
            value = float(s)
        except ValueError:
            if scheme == "binary" and s.lower() in ("true", "false"):
                return int(s.lower() == "true"), None
            return None, "bad_label"
    if isinstance(value, (np.integer, np.floating)):
        value = value.item()
    if not isinstance(value, (int, float)):
        return None, "bad_label"
    if isinstance(value, float):
        if math.isnan(value):
            return None, "unlabelled"
        if math.isinf(value):
            return None, "label_out_of_range"
    if scheme == "binary":
        if value in (0, 1):
            return int(value), None
        return None, "label_out_of_range"
    if not MIN_GRADE <= value <= MAX_GRADE:
        return None, "label_out_of_range"
    return int(math.floor(value + 0.5)), None


def check_text(value: Any) -> tuple[str | None, str | None]:
    """``(text, None)`` or ``(None, reason)``."""
    if value is None:
        return None, "missing_text"
    if not isinstance(value, str):
        return None, "bad_text"
    if not value.strip():
        return None, "empty_text"
    return value, None


# ---------------------------------------------------------------------------------------------
# Files
# ---------------------------------------------------------------------------------------------

_JSONL_SUFFIXES = (".jsonl", ".json", ".ndjson")
_COMPRESSION = (".gz", ".bz2", ".xz", ".zst", ".zstd")


def detect_format(path: str) -> str:
    name = path.lower()
    for c in _COMPRESSION:
        name = name.removesuffix(c)
    if name.endswith((".parquet", ".pq")):
        return "parquet"
    if name.endswith(_JSONL_SUFFIXES):
        return "jsonl"
    raise ClassifierDataError(f"{path}: cannot tell the format from the name (use .jsonl or .parquet, or set format:)")


def expand_paths(paths: list[str], suffixes: tuple[str, ...] | None = None) -> list[str]:
    """``curation.io.paths.expand_paths`` with a ``ClassifierDataError`` for a name matching no file."""
    try:
        return io_paths.expand_paths(paths, suffixes)
    except FileNotFoundError as e:
        raise ClassifierDataError(str(e)) from None


def file_digest(path: str) -> dict[str, Any]:
    """sha256 and size of one file (local or fsspec), as a model card lists them."""
    size, sha = io_files.file_digest(path)
    return {"sha256": sha, "bytes": size}


def iter_records(path: str, fmt: str = "auto", fields: tuple[str, ...] | None = None,
                 report: DropReport | None = None) -> Iterator[tuple[str, dict[str, Any]]]:
    """``(where, row)`` for each JSON object / parquet row; malformed lines go to ``report``."""
    fmt = detect_format(path) if fmt == "auto" else fmt
    label = os.path.basename(path.rstrip("/"))
    if fmt == "parquet":
        import pyarrow.parquet as pq

        with fsspec.open(path, "rb") as f:
            pf = pq.ParquetFile(f)
            names = set(pf.schema_arrow.names)
            missing = [c for c in (fields or ()) if c not in names]
            if missing:
                raise ClassifierDataError(f"{path}: no column {', '.join(map(repr, missing))} (columns: {', '.join(sorted(names))})")
            columns = list(fields) if fields else pf.schema_arrow.names
            row = 0
            for batch in pf.iter_batches(columns=columns, batch_size=8192):
                for rec in batch.to_pylist():
                    row += 1
                    yield f"{label}#row{row}", rec
        return
    with fsspec.open(path, "rb", compression="infer") as f:
        for lineno, raw in enumerate(f, 1):
            where = f"{label}:{lineno}"
            if not raw.strip():
                continue
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as e:
                if report is not None:
                    report.add("not_utf8", where, str(e))
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as e:
                if report is not None:
                    report.add("bad_json", where, f"{e.msg} at column {e.colno}")
                continue
            if not isinstance(rec, dict):
                if report is not None:
                    report.add("not_an_object", where, f"a JSON {type(rec).__name__}")
                continue
            yield where, rec


@dataclass
class LabelledRows:
    """Texts with integer labels, what was dropped and why, and the files read."""

    texts: list[str]
    labels: list[int]
    report: DropReport
    files: list[dict[str, Any]]
    rows_read: int = 0

    def label_counts(self) -> dict[str, int]:
        return {str(k): v for k, v in sorted(Counter(self.labels).items())}


def read_labelled(paths: str | list[str], text_field: str = "text", label_field: str = "score",
                  scheme: Scheme = "graded", fmt: str = "auto", digest: bool = True) -> LabelledRows:
    """Every usable ``(text, label)`` row of ``paths``; the others counted in ``report`` by reason.

    A file that does not exist, or a parquet file without the text or the label column, is an error
    (``ClassifierDataError``); everything wrong inside a row (JSONL rows without the field included)
    is a counted drop.
    """
    files = expand_paths([paths] if isinstance(paths, str) else list(paths))
    report = DropReport()
    texts: list[str] = []
    labels: list[int] = []
    metas: list[dict[str, Any]] = []
    read = 0
    for path in files:
        n_in = n_kept = 0
        for where, rec in iter_records(path, fmt, (text_field, label_field), report):
            n_in += 1
            text, why = check_text(rec.get(text_field))
            if why is None:
                label, why = parse_label(rec.get(label_field), scheme)
            if why is not None:
                detail = ""
                if why == "label_out_of_range" or why == "bad_label":
                    detail = f"{label_field}={rec.get(label_field)!r}"
                elif why in ("missing_text", "bad_text"):
                    detail = f"{text_field}={rec.get(text_field)!r}"[:80]
                elif why == "unlabelled":
                    detail = f"{label_field} missing or null"
                report.add(why, where, detail)
                continue
            texts.append(text)
            labels.append(label)
            n_kept += 1
        read += n_in
        meta = {"path": path, "rows": n_in, "usable": n_kept}
        if digest:
            meta.update(file_digest(path))
        metas.append(meta)
    return LabelledRows(texts, labels, report, metas, read)


# ---------------------------------------------------------------------------------------------
# Split and sampling
# ---------------------------------------------------------------------------------------------


def stratified_split(labels: list[int] | np.ndarray, holdout: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Indices ``(train, held_out)``: each class contributes ``round(n * holdout)`` rows to the
    held-out part (at least 1 when the class has 2+ rows and holdout > 0; never all of them).

    Deterministic for a seed: classes are taken in sorted order, each shuffled by its own
    ``numpy.random.default_rng([seed, label])`` stream. Both index arrays are sorted.
    """
    y = np.asarray(labels)
    train_parts, hold_parts = [], []
    for lab in np.unique(y):
        idx = np.flatnonzero(y == lab)
        n = len(idx)
        k = int(math.floor(n * holdout + 0.5)) if holdout > 0 else 0
        if holdout > 0 and n >= 2:
            k = max(k, 1)
        k = min(k, n - 1)
        perm = np.random.default_rng([seed, int(lab) & 0x7FFFFFFF]).permutation(idx)
        hold_parts.append(perm[:k])
        train_parts.append(perm[k:])
    train = np.sort(np.concatenate(train_parts)) if train_parts else np.array([], dtype=int)
    hold = np.sort(np.concatenate(hold_parts)) if hold_parts else np.array([], dtype=int)
    return train.astype(np.int64), hold.astype(np.int64)


def sample_indices(n: int, k: int | None, seed: int, salt: str = "") -> np.ndarray:
    """A seeded random subset of ``range(n)`` of size ``min(n, k)``, in original order."""
    if k is None or k >= n:
        return np.arange(n)
    salt_int = int.from_bytes(hashlib.sha256(salt.encode()).digest()[:4], "little")
    rng = np.random.default_rng([seed, salt_int])
    return np.sort(rng.choice(n, size=k, replace=False))
