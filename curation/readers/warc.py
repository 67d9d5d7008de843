"""One WARC / ARC file (plain or gzip) -> one Document per HTML 200 response.

warcio parses the records; this block decides what is a page and reports everything else. Its one
weakness, that an error kills the iterator, is covered here: after a parse error the reader scans on
to the next record start (a gzip member, or a ``WARC/1.x`` line) and carries on from there.
"""

from __future__ import annotations

import hashlib
import zlib

from datatrove.data import Document

from curation.core.step import CurationStep
from curation.readers._common import charset_from_content_type, decode_html, file_label, looks_like_html, open_input
from curation.readers._warcio import (GZIP_MAGIC, RecordIterator, WholeGzip, cut_short, find_record_start,
                                      starts_like_record, suspect)

HTML_TYPES = {"text/html", "application/xhtml+xml"}


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
        self._last_reason = ""  # reason of the latest skip, to tell whether a cut was already counted

    def run(self, data=None, rank: int = 0, world_size: int = 1):
        if data:
            yield from data
        fh = open_input(self, compression=None)  # no decompression: warcio reads gzip members itself
        if fh is None:
            return
        with fh:
            for offset, rec in self._records(fh):
                self.stat_update("records")
                self._last_reason = ""
                doc = self._to_document(rec, offset)
                if doc is not None:
                    self.stat_update("documents")
                    self.update_doc_stats(doc)
                    yield doc

    def skip(self, where: str, reason: str, detail: str = "") -> None:
        self._last_reason = reason
        super().skip(where, reason, detail)

    # --- record iteration with resync -------------------------------------------------------------

    def _records(self, raw):
        """(offset, record) for every record warcio can parse, resyncing after errors."""
        try:
            head = raw.read(256)
            # one gzip member per record; also when the first member's header is damaged (nothing
            # plain-looking at the start, but intact members further on)
            members = head.startswith(GZIP_MAGIC) or (
                bool(head) and not starts_like_record(head) and find_record_start(raw, 1, True, None) is not None)
        except Exception as e:  # noqa: BLE001
            self.skip(self.file, "unreadable", f"{type(e).__name__}: {e}")
            return
        stream, pos, fmt, seen, lost_at = raw, 0, None, set(), None
        taken, pass_over, restarted = 0, 0, False  # to not hand out a record twice after a restart
        while pos is not None:
            try:
                stream.seek(pos)
            except Exception as e:  # noqa: BLE001
                self.skip(f"{self.file}@{pos}", "malformed", f"cannot seek to resync: {e}")
                return
            it = RecordIterator(stream)
            it.known_format = fmt
            records, floor = iter(it), pos  # floor: offset of the last record taken from this stream
            here = None  # the last record taken from this stream
            while True:
                try:
                    rec = next(records)
                    problem = suspect(it, rec, members)
                except StopIteration:
                    damaged = members and stream is raw  # warcio may have stopped at a bad member
                    nxt = self._member_after_damage(stream, floor, here, fmt, lost_at) if damaged else None
                    if nxt is not None:
                        pos, restarted, lost_at = nxt, True, floor if lost_at is None else lost_at
                        break
                    cut = cut_short(it, stream, members)
                    if cut and self._last_reason != "truncated":  # else the last record had the cut
                        self.stat_update("records")  # a record cut so early that warcio returned nothing
                        self.skip(f"{self.file}@{floor}+", "truncated", cut)
                    return
                except Exception as e:  # noqa: BLE001 - warcio raises many types on bad input
                    if members and "non-chunked gzip" in str(e):
                        # One gzip stream holding many records: read it decompressed from the start.
                        self.stat_update("gzip_not_per_record")
                        stream, members, pos, lost_at = WholeGzip(raw), False, 0, None
                        pass_over = 0 if restarted else taken  # the same records, in the same order
                        restarted = True
                        break
                    lines = str(e).strip().splitlines()
                    problem = f"{type(e).__name__}: {lines[0] if lines else ''}"
                if problem:
                    err_at = max(it.offset, floor)  # warcio's offset can run backwards after garbage
                    # a later gzip member proves the file goes on (warcio may have read up to its end)
                    nxt = find_record_start(stream, err_at + 1, members, fmt) if members else None
                    cut = "" if nxt is not None else cut_short(it, stream, members, err_at)
                    if cut:  # not garbage: the file just ends inside this record
                        self.stat_update("records")
                        self.skip(f"{self.file}@{err_at}", "truncated", f"{cut}; {problem}")
                        return
                    if lost_at is None:  # one skip per bad stretch, not one per failed resync attempt
                        self.skip(f"{self.file}@{err_at}", "malformed", problem)
                        lost_at = err_at
                    pos, restarted = nxt if members else find_record_start(stream, err_at + 1, members, fmt), True
                    break
                fmt = fmt or rec.format
                rid = rec.rec_headers.get_header("WARC-Record-ID")
                if pass_over or (restarted and rid and rid in seen):  # ids can repeat: only after restarts
                    pass_over = max(pass_over - 1, 0)
                    self.stat_update("records_met_twice")
                    continue
                if rid:
                    seen.add(rid)
                taken += stream is raw
                floor = max(floor, it.offset)
                if lost_at is not None:
                    self.stat_update("resynced")
                    self.stat_update("malformed_bytes_skipped", value=max(it.offset - lost_at, 0), unit="file")
                    lost_at = None
                here = rec
                if it.unseparated:  # ClueWeb09: this record followed the last one without blank lines
                    self.stat_update("records_without_blank_lines", value=it.unseparated)
                    it.unseparated = 0
                yield it.offset, rec

    def _member_after_damage(self, stream, floor: int, here, fmt: str | None, lost_at: int | None) -> int | None:
        """Where reading goes on after warcio stopped quietly in a per-record gzip file; None at its end.

        warcio takes a gzip member that does not inflate (a flipped bit, inserted bytes) for the end
        of the file, but the members after it are intact: step over the damaged one and go on there.
        """
        if here is not None and (getattr(here.raw_stream, "limit", 0) or 0) > 0:
            return find_record_start(stream, floor + 1, True, fmt)  # ``here`` came out short: counted
        damaged = find_record_start(stream, floor + 1 if here is not None else floor, True, fmt)
        after = None if damaged is None else find_record_start(stream, damaged + 1, True, fmt)
        if after is None:
            return None  # the file ends there (cut or not, the caller tells)
        if lost_at is None:  # warcio gave nothing of that member, so no record stands for it yet
            self.stat_update("records")
            self.skip(f"{self.file}@{damaged}", "malformed", "gzip member does not inflate")
        return after

    # --- one record ------------------------------------------------------------------------------

    def _to_document(self, rec, offset: int) -> Document | None:
        """The record as a Document, or None after counting why not (a skip or a not_* stat)."""
        where = f"{self.file}@{offset}"
        if rec.rec_type != "response":
            return self._not_a_page(rec, where, "not_response")
        headers = rec.rec_headers
        url = (headers.get_header("WARC-Target-URI") or headers.get_header("uri") or "").strip().strip("<>").strip()
        url = url.replace(" ", "%20")  # as warcio does for WARC; ARC headers keep raw spaces
        if not url.lower().startswith(("http://", "https://")):
            return self._not_a_page(rec, where, "not_http")
        http = rec.http_headers
        if not http or not http.statusline:
            body = self._read(rec, where, 64)
            if body is not None:
                self.skip(where, "empty" if not body.strip() else "bad_http", "no HTTP status line")
            return None
        code = (http.get_statuscode() or "").strip()
        if code != "200":
            if code.isdigit() and len(code) == 3:
                return self._not_a_page(rec, where, f"http_status_{code}")
            self.skip(where, "bad_http", f"status line {http.statusline[:80]!r}")
            return None
        content_type = http.get_header("content-type")
        mime = (content_type or "").split(";")[0].strip().lower()
        if mime and mime not in HTML_TYPES:
            return self._not_a_page(rec, where, "not_html")
        encoding = (http.get_header("content-encoding") or "").strip().lower()
        chunked = "chunked" in (http.get_header("transfer-encoding") or "").lower()
        if encoding in ("", "identity") and not chunked and rec.payload_length > self.max_bytes:
            self.skip(where, "too_large", f"{rec.payload_length} bytes > {self.max_bytes}")
            return None  # warcio skips the rest of the payload without keeping it
        body = self._read(rec, where, self.max_bytes + 1)
        if body is None:
            return None
        if len(body) > self.max_bytes:
            self.skip(where, "too_large", f"more than {self.max_bytes} bytes")
            return None
        cut = self._truncation(rec, http, chunked)
        if cut:
            self.skip(where, "truncated", cut)
            return None
        if not body.strip():
            self.skip(where, "empty")
            return None
        if not mime and not looks_like_html(body):
            self.stat_update("not_html")
            return None
        text = decode_html(body, charset_from_content_type(content_type))
        record_id = (headers.get_header("WARC-Record-ID") or "").strip().strip("<>").removeprefix("urn:uuid:")
        if not record_id:
            record_id = hashlib.sha1(f"{self.file}:{offset}".encode()).hexdigest()
        date = headers.get_header("WARC-Date") or headers.get_header("archive-date")
        meta = {"url": url, "source": self.source, "file": self.file, "offset": offset, "date": date,
                "content_type": content_type}
        return Document(text=text, id=record_id, metadata=meta)

    def _not_a_page(self, rec, where: str, stat: str) -> None:
        """Count a record that is no page, unless the file ends inside it: then the cut is what counts."""
        try:
            while rec.raw_stream.read(1 << 16):  # warcio would read it anyway, to reach the next record
                pass
        except Exception:  # noqa: BLE001 - the next record will tell whether the file goes on
            pass
        missing = getattr(rec.raw_stream, "limit", 0) or 0
        if missing > 0:
            self.skip(where, "truncated", f"{rec.rec_type} record cut {missing} bytes short")
        else:
            self.stat_update(stat)

    def _read(self, rec, where: str, limit: int) -> bytes | None:
        """Up to ``limit`` payload bytes (de-chunked, decompressed), the rest drained; None if it failed."""
        try:
            body = rec.content_stream().read(limit)
            while rec.raw_stream.read(1 << 16):
                pass
            return body
        except (EOFError, zlib.error) as e:
            self.skip(where, "truncated", f"{type(e).__name__}: {e}")
        except Exception as e:  # noqa: BLE001 - the next record will tell whether the file goes on
            self.skip(where, "bad_payload", f"{type(e).__name__}: {e}")
        return None

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
