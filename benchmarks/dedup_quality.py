"""Fuzzy-dedup quality on real rewrites: the Clough & Stevenson short-answer corpus.

    python benchmarks/dedup_quality.py [--data ../shared/data] [--workers 2] [--scheduler ADDR]
                                       [--quick] [--json out.json]

The corpus (``neardup/clough-stevenson``) holds 5 source texts (``orig_task{a..e}.txt``, Wikipedia
passages) and 95 short answers written from them, labelled ``cut`` (copy-paste), ``light`` (light
rewording), ``heavy`` (paraphrase) or ``non`` (written without the source). Ground truth used here:
``cut`` and ``light`` answers are near-duplicates of their task's original, ``non`` answers are not,
``heavy`` is neither required nor forbidden (reported on its own).

What runs: the 100 texts go into one JSONL file (``id`` = file name; the files are UTF-8 or, for 17
answers, Windows-1252) and a recipe whose pipeline is ONLY ``dedup_fuzzy`` runs through the real
pipeline (``curation.run.driver.execute``), once per MinHash layout. A document's cluster is its
survivor: its ``kept_id`` in ``RUN_DIR/removed/*.parquet`` if it was removed, else itself.

Scores, per run (pair level, each answer paired with its own task's original):

* predicted positive: the answer ends in the same cluster as its original;
* TP: a ``cut``/``light`` answer so found; FP: a ``non`` answer so found; ``heavy`` ones are counted
  apart; precision = TP / (TP + FP), recall = TP / (number of cut + light answers = 38);
* ``x-task``: pairs of documents of DIFFERENT tasks that share a cluster (also false positives, kept
  apart because they are not answer/original pairs), and clusters holding two originals;
* found rate per category; ``E[recall]``: the recall the LSH S-curve predicts from each pair's true
  Jaccard, ``mean(1 - (1 - J^rows)^bands)`` over cut + light: a check on the MinHash implementation
  (measured can be higher, because a cluster is a connected component: an answer can reach its
  original through another answer);
* ``low-J``: removed documents whose true Jaccard with the document kept in their place is below the
  layout's threshold, i.e. merges that a check of the candidate pair (exact or signature-estimated
  Jaccard) would have refused; LSH candidates are not verified by ``dedup_fuzzy``.

Then the true word-5-gram Jaccard (and containment, |answer & original| / |answer|) of each answer
against its original, shingled with ``curation.dedup.normalize.shingle_words``, by category: it is
why each category lands where it does.

Layouts: 14 bands x 8 rows (the default, FineWeb's; threshold 0.685) and others whose threshold
``(1 - 0.5^(1/bands))^(1/rows)`` spans 0.32 to 0.90; word shingles of 3, 5 and 7 at the default
layout and at 20 x 3. ``--quick`` runs the default layout only. By default one LocalCluster
(``--workers``, one thread each) serves every run (``execute(..., scheduler=its address)``).
"""

from __future__ import annotations

import argparse
import csv
import json
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script from a checkout without installing
    sys.path.insert(0, str(ROOT))

import polars as pl  # noqa: E402
import yaml  # noqa: E402

from curation.dedup.minhash import probability_found, threshold  # noqa: E402
from curation.dedup.normalize import shingle_words  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "data"
CORPUS = "neardup/clough-stevenson"
CATEGORIES = ("cut", "light", "heavy", "non")
POSITIVE = ("cut", "light")
DEFAULT_LAYOUT = (14, 8)
DEFAULT_NGRAM = 5
#: (bands, rows): thresholds 0.32, 0.43, 0.55, 0.60, 0.685 (default), 0.76, 0.82, 0.90
LAYOUTS = [(20, 3), (20, 4), (14, 5), (14, 6), (14, 8), (10, 10), (9, 13), (5, 20)]
#: (bands, rows, ngram) runs beyond the layout sweep (which is at ngram 5)
NGRAM_RUNS = [(14, 8, 3), (14, 8, 7), (20, 3, 3), (20, 3, 7)]


@dataclass(frozen=True)
class Doc:
    id: str  # the file name
    task: str  # a..e
    category: str  # orig, cut, light, heavy, non
    text: str


def corpus_dir(data: Path) -> Path:
    """``data`` may be the shared data root or the corpus folder itself."""
    return data if (data / "file_information.csv").is_file() else data / CORPUS


def read_text(path: Path) -> str:
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:  # 17 answers were saved as Windows-1252 (curly quotes, dashes)
        return raw.decode("cp1252")


def load_corpus(data: Path) -> list[Doc]:
    folder = corpus_dir(data)
    with open(folder / "file_information.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    docs = [Doc(r["File"], r["Task"], r["Category"], read_text(folder / r["File"])) for r in rows]
    origs = sorted(d.id for d in docs if d.category == "orig")
    if origs != [f"orig_task{t}.txt" for t in "abcde"] or len(docs) != 100:
        raise ValueError(f"{folder}: expected 5 originals + 95 answers, got {len(docs)} rows, originals {origs}")
    return docs


def write_jsonl(docs: list[Doc], path: Path) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for d in docs:
            fh.write(json.dumps({"id": d.id, "text": d.text}, ensure_ascii=False) + "\n")


# ------------------------------------------------------------------------------------------------
# True similarities (what MinHash estimates)
# ------------------------------------------------------------------------------------------------


def shingle_set(text: str, ngram: int = DEFAULT_NGRAM) -> set[tuple[str, ...]]:
    """Word n-grams after ``shingle_words``; a text shorter than n words is one shingle (as in minhash.py)."""
    words = shingle_words(text)
    if len(words) < ngram:
        return {tuple(words)} if words else set()
    return {tuple(words[i:i + ngram]) for i in range(len(words) - ngram + 1)}


def jaccard(a: set, b: set) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def similarities(docs: list[Doc], ngram: int = DEFAULT_NGRAM) -> dict[str, dict[str, float]]:
    """answer id -> {jaccard, containment} against its task's original."""
    orig = {d.task: shingle_set(d.text, ngram) for d in docs if d.category == "orig"}
    out = {}
    for d in docs:
        if d.category == "orig":
            continue
        s, o = shingle_set(d.text, ngram), orig[d.task]
        out[d.id] = {"jaccard": jaccard(s, o), "containment": len(s & o) / len(s) if s else 0.0}
    return out


# ------------------------------------------------------------------------------------------------
# One pipeline run
# ------------------------------------------------------------------------------------------------


def recipe_dict(jsonl: Path, out_dir: Path, bands: int, rows: int, ngram: int) -> dict[str, Any]:
    return {
        "name": f"dedup-quality-b{bands}r{rows}n{ngram}",
        "seed": 0,
        "inputs": [{"paths": [str(jsonl)], "format": "jsonl", "source": "clough", "text_field": "text", "id_field": "id"}],
        "pipeline": [{"dedup_fuzzy": {"ngram": ngram, "bands": bands, "rows": rows}}],
        "output": {"dir": str(out_dir)},
    }


def run_dedup(jsonl: Path, work: Path, bands: int, rows: int, ngram: int, workers: int = 2,
              scheduler: str | None = None) -> tuple[dict[str, str], dict[str, Any]]:
    """Run ``dedup_fuzzy`` alone through ``execute``; returns (removed id -> kept_id, manifest)."""
    from curation.recipe.load import load_recipe
    from curation.run.driver import execute

    name = f"b{bands}r{rows}n{ngram}"
    recipe_path = work / f"{name}.yaml"
    recipe_path.write_text(yaml.safe_dump(recipe_dict(jsonl, work / "runs" / name, bands, rows, ngram)), encoding="utf-8")
    result = execute(load_recipe(recipe_path), workers=workers, scheduler=scheduler, progress=False)
    if not result.ok:
        raise RuntimeError(f"{name}: failed units {result.manifest['failed_units']}")
    removed_files = sorted(Path(result.run_dir).glob("removed/**/*.parquet"))
    if removed_files:
        removed = pl.concat([pl.read_parquet(f, columns=["id", "stage", "kept_id"]) for f in removed_files])
    else:
        removed = pl.DataFrame(schema={"id": pl.String, "stage": pl.String, "kept_id": pl.String})
    if removed.height and set(removed["stage"].unique()) != {"dedup_fuzzy"}:
        raise RuntimeError(f"{name}: unexpected removal stages {removed['stage'].unique().to_list()}")
    kept = pl.concat([pl.read_parquet(f, columns=["id"]) for f in sorted(Path(result.run_dir).glob("shards/*.parquet"))])
    mapping = dict(zip(removed["id"].to_list(), removed["kept_id"].to_list()))
    if kept.height + removed.height != 100 or set(mapping.values()) - set(kept["id"].to_list()):
        raise RuntimeError(f"{name}: {kept.height} kept + {removed.height} removed != 100, or a kept_id not kept")
    return mapping, result.manifest


# ------------------------------------------------------------------------------------------------
# Scoring
# ------------------------------------------------------------------------------------------------


@dataclass
class Score:
    bands: int
    rows: int
    ngram: int
    threshold: float
    tp: int
    fp: int
    heavy_found: int
    n_positive: int
    precision: float | None  # None when nothing was predicted
    recall: float
    f1: float
    found_rate: dict[str, float]
    expected_recall: float | None  # from the S-curve and true Jaccards (ngram-specific)
    cross_task_pairs: int
    mixed_original_clusters: int
    low_jaccard_merges: int
    clusters: dict[str, list[str]] = field(default_factory=dict)  # survivor -> members (size >= 2)
    seconds: float = 0.0


def clusters_of(docs: list[Doc], removed: dict[str, str]) -> dict[str, str]:
    """id -> survivor id (its kept_id if removed, else itself)."""
    return {d.id: removed.get(d.id, d.id) for d in docs}


def score(docs: list[Doc], removed: dict[str, str], bands: int, rows: int, ngram: int,
          sims: dict[str, dict[str, float]] | None = None) -> Score:
    rep = clusters_of(docs, removed)
    by_id = {d.id: d for d in docs}
    orig_of = {d.task: d.id for d in docs if d.category == "orig"}
    answers = [d for d in docs if d.category != "orig"]
    found = {d.id: rep[d.id] == rep[orig_of[d.task]] for d in answers}
    per_cat = {c: [found[d.id] for d in answers if d.category == c] for c in CATEGORIES}
    tp = sum(sum(per_cat[c]) for c in POSITIVE)
    fp = sum(per_cat["non"])
    n_pos = sum(len(per_cat[c]) for c in POSITIVE)
    precision = tp / (tp + fp) if tp + fp else None
    recall = tp / n_pos
    f1 = 2 * precision * recall / (precision + recall) if precision and recall else 0.0

    members: dict[str, list[str]] = defaultdict(list)
    for i, r in rep.items():
        members[r].append(i)
    groups = {r: sorted(m) for r, m in sorted(members.items()) if len(m) > 1}
    cross = sum(1 for m in groups.values() for a, b in combinations(m, 2) if by_id[a].task != by_id[b].task)
    mixed = sum(1 for m in groups.values() if len({by_id[i].task for i in m if by_id[i].category == "orig"}) > 1)

    t = threshold(bands, rows)
    shingles = {d.id: shingle_set(d.text, ngram) for d in docs}
    low = sum(1 for i, k in removed.items() if jaccard(shingles[i], shingles[k]) < t)
    expected = None
    if sims is not None:
        pos = [sims[d.id]["jaccard"] for d in answers if d.category in POSITIVE]
        expected = sum(probability_found(j, bands, rows) for j in pos) / len(pos)
    return Score(bands, rows, ngram, t, tp, fp, sum(per_cat["heavy"]), n_pos, precision, recall, f1,
                 {c: sum(v) / len(v) for c, v in per_cat.items()}, expected, cross, mixed, low, groups)


# ------------------------------------------------------------------------------------------------
# Report
# ------------------------------------------------------------------------------------------------


def _f(x: float | None, nd: int = 2) -> str:
    return "-" if x is None else f"{x:.{nd}f}"


def print_table(scores: list[Score]) -> None:
    head = (f"{'layout':>7} {'ngram':>5} {'thresh':>6} {'prec':>5} {'recall':>6} {'F1':>5} {'E[rec]':>6} "
            f"{'TP':>3} {'FP':>3} {'cut':>5} {'light':>5} {'heavy':>5} {'non':>5} {'x-task':>6} {'low-J':>5} {'secs':>5}")
    print(head)
    print("-" * len(head))
    for s in scores:
        fr = s.found_rate
        print(f"{s.bands:>3}x{s.rows:<3} {s.ngram:>5} {s.threshold:>6.3f} {_f(s.precision):>5} {s.recall:>6.3f} "
              f"{s.f1:>5.3f} {_f(s.expected_recall, 3):>6} {s.tp:>3} {s.fp:>3} {fr['cut']:>5.2f} {fr['light']:>5.2f} "
              f"{fr['heavy']:>5.2f} {fr['non']:>5.2f} {s.cross_task_pairs:>6} {s.low_jaccard_merges:>5} {s.seconds:>5.1f}")


def print_similarities(docs: list[Doc], sims: dict[str, dict[str, float]]) -> None:
    print("\nTrue word-5-gram similarity of each answer to its task's original (shingle_words normalisation)")
    head = f"{'category':>8} {'n':>3} | {'Jaccard: min':>12} {'median':>6} {'max':>5} {'>=0.5':>5} {'>=0.685':>7} | {'contain: median':>15} {'>=0.8':>5}"
    print(head)
    print("-" * len(head))
    for c in CATEGORIES:
        js = sorted(sims[d.id]["jaccard"] for d in docs if d.category == c)
        cs = sorted(sims[d.id]["containment"] for d in docs if d.category == c)
        print(f"{c:>8} {len(js):>3} | {js[0]:>12.2f} {statistics.median(js):>6.2f} {js[-1]:>5.2f} "
              f"{sum(j >= 0.5 for j in js):>5} {sum(j >= 0.685 for j in js):>7} | {statistics.median(cs):>15.2f} "
              f"{sum(x >= 0.8 for x in cs):>5}")
    for c in CATEGORIES:
        js = sorted((sims[d.id]["jaccard"] for d in docs if d.category == c), reverse=True)
        print(f"  {c:>5} Jaccards: " + " ".join(f"{j:.2f}" for j in js))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="shared data root or the corpus folder")
    parser.add_argument("--workers", type=int, default=2, help="Dask workers of the LocalCluster")
    parser.add_argument("--scheduler", help="run on this existing Dask scheduler instead")
    parser.add_argument("--cluster-per-run", action="store_true", help="let execute() start a LocalCluster per run")
    parser.add_argument("--quick", action="store_true", help="default layout only")
    parser.add_argument("--json", type=Path, help="also write the scores (with clusters) here")
    args = parser.parse_args(argv)

    if not (corpus_dir(args.data) / "file_information.csv").is_file():
        parser.error(f"no {CORPUS}/file_information.csv under {args.data}")
    docs = load_corpus(args.data)
    sims5 = similarities(docs, 5)
    sims_by_ngram = {5: sims5}
    runs = [(b, r, DEFAULT_NGRAM) for b, r in ([DEFAULT_LAYOUT] if args.quick else LAYOUTS)]
    if not args.quick:
        runs += NGRAM_RUNS
    for _, _, n in runs:
        if n not in sims_by_ngram:
            sims_by_ngram[n] = similarities(docs, n)

    cluster = None
    scheduler = args.scheduler
    started = time.perf_counter()
    if scheduler is None and not args.cluster_per_run:
        import dask
        from distributed import LocalCluster

        with dask.config.set({"distributed.worker.daemon": False}):  # as curation's executor does
            cluster = LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True,
                                   dashboard_address=":0", silence_logs=40)
        scheduler = cluster.scheduler_address
    scores: list[Score] = []
    try:
        with tempfile.TemporaryDirectory(prefix="dedup-quality-") as tmp:
            work = Path(tmp)
            jsonl = work / "clough_stevenson.jsonl"
            write_jsonl(docs, jsonl)
            for bands, rows, ngram in runs:
                t0 = time.perf_counter()
                removed, _ = run_dedup(jsonl, work, bands, rows, ngram, args.workers, scheduler)
                s = score(docs, removed, bands, rows, ngram, sims_by_ngram[ngram])
                s.seconds = time.perf_counter() - t0
                scores.append(s)
    finally:
        if cluster is not None:
            cluster.close()
    total = time.perf_counter() - started

    print(f"\nClough & Stevenson: 5 originals + 95 answers ({', '.join(f'{sum(d.category == c for d in docs)} {c}' for c in CATEGORIES)}); "
          f"positives = cut + light = {scores[0].n_positive}")
    print("dedup_fuzzy alone through execute(); per-category columns = share found in their original's cluster;")
    print("E[rec] = S-curve prediction from true Jaccards; x-task = pairs of different tasks in one cluster;")
    print("low-J = removed documents whose true Jaccard to their survivor is below the layout threshold.\n")
    print_table([s for s in scores if s.ngram == DEFAULT_NGRAM])
    extra = [s for s in scores if s.ngram != DEFAULT_NGRAM]
    if extra:
        print("\nShingle size (E[rec] uses the true Jaccard at that shingle size):")
        print_table(sorted(extra + [s for s in scores if s.ngram == DEFAULT_NGRAM and (s.bands, s.rows) in {(b, r) for b, r, _ in NGRAM_RUNS}],
                           key=lambda s: (-s.threshold, s.ngram)))
    print_similarities(docs, sims5)
    default = next(s for s in scores if (s.bands, s.rows, s.ngram) == (*DEFAULT_LAYOUT, DEFAULT_NGRAM))
    print(f"\nDefault layout (14x8, ngram 5) clusters: {json.dumps(default.clusters)}")
    print(f"{len(scores)} runs in {total:.1f}s")
    if args.json:
        payload = {"scores": [asdict(s) for s in scores], "similarities": sims5,
                   "labels": {d.id: {"task": d.task, "category": d.category} for d in docs}}
        args.json.write_text(json.dumps(payload, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
