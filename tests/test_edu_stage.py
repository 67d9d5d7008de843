"""The edu stage: trains its classifier at run start (deterministically) and scores every document."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import polars as pl
from datatrove.data import Document

from curation.manifest.verify import verify_run
from curation.recipe.load import load_recipe
from curation.run.driver import execute
from curation.stages.edu import EduScore
from tests.conftest import ROOT

SAMPLE_EDU = str(ROOT / "classifiers" / "sample_edu")


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_training_at_run_start_is_deterministic(tmp_path):
    a, models_a = EduScore.prepare({"classifier": SAMPLE_EDU, "train": True}, str(tmp_path / "a"))
    b, models_b = EduScore.prepare({"classifier": SAMPLE_EDU, "train": True}, str(tmp_path / "b"))
    assert "train" not in a and a["classifiers"]["default"].endswith("models/sample_edu/model.bin")
    assert sha(Path(a["classifiers"]["default"])) == sha(Path(b["classifiers"]["default"]))
    assert models_a[0]["card"]["name"] == "sample_edu"


def test_scores_threshold_and_drop(tmp_path):
    params, _ = EduScore.prepare({"classifier": SAMPLE_EDU, "train": True}, str(tmp_path))
    edu = "Photosynthesis converts light energy into chemical energy. Chlorophyll in the chloroplasts absorbs light, " * 5
    spam = "buy cheap replica watches casino bonus best price click here now free spins " * 5
    docs = [Document(text=edu, id="e", metadata={"language": "en"}), Document(text=spam, id="s", metadata={"language": "en"})]
    keep_all = EduScore(classifiers=params["classifiers"], drop=False, batch_size=8)
    assert keep_all.filter_batch(docs) == [True, True]
    assert docs[0].metadata["edu_score"] > docs[1].metadata["edu_score"]
    assert isinstance(docs[0].metadata["edu_label"], int)
    strict = EduScore(classifiers=params["classifiers"], threshold=docs[1].metadata["edu_score"] + 1e-6)
    assert strict.filter_batch(docs) == [True, (False, "edu_below_threshold")]


def test_pipeline_scores_every_document_and_lists_the_model(tmp_path):
    import yaml

    raw = {
        "name": "edu",
        "root": str(ROOT),
        "inputs": [{"paths": [str(ROOT / "sample_data" / "jsonl" / "docs.jsonl")], "source": "forum"}],
        "pipeline": [{"langid": {}}, {"edu": {"classifier": "classifiers/sample_edu", "train": True, "drop": False}}],
        "output": {"dir": str(tmp_path / "run")},
    }
    path = tmp_path / "edu.yaml"
    path.write_text(yaml.safe_dump(raw))
    runs = [execute(load_recipe(path, output=str(tmp_path / f"run{w}")), workers=w, progress=False) for w in (1, 2)]
    assert runs[0].manifest["content_hash"] == runs[1].manifest["content_hash"]
    m = runs[0].manifest
    df = pl.read_parquet(f"{runs[0].run_dir}/shards/*.parquet")
    assert df.height > 0 and df["edu_score"].null_count() == 0 and df["edu_label"].null_count() == 0
    assert [s["kind"] for s in m["side_outputs"] if s["path"].startswith("models/")] == ["model"]
    assert m["models"][0]["name"] == "sample_edu" and "metrics" in json.dumps(m["models"][0]["card"])
    assert verify_run(runs[0].run_dir) == []


FRENCH = "La photosynthèse convertit l'énergie lumineuse en énergie chimique. La chlorophylle absorbe la lumière. " * 5
ENGLISH = "Photosynthesis converts light energy into chemical energy. Chlorophyll in the chloroplasts absorbs light, " * 5


def _counters(step: EduScore) -> dict[str, int]:
    return {k: int(v.total) for k, v in step.stats.stats.items() if k.startswith("scored_untrained")}


def test_documents_of_languages_the_classifier_was_not_trained_on_are_counted_not_changed(tmp_path):
    import shutil

    import yaml

    params, models = EduScore.prepare({"classifier": SAMPLE_EDU, "train": True}, str(tmp_path / "run"))
    assert params["trained_languages"] == {params["classifiers"]["default"]: ["en"]} and models[0]["languages"] == ["en"]
    docs = [Document(text=t, id=str(i), metadata={"language": lang})
            for i, (t, lang) in enumerate([(ENGLISH, "en"), (FRENCH, "fr"), (FRENCH, "fr"), (ENGLISH, "de"), (ENGLISH, None)])]
    step = EduScore(**params, drop=False)
    step.filter_batch(docs)
    assert _counters(step) == {"scored_untrained_language": 4, "scored_untrained_language:fr": 2,
                               "scored_untrained_language:de": 1, "scored_untrained_language:unknown": 1}
    assert all(d.metadata["edu_score"] is not None for d in docs) and docs[0].metadata["edu_score"] == docs[3].metadata["edu_score"]

    # a recipe naming French too: French is no longer counted, and the scores are the same
    folder = tmp_path / "sample_edu_fr"
    shutil.copytree(SAMPLE_EDU, folder, ignore=shutil.ignore_patterns("model.bin", "card.*"))
    raw = yaml.safe_load((folder / "recipe.yaml").read_text())
    (folder / "recipe.yaml").write_text(yaml.safe_dump({**raw, "languages": ["en", "fr"]}))
    params_fr, _ = EduScore.prepare({"classifier": str(folder), "train": True}, str(tmp_path / "run_fr"))
    docs_fr = [Document(text=d.text, id=d.id, metadata={"language": d.metadata["language"]}) for d in docs]
    step_fr = EduScore(**params_fr, drop=False)
    step_fr.filter_batch(docs_fr)
    assert _counters(step_fr) == {"scored_untrained_language": 2, "scored_untrained_language:de": 1,
                                  "scored_untrained_language:unknown": 1}
    assert [d.metadata["edu_score"] for d in docs_fr] == [d.metadata["edu_score"] for d in docs]


def test_committed_classifiers_name_their_languages_and_a_bad_one_is_refused(tmp_path):
    import pytest

    from curation.classify.recipe import ClassifierRecipeError, trained_languages

    folder = ROOT / "classifiers" / "web_edu_wordllama"
    card = json.loads((folder / "card.json").read_text())
    assert "languages" not in card["recipe"]  # the committed card is unchanged: the recipe beside it says
    assert trained_languages(folder / "model.json", card) == ["en"]
    assert trained_languages(tmp_path / "model.bin") == ["en"]  # no recipe, no card: English
    (tmp_path / "recipe.yaml").write_text("name: x\nlanguages: [English]\n")
    with pytest.raises(ClassifierRecipeError, match=r"recipe.yaml: languages: "):
        trained_languages(tmp_path / "model.bin")


def test_the_cli_warns_when_the_edu_model_scored_untrained_languages(tmp_path):
    import subprocess
    import sys

    recipe = tmp_path / "r.yaml"
    recipe.write_text(f"name: t\nroot: {ROOT}\ninputs:\n  - paths: [sample_data/jsonl/docs.jsonl]\n"
                      "pipeline:\n  - langid: {}\n  - edu: {classifier: classifiers/web_edu_wordllama, drop: false}\n")
    proc = subprocess.run([sys.executable, "-m", "curation.cli", "run", str(recipe), "--output", str(tmp_path / "run"),
                           "--workers", "1", "--quiet"], capture_output=True, text=True, timeout=600, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr[-3000:]
    m = json.loads((tmp_path / "run" / "manifest.json").read_text())
    counters = next(s for s in m["stages"] if s["name"] == "edu")["counters"]
    df = pl.read_parquet(tmp_path / "run" / "shards" / "*.parquet")
    others = df.filter(pl.col("language") != "en")["language"].value_counts()
    assert others.height > 0, "the sample needs non-English documents for this test"
    expected = {f"scored_untrained_language:{r['language']}": r["count"] for r in others.iter_rows(named=True)}
    assert {k: v for k, v in counters.items() if ":" in k} == expected
    assert counters["scored_untrained_language"] == sum(expected.values())
    assert m["models"][0]["languages"] == ["en"]
    (line,) = [ln for ln in proc.stderr.splitlines() if "not trained on" in ln]
    assert line.startswith(f"warning: edu scored {sum(expected.values())} document(s) in languages its classifier")
    assert len(expected) <= 6 and all(f"{k.split(':')[1]} {n}" in line for k, n in expected.items())
