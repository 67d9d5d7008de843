"""One WARC / ARC file (plain or gzip) -> one Document per HTML 200 response.

warcio parses the records; this block decides what is a page and reports everything else. Its one
weakness, that an error kills the iterator, is covered here: after a parse error the reader scans on
to the next record start (a gzip member, or a ``WARC/1.x`` line) and carries on from there.
"""

from __future__ import annotations

import gzip
import hashlib
import re
import zlib

import fsspec
from datatrove.data import Document
from warcio.archiveiterator import ArchiveIterator, ARCIterator, WARCIterator

from curation.core.step import CurationStep
from curation.readers._common import charset_from_content_type, decode_html, file_label, looks_like_html

HTML_TYPES = {"text/html", "application/xhtml+xml"}
_GZIP_MAGIC = b"\x1f\x8b\x08"
_WARC_START = re.compile(rb"(?:^|\n)(WARC/(?:1\.[01]|0\.1[78])\r?\n)")
_ARC_START = re.compile(rb"(?:^|\n)([a-z][a-z0-9+.-]*://\S* \S+ \d{12,17} \S* -?\d+\r?\n)")
_SCAN_BLOCK = 1 << 20
_ITERATORS = {None: ArchiveIterator, "warc": WARCIterator, "arc": ARCIterator}


def _int(value) -> int | None:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return None


class WarcReader(CurationStep):
    """Streams one WARC/ARC file and yields its HTML pages; bad records are skipped with a reason."""

    name = "warc reader"
    type = "reader"

    def __init__(self, path: str, source: str = "web", rel_path: str | None = None, max_bytes: int = 5_000_000):
        super().__init__()
        self.path, self.source, self.max_bytes = path, source, max_bytes
        self.file = file_label(path, rel_path)

    def run(self, data=None, rank: int = 0, world_size: int = 1):
        if data:
            yield from data
        try:
            fh = fsspec.open(self.path, "rb").open()  # no decompression: warcio reads gzip members itself
        except Exception as e:  # noqa: BLE001 - any failure to open is a skip, never fatal
            self.skip(self.file, "unreadable", f"{type(e).__name__}: {e}")
            return
        with fh:
            for offset, rec, stream in self._records(fh):
                self.stat_update("records")
                doc, stream_ok = self._to_document(rec, offset)
                if doc is not None:
                    self.stat_update("documents")
                    self.update_doc_stats(doc)
                    yield doc
                if not stream_ok and stream is not fh:
                    return  # a decompressed whole-file stream cannot be resumed after a read error

    # --- record iteration with resync -------------------------------------------------------------

    def _records(self, raw):
        """(offset, record, stream) for every record warcio can parse, resyncing after errors."""
        try:
            members = raw.read(3) == _GZIP_MAGIC
        except Exception as e:  # noqa: BLE001
            self.skip(self.file, "unreadable", f"{type(e).__name__}: {e}")
            return
        stream, pos, fmt, seen, lost_at = raw, 0, None, set(), None
        while pos is not None:
            try:
                stream.seek(pos)
            except Exception as e:  # noqa: BLE001
                self.skip(f"{self.file}@{pos}", "malformed", f"cannot seek to resync: {e}")
                return
            it = _ITERATORS[fmt](stream)
            records = iter(it)
            while True:
                try:
                    rec = next(records)
                except StopIteration:
                    return
                except Exception as e:  # noqa: BLE001 - warcio raises many types on bad input
                    err_at = it.offset
                    if members and "non-chunked gzip" in str(e):
                        # One gzip stream holding many records: read it decompressed from the start.
                        self.stat_update("gzip_not_per_record")
                        raw.seek(0)
                        stream, members, pos, lost_at = gzip.GzipFile(fileobj=raw), False, 0, None
                        break
                    if lost_at is None:
                        msg = str(e).strip().splitlines()[0] if str(e).strip() else ""
                        self.skip(f"{self.file}@{err_at}", "malformed", f"{type(e).__name__}: {msg}")
                        lost_at = err_at
                    pos = self._resync(stream, err_at + 1, members, fmt)
                    break
                fmt = fmt or rec.format
                key = rec.rec_headers.get_header("WARC-Record-ID") or (
                    rec.rec_headers.get_header("uri"), rec.rec_headers.get_header("archive-date"), rec.length)
                if stream is raw:
                    seen.add(key)
                elif key in seen:  # already handled before switching to whole-stream gzip
                    continue
                if lost_at is not None:
                    self.stat_update("resynced")
                    self.stat_update("malformed_bytes_skipped", value=max(it.offset - lost_at, 0), unit="file")
                    lost_at = None
                yield it.offset, rec, stream

    def _resync(self, stream, start: int, members: bool, fmt: str | None) -> int | None:
        """Offset of the next plausible record start at or after ``start``, or None at the end."""
        if members:
            pattern = re.compile(re.escape(_GZIP_MAGIC))
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
                    if at >= start:
                        return at
                carry = buf[-256:]
                base += len(block)
        except Exception:  # noqa: BLE001 - a stream that breaks while scanning has nothing more
            return None

    # --- one record ------------------------------------------------------------------------------

    def _to_document(self, rec, offset: int) -> tuple[Document | None, bool]:
        """The record as a Document, or None after counting why not; False when the stream broke."""
        where = f"{self.file}@{offset}"
        if rec.rec_type != "response":
            self.stat_update("not_response")
            return None, True
        headers = rec.rec_headers
        url = (headers.get_header("WARC-Target-URI") or headers.get_header("uri") or "").strip().strip("<>").strip()
        url = url.replace(" ", "%20")  # as warcio does for WARC; ARC headers keep raw spaces
        if not url.lower().startswith(("http://", "https://")):
            self.stat_update("not_http")
            return None, True
        http = rec.http_headers
        if not http or not http.statusline:
            body, ok = self._read(rec, where, 64)
            if ok:
                self.skip(where, "empty" if not body.strip() else "bad_http", "no HTTP status line")
            return None, ok
        code = (http.get_statuscode() or "").strip()
        if code != "200":
            if code.isdigit() and len(code) == 3:
                self.stat_update(f"http_status_{code}")
            else:
                self.skip(where, "bad_http", f"status line {http.statusline[:80]!r}")
            return None, True
        content_type = http.get_header("content-type")
        mime = (content_type or "").split(";")[0].strip().lower()
        if mime and mime not in HTML_TYPES:
            self.stat_update("not_html")
            return None, True
        encoding = (http.get_header("content-encoding") or "").strip().lower()
        chunked = "chunked" in (http.get_header("transfer-encoding") or "").lower()
        if encoding in ("", "identity") and not chunked and rec.payload_length > self.max_bytes:
            self.skip(where, "too_large", f"{rec.payload_length} bytes > {self.max_bytes}")
            return None, True  # warcio skips the rest of the payload without keeping it
        body, ok = self._read(rec, where, self.max_bytes + 1)
        if not ok:
            return None, False
        if len(body) > self.max_bytes:
            self.skip(where, "too_large", f"more than {self.max_bytes} bytes")
            return None, True
        cut = self._truncation(rec, http, chunked)
        if cut:
            self.skip(where, "truncated", cut)
            return None, True
        if not body.strip():
            self.skip(where, "empty")
            return None, True
        if not mime and not looks_like_html(body):
            self.stat_update("not_html")
            return None, True
        text = decode_html(body, charset_from_content_type(content_type))
        record_id = (headers.get_header("WARC-Record-ID") or "").strip().strip("<>").removeprefix("urn:uuid:")
        if not record_id:
            record_id = hashlib.sha1(f"{self.file}:{offset}".encode()).hexdigest()
        date = headers.get_header("WARC-Date") or headers.get_header("archive-date")
        meta = {"url": url, "source": self.source, "file": self.file, "offset": offset, "date": date,
                "content_type": content_type}
        return Document(text=text, id=record_id, metadata=meta), True

    def _read(self, rec, where: str, limit: int) -> tuple[bytes, bool]:
        """Up to ``limit`` payload bytes (de-chunked, decompressed), then the rest of the record drained."""
        try:
            body = rec.content_stream().read(limit)
            while rec.raw_stream.read(1 << 16):
                pass
            return body, True
        except (EOFError, zlib.error) as e:
            self.skip(where, "truncated", f"{type(e).__name__}: {e}")
        except Exception as e:  # noqa: BLE001
            self.skip(where, "malformed", f"payload: {type(e).__name__}: {e}")
        return b"", False

    @staticmethod
    def _truncation(rec, http, chunked: bool) -> str:
        """Why the payload is incomplete, or "" (the record must already be fully read)."""
        truncated_by = rec.rec_headers.get_header("WARC-Truncated")
        if truncated_by:
            return f"WARC-Truncated: {truncated_by}"
        missing = max(getattr(rec.raw_stream, "limit", 0) or 0, 0)
        received = (rec.payload_length if rec.payload_length >= 0 else (rec.length or 0)) - missing
        declared = None if chunked else _int(http.get_header("content-length"))
        if declared is not None:  # the HTTP length is the promise about the payload
            return f"payload {received} of {declared} bytes" if received < declared else ""
        return f"record cut {missing} bytes short" if missing else ""
