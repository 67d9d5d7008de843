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
