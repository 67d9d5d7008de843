"""The README's main job (pipelines/phi4.yaml): every source kind in the final shards, 8% multilingual,
the same bytes for 1 and 2 workers, a report and a manifest that verifies."""

from __future__ import annotations

import json
import subprocess
import sys

import polars as pl
import pytest

from curation.manifest.verify import verify_run
from tests.conftest import ROOT

SOURCE_KINDS = {"web", "forum", "notes", "arxiv", "qa", "books", "wikipedia", "code"}


def _run(out, workers: int, cwd=ROOT) -> dict:
    proc = subprocess.run(
        [sys.executable, "-m", "curation.cli", "run", "pipelines/phi4.yaml" if cwd == ROOT else str(ROOT / "pipelines/phi4.yaml"),
         "--output", str(out),
         "--workers", str(workers), "--quiet"],
        cwd=cwd, capture_output=True, text=True, timeout=900,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "mix limited by group" in proc.stdout + proc.stderr
    manifest = json.loads((out / "manifest.json").read_text())
    # the default multilingual share is shown, and languages far below their target are named
    assert "multilingual share: target 8.00%, achieved " in proc.stderr
    short = [x["language"] for x in manifest["mix"]["languages"] if x["achieved_share"] < 0.5 * x["target_share"]]
    warning = [ln for ln in proc.stderr.splitlines() if ln.startswith("warning: languages short of their target")]
    assert bool(short) == bool(warning) and all(f" {lang} " in warning[0] for lang in short), (short, warning)
    # the English-trained edu classifier scores the multilingual documents too: counted and warned about
    edu = next(s for s in manifest["stages"] if s["name"] == "edu")["counters"]
    (untrained,) = [ln for ln in proc.stderr.splitlines() if "languages its classifier was not trained on" in ln]
    assert edu["scored_untrained_language"] > 0 and f"scored {edu['scored_untrained_language']} document(s)" in untrained
    return manifest


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    base = tmp_path_factory.mktemp("phi4")
    return (base / "one", _run(base / "one", 1)), (base / "two", _run(base / "two", 2))


def test_final_shards_hold_every_source_kind_and_8_percent_multilingual(runs):
    (out, manifest), _ = runs
    df = pl.concat([pl.read_parquet(out / o["path"]) for o in manifest["outputs"]])
    assert set(df["source"].unique()) >= SOURCE_KINDS
    # the academic readers' documents really come from each format
    ids = df["id"].to_list()
    for prefix in ("arxiv:", "stackexchange:", "gutenberg:", "wikipedia:"):
        assert any(i.startswith(prefix) for i in ids), prefix
    assert any(json.loads(m).get("main_file") for m in df.filter(pl.col("source") == "arxiv")["metadata"])
    share = df.filter(pl.col("language") != "en")["token_count"].sum() / df["token_count"].sum()
    assert abs(share - 0.08) <= 0.005, share
    assert df.filter(pl.col("language") != "en")["language"].n_unique() >= 3
    for g in manifest["mix"]["groups"]:
        assert g["within_tolerance"], g
    assert manifest["totals"]["tokens"] == df["token_count"].sum()


def test_main_job_is_byte_identical_for_one_and_two_workers(runs):
    (_, one), (_, two) = runs
    assert one["content_hash"] == two["content_hash"]


def test_main_job_gives_the_same_bytes_from_another_folder(runs, tmp_path):
    """Relative paths in a recipe start from the recipe (its ``root:``), not from where ``curate`` runs."""
    (_, _), (_, two) = runs
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    assert _run(tmp_path / "run", 2, cwd=elsewhere)["content_hash"] == two["content_hash"]
    assert list(elsewhere.iterdir()) == []


def test_main_job_verifies_and_writes_its_report(runs):
    (out, manifest), _ = runs
    assert verify_run(str(out)) == []
    md = (out / "report.md").read_text()
    assert manifest["content_hash"] in md and "multilingual" in md
    assert (out / "report.html").stat().st_size > 10_000
    # the mix section says what the CLI says: the default multilingual share, languages short of their target
    mix = md.split("## Mix: target vs achieved", 1)[1].split("\n## ", 1)[0]
    assert "Multilingual share: target 8.00%, achieved " in mix
    short = [x["language"] for x in manifest["mix"]["languages"] if x["achieved_share"] < 0.5 * x["target_share"]]
    warning = [ln for ln in mix.splitlines() if ln.startswith("Warning: languages short of their target")]
    assert len(warning) == bool(short) and all(f" {lang} " in warning[0] for lang in short), (short, warning)
    if short:
        assert '<p class="warning">Warning: languages short of their target' in (out / "report.html").read_text()


def test_main_job_cuts_the_planted_benchmark_quotes(runs):
    (out, manifest), _ = runs
    stage = next(s for s in manifest["stages"] if s["name"] == "decontaminate")
    assert stage["counters"]["contaminated"] == 4
    sidecars = [e for e in manifest["side_outputs"] if e["kind"] == "sidecar:decontaminate"]
    hits = pl.concat([pl.read_parquet(out / e["path"]) for e in sidecars])
    assert sorted(hits["benchmark"].to_list()) == ["gsm8k", "humaneval", "humaneval", "mmlu"]
    # prose quoting an item loses the quote; a source file holding a solution goes whole
    assert set(hits.filter(~pl.col("doc_id").str.contains("@"))["action"]) == {"cut"}
    assert hits.filter(pl.col("doc_id").str.starts_with("mathkit@"))["action"].to_list() == ["drop"]
    assert any(m["kind"] == "index" for m in manifest["models"])
