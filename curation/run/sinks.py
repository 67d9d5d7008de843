"""Where a work unit's documents go: a staging parquet of kept documents and one of rejected ones."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from typing import Any

import pyarrow as pa
import tiktoken
from datatrove.data import Document

from curation.core.view import ROW_GROUP_BYTES
from curation.io.files import ParquetStream, write_parquet_atomic
from curation.io.schema import DOC_SCHEMA, column_type_error, documents_to_table, rejects_to_table


class _LeanEncoding(tiktoken.Encoding):
    """A private tiktoken encoding without the Python dict of its merge ranks; it pickles (and copies)
    as a call of ``token_encoder(name)``, so the dict is never needed again."""

    def __reduce__(self) -> tuple[Any, tuple[str]]:
        return token_encoder, (self.name,)


def token_encoder(name: str) -> tiktoken.Encoding:
    """Our own copy of tiktoken's encoding ``name`` without its merge-ranks dict (~15 MiB RSS per worker
    for cl100k_base): its Rust encoder keeps its own copy. tiktoken's registered encoding is left whole
    (others may pickle it or build on its ranks, tests/test_token_encoder.py)."""
    with _BUILDING:  # one copy per process, whichever of a worker's threads asks first
        if name not in _ENCODERS:
            tiktoken.list_encoding_names()  # loads the registered constructors (the offline plugin's too)
            encoding = _LeanEncoding(**tiktoken.registry.ENCODING_CONSTRUCTORS[name]())
            encoding._mergeable_ranks = {}
            _ENCODERS[name] = encoding
        return _ENCODERS[name]


_BUILDING = threading.Lock()
_ENCODERS: dict[str, tiktoken.Encoding] = {}


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
