"""The wordllama + linear head classifier kind and the committed ``classifiers/web_edu_wordllama``:
reproducible training, scores independent of batching, a model that must match its card, training
data that must carry a licence and an origin, and real signal on grades it was not fitted on."""

from __future__ import annotations

import copy
import hashlib
import json
import shutil
from pathlib import Path

import numpy as np
import pytest
import yaml

from curation.classify.data import ClassifierDataError, read_labelled, stratified_split
from curation.classify.metrics import binary_metrics, roc_auc, spearman
from curation.classify.model import ModelCardError, load_model
from curation.classify.recipe import load_classifier_recipe
from curation.classify.train import build_dataset, train
from curation.stages.edu import EduScore
from tests.conftest import ROOT

SHIPPED = ROOT / "classifiers" / "web_edu_wordllama"


def _copy_recipe(tmp_path: Path, **over) -> Path:
    """The shipped recipe, in a temporary folder pointing at the committed data."""
    raw = yaml.safe_load((SHIPPED / "recipe.yaml").read_text())
    for src in raw["data"]["sources"]:
        src["paths"] = str(SHIPPED / src["paths"])
    raw.pop("evaluations", None)
    raw.update(over)
    folder = tmp_path / "recipe"
    folder.mkdir()
    (folder / "recipe.yaml").write_text(yaml.safe_dump(raw))
    return folder


@pytest.fixture(scope="module")
def held_out():
    recipe = load_classifier_recipe(SHIPPED)
    ds = build_dataset(recipe)
    y = np.asarray(ds.labels)
    _, ho = stratified_split(y, recipe.holdout, recipe.seed)
    return [ds.texts[i] for i in ho], y[ho]


def test_retraining_gives_the_committed_model_byte_for_byte(tmp_path):
    card = train(load_classifier_recipe(_copy_recipe(tmp_path)), tmp_path / "out", run_evaluations=False)
    committed = json.loads((SHIPPED / "card.json").read_text())
    assert card["model"]["sha256"] == committed["model"]["sha256"]
    assert (tmp_path / "out" / "model.json").read_bytes() == (SHIPPED / "model.json").read_bytes()
    assert card["threshold"] == committed["threshold"] and card["head"]["threshold_cv"]["folds"] == 5


def test_the_shipped_model_ranks_held_out_llm_grades(held_out):
    texts, y = held_out
    model = load_model(SHIPPED)
    scores, labels = model.score(texts)
    assert spearman(scores, y) >= 0.62  # measured 0.674 (card.md); the fastText models here: 0.29-0.45
    assert binary_metrics(y >= 3, model.keep(scores, labels))["f1"] >= 0.60  # measured 0.643
    assert scores.min() >= 0 and scores.max() <= 5 and labels.dtype == np.int64


def test_the_bag_of_tokens_carries_signal_of_its_own(held_out):
    """The 16,384 bucket weights are read and used: without them the held-out ranking falls back."""
    texts, y = held_out
    model = load_model(SHIPPED)
    assert model.buckets == 16384 and model.bag_weights.shape == (16384,) and np.abs(model.bag_weights).max() > 0
    with_bag = spearman(model.score(texts)[0], y)
    bare = copy.copy(model)
    bare.buckets, bare.bag_weights = 0, None
    assert with_bag >= spearman(bare.score(texts)[0], y) + 0.02


def test_a_document_scores_the_same_alone_or_in_any_batch(held_out):
    texts = held_out[0][:40]
    model = load_model(SHIPPED)
    together, _ = model.score(texts)
    alone = np.array([model.score([t])[0][0] for t in texts])
    reversed_, _ = model.score(texts[::-1])
    assert together.tobytes() == alone.tobytes() == reversed_[::-1].tobytes()


def test_the_word_cache_gives_the_ids_of_the_piece_path(held_out):
    """The scorer's fast path (whitespace words, cached ids) reads exactly the tokens of the prepared
    text cut at embed_chars, piece by piece: the features the model was trained on."""
    from curation.classify import embed
    from curation.classify.text import prepare

    odd = ["", "  \n ", "The  Cell\n\nis the UNIT of life.", "__label__x says: __LABEL__y", "½ ² é_x a\x1cb\u00a0c",
           "abc \ud800 def", "word " * 399 + "abcdefghij klm", "x" * 6000]
    texts = odd + [t[:k] + " Tail." for t in held_out[0][:30] for k in (1990, 1999, 2000, 2001)] + held_out[0][:60]
    emb = embed.embedder()
    for cold in (True, False):
        if cold:
            emb.clear_cache()
        for t in texts:
            p = prepare(t, 5000)
            words, n = embed.words_of(t, 5000, 2000)
            assert n == len(p), t[:40]
            assert emb.word_ids(words).tolist() == emb.ids(p[:2000]).tolist(), t[:40]
            assert embed.words_of(p, 5000, 2000, prepared=True) == (words, n)


def test_the_direct_bpe_call_tokenizes_pieces_as_encode_does(held_out):
    """New pieces go straight to the BPE model ("\u2581" + piece); that is what Tokenizer.encode does
    with a piece of wordllama's Llama-2 tokenizer: same ids for every piece, Unicode included."""
    from curation.classify import embed

    emb = embed.embedder()
    assert "tokenize" in emb._encode.__code__.co_freevars  # the direct path is the one in use
    odd = ("½ ² ³ 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 😀 👍🏽 中文 日本語 한국어 العربية עברית ñ é ü ß ﬁ Å ‐ – — … • ¶ § © ® ™ ° ± × ÷ ∑ ∞ √ ≈ "
           "\u200b \u200d \ufeff x\u0301 0123456789 ٣ ४ _ __ ___init__ a_b 3.14 <s> </s> <unk> unk")
    texts = [odd] + held_out[0][:200] + ["".join(chr(c) for c in range(i, i + 300)) for i in range(33, 12000, 300)]
    pieces = sorted({p for t in texts for p in embed._PIECES.findall(t)})
    assert len(pieces) > 5000
    assert [p for p in pieces if emb._encode(p) != emb._tok.encode(p, add_special_tokens=False).ids] == []


def test_odd_texts_get_scores_not_errors():
    texts = ["", "   ", "abc \ud800 def", "\x00\x01", "日本語のテキストです。", "word " * 50_000]
    scores, labels = load_model(SHIPPED).score(texts)
    assert len(scores) == len(texts) and np.isfinite(scores).all() and ((scores >= 0) & (scores <= 5)).all()


@pytest.mark.parametrize("tamper, same_hash, message", [
    (lambda m, c: m.update(weights=[w + 0.001 for w in m["weights"]]), False,
     r"sha256 .* does not match .*card\.json model\.sha256"),
    (lambda m, c: c["model"].update(labels=["__label__hq", "__label__lq"]), True,
     r"labels .* do not match .*card\.json model\.labels"),
    (lambda m, c: c["model"].update(dimensions=300), True, r"258 weights do not match .*card\.json model\.dimensions 300"),
])
def test_a_model_that_is_not_the_one_its_card_describes_is_refused_at_run_start(tmp_path, tamper, same_hash, message):
    folder = tmp_path / "web_edu_wordllama"
    shutil.copytree(SHIPPED, folder, ignore=shutil.ignore_patterns("data"))
    model, card = (json.loads((folder / n).read_text()) for n in ("model.json", "card.json"))
    tamper(model, card)
    (folder / "model.json").write_text(json.dumps(model))
    if same_hash:  # only the card's labels or dimensions differ
        card["model"]["sha256"] = hashlib.sha256((folder / "model.json").read_bytes()).hexdigest()
    (folder / "card.json").write_text(json.dumps(card))
    with pytest.raises(ValueError, match=message) as err:
        EduScore.prepare({"classifier": str(folder), "drop": False}, str(tmp_path / "run"))
    assert str(folder / "model.json") in str(err.value) and str(folder / "card.json") in str(err.value)


def test_a_model_whose_bag_is_cut_short_is_refused_naming_the_file(tmp_path):
    model = json.loads((SHIPPED / "model.json").read_text())
    model["bag"]["buckets"] = 8192
    (tmp_path / "model.json").write_text(json.dumps(model))
    with pytest.raises(ValueError, match=r"model\.json: bag weights do not number bag\.buckets 8192"):
        load_model(tmp_path)


def test_the_committed_model_is_copied_into_the_run_and_listed(tmp_path):
    params, models = EduScore.prepare({"classifier": str(SHIPPED), "drop": False}, str(tmp_path))
    assert params["classifiers"]["default"] == str(tmp_path / "models" / "web_edu_wordllama" / "model.json")
    assert models[0]["path"] == "models/web_edu_wordllama/model.json" and models[0]["card"]["route"] == "graded"
    assert (tmp_path / "models" / "web_edu_wordllama" / "card.json").is_file()


@pytest.mark.parametrize("drop", ["licence", "origin"])
def test_training_data_without_licence_or_origin_is_refused_naming_the_file(tmp_path, drop):
    folder = _copy_recipe(tmp_path)
    raw = yaml.safe_load((folder / "recipe.yaml").read_text())
    del raw["data"]["sources"][-1][drop]
    (folder / "recipe.yaml").write_text(yaml.safe_dump(raw))
    with pytest.raises(ClassifierDataError, match=rf"fineweb_edu_llama33_teacher\.jsonl\.gz: training data without {drop}"):
        train(load_classifier_recipe(folder), tmp_path / "out", run_evaluations=False)


@pytest.mark.parametrize("head", [{"C": 1.0, "balance": "oversample"},
                                  {"bag_buckets": 4096, "bag_scale": 2.0, "alpha": 8.0, "balance": "none"}],
                         ids=["logistic", "ridge_bag_platt"])
def test_reference_route_head_trains_and_ranks(tmp_path, head):
    """The same kind on route reference (DCLM's recipe shape): graded pages >= 3 against those <= 1,
    with the logistic head or the bag of tokens (ridge, then Platt scaling to a probability)."""
    head = dict(head)
    balance = head.pop("balance")
    rows = read_labelled([str(p) for p in sorted((SHIPPED / "data").glob("*.jsonl.gz"))], "text", "score", "graded")
    hq = [{"text": t} for t, g in zip(rows.texts, rows.labels) if g >= 3]
    lq = [{"text": t} for t, g in zip(rows.texts, rows.labels) if g <= 1]
    for name, part in (("hq", hq), ("lq", lq)):
        (tmp_path / f"{name}.jsonl").write_text("".join(json.dumps(r) + "\n" for r in part))
    prov = {"origin": "the web_edu_wordllama pages, split by grade", "licence": "ODC-By-1.0"}
    recipe = {"name": "ref", "route": "reference", "model": {"kind": "wordllama_linear", **head},
              "data": {"positive": [{"paths": "hq.jsonl", **prov}], "negative": [{"paths": "lq.jsonl", **prov}]},
              "holdout": 0.25, "seed": 3, "min_rows": 100, "balance": balance}
    (tmp_path / "recipe.yaml").write_text(yaml.safe_dump(recipe))
    card = train(load_classifier_recipe(tmp_path), tmp_path / "out", run_evaluations=False)
    assert card["model"]["labels"] == ["__label__hq", "__label__lq"] and card["route"] == "reference"
    assert card["metrics"]["holdout"]["roc_auc"] >= 0.85
    model = load_model(tmp_path / "out")
    p, lab = model.score(["buy now cheap deals click here", "Photosynthesis converts light energy into chemical energy."])
    assert ((p >= 0) & (p <= 1)).all() and set(lab) <= {0, 1}
    assert model.buckets == head.get("bag_buckets", 0)
    if model.buckets:  # calibrated: on held-out rows the mean P(hq) is near the share of hq rows
        ds = build_dataset(load_classifier_recipe(tmp_path))
        y = np.asarray(ds.labels)
        _, ho = stratified_split(y, 0.25, 3)
        ph, _ = model.score([ds.texts[i] for i in ho], prepared=True)
        assert abs(float(ph.mean()) - float(y[ho].mean())) < 0.1, (ph.mean(), y[ho].mean())


@pytest.mark.shared
def test_dclm_agreement_of_the_shipped_model(shared_data):
    rows = read_labelled([str(shared_data / "edu_labels" / "dclm_agreement_data.jsonl")], "text", "label", "binary")
    scores, _ = load_model(SHIPPED).score(rows.texts)
    auc = roc_auc(np.asarray(rows.labels) == 1, scores)
    assert auc >= 0.76, auc  # measured 0.797 (card.md); never used for training or tuning


REFERENCE = ROOT / "classifiers" / "web_hq_wordllama"


def test_the_reference_model_retrains_byte_for_byte_and_separates_its_held_out_rows(tmp_path):
    """web_hq_wordllama (DCLM's reference recipe): same bytes on retrain, real separation of held-out
    reference vs random-web rows, and none of the graded held-out pages among its training texts."""
    raw = yaml.safe_load((REFERENCE / "recipe.yaml").read_text())
    for role in ("positive", "negative"):
        for src in raw["data"][role]:
            src["paths"] = str(REFERENCE / src["paths"])
    raw.pop("evaluations", None)
    (tmp_path / "recipe.yaml").write_text(yaml.safe_dump(raw))
    card = train(load_classifier_recipe(tmp_path), tmp_path / "out", run_evaluations=False)
    assert (tmp_path / "out" / "model.json").read_bytes() == (REFERENCE / "model.json").read_bytes()
    assert card["metrics"]["holdout"]["roc_auc"] >= 0.88  # measured 0.928 (card.md)
    graded = load_classifier_recipe(SHIPPED)
    ds = build_dataset(graded)
    _, ho = stratified_split(np.asarray(ds.labels), graded.holdout, graded.seed)
    reference_texts = set(build_dataset(load_classifier_recipe(tmp_path)).texts)
    assert not reference_texts & {ds.texts[i] for i in ho}


def test_the_reference_model_ranks_held_out_llm_grades(held_out):
    texts, y = held_out
    p, labels = load_model(REFERENCE).score(texts)
    assert ((p >= 0) & (p <= 1)).all() and set(labels.tolist()) <= {0, 1}
    assert roc_auc(y >= 3, p) >= 0.80, roc_auc(y >= 3, p)


CONVERSATIONAL = ROOT / "benchmarks" / "edu_reference_conv"


def test_the_conversational_negatives_share_no_text_with_the_positives():
    """edu_reference_conv (benchmarks/edu_conv_cv.py's data): every source carries its origin and licence,
    no prepared text is in both classes (the oasst1 replies labelled low quality left the Q&A file), no
    graded held-out page is among its texts, and each conversational source is usable."""
    recipe = load_classifier_recipe(CONVERSATIONAL)
    ds = build_dataset(recipe.model_copy(update={"dedup": False}), digest=False)  # dedup would hide overlaps
    assert all(s["origin"] and s["licence"] for s in ds.sources)
    by_class = [{t for t, y in zip(ds.texts, ds.labels) if y == c} for c in (0, 1)]
    assert not by_class[0] & by_class[1]
    used = {Path(s["files"][0]["path"]).name.split(".")[0]: s["used"] for s in ds.sources}
    for name in ("youtube_psy_comment_pages", "stackexchange_low_scored_answers", "datascience_meta_threads",
                 "oasst1_en_validation_low_quality"):
        assert used[name] >= 30, used
    graded = load_classifier_recipe(SHIPPED)
    g = build_dataset(graded, digest=False)
    _, ho = stratified_split(np.asarray(g.labels), graded.holdout, graded.seed)
    assert not set(ds.texts) & {g.texts[i] for i in ho}


LENGTH = ROOT / "classifiers" / "web_edu_wordllama_len"


def test_the_length_term_retrains_byte_for_byte_and_moves_only_the_length_weight(tmp_path, held_out):
    """web_edu_wordllama_len = web_edu_wordllama + length_boost 0.25: the committed bytes on retrain, the
    shipped head's weights but for the length weight and the bias, and held-out grades still ranked."""
    raw = yaml.safe_load((LENGTH / "recipe.yaml").read_text())
    for src in raw["data"]["sources"]:
        src["paths"] = str(LENGTH / src["paths"])
    raw.pop("evaluations", None)
    (tmp_path / "recipe.yaml").write_text(yaml.safe_dump(raw))
    train(load_classifier_recipe(tmp_path), tmp_path / "out", run_evaluations=False)
    assert (tmp_path / "out" / "model.json").read_bytes() == (LENGTH / "model.json").read_bytes()
    boosted, base = (json.loads((f / "model.json").read_text())["weights"] for f in (LENGTH, SHIPPED))
    assert boosted[:256] == base[:256] and boosted[256] > base[256] and boosted[257] < base[257]
    texts, y = held_out
    assert spearman(load_model(LENGTH).score(texts)[0], y) >= 0.62  # measured 0.680 (card.md)
