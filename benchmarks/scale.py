"""The pipeline at size: a generated web-like corpus at 100k and 300k documents (1M with
``--sizes 100000,300000,1000000``) through langid -> exact, URL and fuzzy dedup -> mix -> shards, on
this machine, beside datatrove's four MinHash stages on the same files (the anchor, same run).

    python benchmarks/scale.py [--sizes 100000,300000] [--workers 2] [--memory-limit 2GiB]
        [--partitions 16] [--files 32] [--systems ours,datatrove] [--datatrove-max-docs 300000]
        [--work DIR] [--json out.json]

The corpus (``benchmarks/_scale_corpus.py``): log-normal lengths (median ~360 words), 8% in eight
other languages, 4% exact copies, 3% tracking-parameter URL re-crawls, 8% near-copies; ``--files``
parquet files (our work units; datatrove's tasks). Cached in ``--work`` by (size, seed, files).

Each system runs in a fresh child process whose whole process tree is sampled every 50 ms
(``_measure.TreeWatcher``). Printed per size and system: wall seconds, CPU seconds summed over the
process tree (what to compare on a shared machine: wall time moves with the other load), docs/s
and docs per CPU second, summed peak RSS of
the tree, the largest single process's peak RSS (ours: the driver or one Dask worker; the figure a
``--memory-limit`` bounds), the shuffle files our dedup wrote (manifest counters ``shuffle_files``)
beside the ``units x partitions`` bound of the former layout, output shards, per-step wall and CPU
seconds, each process's RSS at the tree's peak, and the driver's own RSS by phase
(``_phases.PhaseSampler``: at the phase's start and its peak; maps, cluster close, manifest, report). Between sizes: the growth exponent of CPU time,
wall time and memory (1.0 = linear). Ours runs with
``--workers`` Dask workers of ``--memory-limit`` each (an embedded LocalCluster with that limit).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from _measure import run_watched, tree_cpu  # noqa: E402
from _phases import PhaseSampler, instrument  # noqa: E402

MIX = """mix:
  groups: {{web: {{source: [web]}}, forum: {{source: [forum]}}}}
  shares: {{multilingual: 0.08, web: 0.72, forum: 0.2}}
  max_epochs: {{forum: 2}}
"""


def recipe_yaml(docs_dir: str, run_dir: str, partitions: int) -> str:
    p = f"partitions: {partitions}"
    return (
        "name: scale-benchmark\nseed: 1\ninputs:\n"
        f"  - {{paths: [{json.dumps(docs_dir + '/web-*.parquet')}], format: parquet, source: web}}\n"
        f"  - {{paths: [{json.dumps(docs_dir + '/forum-*.parquet')}], format: parquet, source: forum}}\n"
        "pipeline:\n  - langid: {min_score: 0.5}\n"
        f"  - dedup_exact: {{{p}}}\n  - dedup_url: {{{p}}}\n"
        f"  - dedup_fuzzy: {{ngram: 5, bands: 14, rows: 8, {p}}}\n"
        + MIX.format() + f"output: {{dir: {json.dumps(run_dir)}, shard_bytes: 64MB}}\n"
    )


def child_ours(docs_dir: str, work: str, workers: int, memory_limit: str, partitions: int) -> dict[str, Any]:
    import curation.executor.dask as dx
    from curation.recipe.load import load_recipe
    from curation.run.driver import execute

    steps: dict[str, float] = {}
    step_cpu: dict[str, float] = {}
    orig_map = dx.DaskExecutor.map

    def timed_map(self, fn, items, label, *a, **k):
        t, c = time.perf_counter(), tree_cpu()
        try:
            return orig_map(self, fn, items, label, *a, **k)
        finally:
            key = label.split(":")[0] if ":" in label else label
            steps[key] = steps.get(key, 0.0) + time.perf_counter() - t
            step_cpu[key] = step_cpu.get(key, 0.0) + tree_cpu() - c

    dx.DaskExecutor.map = timed_map
    sampler = PhaseSampler()
    instrument(sampler)
    sampler.start()
    run_dir = os.path.join(work, "run")
    path = Path(work) / "recipe.yaml"
    path.write_text(recipe_yaml(docs_dir, run_dir, partitions), encoding="utf-8")
    recipe = load_recipe(path, output=run_dir)
    started = time.perf_counter()
    result = execute(recipe, workers=workers, progress=False, memory_limit=memory_limit)
    wall = time.perf_counter() - started
    phases = sampler.stop()
    m = result.manifest
    dedup = {s["name"]: s for s in m["stages"] if s["name"].startswith("dedup_")}
    return {
        "wall": wall, "steps": steps, "step_cpu": step_cpu, "docs_out": m["totals"]["documents"], "shards": m["totals"]["shards"],
        "failed_units": len(m["failed_units"]), "units": len(m.get("inputs", [])),
        "removed": {k: s.get("dropped", 0) for k, s in dedup.items()},
        "shuffle_files": {k: (s.get("counters") or {}).get("shuffle_files") for k, s in dedup.items()},
        "rounds": (dedup.get("dedup_fuzzy", {}).get("counters") or {}).get("component_rounds", 0),
        "content_hash": m["content_hash"], "driver_phases": phases,
    }


def child_datatrove(docs_dir: str, work: str, files: int, workers: int) -> dict[str, Any]:
    from dedup_benchmark import child_datatrove as run

    return run(docs_dir, work, files, workers, 64)


def run_child(kind: str, docs_dir: str, work: Path, args: argparse.Namespace) -> dict[str, Any]:
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", kind, "--docs-dir", docs_dir,
           "--child-work", str(work), "--files", str(args.files), "--workers", str(args.workers),
           "--memory-limit", args.memory_limit, "--partitions", str(args.partitions),
           "--result", str(work / "result.json")]
    run = run_watched(cmd, kind, work / "result.json", work / "child.log", cwd=ROOT)
    w = run.watcher
    res = dict(run.result, system=kind, process_seconds=run.process_seconds, cpu_seconds=w.cpu_seconds, peak_rss=w.peak,
               peak_one=w.peak_one, peak_detail=w.peak_detail, other_cores=run.other_cores)
    shutil.rmtree(work / "run", ignore_errors=True)
    return res


def _mib(b: float) -> str:
    return f"{b / 2**20:,.0f}"


def report(rows: list[dict[str, Any]], args: argparse.Namespace) -> None:
    print(f"\n{'size':>9} {'system':<10} {'wall s':>8} {'CPU s':>8} {'docs/s':>8} {'docs/CPU-s':>10} {'peak MiB':>9} "
          f"{'1 proc MiB':>10} {'shuffle files (former layout)':>42} {'shards':>6}  other cores")
    for r in rows:
        files = r.get("shuffle_files") or {}
        u, p = r["files"], args.partitions  # the former layout: a file per (producer, non-empty partition)
        before = 2 * u * p + 2 * u * p + p * p * (2 + r.get("rounds", 0))  # exact + url, fuzzy bands + attrs, edges + members + msgs
        bound = f"{sum(v or 0 for v in files.values())} (<= {before:,})" if files else "-"
        print(f"{r['size']:>9,} {r['system']:<10} {r['process_seconds']:8.1f} {r['cpu_seconds']:8.1f} "
              f"{r['size'] / r['process_seconds']:8,.0f} {r['size'] / r['cpu_seconds']:10,.0f} {_mib(r['peak_rss']):>9} "
              f"{_mib(r['peak_one']):>10} {bound:>42} {r.get('shards', '-'):>6}  {r['other_cores']:.2f}")
    for system in ("ours", "datatrove"):
        mine = [r for r in rows if r["system"] == system]
        for a, b in zip(mine, mine[1:]):
            k = math.log(b["size"] / a["size"])
            print(f"{system}: {a['size']:,} -> {b['size']:,}: exponents (1.00 = linear): CPU time "
                  f"{math.log(b['cpu_seconds'] / a['cpu_seconds']) / k:.2f}, wall time "
                  f"{math.log(b['process_seconds'] / a['process_seconds']) / k:.2f}, peak RSS tree "
                  f"{math.log(b['peak_rss'] / a['peak_rss']) / k:.2f}, largest process {math.log(b['peak_one'] / a['peak_one']) / k:.2f}")
    for r in rows:
        if r["system"] == "ours":
            print(f"ours {r['size']:,} steps (wall s / CPU s of the tree): "
                  + ", ".join(f"{k} {v:.0f}/{r.get('step_cpu', {}).get(k, 0):.0f}" for k, v in r["steps"].items()))
            print(f"ours {r['size']:,} peak RSS by process: " + ", ".join(f"{role} {_mib(b)}" for role, b in r.get("peak_detail", [])))
            phases = r.get("driver_phases") or {}
            print(f"ours {r['size']:,} driver RSS MiB by phase (at start -> peak during): "
                  + ", ".join(f"{k} {_mib(v['start'])}->{_mib(v['peak'])}" for k, v in phases.items()))
            print(f"ours {r['size']:,} removed: {r['removed']}; shuffle files {r['shuffle_files']}")
        dt = next((d for d in rows if d["system"] == "datatrove" and d["size"] == r["size"]), None)
        if r["system"] == "ours" and dt:
            print(f"ours / datatrove MinHash at {r['size']:,}: wall {r['process_seconds'] / dt['process_seconds']:.2f}x, "
                  f"CPU {r['cpu_seconds'] / dt['cpu_seconds']:.2f}x "
                  f"(ours runs langid, three dedups, the mix and shards; datatrove only MinHash), "
                  f"peak RSS {r['peak_rss'] / dt['peak_rss']:.2f}x")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="100000,300000")
    ap.add_argument("--files", type=int, default=32)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--memory-limit", default="2GiB", help="per Dask worker (ours)")
    ap.add_argument("--partitions", type=int, default=16, help="dedup hash partitions (ours)")
    ap.add_argument("--systems", default="ours,datatrove")
    ap.add_argument("--datatrove-max-docs", type=int, default=300_000)
    ap.add_argument("--work", help="keep corpora here (default: a temporary directory)")
    ap.add_argument("--json")
    ap.add_argument("--child", choices=("ours", "datatrove"), help=argparse.SUPPRESS)
    ap.add_argument("--docs-dir", help=argparse.SUPPRESS)
    ap.add_argument("--child-work", help=argparse.SUPPRESS)
    ap.add_argument("--result", help=argparse.SUPPRESS)
    return ap.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.child:
        if args.child == "ours":
            res = child_ours(args.docs_dir, args.child_work, args.workers, args.memory_limit, args.partitions)
        else:
            res = child_datatrove(args.docs_dir, args.child_work, args.files, args.workers)
        Path(args.result).write_text(json.dumps(res), encoding="utf-8")
        return 0
    from _scale_corpus import generate

    work = Path(args.work or tempfile.mkdtemp(prefix="scale-bench-"))
    rows = []
    for size in (int(s) for s in args.sizes.split(",")):
        t = time.perf_counter()
        info = generate(size, work / f"corpus-{size}", files=args.files)
        print(f"{size:,} documents, {info['text_bytes'] / 2**20:,.0f} MiB of text in {args.files} files "
              f"({info['kinds']}); generated in {time.perf_counter() - t:.0f} s", flush=True)
        for system in args.systems.split(","):
            if system == "datatrove" and size > args.datatrove_max_docs:
                continue
            res = run_child(system, info["dir"], work / f"{system}-{size}", args)
            rows.append(dict(res, size=size, files=args.files))
            print(f"  {system}: {res['process_seconds']:.0f} s wall, {res['cpu_seconds']:.0f} CPU s, peak {_mib(res['peak_rss'])} MiB "
                  f"(other cores busy {res['other_cores']:.2f})", flush=True)
            if args.json:  # after every run: a long series stopped part-way keeps what it measured
                Path(args.json).write_text(json.dumps({"args": vars(args), "rows": rows}, indent=1), encoding="utf-8")
    report(rows, args)
    if not args.work:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
