"""Dedup building blocks and the dedup stages on hand-made corpora with known duplicates."""

from __future__ import annotations

import json
import random
import shutil
import subprocess
import sys

import polars as pl
import pytest
import yaml

from curation.dedup.minhash import MinHashConfig, band_keys, probability_found, signatures, threshold
from curation.dedup.normalize import normalize_url, text_key
from curation.recipe.load import load_recipe
from curation.run.driver import execute
from tests.conftest import ROOT


@pytest.mark.parametrize(
    "a, b",
    [
        ("https://www.example.org/a/b?utm_source=x&id=3", "http://example.org/a/b/?id=3"),
        ("https://example.org:443/a#section", "http://example.org/a"),
        ("http://Example.ORG/a?b=2&a=1&fbclid=zz", "https://example.org/a?a=1&b=2"),
    ],
)
def test_urls_naming_the_same_page_normalise_alike(a, b):
    assert normalize_url(a) == normalize_url(b) is not None


@pytest.mark.parametrize(
    "a, b",
    [
        ("https://example.org/a", "https://example.org/b"),
        ("https://example.org/a?id=1", "https://example.org/a?id=2"),
        ("https://example.org:8080/a", "https://example.org/a"),
        ("https://example.org/A", "https://example.org/a"),  # paths are case sensitive
    ],
)
def test_different_pages_stay_different(a, b):
    assert normalize_url(a) != normalize_url(b)


@pytest.mark.parametrize("bad", [None, "", "not a url", "http://", "http://[::1"])
def test_unusable_urls_have_no_key(bad):
    assert normalize_url(bad) is None


def test_exact_key_folds_case_whitespace_and_width():
    assert text_key("Hello  World\n\tagain") == text_key("hello world again") == text_key("ＨＥＬＬＯ world again")
    assert text_key("hello world") != text_key("hello word")


def test_minhash_agrees_with_jaccard_and_handles_short_and_empty_texts():
    rng = random.Random(0)
    words = [f"w{rng.randrange(50_000)}" for _ in range(400)]
    edited = list(words)
    for i in rng.sample(range(400), 8):
        edited[i] = "EDIT"
    other = [f"w{rng.randrange(50_000)}" for _ in range(400)]
    texts = [" ".join(words), " ".join(edited), " ".join(other), "", "just three words", "!!! ???"]
    sig, has = signatures(texts)
    assert has.tolist() == [True, True, True, False, True, False]
    same = (sig[0] == sig[1]).mean()
    assert 0.75 < same < 0.98  # true 5-gram Jaccard of the edit is ~0.82
    assert (sig[0] == sig[2]).mean() < 0.05
    keys = band_keys(sig)
    assert (keys[0] == keys[1]).any() and not (keys[0] == keys[2]).any()
    again, _ = signatures(texts)
    assert (again == sig).all()  # deterministic


def test_s_curve_of_the_default_layout():
    assert 0.68 < threshold(14, 8) < 0.69
    assert probability_found(0.85) > 0.98 and probability_found(0.5) < 0.06
    assert MinHashConfig().num_perm == 112


def corpus(tmp_path, files: int = 4, groups: int = 30, seed: int = 7):
    """JSONL files whose near-duplicate groups span files; returns (folder, group of each id)."""
    rng = random.Random(seed)
    vocab = [f"v{i}" for i in range(20_000)]
    group_of, rows = {}, []
    for g in range(groups):
        base = [rng.choice(vocab) for _ in range(rng.randint(120, 300))]
        for c in range(rng.randint(1, 3)):
            words = list(base)
            for i in rng.sample(range(len(words)), 2 if c else 0):
                words[i] = rng.choice(vocab)
            doc_id = f"g{g}-c{c}"
            group_of[doc_id] = g
            rows.append({"id": doc_id, "text": " ".join(words), "url": f"https://site{g}.example/{c}"})
    for i in range(200):
        doc_id = f"u{i}"
        rows.append({"id": doc_id, "text": " ".join(rng.choice(vocab) for _ in range(200)), "url": None})
    rows.append({"id": "short", "text": "two words", "url": "https://short.example/?utm_source=a"})
    rows.append({"id": "short-again", "text": "Two   WORDS", "url": "https://www.short.example/"})
    rng.shuffle(rows)
    folder = tmp_path / "corpus"
    folder.mkdir()
    for f in range(files):
        with open(folder / f"part-{f}.jsonl", "w") as fh:
            for row in rows[f::files]:
                fh.write(json.dumps(row) + "\n")
    return folder, group_of


def dedup_recipe(tmp_path, folder, partitions: int, name: str) -> str:
    raw = {
        "name": "dedup-test",
        "inputs": [{"paths": [str(folder)], "source": "test"}],
        "pipeline": [{"dedup_exact": {"partitions": partitions}}, {"dedup_url": {"partitions": partitions}},
                     {"dedup_fuzzy": {"partitions": partitions}}],
        "output": {"dir": str(tmp_path / name)},
    }
    path = tmp_path / f"{name}.yaml"
    path.write_text(yaml.safe_dump(raw))
    return str(path)


def test_groups_spanning_files_are_found_whatever_the_workers_threads_and_partitions(tmp_path):
    folder, group_of = corpus(tmp_path)
    a = execute(load_recipe(dedup_recipe(tmp_path, folder, 16, "a")), workers=2, progress=False)
    b = execute(load_recipe(dedup_recipe(tmp_path, folder, 3, "b")), workers=1, threads=2, progress=False)
    assert a.manifest["content_hash"] == b.manifest["content_hash"]
    kept = pl.read_parquet(f"{a.run_dir}/shards/*.parquet")["id"].to_list()
    removed = pl.read_parquet(f"{a.run_dir}/removed/*.parquet")
    # each planted group keeps exactly one member; no unrelated document is removed
    kept_groups = [group_of[i] for i in kept if i in group_of]
    assert sorted(kept_groups) == sorted(set(group_of.values()))
    assert all(r.startswith("g") or r == "short-again" or r == "short" for r in removed["id"])
    for rid, kid in zip(removed["id"], removed["kept_id"]):
        assert group_of.get(rid, "short") == group_of.get(kid, "short")
    stages = {s["name"]: s for s in a.manifest["stages"]}
    assert stages["dedup_exact"]["dropped"] >= 1  # the two short texts that differ only in case/space
    assert stages["dedup_url"]["counters"]["no_url"] == 200


def test_curate_dedup_on_existing_shards(tmp_path):
    folder, _ = corpus(tmp_path)
    first = execute(load_recipe(dedup_recipe(tmp_path, folder, 4, "first")), workers=2, progress=False)
    shards = f"{first.run_dir}/shards"
    out = tmp_path / "twice"
    # the same shards given twice: every document is an exact duplicate of its copy
    shutil.copytree(shards, tmp_path / "copy")
    proc = subprocess.run([sys.executable, "-m", "curation.cli", "dedup", shards, str(tmp_path / "copy"), "--output", str(out), "--quiet", "--workers", "2"],
                          cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    m = json.loads((out / "manifest.json").read_text())
    n = first.manifest["totals"]["documents"]
    stages = {s["name"]: s for s in m["stages"]}
    assert stages["dedup_exact"]["in"] == 2 * n and stages["dedup_exact"]["dropped"] == n
    assert m["totals"]["documents"] == n
    assert stages["dedup_fuzzy"]["dropped"] == 0  # the first run already removed near-duplicates


def test_bad_input_is_counted_never_a_crash(tmp_path):
    lines = [
        '{"id": "ok1", "text": "a perfectly normal document with enough words to shingle it twice over", "url": "https://a.example/1"}',
        '{"id": "ok2", "text": "a perfectly normal document with enough words to shingle it twice over", "url": null}',
        '{"id": "empty", "text": "   "}',
        '{"id": "tiny", "text": "hi"}',
        '{"id": "tiny2", "text": "Hi"}',
        '{"id": "sur", "text": "broken \\ud800 text", "url": "https://a.example/2"}',
        '{"id": "\\udc01", "text": "an id that has no UTF-8 form but a fine text", "url": "https://a.example/\\udc00"}',
        '{"id": "nopunct", "text": "!!! ... ???"}',
        b"\xff\xfe not json at all".decode("latin-1"),
    ]
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "bad.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = execute(load_recipe(dedup_recipe(tmp_path, folder, 2, "bad")), workers=1, progress=False)
    m = result.manifest
    assert not m["failed_units"]
    read = m["stages"][0]
    assert read["skipped_by_reason"] == {"empty": 1, "not_utf8": 1, "bad_json": 1}
    stages = {s["name"]: s for s in m["stages"]}
    assert stages["dedup_exact"]["dropped_by_reason"] == {"exact_duplicate": 2}  # ok1/ok2 and tiny/Hi
    assert stages["dedup_url"]["counters"]["no_url"] >= 3
    assert stages["dedup_fuzzy"]["counters"]["no_shingles"] == 1  # "!!! ... ???" has no words
    kept = pl.read_parquet(f"{result.run_dir}/shards/*.parquet")
    assert kept.height == 9 - 3 - 2


@pytest.mark.parametrize("sub", ["shuf", "run[1]/shuf"])  # a run folder named like a glob pattern too
def test_shuffle_writes_one_file_per_producer_and_reads_back_each_partition(tmp_path, sub):
    """The batched shuffle: a producer's rows for all partitions in one file; a reduce gets exactly
    its partition's rows, in producer-name order, as the former file-per-partition layout did."""
    import numpy as np

    from curation.dedup.shuffle import partition_of, read_partition, write_partitions

    rng = np.random.default_rng(3)
    folder, parts = str(tmp_path / sub), 7
    frames = {f"u{k:03d}": pl.DataFrame({"key": rng.integers(0, 2**63, 500, dtype=np.uint64), "val": np.arange(500) + 1000 * k})
              for k in (2, 0, 1)}
    for name, df in frames.items():
        assert write_partitions(df, "key", parts, folder, name) == 1
    assert write_partitions(frames["u000"].head(0), "key", parts, folder, "empty") == 0
    assert sorted(p.name for p in (tmp_path / sub).iterdir()) == ["u000.shuf", "u001.shuf", "u002.shuf"]
    total = 0
    for j in range(parts):
        got = read_partition(folder, j)
        want = pl.concat([df.filter(pl.Series(partition_of(df["key"], parts) == j)) for _, df in sorted(frames.items())])
        assert got.equals(want)
        total += got.height
    assert total == 1500
    (tmp_path / sub / "u003.shuf").write_bytes(b"not a shuffle file at all")
    with pytest.raises(ValueError, match="u003.shuf: not a shuffle file"):
        read_partition(folder, 0)
    # a map finished by an earlier version (header layout: MAGIC_V1, partitions, offsets) on --resume
    import struct

    (tmp_path / sub / "u003.shuf").write_bytes(struct.pack("<3Q", 0x3146_4853_5543, 1, 24) + b"\0" * 40)
    with pytest.raises(ValueError, match="u003.shuf: a shuffle file of an older layout .* without --resume"):
        read_partition(folder, 0)
