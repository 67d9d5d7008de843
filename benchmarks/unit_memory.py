"""What one work unit costs a worker, by task kind, as the unit grows (issue 16: bounded memory per task).

    python benchmarks/unit_memory.py [--unit-sizes 3000,10000,30000] [--recipes mix,plain] [--work DIR] [--json out.json]

For each size, ``_scale_corpus`` writes ONE parquet file of that many documents (one work unit), and
a fresh child process runs a whole recipe on it with every executor task run in that process, one
after the other (no Dask): ``mix`` is scale.py's recipe (langid -> exact, URL, fuzzy dedup -> mix ->
shards; one source, so its forum group is folded into web), ``plain`` is langid -> exact dedup -> shards cut from the last pass (no mix). Before each
task the child collects garbage, returns freed heap to the system (``malloc_trim``) and resets its
peak RSS (``/proc/self/clear_refs``); after it, it reads the peak (``VmHWM``). The child's allocators
are set to return freed memory at once (``RELEASE``). Printed per task kind:
the RSS at its start, its peak, the growth (peak - start) and the task's CPU seconds
(``time.process_time`` of the child), per unit size; per-partition tasks (reduce, merge, shards)
show their largest task. A task whose growth follows the unit holds something per document; the
goal is a growth that does not depend on the unit beyond its per-document keys.
Nothing is tuned; the corpus and the recipes are fixed before the run.
"""

from __future__ import annotations

import argparse
import ctypes
import gc
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

#: scale.py's stages and mix (its forum group folded into web: one file is one source).
HEAD = """name: unit-memory-{kind}
seed: 1
inputs:
  - {{paths: [{docs}], format: parquet, source: web}}
output: {{dir: {run}, shard_bytes: 64MB}}
pipeline:
  - langid: {{min_score: 0.5}}
  - dedup_exact: {{partitions: 16}}
"""
RECIPES = {
    "mix": HEAD + """  - dedup_url: {{partitions: 16}}
  - dedup_fuzzy: {{ngram: 5, bands: 14, rows: 8, partitions: 16}}
mix:
  groups: {{web: {{source: [web]}}}}
  shares: {{multilingual: 0.08, web: 0.92}}
  max_epochs: {{web: 2}}
""",
    "plain": HEAD,
}


#: The child's allocators return freed memory at once (polars' jemalloc, pyarrow's mimalloc; glibc
#: is trimmed before each task), so a task's growth is what it holds, not what an earlier task
#: left in an allocator's cache. scale.py measures the pipeline with the defaults.
RELEASE = {"_RJEM_MALLOC_CONF": "dirty_decay_ms:0,muzzy_decay_ms:0", "MALLOC_CONF": "dirty_decay_ms:0,muzzy_decay_ms:0",
           "MIMALLOC_PURGE_DELAY": "0"}


def _status(field: str) -> int:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024
    raise KeyError(field)


def _reset_peak() -> int:
    """Collect, give freed heap back, reset VmHWM; returns the RSS the task starts from."""
    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except OSError:
        pass
    with open("/proc/self/clear_refs", "w") as fh:
        fh.write("5")
    return _status("VmRSS")


def _executor(records: list[dict[str, Any]]):
    from curation.executor.dask import DaskExecutor, TaskFailure

    class InProcess(DaskExecutor):
        """The executor's ``map`` run in this process, each task measured on its own."""

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return None

        @property
        def n_workers(self) -> int:
            return 1

        def describe(self) -> dict[str, Any]:
            return {"kind": "in-process (benchmark)", "workers": 1, "scheduler": "none"}

        def map(self, fn, items, label, *args, counted=None, **kwargs):
            out = []
            for item in items:
                start, cpu = _reset_peak(), time.process_time()
                try:
                    res = fn(item, *args, **kwargs)
                except Exception as exc:
                    res = TaskFailure(f"{type(exc).__name__}: {exc}")
                records.append({"task": label, "start": start, "peak": _status("VmHWM"),
                                "cpu": time.process_time() - cpu})
                out.append(res)
            return out

    return InProcess(workers=1, progress=False)


def child(recipe_kind: str, docs_dir: str, work: str, result: str) -> None:
    from curation.recipe.load import load_recipe
    from curation.run.driver import _execute
    run_dir = os.path.join(work, "run")
    path = Path(work) / "recipe.yaml"
    text = RECIPES[recipe_kind].format(kind=recipe_kind, docs=json.dumps(docs_dir + "/*.parquet"), run=json.dumps(run_dir))
    path.write_text(text, encoding="utf-8")
    records: list[dict[str, Any]] = []
    res = _execute(load_recipe(path, output=run_dir), _executor(records), False, lambda d: None)
    m = res.manifest
    Path(result).write_text(json.dumps({"tasks": records, "content_hash": m["content_hash"],
                                        "docs_out": m["totals"]["documents"], "failed": len(m["failed_units"])}))


def by_kind(records: list[dict[str, Any]]) -> dict[str, dict[str, float]]:
    """The largest task (by growth) of each kind."""
    out: dict[str, dict[str, float]] = {}
    for r in records:
        grow = r["peak"] - r["start"]
        if r["task"] not in out or grow > out[r["task"]]["growth"]:
            out[r["task"]] = {"start": r["start"], "peak": r["peak"], "growth": grow, "cpu": r["cpu"]}
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--unit-sizes", default="3000,10000,30000")
    ap.add_argument("--recipes", default="mix,plain")
    ap.add_argument("--work", default="/tmp/unit_memory")
    ap.add_argument("--json")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--docs-dir", help=argparse.SUPPRESS)
    ap.add_argument("--result", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.child, args.docs_dir, args.work, args.result)
        return
    from _scale_corpus import generate

    sizes = [int(s) for s in args.unit_sizes.split(",")]
    kinds = args.recipes.split(",")
    results: dict[str, dict[int, dict[str, Any]]] = {k: {} for k in kinds}
    for n in sizes:
        info = generate(n, Path(args.work) / f"corpus-{n}", files=1)
        for kind in kinds:
            work = Path(args.work) / f"run-{kind}-{n}"
            subprocess.run(["rm", "-rf", str(work)], check=True)
            work.mkdir(parents=True)
            out = work / "result.json"
            cmd = [sys.executable, str(Path(__file__).resolve()), "--child", kind, "--docs-dir", info["dir"],
                   "--work", str(work), "--result", str(out)]
            subprocess.run(cmd, check=True, cwd=ROOT, stdout=subprocess.DEVNULL, env=dict(os.environ, **RELEASE))
            results[kind][n] = json.loads(out.read_text())
            subprocess.run(["rm", "-rf", str(work / "run")], check=True)
    report(results, sizes)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1))


def report(results: dict[str, dict[int, dict[str, Any]]], sizes: list[int]) -> None:
    mib = 2 ** 20
    for kind, per_size in results.items():
        print(f"\nrecipe {kind}: one unit of N documents; per task kind: start / peak / growth MiB, CPU s")
        print(f"{'task':<28}" + "".join(f"{'N=' + format(n, ','):>30}" for n in sizes) + f"{'growth ratio':>14}")
        tables = {n: by_kind(per_size[n]["tasks"]) for n in sizes}
        for task in tables[sizes[0]]:
            cells = []
            for n in sizes:
                t = tables[n].get(task)
                cells.append(f"{t['start'] / mib:6.0f} /{t['peak'] / mib:5.0f} /{t['growth'] / mib:5.0f}, {t['cpu']:6.2f}s"
                             if t else "-")
            first, last = tables[sizes[0]].get(task), tables[sizes[-1]].get(task)
            ratio = f"{last['growth'] / max(first['growth'], mib):.2f}" if first and last else "-"
            print(f"{task:<28}" + "".join(f"{c:>30}" for c in cells) + f"{ratio:>14}")
        for n in sizes:
            r = per_size[n]
            print(f"  N={n:,}: {r['docs_out']:,} documents out, failed units {r['failed']}, content {r['content_hash'][:19]}")


if __name__ == "__main__":
    main()
