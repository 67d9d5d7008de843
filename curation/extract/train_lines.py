"""Train the ``lines`` candidate's line classifier on WCXB dev lines, cross-validated by domain.

Called by ``curation.extract.train_selector`` (which needs every page's out-of-fold ``lines`` text to
train the selector on); needs scikit-learn.  A line of the chrome-less page is labelled main content
when its words are in the page's ground truth in order: for lines of 1-3 words the whole word
sequence appears in the truth, for longer lines at least half of their word 3-grams do.  The model
regresses that 0/1 label (``HistGradientBoostingRegressor``, exported as plain trees) and a line is
kept when its score reaches the threshold, picked on the out-of-fold word-F1 of the kept text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Protocol

import numpy as np

from curation.extract.lines import LINE_FEATURES, LINES_MODEL_FORMAT, LineModel, line_matrix

_TOKEN_RE = re.compile(r"\w+")

#: Boosting settings (min_samples_leaf large: a leaf is a pattern over many sites' lines).
HGB_PARAMS: dict[str, Any] = dict(max_iter=150, learning_rate=0.1, max_depth=5, min_samples_leaf=100, random_state=0)
THRESHOLDS = (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6)


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
    """Every page's lines, their feature rows (line + page features) and labels, computed once."""

    def __init__(self, rows: list[_Row], truths: dict[str, str], htmls: Mapping[str, str]) -> None:
        self.names = list(LINE_FEATURES) + page_names(rows[0].features)
        self.pages: dict[str, tuple[list[str], np.ndarray, np.ndarray]] = {}
        for r in rows:
            lines, x = line_matrix(r.texts, htmls[r.page_id])
            p = np.array([r.features[n] for n in self.names[len(LINE_FEATURES) :]])
            x = np.hstack([x, np.broadcast_to(p, (len(lines), len(p)))])
            self.pages[r.page_id] = (lines, x, line_labels(lines, truths[r.page_id]))

    def fit(self, page_ids: list[str], threshold: float = 0.5) -> LineModel:
        from sklearn.ensemble import HistGradientBoostingRegressor

        x = np.vstack([self.pages[i][1] for i in page_ids if self.pages[i][0]])
        y = np.concatenate([self.pages[i][2] for i in page_ids if self.pages[i][0]])
        return LineModel(_export(HistGradientBoostingRegressor(**HGB_PARAMS).fit(x, y), self.names, threshold))

    def scores(self, model: LineModel, page_id: str) -> tuple[list[str], np.ndarray]:
        """``(lines, scores)`` of a page under ``model``."""
        lines, x, _ = self.pages[page_id]
        return lines, (model.predict(x) if lines else np.zeros(0))

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
