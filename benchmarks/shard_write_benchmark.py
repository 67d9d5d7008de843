"""Peak memory of writing one large shard: the streaming shard writer vs the whole-table write it replaced.

    python benchmarks/shard_write_benchmark.py [--mb 400] [--units 8] [--row-group-rows 10000] [--repeat 3] [--keep]

Generates ``--units`` staged unit files (the shard schema, row groups of 2,000 rows, documents of
0.3-6 KB of text) holding ``--mb`` MB of text in all, and writes them as one shard four ways, each in
a fresh process:

* ``shard, whole table`` (anchor, the code before issue 16): every unit read whole, concatenated,
  filtered, then ``pq.write_table`` of the whole shard;
* ``shard, streaming``: ``curation.shard.write.write_shard`` (one ``ParquetWriter``, row group by row group);
* ``mix, whole table`` (anchor): the mix partition's pieces (one pieces file per unit, ``mix/pieces.py``)
  read whole, concatenated, sorted, ``take`` of the whole sorted table, ``pq.write_table``;
* ``mix, streaming``: ``curation.mix.merge.write_partition`` (the sorted pieces merged on their key columns, rows
  streamed one record batch of a piece at a time).

Printed per way (the median of ``--repeat`` interleaved runs, and every run's peak): peak RSS of the process (VmHWM), the increase over the RSS after imports, wall
seconds, the shard's sha256 (streaming and whole must be equal: same bytes), and the ratios streaming/whole.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def generate(folder: Path, mb: int, units: int, seed: int = 1) -> list[tuple[str, int, int]]:
    """Unit files in the shard schema, and the mix partition files of the same documents."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from curation.io.schema import DOC_SCHEMA, MIX_SCHEMA
    from curation.mix.pieces import write_pieces

    rng = random.Random(seed)
    words = [("".join(rng.choice("abcdefghijklmnopqrstuvwxyzéü") for _ in range(rng.randint(2, 10)))) for _ in range(5000)]
    base = " ".join(rng.choice(words) for _ in range(3_000_000))
    part_schema = MIX_SCHEMA.append(pa.field("_order", pa.uint64())).append(pa.field("_unit", pa.uint32())).append(pa.field("_row", pa.uint32()))
    per_unit, staged = mb * 1_000_000 // units, []
    for u in range(units):
        rows, size = [], 0
        while size < per_unit:
            n, at = rng.randint(300, 6000), rng.randrange(len(base) - 6000)
            text = base[at:at + n]
            rows.append({"id": f"u{u}-{len(rows)}", "text": text, "url": f"https://example.org/{u}/{len(rows)}", "source": "web",
                         "language": "en", "language_score": 0.9, "token_count": n // 4, "edu_score": 2.5, "edu_label": 2, "metadata": "{}"})
            size += len(text.encode())
        url = folder / f"unit{u:03d}.parquet"
        pq.write_table(pa.Table.from_pylist(rows, DOC_SCHEMA), url, row_group_size=2000, compression="zstd")
        staged.append((str(url), len(rows), size))
        mixed = [r | {"group": "web", "epoch": 0, "_order": rng.getrandbits(64), "_unit": u, "_row": i} for i, r in enumerate(rows)]
        mixed.sort(key=lambda r: (r["_order"], r["_row"]))  # a unit's piece comes sorted (mix.tasks.partition_unit)
        piece = pa.Table.from_pylist(mixed, part_schema)
        write_pieces(str(folder / "parts" / f"u{u:06d}.pieces"), 1,
                     [(0, piece.select(["_order", "_row", "epoch"]), piece.select(MIX_SCHEMA.names))])
    return staged


def _whole_shard(staged: list, out: str, row_group_rows: int) -> None:
    """The write_shard of before issue 16 (the anchor): every unit read whole, one table, one write."""
    import fsspec
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    from curation.io.files import write_parquet_atomic
    from curation.io.schema import DOC_SCHEMA
    from curation.shard.plan import plan_shards

    (plan,) = plan_shards(staged, 10**15)
    parts = []
    for unit in plan.units:
        with fsspec.open(unit.url, "rb") as fh:
            table = pq.read_table(fh, schema=DOC_SCHEMA)
        sizes = pc.binary_length(pc.cast(table["text"], pa.binary())).to_numpy(zero_copy_only=False).astype("int64")
        starts = unit.offset + sizes.cumsum() - sizes
        parts.append(table.filter(pa.array((starts >= plan.lo) & (starts < plan.hi))))
    write_parquet_atomic(pa.concat_tables(parts), out, row_group_rows)


def _whole_mix(parts_dir: str, out: str, row_group_rows: int) -> None:
    """The write_partition of before issue 16 (the anchor): the sorted partition taken whole, one write."""
    import os

    import pyarrow as pa
    import pyarrow.compute as pc

    from curation.io.files import write_parquet_atomic
    from curation.mix.pieces import read_keys, segment

    tables = []
    for unit, name in enumerate(sorted(os.listdir(parts_dir))):
        url = os.path.join(parts_dir, name)
        start, rows_at, _ = segment(url, os.path.getsize(url), 1, 0)
        keys = read_keys(url, start)
        with pa.OSFile(url) as f:
            f.seek(rows_at)
            rows = pa.ipc.open_stream(f).read_all()
        for name in keys.column_names:
            if name != "epoch":
                rows = rows.append_column(name, keys[name])
        tables.append(rows.append_column("_unit", pa.array([unit] * rows.num_rows, pa.uint32())))
    table = pa.concat_tables(tables)
    idx = pc.sort_indices(table, sort_keys=[("_order", "ascending"), ("_unit", "ascending"), ("_row", "ascending"), ("epoch", "ascending")])
    write_parquet_atomic(table.take(idx).drop_columns(["_order", "_row", "_unit"]), out, row_group_rows)


def child(way: str, folder: str, out: str, row_group_rows: int) -> dict:
    import pyarrow  # noqa: F401  (imports before the baseline)

    from curation.io.files import file_digest
    from curation.mix.merge import write_partition
    from curation.shard.plan import plan_shards
    from curation.shard.write import write_shard

    staged = json.loads((Path(folder) / "staged.json").read_text())
    rss_before = _rss_now()
    started = time.perf_counter()
    if way == "shard_whole":
        _whole_shard(staged, out, row_group_rows)
    elif way == "shard_stream":
        (plan,) = plan_shards([tuple(s) for s in staged], 10**15)
        write_shard(plan, out, row_group_rows)
    elif way == "mix_whole":
        _whole_mix(f"{folder}/parts", out, row_group_rows)
    else:
        write_partition(0, f"{folder}/parts", list(range(len(staged))), 1, out, row_group_rows)
    seconds = time.perf_counter() - started
    peak = _peak_rss()
    return {"peak": peak, "before": rss_before, "seconds": seconds, "sha256": file_digest(out)[1], "bytes": os.path.getsize(out)}


def _peak_rss() -> int:
    """This process's peak RSS: VmHWM, not ``ru_maxrss``, which on Linux keeps the parent's RSS at the
    fork across ``exec`` (the generating parent's ~0.9 GB hid every smaller peak)."""
    with open("/proc/self/status") as fh:
        kib = next(int(line.split()[1]) for line in fh if line.startswith("VmHWM:"))
    return kib * 1024


def _rss_now() -> int:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


WAYS = [("shard_whole", "shard, whole table (before)"), ("shard_stream", "shard, streaming (now)"),
        ("mix_whole", "mix, whole table (before)"), ("mix_stream", "mix, streaming (now)")]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mb", type=int, default=400, help="MB of text in the shard")
    ap.add_argument("--units", type=int, default=8)
    ap.add_argument("--row-group-rows", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=3, help="runs of each way, interleaved; the median run is shown")
    ap.add_argument("--keep", action="store_true", help="keep the generated files")
    ap.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(child(*args.child, args.row_group_rows)))
        return
    tmp = Path(tempfile.mkdtemp(prefix="shard-bench-"))
    t0 = time.perf_counter()
    staged = generate(tmp, args.mb, args.units)
    (tmp / "staged.json").write_text(json.dumps(staged))
    docs = sum(s[1] for s in staged)
    print(f"generated {docs:,} documents, {sum(s[2] for s in staged) / 1e6:.0f} MB of text in {args.units} units "
          f"({time.perf_counter() - t0:.0f} s); row groups of {args.row_group_rows:,} rows")
    runs: dict[str, list[dict]] = {way: [] for way, _ in WAYS}
    for _ in range(args.repeat):  # interleaved: other load on the machine hits every way alike
        for way, _ in WAYS:
            out = tmp / f"{way}.parquet"
            proc = subprocess.run([sys.executable, __file__, "--row-group-rows", str(args.row_group_rows), "--child", way, str(tmp), str(out)],
                                  capture_output=True, text=True)
            if proc.returncode:
                raise SystemExit(f"{way} failed:\n{proc.stderr[-3000:]}")
            runs[way].append(json.loads(proc.stdout.strip().splitlines()[-1]))
    res = {way: sorted(rs, key=lambda r: r["peak"])[(len(rs) - 1) // 2] for way, rs in runs.items()}  # the median run
    mib = 1024 ** 2
    print(f"\n| way | peak RSS MiB (median) | all runs | over imports MiB | wall s | shard MB | sha256 |\n|---|---|---|---|---|---|---|")
    for way, label in WAYS:
        r = res[way]
        every = " / ".join(f"{x['peak'] / mib:,.0f}" for x in runs[way])
        print(f"| {label} | {r['peak'] / mib:,.0f} | {every} | {(r['peak'] - r['before']) / mib:,.0f} | {r['seconds']:.1f} | "
              f"{r['bytes'] / 1e6:.0f} | {r['sha256'][:12]} |")
    for kind in ("shard", "mix"):
        w, s = res[f"{kind}_whole"], res[f"{kind}_stream"]
        same = "identical bytes" if w["sha256"] == s["sha256"] else "BYTES DIFFER"
        print(f"{kind}: streaming/whole peak RSS {s['peak'] / w['peak']:.2f}x (over imports "
              f"{(s['peak'] - s['before']) / max(1, w['peak'] - w['before']):.2f}x), wall {s['seconds'] / w['seconds']:.2f}x; {same}")
    if args.keep:
        print(f"files kept in {tmp}")
    else:
        import shutil

        shutil.rmtree(tmp)


if __name__ == "__main__":
    main()
