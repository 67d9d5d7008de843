"""Pathological pages, in a WARC and as .html files, through a real run: 100k nested tags, a 50 MB page,
a gzip bomb, binary bytes served as text/html, and a page trafilatura needs ~20 s for. The run
finishes, every such page is counted with its reason (too_large at the reader, extract_timeout /
extract_empty at extraction), the time spent on each is bounded by the extraction timeout, a page over
the size cap is never held in memory, and the real page after them is still extracted and kept.
The same for JSON Lines: a 40 MB line and JSON nested 100,000 deep cost one counted line each.
"""

from __future__ import annotations

import gzip
import io
import json
import random
import tracemalloc
from pathlib import Path

import pyarrow.parquet as pq
import yaml
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from curation.readers import JsonlReader, WarcReader
from curation.recipe.load import load_recipe
from curation.run.driver import execute

TIMEOUT = 2  # seconds per page, the recipe's extraction timeout here
BIG = 50 << 20

NESTED = b"<html><body>" + b"<div>" * 100_000 + b"<p>Deep inside.</p>" + b"</div>" * 100_000 + b"</body></html>"
BINARY = b"\x89PNG\r\n\x1a\n" + random.Random(5).randbytes(300_000)
SLOW = b"<html><body>" + b"<p>word " * 400_000 + b"</body></html>"  # 3.2 MB, ~20 s of trafilatura


def real_page(shared: Path) -> bytes:
    return gzip.decompress(sorted((shared / "extraction/scrapinghub/html").glob("*.html.gz"))[0].read_bytes())


def _response(writer: WARCWriter, url: str, body, length: int, headers: list[tuple[str, str]]) -> None:
    http = StatusAndHeaders("200 OK", headers, protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(url, "response", payload=body, length=length, http_headers=http))


def write_warc(path: Path, real: bytes) -> None:
    html = [("Content-Type", "text/html; charset=utf-8")]
    with open(path, "wb") as f:
        w = WARCWriter(f, gzip=True)
        _response(w, "http://patho.example/nested", io.BytesIO(NESTED), len(NESTED), html)
        _response(w, "http://patho.example/huge", io.BytesIO(b"<p>" + b"a" * (BIG - 3)), BIG, html)
        bomb = gzip.compress(b"<html>" + b"b" * BIG, compresslevel=1)  # 50 MB once inflated
        _response(w, "http://patho.example/bomb", io.BytesIO(bomb), len(bomb), html + [("Content-Encoding", "gzip")])
        _response(w, "http://patho.example/binary", io.BytesIO(BINARY), len(BINARY), html)
        _response(w, "http://patho.example/slow", io.BytesIO(SLOW), len(SLOW), html)
        _response(w, "http://patho.example/real", io.BytesIO(real), len(real), html)


def write_inputs(folder: Path, real: bytes) -> None:
    folder.mkdir()
    write_warc(folder / "patho.warc.gz", real)
    (folder / "nested.html").write_bytes(NESTED)
    with open(folder / "huge.html", "wb") as f:
        f.write(b"<html><body><p>" + b"c" * BIG)
    (folder / "binary.html").write_bytes(BINARY)
    (folder / "slow.html").write_bytes(SLOW)
    (folder / "zz-real.html").write_bytes(real)  # sorted last: extracted after the slow page's timeout


def test_pathological_pages_are_bounded_and_counted(shared_data, tmp_path):
    inputs = tmp_path / "web"
    write_inputs(inputs, real_page(shared_data))
    recipe_file = tmp_path / "patho.yaml"
    recipe_file.write_text(yaml.safe_dump({
        "name": "patho", "inputs": [{"paths": [str(inputs)], "source": "web"}],
        "pipeline": [{"extract": {"timeout": TIMEOUT}}, {"langid": {"min_score": 0.5}}],
        "output": {"keep_work": True},
    }))
    recipe = load_recipe(recipe_file, output=str(tmp_path / "run"))
    result = execute(recipe, workers=2, progress=False)
    m = result.manifest
    assert m["failed_units"] == []
    stages = {s["name"]: s for s in m["stages"]}
    assert stages["read"]["skipped_by_reason"] == {"too_large": 3}  # 50 MB in the WARC and as .html; the bomb
    assert stages["extract"]["dropped_by_reason"] == {"extract_timeout": 2, "extract_empty": 4}

    run = Path(result.run_dir)
    rejected = pq.read_table(run / "rejected").to_pylist()
    reason = {(r["url"] or r["id"]): r["reason"] for r in rejected}
    for name in ("http://patho.example/nested", "http://patho.example/binary", "nested.html", "binary.html"):
        assert reason[name] == "extract_empty", name
    for name in ("http://patho.example/slow", "slow.html"):
        assert reason[name] == "extract_timeout", name
    kept = pq.read_table(run / "shards").to_pylist()
    assert len(kept) == 2 and all(r["language"] == "en" for r in kept)  # the real page, from both inputs
    assert "zz-real.html" in {r["id"] for r in kept} and "http://patho.example/real" in {r["url"] for r in kept}

    # time: a slow page costs the timeout in CPU seconds (tests/test_interrupt.py measures it), and in wall
    # time at most the sandbox's cap (reached only when the machine is loaded), not the ~20 s it would take
    from curation.extract.sandbox import WALL_FACTOR, WALL_MIN

    for marker in (run / "_work" / "pass0").glob("*.done.json"):
        unit = json.loads(marker.read_text())
        if unit["rel_path"] == "slow.html":
            assert unit["seconds"] < max(WALL_MIN, WALL_FACTOR * TIMEOUT) + 8, unit["seconds"]


def test_a_page_over_the_cap_is_never_held(shared_data, tmp_path):
    """Over the cap, a page is skipped while it streams past. What the reader holds does not grow with
    the page: for a page that barely compresses it is a few MiB; for one of a single repeated byte it is
    warcio's inflated block (16 KiB compressed can inflate 1000-fold), the same at 50 and at 200 MB."""
    html = [("Content-Type", "text/html; charset=utf-8")]
    hexed = random.Random(7).randbytes(BIG // 2).hex().encode()  # 50 MB of text that gzip barely shrinks
    peaks, real = {}, real_page(shared_data)
    for name, body in (("hex", hexed), ("flat50", b"a" * BIG), ("flat200", b"a" * (4 * BIG))):
        path = tmp_path / f"{name}.warc.gz"
        with open(path, "wb") as f:
            w = WARCWriter(f, gzip=True)
            _response(w, f"http://patho.example/{name}", io.BytesIO(body), len(body), html)
            _response(w, "http://patho.example/real", io.BytesIO(real), len(real), html)
        step = WarcReader(str(path), max_bytes=5_000_000)
        tracemalloc.start()
        try:
            urls = [d.metadata["url"] for d in step.run()]
            peaks[name] = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        assert urls == ["http://patho.example/real"] and step.stats.stats["skipped_too_large"].total == 1
    assert peaks["hex"] < 16 << 20, peaks
    assert peaks["flat200"] < 100 << 20 and peaks["flat200"] < 1.2 * peaks["flat50"] + (4 << 20), peaks


def test_jsonl_huge_line_is_skipped_without_being_held(tmp_path):
    path = tmp_path / "huge.jsonl"
    with open(path, "wb") as f:
        f.write(b'{"text": "before"}\n{"text": "' + b"y" * (40 << 20) + b'"}\n{"text": "after"}\n')
    step = JsonlReader(str(path), max_line_bytes=1 << 20)
    tracemalloc.start()
    try:
        docs = [d.text for d in step.run()]
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert docs == ["before", "after"] and step.stats.stats["skipped_too_large"].total == 1
    assert peak < 8 << 20, f"peak {peak / 2**20:.1f} MiB while reading a 40 MiB line"
    ranged = JsonlReader(str(path), start=30, max_line_bytes=1 << 20)  # a range starting inside it
    assert [d.text for d in ranged.run()] == ["after"]


def test_jsonl_deep_nesting_costs_one_line(tmp_path):
    path = tmp_path / "deep.jsonl"
    path.write_text('{"text": "a"}\n' + "[" * 100_000 + "]" * 100_000 + '\n{"text": "b", "m": '
                    + "[" * 500 + "]" * 500 + '}\n{"text": "c"}\n')
    step = JsonlReader(str(path))
    assert [d.text for d in step.run()] == ["a", "b", "c"]
    c = {k: v.total for k, v in step.stats.stats.items()}
    assert c["skipped_bad_json"] == 1 and c["metadata_values_dropped"] == 1
