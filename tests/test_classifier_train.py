"""Educational-quality classifiers: data reading, recipes, training, determinism, metrics, scoring.

The graded route is trained on a small synthetic JSONL written here (grades 0-5, each grade with its
own vocabulary, plus bad rows of every kind); the reference route on the project's sample_edu data
and, with ../shared/data, on the academic/web sources of ``classifiers/web_edu_reference`` with
DCLM's agreement data kept out of training and only evaluated.
"""

from __future__ import annotations

import hashlib
import json
import random
import sys
import types
from pathlib import Path

import numpy as np
import pytest

from curation.classify.data import (
    ClassifierDataError,
    parse_label,
    read_labelled,
    stratified_split,
)
from curation.classify.evaluate import evaluate, format_report
from curation.classify.metrics import binary_metrics, classification_metrics, format_metrics, roc_auc
from curation.classify.model import FASTTEXT_FIX, fasttext_module, load_model
from curation.classify.recipe import ClassifierRecipeError, load_classifier_recipe
from curation.classify.text import prepare
from curation.classify.train import train

ROOT = Path(__file__).resolve().parents[1]
FILLER = ("the of and to in a is that for it as was with be by on not he this are or his from at which "
          "but have an they you were her she there been one all we their has would when if so no will").split()


def _doc(rng: random.Random, grade: int, n_words: int = 80) -> str:
    """A document of grade ``grade``: its own vocabulary, some of the neighbours', and filler."""
    words = []
    for _ in range(n_words):
        r = rng.random()
        if r < 0.35:
            words.append(f"topic{grade}w{rng.randrange(25)}")
        elif r < 0.45:
            near = min(5, max(0, grade + rng.choice((-1, 1))))
            words.append(f"topic{near}w{rng.randrange(25)}")
        else:
            words.append(rng.choice(FILLER))
    sentences = [" ".join(words[i:i + 12]).capitalize() + "." for i in range(0, len(words), 12)]
    return "\n".join(sentences)


GOOD_PER_GRADE = 40
#: the bad rows written after the good ones, and the reason each must be counted under
BAD_ROWS = [
    ('{"text": "no score at all"}', "unlabelled"),
    ('{"text": "null score", "score": null}', "unlabelled"),
    ('{"text": "score seven", "score": 7}', "label_out_of_range"),
    ('{"text": "score minus one", "score": -1}', "label_out_of_range"),
    ('{"text": "score 5.2", "score": 5.2}', "label_out_of_range"),
    ('{"text": "", "score": 3}', "empty_text"),
    ('{"text": "   \\n  ", "score": 2}', "empty_text"),
    ('{"score": 4}', "missing_text"),
    ('{"text": 12, "score": 4}', "bad_text"),
    ('{"text": "a word", "score": "high"}', "bad_label"),
    ('{"text": "a bool", "score": true}', "bad_label"),
    ('{"text": "cut off", "sco', "bad_json"),
    ('[1, 2, 3]', "not_an_object"),
]


@pytest.fixture(scope="module")
def graded_file(tmp_path_factory) -> Path:
    rng = random.Random(7)
    path = tmp_path_factory.mktemp("graded") / "annotations.jsonl"
    lines = []
    for i in range(GOOD_PER_GRADE):
        for g in range(6):
            lines.append(json.dumps({"id": f"d{g}-{i}", "text": _doc(rng, g), "score": g}))
    # floats round half up; numeric strings are numbers
    lines.append(json.dumps({"id": "half", "text": _doc(rng, 3), "score": 2.5}))
    lines.append(json.dumps({"id": "below-half", "text": _doc(rng, 2), "score": 2.49}))
    lines.append(json.dumps({"id": "string", "text": _doc(rng, 4), "score": "4"}))
    lines += [raw for raw, _ in BAD_ROWS]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _graded_recipe(folder: Path, data: Path, **over) -> Path:
    recipe = {
        "name": "graded_test",
        "route": "graded",
        "data": {"sources": [{"paths": data.name, "text_field": "text", "score_field": "score",
                              "origin": "written by this test", "licence": "Apache-2.0 (this project's)"}]},
        "fasttext": {"lr": 0.5, "epoch": 20, "wordNgrams": 2, "dim": 16, "bucket": 20000},
        "holdout": 0.25,
        "seed": 11,
        "min_rows": 50,
        **over,
    }
    folder.mkdir(parents=True, exist_ok=True)
    if data.parent != folder:
        (folder / data.name).write_bytes(data.read_bytes())
    path = folder / "recipe.yaml"
    import yaml

    path.write_text(yaml.safe_dump(recipe, sort_keys=False), encoding="utf-8")
    return path


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def graded_model(tmp_path_factory, graded_file):
    folder = tmp_path_factory.mktemp("graded_model")
    recipe = load_classifier_recipe(_graded_recipe(folder, graded_file))
    card = train(recipe, folder / "out")
    return folder / "out", card


# --------------------------------------------------------------------------------------------
# text normalisation, labels, reading
# --------------------------------------------------------------------------------------------


def test_prepare_folds_whitespace_lowercases_and_truncates():
    assert prepare("  The Cell\n\nis  the\tunit of LIFE.\r\n") == "the cell is the unit of life."
    assert prepare("a\u00a0b\u2028c") == "a b c"  # Unicode whitespace too
    assert "\n" not in prepare("x\n" * 100)
    assert prepare("abcdef ghij", max_chars=6) == "abcdef"
    assert prepare("see __label__hq here") == "see _label_hq here"  # never a fastText label


def _fasttext_tokens(line: str) -> list[str]:
    """How fastText splits a line into words (ASCII whitespace and NUL)."""
    import re

    return [w for w in re.split(r"[ \t\n\r\v\f\x00]+", line) if w]


@pytest.mark.parametrize("text", [
    "Plain ASCII text.\nSecond line\r\n\tindented  and   spaced",
    "Curly \u2019quotes\u2019 and \u201cmore\u201d \u2014 no odd spaces\nnewline",
    "non\u00a0breaking\u2009thin\u3000ideographic\u2028line sep",
    "ascii\x1cfile\x1fseparators",
    "nul\x00inside and __LABEL__hq upper-case label",
    "\u00c9COLE \u0130stanbul STRASSE",
    "",
    "x" * 20_000,
])
def test_scoring_lines_have_the_tokens_of_prepare(text):
    from curation.classify.text import fasttext_lines

    (line,) = fasttext_lines([text], max_chars=10_000)
    assert line.endswith("\n") and line.count("\n") == 1
    assert _fasttext_tokens(line) == _fasttext_tokens(prepare(text, 10_000))


@pytest.mark.parametrize("value, label, reason", [
    (3, 3, None), (0, 0, None), (5, 5, None), (2.5, 3, None), (2.49, 2, None), (4.5, 5, None), (0.4, 0, None),
    ("4", 4, None), (" 1.5 ", 2, None), (np.int64(2), 2, None),
    (None, None, "unlabelled"), (float("nan"), None, "unlabelled"), ("", None, "unlabelled"),
    (7, None, "label_out_of_range"), (-0.1, None, "label_out_of_range"), (5.01, None, "label_out_of_range"),
    (float("inf"), None, "label_out_of_range"), ("high", None, "bad_label"), (True, None, "bad_label"),
    ([3], None, "bad_label"),
])
def test_graded_labels_round_half_up_and_refuse_out_of_range(value, label, reason):
    assert parse_label(value, "graded") == (label, reason)


@pytest.mark.parametrize("value, label, reason", [
    (1, 1, None), (0, 0, None), (True, 1, None), ("0", 0, None), ("true", 1, None),
    (2, None, "label_out_of_range"), (0.5, None, "label_out_of_range"), (None, None, "unlabelled"),
])
def test_binary_labels(value, label, reason):
    assert parse_label(value, "binary") == (label, reason)


def test_bad_rows_are_counted_by_reason(graded_file):
    rows = read_labelled(str(graded_file), "text", "score", "graded")
    expected: dict[str, int] = {}
    for _, reason in BAD_ROWS:
        expected[reason] = expected.get(reason, 0) + 1
    assert dict(rows.report.counts) == expected
    assert rows.report.total == len(BAD_ROWS)
    assert len(rows.texts) == 6 * GOOD_PER_GRADE + 3
    counts = rows.label_counts()
    assert counts["3"] == GOOD_PER_GRADE + 1  # 2.5 -> 3
    assert counts["2"] == GOOD_PER_GRADE + 1  # 2.49 -> 2
    assert counts["4"] == GOOD_PER_GRADE + 1  # "4" -> 4
    ex = rows.report.to_dict()["examples"]["label_out_of_range"]
    assert ex[0]["where"].startswith("annotations.jsonl:") and "score=7" in ex[0]["detail"]


def test_parquet_input(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.table({"content": ["good text", None, "  ", "other text", "more"],
                      "grade": [3.0, 2.0, 1.0, None, 9.0]})
    path = tmp_path / "rows.parquet"
    pq.write_table(table, path)
    rows = read_labelled(str(path), "content", "grade", "graded")
    assert rows.texts == ["good text"] and rows.labels == [3]
    assert dict(rows.report.counts) == {"missing_text": 1, "empty_text": 1, "unlabelled": 1, "label_out_of_range": 1}


def test_missing_file_is_an_error(tmp_path):
    with pytest.raises(ClassifierDataError, match="no such file"):
        read_labelled(str(tmp_path / "nope.jsonl"))


def test_stratified_split_is_seeded_and_stratified():
    labels = [0] * 50 + [1] * 30 + [2] * 3 + [3]
    tr, ho = stratified_split(labels, 0.2, seed=5)
    tr2, ho2 = stratified_split(labels, 0.2, seed=5)
    assert np.array_equal(tr, tr2) and np.array_equal(ho, ho2)
    assert not set(tr) & set(ho) and len(tr) + len(ho) == len(labels)
    y = np.asarray(labels)
    assert [int(np.sum(y[ho] == c)) for c in range(4)] == [10, 6, 1, 0]  # a single row stays in training
    _, ho3 = stratified_split(labels, 0.2, seed=6)
    assert not np.array_equal(ho, ho3)


# --------------------------------------------------------------------------------------------
# recipes
# --------------------------------------------------------------------------------------------


def test_recipe_paths_are_relative_to_the_recipe(tmp_path, graded_file):
    path = _graded_recipe(tmp_path / "clf", graded_file)
    recipe = load_classifier_recipe(path.parent)  # the folder works too
    assert recipe.data.sources[0].paths == [str(tmp_path / "clf" / graded_file.name)]
    assert recipe.keep_threshold == 3.0 and recipe.fasttext.thread == 1 and recipe.fasttext_seed == 11
    assert recipe.dump()["data"]["sources"][0]["paths"] == [graded_file.name]


@pytest.mark.parametrize("mutate, message", [
    (lambda r: r.update(colour="red"), r"recipe.yaml:\d+: colour: unknown key"),
    (lambda r: r["fasttext"].update(lr=-1), r"recipe.yaml:\d+: fasttext.lr: Input should be greater than 0"),
    (lambda r: r["fasttext"].update(thread=4), r"fasttext.thread"),
    (lambda r: r.update(route="regression"), r"recipe.yaml:\d+: route: Input should be 'graded' or 'reference'"),
    (lambda r: r.update(data={"positive": [{"paths": "a.jsonl"}], "negative": [{"paths": "b.jsonl"}]}),
     r"recipe.yaml:\d+: data: route 'graded' needs data.sources"),
    (lambda r: r.update(threshold=7), r"threshold: a graded threshold is a score in \[0, 5\]"),
    (lambda r: r.update(model={"kind": "fasttext", "length_boost": 0.25}),
     r"recipe.yaml:\d+: model: .*length_boost is for a graded wordllama_linear model only"),
    (lambda r: r["data"]["sources"][0].update(score_feld="x"), r"data.sources.0.score_feld: unknown key"),
])
def test_recipe_errors_name_file_line_and_field(tmp_path, mutate, message):
    import yaml

    raw = {"name": "x", "route": "graded", "data": {"sources": [{"paths": "a.jsonl"}]}, "fasttext": {"lr": 0.1}}
    mutate(raw)
    path = tmp_path / "recipe.yaml"
    path.write_text(yaml.safe_dump(raw, sort_keys=False))
    with pytest.raises(ClassifierRecipeError, match=message) as info:
        load_classifier_recipe(path)
    assert "\n" not in str(info.value)


def test_shipped_recipes_validate():
    for name in ("sample_edu", "web_edu_reference"):
        recipe = load_classifier_recipe(ROOT / "classifiers" / name)
        assert recipe.route == "reference" and recipe.name == name
    ref = load_classifier_recipe(ROOT / "classifiers" / "web_edu_reference")
    training_paths = [p for s in ref.data.positive + ref.data.negative for p in s.paths]
    assert not any("edu_labels" in p for p in training_paths)
    assert any("dclm_agreement_data" in p for e in ref.evaluations for p in e.paths)


# --------------------------------------------------------------------------------------------
# metrics (hand-computed)
# --------------------------------------------------------------------------------------------


def test_metrics_on_a_hand_computed_example():
    m = classification_metrics([0, 0, 1, 1, 2, 2], [0, 1, 1, 1, 2, 0])
    assert m["accuracy"] == pytest.approx(4 / 6)
    assert m["confusion"]["matrix"] == [[1, 1, 0], [0, 2, 0], [1, 0, 1]]
    pc = m["per_class"]
    assert (pc["0"]["precision"], pc["0"]["recall"], pc["0"]["f1"]) == pytest.approx((0.5, 0.5, 0.5))
    assert (pc["1"]["precision"], pc["1"]["recall"], pc["1"]["f1"]) == pytest.approx((2 / 3, 1.0, 0.8))
    assert (pc["2"]["precision"], pc["2"]["recall"], pc["2"]["f1"]) == pytest.approx((1.0, 0.5, 2 / 3))
    assert m["macro_f1"] == pytest.approx((0.5 + 0.8 + 2 / 3) / 3)
    assert pc["1"]["support"] == 2 and pc["1"]["predicted"] == 3


def test_graded_binary_f1_and_zero_division():
    m = classification_metrics([5, 4, 3, 2, 1, 0], [4, 2, 3, 3, 0, 0], graded_cut=3)
    b = m["binary"]
    assert (b["tp"], b["fp"], b["fn"], b["tn"]) == (2, 1, 1, 2)
    assert (b["precision"], b["recall"], b["f1"]) == pytest.approx((2 / 3, 2 / 3, 2 / 3))
    # a class never predicted has precision 0 (not NaN); a class never true has recall 0
    m = classification_metrics([0, 0, 1], [0, 0, 0])
    assert m["per_class"]["1"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "support": 1, "predicted": 0}
    assert binary_metrics([], [])["f1"] == 0.0


def test_roc_auc_hand_computed():
    assert roc_auc([1, 0, 1, 0], [0.9, 0.8, 0.4, 0.1]) == pytest.approx(0.75)
    assert roc_auc([1, 0], [0.5, 0.5]) == pytest.approx(0.5)
    assert roc_auc([1, 1, 0], [0.2, 0.3, 0.1]) == pytest.approx(1.0)
    assert roc_auc([1, 1], [0.2, 0.3]) is None


def test_format_metrics_is_a_table():
    text = format_metrics(classification_metrics([0, 1, 1], [0, 1, 0], graded_cut=1))
    assert "accuracy 66.7%" in text and "confusion matrix" in text and "binary (score >= 1)" in text


# --------------------------------------------------------------------------------------------
# graded route: training, card, scoring, evaluation
# --------------------------------------------------------------------------------------------


def test_graded_training_writes_model_and_card(graded_model):
    out, card = graded_model
    assert (out / "model.bin").is_file() and (out / "card.json").is_file() and (out / "card.md").is_file()
    assert json.loads((out / "card.json").read_text()) == card
    assert card["route"] == "graded" and card["threshold"] == 3.0
    assert card["model"]["labels"] == sorted(card["model"]["labels"]) or len(card["model"]["labels"]) == 6
    assert card["model"]["sha256"] == _sha256(out / "model.bin")
    src = card["data"]["sources"][0]
    assert src["files"][0]["sha256"] and src["files"][0]["bytes"] > 0 and src["files"][0]["path"] == "annotations.jsonl"
    assert card["data"]["dropped"]["by_reason"]["label_out_of_range"] == 3
    assert card["data"]["dropped"]["total"] == len(BAD_ROWS)
    counts = card["data"]["label_counts"]
    assert sum(counts["all"].values()) == 6 * GOOD_PER_GRADE + 3
    assert {k: counts["train"][k] + counts["holdout"][k] for k in counts["all"]} == counts["all"]
    assert counts["holdout"]["0"] == 10  # 25% of 40, per class
    hold = card["metrics"]["holdout"]
    for key in ("accuracy", "macro_f1", "per_class", "confusion", "binary"):
        assert key in hold
    assert hold["binary"]["rule"] == "score >= 3"
    assert len(hold["confusion"]["matrix"]) == 6
    # the synthetic grades have their own vocabularies: the model must find them
    assert hold["accuracy"] > 0.8 and hold["binary"]["f1"] > 0.9
    assert card["fasttext"]["thread"] == 1 and card["fasttext"]["seed"] == 11 and card["fasttext"]["wordNgrams"] == 2
    assert card["versions"]["fasttext-numpy2-wheel"] and card["versions"]["curation"] and card["created"]
    md = (out / "card.md").read_text()
    for heading in ("# Model card: `graded_test`", "## Training data", "## Held-out metrics", "confusion matrix",
                    "annotations.jsonl", "label_out_of_range 3", "## Versions"):
        assert heading in md


def test_graded_scores(graded_model, graded_file):
    out, _ = graded_model
    model = load_model(out)
    assert load_model(out / "model.bin") is model  # cached per process
    rng = random.Random(99)
    texts = [_doc(rng, g) for g in range(6) for _ in range(5)]
    scores, labels = model.score(texts)
    assert scores.shape == labels.shape == (30,) and scores.dtype == np.float64 and labels.dtype == np.int64
    assert np.all((scores >= 0) & (scores <= 5))
    proba = model.predict_proba(texts)
    assert np.allclose(proba.sum(axis=1), 1.0, atol=1e-4)
    assert np.allclose(scores, proba @ model.values)
    assert np.array_equal(labels, model.values[proba.argmax(axis=1)].astype(int))
    truth = np.repeat(np.arange(6), 5)
    assert np.mean(labels == truth) > 0.7
    assert np.corrcoef(scores, truth)[0, 1] > 0.9
    assert np.array_equal(model.keep(scores, labels), labels >= 3)
    empty_scores, empty_labels = model.score([])
    assert empty_scores.shape == (0,) and empty_labels.shape == (0,)
    odd = model.score(["", "x" * 50_000, "bad \ud800 surrogate", "__label__5 text"])[0]
    assert odd.shape == (4,) and np.all(np.isfinite(odd))
    # the fast scoring path and the training normalisation give the same predictions
    mixed = [t.replace(" ", "\u00a0", 3).replace(".", ".\n") if i % 3 == 0 else t.upper() for i, t in enumerate(texts)]
    assert np.array_equal(model.predict_proba(mixed), model.predict_proba([prepare(t) for t in mixed], prepared=True))


def test_evaluate_prints_the_same_metrics(graded_model, graded_file):
    out, card = graded_model
    result = evaluate(out / "model.bin", graded_file, "text", "score")
    assert result["data"]["rows_used"] == 6 * GOOD_PER_GRADE + 3
    assert result["data"]["dropped"]["by_reason"]["unlabelled"] == 2
    m = result["metrics"]
    assert set(card["metrics"]["holdout"]) <= set(m)
    report = format_report(result)
    assert "accuracy" in report and "macro-F1" in report and "confusion matrix" in report
    assert "binary (score >= 3)" in report and "dropped: " in report


# --------------------------------------------------------------------------------------------
# determinism
# --------------------------------------------------------------------------------------------


def test_same_seed_same_model_bytes_even_after_other_trainings(tmp_path, graded_file, graded_model):
    out1, card1 = graded_model
    # fastText (this wheel) reads uninitialised memory when training; dirty the heap first with a
    # model of another size, as a long-lived process would, then train the same recipe again.
    other = load_classifier_recipe(_graded_recipe(tmp_path / "other", graded_file, seed=3,
                                                  fasttext={"dim": 8, "bucket": 100000, "epoch": 2}))
    train(other, tmp_path / "other" / "out")
    recipe = load_classifier_recipe(_graded_recipe(tmp_path / "again", graded_file))
    card2 = train(recipe, tmp_path / "again" / "out")
    assert card2["model"]["sha256"] == card1["model"]["sha256"]
    assert _sha256(tmp_path / "again" / "out" / "model.bin") == _sha256(out1 / "model.bin")
    assert card2["metrics"] == card1["metrics"]
    texts = [_doc(random.Random(5), g) for g in range(6)]
    a = load_model(out1).predict_proba(texts)
    b = load_model(tmp_path / "again" / "out").predict_proba(texts)
    assert np.array_equal(a, b)
    # another seed gives another split and another model
    card3 = train(load_classifier_recipe(_graded_recipe(tmp_path / "seed12", graded_file, seed=12)),
                  tmp_path / "seed12" / "out")
    assert card3["model"]["sha256"] != card1["model"]["sha256"]


def test_fresh_process_training_gives_the_same_bytes(tmp_path, graded_file, graded_model, monkeypatch):
    """The fallback without glibc (training in a fresh Python process) gives the same model."""
    monkeypatch.setenv("CURATION_FASTTEXT_SUBPROCESS", "1")
    card = train(load_classifier_recipe(_graded_recipe(tmp_path / "sub", graded_file)), tmp_path / "sub" / "out")
    assert card["model"]["sha256"] == graded_model[1]["model"]["sha256"]


# --------------------------------------------------------------------------------------------
# refusals
# --------------------------------------------------------------------------------------------


def _write(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return path


def test_single_class_is_refused(tmp_path):
    data = _write(tmp_path / "one.jsonl", [{"text": f"document number {i}", "score": 4} for i in range(80)]
                  + [{"text": "out of range", "score": 9}])
    recipe = load_classifier_recipe(_graded_recipe(tmp_path / "c", data))
    with pytest.raises(ClassifierDataError) as info:
        train(recipe, tmp_path / "out")
    msg = str(info.value)
    assert "same label (4)" in msg and "at least two classes" in msg and "label_out_of_range: 1" in msg
    assert "\n" not in msg
    assert not (tmp_path / "out" / "model.bin").exists()


def test_too_few_rows_are_refused(tmp_path):
    rows = [{"text": f"document number {i}", "score": i % 6} for i in range(30)] + [{"text": "", "score": 1}] * 4
    data = _write(tmp_path / "few.jsonl", rows)
    recipe = load_classifier_recipe(_graded_recipe(tmp_path / "c", data, min_rows=50))
    with pytest.raises(ClassifierDataError, match=r"only 30 usable rows, fewer than min_rows=50 \(dropped: empty_text: 4\)"):
        train(recipe, tmp_path / "out")


def test_duplicates_are_dropped_before_the_split(tmp_path):
    rng = random.Random(3)
    rows = [{"text": _doc(rng, g), "score": g} for g in (1, 4) for _ in range(30)]
    rows += [dict(rows[0], text=rows[0]["text"].upper() + "\n")] * 3  # the same after normalisation
    data = _write(tmp_path / "dups.jsonl", rows)
    card = train(load_classifier_recipe(_graded_recipe(tmp_path / "c", data, min_rows=10)), tmp_path / "out")
    assert card["data"]["dropped"]["by_reason"] == {"duplicate_text": 3}
    assert card["data"]["rows"]["usable"] == 60


def test_predict_only_fasttext_is_named(monkeypatch):
    fake = types.ModuleType("fasttext")
    fake.load_model = lambda path: None  # fasttext-predict's module: no train_supervised
    monkeypatch.setitem(sys.modules, "fasttext", fake)
    with pytest.raises(RuntimeError, match="fasttext-predict") as info:
        fasttext_module(training=True)
    assert FASTTEXT_FIX in str(info.value)
    assert fasttext_module(training=False) is fake


# --------------------------------------------------------------------------------------------
# reference route
# --------------------------------------------------------------------------------------------


def test_sample_edu_trains_from_sample_data(tmp_path):
    recipe = load_classifier_recipe(ROOT / "classifiers" / "sample_edu")
    card = train(recipe, tmp_path / "sample_edu")
    assert card["route"] == "reference" and card["model"]["labels"] == ["__label__hq", "__label__lq"]
    counts = card["data"]["label_counts"]["all"]
    assert counts["hq"] >= 35 and counts["lq"] >= 15
    assert card["metrics"]["holdout"]["roc_auc"] is not None
    model = load_model(tmp_path / "sample_edu")
    assert model.route == "reference" and model.threshold == 0.5
    texts = {name: [json.loads(line)["text"] for line in open(ROOT / f"classifiers/sample_edu/data/{name}.jsonl")]
             for name in ("hq", "lq")}
    s_hq, l_hq = model.score(texts["hq"])
    s_lq, _ = model.score(texts["lq"])
    assert np.all((s_hq >= 0) & (s_hq <= 1)) and np.array_equal(l_hq, (s_hq >= 0.5).astype(int))
    assert roc_auc([1] * len(s_hq) + [0] * len(s_lq), np.concatenate([s_hq, s_lq])) > 0.9  # its own data
    assert np.array_equal(model.keep(s_hq, l_hq), s_hq >= 0.5)


def test_reference_sources_go_through_the_pipeline_readers(tmp_path):
    """The reference route reads dumps with the run's own readers: the same text, the same guards."""
    from curation.classify.data import DropReport
    from curation.classify.recipe import ReferenceSource
    from curation.classify.sources import load_source
    from curation.readers import READERS

    (tmp_path / "se").mkdir()
    posts = tmp_path / "se" / "Posts.xml"
    posts.write_text('<?xml version="1.0" encoding="utf-8"?>\n<posts>\n'
                     '<row Id="1" PostTypeId="1" Score="3" Title="Why boil wort?" Body="&lt;p&gt;Why &amp;amp; how?&lt;/p&gt;" />\n'
                     '<row Id="2" PostTypeId="2" ParentId="1" Score="5" Body="&lt;p&gt;To sterilise it.&lt;/p&gt;" />\n'
                     '<row Id="3" PostTypeId="1" Score="1" Body="no title" />\n</posts>\n')
    bomb = tmp_path / "bomb" / "Posts.xml"
    bomb.parent.mkdir()
    bomb.write_text('<?xml version="1.0"?>\n<!DOCTYPE posts [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>\n'
                    '<posts><row Id="1" PostTypeId="1" Score="1" Title="&b;" Body="&b;" /></posts>\n')
    book = ("The Project Gutenberg eBook of X\n*** START OF THE PROJECT GUTENBERG EBOOK X ***\n\nChapter 1\n\n"
            "It was a dark night.\n\n*** END OF THE PROJECT GUTENBERG EBOOK X ***\nlicence text")
    (tmp_path / "books").mkdir()
    (tmp_path / "books" / "pg1.txt").write_text(book)
    (tmp_path / "books" / "pg2.txt").write_text("no markers here, only a licence")

    def load(kind: str, path) -> tuple[list[str], DropReport]:
        report = DropReport()
        texts, _ = load_source(ReferenceSource(kind=kind, paths=[str(path)]), report, seed=1)
        return texts, report

    texts, report = load("stackexchange", posts)
    assert texts == [doc.text for doc in READERS["stackexchange"](str(posts)).run()]
    assert texts[0].startswith("Why boil wort?\n\nWhy & how?") and "To sterilise it." in texts[0]
    assert report.counts == {"reader_missing_field": 1}  # the question without a title, named by its row
    texts, report = load("stackexchange", bomb)
    assert texts == [] and report.counts == {"reader_unsafe_xml": 1}  # xml_safe refuses entity declarations
    texts, report = load("gutenberg", tmp_path / "books")
    assert texts == [next(READERS["gutenberg"](str(tmp_path / "books" / "pg1.txt")).run()).text]
    assert "Chapter 1" in texts[0] and "licence" not in texts[0]
    assert report.counts == {"no_gutenberg_markers": 1}


def test_chunk_text():
    from curation.classify.sources import chunk_text

    paragraphs = "\n\n".join(f"paragraph {i} " + "word " * 60 for i in range(20))
    pieces = chunk_text(paragraphs, 1000)
    assert len(pieces) > 3 and all(len(p) <= 1400 for p in pieces)
    assert " ".join(" ".join(pieces).split()) == " ".join(paragraphs.split())
    long_para = "x" * 50 + " " + "y " * 2000
    assert all(len(p) <= 1250 for p in chunk_text(long_para, 1000))  # a short tail joins the last piece


#: Measured on DCLM's agreement data (281 documents, 152 labelled high quality) with the model that
#: classifiers/web_edu_reference/recipe.yaml trains (its card.md; classifiers/README.md discusses it).
#: The test allows 0.05 below each, and requires better than chance.
DCLM_ACCURACY = 0.577
DCLM_MACRO_F1 = 0.431
DCLM_AUC = 0.774
DCLM_MARGIN = 0.05


@pytest.mark.shared
def test_dclm_agreement_of_the_reference_classifier(shared_data, tmp_path):
    agreement = shared_data / "edu_labels" / "dclm_agreement_data.jsonl"
    recipe = load_classifier_recipe(ROOT / "classifiers" / "web_edu_reference")
    card = train(recipe, tmp_path / "web_edu_reference")
    # trained without the agreement file (by hash) and without any of its texts
    used = {f["sha256"] for s in card["data"]["sources"] for f in s["files"]}
    assert hashlib.sha256(agreement.read_bytes()).hexdigest() not in used
    ev = card["evaluations"]["dclm_agreement"]
    assert ev["data"]["file_in_training_data"] is False and ev["data"]["overlap_with_training"] == 0
    assert ev["data"]["rows_used"] == 281 and ev["data"]["label_counts"] == {"0": 129, "1": 152}
    m = ev["metrics"]
    assert m["roc_auc"] > 0.5 and m["accuracy"] > 0.5  # better than chance
    assert m["roc_auc"] >= DCLM_AUC - DCLM_MARGIN
    assert m["accuracy"] >= DCLM_ACCURACY - DCLM_MARGIN
    assert m["macro_f1"] >= DCLM_MACRO_F1 - DCLM_MARGIN
    assert m["mean_score_by_label"]["1"] > m["mean_score_by_label"]["0"]
    # evaluate() on the file gives the same numbers as the card
    res = evaluate(tmp_path / "web_edu_reference" / "model.bin", agreement, "text", "label")
    assert res["metrics"]["accuracy"] == pytest.approx(m["accuracy"])
    assert res["metrics"]["roc_auc"] == pytest.approx(m["roc_auc"])
    # every source is named with its hash; only the training split is balanced
    kinds = {s["kind"] for s in card["data"]["sources"]}
    assert kinds == {"arxiv", "stackexchange", "mediawiki", "gutenberg", "warc", "html"}
    assert all(f["sha256"] for s in card["data"]["sources"] for f in s["files"])
    counts = card["data"]["label_counts"]
    assert counts["fitted"]["hq"] == counts["fitted"]["lq"] == counts["train"]["hq"]


def test_parquet_without_the_label_column_is_an_error(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = tmp_path / "rows.parquet"
    pq.write_table(pa.table({"text": ["a", "b"]}), path)
    with pytest.raises(ClassifierDataError, match=r"rows.parquet: no column 'score' \(columns: text\)"):
        read_labelled(str(path), "text", "score")


def test_folders_and_globs(tmp_path):
    from curation.classify.data import expand_paths

    (tmp_path / "d").mkdir()
    for name in ("a.jsonl", "b.JSONL", "notes.txt"):
        (tmp_path / "d" / name).write_text("{}\n")
    assert [Path(p).name for p in expand_paths([str(tmp_path / "d")], (".jsonl",))] == ["a.jsonl", "b.JSONL"]
    assert [Path(p).name for p in expand_paths([str(tmp_path / "d" / "*.txt")])] == ["notes.txt"]
    assert [Path(p).name for p in expand_paths([str(tmp_path / "d" / "notes.txt")], (".jsonl",))] == ["notes.txt"]
    with pytest.raises(ClassifierDataError, match="matches no file"):
        expand_paths([str(tmp_path / "d" / "*.parquet")])
