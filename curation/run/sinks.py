"""Where a work unit's documents go: a staging parquet of kept documents and one of rejected ones."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from functools import lru_cache
from typing import Any

import pyarrow as pa
import tiktoken
from datatrove.data import Document

from curation.core.view import ROW_GROUP_BYTES
from curation.io.files import ParquetStream, write_parquet_atomic
from curation.io.schema import DOC_SCHEMA, column_type_error, documents_to_table, rejects_to_table


@lru_cache(maxsize=None)
def token_encoder(name: str) -> tiktoken.Encoding:
    """tiktoken's registered encoding without the Python dict of its merge ranks (~15 MiB RSS per worker
    for cl100k_base): its Rust encoder keeps its own copy, and tiktoken reads the dict only to pickle an
    encoding that is not registered (a registered one pickles by its name, tests/test_token_encoder.py)."""
    encoding = tiktoken.get_encoding(name)
    if tiktoken.registry.ENCODINGS.get(name) is encoding and isinstance(getattr(encoding, "_mergeable_ranks", None), dict):
        encoding._mergeable_ranks = {}
    return encoding


class DocumentSink:
    """Counts tokens (cl100k_base by default, offline) and stages the unit's kept documents, a row
    group at a time: ``row_group_rows`` documents or ``ROW_GROUP_BYTES`` of text, whichever comes
    first, so neither the sink nor a task reading the staged unit holds more than that. A document
    whose values do not fit DOC_SCHEMA is not staged: ``skip(where, "bad_column_type", detail)``
    counts it (the unit's reader's skip channel)."""

    def __init__(self, url: str, encoding: str, row_group_rows: int,
                 skip: Callable[[str, str, str], None] | None = None) -> None:
        self.stream = ParquetStream(url, DOC_SCHEMA)
        self.skip = skip
        self.encoder = token_encoder(encoding)
        self.row_group_rows = row_group_rows
        self.docs: list[Document] = []
        self.rows = self.tokens = self.text_bytes = 0
        self._pending_bytes = 0

    def add(self, doc: Document) -> None:
        doc.metadata.pop("token_count", None)  # ours to set (a reader's stray key is not checked)
        if self.skip is not None and (error := column_type_error(doc)) is not None:
            self.skip(f"doc {doc.id}", "bad_column_type", error)
            return
        doc.metadata["token_count"] = len(self.encoder.encode_ordinary(doc.text))
        self.rows += 1
        self.tokens += doc.metadata["token_count"]
        size = len(doc.text.encode("utf-8"))
        self.text_bytes += size
        self._pending_bytes += size
        self.docs.append(doc)
        if len(self.docs) >= self.row_group_rows or self._pending_bytes >= ROW_GROUP_BYTES:
            self._flush()

    def _flush(self) -> None:
        if self.docs:
            self.stream.write(documents_to_table(self.docs))
            self.docs, self._pending_bytes = [], 0

    def close(self) -> None:
        self._flush()
        self.stream.close()

    def abort(self) -> None:
        self.stream.abort()


class RejectCollector:
    """Plays datatrove's ``exclusion_writer`` for every filter, so each drop is recorded with its stage."""

    def __init__(self, keep_text: bool = False) -> None:
        self.rows: list[dict[str, Any]] = []
        self.keep_text = keep_text

    def for_stage(self, stage: str) -> _StageWriter:
        return _StageWriter(self, stage)

    def write_parquet(self, url: str) -> pa.Table:
        table = rejects_to_table(self.rows, with_text=self.keep_text)
        write_parquet_atomic(table, url)
        return table


class _StageWriter(contextlib.AbstractContextManager):
    def __init__(self, collector: RejectCollector, stage: str) -> None:
        self.collector, self.stage = collector, stage

    def __exit__(self, *exc) -> None:
        return None

    def write(self, doc: Document, rank: int = 0, **_: Any) -> None:
        md = doc.metadata
        self.collector.rows.append(
            {
                "id": str(doc.id),
                "url": md.get("url"),
                "source": md.get("source"),
                "stage": self.stage,
                "reason": md.pop("filter_reason", None) or "dropped",
                "language": md.get("language"),
                "text_bytes": len((doc.text or "").encode("utf-8", "replace")),
                **({"text": doc.text} if self.collector.keep_text else {}),
            }
        )
