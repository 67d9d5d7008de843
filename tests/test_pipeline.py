"""The web recipe end to end on real inputs, on a real LocalCluster with worker processes."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import polars as pl
import pyarrow.parquet as pq
import pytest

from curation.io.schema import DOC_SCHEMA
from curation.manifest.verify import verify_run
from curation.recipe.load import load_recipe
from curation.run.driver import execute
from tests.conftest import ROOT

WEB = ROOT / "pipelines" / "web.yaml"


def run(inputs: list[Path], out: Path, workers: int = 2, **kw):
    recipe = load_recipe(WEB, inputs=[str(p) for p in inputs], output=str(out))
    return execute(recipe, workers=workers, progress=False, **kw)


@pytest.fixture(scope="module")
def cc_runs(shared_data, tmp_path_factory):
    """The real Common Crawl sample, run with 2 workers, again with 2, and with 1."""
    warc = shared_data / "warc" / "cc-main-2020-34-sample.warc.gz"
    base = tmp_path_factory.mktemp("cc")
    return {name: run([warc], base / name, workers=w) for name, w in (("a", 2), ("b", 2), ("one", 1))}


def test_manifest_has_everything_a_user_needs(cc_runs):
    m = cc_runs["a"].manifest
    for key in ("recipe", "recipe_hash", "versions", "inputs", "outputs", "side_outputs", "stages", "seed", "executor", "content_hash"):
        assert key in m, key
    assert m["executor"]["workers"] == 2 and m["executor"]["kind"] == "dask-local"
    assert m["inputs"][0]["bytes"] > 0 and len(m["inputs"][0]["sha256"]) == 64
    assert m["totals"]["documents"] > 0 and m["totals"]["tokens"] > 0
    names = [s["name"] for s in m["stages"]]
    assert names == ["read", "extract", "langid", "web_quality", "gopher_repetition", "gopher_quality", "c4", "fineweb",
                     "dedup_exact", "dedup_url", "dedup_fuzzy", "edu"]
    read = m["stages"][0]
    assert read["out"] == 16  # 16 HTTP responses in this WARC, all HTML
    for st in m["stages"][1:]:
        assert st["dropped"] == sum(st["dropped_by_reason"].values()), st
    assert {o["kind"] for o in m["side_outputs"]} <= {"rejected", "removed", "model"}
    records = [o for o in m["side_outputs"] if o["kind"] != "model"]
    side = pl.concat([pl.read_parquet(Path(cc_runs["a"].run_dir) / o["path"]).select("id", "stage", "reason") for o in records])
    assert side.height == sum(st["dropped"] for st in m["stages"][1:])  # every dropped document is on record


def test_cc_pages_kept_are_not_error_spam_adult_or_list_pages(cc_runs):
    """Read by hand: every Chinese page of this real crawl is a 404, lottery/gambling spam, adult
    fiction, a footer, a link list or mojibake; the web_quality stage names each kind."""
    m = cc_runs["a"].manifest
    web = next(st for st in m["stages"] if st["name"] == "web_quality")
    assert {"error_page", "encoding_error", "adult_or_gambling", "cjk_list_page"} <= set(web["dropped_by_reason"])
    langid = next(st for st in m["stages"] if st["name"] == "langid")
    assert langid["counters"].get("decided_lid176", 0) > 0 and langid["dropped"] == 0
    files = [Path(cc_runs["a"].run_dir) / o["path"] for o in m["outputs"]]
    kept = pl.concat([pl.read_parquet(f) for f in files])
    assert kept.height >= 1 and "zh" not in set(kept["language"])
    assert all(json.loads(md)["language_model"] in ("lid176", "cld2", "lingua") for md in kept["metadata"])


def test_same_content_hash_for_reruns_and_worker_counts(cc_runs):
    hashes = {name: r.manifest["content_hash"] for name, r in cc_runs.items()}
    assert len(set(hashes.values())) == 1, hashes
    a, one = Path(cc_runs["a"].run_dir), Path(cc_runs["one"].run_dir)
    for out in cc_runs["a"].manifest["outputs"]:
        assert (a / out["path"]).read_bytes() == (one / out["path"]).read_bytes()


def test_shards_have_the_schema_and_load_everywhere(cc_runs):
    run_dir = Path(cc_runs["a"].run_dir)
    files = sorted(run_dir.glob("shards/*.parquet"))
    assert files and pq.read_schema(files[0]).remove_metadata() == DOC_SCHEMA
    df = pl.read_parquet(files)
    assert df["language"].null_count() == 0 and (df["token_count"] > 0).all()
    assert df["id"].n_unique() == df.height
    assert all(isinstance(json.loads(m), dict) for m in df["metadata"])
    datasets = pytest.importorskip("datasets")
    ds = datasets.load_dataset("parquet", data_files=[str(f) for f in files], split="train")
    assert ds.num_rows == df.height and set(DOC_SCHEMA.names) <= set(ds.column_names)


def test_verify_passes_then_names_a_changed_byte(cc_runs, tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(cc_runs["a"].run_dir, copy)
    assert verify_run(str(copy)) == []
    cli = [sys.executable, "-m", "curation.cli", "verify", str(copy)]
    assert subprocess.run(cli, capture_output=True).returncode == 0
    shard = copy / cc_runs["a"].manifest["outputs"][0]["path"]
    data = bytearray(shard.read_bytes())
    data[len(data) // 2] ^= 0x01
    shard.write_bytes(bytes(data))
    proc = subprocess.run(cli, capture_output=True, text=True)
    assert proc.returncode == 1
    assert "shards/part-00000.parquet: sha256" in proc.stderr


def test_malformed_and_clipped_warcs_are_counted_not_fatal(shared_data, tmp_path):
    inputs = [shared_data / "warc" / "malformed", shared_data / "warc" / "clipped.warc.gz"]
    result = run(inputs, tmp_path / "bad")
    m = result.manifest
    assert not m["failed_units"]
    read = m["stages"][0]
    assert sum(read.get("skipped_by_reason", {}).values()) > 0
    assert m["bad_records"]["examples"] and all(b["reason"] for b in m["bad_records"]["examples"])
    assert verify_run(result.run_dir) == []
