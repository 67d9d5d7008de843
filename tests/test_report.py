"""`curate report`: the numbers of report.md against the shards and manifest (recomputed here with
pyarrow), the comparison of two runs, bad run directories, and the charts drawn by headless Chromium."""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import math
import os
import re
import shutil
import socket
import struct
import subprocess
import sys
import threading
import time
import urllib.request
import zlib
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest
import yaml

from curation.report.blocks import Chart, Report, Sample, Section
from curation.report.charts import PALETTE
from curation.report.html import render_html
from tests.conftest import ROOT


def curate(*args: str, timeout: int = 600) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "curation.cli", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=timeout)


@pytest.fixture(scope="session")
def runs(tmp_path_factory) -> tuple[Path, Path]:
    """Run A: pipelines/web.yaml on sample_data/. Run B: the same without fuzzy dedup, with an edu
    threshold that drops documents, and small shards (several files)."""
    base = tmp_path_factory.mktemp("report")
    recipe = yaml.safe_load((ROOT / "pipelines" / "web.yaml").read_text())
    recipe["name"] = "web_b"
    recipe["root"] = str(ROOT)  # the copy's relative paths still start from the repository
    recipe["pipeline"] = [s for s in recipe["pipeline"] if "dedup_fuzzy" not in s]
    for stage in recipe["pipeline"]:
        if "edu" in stage:
            stage["edu"].update(drop=True, threshold=0.5)
    recipe["output"]["shard_bytes"] = "20KB"
    (base / "b.yaml").write_text(yaml.safe_dump(recipe, sort_keys=False))
    out = {}
    for name, path in (("a", "pipelines/web.yaml"), ("b", str(base / "b.yaml"))):
        out[name] = base / name
        proc = curate("run", path, "--output", str(out[name]), "--workers", "1", "--quiet")
        assert proc.returncode == 0, proc.stderr
    return out["a"], out["b"]


@pytest.fixture(scope="session")
def reports(runs) -> tuple[Path, Path]:
    for run in runs:
        proc = curate("report", str(run))
        assert proc.returncode == 0, proc.stderr
        assert proc.stdout.split() == [str(run / "report.html"), str(run / "report.md")]
    return runs


def md_tables(md: str) -> dict[str, list[dict[str, str]]]:
    """report.md's tables, by their bold caption (or the section heading when they have none)."""
    tables: dict[str, list[dict[str, str]]] = {}
    lines = md.splitlines()
    name, i = "", 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("## "):
            name = line[3:]
        elif line.startswith("**") and line.endswith("**"):
            name = line[2:-2]
        elif line.startswith("| ") and i + 1 < len(lines) and lines[i + 1].startswith("|--"):
            head = [c.strip() or str(k) for k, c in enumerate(line.strip("|").split(" | "))]
            rows, i = [], i + 2
            while i < len(lines) and lines[i].startswith("| "):
                rows.append(dict(zip(head, (c.strip() for c in lines[i].strip("|").split(" | ")))))
                i += 1
            tables[name if name not in tables else f"{name} ({len(tables)})"] = rows
            continue
        i += 1
    return tables


def num(cell: str) -> int:
    return int(cell.replace(",", "").replace("≈", ""))


def shards_table(run: Path) -> pa.Table:
    manifest = json.loads((run / "manifest.json").read_text())
    return pa.concat_tables([pq.read_table(run / o["path"]) for o in manifest["outputs"]])


def side(run: Path, folder: str) -> pa.Table:
    return pa.concat_tables([pq.read_table(p) for p in sorted((run / folder).glob("*.parquet"))])


def per_source(shards: pa.Table) -> tuple[Counter, Counter]:
    """Documents and tokens per source."""
    docs, tokens = Counter(), Counter()
    for source, n in zip(shards["source"].to_pylist(), shards["token_count"].to_pylist()):
        docs[source] += 1
        tokens[source] += n
    return docs, tokens


def test_header_summary_and_funnel_match_the_manifest_and_shards(reports):
    run = reports[0]
    manifest = json.loads((run / "manifest.json").read_text())
    md = (run / "report.md").read_text()
    assert manifest["content_hash"] in md and manifest["recipe_hash"] in md
    assert f"curate verify {run}" in md
    shards = shards_table(run)
    summary = {r["0"]: r["1"] for r in md_tables(md)["Summary"]}  # a key/value table without headers
    assert num(summary["documents"]) == shards.num_rows == manifest["totals"]["documents"]
    assert num(summary["tokens"]) == pc.sum(shards["token_count"]).as_py() == manifest["totals"]["tokens"]
    assert summary["shards"].startswith(f"{len(manifest['outputs'])} (")
    funnel = {r["stage"]: r for r in md_tables(md)["Filter funnel"]}
    assert list(funnel) == [s["name"] for s in manifest["stages"]]
    for stage in manifest["stages"]:
        row = funnel[stage["name"]]
        assert num(row["docs out"]) == stage["out"]
        if stage["in"] is not None:
            assert (num(row["docs in"]), num(row["dropped"])) == (stage["in"], stage["dropped"])
    assert num(funnel["edu"]["tokens out"]) == pc.sum(shards["token_count"]).as_py()  # the estimate's exact anchor


def test_drops_by_reason_match_the_manifest_and_the_rejected_files(reports):
    run = reports[1]
    manifest = json.loads((run / "manifest.json").read_text())
    rows = md_tables((run / "report.md").read_text())["Drops by reason"]
    expected = {(s["name"], r): n for s in manifest["stages"] for r, n in (s.get("dropped_by_reason") or {}).items()}
    assert {(r["stage"], r["reason"]): num(r["documents"]) for r in rows} == expected
    rejected = side(run, "rejected")
    bytes_by = defaultdict(int)
    for stage, reason, size in zip(*(rejected[c].to_pylist() for c in ("stage", "reason", "text_bytes"))):
        bytes_by[(stage, reason)] += size
    assert ("edu", "edu_below_threshold") in bytes_by  # run B's threshold dropped documents
    for r in rows:
        if (r["stage"], r["reason"]) in bytes_by:
            assert num(r["text bytes"]) == bytes_by[(r["stage"], r["reason"])]


def test_composition_edu_dedup_shards_and_lengths_match_the_files(reports):
    run = reports[0]
    tables = md_tables((run / "report.md").read_text())
    shards = shards_table(run)
    docs, tokens = per_source(shards)
    total = sum(tokens.values())
    for row in tables["By source"]:
        s = row["source"]
        assert (num(row["documents"]), num(row["tokens"])) == (docs[s], tokens[s])
        assert row["% tokens"] == f"{100 * tokens[s] / total:.1f}%"
    assert {r["source"] for r in tables["By source"]} == set(docs)
    # edu histogram: ten bins of 0.1 (the sample classifier gives probabilities)
    scores = defaultdict(Counter)
    for source, score in zip(shards["source"].to_pylist(), shards["edu_score"].to_pylist()):
        scores[source][min(9, math.floor(score / 0.1))] += 1
    hist = tables["Documents per score bin and source"]
    assert len(hist) == 10
    for b, row in enumerate(hist):
        for source in docs:
            assert num(row[source]) == scores[source][b], (b, source)
    # dedup: cluster sizes from removed/ (members per cluster_id + the kept one) and from the manifest
    removed = side(run, "removed")
    per_cluster = Counter(zip(removed["stage"].to_pylist(), removed["cluster_id"].to_pylist()))
    sizes = Counter((stage, n + 1) for (stage, _), n in per_cluster.items())
    manifest = json.loads((run / "manifest.json").read_text())
    listed = {(s["name"], int(k)): v for s in manifest["stages"] for k, v in (s.get("cluster_sizes") or {}).items()}
    got = {(r["stage"], num(r["cluster size"])): num(r["clusters"]) for r in tables["Cluster-size distribution"]}
    assert got == dict(sizes) == listed and got
    # shards: rows and tokens per file
    for row, out in zip(tables["Shards"], manifest["outputs"]):
        t = pq.read_table(run / out["path"])
        assert row["shard"] == out["path"]
        assert (num(row["rows"]), num(row["tokens"])) == (t.num_rows, pc.sum(t["token_count"]).as_py())
    # lengths: min and max tokens per source
    for row in tables["Tokens per document, by source"]:
        mask = pc.equal(shards["source"], row["source"])
        mm = pc.min_max(pc.filter(shards["token_count"], mask)).as_py()
        assert (num(row["min"]), num(row["max"])) == (mm["min"], mm["max"])


def test_edu_section_warns_about_languages_the_classifier_was_not_trained_on(reports):
    run = reports[0]
    manifest = json.loads((run / "manifest.json").read_text())
    counters = next(s for s in manifest["stages"] if s["name"] == "edu")["counters"]
    shards = shards_table(run)
    foreign = sum(1 for lang in shards["language"].to_pylist() if lang != "en")
    assert foreign > 0 and counters["scored_untrained_language"] == foreign  # edu is the last stage, drop: false
    md = (run / "report.md").read_text()
    edu = md.split("## Educational-value scores", 1)[1].split("\n## ", 1)[0]
    assert f"Warning: edu scored {counters['scored_untrained_language']} document(s) in languages" in edu
    assert '<p class="warning">Warning: edu scored' in (run / "report.html").read_text()


def test_html_is_self_contained_and_escapes_text(reports):
    html = (reports[0] / "report.html").read_text()
    assert "<script" not in html and "<link" not in html
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)  # nothing fetched from anywhere
    assert "Content-Security-Policy" in html and "default-src 'none'" in html
    assert html.count('<svg class="chart"') >= 8
    evil = "<script>alert('x')</script> & </pre>"
    page = render_html(Report("t <b>", (("run", evil),), (Section("s", "S", (evil,), (
        Sample(evil, evil, evil), Chart(evil, "bars", (evil,), ((evil, (1.0,)),))),),)))
    assert "<script>" not in page and "</pre> &" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &lt;/pre&gt;" in page


def test_compare_two_runs(reports, tmp_path):
    a, b = reports
    proc = curate("report", str(a), str(b), "--output", str(tmp_path))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == [str(tmp_path / "compare.html"), str(tmp_path / "compare.md")]
    md = (tmp_path / "compare.md").read_text()
    tables = md_tables(md)
    why = {r["key path"]: (r["A"], r["B"]) for r in tables["Recipe"]}
    assert why["pipeline[edu].params.threshold"] == ("(absent)", "0.5")
    assert why["pipeline[edu].params.drop"] == ("false", "true")
    assert why["pipeline[dedup_fuzzy]"][1] == "(absent)"
    assert "output.dir" not in why
    assert "Stage(s) only in A: dedup_fuzzy." in md
    shares = {}
    for name, run in (("A", a), ("B", b)):
        tokens = per_source(shards_table(run))[1]
        shares[name] = {s: n / sum(tokens.values()) for s, n in tokens.items()}
    for row in tables["By source (largest share change first)"]:
        s = row["source"]
        assert row["% tokens A"] == f"{100 * shares['A'][s]:.1f}%" and row["% tokens B"] == f"{100 * shares['B'][s]:.1f}%"
        delta = round(100 * (shares["B"][s] - shares["A"][s]), 1)
        assert row["Δ share"] == (f"{delta:+.1f} pp" if delta else "0.0 pp")
    funnel = {r["stage"]: r for r in tables["Funnel: A vs B"]}
    mb = json.loads((b / "manifest.json").read_text())
    edu_b = next(s for s in mb["stages"] if s["name"] == "edu")
    assert (num(funnel["edu"]["dropped A"]), num(funnel["edu"]["dropped B"])) == (0, edu_b["dropped"])
    assert funnel["dedup_fuzzy"]["docs out B"] == "–" and funnel["dedup_fuzzy"]["Δ docs out"] == "–"


def test_no_manifest_is_a_one_line_error(tmp_path):
    proc = curate("report", str(tmp_path))
    assert proc.returncode == 2
    assert proc.stderr.strip().count("\n") == 0 and "no manifest.json" in proc.stderr and str(tmp_path) in proc.stderr
    assert not (tmp_path / "report.html").exists()


def test_missing_shard_is_named(runs, tmp_path):
    broken = tmp_path / "broken"
    shutil.copytree(runs[1], broken, ignore=shutil.ignore_patterns("report.*", "cmp"))
    manifest = json.loads((broken / "manifest.json").read_text())
    assert len(manifest["outputs"]) >= 3
    gone = manifest["outputs"][2]["path"]
    (broken / gone).unlink()
    proc = curate("report", str(broken))
    assert proc.returncode == 2
    assert proc.stderr.strip().count("\n") == 0 and gone in proc.stderr, proc.stderr
    assert not (broken / "report.md").exists() and not (broken / "report.html").exists()


def with_mix_and_contamination(src: Path, run: Path) -> tuple[dict[str, float], dict[str, int], int]:
    """A copy of run ``src`` whose manifest has the mixer's ``mix`` section (rules as the mixer writes
    them) and a decontamination stage with its sidecar. Returns the targets, tokens per source, total."""
    shutil.copytree(src, run)
    manifest = json.loads((run / "manifest.json").read_text())
    shards = shards_table(run)
    per = per_source(shards)[1]
    total = sum(per.values())
    targets = {s: round(1 / len(per), 4) for s in per}
    manifest["mix"] = {
        "groups": [{"name": s, "rule": {"edu_min": 2.0, "source": [s, "web", "forum", "notes", "posts"]},
                    "target_share": targets[s], "available_tokens": n,
                    "available_documents": 1, "selected_tokens": n, "selected_documents": 1, "achieved_share": n / total,
                    "max_epochs": 1, "epochs_used": 1, "limiting": False} for s, n in per.items()],
        "languages": [], "total_tokens": total, "budget": total, "limiting_group": None, "alpha": 0.3,
        "unassigned": {"documents": 0, "tokens": 0}}
    ids = shards["id"].to_pylist()[:3]
    sidecar = pa.table({"doc_id": ids, "benchmark": ["mmlu", "mmlu", "gsm8k"], "item_id": ["q1", "q2", "q9"],
                        "ngram": ["a b c", "d e f", "g h i"], "n": [13, 13, 13], "matched_ngrams": [2, 1, 4],
                        "action": ["flag", "flag", "drop"], "start": [0, 5, 9], "end": [20, 30, 40]})
    (run / "sidecars" / "decontaminate").mkdir(parents=True)
    pq.write_table(sidecar, run / "sidecars" / "decontaminate" / "u.parquet")
    manifest["side_outputs"].append({"path": "sidecars/decontaminate/u.parquet", "kind": "sidecar:decontaminate",
                                     "rows": 3, "bytes": 0, "sha256": ""})
    manifest["stages"].append({"name": "decontaminate", "in": 81, "out": 81, "dropped": 0, "dropped_by_reason": {},
                               "counters": {"contaminated_mmlu": 2, "contaminated_gsm8k": 1}})
    (run / "manifest.json").write_text(json.dumps(manifest))
    return targets, per, total


def test_mix_and_contamination_sections_when_present(runs, tmp_path):
    run = tmp_path / "mixed"
    targets, per, total = with_mix_and_contamination(runs[0], run)
    proc = curate("report", str(run))
    assert proc.returncode == 0, proc.stderr
    tables = md_tables((run / "report.md").read_text())
    groups = {r["group"]: r for r in tables["Groups"]}
    for s, n in per.items():
        assert groups[s]["target"] == f"{100 * targets[s]:.1f}%" and groups[s]["achieved"] == f"{100 * n / total:.1f}%"
    hits = {r["benchmark"]: r for r in tables["Benchmark contamination"]}
    assert num(hits["mmlu"]["documents flagged"]) == 2 and num(hits["mmlu"]["benchmark items"]) == 2
    assert num(hits["gsm8k"]["hits"]) == 1 and hits["gsm8k"]["actions"] == "drop: 1"
    html = (run / "report.html").read_text()
    assert "Token share per group: target vs achieved" in html


PAGE_LAYOUT = """const root = document.documentElement;
const boxes = [...document.querySelectorAll('div.table')];
const layout = {scrollWidth: root.scrollWidth, height: root.scrollHeight,
  tables_wider_than_their_box: boxes.filter(b => b.scrollWidth > b.clientWidth + 1).map(b => b.innerText.slice(0, 60)),
  sections: [...document.querySelectorAll('section')].map(s => ({id: s.id,
    folds: s.firstElementChild.tagName === 'DETAILS' && s.querySelector(':scope > details > summary > h2') !== null})),
  toc: [...document.querySelectorAll('nav a')].map(a => a.getAttribute('href')),
  samples: [...document.querySelectorAll('details.sample')].map(d => d.open)};
document.querySelectorAll('details').forEach(d => { d.open = true; });
layout.height_unfolded = root.scrollHeight;
return layout;"""


def test_the_report_reads_at_1400_px(runs, tmp_path):
    """At a 1,400 px window: no horizontal scroll, every table fits its box (the mix table with its rules
    overflowed), a table of contents, every section folds, and the samples start folded."""
    chromium = require_chromium()
    run = tmp_path / "mixed"
    with_mix_and_contamination(runs[0], run)
    assert curate("report", str(run)).returncode == 0
    with serve(run) as url:
        page = chromedriver_eval(chromium, f"{url}report.html", tmp_path, PAGE_LAYOUT, window="1400,900")
        screenshot(chromium, f"{url}report.html", tmp_path / "report-1400.png", tmp_path, window="1400,4000")
    assert page["scrollWidth"] <= 1400, page["scrollWidth"]
    assert page["tables_wider_than_their_box"] == [], page["tables_wider_than_their_box"]
    ids = [s["id"] for s in page["sections"]]
    assert "mix" in ids and page["toc"] == [f"#{i}" for i in ids]
    assert all(s["folds"] for s in page["sections"]), page["sections"]
    assert page["samples"] and not any(page["samples"])
    assert page["height"] < page["height_unfolded"] - 1000, (page["height"], page["height_unfolded"])


def test_charts_draw_in_headless_chromium(reports, tmp_path):
    chromium = require_chromium()
    a, b = reports
    assert curate("report", str(a), str(b), "--output", str(b / "cmp")).returncode == 0
    with serve(b) as url:
        shot = screenshot(chromium, f"{url}report.html", tmp_path / "report.png", tmp_path)
        blue = count_colour(shot, PALETTE[0])
        assert blue > 20_000, f"only {blue} pixels of the bar colour: the charts did not draw"
        shot = screenshot(chromium, f"{url}cmp/compare.html", tmp_path / "compare.png", tmp_path)
        a_bars, b_bars = count_colour(shot, PALETTE[0]), count_colour(shot, PALETTE[1])
        assert a_bars > 5_000 and b_bars > 5_000, (a_bars, b_bars)  # both runs' series are drawn


def test_every_chart_has_a_visible_box_and_bars(reports, tmp_path):
    chromium = require_chromium()
    run = reports[0]
    html = (run / "report.html").read_text()
    with serve(run) as url:
        charts = chromedriver_charts(chromium, f"{url}report.html", tmp_path)
    assert len(charts) == html.count('<svg class="chart"') >= 8
    for c in charts:
        assert c["width"] > 100 and c["height"] > 30, c
        assert c["drawn"] >= 1 and c["drawn"] <= c["bars"], c


# --- headless Chromium -------------------------------------------------------------------------------------------

CHROME_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--hide-scrollbars"]


def require_chromium(program: str = "chromium") -> str:
    """Its path; skipped when absent, a failure when CURATION_REQUIRE_CHROMIUM=1 (set by .ci/run)."""
    found = shutil.which(program)
    if found:
        return found
    reason = f"{program} not installed (Debian packages chromium, chromium-driver; .ci/run installs them)"
    if os.environ.get("CURATION_REQUIRE_CHROMIUM") == "1":
        pytest.fail(f"CURATION_REQUIRE_CHROMIUM=1 but {reason}")
    pytest.skip(reason)


@contextlib.contextmanager
def serve(folder: Path):
    """``folder`` over HTTP on 127.0.0.1 (a free port), from a thread, for the test's duration."""
    quiet = type("Quiet", (http.server.SimpleHTTPRequestHandler,), {"log_message": lambda *args: None})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def screenshot(chromium: str, url: str, png: Path, profile: Path, window: str = "1280,4000") -> Path:
    proc = subprocess.run([chromium, *CHROME_FLAGS, f"--user-data-dir={profile / 'chrome-profile'}",
                           f"--screenshot={png}", f"--window-size={window}", url],
                          capture_output=True, text=True, timeout=180)
    assert png.exists(), proc.stderr[-2000:]
    return png


def rgb_pixels(png: Path):
    """(height, width, 3) uint8 array: Pillow when installed, else PNG decoded here with zlib."""
    import numpy as np

    try:
        from PIL import Image
    except ImportError:
        return decode_png(png.read_bytes())
    return np.asarray(Image.open(png).convert("RGB"))


def decode_png(data: bytes):
    """8-bit RGB/RGBA non-interlaced PNG (what Chromium writes) to an (h, w, 3) array."""
    import numpy as np

    pos, idat, width = 8, b"", 0
    while pos < len(data):
        size, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + size]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and colour in (2, 6), (depth, colour)
            bpp = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + size
    raw, stride = zlib.decompress(idat), width * bpp
    out, prev = bytearray(height * stride), bytearray(stride)
    for y in range(height):
        ftype, row = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for x in range(stride):
            a = row[x - bpp] if x >= bpp else 0
            b, c = prev[x], prev[x - bpp] if x >= bpp else 0
            if ftype == 1:
                row[x] = (row[x] + a) & 255
            elif ftype == 2:
                row[x] = (row[x] + b) & 255
            elif ftype == 3:
                row[x] = (row[x] + (a + b) // 2) & 255
            elif ftype == 4:
                p = a + b - c
                pa_, pb, pc_ = abs(p - a), abs(p - b), abs(p - c)
                row[x] = (row[x] + (a if pa_ <= pb and pa_ <= pc_ else b if pb <= pc_ else c)) & 255
        out[y * stride:(y + 1) * stride], prev = row, row
    return np.frombuffer(bytes(out), dtype=np.uint8).reshape(height, width, bpp)[:, :, :3]


def count_colour(png: Path, hex_colour: str) -> int:
    rgb = tuple(int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return int((rgb_pixels(png) == rgb).all(axis=2).sum())


CHART_BOXES = """return [...document.querySelectorAll('svg.chart')].map(svg => {
  const box = svg.getBoundingClientRect();
  const bars = [...svg.querySelectorAll('rect.bar')].map(r => r.getBoundingClientRect());
  return {title: svg.getAttribute('aria-label'), width: box.width, height: box.height, bars: bars.length,
          drawn: bars.filter(r => r.width > 0 && r.height > 0).length};
});"""


def ready(call) -> bool:
    try:
        return bool(call("GET", "/status")["value"].get("ready"))
    except OSError:
        return False


def chromedriver_charts(chromium: str, url: str, tmp: Path) -> list[dict]:
    """Every chart's laid-out box and its drawn bars, asked of the page through chromedriver (W3C WebDriver)."""
    return chromedriver_eval(chromium, url, tmp, CHART_BOXES)


def chromedriver_eval(chromium: str, url: str, tmp: Path, script: str, window: str = "1280,4000") -> Any:
    """``script``'s return value in the page at ``url``, with a browser window of ``window`` pixels."""
    driver = require_chromium("chromedriver")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([driver, f"--port={port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"

    def call(method: str, path: str, body: dict | None = None) -> dict:
        req = urllib.request.Request(base + path, method=method, data=None if body is None else json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=120) as resp:
            return json.loads(resp.read())

    try:
        deadline = time.monotonic() + 30
        while not ready(call):
            assert time.monotonic() < deadline, "chromedriver did not start within 30 s"
            time.sleep(0.1)
        options = {"binary": chromium, "args": [*CHROME_FLAGS, f"--window-size={window}",
                                                f"--user-data-dir={tmp / 'driver-profile'}"]}
        session = call("POST", "/session", {"capabilities": {"alwaysMatch": {"goog:chromeOptions": options}}})
        sid = session["value"]["sessionId"]
        try:
            call("POST", f"/session/{sid}/url", {"url": url})
            return call("POST", f"/session/{sid}/execute/sync", {"script": script, "args": []})["value"]
        finally:
            call("DELETE", f"/session/{sid}")
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_figures_from_value_counts_equal_polars_over_every_row():
    """The report's quantiles, medians and means come from merged value counts (curation/report/sketch.py):
    they must equal polars' own over the rows, whatever the ties and counts."""
    import numpy as np
    import polars as pl

    from curation.report.sketch import median, quantile, spread_of

    rng = np.random.default_rng(7)
    for n in [1, 2, 3, 6, 11, 34, 101, 1000]:
        for values in (rng.integers(0, 60, n), rng.random(n).round(2)):
            col = pl.Series("v", values)
            counts = pl.DataFrame({"v": values}).group_by("v").agg(pl.len().alias("documents"))
            v, c = spread_of(counts, "v")
            for q in (0.1, 0.9, 0.99):
                assert quantile(v, c, q) == col.quantile(q), (n, q)
            assert median(v, c) == pytest.approx(col.median(), abs=1e-12)
            assert (v * c).sum() / c.sum() == pytest.approx(col.mean())


def report_md(run: Path, out: Path) -> str:
    from curation.report.data import load_run
    from curation.report.sections import run_report
    from curation.report.write import write_files

    write_files(run_report(load_run(str(run))), str(out), "report")
    return (out / "report.md").read_text()


def test_report_is_the_same_in_many_buckets_and_merges(runs, tmp_path, monkeypatch):
    """Removed rows joined to the kept documents in hash buckets, shard aggregates merged every two
    shards: the same report as one bucket and one merge (run B has several shards and removals)."""
    import curation.report.sides as sides
    import curation.report.sketch as sketch

    run = runs[1]
    whole = report_md(run, tmp_path / "one")
    monkeypatch.setattr(sides, "BUCKET_ROWS", 3)
    monkeypatch.setattr(sketch, "MERGE_EVERY", 2)
    assert report_md(run, tmp_path / "many") == whole
    assert "removed by dedup" in whole


def test_edu_figures_past_the_exact_bound_are_marked_approximate(runs, tmp_path, monkeypatch):
    import curation.report.sketch as sketch

    monkeypatch.setattr(sketch, "EXACT_VALUES", 2)
    monkeypatch.setattr(sketch, "MERGE_EVERY", 1)
    md = report_md(runs[1], tmp_path)
    assert "Approximate (≈): more than 2 distinct scores" in md
    from curation.report.write import write_comparison

    write_comparison(str(runs[0]), str(runs[1]), str(tmp_path / "cmp"))
    assert "Approximate (≈) in run B" in (tmp_path / "cmp" / "compare.md").read_text()


def test_samples_are_distinct_documents_whatever_the_row_groups(tmp_path):
    """A mixed shard repeats a document in later epochs: the samples are the three lowest-key distinct
    documents, however the shard is cut into row groups (the lowest one repeated three times in a row
    group once took every candidate slot)."""
    import polars as pl

    from curation.report.aggregate import top_samples
    from curation.report.data import _shard_frames

    ids = [f"d{i}" for i in range(12)]
    df = pl.DataFrame({"id": ids, "source": "web", "language": "en", "text": "x" * 10, "token_count": 5})
    by_key = df.with_columns(pl.col("id").hash(seed=0).alias("k")).sort("k")["id"].to_list()
    low = df.filter(pl.col("id") == by_key[0])
    rows = pl.concat([df.with_columns(pl.lit(e).alias("epoch")) for e in (0,)]
                     + [low.with_columns(pl.lit(e).alias("epoch")) for e in (1, 2)]).sort("epoch", "id")
    (tmp_path / "shards").mkdir()
    for size in (100, 4):
        rows.write_parquet(tmp_path / "shards" / "s.parquet", row_group_size=size)
        parts = [s for _, s in _shard_frames(str(tmp_path), "shards/s.parquet", 0)]
        assert top_samples(parts, 3)["id"].to_list() == by_key[:3], size
