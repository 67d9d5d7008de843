"""What an annotation did, document by document, and the graded ``{id, text, score}`` file it makes."""

from __future__ import annotations

import dataclasses
import json
from collections import Counter
from typing import Any

from curation.classify.reply import MAX_SCORE, MIN_SCORE
from curation.classify.rubric import RUBRIC_VERSION
from curation.io.files import atomic_open, write_parquet_atomic

#: How many examples of each failure reason the report keeps (counts are exact).
MAX_EXAMPLES = 5


@dataclasses.dataclass
class AnnotationRecord:
    """One input document's outcome, in input order."""

    index: int
    id: str
    text: str | None
    score: int | None = None
    reason: str | None = None  # why there is no score (None when scored)
    detail: str = ""
    cached: bool = False  # taken from the cache, no request made in this run


@dataclasses.dataclass
class AnnotationReport:
    """What ``annotate`` did: per-document records (input order) and counts."""

    records: list[AnnotationRecord]
    model: str
    endpoint: str
    rubric_version: str = RUBRIC_VERSION
    requests: int = 0  # HTTP requests sent in this run, retries included
    retries: int = 0
    usage: dict[str, int] = dataclasses.field(default_factory=dict)  # token counts the endpoint reported
    seconds: float = 0.0

    @property
    def annotations(self) -> list[AnnotationRecord]:
        """The scored documents, in input order."""
        return [r for r in self.records if r.score is not None]

    @property
    def failed_by_reason(self) -> dict[str, int]:
        return dict(sorted(Counter(r.reason for r in self.records if r.reason is not None).items()))

    def counts(self) -> dict[str, Any]:
        """JSON-ready summary: totals, failures by reason (with a few examples each), score histogram."""
        examples: dict[str, list[str]] = {}
        for r in self.records:
            if r.reason is not None and len(examples.setdefault(r.reason, [])) < MAX_EXAMPLES:
                examples[r.reason].append(f"{r.id}: {r.detail}" if r.detail else r.id)
        scored = self.annotations
        return {
            "documents": len(self.records),
            "annotated": len(scored),
            "failed": len(self.records) - len(scored),
            "from_cache": sum(r.cached for r in self.records),
            "requests": self.requests,
            "retries": self.retries,
            "failed_by_reason": self.failed_by_reason,
            "failure_examples": examples,
            "scores": {str(s): sum(r.score == s for r in scored) for s in range(MIN_SCORE, MAX_SCORE + 1)},
            "usage": dict(self.usage),
            "model": self.model,
            "endpoint": self.endpoint,
            "rubric_version": self.rubric_version,
            "seconds": round(self.seconds, 3),
        }


def is_parquet(path: str) -> bool:
    return path.lower().rstrip("/").endswith((".parquet", ".pq"))


def write_annotations(report: AnnotationReport, output_path: str) -> int:
    """Write the scored documents as ``{id, text, score}`` rows, input order; returns the row count.

    Parquet when ``output_path`` ends in ``.parquet``, else JSON Lines (compressed by extension, e.g.
    ``.jsonl.gz``); any fsspec URL; written atomically (``io.files.atomic_open``). ``id`` is a string,
    ``score`` an integer 0-5: the graded data ``text``/``score`` a classifier is trained on.
    """
    import pyarrow as pa
    from fsspec.utils import infer_compression

    rows = report.annotations
    if is_parquet(output_path):
        table = pa.table({"id": pa.array([r.id for r in rows], pa.string()),
                          "text": pa.array([r.text for r in rows], pa.string()),
                          "score": pa.array([r.score for r in rows], pa.int64())})
        write_parquet_atomic(table, output_path)
        return len(rows)
    with atomic_open(output_path, "wb", compression=infer_compression(output_path)) as fh:
        for r in rows:
            line = json.dumps({"id": r.id, "text": r.text, "score": r.score}, ensure_ascii=False)
            fh.write(line.encode("utf-8", "surrogatepass") + b"\n")
    return len(rows)
