"""The run report's own memory and CPU as a run grows: a synthetic finished run made from the scale
corpus (``_scale_corpus.py``, as ``scale.py`` caches it), then ``write_report`` in a fresh process
whose RSS is sampled every 10 ms. With ``--src DIR`` the report is made by another checkout's code
(``git archive <commit> curation | tar -x -C DIR``) in the same run: the anchor.

    python benchmarks/report_memory.py --corpus DIR/corpus-100000 [--shards 4] [--src OLD_CHECKOUT] --work DIR

The run: the corpus's documents in ``--shards`` shards of 10,000-row groups (token_count = text
bytes / 4, one language, a mix group and epoch 0), and 32 removed/ files each naming 1/40 of the
documents as the kept copy of a removed one (a cluster of two). Printed: the report process's RSS
before and its peak during ``write_report``, CPU seconds of the process, and whether report.md is
byte-identical between the two codes."""

from __future__ import annotations

import argparse
import glob
import json
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

PROBE = """
import curation, sys, threading, time, psutil
p = psutil.Process(); peak = [0]; stop = []
from curation.report.write import write_report
def watch():
    while not stop:
        peak[0] = max(peak[0], p.memory_info().rss); time.sleep(0.01)
start = p.memory_info().rss; threading.Thread(target=watch, daemon=True).start()
c = time.process_time(); write_report(sys.argv[1], sys.argv[2]); c = time.process_time() - c
stop.append(1); time.sleep(0.05)
print(start, peak[0], c, curation.__file__)  # not ru_maxrss: a forked child inherits its parent's high-water mark
"""


def make_run(corpus: str, out: Path, shards: int) -> int:
    """A finished-run folder (manifest, shards, removed/) from the corpus's parquet files."""
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    (out / "shards").mkdir(parents=True, exist_ok=True)
    (out / "removed").mkdir(exist_ok=True)
    parts = []
    for f in sorted(glob.glob(f"{corpus}/docs/*.parquet")):
        t = pq.read_table(f)
        parts.append(t.append_column("source", pa.array([os.path.basename(f).split("-")[0]] * t.num_rows)))
    t = pa.concat_tables(parts)
    n = t.num_rows
    for name, col in (("language", pa.array(["en"] * n)), ("token_count", pc.divide(pc.binary_length(t["text"]), 4)),
                      ("metadata", pa.array(["{}"] * n)), ("group", pa.array(["web"] * n)), ("epoch", pa.array([0] * n, pa.int32()))):
        t = t.append_column(name, col)
    outputs, per = [], -(-n // shards)
    for i in range(shards):
        rel, part = f"shards/part-{i:05d}.parquet", t.slice(i * per, per)
        pq.write_table(part, out / rel, row_group_size=10_000, compression="zstd")
        outputs.append({"path": rel, "rows": part.num_rows, "tokens": int(pc.sum(part["token_count"]).as_py()),
                        "bytes": (out / rel).stat().st_size, "sha256": "-"})
    side, k = [], n // 40
    for j in range(32):
        kept = t["id"].slice(j * k, k)
        rm = pa.table({"id": pc.binary_join_element_wise(kept, pa.array(["#copy"] * k), ""), "url": kept,
                       "source": pa.array(["web"] * k), "stage": pa.array(["dedup_fuzzy"] * k),
                       "reason": pa.array(["near_duplicate"] * k),
                       "cluster_id": pa.array(range(j * k, (j + 1) * k), pa.uint64()), "kept_id": kept})
        rel = f"removed/{j:06d}.parquet"
        pq.write_table(rm, out / rel)
        side.append({"path": rel, "kind": "removed", "rows": k})
    stages = [{"name": "read", "in": None, "out": n + 32 * k},
              {"name": "dedup_fuzzy", "in": n + 32 * k, "out": n, "dropped": 32 * k, "counters": {}}]
    manifest = {"recipe": {"name": "report-memory"}, "outputs": outputs, "side_outputs": side, "stages": stages, "seed": 1,
                "totals": {"documents": n, "tokens": sum(o["tokens"] for o in outputs), "shards": shards}, "content_hash": "-"}
    (out / "manifest.json").write_text(json.dumps(manifest))
    return n


def probe(src: str, run: Path, out: Path) -> tuple[float, float, float]:
    out.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, PYTHONPATH=src)
    line = subprocess.run([sys.executable, "-P", "-c", PROBE, str(run), str(out)], env=env, capture_output=True, text=True,
                          check=True).stdout.split()  # -P: the code under PYTHONPATH, not the checkout in the cwd
    assert line[3].startswith(src.rstrip("/") + "/"), f"imported {line[3]}, not the code under {src}"
    return float(line[0]), float(line[1]), float(line[2])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", required=True, help="a corpus folder scale.py wrote (corpus-<size>)")
    ap.add_argument("--shards", type=int, default=4)
    ap.add_argument("--src", help="another checkout whose report code is the anchor")
    ap.add_argument("--work", required=True)
    args = ap.parse_args()
    work = Path(args.work)
    n = make_run(args.corpus, work / "run", args.shards)
    codes = [("this", str(HERE.parent))] + ([("anchor", args.src)] if args.src else [])
    for name, src in codes:
        start, peak, cpu = probe(src, work / "run", work / name)
        print(f"{n:,} documents, {args.shards} shards, {name} ({src}): report RSS {start / 2**20:,.0f} -> peak "
              f"{peak / 2**20:,.0f} MiB (+{(peak - start) / 2**20:,.0f}), {cpu:.1f} CPU s")
    if args.src:
        same = (work / "this" / "report.md").read_text() == (work / "anchor" / "report.md").read_text()
        print("report.md identical:", same)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
