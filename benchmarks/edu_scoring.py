"""Scoring speed of the educational-quality classifiers: documents per second on one core.

    python benchmarks/edu_scoring.py                      # sample_edu (reference) + a graded model
    python benchmarks/edu_scoring.py --docs 20000 --chars 3000 --batch 1000
    python benchmarks/edu_scoring.py --model classifiers/web_edu_reference/model.bin
    python benchmarks/edu_scoring.py --jsonl ../shared/data/edu_labels/dclm_agreement_data.jsonl  # real pages

The documents (default 12,000 of ~3,000 characters) are generated, seeded, from the sentences of
``classifiers/sample_edu/data/*.jsonl`` (our own sample pages), so that every document is distinct;
``--jsonl`` takes real pages instead (each repeated up to and cut at ``--chars``, cycled).
The models are trained on the spot into a temporary folder unless ``--model`` names one:

* ``sample_edu``: route reference, the recipe in classifiers/sample_edu (2 labels, top-1 predict);
* ``graded_synthetic``: route graded, 6 labels (all probabilities read back), trained on the same
  sentences with made-up grades. Its accuracy is meaningless; its size and label count are real.

Timing: the process is pinned to one CPU; each measurement is the best of ``--repeat`` runs, in CPU
seconds of this process (``time.process_time``) and wall seconds; ``prepare`` (text normalisation,
``fasttext_lines``) and ``predict`` (fastText, then the scores) are also timed apart. The target of the issue: >= 10,000 docs/s per core.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from curation.classify.model import load_model  # noqa: E402
from curation.classify.recipe import ClassifierRecipe, load_classifier_recipe  # noqa: E402
from curation.classify.text import fasttext_lines  # noqa: E402
from curation.classify.train import train  # noqa: E402

DATA = ROOT / "classifiers" / "sample_edu" / "data"


def sentences() -> list[str]:
    out = []
    for name in ("hq.jsonl", "lq.jsonl"):
        for line in open(DATA / name, encoding="utf-8"):
            text = json.loads(line)["text"]
            out += [s.strip() + "." for s in text.replace("\n", " ").split(". ") if len(s.strip()) > 20]
    return out


def make_docs(n: int, chars: int, seed: int = 0) -> list[str]:
    rng = random.Random(seed)
    pool = sentences()
    docs = []
    for _ in range(n):
        parts, size = [], 0
        while size < chars:
            s = rng.choice(pool)
            parts.append(s)
            size += len(s) + 1
            if rng.random() < 0.15:
                parts.append("\n\n")
        docs.append(" ".join(parts)[:chars])
    return docs


def real_docs(path: str, text_field: str, n: int, chars: int) -> list[str]:
    """Real documents from a JSONL file, each repeated and cut to ``chars``, cycled to ``n`` documents."""
    texts = [json.loads(line).get(text_field) for line in open(path, encoding="utf-8") if line.strip()]
    texts = [t for t in texts if isinstance(t, str) and t.strip()]
    out = []
    for i in range(n):
        t = texts[i % len(texts)]
        out.append((t + "\n\n") * (chars // (len(t) + 2) + 1))
        out[-1] = out[-1][:chars]
    return out


def graded_model(tmp: Path) -> Path:
    rng = random.Random(1)
    pool = sentences()
    rows = [{"text": " ".join(rng.choice(pool) for _ in range(25)), "score": rng.randrange(6)} for _ in range(600)]
    data = tmp / "graded.jsonl"
    data.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    recipe = ClassifierRecipe.from_dict({
        "name": "graded_synthetic", "route": "graded",
        "data": {"sources": [{"paths": str(data), "origin": "made up by this benchmark from sample_edu sentences",
                              "licence": "Apache-2.0 (this project's)"}]},
        "fasttext": {"dim": 32, "bucket": 200000, "epoch": 5, "wordNgrams": 2},
    })
    train(recipe, tmp / "graded_synthetic")
    return tmp / "graded_synthetic" / "model.bin"


def best(fn, repeat: int) -> tuple[float, float]:
    """(cpu seconds, wall seconds), the best of ``repeat`` runs each."""
    cpu, wall = float("inf"), float("inf")
    for _ in range(repeat):
        c0, w0 = time.process_time(), time.perf_counter()
        fn()
        cpu = min(cpu, time.process_time() - c0)
        wall = min(wall, time.perf_counter() - w0)
    return cpu, wall


def bench(model_path: Path, docs: list[str], batch: int, repeat: int) -> dict:
    model = load_model(model_path)
    if not hasattr(model, "proba_lines"):
        raise SystemExit(f"{model_path}: not a fastText model; benchmarks/edu_quality.py measures the "
                         "wordllama_linear models (speed and quality)")
    batches = [docs[i:i + batch] for i in range(0, len(docs), batch)]
    lines = [fasttext_lines(b, model.max_chars) for b in batches]

    def end_to_end():
        for b in batches:
            model.score(b)

    def prep_only():
        for b in batches:
            fasttext_lines(b, model.max_chars)

    def predict_only():
        for ls in lines:
            model.score_proba(model.proba_lines(ls))

    n = len(docs)
    total = best(end_to_end, repeat)
    prep = best(prep_only, repeat)
    pred = best(predict_only, repeat)
    return {
        "model": model.name, "route": model.route, "labels": len(model.labels),
        "model_bytes": os.path.getsize(model_path), "dim": model._ft.get_dimension(),
        "docs": n, "mean_chars": sum(map(len, docs)) / n, "batch": batch,
        "docs_per_s_cpu": n / total[0], "docs_per_s_wall": n / total[1],
        "prepare_us_per_doc_cpu": 1e6 * prep[0] / n, "predict_us_per_doc_cpu": 1e6 * pred[0] / n,
        "total_us_per_doc_cpu": 1e6 * total[0] / n,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=12_000)
    ap.add_argument("--chars", type=int, default=3_000)
    ap.add_argument("--batch", type=int, default=1_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--model", action="append", help="a trained model.bin (repeatable); default: train two")
    ap.add_argument("--jsonl", help="score real documents from this JSONL (repeated/cut to --chars) instead")
    ap.add_argument("--text-field", default="text")
    ap.add_argument("--cpu", type=int, default=None, help="CPU to pin to (default: the first allowed)")
    ap.add_argument("--json", action="store_true", help="print JSON lines instead of a table")
    args = ap.parse_args()
    if hasattr(os, "sched_setaffinity"):
        cpu = args.cpu if args.cpu is not None else min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpu})
    docs = real_docs(args.jsonl, args.text_field, args.docs, args.chars) if args.jsonl else make_docs(args.docs, args.chars)
    with tempfile.TemporaryDirectory(prefix="edu-bench-") as tmp:
        tmp = Path(tmp)
        models = [Path(m) for m in args.model] if args.model else []
        if not models:
            train(load_classifier_recipe(ROOT / "classifiers" / "sample_edu"), tmp / "sample_edu")
            models = [tmp / "sample_edu" / "model.bin", graded_model(tmp)]
        results = [bench(m, docs, args.batch, args.repeat) for m in models]
    if args.json:
        for r in results:
            print(json.dumps(r))
        return
    print(f"{len(docs):,} documents of ~{args.chars:,} characters, batches of {args.batch}, one core, best of {args.repeat}")
    print(f"{'model':18} {'route':9} {'labels':>6} {'dim':>4} {'MB':>6} {'docs/s cpu':>11} {'docs/s wall':>12}"
          f" {'prepare us':>11} {'predict us':>11}")
    for r in results:
        print(f"{r['model']:18} {r['route']:9} {r['labels']:6d} {r['dim']:4d} {r['model_bytes'] / 1e6:6.1f}"
              f" {r['docs_per_s_cpu']:11,.0f} {r['docs_per_s_wall']:12,.0f}"
              f" {r['prepare_us_per_doc_cpu']:11.1f} {r['predict_us_per_doc_cpu']:11.1f}")


if __name__ == "__main__":
    main()
