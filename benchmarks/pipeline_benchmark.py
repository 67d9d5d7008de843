"""Throughput and memory of the web pipeline: datatrove's own LocalPipelineExecutor vs ours on Dask.

    python benchmarks/pipeline_benchmark.py [--pages 600] [--files 8] [--stages] [--repeat 1] [--keep] [--json out.json]
                                            [--anchor-checkout DIR] [--workload-ceiling]

The same stage list runs twice over the same input:

* ``datatrove``: ``LocalPipelineExecutor(tasks=<files>, workers=1)`` over datatrove's blocks:
  ``WarcReader`` -> ``Trafilatura`` -> ``LanguageFilter`` (fastText lid.176, all languages, score
  threshold from our recipe; the model is the bundled local ``lid.176.ftz``, not a download) ->
  ``GopherRepetitionFilter`` -> ``GopherQualityFilter`` -> ``C4QualityFilter`` (no terminal-punct
  rule) -> ``FineWebQualityFilter`` -> ``ParquetWriter``;
* ``ours``: ``curation.run.driver.execute`` on ``pipelines/web.yaml`` with its input replaced, with
  1 and with 2 Dask workers.
* the 2-worker speed-up is set against two ceilings measured in the same run: two CPU-bound spinners
  (``parallel_ceiling``) and, with ``--workload-ceiling``, two independent 1-worker runs of ours started
  together (the workload's own ceiling: what two cores give this work with no coordination at all);
* ``--anchor-checkout DIR``: also ours with 1 worker from another checkout (a git worktree of main,
  say), interleaved with the others on the same input: a before/after beside datatrove in one run.

The input is built in a temporary directory: ``--files`` WARC.gz files of ``--pages`` HTTP 200
response records in total, cycling through the real pages of
``../shared/data/warc/cc-main-2020-34-sample.warc.gz`` (HTTP headers and payload as crawled) and the
181 pages of ``../shared/data/extraction/scrapinghub/html`` (served as ``text/html; charset=utf-8``);
repeated copies get their own URL (``bench_copy=K`` query parameter) and WARC-Record-ID.

Each configuration runs in its own fresh Python process (imports done before the clock starts);
this script samples the summed RSS of that process and all its descendants (Dask scheduler,
nannies, workers, extraction sandboxes; datatrove's extraction process) every 50 ms with psutil
and reports the peak.  Summed RSS counts pages shared between forked processes more than once.

Needs, beyond the project's dependencies, what datatrove's blocks require (WarcReader: cchardet,
magic; LanguageFilter: fasteners): ``pip install faust-cchardet python-magic fasteners`` (python-magic
needs the libmagic system library).
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _measure import run_watched  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script from a checkout without installing
    sys.path.insert(0, str(ROOT))

DEFAULT_DATA = ROOT.parent / "shared" / "data"
RECIPE = ROOT / "pipelines" / "web.yaml"
SH_DATE = "2020-08-01T00:00:00Z"  # WARC-Date for the scrapinghub pages (they have none)


# =================================================================================================
# Input
# =================================================================================================


def _source_pages(data: Path) -> list[dict[str, Any]]:
    """The real pages: (url, HTTP headers, raw payload, payload type, date) for each."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.statusandheaders import StatusAndHeaders

    pages: list[dict[str, Any]] = []
    warc = data / "warc" / "cc-main-2020-34-sample.warc.gz"
    with open(warc, "rb") as fh:
        for rec in ArchiveIterator(fh):
            if rec.rec_type != "response" or not rec.http_headers:
                continue
            h = rec.rec_headers
            pages.append(
                {
                    "url": h.get_header("WARC-Target-URI"),
                    "http": rec.http_headers,
                    "payload": rec.raw_stream.read(),  # as stored: still chunked/encoded if it was
                    "type": h.get_header("WARC-Identified-Payload-Type"),
                    "date": h.get_header("WARC-Date"),
                    "origin": "cc-main-2020-34",
                }
            )
    sh = data / "extraction" / "scrapinghub"
    truth = json.loads((sh / "ground-truth.json").read_text(encoding="utf-8"))
    for path in sorted((sh / "html").glob("*.html.gz")):
        key = path.name.removesuffix(".html.gz")
        body = gzip.decompress(path.read_bytes())
        http = StatusAndHeaders(
            "200 OK",
            [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body)))],
            protocol="HTTP/1.1",
        )
        url = truth.get(key, {}).get("url") or f"https://example.org/scrapinghub/{key}"
        pages.append({"url": url, "http": http, "payload": body, "type": "text/html", "date": SH_DATE, "origin": "scrapinghub"})
    if not pages:
        raise SystemExit(f"no pages under {data}")
    return pages


def _copy_url(url: str, copy: int) -> str:
    if copy == 0:
        return url
    base, hash_, frag = url.partition("#")
    return f"{base}{'&' if '?' in base else '?'}bench_copy={copy}{hash_}{frag}"


def build_inputs(out_dir: Path, data: Path, n_pages: int, n_files: int) -> dict[str, Any]:
    """Write ``n_files`` WARC.gz files holding ``n_pages`` response records; deterministic."""
    from warcio.warcwriter import WARCWriter

    pages = _source_pages(data)
    n_files = min(n_files, n_pages)  # no empty files
    out_dir.mkdir(parents=True, exist_ok=True)
    handles = [open(out_dir / f"bench-{i:02d}.warc.gz", "wb") for i in range(n_files)]
    writers = [WARCWriter(h, gzip=True) for h in handles]
    per_origin: dict[str, int] = {}
    try:
        for i in range(n_pages):
            page, copy = pages[i % len(pages)], i // len(pages)
            url = _copy_url(page["url"], copy)
            rid = uuid.uuid5(uuid.NAMESPACE_URL, f"{url}|{copy}|{i}")
            warc_headers = {"WARC-Record-ID": f"<urn:uuid:{rid}>", "WARC-Date": page["date"]}
            if page["type"]:
                warc_headers["WARC-Identified-Payload-Type"] = page["type"]
            record = writers[i % n_files].create_warc_record(
                url,
                "response",
                payload=io.BytesIO(page["payload"]),
                length=len(page["payload"]),
                http_headers=page["http"],
                warc_headers_dict=warc_headers,
            )
            writers[i % n_files].write_record(record)
            per_origin[page["origin"]] = per_origin.get(page["origin"], 0) + 1
    finally:
        for h in handles:
            h.close()
    files = sorted(out_dir.glob("*.warc.gz"))
    return {
        "dir": str(out_dir),
        "files": len(files),
        "pages": n_pages,
        "unique_pages": len(pages),
        "per_origin": per_origin,
        "bytes": sum(f.stat().st_size for f in files),
    }


# =================================================================================================
# The two runs, each in a child process (``--child datatrove|ours``)
# =================================================================================================


def _recipe_params() -> dict[str, dict[str, Any]]:
    """Our recipe's stage parameters, so that datatrove gets the same timeout and LID threshold."""
    import yaml

    raw = yaml.safe_load(RECIPE.read_text(encoding="utf-8"))
    out: dict[str, dict[str, Any]] = {}
    for item in raw["pipeline"]:
        (name, params), = item.items()
        out[name] = params or {}
    return out


def _datatrove_pipeline(input_dir: str, out_dir: str) -> list:
    from datatrove.pipeline.extractors import Trafilatura
    from datatrove.pipeline.filters import (
        C4QualityFilter,
        FineWebQualityFilter,
        GopherQualityFilter,
        GopherRepetitionFilter,
        LanguageFilter,
    )
    from datatrove.pipeline.readers import WarcReader
    from datatrove.pipeline.writers import ParquetWriter
    from datatrove.utils.lid import FT176LID

    from curation.models.fasttext_models import bundled_lid_path

    class LocalFT176LID(FT176LID):
        """datatrove's lid.176 wrapper, loading a local model file instead of downloading lid.176.bin."""

        def __init__(self, path: str, languages: list[str] | None = None, k: int = -1) -> None:
            super().__init__(languages, k)
            self.path = path

        @property
        def model(self):
            if self._model is None:
                from fasttext.FastText import _FastText

                self._model = _FastText(self.path)
            return self._model

    class LocalLanguageFilter(LanguageFilter):
        name = "🌍 Language ID (local lid.176.ftz)"

        def __init__(self, model_path: str, **kwargs: Any) -> None:
            super().__init__(**kwargs)
            self.model = LocalFT176LID(model_path, self.languages)

    ours = _recipe_params()
    return [
        WarcReader(input_dir, glob_pattern="*.warc.gz"),
        # timeout as in our recipe (datatrove's default is 1 s); deduplicate=False as ours: with
        # datatrove's default (True) trafilatura's process-wide dedup cache empties the repeated
        # copies of a page, so the two pipelines would no longer see the same documents.
        Trafilatura(timeout=float(ours["extract"].get("timeout", 5)), deduplicate=False),
        LocalLanguageFilter(bundled_lid_path(), languages=None, language_threshold=float(ours["langid"].get("min_score", 0.5))),
        GopherRepetitionFilter(),
        GopherQualityFilter(),
        C4QualityFilter(filter_no_terminal_punct=False),
        FineWebQualityFilter(),
        ParquetWriter(out_dir),
    ]


def _parquet_rows(folder: str) -> int:
    import pyarrow.parquet as pq

    return sum(pq.ParquetFile(p).metadata.num_rows for p in sorted(Path(folder).rglob("*.parquet")))


def _dt_stage_counts(stats) -> list[dict[str, Any]]:
    """(stage, in, out) per datatrove step, from its merged PipelineStats."""
    rows = []
    for step in stats.stats:
        s = {k: int(v.total) for k, v in step.stats.items()}
        seconds = float(step.time_stats.total)
        if "documents" in s and "total" not in s:  # the reader
            rows.append({"name": step.name, "in": None, "out": s["documents"], "seconds": seconds})
        elif "total" in s:
            out = s.get("forwarded", s["total"] - s.get("dropped", 0))
            counters = {k: v for k, v in s.items() if k not in ("total", "forwarded", "doc_len", "doc_len_tokens")}
            rows.append({"name": step.name, "in": s["total"], "out": out, "seconds": seconds, "counters": counters})
    return rows


def child_datatrove(input_dir: str, work: str, n_files: int) -> dict[str, Any]:
    from datatrove.executor import LocalPipelineExecutor

    out_dir, log_dir = os.path.join(work, "output"), os.path.join(work, "logs")
    pipeline = _datatrove_pipeline(input_dir, out_dir)
    executor = LocalPipelineExecutor(pipeline=pipeline, tasks=n_files, workers=1, logging_dir=log_dir)
    started = time.perf_counter()
    stats = executor.run()
    wall = time.perf_counter() - started
    stages = _dt_stage_counts(stats)
    return {
        "wall": wall,
        "startup": 0.0,
        "shutdown": 0.0,
        "docs_in": stages[0]["out"],
        "docs_out": _parquet_rows(out_dir),
        "stages": stages,
    }


def _whole_run_stages(recipe) -> list[str]:
    """Names of the recipe's whole-run (global) stages, e.g. dedup; none in older checkouts."""
    try:
        from curation.stages.registry import global_stage
    except ImportError:
        return []
    return [spec.name for spec in recipe.pipeline if global_stage(spec) is not None]


def load_bench_recipe(input_dir: str, run_dir: str, full: bool = False):
    """``pipelines/web.yaml`` on our input; without its whole-run stages unless ``full``.

    datatrove's stage list has no dedup, and dedup would remove the repeated copies of the
    pages this benchmark feeds both pipelines, so by default only the per-document stages run.
    """
    from curation.recipe.load import load_recipe

    recipe = load_recipe(RECIPE, inputs=[input_dir], output=run_dir)
    # datatrove's list: extraction, LID and the heuristic filters; later stages (dedup, the edu
    # classifier) are ours alone
    same_as_datatrove = {"extract", "langid", "gopher_repetition", "gopher_quality", "c4", "fineweb"}
    dropped = [] if full else [s.name for s in recipe.pipeline if s.name not in same_as_datatrove]
    if dropped:
        recipe = recipe.model_copy(update={"pipeline": [s for s in recipe.pipeline if s.name not in dropped]})
    return recipe, dropped


def child_ours(input_dir: str, work: str, workers: int, full: bool = False) -> dict[str, Any]:
    import curation.run.driver as driver

    timing: dict[str, float] = {}
    base = driver.DaskExecutor

    class TimedDaskExecutor(base):  # how long the embedded cluster takes to start and to stop
        def __enter__(self):
            t = time.perf_counter()
            res = super().__enter__()
            timing["startup"] = time.perf_counter() - t
            return res

        def __exit__(self, *exc):
            t = time.perf_counter()
            res = super().__exit__(*exc)
            timing["shutdown"] = time.perf_counter() - t
            return res

    driver.DaskExecutor = TimedDaskExecutor
    recipe, dropped = load_bench_recipe(input_dir, os.path.join(work, "run"), full)
    started = time.perf_counter()
    result = driver.execute(recipe, workers=workers, progress=False)
    wall = time.perf_counter() - started
    m = result.manifest
    if m["failed_units"]:
        raise RuntimeError(f"failed units: {m['failed_units']}")
    return {
        "wall": wall,
        "startup": timing.get("startup", 0.0),
        "shutdown": timing.get("shutdown", 0.0),
        "manifest_wall": m["timings"]["wall_seconds"],
        "unit_seconds": m["timings"]["unit_seconds"],
        "docs_in": m["stages"][0]["out"],
        "docs_out": m["totals"]["documents"],
        "tokens": m["totals"]["tokens"],
        "rejected_rows": sum(s["rows"] for s in m["side_outputs"] if s.get("kind") == "rejected"),
        "stages_run": [s.name for s in recipe.pipeline],
        "stages_left_out": dropped,
        "stages": [{k: s.get(k) for k in ("name", "in", "out", "dropped_by_reason", "counters")} for s in m["stages"]],
    }


def child_ours_stage_times(input_dir: str, work: str) -> dict[str, Any]:
    """Every work unit through ``run_unit`` in this one process (no Dask), timing each stage.

    The stage times are datatrove's own per-step timers (our stages are datatrove blocks, so
    ``BaseFilter.run`` times them the same way as in the datatrove run); the sink (token counting,
    staging parquet) is timed around ``DocumentSink.add``/``close``; the rest of ``run_unit``
    (reading the WARC, the rejected sidecar, sha256 of the input, building the stages) is the remainder.
    This reaches into ``curation.run.unit``; if that changed shape, this mode says so.
    """
    import inspect

    import curation.run.unit as unit_mod
    from curation.run.units import plan_units

    run_dir = os.path.join(work, "run")
    recipe, _ = load_bench_recipe(input_dir, run_dir)
    units = plan_units(recipe)
    builder = next((n for n in ("build_steps", "build_pipeline") if hasattr(unit_mod, n)), None)
    if builder is None or not hasattr(unit_mod, "DocumentSink"):
        raise SystemExit("--stages: curation.run.unit no longer has build_steps/build_pipeline or DocumentSink; update the benchmark")
    first_param = next(iter(inspect.signature(unit_mod.run_unit).parameters))
    if first_param == "task":  # run_unit(UnitTask(unit, pass_no, specs, view), ...)
        items = [unit_mod.UnitTask(u, 0, tuple(recipe.pipeline)) for u in units]
    else:  # run_unit(unit, ...)
        items = units
    built: list[list] = []
    sink_seconds = [0.0]
    build, add, close = getattr(unit_mod, builder), unit_mod.DocumentSink.add, unit_mod.DocumentSink.close

    stage_cpu: dict[str, float] = {}

    def timed_build(specs, *a, **k):
        steps = build(specs, *a, **k)
        built.append(list(zip([s.name for s in specs], steps)))
        for spec, step in zip(specs, steps):  # this process's CPU seconds in each stage's filter
            step.filter = _cpu_timed(step.filter, spec.name, stage_cpu)
        return steps

    def timed(fn):
        def wrapper(*a, **k):
            t = time.perf_counter()
            try:
                return fn(*a, **k)
            finally:
                sink_seconds[0] += time.perf_counter() - t
        return wrapper

    setattr(unit_mod, builder, timed_build)
    unit_mod.DocumentSink.add, unit_mod.DocumentSink.close = timed(add), timed(close)
    started = time.perf_counter()
    for item in items:
        unit_mod.run_unit(item, recipe, run_dir, len(units))
    wall = time.perf_counter() - started
    seconds: dict[str, float] = {}
    for steps in built:
        for name, step in steps:
            seconds[name] = seconds.get(name, 0.0) + float(step.stats.time_stats.total)
    seconds["write (tokens + parquet)"] = sink_seconds[0]
    seconds["read + rest of run_unit"] = wall - sum(seconds.values())
    return {"wall": wall, "startup": 0.0, "shutdown": 0.0, "docs_in": None, "docs_out": None, "stage_seconds": seconds,
            "stage_cpu": stage_cpu}


def _cpu_timed(fn, name: str, totals: dict[str, float]):
    def wrapper(doc):
        t = time.process_time()
        try:
            return fn(doc)
        finally:
            totals[name] = totals.get(name, 0.0) + time.process_time() - t
    return wrapper


def child_main(args: argparse.Namespace) -> int:
    if args.child == "datatrove":
        res = child_datatrove(args.input_dir, args.work, args.files)
    elif args.child == "ours-stages":
        res = child_ours_stage_times(args.input_dir, args.work)
    else:
        res = child_ours(args.input_dir, args.work, args.workers, full=args.child == "ours-full")
    Path(args.result).write_text(json.dumps(res), encoding="utf-8")
    return 0


# =================================================================================================
# Parent: run each configuration in a fresh process and watch its memory
# =================================================================================================


def child_command(kind: str, input_dir: str, work: Path, files: int, workers: int,
                  checkout: Path = ROOT) -> tuple[list[str], Path, Path]:
    """The command that runs one configuration in a child process, with its result and log paths."""
    work.mkdir(parents=True, exist_ok=True)
    result_path, log_path = work / "result.json", work / "child.log"
    cmd = [sys.executable, str(checkout / "benchmarks" / Path(__file__).name), "--child", kind, "--input-dir", input_dir,
           "--work", str(work), "--files", str(files), "--workers", str(workers), "--result", str(result_path)]
    return cmd, result_path, log_path


def run_config(label: str, kind: str, input_dir: str, work: Path, files: int, workers: int,
               checkout: Path = ROOT) -> dict[str, Any]:
    """One configuration in a fresh process; ``checkout``: whose benchmark script (and so whose
    ``curation``: the child puts its checkout first on ``sys.path``) runs it."""
    cmd, result_path, log_path = child_command(kind, input_dir, work, files, workers, checkout)
    print(f"running {label} ...", file=sys.stderr, flush=True)
    run = run_watched(cmd, label, result_path, log_path, cwd=checkout)
    res, watcher, process_seconds = run.result, run.watcher, run.process_seconds
    res.update(label=label, kind=kind, workers=workers, peak_rss=watcher.peak, peak_procs=watcher.peak_procs,
               rss_samples=watcher.samples, process_seconds=process_seconds, cpu_seconds=watcher.cpu_seconds,
               other_cores=run.other_cores, peak_one=watcher.peak_one, peak_pss=watcher.peak_pss,
               peak_detail=watcher.peak_detail, cpu_by_role=watcher.cpu_by_role())
    res["processing"] = res["wall"] - res["startup"] - res["shutdown"]
    return res


_SPIN = "import time; t = time.perf_counter(); s = 0\nfor i in range(40_000_000): s += i\nprint(time.perf_counter() - t)"


def parallel_ceiling(rounds: int = 3) -> float:
    """The work two concurrent CPU-bound processes get done relative to one, here and now (2.0 on two free cores).

    Shared or hyper-threaded vCPUs, and other users' jobs, give less; no 2-worker run can beat it.  One and two
    spinners (~1.5 s each) alternate ``rounds`` times and the medians are compared: a single short probe read above
    2.0 when the lone spinner met the tail of the previous run's shutdown.
    """
    def spin(n: int) -> float:
        procs = [subprocess.Popen([sys.executable, "-c", _SPIN], stdout=subprocess.PIPE) for _ in range(n)]
        return max(float(p.communicate()[0]) for p in procs)

    ones, twos = [], []
    for _ in range(rounds):
        ones.append(spin(1))
        twos.append(spin(2))
    return 2 * statistics.median(ones) / statistics.median(twos)


def pair_of_one_worker_runs(input_dir: str, work: Path, files: int) -> list[float]:
    """Walls of two independent 1-worker runs of ours started together, each on the whole input.

    The workload's own ceiling: no coordination between them, so whatever two of them lose against one
    alone is the machine's (shared cores, caches, memory bandwidth), not the executor's.
    """
    procs = []
    for k in range(2):
        cmd, result_path, log_path = child_command("ours", input_dir, work / f"pair{k}", files, 1)
        with open(log_path, "wb") as log:  # the child keeps its own copy of the descriptor
            procs.append((subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=log, cwd=ROOT), result_path, log_path))
    walls = []
    for proc, result_path, log_path in procs:
        if proc.wait() != 0:
            raise SystemExit(f"pair run failed; see {log_path}")
        walls.append(json.loads(result_path.read_text(encoding="utf-8"))["wall"])
    return walls


def median_run(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """The repetition with the median wall time (so that all its figures belong together)."""
    ordered = sorted(runs, key=lambda r: r["wall"])
    chosen = dict(ordered[(len(ordered) - 1) // 2])
    chosen["all_walls"] = [round(r["wall"], 2) for r in runs]
    return chosen


# =================================================================================================
# Report
# =================================================================================================


def _role(role: str) -> str:
    return "extraction sandbox" if "curation.extract" in role else role.split(" (")[0]


def _mib(n: int) -> str:
    return f"{n / 2**20:,.0f} MiB"


def _ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}x" if b else "n/a"


def report(inputs: dict[str, Any], runs: list[dict[str, Any]], stage_run: dict[str, Any] | None = None) -> str:
    lines = []
    p = lines.append
    p(f"Input: {inputs['pages']} pages ({', '.join(f'{v} from {k}' for k, v in inputs['per_origin'].items())}; "
      f"{inputs['unique_pages']} distinct pages, repeated with distinct URLs/record ids) in {inputs['files']} WARC.gz files, "
      f"{inputs['bytes'] / 2**20:.1f} MiB")
    p(f"Machine: {os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}, {time.strftime('%Y-%m-%d')}")
    p("")
    hdr = (f"{'configuration':<38} {'docs in':>7} {'out':>5} {'wall s':>7} {'docs/s':>7} {'excl.start s':>12} {'docs/s':>7} "
           f"{'CPU s':>6} {'docs/CPU-s':>10} {'peak RSS':>10} {'peak PSS':>10} {'max1 RSS':>9} {'procs':>5} {'other load':>10}")
    p(hdr)
    p("-" * len(hdr))
    for r in runs:
        p(f"{r['label']:<38} {r['docs_in']:>7} {r['docs_out']:>5} {r['wall']:>7.1f} {r['docs_in'] / r['wall']:>7.1f} "
          f"{r['processing']:>12.1f} {r['docs_in'] / r['processing']:>7.1f} {r['cpu_seconds']:>6.1f} "
          f"{r['docs_in'] / r['cpu_seconds']:>10.1f} {_mib(r['peak_rss']):>10} {_mib(r.get('peak_pss', 0)):>10} "
          f"{_mib(r.get('peak_one', 0)):>9} {r['peak_procs']:>5} {r['other_cores']:>6.2f} cpu")
        if r.get("peak_detail"):
            p("    at the RSS peak: " + ", ".join(f"{_role(role)} {_mib(b)}" for role, b in r["peak_detail"]))
        if r.get("cpu_by_role"):
            p("    CPU s by process: " + ", ".join(f"{_role(role)} {s:.1f}" for role, s in r["cpu_by_role"]))
    p("")
    p("wall s: end to end, from executor.run() / execute() being called to its return (for ours: cluster start,")
    p("  units, shard cutting, manifest, cluster shutdown). Python imports are done before the clock starts.")
    p("excl.start s: wall minus our LocalCluster start-up and shutdown (timed around DaskExecutor.__enter__/__exit__);")
    p("  the same as wall for datatrove, which starts no cluster (its workers=1 runs tasks in-process).")
    p("docs/s: documents read (HTTP 200 HTML responses) per second.  CPU s: user+system CPU of the configuration's")
    p("  whole process tree; docs/CPU-s: documents per CPU second of the tree, the speed to compare on a loaded machine.")
    p("peak RSS: peak of the tree's summed RSS (50 ms samples; shared pages counted per process); peak PSS: the same")
    p("  with each shared page split between the processes mapping it (forked pages, shared libraries); max1 RSS:")
    p("  the largest RSS of one process.")
    p("other load: average cores kept busy by OTHER processes on the machine meanwhile; above ~0.2 the times are")
    p("  inflated by contention (and 2 workers cannot get 2 cores).")
    if any(len(r.get("all_walls", [])) > 1 for r in runs):
        p("Each row is the repetition with the median wall time; all walls: " +
          "; ".join(f"{r['key']} {r['all_walls']}" for r in runs))
    for r in runs:
        if r["kind"] == "ours":
            p(f"  {r['label']}: cluster start {r['startup']:.1f} s, shutdown {r['shutdown']:.1f} s; "
              f"sum of per-unit seconds {r['unit_seconds']:.1f} s; {r['tokens']:,} tokens counted, {r['rejected_rows']} rejected rows written")
    busy = [r for r in runs if r["other_cores"] > 0.2]
    if busy:
        p("WARNING: other processes used " + ", ".join(f"{r['other_cores']:.1f}" for r in busy) + " cores during "
          f"{', '.join(r['key'] for r in busy)}: this machine was not idle, so those times (and the 2-worker "
          "speed-up above all) are not representative.")
    left_out = next((r.get("stages_left_out") for r in runs if r.get("stages_left_out")), None)
    if left_out:
        p(f"Our rows run pipelines/web.yaml without its whole-run stages ({', '.join(left_out)}): datatrove's stage list")
        p("  has none, and they would drop the repeated copies of the pages (see --with-dedup).")
    by = {r["key"]: r for r in runs}
    dt, o1, o2 = by.get("datatrove"), by.get("ours1"), by.get("ours2")
    if dt and by.get("anchor1"):
        a1 = by["anchor1"]
        p(f"anchor checkout (1 worker) / datatrove(1 worker): {_ratio(dt['cpu_seconds'], a1['cpu_seconds'])} per CPU second, "
          f"peak RSS {a1['peak_rss'] / dt['peak_rss']:.2f}x (ours, this checkout: "
          + (f"{_ratio(dt['cpu_seconds'], o1['cpu_seconds'])}, {o1['peak_rss'] / dt['peak_rss']:.2f}x)" if o1 else "not run)"))
    p("")
    if dt and o1:
        p(f"ours(1 worker) / datatrove(1 worker) docs/s: {_ratio(dt['wall'], o1['wall'])} end to end, "
          f"{_ratio(dt['processing'], o1['processing'])} excluding cluster start/stop, "
          f"{_ratio(dt['cpu_seconds'], o1['cpu_seconds'])} per CPU second (goal 1.3x)")
        p(f"ours(1 worker) / datatrove(1 worker) peak memory: RSS {o1['peak_rss'] / dt['peak_rss']:.2f}x, "
          f"PSS {o1.get('peak_pss', 0) / max(dt.get('peak_pss', 0), 1):.2f}x, largest process "
          f"{o1.get('peak_one', 0) / max(dt.get('peak_one', 0), 1):.2f}x (goal <= 1.2x)")
    if o1 and o2:
        p(f"ours(2 workers) / ours(1 worker) docs/s:     {_ratio(o1['wall'], o2['wall'])} end to end, "
          f"{_ratio(o1['processing'], o2['processing'])} excluding cluster start/stop")
        if inputs.get("parallel_ceiling"):
            p(f"  (ceiling on this machine right now: two CPU-bound Python processes together get {inputs['parallel_ceiling']:.2f}x "
              f"the work of one done, mean of {inputs.get('parallel_ceilings')} measured right before and after each 2-worker run; "
              "2.00 on two free cores)")
            p(f"  2-worker speed-up / ceiling: {o1['wall'] / o2['wall'] / inputs['parallel_ceiling']:.0%} (goal >= 90%); "
              f"CPU seconds 2 workers / 1 worker: {o2['cpu_seconds'] / o1['cpu_seconds']:.2f}")
        if o1.get("unit_seconds") and o2.get("unit_seconds") and o1["processing"] > 0 and o2["processing"] > 0:
            busy1 = o1["unit_seconds"] / o1["processing"]
            busy2 = o2["unit_seconds"] / (2 * o2["processing"])
            p(f"  workers busy (sum of unit seconds / workers x wall excl. start/stop): 1 worker {busy1:.0%}, 2 workers {busy2:.0%}; "
              f"a unit took {o2['unit_seconds'] / o1['unit_seconds']:.2f}x as long with 2 workers")
            p(f"  2-worker speed-up / in-run ceiling (2 cores at the units' own 2-worker speed): {busy2 / busy1:.0%}: what the executor "
              "keeps busy, the same ratio whatever the load; the units' slow-down is shared cores and caches (and the driver's own CPU)")
        if inputs.get("workload_ceiling"):
            p(f"  workload ceiling: two independent 1-worker runs started together get {inputs['workload_ceiling']:.2f}x the work of "
              f"one alone (median of {inputs['workload_ceilings']}, each pair right after a 1-worker run, its wall the anchor)")
            p(f"  2-worker speed-up / workload ceiling: {o1['wall'] / o2['wall'] / inputs['workload_ceiling']:.0%} (goal >= 90%)")
    if dt and o1:
        p("")
        st = (stage_run or {}).get("stage_seconds") or {}
        p("Per stage: documents out (datatrove | ours, 1 worker)" + ("; seconds in the stage (datatrove's own step timers in its"
          " run | ours, all units run in one process without Dask, --stages)" if st else "") + ":")
        dts, ours = dt["stages"], o1["stages"]
        names = ["read", "extract", "langid", "gopher_repetition", "gopher_quality", "c4", "fineweb"]
        for i, name in enumerate(names):
            a = dts[i]["out"] if i < len(dts) else None
            b = ours[i]["out"] if i < len(ours) else None
            row = f"  {name:<24} {a!s:>6} | {b!s:<6}"
            if st:
                ours_s = st.get(name, st.get("read + rest of run_unit") if name == "read" else None)
                row += f"   {dts[i].get('seconds', 0.0):6.1f} s | {ours_s:6.1f} s" if ours_s is not None else ""
                cpu = (stage_run.get("stage_cpu") or {}).get(name)
                row += f" (CPU {cpu:5.1f} s in this process)" if cpu is not None else ""
                if name == "read":
                    row += "  (ours: read + rejected sidecar + sha256 + stage setup)"
            p(row)
        if st:
            writer = dts[7].get("seconds", 0.0) if len(dts) > 7 else 0.0
            p(f"  {'write':<24} {dts[-1]['out']!s:>6} | {ours[-1]['out']!s:<6}   {writer:6.1f} s | {st.get('write (tokens + parquet)', 0.0):6.1f} s"
              "  (ours: tiktoken count + staging parquet)")
            p(f"  {'total':<24} {'':>6}   {'':<6}   {sum(d.get('seconds', 0.0) for d in dts):6.1f} s | {stage_run['wall']:6.1f} s"
              f"  (datatrove wall {dt['wall']:.1f} s, CPU {dt['cpu_seconds']:.1f} s; ours without Dask: CPU {stage_run['cpu_seconds']:.1f} s,"
              f" peak RSS {_mib(stage_run['peak_rss'])})")
        notes = _differences(dt, o1)
        if notes:
            p("")
            p("Why the counts differ:")
            lines.extend(f"  - {n}" for n in notes)
    p("")
    p("Ours does more per run than datatrove's: each kept document is tokenised (tiktoken cl100k_base) for")
    p("token counts; every dropped document is written to a rejected/ parquet sidecar with its stage and reason;")
    p("extraction runs in a separate sandbox process per worker (like datatrove's); kept documents are staged per")
    p("unit then cut into deterministic shards; the manifest records sha256 of every input, output and sidecar.")
    return "\n".join(lines)


def _differences(dt: dict[str, Any], ours: dict[str, Any]) -> list[str]:
    notes = []
    d, o = dt["stages"], ours["stages"]
    if d[0]["out"] != o[0]["out"]:
        notes.append(f"the readers read {d[0]['out']} (datatrove) vs {o[0]['out']} (ours) documents: datatrove's "
                     "WarcReader keeps any record whose WARC-Identified-Payload-Type is HTML (no HTTP status check) "
                     "and drops pages cchardet cannot decode; ours keeps HTTP 200 HTML and skips truncated payloads.")
    else:
        notes.append(f"both readers read the same {d[0]['out']} documents.")
    if len(d) > 1 and len(o) > 1 and d[1]["out"] != o[1]["out"]:
        notes.append(f"extraction kept {d[1]['out']} vs {o[1]['out']}: datatrove's Trafilatura calls trafilatura with "
                     "favor_precision, no comments (and here deduplicate=False like ours) and returns None for short "
                     "pages; ours uses our measured DEFAULT_OPTIONS (also tables, recall fallbacks) and passes the URL.")
    if len(d) > 6 and d[-1]["out"] != o[-1]["out"]:
        notes.append("datatrove's Gopher/C4/FineWeb filters apply English word rules (English tokenizer, English "
                     "stop words) to every language; ours runs them per detected language (its word tokenizer and "
                     "stop words) and lets through, as not_applicable, languages they do not cover; so non-English "
                     "pages (most of the Common Crawl sample) fare differently.")
    return notes


# =================================================================================================


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=600, help="response records in the generated input (default 600)")
    parser.add_argument("--files", type=int, default=8, help="WARC.gz files to split them into (= datatrove tasks, our work units)")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared data root (with warc/ and extraction/scrapinghub/)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory (inputs, outputs, logs)")
    parser.add_argument("--json", type=Path, help="also write the measurements here")
    parser.add_argument("--stages", action="store_true",
                        help="also time each stage: datatrove's from its stats, ours by running every unit in one process without Dask")
    parser.add_argument("--with-dedup", action="store_true",
                        help="also run ours (1 worker) on the whole web.yaml, its whole-run dedup stages included")
    parser.add_argument("--repeat", type=int, default=1, help="run each configuration this many times and report the median (default 1)")
    parser.add_argument("--skip", nargs="*", default=[], choices=["datatrove", "ours1", "ours2"], help="configurations to leave out")
    parser.add_argument("--workload-ceiling", action="store_true",
                        help="also run two 1-worker runs at once after each 1-worker run: the 2-worker goal against the workload's own ceiling")
    parser.add_argument("--anchor-checkout", type=Path,
                        help="also run ours (1 worker) from this other checkout (e.g. a git worktree of main), interleaved: before/after in one run")
    # internal: one configuration in this (child) process
    parser.add_argument("--child", choices=["datatrove", "ours", "ours-full", "ours-stages"], help=argparse.SUPPRESS)
    parser.add_argument("--input-dir", help=argparse.SUPPRESS)
    parser.add_argument("--work", help=argparse.SUPPRESS)
    parser.add_argument("--workers", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--result", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return child_main(args)

    missing = [m for m in ("cchardet", "magic", "fasteners", "psutil") if not _importable(m)]
    if missing:
        parser.error(f"missing modules {missing}: pip install faust-cchardet python-magic fasteners psutil "
                     "(datatrove's WarcReader needs cchardet and magic, its LanguageFilter fasteners)")
    if args.pages < 1 or args.files < 1 or args.repeat < 1:
        parser.error("--pages, --files and --repeat must be positive")

    tmp = Path(tempfile.mkdtemp(prefix="pipeline-bench-"))
    try:
        inputs = build_inputs(tmp / "input", args.data, args.pages, args.files)
        configs = [("datatrove", "datatrove LocalPipelineExecutor, 1 wkr", "datatrove", 1),
                   ("ours1", "ours, Dask 1 worker", "ours", 1),
                   ("ours2", "ours, Dask 2 workers", "ours", 2)]
        if args.with_dedup:
            configs.append(("ours1-full", "ours, 1 worker, web.yaml incl. dedup", "ours-full", 1))
        configs = [c for c in configs if c[0] not in args.skip]
        if args.anchor_checkout:
            if not (args.anchor_checkout / "benchmarks" / Path(__file__).name).is_file():
                parser.error(f"--anchor-checkout {args.anchor_checkout}: no benchmarks/{Path(__file__).name} there")
            at = 1 if configs and configs[0][0] == "datatrove" else 0  # right after datatrove, before ours
            configs.insert(at, ("anchor1", f"anchor {args.anchor_checkout.name}, Dask 1 worker", "ours", 1))
        measured: dict[str, list[dict[str, Any]]] = {c[0]: [] for c in configs}
        ceilings: list[float] = []
        pair_ratios: list[float] = []
        for rep in range(args.repeat):  # interleaved, so that a burst of outside load hits all alike
            for key, label, kind, workers in configs:
                if workers > 1:  # the ceiling right before and right after the 2-worker run, not minutes away
                    ceilings.append(parallel_ceiling())
                checkout = args.anchor_checkout.resolve() if key == "anchor1" else ROOT
                res = run_config(label, kind, inputs["dir"], tmp / f"{key}-{rep}", inputs["files"], workers, checkout)
                if workers > 1:
                    ceilings.append(parallel_ceiling())
                res["key"] = key
                measured[key].append(res)
                if key == "ours1" and args.workload_ceiling:
                    walls = pair_of_one_worker_runs(inputs["dir"], tmp / f"pair-{rep}", inputs["files"])
                    pair_ratios.append(2 * res["wall"] / max(walls))
        runs = [median_run(measured[c[0]]) for c in configs]
        inputs["parallel_ceiling"] = sum(ceilings) / len(ceilings) if ceilings else None
        inputs["parallel_ceilings"] = [round(c, 2) for c in ceilings]
        inputs["workload_ceilings"] = [round(c, 2) for c in pair_ratios]
        inputs["workload_ceiling"] = statistics.median(pair_ratios) if pair_ratios else None
        stage_run = None
        if args.stages:
            stage_run = run_config("ours, stage timing (no Dask)", "ours-stages", inputs["dir"], tmp / "stages", inputs["files"], 1)
        text = report(inputs, runs, stage_run)
        print(text)
        if args.json:
            args.json.write_text(json.dumps({"inputs": inputs, "runs": runs, "stage_run": stage_run, "report": text}, indent=1),
                                 encoding="utf-8")
        if args.keep:
            print(f"\nkept: {tmp}")
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


def _importable(name: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(name) is not None


if __name__ == "__main__":
    sys.exit(main())
