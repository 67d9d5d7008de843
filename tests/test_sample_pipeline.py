"""The web recipe (the main job minus the academic sources and the mix) on sample_data/: planted pages meet their expected fate."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import polars as pl
import pytest
from datatrove.data import Document
from datatrove.pipeline.filters import GopherQualityFilter

from curation.filters.by_language import ByLanguage
from curation.manifest.verify import verify_run
from curation.recipe.load import load_recipe
from curation.run.driver import execute
from tests.conftest import ROOT, SAMPLE

TRUTH = json.loads((SAMPLE / "truth.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def main_job(tmp_path_factory):
    """`curate run pipelines/web.yaml` with 2 workers."""
    out = tmp_path_factory.mktemp("main") / "run"
    proc = subprocess.run(
        [sys.executable, "-m", "curation.cli", "run", "pipelines/web.yaml", "--output", str(out), "--workers", "2", "--quiet"],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )
    assert proc.returncode == 0, proc.stderr
    assert f"output: {out}" in proc.stdout
    return out, json.loads((out / "manifest.json").read_text())


def fates(run_dir: Path) -> dict[str, str]:
    kept = pl.read_parquet(run_dir / "shards" / "*.parquet")
    out = {u: "kept" for u in kept["url"].to_list()}
    for u, stage, reason in pl.read_parquet(run_dir / "rejected" / "*.parquet").select("url", "stage", "reason").iter_rows():
        out[u] = f"{stage}:{reason}"
    for u, stage, reason in pl.read_parquet(run_dir / "removed" / "*.parquet").select("url", "stage", "reason").iter_rows():
        out[u] = f"{stage}:{reason}"
    return out


def duplicate_urls() -> set[str]:
    return {u for g in TRUTH["duplicate_groups"] for u in (g["original"], *g["copies"])}


def test_every_planted_page_meets_its_fate(main_job):
    run_dir, manifest = main_job
    fate = fates(run_dir)
    wrong = []
    dups = duplicate_urls()
    for page in TRUTH["pages"]:
        got = fate.get(page["url"], "not a document")
        if page["kind"] == "odd":
            ok = got == "not a document"
        elif page["url"] in dups:
            ok = got == "kept" or got.startswith("dedup_")
        else:
            ok = (got == "kept") == (page["kind"] in ("edu", "web"))
        if not ok:
            wrong.append((page["kind"], page["language"], page["url"], got))
    assert not wrong, wrong
    read = manifest["stages"][0]
    assert read["counters"]["not_html"] >= 1 and read["counters"]["http_status_404"] >= 1
    assert read["skipped_by_reason"]["empty"] >= 1
    assert read["skipped_by_reason"]["bad_json"] >= 1 and read["skipped_by_reason"]["missing_text"] >= 1


def test_planted_duplicates_are_all_found_and_distinct_pages_never_merged(main_job):
    run_dir, manifest = main_job
    kept = pl.read_parquet(run_dir / "shards" / "*.parquet").select("id", "url")
    removed = pl.read_parquet(run_dir / "removed" / "*.parquet")
    assert set(removed.columns) >= {"id", "url", "reason", "cluster_id", "kept_id"}
    kept_ids = set(kept["id"])
    assert set(removed["kept_id"]) <= kept_ids  # every removal points at a document that is in the output
    id_of = dict(zip(kept["url"], kept["id"])) | dict(zip(removed["url"], removed["id"]))
    survivor = {row["url"]: row["kept_id"] for row in removed.iter_rows(named=True)}
    representative = lambda url: survivor.get(url, id_of.get(url))  # noqa: E731
    for group in TRUTH["duplicate_groups"]:
        members = [group["original"], *group["copies"]]
        reps = {representative(u) for u in members}
        assert len(reps) == 1 and reps <= kept_ids, (members, reps)
    for a, b in TRUTH["must_not_merge"]:
        assert representative(a) != representative(b), (a, b)
    names = [s["name"] for s in manifest["stages"]]
    assert names[-4:] == ["dedup_exact", "dedup_url", "dedup_fuzzy", "edu"]
    dedup = {s["name"]: s for s in manifest["stages"] if s["name"].startswith("dedup_")}
    assert sum(s["dropped"] for s in dedup.values()) == removed.height
    assert dedup["dedup_fuzzy"]["cluster_sizes"] and dedup["dedup_fuzzy"]["minhash"]["bands"] == 14
    sizes = {s: dedup[s]["cluster_sizes"] for s in dedup}
    assert sum((int(k) - 1) * v for d in sizes.values() for k, v in d.items()) == removed.height


def test_output_is_multilingual_and_from_every_reader(main_job):
    run_dir, manifest = main_job
    df = pl.read_parquet(run_dir / "shards" / "*.parquet")
    languages = Counter(df["language"].to_list())
    assert len([l for l in languages if l != "en"]) >= 5, languages
    assert set(df["source"].unique()) == {"web", "forum", "notes"}
    assert df.filter(pl.col("url").str.contains("pages/") | pl.col("id").str.ends_with(".html") | pl.col("id").str.ends_with(".html.gz")).height >= 1
    assert verify_run(str(run_dir)) == []


def test_one_worker_gives_the_same_bytes(main_job, tmp_path):
    run_dir, manifest = main_job
    assert manifest["totals"]["work_units"] >= 5
    recipe = load_recipe(ROOT / "pipelines" / "web.yaml", output=str(tmp_path / "one"))
    one = execute(recipe, workers=1, progress=False)
    assert one.manifest["content_hash"] == manifest["content_hash"]
    assert one.manifest["stages"] == manifest["stages"]


def german_pages() -> list[str]:
    from curation.extract.html_to_text import extract_main_text
    from curation.readers.warc import WarcReader

    urls = {p["url"] for p in TRUTH["pages"] if p["language"] == "de" and p["kind"] == "edu"}
    texts = []
    for warc in sorted((SAMPLE / "web").glob("*.warc.gz")):
        for doc in WarcReader(str(warc)).run(None):
            if doc.metadata["url"] in urls:
                texts.append(extract_main_text(doc.text))
    return texts


def test_german_pages_survive_gopher_with_german_stop_words():
    texts = german_pages()
    assert len(texts) >= 2
    english_rules = GopherQualityFilter()  # datatrove's defaults: English stop words
    ours = ByLanguage(GopherQualityFilter, {}, languages=["en", "de"])
    for text in texts:
        assert english_rules.filter(Document(text=text, id="x")) == (False, "gopher_enough_stop_words")
        assert ours.filter(Document(text=text, id="x", metadata={"language": "de"})) == (True, None)


def test_byte_ranges_of_a_jsonl_file_give_the_same_shards(tmp_path):
    """Work units may be byte ranges of one file; the result must not depend on the split."""
    import yaml

    hashes = {}
    for split in (None, "2KB"):
        raw = {
            "name": "jsonl",
            "inputs": [{"paths": [str(SAMPLE / "jsonl" / "docs.jsonl")], "source": "forum", "split_bytes": split}],
            "pipeline": [{"langid": {}}, {"gopher_repetition": {}}],
        }
        path = tmp_path / f"{split}.yaml"
        path.write_text(yaml.safe_dump(raw))
        result = execute(load_recipe(path, output=str(tmp_path / f"run-{split}")), workers=2, progress=False)
        hashes[split] = (result.manifest["content_hash"], result.manifest["totals"]["work_units"])
    assert hashes[None][1] == 1 and hashes["2KB"][1] >= 4
    assert hashes[None][0] == hashes["2KB"][0]
