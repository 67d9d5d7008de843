"""Pick, per page, the candidate extraction most likely to be right: a small tree ensemble in JSON.

For each candidate the model holds a gradient-boosted regression-tree ensemble predicting that
candidate's word-F1 on the page from ``candidates.page_features``; the candidate with the highest
prediction wins, but over the first candidate (trafilatura, the most precise) only by the model's
``margin`` (ties: the first in ``CANDIDATES``), or by ``article_margin`` on pages with article
markup (``candidates.has_article_markup``).  The model is trained by
``curation/extract/train_selector.py`` on WCXB dev (see ``models/README.md`` for data, counts and
cross-validated figures).  It is evaluated here in plain Python: no scikit-learn at run time, no
pickles, the same result on every machine.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, TypeVar

from curation.extract.candidates import CANDIDATES, has_article_markup

MODEL_PATH = Path(__file__).with_name("models") / "selector.json"
#: The selector over the three base candidates and ``lines`` (not the default: see ``models/README.md``).
LINES_SELECTOR_PATH = Path(__file__).with_name("models") / "selector_lines.json"
MODEL_FORMAT = "curation-extract-selector/1"
T = TypeVar("T")


class SelectorModelError(RuntimeError):
    """The selector model is missing or malformed: the run must not start (no silent fall-back)."""


@dataclass(frozen=True)
class _Tree:
    feature: tuple[int, ...]  # -1 at leaves
    threshold: tuple[float, ...]
    left: tuple[int, ...]
    right: tuple[int, ...]
    value: tuple[float, ...]

    def predict(self, x: list[float]) -> float:
        node = 0
        while self.feature[node] >= 0:
            node = self.left[node] if x[self.feature[node]] <= self.threshold[node] else self.right[node]
        return self.value[node]


@dataclass(frozen=True)
class _Ensemble:
    init: float
    learning_rate: float
    trees: tuple[_Tree, ...]

    def predict(self, x: list[float]) -> float:
        return self.init + self.learning_rate * sum(t.predict(x) for t in self.trees)


class Selector:
    """The loaded model: ``choose(features) -> candidate name``."""

    def __init__(self, spec: dict[str, Any]) -> None:
        self.features: tuple[str, ...] = tuple(spec["features"])
        self.candidates: tuple[str, ...] = tuple(spec["candidates"])
        if set(self.candidates) - set(CANDIDATES):
            raise ValueError(f"unknown candidates {sorted(set(self.candidates) - set(CANDIDATES))}")
        self.models = {name: _ensemble(spec["models"][name], len(self.features)) for name in self.candidates}
        #: Another candidate replaces the first (the most precise) only when predicted this much better.
        self.margin = float(spec.get("margin", 0.0))
        #: The same on pages with article markup (JSON-LD Article, og:type article), or, with an
        #: ``article_model`` (trees predicting "WCXB labels this page an article"), scored >= ``article_cut``.
        self.article_margin = float(spec.get("article_margin", self.margin))
        self.article, self.article_cut = _article_block(spec, len(self.features))

    def scores(self, features: dict[str, float]) -> dict[str, float]:
        x = [float(features[name]) for name in self.features]
        return {name: self.models[name].predict(x) for name in self.candidates}

    def article_like(self, features: dict[str, float]) -> bool:
        """Article markup, or (with an article model) a page whose features look like WCXB's articles."""
        if has_article_markup(features):
            return True
        if self.article is None:
            return False
        return self.article.predict([float(features[name]) for name in self.features]) >= self.article_cut

    def margin_for(self, features: dict[str, float]) -> float:
        return self.article_margin if self.article_like(features) else self.margin

    def choose(self, features: dict[str, float], margin: float | None = None) -> str:
        scores = self.scores(features)
        return pick(scores, self.margin_for(features) if margin is None else margin)


def _article_block(spec: dict[str, Any], n_features: int) -> tuple[Any, float]:
    """The optional ``article_model`` (a tree ensemble) and its ``article_cut`` (a number in [0, 1]):
    absent both, markup alone decides; anything else malformed is refused naming the field."""
    if "article_model" not in spec:
        if "article_cut" in spec:
            raise ValueError("article_cut given without an article_model")
        return None, 0.5
    block, cut = spec["article_model"], spec.get("article_cut", 0.5)
    if not isinstance(block, dict):
        raise ValueError(f"article_model: expected a tree ensemble (an object), got {type(block).__name__}")
    if isinstance(cut, bool) or not isinstance(cut, (int, float)) or not 0.0 <= cut <= 1.0:  # NaN fails the range too
        raise ValueError(f"article_cut: expected a number in [0, 1], got {cut!r}")
    try:
        return _ensemble(block, n_features), float(cut)
    except (KeyError, TypeError, ValueError, IndexError) as err:
        raise ValueError(f"article_model: malformed tree ensemble ({type(err).__name__}: {err})") from None


def pick(scores: dict[str, float], margin: float) -> str:
    """The best-scored candidate if it beats the first (the most precise) by ``margin``, else the first."""
    names = list(scores)
    best = max(names, key=lambda name: scores[name])  # max keeps the first of equals
    return best if scores[best] - scores[names[0]] >= margin else names[0]


def _ensemble(spec: dict[str, Any], n_features: int) -> _Ensemble:
    trees = []
    for t in spec["trees"]:
        tree = _Tree(*(tuple(t[k]) for k in ("feature", "threshold", "left", "right", "value")))
        if not (len(tree.feature) == len(tree.threshold) == len(tree.left) == len(tree.right) == len(tree.value)):
            raise ValueError("tree arrays of different lengths")
        if max(tree.feature) >= n_features:
            raise ValueError("tree uses a feature index out of range")
        trees.append(tree)
    return _Ensemble(float(spec["init"]), float(spec["learning_rate"]), tuple(trees))


def load_json_model(path: str | Path, fmt: str, build: Callable[[dict[str, Any]], T], what: str,
                    error: type[SelectorModelError] = SelectorModelError) -> T:
    """``build(spec)`` of the JSON model at ``path``; any problem is one ``error`` line naming the file."""
    try:
        spec = json.loads(Path(path).read_text(encoding="utf-8"))
        if spec.get("format") != fmt:
            raise ValueError(f"format is {spec.get('format')!r}, expected {fmt!r}")
        return build(spec)
    except (OSError, ValueError, KeyError, TypeError, IndexError) as exc:
        raise error(f"{what} {path}: {type(exc).__name__}: {exc}") from None


def load_selector(path: str | Path = MODEL_PATH) -> Selector:
    """Load and check a selector model; any problem is one ``SelectorModelError`` line naming the file."""
    return load_json_model(path, MODEL_FORMAT, Selector, "extraction selector model")


@lru_cache(maxsize=4)
def default_selector(path: str = str(MODEL_PATH)) -> Selector:
    """The shipped model, loaded once per process."""
    return load_selector(path)
