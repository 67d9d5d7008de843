"""Benchmark decontamination quality on real benchmark files and real clean text.

    python benchmarks/decontam_quality.py [--data ../shared/data] [--per-benchmark N] [--seed 1]
                                          [--no-extra] [--json out.json]

Index: GSM8K test (1,319), HumanEval (164) and MMLU test (57 subjects, 14,079 rows) from
``benchmarks/`` with the ready-made mappings and the default rule (``curation.decontam.index``);
reported: build time, file size, load time, n-grams, items the index cannot find at all.

Recall: every item (or ``--per-benchmark N`` sampled ones) is planted in a real article body of
scrapinghub's article-extraction-benchmark (``curation.decontam.evaluate``: one of its renderings
put between two paragraphs) and looked up, in these variants:

* ``verbatim``; ``light`` (case, punctuation, whitespace and context words changed together: the
  edits the stage promises to see through);
* ``trim`` (first and last two words dropped), ``word`` (one word inside replaced), ``question``
  (only the first field: the GSM8K question, the HumanEval prompt, the MMLU question without its
  choices): harder cases, measured, not promised.

Recall is over the items the index can find (its card lists the others), and over all items.

False positives: documents flagged among the 181 scrapinghub ground-truth article bodies (clean
news and blog text) and, unless ``--no-extra``, other clean corpora of the shared data read with
the project's readers: Gutenberg books, DCLM agreement documents, arXiv abstracts, the beer
StackExchange dump and the Wikipedia sample. A flag there is printed with the item and n-gram so
it can be judged (a Wikipedia page that quotes a historical document MMLU also quotes is a true
overlap, not a false positive). Matching speed is words per second over the clean corpora.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script from a checkout without installing
    sys.path.insert(0, str(ROOT))

from curation.decontam.benchmarks import BenchmarkSpec, iter_items  # noqa: E402
from curation.decontam.evaluate import HARD_EDITS, LIGHT_EDITS, detectable, edit, found_items, plant, render  # noqa: E402
from curation.decontam.index import Rule, build_index, from_bytes, to_bytes  # noqa: E402
from curation.decontam.match import find_matches  # noqa: E402

VARIANTS = ("verbatim", "light", *HARD_EDITS, "question")


def specs(data: Path) -> list[BenchmarkSpec]:
    b = data / "benchmarks"
    return [BenchmarkSpec(name="gsm8k", paths=[str(b / "gsm8k_test.jsonl")], mapping="gsm8k"),
            BenchmarkSpec(name="humaneval", paths=[str(b / "HumanEval.jsonl.gz")], mapping="humaneval"),
            BenchmarkSpec(name="mmlu", paths=[str(b / "mmlu_test")], mapping="mmlu")]


def snippet(views: list, variant: str, rng: random.Random) -> str:
    if variant == "question":
        return views[0][0][0]
    text = render(rng.choice(views))
    if variant == "light":
        return edit(text, rng, LIGHT_EDITS)
    if variant in HARD_EDITS:
        return edit(text, rng, (variant,))
    return text


def recall(index, views, articles, per_benchmark: int | None, seed: int) -> dict[str, Any]:
    rng = random.Random(seed)
    findable = set(detectable(index))
    out: dict[str, Any] = {}
    for b, bench in enumerate(index.benchmarks):
        items = [i for i in range(len(index.item_ids)) if index.item_bench[i] == b]
        if per_benchmark and per_benchmark < len(items):
            items = sorted(rng.sample(items, per_benchmark))
        row: dict[str, Any] = {"items": len(items), "findable": sum(i in findable for i in items)}
        for variant in VARIANTS:
            hit = [i in found_items(index, plant(rng.choice(articles), snippet(views[(bench, index.item_ids[i])], variant, rng), rng)[0])
                   for i in items]
            found = sum(hit)
            row[variant] = {"found": found, "recall_findable": round(sum(h for h, i in zip(hit, items) if i in findable) / max(1, row["findable"]), 4),
                            "recall_all": round(found / max(1, len(items)), 4)}
        out[bench] = row
    return out


def _read(reader) -> list[str]:
    return [d.text for d in reader.run(None) if d.text]


def clean_corpora(data: Path, extra: bool) -> dict[str, list[str]]:
    truth = json.loads((data / "extraction/scrapinghub/ground-truth.json").read_text(encoding="utf-8"))
    corpora = {"scrapinghub": [v["articleBody"] for v in truth.values()]}
    if not extra:
        return corpora
    from curation.readers import READERS

    corpora["gutenberg"] = [t for f in sorted((data / "academic/gutenberg/raw").glob("*.txt"))
                            for t in _read(READERS["gutenberg"](path=str(f)))]
    corpora["dclm"] = [json.loads(line)["text"] for line in (data / "edu_labels/dclm_agreement_data.jsonl").open(encoding="utf-8")]
    corpora["arxiv_abstracts"] = [json.loads(line)["abstract"] for line in
                                  (data / "academic/arxiv/arxiv-metadata-sample.jsonl").open(encoding="utf-8")]
    corpora["stackexchange"] = _read(READERS["stackexchange"](path=str(data / "academic/stackexchange/beer/Posts.xml")))
    corpora["wikipedia"] = _read(READERS["wikipedia"](path=str(data / "academic/wikipedia/enwiki-sample-pages-articles.xml.bz2")))
    return corpora


def false_positives(index, corpora: dict[str, list[str]]) -> dict[str, Any]:
    out = {}
    for name, docs in corpora.items():
        started = time.perf_counter()
        flagged = []
        for k, text in enumerate(docs):
            found = find_matches(index, text)
            if found.items:
                flagged.append({"doc": k, "matches": [
                    {"item": f"{index.benchmarks[index.item_bench[m.item]]}/{index.item_ids[m.item]}",
                     "ngram": found.ngram_text(m), "n": m.n, "matched_ngrams": len(m.keys)} for m in found.items[:3]]})
        seconds = time.perf_counter() - started
        words = sum(len(t.split()) for t in docs)
        out[name] = {"docs": len(docs), "words": words, "flagged": len(flagged), "rate": round(len(flagged) / max(1, len(docs)), 4),
                     "words_per_s": round(words / seconds), "examples": flagged[:10]}
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--per-benchmark", type=int, default=None, help="sample this many items per benchmark (default: all)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--no-extra", action="store_true", help="false positives on scrapinghub only")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    if not (args.data / "benchmarks").is_dir():
        sys.exit(f"{args.data}/benchmarks not found (use --data)")

    bench_specs = specs(args.data)
    started = time.perf_counter()
    index = build_index(bench_specs, Rule())
    build_s = time.perf_counter() - started
    data = to_bytes(index)
    started = time.perf_counter()
    from_bytes(data)
    load_s = time.perf_counter() - started
    views = {(s.name, iid): v for s in bench_specs for iid, v in iter_items(s, Counter())}
    corpora = clean_corpora(args.data, not args.no_extra)
    result = {
        "index": {"build_s": round(build_s, 2), "bytes": len(data), "load_s": round(load_s, 4), "items": len(index.item_ids),
                  "findable": len(detectable(index)), "ngrams": index.card["ngrams"], "benchmarks": index.card["benchmarks"]},
        "recall": recall(index, views, corpora["scrapinghub"], args.per_benchmark, args.seed),
        "false_positives": false_positives(index, corpora),
    }
    ix = result["index"]
    print(f"index: {ix['items']} items ({ix['findable']} findable), n-grams {ix['ngrams']}, "
          f"built in {ix['build_s']} s, {ix['bytes'] / 1e6:.1f} MB, loaded in {ix['load_s'] * 1000:.0f} ms")
    print("\nrecall over findable items (over all items)")
    print("| benchmark | items | " + " | ".join(VARIANTS) + " |")
    print("|---|---|" + "---|" * len(VARIANTS))
    for bench, row in result["recall"].items():
        cells = [f"{row[v]['recall_findable']:.4f} ({row[v]['recall_all']:.4f})" for v in VARIANTS]
        print(f"| {bench} | {row['items']} | " + " | ".join(cells) + " |")
    print("\nfalse positives on clean text")
    print("| corpus | docs | words | flagged | rate | words/s |")
    print("|---|---|---|---|---|---|")
    for name, row in result["false_positives"].items():
        print(f"| {name} | {row['docs']} | {row['words']} | {row['flagged']} | {row['rate']:.2%} | {row['words_per_s']} |")
    for name, row in result["false_positives"].items():
        for ex in row["examples"]:
            print(f"  {name} doc {ex['doc']}: " + "; ".join(f"{m['item']} {m['n']}-gram x{m['matched_ngrams']}: {m['ngram']!r}" for m in ex["matches"]))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
