"""Seed curation (``curate seeds``) on two different runs: topic coverage beside random samples of the
same size, the embedding choice against real topic labels, Q&A pairs checked against the dump, CPU time.

    python benchmarks/seeds_benchmark.py [--data ../shared/data] [--main RUN] [--second RUN] [--json out.json]

Runs (made with ``curate run`` into a temp folder unless given):
- main: the README's main job (``pipelines/phi4.yaml`` on ``sample_data/``, 199 rows, 121 documents);
- second: the same stages on real outside data: beer.stackexchange Posts.xml, 200 arXiv metadata records,
  Wikipedia, six Gutenberg books and one Common Crawl WARC from ``../shared/data`` (no mix).
The seeds' settings are the built-in ones (``pipelines/seeds/default.yaml``), fixed before either run was
measured. The embedding choice is measured on the second run's arXiv documents only: NMI of the clusters
with each paper's primary arXiv archive (``math``, ``cond-mat``...), mean of 5 k-means seeds. CPU time is
``time.process_time`` of this process (the load of the shared machine does not count), with one plain
read of every document's text as the anchor measured in the same run.
"""

from __future__ import annotations

import argparse
import html
import json
import math
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from curation.synth.seeds import select  # noqa: E402
from curation.synth.seeds_config import SeedsConfig  # noqa: E402
from curation.synth.seeds_coverage import summary_lines  # noqa: E402
from curation.synth.seeds_read import iter_texts, scan_run  # noqa: E402
from curation.synth.topics import topic_clusters  # noqa: E402


def _curate_run(recipe: Path, out: Path) -> Path:
    proc = subprocess.run([sys.executable, "-m", "curation.cli", "run", str(recipe), "--output", str(out), "--quiet"],
                          cwd=ROOT, capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"curate run {recipe} failed: {proc.stderr.strip().splitlines()[-1:]}")
    return out


def second_recipe(data: Path, folder: Path) -> Path:
    """The main job's stages (code stages and the mix left out) on the outside data."""
    raw = yaml.safe_load((ROOT / "pipelines" / "phi4.yaml").read_text())
    raw.update(name="seeds_second", root=str(ROOT))
    raw["inputs"] = [
        {"paths": [str(data / "warc" / "cc-main-2020-34-sample.warc.gz")], "source": "web"},
        {"paths": [str(data / "academic" / "arxiv" / "arxiv-metadata-sample.jsonl")], "format": "arxiv", "source": "arxiv"},
        {"paths": [str(data / "academic" / "stackexchange" / "beer")], "source": "qa", "options": {"min_score": 1, "max_answers": 3}},
        {"paths": [str(data / "academic" / "gutenberg" / "raw")], "format": "gutenberg", "source": "books"},
        {"paths": [str(data / "academic" / "wikipedia")], "source": "wikipedia"},
    ]
    raw["pipeline"] = [s for s in raw["pipeline"] if not any(k.startswith("code") for k in s)]
    for stage in raw["pipeline"]:
        for params in stage.values():
            if isinstance(params, dict) and "sources" in params:
                params["sources"] = [s for s in params["sources"] if s != "code"]
    raw.pop("mix")
    path = folder / "seeds_second.yaml"
    path.write_text(yaml.safe_dump(raw, sort_keys=False))
    return path


def nmi(a: list, b: list) -> float:
    n = len(a)
    ca, cb, cab = Counter(a), Counter(b), Counter(zip(a, b))
    mi = sum(v / n * math.log(v * n / (ca[x] * cb[y])) for (x, y), v in cab.items())
    ha = -sum(v / n * math.log(v / n) for v in ca.values())
    hb = -sum(v / n * math.log(v / n) for v in cb.values())
    return 2 * mi / (ha + hb) if ha + hb else 0.0


def embedding_choice(index) -> dict:
    idx = [d for d, s in enumerate(index.sources) if s == "arxiv"]
    got = {d: (text, meta) for d, text, meta in iter_texts(index, idx)}
    cats = [json.loads(got[d][1]).get("categories") or ["?"] for d in idx]
    labels = [(c[0] if isinstance(c, list) else str(c).split()[0]).split(".")[0] for c in cats]
    texts = [got[d][0] for d in idx]
    out = {"documents": len(idx), "archives": len(set(labels))}
    for emb in ("wordllama", "tfidf"):
        for k in (8, 16):
            scores = [nmi(topic_clusters(texts, k, emb, 2000, seed).tolist(), labels) for seed in range(5)]
            out[f"{emb} k={k}"] = round(sum(scores) / len(scores), 3)
    return out


def _letters(text: str) -> str:
    return re.sub(r"[^a-z]", "", text.lower())


def qa_check(table, posts: Path) -> dict:
    """Each Q&A seed's answer against the accepted answer's body in the dump: its first 60 letters (list
    numbers, punctuation and spacing differ between the reader's text and tag-stripped HTML)."""
    text = posts.read_text(encoding="utf-8-sig")
    rows = {int(m.group(1)): m.group(0) for m in re.finditer(r'<row Id="(\d+)"[^>]*/>', text)}
    ok = total = 0
    for sid, answer in zip(table.column("source_id").to_pylist(), table.column("answer").to_pylist()):
        if answer is None or not sid.startswith("stackexchange:"):
            continue
        total += 1
        q = rows[int(sid.rsplit(":", 1)[1])]
        acc = re.search(r'AcceptedAnswerId="(\d+)"', q)
        body = re.search(r' Body="([^"]*)"', rows[int(acc.group(1))]) if acc else None
        plain = _letters(re.sub(r"<[^>]+>", " ", html.unescape(body.group(1)))) if body else ""
        ok += _letters(answer)[:60] in plain
    return {"qa_seeds": total, "matching_accepted_answer": ok}


def measure(name: str, run: Path, cfg: SeedsConfig, warm: bool = False) -> dict:
    """Seeds of ``run``; CPU of ``select`` beside the anchor: one plain read of every document's text."""
    index = scan_run(str(run))
    t0 = time.process_time()
    chars = sum(len(text) for _, text, _ in iter_texts(index, range(len(index.ids))))
    t1 = time.process_time()
    table, report = select(index, cfg)
    t2 = time.process_time()
    print(f"\n== {name}: {run}")
    print("\n".join(summary_lines(report)))
    print(f"CPU{' (warm: files and embeddings cached by the run above)' if warm else ''}: read the text "
          f"({chars:,} characters, anchor) {t1 - t0:.2f} s, select {t2 - t1:.2f} s ({(t2 - t1) / max(t1 - t0, 1e-9):.1f}x the anchor)")
    return {"report": report, "cpu_read_s": round(t1 - t0, 3), "cpu_select_s": round(t2 - t1, 3), "index": index, "table": table}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--main", type=Path, help="a finished run of pipelines/phi4.yaml (default: made now)")
    ap.add_argument("--second", type=Path, help="a finished run of the second recipe (default: made now)")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    cfg = SeedsConfig()
    with tempfile.TemporaryDirectory() as tmp:
        main_run = args.main or _curate_run(ROOT / "pipelines" / "phi4.yaml", Path(tmp) / "main")
        second = args.second or _curate_run(second_recipe(args.data, Path(tmp)), Path(tmp) / "second")
        results = {"main": measure("main job", main_run, cfg), "second": measure("second run (outside data)", second, cfg)}
        results["main_size35"] = measure("main job, size 35 (fewer seeds than candidates)", main_run, cfg.model_copy(update={"size": 35}),
                                        warm=True)
        choice = embedding_choice(results["second"]["index"])
        print(f"\nembedding choice, NMI with the arXiv archive ({choice['documents']} papers, {choice['archives']} archives): "
              + ", ".join(f"{k} {v}" for k, v in choice.items() if "=" in k))
        qa = qa_check(results["second"]["table"], args.data / "academic" / "stackexchange" / "beer" / "Posts.xml")
        print(f"Q&A seeds of the second run matching the dump's accepted answer: {qa['matching_accepted_answer']}/{qa['qa_seeds']}")
    if args.json:
        keep = {k: {x: v for x, v in r.items() if x not in ("index", "table")} for k, r in results.items()}
        args.json.write_text(json.dumps({**keep, "embedding_choice": choice, "qa_check": qa}, indent=2))


if __name__ == "__main__":
    main()
