"""Readers on real files (../shared/data) and on files each test writes itself; no mocks."""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
import random
import zlib

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from datatrove.data import Document
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from curation.core.step import CurationStep
from curation.readers import (READERS, HtmlReader, JsonlReader, ParquetReader, WarcReader, detect_format,
                              split_ranges, split_row_groups)

CC = "warc/cc-main-2020-34-sample.warc.gz"


def counts(step) -> dict[str, int]:
    return {k: v.total for k, v in step.stats.stats.items()}


def read(step) -> tuple[list, dict[str, int]]:
    docs = list(step.run())
    return docs, counts(step)


def assert_accounted(c: dict[str, int]) -> None:
    """Every parsed record is a document, a counted non-document, or a counted skip."""
    outcomes = sum(v for k, v in c.items() if k.startswith(("skipped_", "not_", "http_status_"))
                   and k not in ("skipped_malformed", "skipped_unreadable"))
    assert c.get("records", 0) == c.get("documents", 0) + outcomes, c


# --- WARC: real files -----------------------------------------------------------------------------

def test_warc_common_crawl_sample(shared_data):
    path = shared_data / CC
    with open(path, "rb") as f:  # the truth, straight from warcio
        expected = {r.rec_headers.get_header("WARC-Record-ID")[10:-1]: r.rec_headers.get_header("WARC-Target-URI")
                    for r in ArchiveIterator(f) if r.rec_type == "response"}
    docs, c = read(WarcReader(str(path), rel_path=CC))
    assert len(expected) == 16 and {d.id: d.metadata["url"] for d in docs} == expected
    assert c["documents"] == 16 and c["not_response"] == 34 and not any(k.startswith("skipped_") for k in c)
    assert_accounted(c)
    offsets = [d.metadata["offset"] for d in docs]
    assert offsets == sorted(set(offsets))
    for d in docs:
        assert d.metadata["source"] == "web" and d.metadata["file"] == CC and d.metadata["date"].startswith("2020-08")
        assert d.metadata["content_type"].startswith("text/html") and "<" in d.text
    by_url = {d.metadata["url"]: d.text for d in docs}
    ru, zh = by_url["http://01spb.ru/company/"], by_url["http://037426.cn/"]
    assert "компании" in ru.lower() and "\ufffd" not in ru  # windows-1251 from the HTTP header
    assert "\ufffd" not in zh and any("\u4e00" <= ch <= "\u9fff" for ch in zh)  # gb2312


def test_warc_clueweb_quirks(shared_data):
    docs, c = read(WarcReader(str(shared_data / "warc/clueweb-quirk.warc.gz")))
    assert len(docs) == 29 and c["not_response"] == 1  # WARC/0.18, gzip declared but not applied
    assert all(d.metadata["url"].startswith("http://www.uraharajuku.st/") for d in docs)
    assert all("ヘッドポーター" in d.text and "\ufffd" not in d.text[:2000] for d in docs)  # EUC-JP
    assert len({d.id for d in docs}) == 29
    assert_accounted(c)


def test_warc_clipped_counts_the_cut_record(shared_data):
    docs, c = read(WarcReader(str(shared_data / "warc/clipped.warc.gz")))
    assert docs == [] and c["skipped_truncated"] == 1
    assert_accounted(c)


def test_warc_cut_real_file_keeps_complete_records(shared_data, tmp_path):
    data = (shared_data / CC).read_bytes()
    full = list(WarcReader(str(shared_data / CC)).run())
    cut_at = full[9].metadata["offset"] + 500  # inside the gzip member of the 10th page
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(data[:cut_at])
    docs, c = read(WarcReader(str(path)))
    assert [d.id for d in docs] == [d.id for d in full[:9]]
    assert c["skipped_truncated"] == 1 and "skipped_malformed" not in c
    assert_accounted(c)


def test_warc_cut_anywhere_keeps_the_records_before_and_counts_the_cut(shared_data, tmp_path):
    """Per-record gzip, one-stream gzip and plain: a cut file yields a prefix and one truncated skip."""
    member_gz = (shared_data / CC).read_bytes()
    plain = gzip.decompress(member_gz)  # gzip.decompress reads all members
    full = [d.id for d in WarcReader(str(shared_data / CC)).run()]
    member_starts = {i for i in range(len(member_gz)) if member_gz.startswith(b"\x1f\x8b\x08", i)}
    rng = random.Random(7)
    for name, blob in (("m.warc.gz", member_gz), ("s.warc.gz", gzip.compress(plain)), ("p.warc", plain)):
        for cut in rng.sample(range(1, len(blob)), 25):
            path = tmp_path / name
            path.write_bytes(blob[:cut])
            docs, c = read(WarcReader(str(path)))
            assert [d.id for d in docs] == full[: len(docs)], (name, cut)
            expected = 0 if name == "m.warc.gz" and cut in member_starts else 1  # a cut between members is no cut
            assert {k: v for k, v in c.items() if k.startswith("skipped_")} == (
                {"skipped_truncated": 1} if expected else {}), (name, cut, c)
            assert_accounted(c)


MALFORMED = {  # file -> (documents, {stat: count}) as read by hand from each file
    "bad.arc": (0, {"skipped_empty": 3}),
    "example-bad-non-chunked.warc.gz": (1, {"gzip_not_per_record": 1}),
    "example-bad.warc.gz.bad": (1, {"gzip_not_per_record": 1, "http_status_302": 1}),
    "example-digest.warc": (0, {"not_response": 4}),
    "example-iana.org-chunked.warc": (1, {}),
    "example-resource.warc.gz": (0, {"not_response": 3}),
    "example-space-in-target-uri.warc.gz": (0, {"not_response": 2}),
    "example-space-in-url.arc": (1, {}),
    "example-trunc.warc": (0, {"skipped_truncated": 1}),
    "example-wget-bad-target-uri.warc.gz": (1, {}),
    "example-wrong-chunks.warc.gz": (0, {"skipped_truncated": 1, "skipped_malformed": 1, "resynced": 1}),
    "example.arc": (1, {}),
    "example.arc.gz": (1, {}),
    "example.warc": (1, {}),
    "example.warc.gz": (1, {}),
    "post-test.warc.gz": (0, {"not_html": 3}),
}


def test_warc_every_malformed_file(shared_data):
    files = sorted((shared_data / "warc/malformed").iterdir())
    assert {p.name for p in files} == set(MALFORMED)  # a new file must be looked at by hand
    for path in files:
        step = WarcReader(str(path))
        docs, c = read(step)
        n_docs, expected = MALFORMED[path.name]
        assert len(docs) == n_docs, (path.name, c)
        assert {k: c.get(k, 0) for k in expected} == expected, (path.name, c)
        assert_accounted(c)
        assert all(b["where"].startswith(path.name) and b["reason"] for b in step.bad_records)
        for d in docs:
            assert d.text.strip() and d.metadata["url"].startswith("http") and " " not in d.metadata["url"]


def test_warc_unreadable_file_is_a_skip(tmp_path):
    docs, c = read(WarcReader(str(tmp_path / "missing.warc.gz")))
    assert docs == [] and c == {"skipped_unreadable": 1}


def test_warc_never_raises_on_damaged_files(shared_data, tmp_path):
    """Cut, flipped, inserted and deleted bytes in every real WARC: no exception, everything counted."""
    rng = random.Random(20240601)
    sources = [p for p in sorted((shared_data / "warc").rglob("*")) if p.is_file()]
    single = tmp_path / "single-stream.warc.gz"  # a .warc.gz that is one gzip stream, not one per record
    single.write_bytes(gzip.compress((shared_data / "warc/malformed/example.warc").read_bytes()))
    sources.append(single)
    for i in range(120):
        src = sources[i % len(sources)]
        data = bytearray(src.read_bytes())
        for _ in range(rng.randint(1, 3)):
            at = rng.randrange(max(len(data), 1))
            op = rng.choice(["cut", "flip", "insert", "delete"])
            if op == "cut":
                data = data[:at]
            elif op == "flip" and data:
                data[at] ^= 1 << rng.randrange(8)
            elif op == "insert":
                data[at:at] = rng.randbytes(rng.randint(1, 300))
            else:
                del data[at:at + rng.randint(1, 300)]
        path = tmp_path / f"{i}-{src.name}"
        path.write_bytes(bytes(data))
        step = WarcReader(str(path))
        docs, c = read(step)
        assert_accounted(c)
        assert len(docs) == c.get("documents", 0) and all(isinstance(d.text, str) for d in docs)


# --- WARC: hand-made files ------------------------------------------------------------------------

def _response(writer, url, body, headers=None, status="200 OK"):
    headers = [("Content-Type", "text/html")] if headers is None else headers
    http = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
    rec = writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http,
                                    length=len(body))
    writer.write_record(rec)


def _request(writer, url):
    http = StatusAndHeaders("GET / HTTP/1.1", [("Host", "example.org")], is_http_request=True)
    writer.write_record(writer.create_warc_record(url, "request", payload=io.BytesIO(b""), http_headers=http))


def _chunked_gzip(data: bytes) -> bytes:
    z = zlib.compressobj(wbits=31)
    gz = z.compress(data) + z.flush()
    parts = [gz[:40], gz[40:]]
    return b"".join(b"%x\r\n%s\r\n" % (len(p), p) for p in parts) + b"0\r\n\r\n"


def test_warc_hand_made_pages(tmp_path):
    path = tmp_path / "made.warc.gz"
    cp1252 = "<html><body><p>Caf\u00e9 cr\u00e8me \u2013 na\u00efve \u20ac5</p></body></html>".encode("cp1252")
    with open(path, "wb") as f:
        w = WARCWriter(f, gzip=True)
        _request(w, "http://example.org/a")
        _response(w, "http://example.org/a", cp1252, [("Content-Type", "text/html; charset=windows-1252")])
        _response(w, "http://example.org/empty", b"")
        _response(w, "http://example.org/blank", b"  \r\n ")
        _response(w, "http://example.org/huge", b"<html>" + b"x" * 5000 + b"</html>")
        _response(w, "http://example.org/bomb", gzip.compress(b"<html>" + b"y" * 50000),  # small until inflated
                  [("Content-Type", "text/html"), ("Content-Encoding", "gzip")])
        _response(w, "http://example.org/img.png", b"\x89PNG....", [("Content-Type", "image/png")])
        _response(w, "http://example.org/gone", b"<html>gone</html>", status="404 Not Found")
        _response(w, "http://example.org/untyped", b"\n<!DOCTYPE html><title>t</title>", [])
        _response(w, "http://example.org/untyped.bin", b"\x00\x01binary", [])
        _response(w, "http://example.org/meta", '<meta charset="koi8-r"><p>Привет</p>'.encode("koi8_r"))
        _response(w, "http://example.org/chunked", _chunked_gzip("<html>сжатый ответ</html>".encode()),
                  [("Content-Type", "text/html; charset=utf-8"), ("Transfer-Encoding", "chunked"),
                   ("Content-Encoding", "gzip")])
    step = WarcReader(str(path), source="test", max_bytes=1000)
    docs, c = read(step)
    by_url = {d.metadata["url"]: d for d in docs}
    assert set(by_url) == {"http://example.org/a", "http://example.org/untyped", "http://example.org/meta",
                           "http://example.org/chunked"}
    assert by_url["http://example.org/a"].text == "<html><body><p>Café crème – naïve €5</p></body></html>"
    assert "Привет" in by_url["http://example.org/meta"].text
    assert by_url["http://example.org/chunked"].text == "<html>сжатый ответ</html>"
    assert by_url["http://example.org/untyped"].metadata["content_type"] is None
    assert all(len(d.id) == 36 and d.metadata["source"] == "test" for d in docs)
    assert c["skipped_empty"] == 2 and c["skipped_too_large"] == 2 and c["not_html"] == 2
    assert c["http_status_404"] == 1 and c["not_response"] == 1  # the request
    assert_accounted(c)
    assert sorted(b["reason"] for b in step.bad_records) == ["empty", "empty", "too_large", "too_large"]
    assert all(b["where"].startswith("made.warc.gz@") for b in step.bad_records)


@pytest.mark.parametrize("compress", [False, True])
def test_warc_resyncs_after_garbage(tmp_path, compress):
    def record(url: str) -> bytes:
        buf = io.BytesIO()
        _response(WARCWriter(buf, gzip=compress), url, b"<html><p>%s</p></html>" % url.encode())
        return buf.getvalue()

    garbage = b"\x00\x01 not a record\r\n\r\n" * 20 + b"WARC/1.0 no header\r\n\x00\x01\r\n" * 20
    if compress:
        garbage = garbage + gzip.compress(b"not a warc record at all\r\n\r\n")
    path = tmp_path / ("resync.warc.gz" if compress else "resync.warc")
    path.write_bytes(record("http://a.example/") + garbage + record("http://b.example/") + record("http://c.example/"))
    docs, c = read(WarcReader(str(path)))
    assert [d.metadata["url"] for d in docs] == ["http://a.example/", "http://b.example/", "http://c.example/"]
    assert c["skipped_malformed"] == 1 and c["resynced"] == 1
    assert_accounted(c)


# --- HTML -----------------------------------------------------------------------------------------

def test_html_real_pages(shared_data):
    truth = json.loads((shared_data / "extraction/scrapinghub/ground-truth.json").read_text())
    files = sorted((shared_data / "extraction/scrapinghub/html").glob("*.html.gz"))
    found = same = 0
    for path in files:
        docs, c = read(HtmlReader(str(path), rel_path=f"html/{path.name}"))
        assert len(docs) == 1 and docs[0].id == f"html/{path.name}" and len(docs[0].text) > 500, c
        url = docs[0].metadata["url"]
        if url:
            found += 1
            same += url.rstrip("/").split("://")[-1] == truth[path.name[:-8]]["url"].rstrip("/").split("://")[-1]
    assert len(files) == 181 and found > 120 and same > found * 0.6


def test_html_hand_made(tmp_path):
    page = '<html><head><meta property="og:url" content="https://x.example/og">' \
           '<link href="https://x.example/a?b=1&amp;c=2" rel="Canonical"></head><body>\u00e9t\u00e9</body></html>'
    (tmp_path / "p.html").write_text(page, encoding="utf-8")
    (tmp_path / "p.htm.gz").write_bytes(gzip.compress(page.replace("<link", "<x").encode("cp1252")))
    (tmp_path / "empty.htm").write_bytes(b" \n")
    (tmp_path / "big.html").write_bytes(b"<p>" * 400)
    whole = gzip.compress(page.encode() + bytes(random.Random(1).randbytes(5000)).hex().encode())
    (tmp_path / "cut.html.gz").write_bytes(whole[: len(whole) // 2])
    docs, _ = read(HtmlReader(str(tmp_path / "p.html"), source="s"))
    assert docs[0].id == "p.html" and docs[0].metadata == {"url": "https://x.example/a?b=1&c=2", "source": "s",
                                                           "file": "p.html"}
    docs, _ = read(HtmlReader(str(tmp_path / "p.htm.gz")))
    assert docs[0].metadata["url"] == "https://x.example/og" and "été" in docs[0].text
    for name, max_bytes, reason in [("empty.htm", 100, "empty"), ("big.html", 1000, "too_large"),
                                    ("cut.html.gz", 10**6, "truncated"), ("none.html", 100, "unreadable")]:
        docs, c = read(HtmlReader(str(tmp_path / name), max_bytes=max_bytes))
        assert docs == [] and c == {f"skipped_{reason}": 1}, name


# --- JSONL ----------------------------------------------------------------------------------------

BAD_LINES = [
    b'{"id": 7, "text": "first", "url": "https://u.example/", "lang": "en", "tags": ["a", {"b": 1}]}',
    b'{"text": "no id here", "source": "theirs"}',
    b'{"text": "cut',
    b"",
    b'{"id": "x", "body": "wrong field"}',
    b'{"id": "y", "text": null}',
    b'{"id": "z", "text": 42}',
    '{"text": "caf\u00e9"}'.encode("cp1252"),
    b'["a", "list"]',
    b'{"text": "   "}',
    '{"text": "last \u00e9 line"}'.encode(),
]


def test_jsonl_bad_lines(tmp_path):
    raw = b"\n".join(BAD_LINES) + b"\n"
    (tmp_path / "d.jsonl").write_bytes(raw)
    (tmp_path / "d.jsonl.gz").write_bytes(gzip.compress(raw))
    results = []
    for name in ("d.jsonl", "d.jsonl.gz"):
        step = JsonlReader(str(tmp_path / name), rel_path="docs.jsonl")
        docs, c = read(step)
        results.append([(d.id, d.text, d.metadata) for d in docs])
        assert [d.id for d in docs] == ["7", "docs.jsonl:2", "docs.jsonl:11"]
        assert docs[0].metadata == {"lang": "en", "tags": ["a", {"b": 1}], "url": "https://u.example/",
                                    "source": "jsonl", "file": "docs.jsonl", "line": 1}
        assert docs[1].metadata["orig_source"] == "theirs" and docs[1].metadata["url"] is None
        assert c == {"documents": 3, "doc_len": c["doc_len"], "blank_lines": 1, "skipped_bad_json": 2,
                     "skipped_missing_text": 2, "skipped_bad_text_type": 1, "skipped_not_utf8": 1,
                     "skipped_empty": 1}
        where = {b["where"]: b["reason"] for b in step.bad_records}
        assert where == {"docs.jsonl:3": "bad_json", "docs.jsonl:5": "missing_text", "docs.jsonl:6": "missing_text",
                         "docs.jsonl:7": "bad_text_type", "docs.jsonl:8": "not_utf8", "docs.jsonl:9": "bad_json",
                         "docs.jsonl:10": "empty"}
    assert results[0] == results[1]


def test_jsonl_unreadable_cut_and_zst(tmp_path):
    docs, c = read(JsonlReader(str(tmp_path / "nope.jsonl")))
    assert docs == [] and c == {"skipped_unreadable": 1}
    rows = b"".join(b'{"text": "%s"}\n' % random.Random(i).randbytes(300).hex().encode() for i in range(50))
    whole = gzip.compress(rows)
    (tmp_path / "cut.jsonl.gz").write_bytes(whole[: len(whole) // 2])
    docs, c = read(JsonlReader(str(tmp_path / "cut.jsonl.gz")))
    assert 0 < len(docs) < 50 and c["skipped_truncated"] == 1
    try:
        import zstandard
    except ImportError:  # fsspec cannot read .zst without it: a counted skip, not a crash
        (tmp_path / "d.jsonl.zst").write_bytes(b"\x28\xb5\x2f\xfd garbage")
        docs, c = read(JsonlReader(str(tmp_path / "d.jsonl.zst")))
        assert docs == [] and c == {"skipped_unreadable": 1}
        return
    (tmp_path / "d.jsonl.zst").write_bytes(zstandard.ZstdCompressor().compress(b'{"text": "z"}\n'))
    docs, _ = read(JsonlReader(str(tmp_path / "d.jsonl.zst")))
    assert [d.text for d in docs] == ["z"]


def _ranged(path: str, ranges, **kw):
    docs, totals = [], {}
    for start, end in ranges:
        d, c = read(JsonlReader(path, start=start, end=end, **kw))
        docs += d
        for k, v in c.items():
            totals[k] = totals.get(k, 0) + v
    return docs, totals


def test_jsonl_byte_ranges_cover_each_line_once(tmp_path):
    rng = random.Random(0)
    lines = []
    for i in range(300):
        kind = rng.random()
        if kind < 0.1:
            lines.append(b"{broken")
        elif kind < 0.15:
            lines.append(b"")
        else:
            lines.append(json.dumps({"text": "ж" * rng.randint(1, 60) + str(i)}, ensure_ascii=False).encode())
    path = tmp_path / "r.jsonl"
    path.write_bytes(b"\n".join(lines))  # no final newline: the last line must still be read once
    size = path.stat().st_size
    full, full_c = read(JsonlReader(str(path)))
    assert len(full) > 200
    key = [(d.id, d.text) for d in full]
    for target in (1, 7, 64, 333, 1000, size - 1, size, 10 * size):
        ranges = split_ranges(str(path), target)
        assert ranges[0][0] == 0 and ranges[-1][1] is None
        assert all(a[1] == b[0] for a, b in zip(ranges, ranges[1:]))
        docs, c = _ranged(str(path), ranges)
        assert [(d.id, d.text) for d in docs] == key, target
        assert {k: v for k, v in c.items() if k != "doc_len"} == {k: v for k, v in full_c.items() if k != "doc_len"}
    cuts = sorted(rng.sample(range(1, size), 40))  # arbitrary boundaries, not from split_ranges
    docs, _ = _ranged(str(path), list(zip([0] + cuts, cuts + [None])))
    assert [(d.id, d.text) for d in docs] == key


def test_jsonl_real_files(shared_data):
    gsm = str(shared_data / "benchmarks/gsm8k_test.jsonl")
    docs, c = read(JsonlReader(gsm, text_field="question"))
    assert len(docs) == 1319 and "answer" in docs[0].metadata and docs[0].id == "gsm8k_test.jsonl:1"
    for target in (50_000, 123_457):
        ranged, _ = _ranged(gsm, split_ranges(gsm, target), text_field="question")
        assert [d.id for d in ranged] == [d.id for d in docs]
    he = str(shared_data / "benchmarks/HumanEval.jsonl.gz")
    assert split_ranges(he, 10) == [(0, None)]
    docs, c = read(JsonlReader(he, text_field="prompt", id_field="task_id"))
    assert len(docs) == 164 and docs[0].id == "HumanEval/0" and "canonical_solution" in docs[0].metadata


# --- Parquet --------------------------------------------------------------------------------------

def test_parquet_custom_fields_and_row_groups(tmp_path):
    n = 25
    table = pa.table({
        "content": [None if i == 3 else f"doc {i}" for i in range(n)],
        "doc_id": [f"d{i}" for i in range(n)],
        "link": [f"https://p.example/{i}" for i in range(n)],
        "score": [i / 2 for i in range(n)],
        "seen": [dt.datetime(2024, 1, 1) + dt.timedelta(hours=i) for i in range(n)],
    })
    path = str(tmp_path / "t.parquet")
    pq.write_table(table, path, row_group_size=4)
    kw = dict(text_field="content", id_field="doc_id", url_field="link", source="pq")
    docs, c = read(ParquetReader(path, **kw))
    assert len(docs) == n - 1 and c["skipped_missing_text"] == 1
    assert docs[0].id == "d0" and docs[0].text == "doc 0"
    assert docs[0].metadata == {"score": 0.0, "seen": "2024-01-01T00:00:00", "url": "https://p.example/0",
                                "source": "pq", "file": "t.parquet", "row": 0}
    json.dumps([d.metadata for d in docs])
    for target in (1, 5, 8, 100):
        groups = split_row_groups(path, target)
        parts = [d for g in groups for d in ParquetReader(path, row_groups=g, **kw).run()]
        assert [d.id for d in parts] == [d.id for d in docs], target
    docs, _ = read(ParquetReader(path, row_groups=[1], **kw))
    assert [d.metadata["row"] for d in docs] == [4, 5, 6, 7]
    docs, c = read(ParquetReader(path, row_groups=[99], **kw))
    assert docs == [] and c["skipped_bad_row_group"] == 1


def test_parquet_missing_text_column_and_unreadable(tmp_path):
    path = str(tmp_path / "m.parquet")
    pq.write_table(pa.table({"body": ["a"], "id": [1]}), path)
    step = ParquetReader(path)
    docs, c = read(step)
    assert docs == [] and c == {"skipped_missing_text_column": 1}
    assert "body" in step.bad_records[0]["detail"] and step.bad_records[0]["where"] == "m.parquet"
    (tmp_path / "junk.parquet").write_bytes(b"PAR1 not really")
    for name in ("junk.parquet", "none.parquet"):
        docs, c = read(ParquetReader(str(tmp_path / name)))
        assert docs == [] and c == {"skipped_unreadable": 1}


# --- format detection -----------------------------------------------------------------------------

def test_detect_format():
    cases = {"a.warc": "warc", "s3://b/a.warc.gz": "warc", "x/A.ARC": "warc", "a.arc.gz": "warc",
             "p.html": "html", "p.htm": "html", "p.html.gz": "html", "d.jsonl": "jsonl", "d.jsonl.gz": "jsonl",
             "d.jsonl.zst": "jsonl", "d.json.gz": "jsonl", "t.parquet": "parquet",
             "dump/enwiki-latest-pages-articles.xml.bz2": "wikipedia", "beer/Posts.xml": "stackexchange",
             "src/2004.14974.gz": "latex", "1801.03879-1.tar.gz": "latex", "hep-th9901001v2.tar.gz": "latex",
             "kaggle/arxiv-metadata-oai-snapshot.json": "arxiv", "arxiv-metadata-sample.jsonl": "arxiv",
             "repos/click-2c8cd3ac.tar.gz": "code", "r/express.zip": "code", "fd.tgz": "code"}
    assert {p: detect_format(p) for p in cases} == cases
    assert set(READERS) == {"warc", "html", "jsonl", "parquet", "arxiv", "latex", "stackexchange", "gutenberg",
                            "wikipedia", "code"}
    assert READERS["warc"] is WarcReader
    with pytest.raises(ValueError, match="notes.txt"):
        detect_format("dir/notes.txt")


# --- the table of formats -------------------------------------------------------------------------

class LinesReader(CurationStep):
    """A reader written for the test below: one Document per non-blank line of a text file."""

    name = "lines reader"
    type = "reader"

    def __init__(self, path: str, source: str = "lines", rel_path: str | None = None, min_chars: int = 1):
        super().__init__()
        self.path, self.source, self.rel_path, self.min_chars = path, source, rel_path or path, min_chars

    def run(self, data=None, rank: int = 0, world_size: int = 1):
        with open(self.path, encoding="utf-8") as fh:
            for i, line in enumerate(fh, 1):
                if len(line.strip()) < self.min_chars:
                    self.skip(f"{self.rel_path}:{i}", "short")
                    continue
                yield Document(text=line.strip(), id=f"{self.rel_path}:{i}", metadata={"source": self.source})


def test_a_new_format_is_one_entry_of_the_table(tmp_path, monkeypatch):
    """Recipe validation, detection by name, options checking, work units and the reader itself all
    come from ``FORMATS``: one entry (plus the reader module) and a recipe can read the new format."""
    from curation.readers import FORMATS, ReaderFormat
    from curation.recipe.errors import RecipeError
    from curation.recipe.load import load_recipe
    from curation.run.unit import make_reader
    from curation.run.units import plan_units

    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "a.lines").write_text("first line here\n\nxy\nsecond line here\n")
    (tmp_path / "data" / "README").write_text("not an input")
    recipe = tmp_path / "r.yaml"
    recipe.write_text("name: lines\ninputs:\n  - paths: [data]\n    source: notes\n    options: {min_chars: 3}\n"
                      "pipeline: []\n")
    explicit = tmp_path / "e.yaml"
    explicit.write_text("name: lines\ninputs:\n  - paths: [data/a.lines]\n    format: lines\npipeline: []\n")
    with pytest.raises(RecipeError, match=r"e.yaml:4: inputs.0.format: Input should be .* \(got 'lines'\)"):
        load_recipe(explicit)

    monkeypatch.setitem(FORMATS, "lines", ReaderFormat("tests.test_readers:LinesReader", suffixes=(".lines",)))
    assert detect_format("x/b.LINES") == "lines" and READERS["lines"] is LinesReader
    assert load_recipe(explicit).inputs[0].format == "lines"
    loaded = load_recipe(recipe)
    units = plan_units(loaded)
    assert [(u.rel_path, u.format) for u in units] == [("a.lines", "lines")]
    docs, counts = read(make_reader(units[0], loaded))
    assert [d.text for d in docs] == ["first line here", "second line here"] and counts == {"skipped_short": 2}
    assert docs[0].metadata["source"] == "notes"
