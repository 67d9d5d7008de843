"""The mixer: target token shares per group, temperature-weighted languages, epochs, determinism."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from collections import Counter
from pathlib import Path

import polars as pl
import pyarrow as pa
import pyarrow.compute  # noqa: F401  (pa.compute)
import pyarrow.parquet as pq
import pytest

from curation.recipe.mix import MixSpec
from curation.mix.plan import choose_thresholds, solve_targets, temperature_weights, water_fill
from curation.recipe.load import load_recipe
from curation.run.driver import execute

WORDS = {
    "en": "the of and to in is that for it as with was on be by this are from at or which an have not".split(),
    "de": "der die und in den von zu das mit sich des auf für ist im dem nicht ein eine als auch es an".split(),
    "fr": "le de la et les des en un une du est que pour dans qui par sur pas plus au avec ce il".split(),
    "es": "el de la que y en los se del las un por con no una su para es al lo como más pero sus".split(),
    "pt": "de a o que e do da em um para com não uma os no se na por mais as dos como mas ao ele".split(),
    "ru": "и в не на я что он с как а то все она так его но да ты к у же вы за бы по только".split(),
    "ja": "の に は を た が で て と し れ さ ある いる も する から な こと として い や れる など".split(),
}


def _text(rng: random.Random, lang: str, n_words: int) -> str:
    words = WORDS[lang]
    sep = "" if lang == "ja" else " "
    return sep.join(rng.choice(words) for _ in range(n_words)) + "."


def _write_corpus(folder: Path) -> dict[str, Path]:
    """Three sources of English plus six other languages of very different sizes."""
    rng = random.Random(5)
    files = {}
    plan = {"web": (300, "en"), "papers": (60, "en"), "qa": (90, "en")}
    for source, (n, lang) in plan.items():
        path = folder / f"{source}.jsonl"
        with path.open("w") as f:
            for i in range(n):
                f.write(json.dumps({"id": f"{source}-{i}", "text": _text(rng, lang, rng.randint(40, 400)),
                                    "language": lang, "edu_score": round(rng.random() * 3, 3)}) + "\n")
        files[source] = path
    path = folder / "multilingual.jsonl"
    with path.open("w") as f:
        for lang, n in {"de": 120, "fr": 80, "es": 40, "pt": 12, "ru": 30, "ja": 6}.items():
            for i in range(n):
                f.write(json.dumps({"id": f"{lang}-{i}", "text": _text(rng, lang, rng.randint(30, 200)),
                                    "language": lang}) + "\n")
    files["multilingual"] = path
    return files


def _recipe(tmp: Path, files: dict[str, Path], out: Path, order=("web", "papers", "qa", "multilingual"), **mix) -> Path:
    inputs = "".join(f"  - {{paths: [{files[s]}], source: {'web' if s == 'multilingual' else s}}}\n" for s in order)
    body = mix.pop("body", None) or """
mix:
  groups:
    web_edu: {source: [web], edu_min: 1.5}
    web: {source: [web]}
    academic: {source: [papers]}
    qa: {source: [qa]}
  shares: {web_edu: 0.32, web: 0.2, academic: 0.25, qa: 0.15}
  max_epochs: {academic: 2, qa: 1.5}
"""
    path = tmp / f"{out.name}.yaml"
    path.write_text(f"name: mixtest\nseed: 11\ninputs:\n{inputs}pipeline: []\n{body}output:\n  dir: {out}\n"
                    f"  shard_bytes: 40KB\n")
    return path


def _shards(run: Path) -> pl.DataFrame:
    manifest = json.loads((run / "manifest.json").read_text())
    return pl.concat([pl.from_arrow(pq.read_table(run / o["path"])) for o in manifest["outputs"]])


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, dict[str, Path]]:
    tmp = tmp_path_factory.mktemp("mix")
    return tmp, _write_corpus(tmp)


@pytest.fixture(scope="module")
def mixed(corpus) -> tuple[dict, dict]:
    tmp, files = corpus
    one = execute(load_recipe(_recipe(tmp, files, tmp / "one")), workers=1, progress=False)
    two = execute(load_recipe(_recipe(tmp, files, tmp / "two", order=("multilingual", "qa", "papers", "web"))),
                  workers=2, progress=False)
    return one.manifest, two.manifest


def test_mix_hits_multilingual_share_measured_from_the_shards(mixed, corpus):
    tmp, _ = corpus
    df = _shards(tmp / "one")
    share = df.filter(pl.col("language") != "en")["token_count"].sum() / df["token_count"].sum()
    assert abs(share - 0.08) <= 0.005, share
    for g in mixed[0]["mix"]["groups"]:
        assert g["within_tolerance"], g
        got = df.filter(pl.col("group") == g["name"])["token_count"].sum() / df["token_count"].sum()
        assert abs(got - g["achieved_share"]) < 1e-5


def test_same_mix_for_one_and_two_workers_and_any_input_order(mixed):
    one, two = mixed
    assert one["content_hash"] == two["content_hash"]
    assert [o["sha256"] for o in one["outputs"]] == [o["sha256"] for o in two["outputs"]]


def test_epochs_repeat_whole_documents_at_most_max_epochs(mixed, corpus):
    tmp, _ = corpus
    df = _shards(tmp / "one")
    copies = Counter(df["id"].to_list())
    groups = dict(zip(df["id"], df["group"]))
    limits = {"academic": 2, "qa": 2}  # 1.5 epochs: some documents twice, none three times
    for doc_id, n in copies.items():
        assert n <= limits.get(groups[doc_id], 1), (doc_id, n)
    assert max(copies.values()) == 2
    pairs = df.select("id", "epoch")
    assert pairs.unique().height == pairs.height  # a repeat is a new epoch, never the same row twice
    # the limiting group is reported with what it reached
    mix = mixed[0]["mix"]
    limiting = next(g for g in mix["groups"] if g["limiting"])
    assert mix["limiting_group"] == limiting["name"]
    assert limiting["epochs_used"] == pytest.approx(limiting["max_epochs"], abs=0.05)


def test_shuffled_globally(corpus):
    tmp, _ = corpus
    sources = _shards(tmp / "one")["source"].to_list()
    changes = sum(a != b for a, b in zip(sources, sources[1:]))
    assert changes > len(sources) / 4  # sources interleave instead of coming input by input


def test_small_languages_lifted_by_temperature(mixed):
    langs = {r["language"]: r for r in mixed[0]["mix"]["languages"]}
    avail = sum(r["available_tokens"] for r in langs.values())
    # ja holds ~1% of the non-English tokens; with alpha 0.3 it gets a much larger slice of the target
    assert langs["ja"]["weight"] > 3 * langs["ja"]["available_tokens"] / avail
    assert sum(r["weight"] for r in langs.values()) == pytest.approx(1)


def test_budget_caps_the_total_and_keeps_the_shares(corpus):
    tmp, files = corpus
    body = """
mix:
  groups: {web: {source: [web]}, academic: {source: [papers]}, qa: {source: [qa]}}
  shares: {web: 0.52, academic: 0.25, qa: 0.15}
  budget_tokens: 40000
"""
    m = execute(load_recipe(_recipe(tmp, files, tmp / "budget", body=body)), workers=1, progress=False).manifest
    assert m["mix"]["budget_reached"] and m["mix"]["limiting_group"] is None
    assert abs(m["totals"]["tokens"] - 40000) < 800
    assert all(g["within_tolerance"] for g in m["mix"]["groups"])


def test_resume_after_interrupted_mix_gives_the_same_shards(corpus, mixed, capfd):
    """The mix is a whole-run stage: a driver killed in its partition or shard phase resumes there."""
    tmp, files = corpus
    path = _recipe(tmp, files, tmp / "resume")
    path.write_text(path.read_text().replace("  shard_bytes: 40KB\n", "  shard_bytes: 40KB\n  keep_work: true\n"))
    execute(load_recipe(path), workers=1, progress=False)
    run = tmp / "resume"
    (stage,) = (run / "_work").glob("global*")  # the recipe's only whole-run stage
    phases = sorted(p.name.rsplit(".", 2)[0] for p in (stage / "phases").glob("*.pkl"))
    assert phases == ["mix_partition", "mix_scan", "mix_shards"]
    # as if the driver died while writing shards: manifest, the stage's summary, the last phases and
    # some shards and partition pieces gone
    (run / "manifest.json").unlink()
    (stage / "done.json").unlink()
    for name in ("mix_partition", "mix_shards"):
        (stage / "phases" / f"{name}.1.pkl").unlink()
    for shard in sorted((run / "_work" / "shards").glob("*.parquet"))[:2]:
        shard.unlink()
    next(iter(sorted((stage / "parts").rglob("*.pieces")))).unlink()
    capfd.readouterr()
    again = execute(load_recipe(path), workers=1, progress=False, resume=True).manifest
    out = capfd.readouterr()
    assert "mix: resumed after 1 finished phase(s)" in out.out + out.err
    assert again["content_hash"] == mixed[0]["content_hash"]
    assert again["mix"] == mixed[0]["mix"]


def test_a_shard_is_the_sorted_partition_streamed_from_its_pieces(tmp_path, monkeypatch):
    """The merge of sorted pieces (read a record batch at a time, from one pieces file per unit, a piece per chunk of the unit)
    writes the bytes of a whole-partition sort, ties of the position hash broken by unit, row and epoch."""
    from curation.io.files import file_digest, write_parquet_atomic
    from curation.io.schema import MIX_SCHEMA
    from curation.mix import pieces as pieces_module
    from curation.mix.merge import write_partition
    from curation.mix.pieces import write_pieces

    monkeypatch.setattr(pieces_module, "PIECE_ROWS", 16)  # many batches per piece
    monkeypatch.setattr(pieces_module, "PIECE_BYTES", 700)  # and batches cut by text bytes too
    rng = random.Random(3)
    parts, pieces = tmp_path / "parts", []
    orders = [rng.getrandbits(64) for _ in range(40)]  # few distinct hashes: many ties across units and epochs
    sort_keys = [("_order", "ascending"), ("_unit", "ascending"), ("_row", "ascending"), ("epoch", "ascending")]
    for unit, n in enumerate([0, 1, 57, 200, 33]):
        if not n:
            continue
        rows = [{"id": f"u{unit}-{i % 40}", "text": "x" * rng.randint(0, 300), "url": None, "source": "web", "language": "en",
                 "language_score": 1.0, "token_count": rng.randint(1, 50), "edu_score": None, "edu_label": None,
                 "metadata": "{}", "group": rng.choice(["web", "qa"]), "epoch": i // 40, "_order": orders[i % 40],
                 "_unit": unit, "_row": i % 40} for i in range(n)]
        schema = MIX_SCHEMA.append(pa.field("_order", pa.uint64())).append(pa.field("_unit", pa.uint32())).append(pa.field("_row", pa.uint32()))
        table = pa.Table.from_pylist(rows, schema)
        table = table.take(pa.compute.sort_indices(table, sort_keys=sort_keys))
        pieces.append(table)
        # the unit's piece of partition 1 (here: its first rows again) must not leak into partition 0's shard
        # units 3 and 4 were read in two chunks (rows below 20, then the rest): a piece per chunk
        cut = 20 if unit >= 3 else 40
        chunks = [table.filter(pa.compute.less(table["_row"], cut)), table.filter(pa.compute.greater_equal(table["_row"], cut))]
        write_pieces(str(parts / f"u{unit:06d}.pieces"), 3, [[
            (0, c.select(["_order", "_row", "epoch"]), c.select(MIX_SCHEMA.names)),
            (1, c.slice(0, 5).select(["_order", "_row", "epoch"]), c.slice(0, 5).select(MIX_SCHEMA.names))] if c.num_rows else []
            for c in chunks])
    units = [1, 2, 3, 4]  # unit 0 wrote no rows, so no file
    whole = pa.concat_tables(pieces)
    whole = whole.take(pa.compute.sort_indices(whole, sort_keys=sort_keys)).select(MIX_SCHEMA.names).cast(MIX_SCHEMA)
    for row_group_rows in (1, 7, 100, 10_000):
        write_parquet_atomic(whole, str(tmp_path / "whole.parquet"), row_group_rows)
        stats = write_partition(0, str(parts), units, 3, str(tmp_path / "merged.parquet"), row_group_rows)
        assert stats["rows"] == whole.num_rows == 291
        assert stats["sha256"] == file_digest(str(tmp_path / "whole.parquet"))[1]
    assert write_partition(1, str(parts), units, 3, str(tmp_path / "one.parquet"), 7)["rows"] == 1 + 5 + 2 * 5 + 2 * 5  # unit 1: 1 row; units 3, 4: 5 per chunk
    assert write_partition(2, str(parts), units, 3, str(tmp_path / "none.parquet"), 7) is None


def _in_order_keys(n: int) -> pa.Table:
    """Sort keys of ``n`` rows already in shard order (hash and row 0..n-1, epoch 0)."""
    from curation.mix.pieces import KEY_SCHEMA

    return pa.table({"_order": pa.array(range(n), pa.uint64()), "_row": pa.array(range(n), pa.uint32()),
                     "epoch": pa.array([0] * n, pa.int32())}, schema=KEY_SCHEMA)


def test_a_pieces_record_batch_holds_at_most_piece_bytes_of_text(tmp_path):
    """What the shard merge holds of a piece is one record batch: bounded by text bytes as well as rows
    (a long document alone), so the many (unit, chunk) pieces of a partition stay small together."""
    from curation.io.schema import MIX_SCHEMA
    from curation.mix.pieces import PIECE_BYTES, PIECE_ROWS, segments, write_pieces

    lengths = [10, 100_000, 300_000, 5, 200_000, 70_000, 70_000, 70_000, 70_000, 1] + [3] * 3000
    rows = MIX_SCHEMA.empty_table().to_pydict()
    for i, n in enumerate(lengths):
        for name in MIX_SCHEMA.names:
            rows[name].append({"id": f"d{i}", "text": "é" * (n // 2), "source": "web", "language": "en",
                               "token_count": 1, "metadata": "{}", "group": "web", "epoch": 0,
                               "language_score": 1.0}.get(name))
    table = pa.Table.from_pydict(rows, MIX_SCHEMA)
    url = str(tmp_path / "u000000.pieces")
    write_pieces(url, 1, [[(0, _in_order_keys(table.num_rows), table)]])
    ((_, start, end),) = list(segments(url, (tmp_path / "u000000.pieces").stat().st_size, 1, 0))
    with open(url, "rb") as fh:
        fh.seek(start)
        batches = list(pa.ipc.open_stream(fh.read(end - start)))
    texts = [sum(len(t.encode()) for t in b.column("text").to_pylist()) for b in batches]
    assert all(n <= PIECE_BYTES or b.num_rows == 1 for n, b in zip(texts, batches))
    assert all(b.num_rows <= PIECE_ROWS for b in batches)
    assert pa.Table.from_batches(batches).equals(table)


def test_a_chunk_that_fails_mid_write_gives_its_own_error_only_and_keeps_the_old_file(tmp_path, capfd):
    """A chunk that raises while its pieces are half buffered (a bad row group, a cancelled task): the
    caller sees that one error, the unit's earlier pieces file stays, and nothing is flushed later into
    the discarded file (arrow would print a C++ traceback on the worker's stderr)."""
    import gc

    from curation.io.schema import MIX_SCHEMA
    from curation.mix.pieces import write_pieces

    def table(n: int, width: int) -> pa.Table:
        cols = {f.name: pa.nulls(n, f.type) for f in MIX_SCHEMA}
        cols.update(text=pa.array(["é" * width] * n), id=pa.array([f"d{i}" for i in range(n)]))
        return pa.table(cols).cast(MIX_SCHEMA)

    url = tmp_path / "u000000.pieces"
    write_pieces(str(url), 2, [[(0, _in_order_keys(3), table(3, 5))]])
    before = url.read_bytes()

    def failing():
        yield [(0, _in_order_keys(3000), table(3000, 1000))]  # ~6 MB: some of it flushed, the rest still buffered
        raise OSError("row group 7 unreadable")

    with pytest.raises(OSError, match="row group 7 unreadable"):
        write_pieces(str(url), 2, failing())
    gc.collect()
    assert url.read_bytes() == before and sorted(p.name for p in tmp_path.iterdir()) == ["u000000.pieces"]
    err = capfd.readouterr().err
    assert "closed file" not in err and "Error ignored" not in err, err


def test_pieces_file_refuses_other_files_and_out_of_order_partitions(tmp_path):
    from curation.io.schema import MIX_SCHEMA
    from curation.mix.pieces import KEY_SCHEMA, segments, write_pieces

    keys, rows = KEY_SCHEMA.empty_table(), MIX_SCHEMA.empty_table()
    with pytest.raises(ValueError, match="partition 0 out of order"):
        write_pieces(str(tmp_path / "u000000.pieces"), 2, [[(1, keys, rows), (0, keys, rows)]])
    assert not list(tmp_path.iterdir())  # nothing published
    other = tmp_path / "other.pieces"
    other.write_bytes(b"\0" * 64)
    with pytest.raises(ValueError, match="truncated/corrupt pieces file .*other.pieces"):
        segments(str(other), 64, 1, 0)


def test_pieces_footer_checked_against_the_runs_partitions(tmp_path):
    """A pieces file of another partition count, cut short, or with keys out of order is refused in one line."""
    from curation.io.schema import MIX_SCHEMA
    from curation.mix.pieces import KEY_SCHEMA, read_keys, segments, write_pieces

    keys = pa.table({"_order": pa.array([5, 3], pa.uint64()), "_row": pa.array([0, 1], pa.uint32()),
                     "epoch": pa.array([0, 0], pa.int32())}, KEY_SCHEMA)
    rows = MIX_SCHEMA.empty_table()
    url = tmp_path / "u000000.pieces"
    write_pieces(str(url), 3, [[(1, keys, rows)], [], [(0, keys, rows), (1, keys, rows)]])  # three chunks, one empty
    size = url.stat().st_size
    assert len(segments(str(url), size, 3, 0)) == 1 and segments(str(url), size, 3, 2) == []
    start = segments(str(url), size, 3, 1)[0][0]
    assert len(segments(str(url), size, 3, 1)) == 2
    for parts, j in ((2, 1), (4, 1), (3, 3)):
        with pytest.raises(ValueError, match=r"^truncated/corrupt pieces file \S+u000000.pieces: [^\n]*$"):
            segments(str(url), size, parts, j)
    cut = tmp_path / "u000001.pieces"
    cut.write_bytes(url.read_bytes()[:40] + url.read_bytes()[-24:])
    with pytest.raises(ValueError, match="truncated/corrupt pieces file"):
        segments(str(cut), cut.stat().st_size, 3, 1)
    with pytest.raises(ValueError, match="u000000.pieces: a piece's keys are not in shard order"):
        read_keys(str(url), start)


def test_mix_in_a_run_folder_with_glob_characters_and_missing_pieces_fail_loudly(corpus, mixed):
    """A run folder named like a glob pattern still mixes every row; a pieces file lost after its
    phase was saved, or a saved partition phase of the older format, fails the run naming it."""
    import pickle

    tmp, files = corpus
    path = _recipe(tmp, files, tmp / "run[1]")
    path.write_text(path.read_text().replace("  shard_bytes: 40KB\n", "  shard_bytes: 40KB\n  keep_work: true\n"))
    first = execute(load_recipe(path), workers=1, progress=False).manifest
    assert first["content_hash"] == mixed[0]["content_hash"]
    run = tmp / "run[1]"
    (stage,) = (run / "_work").glob("global*")
    (run / "manifest.json").unlink()
    (stage / "done.json").unlink()
    (stage / "phases" / "mix_shards.1.pkl").unlink()
    lost = sorted((stage / "parts").glob("*.pieces"))[0]
    lost.unlink()
    with pytest.raises(Exception, match=f"missing mix pieces file .*{lost.name}"):
        execute(load_recipe(path), workers=1, progress=False, resume=True)
    saved = stage / "phases" / "mix_partition.1.pkl"
    saved.write_bytes(pickle.dumps([{"rows": d["rows"]} for d in pickle.loads(saved.read_bytes())]))
    with pytest.raises(Exception, match="saved mix partition phase does not name its units"):
        execute(load_recipe(path), workers=1, progress=False, resume=True)


@pytest.mark.parametrize("batch", [1, 2])
def test_histograms_folded_in_small_batches_give_the_same_shards(corpus, mixed, monkeypatch, batch):
    """The driver sums the units' histogram files a batch at a time: any batch size, same mix."""
    from curation.mix import run as mix_run

    tmp, files = corpus
    monkeypatch.setattr(mix_run, "FOLD_FILES", batch)
    got = execute(load_recipe(_recipe(tmp, files, tmp / f"fold{batch}")), workers=1, progress=False).manifest
    assert got["content_hash"] == mixed[0]["content_hash"]
    assert got["mix"] == mixed[0]["mix"]


def test_a_lost_scan_histogram_or_an_old_saved_scan_phase_fails_naming_it(corpus):
    """A histogram file lost after the scan phase was saved fails the resumed run naming the file
    (never an empty histogram); a saved scan phase of the older format (frames) asks for a rerun."""
    import pickle

    tmp, files = corpus
    path = _recipe(tmp, files, tmp / "scanlost")
    path.write_text(path.read_text().replace("  shard_bytes: 40KB\n", "  shard_bytes: 40KB\n  keep_work: true\n"))
    execute(load_recipe(path), workers=1, progress=False)
    run = tmp / "scanlost"
    (stage,) = (run / "_work").glob("global*")
    (run / "manifest.json").unlink()
    (stage / "done.json").unlink()
    for name in ("mix_partition", "mix_shards"):
        (stage / "phases" / f"{name}.1.pkl").unlink()
    lost = sorted((stage / "scan").glob("u*.parquet"))[1]
    lost.unlink()
    with pytest.raises(Exception, match=f"{lost.name}: the mix scan's histogram file is missing"):
        execute(load_recipe(path), workers=1, progress=False, resume=True)
    saved = stage / "phases" / "mix_scan.1.pkl"
    saved.write_bytes(pickle.dumps([(d["available"], pl.DataFrame()) for d in pickle.loads(saved.read_bytes())]))
    with pytest.raises(Exception, match="saved mix scan phase does not name its units' histogram files"):
        execute(load_recipe(path), workers=1, progress=False, resume=True)


@pytest.mark.parametrize("mix, message", [
    ("groups: {web: {source: [web]}}\n  shares: {web: 0.5}", "must sum to 1"),
    ("groups: {web: {source: [web]}}\n  shares: {web: 1.0}", "that includes the default multilingual share 0.08, added "
     "when shares do not name it: give the other groups 0.92 in all, or set multilingual: 0 for English only"),
    ("groups: {web: {source: [web]}}\n  shares: {web: 0.92, books: 0.0}", "unknown group(s) ['books']"),
    ("groups: {web: {source: [web]}}\n  shares: {web: 0.92}\n  max_epochs: {web: 0.5}", "must be >= 1"),
    ("groups: {web: {sources: [web]}}\n  shares: {web: 0.92}", "mix.groups.web.sources"),
])
def test_infeasible_mix_recipe_fails_before_any_work(tmp_path, corpus, mix, message):
    _, files = corpus
    out = tmp_path / "never"
    path = _recipe(tmp_path, files, out, body=f"mix:\n  {mix}\n")
    proc = subprocess.run([sys.executable, "-m", "curation.cli", "run", str(path)], capture_output=True, text=True)
    assert proc.returncode == 2
    assert message in proc.stderr and len(proc.stderr.strip().splitlines()) == 1
    assert not out.exists()


def test_water_fill_and_temperature():
    w = temperature_weights({"a": 1000, "b": 10}, 0.5)
    assert w["b"] > 10 / 1010 and sum(w.values()) == pytest.approx(1)
    out = water_fill(100, {"a": 0.5, "b": 0.5}, {"a": 1000, "b": 20})
    assert out == pytest.approx({"a": 80, "b": 20})


def test_thresholds_land_within_half_a_document():
    spec = MixSpec(groups={"web": {"source": ["web"]}}, shares={"web": 0.92})
    rng = random.Random(3)
    docs = pl.DataFrame({"group": ["web"] * 500 + ["multilingual"] * 100,
                         "key_language": ["*"] * 500 + ["de"] * 60 + ["fr"] * 40, "epoch": [0] * 600,
                         "bucket": rng.sample(range(1 << 20), 600), "documents": [1] * 600,
                         "tokens": [rng.randint(50, 300) for _ in range(600)]})
    avail = docs.group_by(["group", "key_language"]).agg(pl.len().alias("documents").cast(pl.Int64),
                                                         pl.col("tokens").sum(), (pl.col("tokens") * 4).sum().alias("bytes"))
    plan = solve_targets(spec, avail)
    choose_thresholds(plan, docs)
    total = sum(k.selected_tokens for k in plan.keys)
    multi = sum(k.selected_tokens for k in plan.keys if k.group == "multilingual")
    assert abs(multi - 0.08 * plan.total_target) <= 150
    assert plan.limiting_group == "multilingual" or abs(total - plan.total_target) <= 300


def test_reader_options_checked_before_any_work(tmp_path, corpus):
    _, files = corpus
    out = tmp_path / "never"
    path = _recipe(tmp_path, files, out)
    path.write_text(path.read_text().replace("source: qa}", "source: qa, options: {min_score: 2}}"))
    proc = subprocess.run([sys.executable, "-m", "curation.cli", "run", str(path)], capture_output=True, text=True)
    assert proc.returncode == 2 and "inputs[2].options: the jsonl reader takes no options" in proc.stderr
    assert not out.exists()


def test_a_unit_read_in_many_chunks_mixes_as_in_one(tmp_path, monkeypatch):
    """The scan and the partition read a staged unit a chunk of row groups at a time: with chunks of
    one row group (removed rows in several of them) the scan counts the same documents, tokens and
    bytes as the whole unit's live rows, and the shards are byte for byte those of a one-chunk read
    (read from local disk, and through fsspec from other storage)."""
    import fsspec

    from curation.core import view as view_module
    from curation.core.view import UnitView
    from curation.io.schema import DOC_SCHEMA
    from curation.mix.merge import write_partition
    from curation.mix.tasks import partition_unit, scan_unit

    rng = random.Random(5)
    rows = [{"id": f"d{i}", "text": " ".join(rng.choices(WORDS["en"], k=rng.randint(1, 60))), "url": None,
             "source": rng.choice(["web", "papers"]), "language": "en", "language_score": 1.0,
             "token_count": rng.randint(1, 80), "edu_score": None, "edu_label": None, "metadata": "{}"} for i in range(700)]
    staged, removed = tmp_path / "unit.parquet", tmp_path / "removed.parquet"
    pq.write_table(pa.Table.from_pylist(rows, DOC_SCHEMA), staged, row_group_size=64)  # 11 row groups
    gone = sorted(rng.sample(range(700), 90))
    pq.write_table(pa.table({"row": pa.array(gone, pa.uint32())}), removed)
    for path in (staged, removed):
        fsspec.filesystem("memory").pipe(f"/manychunks/{path.name}", path.read_bytes())
    spec = MixSpec.model_validate({"groups": {"web": {"source": ["web"]}, "academic": {"source": ["papers"]}},
                                   "shares": {"web": 0.62, "academic": 0.3}, "max_epochs": {"academic": 3}})
    selection = {("web", "*"): (1, 0), ("academic", "*"): (1, 400_000)}  # one whole epoch, then part of a second
    live = [r for i, r in enumerate(rows) if i not in set(gone)]
    results = {}
    for name, chunk_bytes, at in (("one", 1 << 30, str(tmp_path)), ("many", 1, str(tmp_path)), ("remote", 1, "memory://manychunks")):
        monkeypatch.setattr(view_module, "ROW_GROUP_BYTES", chunk_bytes)
        view = UnitView(0, "u0", f"{at}/{staged.name}", (f"{at}/{removed.name}",))
        scan = scan_unit(view, spec, 7, str(tmp_path / name / "scan"))
        available = {r["group"]: (r["documents"], r["tokens"], r["bytes"]) for r in scan["available"].iter_rows(named=True)}
        for group, source in (("web", "web"), ("academic", "papers")):
            mine = [r for r in live if r["source"] == source]
            assert available[group] == (len(mine), sum(r["token_count"] for r in mine), sum(len(r["text"].encode()) for r in mine))
        done = partition_unit(view, spec, 7, selection, 2, str(tmp_path / name / "parts"))
        assert done["rows"] > len(live)  # the second epoch's part is in
        results[name] = [write_partition(p, str(tmp_path / name / "parts"), [0], 2, str(tmp_path / name / f"s{p}.parquet"), 50)
                         for p in range(2)]
    assert results["many"] == results["remote"] == results["one"]
    assert all(r and r["rows"] for r in results["one"])
