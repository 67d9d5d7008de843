"""MinHash fuzzy dedup, datatrove's four MinHash stages vs our ``dedup_fuzzy`` stage, on a generated
corpus with planted near-duplicates: wall time, peak memory, precision and recall, and how time and
memory grow with the number of documents.

    python benchmarks/dedup_benchmark.py [--sizes 50000,100000,200000] [--files 16] [--workers 2]
        [--seed 1234] [--mh-seed 1] [--systems ours,datatrove] [--datatrove-max-docs N]
        [--precision 64] [--threads 1] [--wait-quiet SECONDS] [--work DIR] [--keep] [--json out.json]
        [--report out.json]

The corpus (``benchmarks/_dedup_corpus.py``): per size, ``--files`` parquet files (id, text, url)
of 150-400-word documents from a Zipf-distributed synthetic vocabulary; ~10% of the base documents
have 1-3 near-copies (word edits, true word-5-gram Jaccard with the original ~0.8-0.95, exact values
in the ground truth). Corpora are cached in ``--work`` (default: a temporary directory removed at
the end) and reused when the size, seed and generator version match.

The two systems, each run in its own fresh Python process with the same n-gram / band settings
(word 5-grams, 14 bands x 8 rows = 112 permutations, MinHash seed ``--mh-seed``, default 1) and
``--workers`` processes:

* ``datatrove``: four ``LocalPipelineExecutor``s in sequence, as in datatrove's
  ``examples/minhash_deduplication.py``: (1) ``ParquetReader`` -> ``MinhashDedupSignature``,
  tasks = files; (2) ``MinhashDedupBuckets``, tasks = 14 buckets; (3) ``MinhashDedupCluster``,
  1 task; (4) ``ParquetReader`` -> ``MinhashDedupFilter`` (removed documents to a ``ParquetWriter``)
  -> ``ParquetWriter``, tasks = files. ``MinhashConfig(n_grams=5, num_buckets=14,
  hashes_per_bucket=8, seed=1)`` with its default ``HashConfig`` (xxhash, 64-bit precision; FineWeb's
  setting; ``--precision 32`` for the lighter variant), English word tokenizer (its default).
  The cluster stage saves cluster ids and the filter loads them (``save_cluster_id`` /
  ``load_cluster_ids``): that is how this script learns which document each removed one was a
  duplicate of; it adds one small file per task. No ``TokensCounter`` (it downloads a tokenizer).
* ``ours``: ``curation.run.driver.execute`` on a recipe with the same parquet files as input and
  ``pipeline: [dedup_fuzzy: {ngram: 5, bands: 14, rows: 8}]``, on an embedded Dask LocalCluster
  of ``--workers`` worker processes of ``--threads`` threads each (``curate run --threads``; e.g.
  ``--workers 1 --threads 2``: the same two tasks at a time in one interpreter). End to end this is more work than datatrove's: the first pass reads the
  parquet, counts cl100k tokens per document and stages the documents; the dedup stage; a second
  pass re-reads the staged documents minus the removed ones (counting tokens again) and writes the
  removed-document sidecars; then the zstd shards and the manifest. The per-step times (each
  ``DaskExecutor.map`` call, by label) are reported, and ``dedup`` is the sum of the
  ``dedup_fuzzy:*`` steps alone.

Wall time: from just before the first executor starts to the end of the last one (ours: including
the Dask cluster start and stop); imports are done before. Peak memory: this script samples the
summed RSS of the child process and all its descendants (datatrove's pool workers and manager;
Dask's scheduler, nannies and workers) every 50 ms with psutil. Summed RSS counts pages that forked
processes share more than once (datatrove's pool is forked; Dask's workers are fresh interpreters).

Scoring (from the outputs, after the run, not timed): a removed document is a true positive when it
is in a planted group and the document it was removed in favour of (ours: ``kept_id`` in
``removed/*.parquet``; datatrove: the kept document with the same ``minhash_cluster_id``) is in the
same group. precision = true positives / removed; recall = true positives / sum over groups of
(size - 1). ``found by Jaccard`` is the share of copies that ended in their original's cluster, by
true Jaccard bin, next to the LSH S-curve's prediction 1 - (1 - J^8)^14 averaged over the bin.

Compatibility shims for datatrove 0.10.1 in this environment (both reported in the results):
``datatrove.pipeline.dedup``'s ``__init__`` imports ``exact_substrings``, which needs the optional
``tokenizers`` package; when it is missing the MinHash module is imported without the package
``__init__`` and the pool uses ``fork`` (inherits that import) instead of datatrove's default
``forkserver``. datatrove's xxhash helpers pass ``str`` to xxhash, which xxhash >= 4 refuses
(datatrove pins ``xxhash<4`` in its extras); with xxhash >= 4 the signature step's hash function
is replaced by the same xxh64/xxh32 digest of the UTF-8 bytes (what xxhash 3 computed for a str).
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import json
import os
import platform
import shutil
import sys
import tempfile
import time
import types
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _measure import busy_cpu_seconds, run_watched, tree_cpu  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
HERE = Path(__file__).resolve().parent
for p in (str(ROOT), str(HERE)):
    if p not in sys.path:  # run as a script from a checkout without installing
        sys.path.insert(0, p)

NGRAM, BANDS, ROWS, MH_SEED = 5, 14, 8, 1
JACCARD_BINS = [0.0, 0.75, 0.8, 0.85, 0.9, 0.95, 1.0001]


# =================================================================================================
# datatrove compatibility
# =================================================================================================


def _xxh64_str(text: str) -> int:
    import xxhash

    return xxhash.xxh64_intdigest(text.encode("utf-8"))


def _xxh32_str(text: str) -> int:
    import xxhash

    return xxhash.xxh32_intdigest(text.encode("utf-8"))


def datatrove_minhash() -> tuple[types.ModuleType, dict[str, Any]]:
    """``datatrove.pipeline.dedup.minhash``, and which shims were needed to import and run it."""
    shims: dict[str, Any] = {"package_init_bypassed": False, "start_method": "forkserver", "xxhash_str_wrapper": False}
    if importlib.util.find_spec("tokenizers") is None:  # datatrove.pipeline.dedup's package __init__ needs it
        import datatrove.pipeline as dp

        name = "datatrove.pipeline.dedup"
        if name not in sys.modules:
            pkg = types.ModuleType(name)
            pkg.__path__ = [os.path.join(os.path.dirname(dp.__file__), "dedup")]
            sys.modules[name] = pkg
        shims.update(package_init_bypassed=True, start_method="fork")
    mh = importlib.import_module("datatrove.pipeline.dedup.minhash")
    import xxhash

    shims["xxhash_str_wrapper"] = int(xxhash.VERSION.split(".")[0]) >= 4
    return mh, shims


# =================================================================================================
# Children: one system, one corpus, in a fresh process (``--child datatrove|ours``)
# =================================================================================================


def child_datatrove(input_dir: str, work: str, files: int, workers: int, precision: int,
                    mh_seed: int = MH_SEED) -> dict[str, Any]:
    mh, shims = datatrove_minhash()
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import ParquetReader
    from datatrove.pipeline.writers import ParquetWriter
    from datatrove.utils.hashing import HashConfig

    config = mh.MinhashConfig(n_grams=NGRAM, num_buckets=BANDS, hashes_per_bucket=ROWS, seed=mh_seed,
                              hash_config=HashConfig(precision=precision))
    base, logs = os.path.join(work, "minhash"), os.path.join(work, "logs")
    signature = mh.MinhashDedupSignature(output_folder=f"{base}/signatures", config=config)
    if shims["xxhash_str_wrapper"]:
        signature._hash_func = _xxh64_str if precision == 64 else _xxh32_str
    common = {"start_method": shims["start_method"]}
    stages = {
        "1 signatures": LocalPipelineExecutor(
            pipeline=[ParquetReader(input_dir, glob_pattern="*.parquet"), signature],
            tasks=files, workers=workers, logging_dir=f"{logs}/signatures", **common),
        "2 buckets": LocalPipelineExecutor(
            pipeline=[mh.MinhashDedupBuckets(input_folder=f"{base}/signatures", output_folder=f"{base}/buckets", config=config)],
            tasks=config.num_buckets, workers=workers, logging_dir=f"{logs}/buckets", **common),
        "3 cluster": LocalPipelineExecutor(
            pipeline=[mh.MinhashDedupCluster(input_folder=f"{base}/buckets", output_folder=f"{base}/remove_ids",
                                             config=config, save_cluster_id=True)],
            tasks=1, workers=1, logging_dir=f"{logs}/clusters", **common),
        "4 filter": LocalPipelineExecutor(
            pipeline=[
                ParquetReader(input_dir, glob_pattern="*.parquet"),
                mh.MinhashDedupFilter(input_folder=f"{base}/remove_ids", load_cluster_ids=True,
                                      exclusion_writer=ParquetWriter(f"{work}/removed")),
                ParquetWriter(f"{work}/output"),
            ],
            tasks=files, workers=workers, logging_dir=f"{logs}/filter", **common),
    }
    seconds: dict[str, float] = {}
    counts: dict[str, dict[str, int]] = {}
    started = time.perf_counter()
    for name, executor in stages.items():
        t = time.perf_counter()
        stats = executor.run()
        seconds[name] = time.perf_counter() - t
        counts[name] = {step.name: {k: int(v.total) for k, v in step.stats.items() if k not in ("doc_len", "doc_len_tokens")}
                        for step in stats.stats}
    wall = time.perf_counter() - started
    filt = next(v for k, v in counts["4 filter"].items() if k.endswith(mh.MinhashDedupFilter.name))
    return {"wall": wall, "steps": seconds, "counts": counts, "shims": shims, "precision": precision,
            "removed_count": filt.get("dropped", 0), "docs_in": filt.get("total", 0)}


def _recipe_yaml(input_dir: str, run_dir: str, mh_seed: int = MH_SEED) -> str:
    return (
        "name: dedup-benchmark\n"
        "seed: 0\n"
        "inputs:\n"
        f"  - paths: [{json.dumps(input_dir)}]\n"
        "    format: parquet\n"
        "    source: bench\n"
        "pipeline:\n"
        f"  - dedup_fuzzy: {{ngram: {NGRAM}, bands: {BANDS}, rows: {ROWS}, seed: {mh_seed}}}\n"
        "output:\n"
        f"  dir: {json.dumps(run_dir)}\n"
    )


def child_ours(input_dir: str, work: str, workers: int, mh_seed: int = MH_SEED, threads: int = 1) -> dict[str, Any]:
    import curation.executor.dask as dx
    from curation.recipe.load import load_recipe
    from curation.run.driver import execute

    steps: list[tuple[str, float, int, float]] = []
    starts: list[float] = []  # when each step began, seconds after execute() was called
    timing: dict[str, float] = {"t0": time.perf_counter()}
    cls = dx.DaskExecutor
    orig_map, orig_enter, orig_exit = cls.map, cls.__enter__, cls.__exit__

    def timed_map(self, fn, items, label, *a, **k):
        t, c = time.perf_counter(), tree_cpu()
        starts.append(t - timing["t0"])
        try:
            return orig_map(self, fn, items, label, *a, **k)
        finally:
            steps.append((label, time.perf_counter() - t, len(items), tree_cpu() - c))

    def timed_enter(self):
        t = time.perf_counter()
        res = orig_enter(self)
        timing["cluster start"] = time.perf_counter() - t
        return res

    def timed_exit(self, *exc):
        t = time.perf_counter()
        res = orig_exit(self, *exc)
        timing["cluster stop"] = time.perf_counter() - t
        return res

    cls.map, cls.__enter__, cls.__exit__ = timed_map, timed_enter, timed_exit
    run_dir = os.path.join(work, "run")
    recipe_path = Path(work) / "recipe.yaml"
    recipe_path.write_text(_recipe_yaml(input_dir, run_dir, mh_seed), encoding="utf-8")
    recipe = load_recipe(recipe_path, output=run_dir)
    started = timing["t0"] = time.perf_counter()
    t0_epoch = time.time()
    result = execute(recipe, workers=workers, progress=False, threads=threads)
    wall = time.perf_counter() - started
    m = result.manifest
    if m["failed_units"]:
        raise RuntimeError(f"failed units: {m['failed_units']}")
    groups: dict[str, float] = {"cluster start": timing.get("cluster start", 0.0)}
    timing.pop("t0")
    cpu: dict[str, float] = {}
    for label, secs, _, cpu_secs in steps:
        if label == "units":
            key = "pass 0: read, count tokens, stage"
        elif label.startswith("dedup_fuzzy:"):
            key = "dedup_fuzzy (all steps)"
        elif label.startswith("pass"):
            key = f"{label}: re-read minus removed, count tokens, stage, sidecars"
        else:
            key = label
        groups[key] = groups.get(key, 0.0) + secs
        cpu[key] = cpu.get(key, 0.0) + cpu_secs
    groups["cluster stop"] = timing.get("cluster stop", 0.0)
    groups["driver (planning, global-stage glue, publish, manifest)"] = wall - sum(groups.values())
    fuzzy = next(s for s in m["stages"] if s["name"] == "dedup_fuzzy")
    return {
        "wall": wall,
        "t0_epoch": t0_epoch,  # time.time() when execute() was called: places the watcher's peak among the steps
        "steps": groups,
        "step_cpu": cpu,
        "map_steps": [{"label": label, "at": at, "seconds": secs, "tasks": n, "cpu_seconds": c}
                      for at, (label, secs, n, c) in zip(starts, steps)],
        "dedup_seconds": sum(s for label, s, _, _ in steps if label.startswith("dedup_fuzzy:")),
        "dedup_cpu_seconds": sum(c for label, _, _, c in steps if label.startswith("dedup_fuzzy:")),
        "docs_in": fuzzy["in"],
        "removed_count": fuzzy["dropped"],
        "fuzzy": {k: fuzzy.get(k) for k in ("counters", "cluster_sizes", "minhash")},
        "docs_out": m["totals"]["documents"],
        "tokens": m["totals"]["tokens"],
        "run_dir": run_dir,
    }


def child_main(args: argparse.Namespace) -> int:
    if args.child == "datatrove":
        res = child_datatrove(args.input_dir, args.child_work, args.files, args.workers, args.precision, args.mh_seed)
    else:
        res = child_ours(args.input_dir, args.child_work, args.workers, args.mh_seed, args.threads)
    Path(args.result).write_text(json.dumps(res), encoding="utf-8")
    return 0


# =================================================================================================
# Parent: run each child and watch its process tree
# =================================================================================================


def wait_for_quiet(max_wait: float, threshold: float = 0.25, window: float = 5.0) -> float:
    """Wait (up to ``max_wait`` s) until other processes use less than ``threshold`` cores over
    ``window`` s; returns the cores they used in the last window (the machine may be shared)."""
    deadline = time.monotonic() + max_wait
    while True:
        b0, own0 = busy_cpu_seconds(), sum(os.times()[:2])
        time.sleep(window)
        others = max(busy_cpu_seconds() - b0 - (sum(os.times()[:2]) - own0), 0.0) / window
        if others < threshold or time.monotonic() >= deadline:
            return others


def run_child(kind: str, input_dir: str, work: Path, args: argparse.Namespace) -> dict[str, Any]:
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    result_path, log_path = work / "result.json", work / "child.log"
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", kind, "--input-dir", input_dir,
           "--child-work", str(work), "--files", str(args.files), "--workers", str(args.workers),
           "--precision", str(args.precision), "--mh-seed", str(args.mh_seed), "--threads", str(args.threads),
           "--result", str(result_path)]
    before = wait_for_quiet(args.wait_quiet) if args.wait_quiet else None
    run = run_watched(cmd, kind, result_path, log_path, cwd=ROOT)
    res, watcher, process_seconds = run.result, run.watcher, run.process_seconds
    res.update(system=kind, peak_rss=watcher.peak, peak_pss=watcher.peak_pss, peak_one=watcher.peak_one,
               peak_procs=watcher.peak_procs, rss_samples=watcher.samples,
               process_seconds=process_seconds, cpu_seconds=watcher.cpu_seconds,
               peak_by_process=[{"role": role, "rss_mb": round(_mb(r), 1)} for role, r in watcher.peak_detail],
               other_cores=run.other_cores,
               other_cores_before=before)
    if "t0_epoch" in res:
        res["peak_step"] = step_at(res["map_steps"], watcher.peak_time - res["t0_epoch"])
    return res


def step_at(steps: list[dict[str, Any]], at: float) -> str:
    """The map step that was running ``at`` seconds after execute() was called (else what came between)."""
    for s in steps:
        if s["at"] <= at <= s["at"] + s["seconds"]:
            return f"{s['label']} ({at:.0f} s)"
    before = [s["label"] for s in steps if s["at"] + s["seconds"] < at]
    return f"after {before[-1]} ({at:.0f} s)" if before else f"before the first step ({at:.0f} s)"


# =================================================================================================
# Scoring
# =================================================================================================


def removals_ours(run_dir: str):
    """(id, kept_id) of every document ours removed."""
    import polars as pl

    files = sorted(Path(run_dir, "removed").glob("*.parquet"))
    if not files:
        return pl.DataFrame(schema={"id": pl.String, "kept_id": pl.String})
    return pl.concat([pl.read_parquet(f, columns=["id", "kept_id", "reason"]) for f in files]).select("id", "kept_id")


def removals_datatrove(work: str):
    """(id, kept_id) of every document datatrove removed: the kept one is the document of its
    cluster that the filter let through."""
    import polars as pl

    def read(folder: str) -> pl.DataFrame:
        files = sorted(Path(folder).rglob("*.parquet"))
        if not files:
            return pl.DataFrame(schema={"id": pl.String, "cluster": pl.Int64})
        frames = [pl.read_parquet(f, columns=["id", "metadata"]) for f in files]
        return pl.concat(frames, how="vertical_relaxed").select(
            "id", pl.col("metadata").struct.field("minhash_cluster_id").cast(pl.Int64).alias("cluster"))

    kept = read(os.path.join(work, "output")).filter(pl.col("cluster") >= 0)
    removed = read(os.path.join(work, "removed"))
    if kept["cluster"].n_unique() != kept.height:
        raise RuntimeError("datatrove kept more than one document of a cluster")
    out = removed.join(kept.rename({"id": "kept_id"}), on="cluster", how="left")
    if out["kept_id"].null_count():
        raise RuntimeError(f"{out['kept_id'].null_count()} datatrove removals without a kept document")
    return out.select("id", "kept_id")


def score(removals, truth) -> dict[str, Any]:
    """Precision, recall, and per-Jaccard-bin found rate of copies (see the module docstring)."""
    import numpy as np
    import polars as pl

    sizes = truth.group_by("group").len()
    expected = int((sizes["len"] - 1).sum())
    t = truth.select("id", "group")
    r = (removals.join(t, on="id", how="left")
         .join(t.rename({"id": "kept_id", "group": "kept_group"}), on="kept_id", how="left"))
    if r["group"].null_count() or r["kept_group"].null_count():
        raise RuntimeError("removed or kept ids not in the ground truth")
    if r["id"].n_unique() != r.height:
        raise RuntimeError("a document was removed twice")
    tp = int((r["group"] == r["kept_group"]).sum())
    removed = r.height
    # cluster of each document: its kept document if removed, itself otherwise
    cluster = truth.select("id", "group", "role", "jaccard").join(removals, on="id", how="left").with_columns(
        pl.coalesce("kept_id", "id").alias("cluster"))
    originals = cluster.filter(pl.col("role") == 0).select("group", pl.col("cluster").alias("orig_cluster"))
    copies = cluster.filter(pl.col("role") > 0).join(originals, on="group").with_columns(
        (pl.col("cluster") == pl.col("orig_cluster")).alias("found"))
    by_bin = []
    jac = copies["jaccard"].to_numpy()
    found = copies["found"].to_numpy()
    # the S-curve's expectation for the share of copies found, and its sd (independent copies)
    p = 1 - (1 - jac ** ROWS) ** BANDS
    for lo, hi in zip(JACCARD_BINS[:-1], JACCARD_BINS[1:]):
        sel = (jac >= lo) & (jac < hi)
        if sel.any():
            predicted = float(np.mean(1 - (1 - jac[sel] ** ROWS) ** BANDS))
            by_bin.append({"bin": f"[{lo:.2f},{min(hi, 1.0):.2f}{']' if hi > 1 else ')'}", "copies": int(sel.sum()),
                           "found": float(found[sel].mean()), "s_curve": predicted})
    return {
        "removed": removed,
        "true_positives": tp,
        "false_positives": removed - tp,
        "expected": expected,
        "precision": tp / removed if removed else float("nan"),
        "recall": tp / expected if expected else float("nan"),
        "copies_found": float(found.mean()) if found.size else float("nan"),
        "copies_found_expected": float(p.mean()) if p.size else float("nan"),
        "copies_found_sd": float(np.sqrt((p * (1 - p)).sum()) / p.size) if p.size else float("nan"),
        "found_by_jaccard": by_bin,
    }


# =================================================================================================
# Report
# =================================================================================================


def _mb(b: float) -> float:
    return b / 2**20


def print_report(results: list[dict[str, Any]], corpora: dict[int, dict[str, Any]], args: argparse.Namespace) -> None:
    out = sys.stdout
    print(f"\nMinHash dedup benchmark  (word {NGRAM}-grams, {BANDS} bands x {ROWS} rows, MinHash seed "
          f"{getattr(args, 'mh_seed', MH_SEED)}, {args.workers} workers (ours: {getattr(args, 'threads', 1)} threads each), {args.files} parquet files, corpus seed "
          f"{args.seed}; datatrove {args.precision}-bit)", file=out)
    for n, c in sorted(corpora.items()):
        j = c["jaccard"]
        print(f"  corpus {n:>7,} docs: {c['text_bytes'] / 1e6:,.0f} MB text, {c['groups_with_copies']:,} groups with copies, "
              f"{c['duplicates']:,} planted duplicates; copy Jaccard min {j['min']:.2f} p10 {j['p10']:.2f} "
              f"median {j['median']:.2f}", file=out)
    head = (f"\n{'system':<10} {'docs':>8} {'wall s':>8} {'dedup s':>8} {'CPU s':>8} {'others':>6} {'peak MB':>8} {'PSS MB':>7} {'max1 MB':>7} {'procs':>5} "
            f"{'removed':>8} {'FP':>4} {'precision':>9} {'recall':>7}")
    print(head, file=out)
    print("-" * (len(head) - 1), file=out)
    for r in results:
        dedup = r.get("dedup_seconds")
        print(f"{r['system']:<10} {r['docs']:>8,} {r['wall']:>8.1f} {(f'{dedup:.1f}' if dedup is not None else '-'):>8} "
              f"{r['cpu_seconds']:>8.1f} {r['other_cores']:>6.2f} {_mb(r['peak_rss']):>8.0f} {_mb(r.get('peak_pss', 0)):>7.0f} "
              f"{_mb(r.get('peak_one', 0)):>7.0f} {r['peak_procs']:>5} {r['removed']:>8,} {r['false_positives']:>4} {r['precision']:>9.4f} {r['recall']:>7.4f}", file=out)
    print("  wall s: first executor start to last one's end (ours: with Dask cluster start/stop); dedup s: our"
          " dedup_fuzzy steps alone; CPU s: user+system of the whole process tree; others: cores other"
          " processes on the machine kept busy meanwhile (0 on a quiet machine); peak MB: peak of the tree's summed"
          " RSS (shared pages counted once per process); PSS MB: peak of the tree's summed PSS (each shared page"
          " counted once, split between the processes mapping it); max1 MB: the largest RSS of one process", file=out)
    by = {(r["system"], r["docs"]): r for r in results}
    sizes = sorted({r["docs"] for r in results})
    pairs = [(n, by[("ours", n)], by[("datatrove", n)]) for n in sizes if ("ours", n) in by and ("datatrove", n) in by]
    if pairs:
        print(f"\n{'ours / datatrove':<18} {'docs':>8} {'wall':>7} {'speed-up':>9} {'CPU speed-up':>13} {'vs our dedup alone':>19} "
              f"{'peak MB':>8} {'PSS':>6} {'recall diff':>11} {'precision diff':>14}", file=out)
        for n, o, d in pairs:
            print(f"{'':<18} {n:>8,} {o['wall'] / d['wall']:>7.3f} {d['wall'] / o['wall']:>8.1f}x "
                  f"{d['cpu_seconds'] / o['cpu_seconds']:>12.1f}x "
                  f"{d['wall'] / o['dedup_seconds']:>18.1f}x {o['peak_rss'] / d['peak_rss']:>8.2f} "
                  f"{o.get('peak_pss', 0) / max(d.get('peak_pss', 0), 1):>6.2f} {o['recall'] - d['recall']:>+11.4f} {o['precision'] - d['precision']:>+14.4f}", file=out)
        print("  wall: ours/datatrove; speed-up: datatrove wall / ours; CPU speed-up: the same for CPU seconds;"
              " vs our dedup alone: datatrove wall / our dedup_fuzzy steps' wall; peak MB: ours/datatrove;"
              " diffs: ours - datatrove", file=out)
        n, o, d = pairs[-1]
        goals = [
            ("ours >= 5x faster end to end (wall)", d["wall"] / o["wall"] >= 5, f"{d['wall'] / o['wall']:.1f}x"),
            ("ours >= 5x faster in CPU seconds", d["cpu_seconds"] / o["cpu_seconds"] >= 5,
             f"{d['cpu_seconds'] / o['cpu_seconds']:.1f}x"),
            ("peak memory <= datatrove's", o["peak_rss"] <= d["peak_rss"], f"{_mb(o['peak_rss']):.0f} vs {_mb(d['peak_rss']):.0f} MB"),
            ("peak PSS <= datatrove's", o.get("peak_pss", 0) <= d.get("peak_pss", 0),
             f"{_mb(o.get('peak_pss', 0)):.0f} vs {_mb(d.get('peak_pss', 0)):.0f} MB"),
            ("recall no lower", o["recall"] >= d["recall"], f"{o['recall']:.4f} vs {d['recall']:.4f}"),
        ]
        # LSH recall is random: each system's share of copies found has an sd from the S-curve;
        # the difference of two independent runs has sd sqrt(sd_o^2 + sd_d^2)
        if "copies_found_sd" in o and "copies_found_sd" in d:
            sd = (o["copies_found_sd"] ** 2 + d["copies_found_sd"] ** 2) ** 0.5
            diff = o["copies_found"] - d["copies_found"]
            goals.append(("copies found no lower, within 2 sd of LSH noise", diff >= -2 * sd,
                          f"{o['copies_found']:.4f} vs {d['copies_found']:.4f}, diff {diff:+.4f}, sd of diff {sd:.4f}"))
        print(f"\ngoals at {n:,} docs:", file=out)
        for text, ok, val in goals:
            print(f"  [{'met' if ok else 'NOT met'}] {text}: {val}", file=out)
    if len(sizes) > 1:
        print(f"\ngrowth {sizes[0]:,} -> {sizes[-1]:,} docs (x{sizes[-1] / sizes[0]:.1f}):", file=out)
        for system in ("ours", "datatrove"):
            a, b = by.get((system, sizes[0])), by.get((system, sizes[-1]))
            if a and b:
                per = " ".join(f"{by[(system, n)]['wall'] / n * 1e6:.0f}" for n in sizes if (system, n) in by)
                cpu = " ".join(f"{by[(system, n)]['cpu_seconds'] / n * 1e6:.0f}" for n in sizes if (system, n) in by)
                print(f"  {system:<10} wall x{b['wall'] / a['wall']:.2f}, CPU x{b['cpu_seconds'] / a['cpu_seconds']:.2f}, "
                      f"peak memory x{b['peak_rss'] / a['peak_rss']:.2f} ({_mb(b['peak_rss'] - a['peak_rss']):+.0f} MB); "
                      f"wall µs/doc: {per}; CPU µs/doc: {cpu}", file=out)
    for r in results:
        print(f"\n{r['system']} {r['docs']:,} docs, steps: wall s" + (", CPU s of the process tree" if "step_cpu" in r else ""), file=out)
        for name, secs in r["steps"].items():
            c = r.get("step_cpu", {}).get(name)
            print(f"  {name:<62} {secs:>8.1f}" + (f" {c:>8.1f}" if c is not None else ""), file=out)
        if "copies_found_sd" in r:
            print(f"  copies found in their original's cluster: {r['copies_found']:.4f}; S-curve expectation "
                  f"{r['copies_found_expected']:.4f} +- {r['copies_found_sd']:.4f} (1 sd)", file=out)
        print("  processes at the memory peak (RSS MB): " + ", ".join(
            f"{p['role']} {p['rss_mb']:.0f}" for p in sorted(r["peak_by_process"], key=lambda p: -p["rss_mb"]))
              + (f"; during {r['peak_step']}" if r.get("peak_step") else ""), file=out)
        print("  copies found in their original's cluster, by true Jaccard (vs S-curve): " + "; ".join(
            f"{b['bin']} {b['found']:.3f} ({b['s_curve']:.3f}, n={b['copies']})" for b in r["found_by_jaccard"]), file=out)
    shims = next((r["shims"] for r in results if r["system"] == "datatrove"), None)
    if shims:
        print(f"\ndatatrove shims: {shims}", file=out)


# =================================================================================================
# Main
# =================================================================================================


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="50000,100000,200000", help="comma-separated corpus sizes (documents)")
    ap.add_argument("--files", type=int, default=16, help="parquet files per corpus (= datatrove tasks, our work units)")
    ap.add_argument("--workers", type=int, default=2, help="worker processes for both systems")
    ap.add_argument("--threads", type=int, default=1, help="ours: threads per worker process (datatrove: 1 per process)")
    ap.add_argument("--seed", type=int, default=1234, help="corpus seed")
    ap.add_argument("--systems", default="ours,datatrove")
    ap.add_argument("--datatrove-max-docs", type=int, default=0,
                    help="skip datatrove on corpora larger than this (0: no limit); it is the slow one")
    ap.add_argument("--mh-seed", type=int, default=MH_SEED, help="MinHash seed, both systems (the LSH's own randomness)")
    ap.add_argument("--precision", type=int, choices=(32, 64), default=64, help="datatrove HashConfig precision")
    ap.add_argument("--work", help="keep corpora (and runs with --keep) here; default: a temporary directory")
    ap.add_argument("--keep", action="store_true", help="keep the systems' outputs")
    ap.add_argument("--json", help="write all results here")
    ap.add_argument("--wait-quiet", type=float, default=0.0,
                    help="before each run, wait up to this many seconds for other processes to leave the CPUs idle")
    ap.add_argument("--report", metavar="JSON", help="print the report of a --json file again, run nothing")
    ap.add_argument("--child", choices=("datatrove", "ours"), help=argparse.SUPPRESS)
    ap.add_argument("--input-dir", help=argparse.SUPPRESS)
    ap.add_argument("--child-work", help=argparse.SUPPRESS)
    ap.add_argument("--result", help=argparse.SUPPRESS)
    return ap.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.child:
        return child_main(args)
    if args.report:
        saved = json.loads(Path(args.report).read_text(encoding="utf-8"))
        for k, v in saved["meta"]["args"].items():
            if k not in ("report", "json"):
                setattr(args, k, v)
        print_report(saved["results"], {int(k): v for k, v in saved["corpora"].items()}, args)
        return 0
    import polars as pl

    from _dedup_corpus import generate

    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    systems = [s.strip() for s in args.systems.split(",") if s.strip()]
    base = Path(args.work) if args.work else Path(tempfile.mkdtemp(prefix="dedup-bench-"))
    base.mkdir(parents=True, exist_ok=True)
    results: list[dict[str, Any]] = []
    corpora: dict[int, dict[str, Any]] = {}
    try:
        for n in sizes:
            t = time.perf_counter()
            info = generate(n, base / f"corpus-{n}", seed=args.seed, files=args.files)
            corpora[n] = info.to_json()
            print(f"corpus {n:,} docs ready in {time.perf_counter() - t:.1f} s: {info.dir}", file=sys.stderr, flush=True)
            truth = pl.read_parquet(base / f"corpus-{n}" / "ground_truth.parquet")
            for system in systems:
                if system == "datatrove" and args.datatrove_max_docs and n > args.datatrove_max_docs:
                    print(f"skipping datatrove at {n:,} docs (--datatrove-max-docs)", file=sys.stderr, flush=True)
                    continue
                print(f"running {system} on {n:,} docs ...", file=sys.stderr, flush=True)
                work = base / f"run-{system}-{n}"
                res = run_child(system, info.dir, work, args)
                removals = removals_ours(res["run_dir"]) if system == "ours" else removals_datatrove(str(work))
                if removals.height != res["removed_count"]:
                    raise RuntimeError(f"{system}: {removals.height} removal rows but the run reports {res['removed_count']}")
                res.update(docs=n, **score(removals, truth))
                print(f"  {system} {n:,}: {res['wall']:.1f} s, peak {_mb(res['peak_rss']):.0f} MB, "
                      f"precision {res['precision']:.4f}, recall {res['recall']:.4f}", file=sys.stderr, flush=True)
                results.append(res)
                if not args.keep:
                    shutil.rmtree(work, ignore_errors=True)
    finally:
        if not args.work:
            shutil.rmtree(base, ignore_errors=True)
    print_report(results, corpora, args)
    if args.json:
        import psutil

        meta = {"date": date.today().isoformat(), "cpus": os.cpu_count(), "memory_gb": round(psutil.virtual_memory().total / 2**30, 1),
                "python": platform.python_version(), "platform": platform.platform(), "args": vars(args)}
        Path(args.json).write_text(json.dumps({"meta": meta, "corpora": corpora, "results": results}, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
