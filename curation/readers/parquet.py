"""Parquet -> one Document per row, streamed in record batches, optionally only some row groups.

Row groups are parquet's own unit of independent reading, so they are how a big file is split into
work units (``split_row_groups``) without reading anything twice.
"""

from __future__ import annotations

import fsspec
import pyarrow.parquet as pq
from datatrove.data import Document

from curation.core.step import CurationStep
from curation.readers._common import file_label, record_document

BATCH_ROWS = 1024


def split_row_groups(path: str, target_rows: int) -> list[list[int] | None]:
    """Consecutive row groups of about ``target_rows`` rows each; [None] (all) when small or unreadable."""
    try:
        with fsspec.open(path, "rb") as f:
            meta = pq.ParquetFile(f).metadata
            sizes = [meta.row_group(i).num_rows for i in range(meta.num_row_groups)]
    except Exception:  # noqa: BLE001 - the reader will report the file as unreadable
        return [None]
    if len(sizes) <= 1 or sum(sizes) <= target_rows:
        return [None]
    groups, current, rows = [], [], 0
    for i, n in enumerate(sizes):
        current.append(i)
        rows += n
        if rows >= target_rows:
            groups.append(current)
            current, rows = [], 0
    if current:
        groups.append(current)
    return groups


class ParquetReader(CurationStep):
    """Reads one parquet file (or some of its row groups); bad rows are skipped with their row index."""

    name = "parquet reader"
    type = "reader"

    def __init__(self, path: str, source: str = "parquet", rel_path: str | None = None, text_field: str = "text",
                 id_field: str = "id", url_field: str = "url", row_groups: list[int] | None = None):
        super().__init__()
        self.path, self.source = path, source
        self.file = file_label(path, rel_path)
        self.text_field, self.id_field, self.url_field = text_field, id_field, url_field
        self.row_groups = row_groups

    def run(self, data=None, rank: int = 0, world_size: int = 1):
        if data:
            yield from data
        try:
            f = fsspec.open(self.path, "rb").open()
            pf = pq.ParquetFile(f)
        except Exception as e:  # noqa: BLE001 - any failure to open is a skip, never fatal
            self.skip(self.file, "unreadable", f"{type(e).__name__}: {e}")
            return
        with f:
            names = pf.schema_arrow.names
            if self.text_field not in names:
                self.skip(self.file, "missing_text_column", f"no {self.text_field!r}; columns: {names}")
                return
            meta = pf.metadata
            first_row, total = [], 0
            for i in range(meta.num_row_groups):
                first_row.append(total)
                total += meta.row_group(i).num_rows
            groups = range(meta.num_row_groups) if self.row_groups is None else self.row_groups
            for rg in groups:
                if not 0 <= rg < meta.num_row_groups:
                    self.skip(f"{self.file}#rg{rg}", "bad_row_group", f"file has {meta.num_row_groups} row groups")
                    continue
                yield from self._row_group(pf, rg, first_row[rg])

    def _row_group(self, pf, rg: int, row: int):
        """Documents of one row group; a row group that cannot be decoded is one skip."""
        try:
            for batch in pf.iter_batches(batch_size=BATCH_ROWS, row_groups=[rg]):
                for record in batch.to_pylist():
                    try:
                        doc = self._to_document(record, row)
                    except Exception as e:  # noqa: BLE001 - one odd row must not end the row group
                        self.skip(f"{self.file}:{row}", "bad_record", f"{type(e).__name__}: {e}")
                        doc = None
                    row += 1
                    if doc is not None:
                        self.stat_update("documents")
                        self.update_doc_stats(doc)
                        yield doc
        except Exception as e:  # noqa: BLE001 - corrupt pages must not end the work unit
            self.skip(f"{self.file}#rg{rg}:{row}", "unreadable", f"{type(e).__name__}: {e}")

    def _to_document(self, record: dict, row: int) -> Document | None:
        where = f"{self.file}:{row}"
        text = record.get(self.text_field)
        if isinstance(text, (bytes, bytearray)):
            try:
                text = bytes(text).decode("utf-8")
            except UnicodeDecodeError as e:
                self.skip(where, "not_utf8", str(e))
                return None
        if not isinstance(text, str):
            kind = "null" if text is None else type(text).__name__
            self.skip(where, "missing_text", f"{self.text_field!r} is {kind}")
            return None
        return record_document(self, record, text, where, {"row": row})
