"""JSON Lines -> one Document per line, optionally only one byte range of an uncompressed file.

A range [start, end) owns exactly the lines whose first byte lies in it, so contiguous ranges from
``split_ranges`` cover every line once and a big file can be spread over many work units.
"""

from __future__ import annotations

import io
import json
import zlib

from datatrove.data import Document
from fsspec.core import url_to_fs
from fsspec.utils import infer_compression

from curation.core.step import CurationStep
from curation.readers._common import file_label, record_document, open_input

_COUNT_BLOCK = 1 << 22
#: Longer lines are skipped as too_large without being read into memory.
MAX_LINE_BYTES = 64 << 20
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


def _lines(f, limit: int, block: int = 1 << 16):
    """(line with its newline, size) from any binary stream, even one without ``readline`` (zstd).

    A line longer than ``limit`` bytes is never held in memory: it comes out as (None, its size).
    """
    try:
        while line := f.readline(limit + 1):  # line by line: a cut .gz still gives every line before the cut
            if len(line) <= limit or line.endswith(b"\n"):
                yield line, len(line)
                continue
            size = len(line)
            while more := f.readline(block):  # drain the oversized line without keeping it
                size += len(more)
                if more.endswith(b"\n"):
                    break
            yield None, size
        return
    except io.UnsupportedOperation:
        pass
    rest, dropped = b"", 0  # dropped: bytes of an oversized line already thrown away
    while chunk := f.read(block):
        rest += chunk
        *lines, rest = rest.split(b"\n")
        for line in lines:
            size = dropped + len(line) + 1
            yield (None if size > limit + 1 else line + b"\n"), size
            dropped = 0
        if len(rest) > limit:
            dropped, rest = dropped + len(rest), b""
    if rest or dropped:
        size = dropped + len(rest)
        yield (None if size > limit else rest), size


class JsonlReader(CurationStep):
    """Reads one JSONL file (or a byte range of it); each bad line is skipped with its line number."""

    name = "jsonl reader"
    type = "reader"

    def __init__(self, path: str, source: str = "jsonl", rel_path: str | None = None, text_field: str = "text",
                 id_field: str = "id", url_field: str = "url", start: int = 0, end: int | None = None,
                 max_line_bytes: int = MAX_LINE_BYTES):
        super().__init__()
        self.path, self.source, self.max_line_bytes = path, source, max_line_bytes
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
        f = open_input(self)
        if f is None:
            return
        line_no = 0
        try:
            with f:
                pos, line_no = self._seek_range(f) if ranged else (0, 0)
                for line, size in _lines(f, self.max_line_bytes):
                    if self.end is not None and pos >= self.end:
                        break
                    pos += size
                    line_no += 1
                    if line is None:
                        self.skip(f"{self.file}:{line_no}", "too_large", f"{size} bytes > {self.max_line_bytes}")
                        continue
                    try:
                        doc = self._to_document(line, line_no)
                    except Exception as e:  # noqa: BLE001 - one odd record must not end the file
                        self.skip(f"{self.file}:{line_no}", "bad_record", f"{type(e).__name__}: {e}")
                        continue
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
        tail, ended = 0, False
        while part := f.readline(1 << 20):  # in pieces: the range may start inside a huge line
            tail += len(part)
            if ended := part.endswith(b"\n"):
                break
        return self.start - 1 - left + tail, lines + (1 if ended else 0)

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
        except (ValueError, RecursionError) as e:  # RecursionError: nested deeper than Python's stack
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

