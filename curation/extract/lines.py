"""The ``lines`` candidate: the chrome-less page's lines that a small line classifier keeps.

The page-level candidates are all-or-nothing: on product, listing and collection pages trafilatura
drops the item lists and specs, while the whole chrome-less page keeps them *and* every menu and
teaser.  Here each line of ``resiliparse_page`` is scored on its own (how long, a list bullet,
sentence-like, how much of it the precise candidates kept, the same for its neighbours, where it
sits, how often it repeats, the tag and class/id words of the element whose text it is:
``line_dom``) together with the page's type hints, and the lines scored at least
``threshold`` are kept.  The model is a gradient-boosted regression-tree ensemble trained by
``curation/extract/train_lines.py`` on WCXB dev lines labelled by their overlap with the ground
truth (``models/README.md``); it is evaluated here with numpy, all lines of a page at once.  A model
whose file has a ``words`` block also scores each line's own words first (``line_words``: hashed
words and class/id words, a logistic log-odds) and the trees see that score as ``WORD_FEATURES``.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from curation.extract.candidates import bag
from curation.extract.line_dom import FLAG_NAMES, element_hints, line_key
from curation.extract.line_stack import STACK_FEATURES, stack_columns
from curation.extract.line_words import BUCKETS, decode_weights, page_buckets, word_scores
from curation.extract.selector import SelectorModelError, load_json_model

LINES_MODEL_PATH = Path(__file__).with_name("models") / "lines.json"
LINES_MODEL_FORMAT = "curation-extract-lines/1"

_TOKEN_RE = re.compile(r"\w+")
_ENDS_SENTENCE = tuple('.!?:;"\u201d')

#: Names of the per-line features, in column order (page features follow, by their names).
LINE_FEATURES = (
    "words", "cov_traf", "cov_res", "in_traf", "in_res", "bullet", "punct", "digits", "caps", "repeats",
    "pos", "cum_words", "inside_traf", "inside_res", "cov_traf_w2", "cov_res_w2", "cov_traf_w6",
    "cov_res_w6", "words_w2", "bullet_w2", "punct_w3", "words_prev", "words_next", "cov_traf_prev",
    "cov_traf_next", "bullet_prev", "bullet_next", "page_lines",
    *FLAG_NAMES.values(), "dom_link_w2", "dom_cls_nav_w2", "dom_any_w2",
)
#: The line word model's score (``line_words``) and its 2- and 6-line window means: after
#: ``LINE_FEATURES`` in a model whose spec has ``words`` (before the page features).
WORD_FEATURES = ("word", "word_w2", "word_w6")


class LinesModelError(SelectorModelError):
    """The line model is missing or malformed: the run must not start (no silent fall-back)."""


def _window(a: np.ndarray, k: int) -> np.ndarray:
    """Mean of ``a`` over each line and its ``k`` neighbours on each side."""
    n = len(a)
    cs = np.concatenate([[0.0], np.cumsum(a)])
    lo = np.maximum(np.arange(n) - k, 0)
    hi = np.minimum(np.arange(n) + k + 1, n)
    return (cs[hi] - cs[lo]) / (hi - lo)


def _shift(a: np.ndarray, s: int) -> np.ndarray:
    """``a`` moved by ``s`` lines (the previous line's value at s=1), 0 past the ends."""
    out = np.zeros(len(a))
    if s > 0:
        out[s:] = a[:-s]
    else:
        out[:s] = a[-s:]
    return out


def _span(flags: np.ndarray) -> np.ndarray:
    """1 for lines from the first to the last flagged one."""
    idx = np.nonzero(flags)[0]
    out = np.zeros(len(flags))
    if len(idx):
        out[idx[0] : idx[-1] + 1] = 1.0
    return out


def _dom_columns(lines: list[str], html: str) -> tuple[list[np.ndarray], list[str]]:
    """One 0/1 column per ``line_dom.FLAG_NAMES`` bit, then windowed link, nav-class and any-element shares;
    and each line's element class/id words (for the word model)."""
    flags, words = element_hints(html)
    keys = [line_key(line.lstrip(" \u2022")) for line in lines]
    got = np.array([flags.get(k, 0) for k in keys], dtype=np.int64)
    cols = {name: ((got & bit) > 0).astype(float) for bit, name in FLAG_NAMES.items()}
    windows = [_window(cols["dom_link"], 2), _window(cols["dom_cls_nav"], 2), _window(cols["dom_any"], 2)]
    return [*cols.values(), *windows], [words.get(k, "") for k in keys]


def word_columns(scores: np.ndarray) -> np.ndarray:
    """``WORD_FEATURES`` from the lines' word-model scores."""
    if not len(scores):
        return np.zeros((0, len(WORD_FEATURES)))
    return np.column_stack([scores, _window(scores, 2), _window(scores, 6)])


def _line_keys(text: str) -> set[str]:
    """Each line of ``text`` as its lower-cased words joined by spaces."""
    return {" ".join(_TOKEN_RE.findall(line)) for line in text.lower().split("\n")}


def line_matrix(texts: dict[str, str], html: str = "") -> tuple[list[str], np.ndarray]:
    """The lines of ``resiliparse_page`` and their ``LINE_FEATURES`` (one row per line); ``html``: the page."""
    lines, x, _ = line_rows(texts, html)
    return lines, x


def line_rows(texts: dict[str, str], html: str = "") -> tuple[list[str], np.ndarray, list[str]]:
    """``line_matrix`` and each line's element class/id words.  One Python pass over the lines gathers
    their per-line values; the rest is numpy over all lines."""
    lines = [line for line in texts["resiliparse_page"].split("\n") if line.strip()]
    if not lines:
        return [], np.zeros((0, len(LINE_FEATURES))), []
    traf_words, res_words = bag(texts["trafilatura"]), bag(texts["resiliparse"])  # shared with the page features
    traf_lines, res_lines = _line_keys(texts["trafilatura"]), _line_keys(texts["resiliparse"])
    keys, per_line = [], []
    in_traf, in_res, isdigit = traf_words.__contains__, res_words.__contains__, str.isdigit
    for line in lines:  # the counts as sums of C-level maps: ~1 ms less per news page than generators
        t = _TOKEN_RE.findall(line.lower())
        key = " ".join(t)
        keys.append(key)
        split = line.split()
        per_line.append((
            len(t), sum(map(in_traf, t)), sum(map(in_res, t)), key in traf_lines,
            key in res_lines, line.lstrip().startswith("\u2022"), line.rstrip().endswith(_ENDS_SENTENCE),
            sum(map(isdigit, t)), sum([x[0].isupper() for x in split]) / max(1, len(split)),
        ))
    counts = Counter(keys)
    n = len(lines)
    w, n_t, n_r, in_t, in_r, bullet, punct, n_digits, caps = np.array(per_line, dtype=float).T
    wd = np.maximum(w, 1.0)
    cov_t, cov_r, digits = n_t / wd, n_r / wd, n_digits / wd
    lw = np.log1p(w)
    dom, attr_words = _dom_columns(lines, html)
    columns = [
        lw, cov_t, cov_r, in_t, in_r, bullet, punct, digits, caps,
        np.log1p(np.array([counts[k] for k in keys], float)),
        np.arange(n) / max(1, n - 1), np.cumsum(w) / max(1.0, w.sum()), _span(in_t), _span(in_r),
        _window(cov_t, 2), _window(cov_r, 2), _window(cov_t, 6), _window(cov_r, 6), _window(lw, 2),
        _window(bullet, 2), _window(punct, 3), _shift(lw, 1), _shift(lw, -1), _shift(cov_t, 1),
        _shift(cov_t, -1), _shift(bullet, 1), _shift(bullet, -1), np.full(n, math.log1p(n)), *dom,
    ]
    return lines, np.column_stack(columns), attr_words


def _finite(spec: dict[str, Any], key: str, where: str) -> float:
    """``spec[key]`` as a finite float (a NaN score would silently drop or keep every line)."""
    if key not in spec:
        raise ValueError(f"{where}{key}: missing")
    value = spec[key]
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ValueError(f"{where}{key}: not a finite number ({value!r})")
    return float(value)


def _tree(t: Any, n_features: int, where: str) -> list[np.ndarray]:
    """One tree's five node arrays, typed and checked: a bad node would not fail, it would route every
    line the same way (NaN threshold), wrap to another node (negative child) or fail per page (null)."""
    if not isinstance(t, dict):
        raise ValueError(f"{where}: not an object")
    arrays = []
    for key, dtype in (("feature", np.int64), ("threshold", float), ("left", np.int64), ("right", np.int64),
                       ("value", float)):
        values = t.get(key)
        if not isinstance(values, list) or not values or not all(
                isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
            raise ValueError(f"{where}.{key}: not a non-empty list of numbers")
        a = np.asarray(values, dtype=float)
        if dtype is np.int64 and not (a == np.round(a)).all():  # also refuses NaN and inf
            raise ValueError(f"{where}.{key}: not all integers")
        arrays.append(a.astype(dtype))
    feature, threshold, left, right, value = arrays
    n = len(feature)
    if len({len(a) for a in arrays}) != 1:
        raise ValueError(f"{where}: feature/threshold/left/right/value lengths differ")
    internal = feature >= 0
    if ((feature < -1) | (feature >= n_features)).any():
        raise ValueError(f"{where}.feature: not -1 (leaf) or within [0, {n_features})")
    if not np.isfinite(threshold[internal]).all():
        raise ValueError(f"{where}.threshold: an internal node's threshold is not finite")
    if not np.isfinite(value).all():
        raise ValueError(f"{where}.value: not all finite")
    for key, child in (("left", left), ("right", right)):
        if ((child[internal] < 0) | (child[internal] >= n)).any():
            raise ValueError(f"{where}.{key}: an internal node's child is not within [0, {n})")
    return arrays


def _depth(trees: list[list[np.ndarray]]) -> int:
    """The largest number of splits on any root-to-leaf path of ``trees``."""
    deepest = 0
    for feature, _, left, right, _ in trees:
        stack = [(0, 0)]
        while stack:
            node, depth = stack.pop()
            if feature[node] < 0:
                deepest = max(deepest, depth)
            elif depth < 64:  # deeper than any tree we train: refused below
                stack += [(int(left[node]), depth + 1), (int(right[node]), depth + 1)]
            else:
                raise ValueError("tree deeper than 64 levels")
    return deepest


def _word_block(spec: dict[str, Any], features: tuple[str, ...]) -> dict[str, Any] | None:
    """The spec's word model, checked: a model whose features name the word columns must carry one,
    with this code's bucket count and a finite bias (a NaN would send every line down one branch)."""
    if "words" not in spec or spec["words"] is None:
        if set(WORD_FEATURES) & set(features):
            raise ValueError("the features name the word model's columns but the spec has no 'words' block")
        return None
    words = spec["words"]
    if not isinstance(words, dict):
        raise ValueError("'words' must be an object (bias, buckets, weights)")
    if words.get("buckets") != BUCKETS:
        raise ValueError(f"words.buckets: expected {BUCKETS}, got {words.get('buckets')!r}")
    if not math.isfinite(float(words["bias"])):
        raise ValueError("words.bias: not a finite number")
    return words


class Trees:
    """Regression trees (plain arrays) over ``n_features`` columns, evaluated on all rows at once."""

    def __init__(self, spec: dict[str, Any], n_features: int, where: str = "") -> None:
        self.init = _finite(spec, "init", where)
        self.learning_rate = _finite(spec, "learning_rate", where)
        if not isinstance(spec.get("trees"), list):
            raise ValueError(f"{where}trees: missing or not a list")
        trees = [_tree(t, n_features, f"{where}trees[{i}]") for i, t in enumerate(spec["trees"])]
        # All trees in one flat node table, leaves sending every row to themselves (feature 0, threshold
        # +inf): a page's lines go down every tree at once, one numpy step per level.
        if not trees:
            raise ValueError(f"{where}trees: empty")
        self.roots = np.cumsum([0] + [len(a[0]) for a in trees])[:-1]
        leaf = np.concatenate([a[0] < 0 for a in trees])
        here = np.arange(len(leaf))
        self.feature = np.where(leaf, 0, np.concatenate([a[0] for a in trees]))
        self.split = np.where(leaf, np.inf, np.concatenate([a[1] for a in trees]))
        self.left = np.where(leaf, here, np.concatenate([a[2] + o for a, o in zip(trees, self.roots)]))
        self.right = np.where(leaf, here, np.concatenate([a[3] + o for a, o in zip(trees, self.roots)]))
        self.value = np.concatenate([a[4] for a in trees])
        self.depth = _depth(trees)

    def predict(self, x: np.ndarray) -> np.ndarray:
        """Each row's score: ``init + learning_rate * sum of its leaf values``."""
        if not len(x):
            return np.zeros(0)
        node = np.broadcast_to(self.roots, (len(x), len(self.roots))).copy()
        flat_x = np.ascontiguousarray(x, dtype=float).ravel()
        row_start = (np.arange(len(x)) * x.shape[1])[:, None]
        for _ in range(self.depth):
            go_left = flat_x.take(row_start + self.feature.take(node)) <= self.split.take(node)
            node = np.where(go_left, self.left.take(node), self.right.take(node))
        return self.init + self.learning_rate * self.value.take(node).sum(axis=1)


def _stack_block(spec: dict[str, Any]) -> Trees | None:
    """The spec's second-level trees (``line_stack``), checked, or None."""
    stack = spec.get("stack")
    if stack is None:
        return None
    if not isinstance(stack, dict) or tuple(stack.get("features", ())) != STACK_FEATURES:
        raise ValueError("'stack' must be an object whose features are this code's line_stack.STACK_FEATURES")
    return Trees(stack, len(STACK_FEATURES), "stack.")


class LineModel:
    """Regression trees over line + page features (and, with a ``stack`` block, second-level trees over the
    scores of each line and its neighbours), evaluated on all of a page's lines at once."""

    def __init__(self, spec: dict[str, Any]) -> None:
        self.spec = spec
        self.features: tuple[str, ...] = tuple(spec["features"])
        words = _word_block(spec, self.features)
        own = LINE_FEATURES + (WORD_FEATURES if words else ())
        if self.features[: len(own)] != own:
            raise ValueError("the model's line features are not this code's LINE_FEATURES (+ WORD_FEATURES)")
        self.page_features = self.features[len(own) :]
        self.word_weights = decode_weights(words["weights"]) if words else None
        self.word_bias = float(words["bias"]) if words else 0.0
        self.threshold = float(spec["threshold"])
        self.trees = Trees(spec, len(self.features))
        self.stack = _stack_block(spec)

    def predict(self, x: np.ndarray) -> np.ndarray:
        """Each line's first-level score (rows of ``matrix``)."""
        return self.trees.predict(x)

    def line_scores(self, x: np.ndarray, groups: list[str]) -> np.ndarray:
        """Each line's final score: the first level's, or the stack's over it (``groups``: each line's
        element class/id words, as ``line_rows`` gives them)."""
        first = self.trees.predict(x)
        if self.stack is None or not len(first):
            return first
        return self.stack.predict(stack_columns(first, x[:, 0], groups))

    def matrix(self, texts: dict[str, str], page: dict[str, float], html: str) -> tuple[list[str], np.ndarray]:
        lines, x, _ = self.rows(texts, page, html)
        return lines, x

    def rows(self, texts: dict[str, str], page: dict[str, float], html: str) -> tuple[list[str], np.ndarray, list[str]]:
        """``matrix`` and each line's element class/id words."""
        lines, x, attr_words = line_rows(texts, html)
        if self.word_weights is not None:
            scores = word_scores(page_buckets(lines, attr_words), self.word_weights, self.word_bias)
            x = np.hstack([x, word_columns(scores)])
        p = np.array([float(page[name]) for name in self.page_features])
        return lines, np.hstack([x, np.broadcast_to(p, (len(lines), len(p)))]), attr_words

    def keep(self, texts: dict[str, str], page: dict[str, float], html: str) -> str:
        """The kept lines of ``texts["resiliparse_page"]``, joined; ``page``: the base page features."""
        lines, x, groups = self.rows(texts, page, html)
        if not lines:
            return ""
        return "\n".join(line for line, s in zip(lines, self.line_scores(x, groups)) if s >= self.threshold)


def load_lines_model(path: str | Path = LINES_MODEL_PATH) -> LineModel:
    """Load and check the line model; any problem is one ``LinesModelError`` line naming the file."""
    return load_json_model(path, LINES_MODEL_FORMAT, LineModel, "extraction line model", LinesModelError)


@lru_cache(maxsize=4)
def default_lines_model(path: str = str(LINES_MODEL_PATH)) -> LineModel:
    return load_lines_model(path)
