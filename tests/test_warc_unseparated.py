"""WARC records that follow each other without the two blank lines (ClueWeb09's WARC/0.18 files), in
files written here: every record is read, and the missing separators are counted, not taken for damage.

Two dialects: WARC/1.0 as the standard writes it (CRLF, two blank lines after each block) and WARC/0.18
as ClueWeb09 has it (LF headers, the next record right after the block); each as a plain file, one
gzip member per record, and one gzip stream for the whole file.
"""

from __future__ import annotations

import gzip

import pytest

from curation.readers import WarcReader
from tests.test_readers import assert_accounted, read

DIALECTS = {"1.0": (b"WARC/1.0", b"\r\n", b"\r\n\r\n"), "0.18": (b"WARC/0.18", b"\n", b"")}
LAYOUTS = ["plain", "members", "stream"]


def _record(dialect: str, n: int, url: str) -> bytes:
    version, eol, separator = DIALECTS[dialect]
    body = b"<html><body>\n" + b"".join(b"<p>%s line %d</p>\n" % (url.encode(), i) for i in range(12)) + b"</body></html>\n"
    block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n%s" % (len(body), body)
    headers = [version, b"WARC-Type: response", b"WARC-Target-URI: " + url.encode(),
               b"WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-%012d>" % n,
               b"Content-Type: application/http;msgtype=response", b"Content-Length: %d" % len(block)]
    return eol.join(headers) + eol + eol + block + separator


def _write(tmp_path, dialect: str, urls: list[str], layout: str, garbage_after: int | None = None):
    parts = [_record(dialect, i, url) for i, url in enumerate(urls)]
    if garbage_after is not None:  # a stray line after one record: still damage, counted as before
        parts[garbage_after] += b"this line is not a record\r\n\r\n"
    if layout == "members":
        data = b"".join(gzip.compress(p) for p in parts)
    else:
        data = gzip.compress(b"".join(parts)) if layout == "stream" else b"".join(parts)
    path = tmp_path / ("f" + (".warc" if layout == "plain" else ".warc.gz"))
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("dialect", sorted(DIALECTS))
@pytest.mark.parametrize("layout", LAYOUTS)
def test_every_record_is_read_with_or_without_blank_lines_between(tmp_path, dialect, layout):
    urls = [f"http://{c}.example/" for c in "abcdef"]
    step = WarcReader(str(_write(tmp_path, dialect, urls, layout)))
    docs, c = read(step)
    assert [d.metadata["url"] for d in docs] == urls, (c, step.bad_records)
    assert not step.bad_records and c["records"] == 6
    # a member ends its record; in a plain stream ClueWeb09's records follow each other directly
    assert c.get("records_without_blank_lines", 0) == (5 if dialect == "0.18" and layout != "members" else 0)
    assert all(d.text.endswith("</body></html>\n") for d in docs)


@pytest.mark.parametrize("layout", ["plain", "members"])
def test_a_stray_line_after_a_record_is_still_counted_and_the_rest_read(tmp_path, layout):
    urls = [f"http://{c}.example/" for c in "abcd"]
    step = WarcReader(str(_write(tmp_path, "1.0", urls, layout, garbage_after=1)))
    docs, c = read(step)
    assert [d.metadata["url"] for d in docs] == urls, (c, step.bad_records)
    assert c.get("records_without_blank_lines", 0) == 0
    assert_accounted(c)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_short_length_ending_on_a_quoted_record_invents_no_record(tmp_path, layout):
    """A WARC/1.0 page about the format quotes a record; its Content-Length is short and ends exactly on
    the quoted version line. WARC/1.x has the blank lines, so that line is damage, not the next record:
    the quoted record must not become a document (review r34), and the real records after it are read."""
    quoted_body = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>a quoted page, long enough to be a document.</p>\n"
    quoted = (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://fake.example/\r\n"
              b"WARC-Record-ID: <urn:uuid:fake>\r\nContent-Type: application/http;msgtype=response\r\n"
              b"Content-Length: %d\r\n\r\n" % len(quoted_body) + quoted_body)
    page = b"<html><body><h1>WARC</h1>\n<pre>\n" + quoted + b"</pre>\n" + b"<p>explained</p>\n" * 12 + b"</body></html>\n"
    block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + page
    short = block.index(b"WARC/1.0\r\nWARC-Type")
    headers = [b"WARC/1.0", b"WARC-Type: response", b"WARC-Target-URI: http://warcdoc.example/",
               b"WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000099>",
               b"Content-Type: application/http;msgtype=response", b"Content-Length: %d" % short]
    middle = b"\r\n".join(headers) + b"\r\n\r\n" + block + b"\r\n\r\n"
    parts = [_record("1.0", 0, "http://a.example/"), middle, _record("1.0", 2, "http://c.example/")]
    data = b"".join(gzip.compress(p) for p in parts) if layout == "members" else b"".join(parts)
    path = tmp_path / ("q.warc" if layout == "plain" else "q.warc.gz")
    path.write_bytes(gzip.compress(data) if layout == "stream" else data)
    step = WarcReader(str(path))
    docs, c = read(step)
    assert [d.metadata["url"] for d in docs] == ["http://a.example/", "http://warcdoc.example/", "http://c.example/"], c
    assert c.get("records_without_blank_lines", 0) == 0 and step.bad_records
    assert_accounted(c)
