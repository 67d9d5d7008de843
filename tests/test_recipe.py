"""Recipes are validated once, at the edge: every error is one line naming the file, field and line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from curation.recipe.load import RecipeError, load_recipe, recipe_hash
from tests.conftest import ROOT

GOOD = """\
name: t
inputs:
  - paths: [{input}]
pipeline:
  - extract: {{timeout: 2}}
  - langid: {{min_score: 0.3}}
  - gopher_quality: {{languages: [en, de], min_doc_words: 20}}
  - block: datatrove.pipeline.filters.RegexFilter
    params: {{regex_exp: 'buy cheap'}}
output:
  shard_bytes: 1MB
"""


def write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "r.yaml"
    p.write_text(text)
    return p


def test_shipped_recipes_validate():
    for recipe in sorted((ROOT / "pipelines").glob("*.yaml")):
        assert load_recipe(recipe).name


def test_good_recipe_and_stable_hash(tmp_path):
    r = load_recipe(write(tmp_path, GOOD.format(input="a.warc.gz")))
    assert [s.name for s in r.pipeline] == ["extract", "langid", "gopher_quality", "RegexFilter"]
    assert int(r.output.shard_bytes) == 1_000_000
    again = load_recipe(write(tmp_path, GOOD.format(input="a.warc.gz")))
    assert recipe_hash(r) == recipe_hash(again)
    assert recipe_hash(r) != recipe_hash(load_recipe(write(tmp_path, GOOD.format(input="b.warc.gz"))))


@pytest.mark.parametrize(
    "edit, expected",
    [
        (("shard_bytes: 1MB", "shard_bytez: 1MB"), r"r.yaml:11: output.shard_bytez: unknown key"),
        (("min_score: 0.3", "min_score: high"), r"r.yaml:6: pipeline.1.langid.min_score: Input should be a valid number"),
        (("min_doc_words: 20", "min_doc_wordz: 20"), r"r.yaml:7: pipeline.2.gopher_quality.min_doc_wordz: unknown parameter"),
        (("- extract:", "- extrakt:"), r"r.yaml:5: pipeline.0.extrakt: unknown stage 'extrakt'"),
        (("RegexFilter", "NoSuchFilter"), r"r.yaml:8: pipeline.3: cannot import block"),
        (("name: t", "name: 't t'"), r"r.yaml:1: name: String should match pattern"),
    ],
)
def test_bad_recipe_is_one_line_naming_field_and_line(tmp_path, edit, expected):
    text = GOOD.format(input="a.warc.gz").replace(*edit)
    with pytest.raises(RecipeError) as exc:
        load_recipe(write(tmp_path, text))
    msg = str(exc.value)
    assert "\n" not in msg
    assert expected.split(": ", 1)[0] in msg and expected.split(": ", 1)[1] in msg, msg


def test_cli_reports_bad_recipe_and_missing_input_without_writing(tmp_path):
    out = tmp_path / "run"
    bad = write(tmp_path, GOOD.format(input="a.warc.gz").replace("timeout: 2", "timeout: soon"))
    proc = subprocess.run([sys.executable, "-m", "curation.cli", "run", str(bad), "--output", str(out)], capture_output=True, text=True)
    assert proc.returncode == 2
    assert proc.stderr.strip().count("\n") == 0 and "pipeline.0.extract.timeout" in proc.stderr
    missing = write(tmp_path, GOOD.format(input=str(tmp_path / "nope.warc.gz")))
    proc = subprocess.run([sys.executable, "-m", "curation.cli", "run", str(missing), "--output", str(out)], capture_output=True, text=True)
    assert proc.returncode == 2 and "nope.warc.gz: input not found" in proc.stderr
    assert not out.exists()


# --- where relative paths point: the recipe's root (default: its folder), never the working directory ----

def test_relative_paths_start_from_the_recipe_not_the_working_directory(tmp_path, monkeypatch):
    for cwd in (ROOT, tmp_path):
        monkeypatch.chdir(cwd)
        r = load_recipe(ROOT / "pipelines" / "phi4.yaml")
        assert r.root == str(ROOT)
        assert r.inputs[0].paths == [str(ROOT / "sample_data" / "web")]
        edu = next(s for s in r.pipeline if s.name == "edu")
        assert edu.params["classifier"] == str(ROOT / "classifiers" / "web_edu_wordllama")
        bench = next(s for s in r.pipeline if s.name == "decontaminate").params["benchmarks"]
        assert bench[0]["paths"] == [str(ROOT / "sample_data" / "benchmarks" / "gsm8k_sample.jsonl")]
    # without root: the recipe file's folder; command-line paths: the working directory
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "a.jsonl").write_text('{"id": "1", "text": "x"}\n')
    recipe = write(tmp_path, "name: t\ninputs:\n  - paths: [data/a.jsonl]\noutput: {dir: out}\n")
    monkeypatch.chdir(ROOT)
    r = load_recipe(recipe)
    assert r.inputs[0].paths == [str(tmp_path / "data" / "a.jsonl")] and r.output.dir == str(tmp_path / "out")
    r = load_recipe(recipe, inputs=["sample_data/jsonl/docs.jsonl"], output="elsewhere")
    assert r.inputs[0].paths == [str(ROOT / "sample_data/jsonl/docs.jsonl")] and r.output.dir == str(ROOT / "elsewhere")


@pytest.mark.parametrize("stage, expected", [
    ("- edu: {classifier: classifiers/nope}", "{root}/r.yaml:5: pipeline.0.edu.classifier: {root}/classifiers/nope: not found"),
    ("- langid: {model_path: models/lid.bin}", "{root}/r.yaml:5: pipeline.0.langid.model_path: {root}/models/lid.bin: not found"),
    ("- decontaminate: {benchmarks: [{name: g, paths: [b/g.jsonl], mapping: gsm8k}]}",
     "{root}/r.yaml:5: pipeline.0.decontaminate.benchmarks: {root}/b/g.jsonl: not found"),
])
def test_every_path_a_recipe_names_is_checked_before_any_work(tmp_path, stage, expected):
    (tmp_path / "a.jsonl").write_text('{"id": "1", "text": "x"}\n')
    recipe = write(tmp_path, f"name: t\ninputs:\n  - paths: [a.jsonl]\npipeline:\n  {stage}\n")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    proc = subprocess.run([sys.executable, "-m", "curation.cli", "run", str(recipe), "--output", "run"],
                          capture_output=True, text=True, cwd=elsewhere)
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.strip() == "error: " + expected.format(root=tmp_path), proc.stderr  # one line
    assert list(elsewhere.iterdir()) == []  # nothing written


def test_a_root_that_is_not_a_folder_is_refused(tmp_path):
    recipe = write(tmp_path, "name: t\nroot: ../nowhere\ninputs:\n  - paths: [a.jsonl]\n")
    with pytest.raises(RecipeError, match=r"r.yaml:2: root: folder not found: \S+/nowhere$"):
        load_recipe(recipe)


def test_curate_stages_lists_every_stage_with_its_defaults():
    from curation.dedup.stages import GLOBAL_STAGES
    from curation.stages.registry import STAGES

    proc = subprocess.run([sys.executable, "-m", "curation.cli", "stages"], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    heads = [ln.split()[0] for ln in proc.stdout.splitlines() if not ln.startswith(" ")]
    assert set(STAGES) | set(GLOBAL_STAGES) <= set(heads)
    assert "    min_score: 0.5" in proc.stdout and "    bands: 14  (" not in proc.stdout and "    bands: 14" in proc.stdout


def test_dry_run_prints_the_plan_and_writes_nothing(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "curation.cli", "run", str(ROOT / "pipelines" / "web.yaml"), "--dry-run"],
                          capture_output=True, text=True, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert f"# run directory: {tmp_path}/runs/web" in out and "# 9 work unit(s)" in out
    assert "crawl-00000.warc.gz" in out and f"classifier: {ROOT}/classifiers/sample_edu" in out
    assert "  whole-run stage 2: dedup_fuzzy" in out and "  pass 1: edu" in out
    assert list(tmp_path.iterdir()) == []
