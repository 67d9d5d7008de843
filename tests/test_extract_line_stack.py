"""The line model's second level: neighbour-score columns, and a model file with a ``stack`` block."""

from __future__ import annotations

import json

import numpy as np
import pytest

from curation.extract.line_stack import PAD, STACK_FEATURES, stack_columns
from curation.extract.lines import LINE_FEATURES, LineModel
from curation.extract.train_lines import HGB_PARAMS, STACK_PARAMS, _export


def _col(x: np.ndarray, name: str) -> list[float]:
    return np.round(x[:, STACK_FEATURES.index(name)], 4).tolist()


def test_stack_columns_by_hand():
    s = np.array([0.1, 0.9, 0.5, 0.2, 0.85, 0.3])
    x = stack_columns(s, np.log1p(np.arange(6.0)), ["", "item card", "", "item card", "item card", "nav"])
    assert x.shape == (6, len(STACK_FEATURES))
    assert _col(x, "s_m1") == [PAD, 0.1, 0.9, 0.5, 0.2, 0.85]
    assert _col(x, "s_p3") == [0.2, 0.85, 0.3, PAD, PAD, PAD]
    assert _col(x, "s_max2") == [0.9, 0.9, 0.9, 0.9, 0.85, 0.85]
    assert _col(x, "s_min2") == [0.1, 0.1, 0.1, 0.2, 0.2, 0.2]  # the padding is not a minimum
    # runs of lines >= 0.45: lines 1-2 (2 lines) and 4 (1 line); the others are in no kept run
    assert _col(x, "run") == np.round(np.log1p([0, 2, 2, 0, 1, 0]), 4).tolist()
    assert _col(x, "run_same") == np.round(np.log1p([1, 2, 2, 1, 1, 1]), 4).tolist()
    # lines to the nearest line >= 0.8 before / after (0 on it; the page's line count when there is none)
    assert _col(x, "dist_conf_prev") == np.round(np.log1p([6, 0, 1, 2, 0, 1]), 4).tolist()
    assert _col(x, "dist_conf_next") == np.round(np.log1p([1, 0, 2, 1, 0, 6]), 4).tolist()
    assert _col(x, "page_kept") == [0.5] * 6 and _col(x, "words") == np.round(np.log1p(np.arange(6.0)), 4).tolist()
    # lines 1, 3 and 4 share their element's class words: one group (mean 0.65, 2 of 3 kept, 3 lines)
    assert _col(x, "group_mean") == [0.1, 0.65, 0.5, 0.65, 0.65, 0.3]
    assert _col(x, "group_kept") == [0.0, 0.6667, 1.0, 0.6667, 0.6667, 0.0]
    assert _col(x, "group_n") == np.round(np.log1p([0, 3, 0, 3, 3, 1]), 4).tolist()
    assert stack_columns(np.zeros(0), np.zeros(0), []).shape == (0, len(STACK_FEATURES))
    assert stack_columns(np.array([0.7]), np.zeros(1), [""])[0, STACK_FEATURES.index("s_min5")] == 0.7


def _first_level(rng: np.random.Generator) -> dict:
    from sklearn.ensemble import HistGradientBoostingRegressor

    names = list(LINE_FEATURES) + ["page_a"]
    x = rng.normal(size=(1000, len(names)))
    x[:, LINE_FEATURES.index("punct")] = y = rng.integers(0, 2, size=1000).astype(float)  # keep sentence ends
    return _export(HistGradientBoostingRegressor(**{**HGB_PARAMS, "max_iter": 10}).fit(x, y), names, 0.5)


def test_a_stack_block_decides_a_line_by_its_neighbours_scores():
    from sklearn.ensemble import HistGradientBoostingRegressor

    rng = np.random.default_rng(0)
    spec = _first_level(rng)
    # a stack that keeps a line when its previous line's first-level score is high, whatever its own
    xs = rng.uniform(0, 1, size=(3000, len(STACK_FEATURES)))
    y = (xs[:, STACK_FEATURES.index("s_m1")] > 0.5).astype(float)
    stack = _export(HistGradientBoostingRegressor(**STACK_PARAMS).fit(xs, y), list(STACK_FEATURES), 0.0)
    block = {k: stack[k] for k in ("features", "init", "learning_rate", "trees")}
    plain, stacked = LineModel(spec), LineModel(json.loads(json.dumps({**spec, "stack": block})))
    texts = {"resiliparse_page": "A sentence that ends.\nmenu\nAnother one ends.\nfooter", "trafilatura": "",
             "resiliparse": ""}
    lines, x = plain.matrix(texts, {"page_a": 0.0}, "")
    first = plain.predict(x)
    assert (first >= 0.5).tolist() == [True, False, True, False]
    assert np.array_equal(stacked.predict(x), first)  # predict stays the first level
    assert stacked.keep(texts, {"page_a": 0.0}, "") == "menu\nfooter"  # the lines after a kept one
    assert plain.keep(texts, {"page_a": 0.0}, "") == "A sentence that ends.\nAnother one ends."
    with pytest.raises(ValueError, match="STACK_FEATURES"):
        LineModel({**spec, "stack": {**block, "features": list(STACK_FEATURES[:-1])}})
    with pytest.raises(ValueError, match="STACK_FEATURES"):
        LineModel({**spec, "stack": []})
    with pytest.raises(ValueError, match="lengths differ"):
        LineModel({**spec, "stack": {**block, "trees": [{**block["trees"][0], "feature": [99]}]}})


_TREE = {"feature": [0, -1, -1], "threshold": [0.5, 0.0, 0.0], "left": [1, 0, 0], "right": [2, 0, 0],
         "value": [0.0, -5.0, 5.0]}
_NAN = float("nan")


@pytest.mark.parametrize("block, expected", [
    ({"init": _NAN}, "stack.init: not a finite number"),
    ({"init": None}, "stack.init: not a finite number"),
    ({"init": "DROP"}, "stack.init: missing"),
    ({"learning_rate": float("inf")}, "stack.learning_rate: not a finite number"),
    ({"trees": [{**_TREE, "value": [0.0, _NAN, _NAN]}]}, "stack.trees[0].value: not all finite"),
    ({"trees": [_TREE, {**_TREE, "threshold": [_NAN, 0.0, 0.0]}]}, "stack.trees[1].threshold: an internal"),
    ({"trees": [{**_TREE, "threshold": [None, 0.0, 0.0]}]}, "stack.trees[0].threshold: not a non-empty list"),
    ({"trees": [{**_TREE, "feature": [-5, -1, -1]}]}, "stack.trees[0].feature: not -1 (leaf) or within [0, 25)"),
    ({"trees": [{**_TREE, "feature": [len(STACK_FEATURES), -1, -1]}]}, "stack.trees[0].feature: not -1"),
    ({"trees": [{**_TREE, "feature": [0.5, -1, -1]}]}, "stack.trees[0].feature: not all integers"),
    ({"trees": [{**_TREE, "left": [-1, 0, 0]}]}, "stack.trees[0].left: an internal node's child is not within"),
    ({"trees": [{**_TREE, "right": [2, 0, 3]}]}, None),  # a leaf's children are never followed
    ({"trees": [{**_TREE, "right": [3, 0, 0]}]}, "stack.trees[0].right: an internal node's child is not"),
    ({"trees": []}, "stack.trees: empty"),
    ({"trees": "DROP"}, "stack.trees: missing or not a list"),
])
def test_a_bad_stack_block_is_refused_at_load_naming_the_file_and_block(tmp_path, block, expected):
    from curation.extract.lines import LinesModelError, load_lines_model

    spec = _first_level(np.random.default_rng(0))
    stack = {"features": list(STACK_FEATURES), "init": 0.0, "learning_rate": 1.0, "trees": [_TREE], **block}
    stack = {k: v for k, v in stack.items() if v != "DROP"}
    path = tmp_path / "lines.json"
    path.write_text(json.dumps({**spec, "stack": stack}))
    if expected is None:
        assert load_lines_model(path).stack is not None
        return
    with pytest.raises(LinesModelError) as info:
        load_lines_model(path)
    message = str(info.value)
    assert "\n" not in message and str(path) in message and expected in message


@pytest.mark.parametrize("key, values, expected", [
    ("init", _NAN, "ValueError: init: not a finite number"),
    ("threshold", [_NAN], "ValueError: trees[0].threshold: an internal"),
    ("value", [_NAN], "ValueError: trees[0].value: not all finite"),
    ("left", [-1], "ValueError: trees[0].left: an internal"),
])
def test_a_bad_first_level_block_is_refused_at_load(tmp_path, key, values, expected):
    from curation.extract.lines import LinesModelError, load_lines_model

    spec = _first_level(np.random.default_rng(0))
    if key == "init":
        spec["init"] = values
    else:
        tree = spec["trees"][0]
        tree[key] = values + tree[key][1:]  # the root is an internal node
    path = tmp_path / "lines.json"
    path.write_text(json.dumps(spec))
    with pytest.raises(LinesModelError, match=expected.replace("[", r"\[").replace("(", r"\(")) as info:
        load_lines_model(path)
    assert str(path) in str(info.value) and "stack." not in str(info.value)


def test_stacked_out_of_fold_scores_every_page_with_a_stack_fit_on_other_folds(monkeypatch):
    from types import SimpleNamespace

    from curation.extract import train_lines
    from curation.extract.train_lines import LineData

    for name in ("HGB_PARAMS", "STACK_PARAMS"):  # 16 fits: fewer, smaller trees keep the test short
        monkeypatch.setattr(train_lines, name, {**getattr(train_lines, name), "max_iter": 15, "min_samples_leaf": 20})

    rng = np.random.default_rng(2)
    rows, truths, htmls = [], {}, {}
    for p in range(20):
        lines = [("The valve holds pressure well." if rng.random() < 0.5 else "Menu") + f" {p} {i}" for i in range(30)]
        text = "\n".join(lines)
        truth = "\n".join(line for line in lines if line.startswith("The"))
        rows.append(SimpleNamespace(page_id=f"p{p}", domain=f"d{p % 10}", texts={
            "resiliparse_page": text, "trafilatura": truth, "resiliparse": text}, features={"len_trafilatura": 1.0}))
        truths[f"p{p}"], htmls[f"p{p}"] = truth, '<li class="menu">Menu</li>'
    data = LineData(rows, truths, htmls, words=False)
    folds = [(np.array([i for i in range(20) if i % 5 != k]), np.array([i for i in range(20) if i % 5 == k]))
             for k in range(5)]
    first = data.out_of_fold(rows, folds)
    domain = {r.page_id: r.domain for r in rows}
    fold_domains = [{rows[i].domain for i in test} for _, test in folds]
    fits, stacks, made_by = {}, [], {}  # model id -> (model, its pages); stack fits; scores id -> (scores, pages)
    fit, fit_stack, scores = LineData.fit, LineData.fit_stack, LineData.scores

    def recording_fit(self, page_ids, *args, **kwargs):
        model = fit(self, page_ids, *args, **kwargs)
        fits[id(model)] = (model, list(page_ids))
        return model

    def recording_fit_stack(self, inputs, page_ids):
        stacks.append((dict(inputs), list(page_ids)))
        return fit_stack(self, inputs, page_ids)

    def recording_scores(self, model, page_id):
        lines, s = scores(self, model, page_id)
        made_by[id(s)] = (s, fits[id(model)][1] if id(model) in fits else None)
        return lines, s

    monkeypatch.setattr(LineData, "fit", recording_fit)
    monkeypatch.setattr(LineData, "fit_stack", recording_fit_stack)
    monkeypatch.setattr(LineData, "scores", recording_scores)
    for nested in (False, True):
        stacks.clear()
        out = data.stacked_out_of_fold(rows, folds, first, nested=nested)
        # no page of fold k's sites in the stack that scores fold k; with nested, each stack input line
        # (a page of fold j) scored by a first-level model that saw no page of fold j's or fold k's sites
        assert len(stacks) == len(folds)
        for k, (inputs, ids) in enumerate(stacks):
            assert ids and not {domain[i] for i in ids} & fold_domains[k]
            for i in ids if nested else ():
                j = next(f for f, names in enumerate(fold_domains) if domain[i] in names)
                seen = {domain[p] for p in made_by[id(inputs[i][1])][1]}
                assert seen and not seen & (fold_domains[j] | fold_domains[k])
        assert set(out) == set(first)
        for pid, (lines, s) in out.items():
            assert lines == first[pid][0] and s.shape == (30,) and np.all(np.isfinite(s))
            kept = {line.split()[0] for line, v in zip(lines, s) if v >= 0.5}
            assert kept == {"The"}  # the labels are learnable: the stack keeps them
    # a stack fit on all pages, shipped in a model, scores a page as the out-of-fold path does
    ids = [r.page_id for r in rows]
    model = LineModel({**data.fit(ids).spec, "stack": data.fit_stack(first, ids)})
    lines, s = data.scores(model, "p3")
    assert np.array_equal(s, model.stack.predict(stack_columns(model.predict(data.x("p3", None)),
                                                               data.pages["p3"][1][:, 0], data.groups["p3"])))
