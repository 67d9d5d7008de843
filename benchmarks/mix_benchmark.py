"""The mixer at size: our distributed mix (1 and 2 Dask workers) vs the obvious anchor, one polars
process that loads every document, samples and shuffles in memory and writes the shards.

    python benchmarks/mix_benchmark.py [--docs 200000] [--units 32] [--phases [--profile]]
                                       [--out-of-core duckdb:1GB,polars-streaming]

Both take the same documents (generated parquet units in the shard schema, ~10% non-English in six
languages, three English sources) and the same mix (shares, max epochs). Printed: wall seconds,
CPU seconds of the mix alone (summed over the process tree: driver and Dask workers) and of the whole
child tree, documents/s, peak RSS of the whole process tree, achieved multilingual share, and ratios
against the anchor (CPU time is what to compare on a shared machine: wall time moves with the load). The anchor's memory grows with the corpus (all text in one process); ours holds one unit's
rows per task plus histograms on the driver. ``--out-of-core`` adds anchors that do not hold all text
at once, the way a script would go out of core: the same draw and order, then DuckDB's spilling join,
sort and shard writes under a memory limit (``pip install duckdb``), or polars' streaming engine.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import json
import pstats
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _measure import run_watched, tree_cpu  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

MIX = {
    "groups": {"web": {"source": ["web"]}, "academic": {"source": ["papers"]}, "qa": {"source": ["qa"]}},
    "shares": {"web": 0.6, "academic": 0.2, "qa": 0.12},
    "max_epochs": {"academic": 3, "qa": 2},
}
LANGS = {"de": 4, "fr": 3, "es": 2, "ru": 1, "ja": 0.5, "pt": 0.5}  # % of documents


def generate(folder: Path, docs: int, units: int, seed: int = 1) -> list[str]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from curation.io.schema import DOC_SCHEMA

    rng = random.Random(seed)
    words = [f"w{i}" for i in range(5000)]
    paths = []
    per = docs // units
    for u in range(units):
        rows = {name: [] for name in DOC_SCHEMA.names}
        for i in range(per):
            r = rng.random() * 100
            lang, acc = "en", 0.0
            for code, pct in LANGS.items():
                acc += pct
                if r < acc:
                    lang = code
                    break
            source = "web" if lang != "en" else rng.choices(["web", "papers", "qa"], [0.8, 0.1, 0.1])[0]
            n = rng.randint(50, 600)
            rows["id"].append(f"u{u}-{i}")
            rows["text"].append(" ".join(rng.choice(words) for _ in range(n)))
            rows["url"].append(None)
            rows["source"].append(source)
            rows["language"].append(lang)
            rows["language_score"].append(1.0)
            rows["token_count"].append(int(n * 1.3))
            rows["edu_score"].append(None)
            rows["edu_label"].append(None)
            rows["metadata"].append("{}")
        path = folder / f"unit{u:05d}.parquet"
        pq.write_table(pa.table(rows, schema=DOC_SCHEMA), path)
        paths.append(str(path))
    return paths


def _warm() -> None:
    """What a real run's worker has done before its mix: imported the mix's modules, and pandas,
    which pyarrow imports at a process's first ``to_numpy``, ``pa.array`` or ``pa.scalar`` (dedup's
    tasks call them; ~0.3-0.5 CPU s once per process, which the anchor, polars only, never pays)."""
    import pandas  # noqa: F401

    import curation.mix.merge  # noqa: F401
    import curation.mix.run  # noqa: F401
    import curation.mix.tasks  # noqa: F401


def child_ours(units: list[str], out: str, workers: int) -> dict:
    from curation.core.view import GlobalContext, UnitView
    from curation.executor.dask import DaskExecutor
    from curation.executor.phases import PhaseExecutor
    from curation.recipe.mix import MixSpec
    from curation.mix.run import MixStage

    stage = MixStage("mix", spec=MixSpec.model_validate(MIX), shard_bytes=64 * 1024**2, row_group_rows=10_000)
    views = [UnitView(i, f"u{i}", p) for i, p in enumerate(units)]
    with DaskExecutor(workers=workers, progress=False) as ex:
        ex.client.run(_warm)  # a real run's workers have imported these for its earlier stages
        started, cpu = time.perf_counter(), tree_cpu()
        ctx = GlobalContext(PhaseExecutor(ex, f"{out}/mix/phases"), out, f"{out}/mix", views, seed=7)
        result = stage.run(ctx)
        seconds, cpu = time.perf_counter() - started, tree_cpu() - cpu
    results, summary = result["shards"], result["summary"]
    multi = next(g for g in summary["groups"] if g["name"] == "multilingual")
    return {"seconds": seconds, "cpu": cpu, "shards": sum(1 for r in results if r), "multilingual": multi["achieved_share"],
            "tokens": summary["total_tokens"]}


class SerialTimed:
    """The executor interface the mix uses, run in this process, one task after the other, timing
    each phase's CPU: where the mix's own work goes, without Dask."""

    def __init__(self) -> None:
        self.cpu: dict[str, float] = {}

    def map(self, fn, items, label, *args, counted=None, **kwargs):
        started = time.process_time()
        out = [fn(item, *args, **kwargs) for item in items]
        self.cpu[label] = self.cpu.get(label, 0.0) + time.process_time() - started
        return out

    @staticmethod
    def raise_failures(results, label) -> None:
        return None


def child_phases(units: list[str], out: str, profile: bool = False) -> dict:
    """The anchor, then our mix's phases serially in the same process: CPU seconds of each; with
    ``profile``, also where our CPU goes by function (cProfile on process time)."""
    from curation.core.view import GlobalContext, UnitView
    from curation.mix.run import MixStage
    from curation.recipe.mix import MixSpec

    Path(out, "anchor").mkdir()
    _warm()  # as through Dask (child_ours): imports are not the mix's work
    started = time.process_time()
    child_anchor(units, f"{out}/anchor")
    anchor = time.process_time() - started
    stage = MixStage("mix", spec=MixSpec.model_validate(MIX), shard_bytes=64 * 1024**2, row_group_rows=10_000)
    ex = SerialTimed()
    prof = cProfile.Profile(time.process_time) if profile else None
    started = time.process_time()
    with prof or contextlib.nullcontext():
        result = stage.run(GlobalContext(ex, out, f"{out}/mix", [UnitView(i, f"u{i}", p) for i, p in enumerate(units)], seed=7))
    total = time.process_time() - started
    return {"anchor_cpu": anchor, "cpu": total, "phases": dict(ex.cpu, plan=total - sum(ex.cpu.values())),
            "sha256": [r["sha256"] for r in result["shards"] if r], "profile": _top(prof) if prof else []}


def _top(prof: cProfile.Profile, n: int = 15) -> list[tuple[str, int, float]]:
    """The ``n`` functions with the most own CPU time: (name, calls, seconds)."""
    stats = pstats.Stats(prof).stats  # (file, line, function) -> (primitive calls, calls, own, cumulative, callers)
    rows = sorted(stats.items(), key=lambda kv: -kv[1][2])[:n]
    return [(f"{Path(f).name}:{line}({fn})" if line else fn, calls, own) for (f, line, fn), (_, calls, own, _, _) in rows]


def _picked(df, spec) -> list:
    """The anchor's draw: per group and epoch, the documents ranked by their sampling hash, taken
    while their tokens fit the group's share (``df`` may hold the text or only the facts)."""
    import math

    import polars as pl

    from curation.mix.hashing import doc_hashes

    avail = df.group_by("group").agg(pl.col("token_count").sum()).to_dict(as_series=False)
    avail = dict(zip(avail["group"], avail["token_count"]))
    total = min(avail[g] * spec.epochs_of(g) / s for g, s in spec.shares.items())
    picked = []
    for g, s in spec.shares.items():
        part = df.filter(pl.col("group") == g)
        want, epoch = total * s, 0
        while want > 0 and epoch < math.ceil(spec.epochs_of(g)):
            ranked = part.with_columns(pl.Series("h", doc_hashes(part["id"], 7, epoch, "sample"))).sort("h")
            take = ranked.filter(pl.col("token_count").cum_sum() <= want)
            picked.append(take.with_columns(pl.lit(epoch).alias("epoch")))
            want -= take["token_count"].sum()
            epoch += 1
    return picked


def child_anchor(units: list[str], out: str) -> dict:
    """Everything in one polars frame: the way a single script would mix."""
    import math

    import polars as pl

    from curation.mix.hashing import doc_hashes
    from curation.recipe.mix import MixSpec
    from curation.mix.rules import assign_groups

    started, cpu = time.perf_counter(), tree_cpu()
    spec = MixSpec.model_validate(MIX)
    mixed = pl.concat(_picked(assign_groups(pl.read_parquet(units), spec), spec))
    mixed = mixed.with_columns(pl.Series("o", doc_hashes(mixed["id"], 7, 0, "order"))).sort("o", "epoch")
    rows = max(1, math.ceil(mixed["text"].str.len_bytes().sum() / (64 * 1024**2)))
    size = math.ceil(mixed.height / rows)
    for k in range(rows):
        mixed.slice(k * size, size).drop("o").write_parquet(f"{out}/shard{k:05d}.parquet", compression="zstd")
    multi = mixed.filter(pl.col("group") == "multilingual")["token_count"].sum() / mixed["token_count"].sum()
    return {"seconds": time.perf_counter() - started, "cpu": tree_cpu() - cpu, "shards": rows, "multilingual": round(multi, 6),
            "tokens": int(mixed["token_count"].sum())}


def child_out_of_core(units: list[str], out: str, engine: str, memory_limit: str) -> dict:
    """The anchor's draw and order, but the text never all in memory at once, the way a script would
    go out of core: the draw on the documents' facts (no text), then the join with the text, the sort
    and the shard writes by DuckDB under ``memory_limit`` (spilling to disk), or by polars' streaming
    engine (no limit to set: its peak is what it needs)."""
    import polars as pl

    from curation.mix.hashing import doc_hashes
    from curation.recipe.mix import MixSpec
    from curation.mix.rules import assign_groups

    started, cpu = time.perf_counter(), tree_cpu()
    spec = MixSpec.model_validate(MIX)
    facts = assign_groups(pl.read_parquet(units, columns=["id", "source", "language", "edu_score", "token_count"]), spec)
    picked = pl.concat(_picked(facts, spec)).select("id", "group", pl.col("epoch").cast(pl.Int32), "token_count")
    picked = picked.with_columns(pl.Series("o", doc_hashes(picked["id"], 7, 0, "order")))
    if engine == "duckdb":
        import duckdb

        con = duckdb.connect()
        con.execute(f"SET memory_limit='{memory_limit}'; SET threads=1; SET temp_directory='{out}/spill'; "
                    "SET preserve_insertion_order=false")
        con.register("picked", picked.select("id", "group", "epoch", "o").to_arrow())
        files = ", ".join(f"'{u}'" for u in units)
        con.execute(f"COPY (SELECT * EXCLUDE (o) FROM (SELECT u.*, p.group, p.epoch, p.o FROM read_parquet([{files}]) u "
                    f"JOIN picked p USING (id)) ORDER BY o, epoch) TO '{out}/shards' "
                    "(FORMAT parquet, COMPRESSION zstd, FILE_SIZE_BYTES '64MB')")
    else:
        (pl.scan_parquet(units).join(picked.lazy().select("id", "group", "epoch", "o"), on="id").sort("o", "epoch").drop("o")
         .sink_parquet(pl.PartitionBy(f"{out}/shards", approximate_bytes_per_file=64 * 1024**2), compression="zstd",
                       mkdir=True, engine="streaming"))
    multi = picked.filter(pl.col("group") == "multilingual")["token_count"].sum() / picked["token_count"].sum()
    return {"seconds": time.perf_counter() - started, "cpu": tree_cpu() - cpu, "shards": len(list(Path(out, "shards").iterdir())),
            "multilingual": round(multi, 6), "tokens": int(picked["token_count"].sum())}


def run_child(kind: str, units_file: str, workers: int, extra: list[str] | None = None) -> dict:
    out = Path(tempfile.mkdtemp(prefix=f"mixbench-{kind}-"))
    cmd = [sys.executable, __file__, "--child", kind, "--units-file", units_file, "--workers", str(workers),
           "--out", str(out), "--result", str(out / "result.json"), *(extra or [])]
    run = run_watched(cmd, kind, out / "result.json", out / "child.log")  # a failed child's folder stays, for its log
    shutil.rmtree(out, ignore_errors=True)
    return {**run.result, "wall": run.process_seconds, "peak_mib": run.watcher.peak / 2**20,
            "tree_cpu": run.watcher.cpu_seconds, "other_cores": run.other_cores}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=200_000)
    ap.add_argument("--units", type=int, default=32)
    ap.add_argument("--phases", action="store_true",
                    help="instead: the anchor and our mix's phases serially in one process, CPU seconds of each")
    ap.add_argument("--profile", action="store_true",
                    help="with --phases: also our CPU by function (cProfile, own time; the profiler adds to each call)")
    ap.add_argument("--out-of-core", default="",
                    help="also these out-of-core anchors, comma-separated: duckdb:<memory limit> (e.g. duckdb:1GB), polars-streaming")
    ap.add_argument("--child", choices=["ours", "anchor", "phases", "duckdb", "polars-streaming"])
    ap.add_argument("--memory-limit", default="1GB")
    ap.add_argument("--units-file")
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--out")
    ap.add_argument("--result")
    args = ap.parse_args()
    if args.child:
        units = json.loads(Path(args.units_file).read_text())
        kinds = {"ours": lambda: child_ours(units, args.out, args.workers), "anchor": lambda: child_anchor(units, args.out),
                 "phases": lambda: child_phases(units, args.out, args.profile),
                 "duckdb": lambda: child_out_of_core(units, args.out, "duckdb", args.memory_limit),
                 "polars-streaming": lambda: child_out_of_core(units, args.out, "polars", "")}
        res = kinds[args.child]()
        Path(args.result).write_text(json.dumps(res))
        return 0
    folder = Path(tempfile.mkdtemp(prefix="mixbench-data-"))
    try:
        return compare(args, folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def compare(args: argparse.Namespace, folder: Path) -> int:
    """Generate the units in ``folder``, run each configuration, print the table."""
    units = generate(folder, args.docs, args.units)
    units_file = folder / "units.json"
    units_file.write_text(json.dumps(units))
    size = sum(Path(u).stat().st_size for u in units) / 2**20
    print(f"{args.docs:,} documents in {args.units} units ({size:.0f} MiB parquet)")
    if args.phases:
        r = run_child("phases", str(units_file), 1, ["--profile"] if args.profile else [])
        print(f"anchor {r['anchor_cpu']:.2f} CPU s; ours {r['cpu']:.2f} CPU s (" + ", ".join(
            f"{k} {v:.2f}" for k, v in r["phases"].items()) + f"); anchor / ours {r['anchor_cpu'] / r['cpu']:.2f}x; "
              f"shards {[h[:12] for h in r['sha256']]}")
        for name, calls, own in r["profile"]:
            print(f"  {own:7.2f} CPU s {own / r['cpu']:6.1%} {calls:9,} calls  {name}")
        return 0
    rows = [("anchor: one polars process", run_child("anchor", str(units_file), 1)),
            ("ours, 1 worker", run_child("ours", str(units_file), 1)),
            ("ours, 2 workers", run_child("ours", str(units_file), 2))]
    failures = []
    for name in filter(None, args.out_of_core.split(",")):
        engine, _, limit = name.partition(":")
        if engine not in ("duckdb", "polars-streaming"):
            raise SystemExit(f"--out-of-core: unknown anchor {name!r} (duckdb:<limit>, polars-streaming)")
        label = f"duckdb, limit {limit or '1GB'}" if engine == "duckdb" else "polars streaming engine"
        try:
            rows.append((label, run_child(engine, str(units_file), 1, ["--memory-limit", limit or "1GB"])))
        except SystemExit as failed:  # e.g. DuckDB's "Out of Memory Error" under a tight limit: a result, not a crash
            lines = str(failed).splitlines() or [""]
            failures.append(f"{label}: " + next((x.strip() for x in lines if "Error:" in x), lines[-1]))
    anchor = rows[0][1]
    print(f"{'configuration':<28} {'mix s':>7} {'mix CPU s':>9} {'tree CPU s':>10} {'wall s':>7} {'docs/s':>9} "
          f"{'peak MiB':>9} {'multilingual':>12} {'tokens':>12} {'vs anchor (mix CPU, tree CPU, wall, mem)':>42} {'other cores':>11}")
    for label, r in rows:
        print(f"{label:<28} {r['seconds']:7.1f} {r['cpu']:9.1f} {r['tree_cpu']:10.1f} {r['wall']:7.1f} {args.docs / r['seconds']:9,.0f} "
              f"{r['peak_mib']:9,.0f} {r['multilingual']:12.4f} {r['tokens']:12,} {anchor['cpu'] / r['cpu']:12.2f}x "
              f"{anchor['tree_cpu'] / r['tree_cpu']:8.2f}x {anchor['wall'] / r['wall']:8.2f}x {r['peak_mib'] / anchor['peak_mib']:8.2f}x "
              f"{r['other_cores']:11.2f}")
    for failure in failures:
        print(f"failed: {failure}")
    print("speed ratios are anchor / ours (above 1: ours faster); mix CPU: the mix's own CPU seconds summed over the "
          "process tree (driver, Dask workers), cluster start-up excluded; tree CPU: the whole child process tree, imports "
          "and cluster start/stop included")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
