"""Train the ``lines`` candidate's line classifier on WCXB dev lines, cross-validated by domain.

Called by ``curation.extract.train_selector`` (which needs every page's out-of-fold ``lines`` text to
train the selector on); needs scikit-learn.  A line of the chrome-less page is labelled main content
when its words are in the page's ground truth in order: for lines of 1-3 words the whole word
sequence appears in the truth, for longer lines at least half of their word 3-grams do.  The model
regresses that 0/1 label (``HistGradientBoostingRegressor``, exported as plain trees) and a line is
kept when its score reaches the threshold, picked on the out-of-fold word-F1 of the kept text.
With ``words`` (the default) a logistic regression over the lines' hashed words (``line_words``) is fit
first and its out-of-fold score is three more tree features (``LineData``); it ships in the same file.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Protocol

import numpy as np

from curation.extract.line_words import BUCKETS, encode_weights, fit_word_model, page_buckets, word_scores
from curation.extract.line_stack import STACK_FEATURES, stack_columns
from curation.extract.lines import (
    LINE_FEATURES,
    LINES_MODEL_FORMAT,
    WORD_FEATURES,
    LineModel,
    Trees,
    line_rows,
    word_columns,
)

_TOKEN_RE = re.compile(r"\w+")

#: Boosting settings (min_samples_leaf large: a leaf is a pattern over many sites' lines).
HGB_PARAMS: dict[str, Any] = dict(max_iter=150, learning_rate=0.1, max_depth=5, min_samples_leaf=100, random_state=0)
#: The stack's boosting (``line_stack``: 22 columns, so smaller trees), fixed beforehand.
STACK_PARAMS: dict[str, Any] = dict(max_iter=100, learning_rate=0.1, max_depth=4, min_samples_leaf=100, random_state=0)
THRESHOLDS = (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6)
#: The word model: inverse L2 strength, and the inner folds (by domain) giving the trees out-of-fold scores.
WORD_C = 0.5
WORD_FOLDS = 5


class _Row(Protocol):
    page_id: str
    domain: str
    texts: dict[str, str]
    features: dict[str, float]


def line_labels(lines: list[str], truth: str) -> np.ndarray:
    """1 for the lines whose words are in ``truth`` in order (see the module docstring), else 0."""
    words = _TOKEN_RE.findall(truth.lower())
    joined = " " + " ".join(words) + " "
    trigrams = set(zip(words, words[1:], words[2:]))
    out = np.zeros(len(lines))
    for i, line in enumerate(lines):
        t = _TOKEN_RE.findall(line.lower())
        if 0 < len(t) < 4:
            out[i] = (" " + " ".join(t) + " ") in joined
        elif t:
            grams = list(zip(t, t[1:], t[2:]))
            out[i] = sum(g in trigrams for g in grams) >= 0.5 * len(grams)
    return out


def _export(model: Any, features: list[str], threshold: float) -> dict[str, Any]:
    trees = []
    for (predictor,) in model._predictors:
        nodes = predictor.nodes
        trees.append({
            "feature": [-1 if leaf else int(f) for leaf, f in zip(nodes["is_leaf"], nodes["feature_idx"])],
            "threshold": [float(v) for v in nodes["num_threshold"]],
            "left": [int(v) for v in nodes["left"]],
            "right": [int(v) for v in nodes["right"]],
            "value": [round(float(v), 7) for v in nodes["value"]],
        })
    return {"format": LINES_MODEL_FORMAT, "features": features, "threshold": threshold,
            "init": float(np.ravel(model._baseline_prediction)[0]), "learning_rate": 1.0, "trees": trees}


def page_names(features: dict[str, float]) -> list[str]:
    """The page features the line model uses: all but those of the ``lines`` candidate itself."""
    return sorted(k for k in features if "lines" not in k.split("_")[1:])


class LineData:
    """Every page's lines, their feature rows (line + page features), labels and word buckets, computed once.
    With ``words`` each fit also fits the line word model (``line_words``) and the trees see its score as
    ``WORD_FEATURES``: on their training lines the out-of-fold score (inner folds by domain, so no line is
    scored by a word model that saw its site), on scored lines the model fit on all training pages."""

    def __init__(self, rows: list[_Row], truths: dict[str, str], htmls: Mapping[str, str], words: bool = True) -> None:
        self.words = words
        page = page_names(rows[0].features)
        self.names = list(LINE_FEATURES) + (list(WORD_FEATURES) if words else []) + page
        self.domains = {r.page_id: r.domain for r in rows}
        self.pages: dict[str, tuple[list[str], np.ndarray, np.ndarray]] = {}
        self.buckets: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self.groups: dict[str, list[str]] = {}
        for r in rows:
            lines, x, attr_words = line_rows(r.texts, htmls[r.page_id])
            self.groups[r.page_id] = attr_words
            p = np.array([r.features[n] for n in page])
            x = np.hstack([x, np.broadcast_to(p, (len(lines), len(p)))])
            self.pages[r.page_id] = (lines, x, line_labels(lines, truths[r.page_id]))
            if words:
                self.buckets[r.page_id] = page_buckets(lines, attr_words)

    def x(self, page_id: str, word_model: tuple[np.ndarray, float] | None) -> np.ndarray:
        """A page's rows in ``names`` order, the word columns from ``word_model`` (weights, bias)."""
        x = self.pages[page_id][1]
        if word_model is None:
            return x
        cols = word_columns(word_scores(self.buckets[page_id], *word_model))
        return np.hstack([x[:, : len(LINE_FEATURES)], cols, x[:, len(LINE_FEATURES) :]])

    def fit_words(self, page_ids: list[str]) -> tuple[np.ndarray, float]:
        return fit_word_model([self.buckets[i] for i in page_ids],
                              np.concatenate([self.pages[i][2] for i in page_ids]), WORD_C)

    def _oof_word_models(self, ids: list[str]) -> dict[str, tuple[np.ndarray, float]]:
        """``{page id: word model fit on the other inner folds' domains}`` over ``ids``."""
        from sklearn.model_selection import GroupKFold

        out = {}
        groups = [self.domains[i] for i in ids]
        if len(set(groups)) < 2:
            raise ValueError(f"the word model's out-of-fold scores need pages of 2+ domains, got {len(set(groups))}")
        for train, test in GroupKFold(n_splits=min(WORD_FOLDS, len(set(groups)))).split(ids, groups=groups):
            model = self.fit_words([ids[i] for i in train])
            out.update({ids[i]: model for i in test})
        return out

    def fit(self, page_ids: list[str], threshold: float = 0.5,
            inner: dict[str, tuple[np.ndarray, float]] | None = None) -> LineModel:
        """``inner``: the training lines' word models (``_oof_word_models`` of the pages with lines), when the
        caller needs them too (they are fit here otherwise)."""
        from sklearn.ensemble import HistGradientBoostingRegressor

        ids = [i for i in page_ids if self.pages[i][0]]
        if inner is None:
            inner = self._oof_word_models(ids) if self.words else dict.fromkeys(ids)
        x = np.vstack([self.x(i, inner[i]) for i in ids])
        y = np.concatenate([self.pages[i][2] for i in ids])
        spec = _export(HistGradientBoostingRegressor(**HGB_PARAMS).fit(x, y), self.names, threshold)
        if self.words:
            weights, bias = self.fit_words(ids)
            spec["words"] = {"buckets": BUCKETS, "bias": bias, "c": WORD_C, "weights": encode_weights(weights)}
        return LineModel(spec)

    def fit_stack(self, first: dict[str, tuple[list[str], np.ndarray]], page_ids: list[str]) -> dict[str, Any]:
        """A line model's ``stack`` block (``line_stack``) fit on the ``first``-level scores of ``page_ids``'
        lines: out-of-fold scores (each from a line model that saw no page of its site)."""
        from sklearn.ensemble import HistGradientBoostingRegressor

        ids = [i for i in page_ids if self.pages[i][0]]
        x = np.vstack([stack_columns(first[i][1], self.pages[i][1][:, 0], self.groups[i]) for i in ids])
        y = np.concatenate([self.pages[i][2] for i in ids])
        trees = _export(HistGradientBoostingRegressor(**STACK_PARAMS).fit(x, y), list(STACK_FEATURES), 0.0)
        return {k: trees[k] for k in ("features", "init", "learning_rate", "trees")}

    def stacked_out_of_fold(self, rows: list[_Row], folds: list[tuple[Any, Any]],
                            first: dict[str, tuple[list[str], np.ndarray]], nested: bool = False
                            ) -> dict[str, tuple[list[str], np.ndarray]]:
        """``{page id: (lines, stacked scores)}``: fold k's lines get ``first`` (their ``out_of_fold`` scores)
        through a stack fit on the other folds' lines.  Those lines' inputs are ``first`` too (each from a
        model that saw no page of its site, though fold j's model saw fold k's lines: a second-order leak),
        or with ``nested`` the scores of a line model fit on neither fold (one per pair of folds: 10 fits)."""
        fold_of = {rows[i].page_id: f for f, (_, test) in enumerate(folds) for i in test}
        pairs: dict[tuple[int, int], dict[str, tuple[list[str], np.ndarray]]] = {}
        if nested:
            for j in range(len(folds)):
                for k in range(j + 1, len(folds)):
                    model = self.fit([i for i in fold_of if fold_of[i] not in (j, k)])
                    pairs[(j, k)] = {i: self.scores(model, i) for i in fold_of if fold_of[i] in (j, k)}
        out = {}
        for k, (train, test) in enumerate(folds):
            ids = [rows[i].page_id for i in train]
            inputs = {i: pairs[tuple(sorted((fold_of[i], k)))][i] for i in ids} if nested else first
            stack = Trees(self.fit_stack(inputs, ids), len(STACK_FEATURES))
            for i in test:
                pid = rows[i].page_id
                lines, s = first[pid]
                out[pid] = (lines, stack.predict(stack_columns(s, self.pages[pid][1][:, 0], self.groups[pid])))
        return out

    def scores(self, model: LineModel, page_id: str) -> tuple[list[str], np.ndarray]:
        """``(lines, scores)`` of a page under ``model`` (its stack too, if it has one)."""
        lines = self.pages[page_id][0]
        words = None if model.word_weights is None else (model.word_weights, model.word_bias)
        return lines, (model.line_scores(self.x(page_id, words), self.groups[page_id]) if lines else np.zeros(0))

    def out_of_fold(self, rows: list[_Row], folds: list[tuple[Any, Any]]) -> dict[str, tuple[list[str], np.ndarray]]:
        """``{page id: (lines, scores)}``, each page's lines scored by a model fit on other domains only."""
        out = {}
        for train, test in folds:
            model = self.fit([rows[i].page_id for i in train])
            for i in test:
                out[rows[i].page_id] = self.scores(model, rows[i].page_id)
        return out


def kept_text(lines: list[str], scores: np.ndarray, threshold: float) -> str:
    return "\n".join(line for line, s in zip(lines, scores) if s >= threshold)
