"""warcio, made to survive bad files: tell a cut file from garbage, and find where records resume.

warcio stops for good at the first error and reads some damage silently (a cut .gz looks like a
clean end); these helpers let ``WarcReader`` count every such case and carry on after garbage.
"""

from __future__ import annotations

import gzip
import re
import sys
import zlib

from warcio.archiveiterator import ArchiveIterator

GZIP_MAGIC = b"\x1f\x8b\x08"
_WARC_START = re.compile(rb"(?:^|\n)(WARC/(?:1\.[01]|0\.1[78])\r?\n)")
_PRE_1_0_LINE = re.compile(rb"WARC/0\.1[78]\r?\n")  # ClueWeb09's dialect, written without record separators
_ARC_START = re.compile(rb"(?:^|\n)([a-z][a-z0-9+.-]*://\S* \S+ \d{12,17} \S* -?\d+\r?\n)")
_SCAN_BLOCK = 1 << 20
_HEADER_MAX = 1 << 16  # WARC + HTTP header blocks are far smaller
_BLANK_LINE = re.compile(rb"\r?\n\r?\n")


class RecordIterator(ArchiveIterator):
    """warcio's iterator that also starts cleanly mid-file (blank lines first), keeps its last gzip
    decompressor, so that a cut final member can be told, and never eats the next record's version line
    (``unseparated`` counts records followed by the next one without the two blank lines)."""

    last_decompressor = None
    unseparated = 0

    def _next_record(self, next_line):
        while next_line is None or not next_line.strip():  # warcio skips these only between records
            line = self.reader.readline()
            if not line:
                next_line = None
                break
            next_line = line if line.strip() else None
        return super()._next_record(next_line)

    def _consume_blanklines(self):
        """warcio's, except for a version line right after the block: ClueWeb09's WARC/0.18 files have
        no blank lines between records, and warcio takes the next record's first line for a stray one
        (warned, skipped), so that record is lost. Anything else after the block is as in warcio: its
        first line is skipped with a warning, blank lines are counted for the record's length.

        Only a pre-1.0 version line equal to the record's own: a WARC/1.x file has the blank lines, and a
        version line there means a short Content-Length that ends where a page quotes a record (review r34)."""
        line, empty, first = self.reader.readline(), 0, True
        record = getattr(self, "record", None)
        if (_PRE_1_0_LINE.fullmatch(line) and record is not None
                and record.rec_headers.protocol.encode() == line.strip()):
            self.unseparated += 1
            return line, 0
        while line:
            if line.strip() and not first:
                return line, empty
            empty += len(line)
            if line.strip():  # the first line after the block is not blank: a wrong length, or garbage
                offset = self.fh.tell() - self.reader.rem_length() - empty
                sys.stderr.write(self.INC_RECORD.format(offset, line))
                self.err_count += 1
            first, line = False, self.reader.readline()
        return None, empty

    def close(self):
        if self.reader is not None:
            self.last_decompressor = self.reader.decompressor
        super().close()


class WholeGzip:
    """A one-stream .gz read as plain bytes; a cut or corrupt end reads as end of file, kept in ``error``.

    GzipFile raises on a cut stream and warcio takes that EOFError for a clean end, so without this the
    records before the cut would be kept but the cut itself would go unreported.
    """

    def __init__(self, raw):
        raw.seek(0)
        self.gz, self.error = gzip.GzipFile(fileobj=raw), ""

    def read(self, n: int = -1) -> bytes:
        parts = []
        try:
            while n != 0:
                part = self.gz.read1(n if n > 0 else 1 << 16)  # read1 never drops data on a later error
                if not part:
                    break
                parts.append(part)
                n = n - len(part) if n > 0 else n
        except (EOFError, OSError, zlib.error) as e:
            self.error = self.error or f"gzip stream: {type(e).__name__}: {e}"
        return b"".join(parts)

    def tell(self) -> int:
        return self.gz.tell()

    def seek(self, pos: int, whence: int = 0) -> int:
        return self.gz.seek(pos, whence)


def cut_short(it, stream, members: bool, at: int | None = None) -> str:
    """Why the data ends inside a record, or ""; asked once reading stopped (at ``at`` on an error)."""
    if isinstance(stream, WholeGzip):
        return stream.error
    if not members:
        try:
            if at is None:  # warcio ended quietly: were there bytes after the last whole record?
                return "file ends inside a record" if stream.seek(0, 2) > it.offset else ""
            stream.seek(at)
            tail = stream.read(_HEADER_MAX)
        except Exception:  # noqa: BLE001
            return ""
        if len(tail) < _HEADER_MAX and not _BLANK_LINE.search(tail.lstrip(b"\r\n")):
            return "file ends inside a record header"
        return ""
    d = it.reader.decompressor if it.reader is not None else it.last_decompressor
    if d is None or d.eof:
        return ""
    try:
        if it.reader is not None and stream.read(1):
            return ""  # more bytes follow: garbage, not a cut
    except Exception:  # noqa: BLE001
        pass
    return "gzip member cut short at the end of the file"


def suspect(it, rec, members: bool) -> str:
    """Why a record warcio returned cannot be trusted, or "" (warcio itself does not complain)."""
    if members and it.reader is not None and it.reader.decompressor is None:
        return "bytes between gzip members are not a gzip member"  # warcio fell back to plain reading
    if rec.format == "warc" and rec.rec_headers.get_header("Content-Length") is None:
        return "WARC record without Content-Length"  # its payload would swallow the rest of the file
    return ""


def starts_like_record(head: bytes) -> bool:
    """Whether plain bytes begin the way a WARC or ARC file does."""
    head = head.lstrip(b"\r\n")
    return head.startswith((b"WARC/", b"filedesc://")) or bool(_ARC_START.match(b"\n" + head))


def _member_holds_record(stream, at: int) -> bool:
    """Whether a gzip member starting at ``at`` inflates to a WARC/ARC record start (not a chance match
    of the three magic bytes inside compressed data)."""
    try:
        stream.seek(at)
        head = zlib.decompressobj(31).decompress(stream.read(4096), 256).lstrip(b"\r\n")
    except Exception:  # noqa: BLE001 - does not inflate: not a member start
        return False
    return starts_like_record(head)


def find_record_start(stream, start: int, members: bool, fmt: str | None) -> int | None:
    """Offset of the next plausible record start at or after ``start``, or None at the end."""
    if members:
        pattern = re.compile(re.escape(GZIP_MAGIC))
    else:
        pattern = _ARC_START if fmt == "arc" else _WARC_START
    try:
        stream.seek(max(start - 1, 0))
        base, carry = max(start - 1, 0), b""
        while True:
            block = stream.read(_SCAN_BLOCK)
            if not block:
                return None
            buf = carry + block
            for m in pattern.finditer(buf):
                at = base - len(carry) + m.start(m.lastindex or 0)
                if at >= start and (not members or _member_holds_record(stream, at)):
                    return at
            carry = buf[-256:]
            base += len(block)
            stream.seek(base)  # checking a member moved the stream
    except Exception:  # noqa: BLE001 - a stream that breaks while scanning has nothing more
        return None
