"""JSON Lines -> one Document per line, optionally only one byte range of an uncompressed file.

A range [start, end) owns exactly the lines whose first byte lies in it, so contiguous ranges from
``split_ranges`` cover every line once and a big file can be spread over many work units.
"""

from __future__ import annotations

import io
import json
import zlib

import fsspec
from datatrove.data import Document
from fsspec.core import url_to_fs
from fsspec.utils import infer_compression

from curation.core.step import CurationStep
from curation.readers._common import file_label, record_document

_COUNT_BLOCK = 1 << 22
_COMPRESSED = (".gz", ".bz2", ".xz", ".lzma", ".zst", ".zstd", ".lz4", ".zip", ".snappy")


def _compressed(path: str) -> bool:
    """Compressed by its name, whether or not fsspec can decompress it here (.zst needs zstandard)."""
    return infer_compression(path) is not None or path.lower().endswith(_COMPRESSED)


def split_ranges(path: str, target_bytes: int) -> list[tuple[int, int | None]]:
    """Contiguous byte ranges of about ``target_bytes``; [(0, None)] when compressed or small."""
    if _compressed(path) or target_bytes <= 0:
        return [(0, None)]
    try:
        fs, p = url_to_fs(path)
        size = fs.size(p)
    except Exception:  # noqa: BLE001 - the reader will report the file as unreadable
        return [(0, None)]
    if not size or size <= target_bytes:
        return [(0, None)]
    starts = list(range(0, size, target_bytes))
    return [(s, e) for s, e in zip(starts, starts[1:])] + [(starts[-1], None)]


def _lines(f, block: int = 1 << 16):
    """Lines (with their newline) from any binary stream, even ones without ``readline`` (zstd)."""
    try:
        while line := f.readline():  # line by line: a cut .gz still gives every line before the cut
            yield line
        return
    except io.UnsupportedOperation:
        pass
    rest = b""
    while chunk := f.read(block):
        rest += chunk
        *lines, rest = rest.split(b"\n")
        for line in lines:
            yield line + b"\n"
    if rest:
        yield rest


class JsonlReader(CurationStep):
    """Reads one JSONL file (or a byte range of it); each bad line is skipped with its line number."""

    name = "jsonl reader"
    type = "reader"

    def __init__(self, path: str, source: str = "jsonl", rel_path: str | None = None, text_field: str = "text",
                 id_field: str = "id", url_field: str = "url", start: int = 0, end: int | None = None):
        super().__init__()
        self.path, self.source = path, source
        self.file = file_label(path, rel_path)
        self.text_field, self.id_field, self.url_field = text_field, id_field, url_field
        self.start, self.end = start, end

    def run(self, data=None, rank: int = 0, world_size: int = 1):
        if data:
            yield from data
        ranged = self.start > 0 or self.end is not None
        if _compressed(self.path) and infer_compression(self.path) is None:
            self.skip(self.file, "unreadable", "no decompressor here for this file (.zst needs zstandard)")
            return
        if ranged and _compressed(self.path):
            self.skip(self.file, "unreadable", "byte ranges need an uncompressed file")
            return
        try:
            f = fsspec.open(self.path, "rb", compression="infer").open()
        except Exception as e:  # noqa: BLE001 - any failure to open is a skip, never fatal
            self.skip(self.file, "unreadable", f"{type(e).__name__}: {e}")
            return
        line_no = 0
        try:
            with f:
                pos, line_no = self._seek_range(f) if ranged else (0, 0)
                for line in _lines(f):
                    if self.end is not None and pos >= self.end:
                        break
                    pos += len(line)
                    line_no += 1
                    doc = self._to_document(line, line_no)
                    if doc is not None:
                        self.stat_update("documents")
                        self.update_doc_stats(doc)
                        yield doc
        except (EOFError, zlib.error) as e:  # a compressed file cut short or corrupt
            self.skip(f"{self.file}:{line_no + 1}", "truncated", f"{type(e).__name__}: {e}")
        except Exception as e:  # noqa: BLE001 - e.g. zstd support missing, I/O errors
            self.skip(f"{self.file}:{line_no + 1}", "unreadable", f"{type(e).__name__}: {e}")

    def _seek_range(self, f) -> tuple[int, int]:
        """Move to the first line starting at or after ``start``; (its offset, lines before it)."""
        if self.start <= 0:
            return 0, 0
        f.seek(0)
        lines, left = 0, self.start - 1
        while left > 0:  # line numbers need the newlines before the range: count them in blocks
            block = f.read(min(_COUNT_BLOCK, left))
            if not block:
                break
            lines += block.count(b"\n")
            left -= len(block)
        # Byte start-1 decides: a newline there means a line starts exactly at ``start``.
        tail = f.readline()
        if not tail:
            return self.start - 1 - left, lines
        return self.start - 1 - left + len(tail), lines + (1 if tail.endswith(b"\n") else 0)

    def _to_document(self, line: bytes, line_no: int) -> Document | None:
        where = f"{self.file}:{line_no}"
        if not line.strip():
            self.stat_update("blank_lines")
            return None
        try:
            s = line.decode("utf-8-sig" if line_no == 1 else "utf-8")
        except UnicodeDecodeError as e:
            self.skip(where, "not_utf8", str(e))
            return None
        try:
            record = json.loads(s)
        except ValueError as e:
            self.skip(where, "bad_json", str(e))
            return None
        if not isinstance(record, dict):
            self.skip(where, "bad_json", f"a JSON {type(record).__name__}, not an object")
            return None
        text = record.get(self.text_field)
        if text is None:
            self.skip(where, "missing_text", f"no {self.text_field!r} field")
            return None
        if not isinstance(text, str):
            self.skip(where, "bad_text_type", f"{self.text_field!r} is a {type(text).__name__}")
            return None
        return record_document(self, record, text, where, {"line": line_no})

