"""The ``lines`` candidate: the chrome-less page's lines that a small line classifier keeps.

The page-level candidates are all-or-nothing: on product, listing and collection pages trafilatura
drops the item lists and specs, while the whole chrome-less page keeps them *and* every menu and
teaser.  Here each line of ``resiliparse_page`` is scored on its own (how long, a list bullet,
sentence-like, how much of it the precise candidates kept, the same for its neighbours, where it
sits, how often it repeats) together with the page's type hints, and the lines scored at least
``threshold`` are kept.  The model is a gradient-boosted regression-tree ensemble trained by
``curation/extract/train_lines.py`` on WCXB dev lines labelled by their overlap with the ground
truth (``models/README.md``); it is evaluated here with numpy, all lines of a page at once.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

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
)


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


def line_matrix(texts: dict[str, str]) -> tuple[list[str], np.ndarray]:
    """The lines of ``resiliparse_page`` and their ``LINE_FEATURES`` (one row per line)."""
    lines = [line for line in texts["resiliparse_page"].split("\n") if line.strip()]
    if not lines:
        return [], np.zeros((0, len(LINE_FEATURES)))
    toks = [_TOKEN_RE.findall(line.lower()) for line in lines]
    keys = [" ".join(t) for t in toks]
    traf_words = set(_TOKEN_RE.findall(texts["trafilatura"].lower()))
    res_words = set(_TOKEN_RE.findall(texts["resiliparse"].lower()))
    traf_lines = {" ".join(_TOKEN_RE.findall(s.lower())) for s in texts["trafilatura"].split("\n")}
    res_lines = {" ".join(_TOKEN_RE.findall(s.lower())) for s in texts["resiliparse"].split("\n")}
    counts = Counter(keys)
    n = len(lines)
    w = np.array([len(t) for t in toks], float)
    wd = np.maximum(w, 1.0)
    cov_t = np.array([sum(x in traf_words for x in t) for t in toks], float) / wd
    cov_r = np.array([sum(x in res_words for x in t) for t in toks], float) / wd
    in_t = np.array([k in traf_lines for k in keys], float)
    in_r = np.array([k in res_lines for k in keys], float)
    bullet = np.array([line.lstrip().startswith("\u2022") for line in lines], float)
    punct = np.array([line.rstrip().endswith(_ENDS_SENTENCE) for line in lines], float)
    digits = np.array([sum(map(str.isdigit, t)) for t in toks]) / wd
    caps = np.array([sum(x[:1].isupper() for x in line.split()) / max(1, len(line.split())) for line in lines])
    lw = np.log1p(w)
    columns = [
        lw, cov_t, cov_r, in_t, in_r, bullet, punct, digits, caps,
        np.log1p(np.array([counts[k] for k in keys], float)),
        np.arange(n) / max(1, n - 1), np.cumsum(w) / max(1.0, w.sum()), _span(in_t), _span(in_r),
        _window(cov_t, 2), _window(cov_r, 2), _window(cov_t, 6), _window(cov_r, 6), _window(lw, 2),
        _window(bullet, 2), _window(punct, 3), _shift(lw, 1), _shift(lw, -1), _shift(cov_t, 1),
        _shift(cov_t, -1), _shift(bullet, 1), _shift(bullet, -1), np.full(n, math.log1p(n)),
    ]
    return lines, np.column_stack(columns)


class LineModel:
    """Regression trees over line + page features, evaluated on all of a page's lines at once."""

    def __init__(self, spec: dict[str, Any]) -> None:
        self.spec = spec
        self.features: tuple[str, ...] = tuple(spec["features"])
        if self.features[: len(LINE_FEATURES)] != LINE_FEATURES:
            raise ValueError("the model's line features are not this code's LINE_FEATURES")
        self.page_features = self.features[len(LINE_FEATURES) :]
        self.threshold = float(spec["threshold"])
        self.init = float(spec["init"])
        self.learning_rate = float(spec["learning_rate"])
        self.trees = []
        for t in spec["trees"]:
            arrays = [np.asarray(t[k]) for k in ("feature", "threshold", "left", "right", "value")]
            if len({len(a) for a in arrays}) != 1 or arrays[0].max() >= len(self.features):
                raise ValueError("malformed tree")
            self.trees.append((arrays[0].astype(np.int64), arrays[1].astype(float), arrays[2].astype(np.int64),
                               arrays[3].astype(np.int64), arrays[4].astype(float)))

    def predict(self, x: np.ndarray) -> np.ndarray:
        rows = np.arange(len(x))
        total = np.zeros(len(x))
        for feature, threshold, left, right, value in self.trees:
            node = np.zeros(len(x), dtype=np.int64)
            for _ in range(64):  # deeper than any tree we train
                f = feature[node]
                inner = f >= 0
                if not inner.any():
                    break
                go_left = x[rows, np.maximum(f, 0)] <= threshold[node]
                node = np.where(inner, np.where(go_left, left[node], right[node]), node)
            total += value[node]
        return self.init + self.learning_rate * total

    def matrix(self, texts: dict[str, str], page: dict[str, float]) -> tuple[list[str], np.ndarray]:
        lines, x = line_matrix(texts)
        p = np.array([float(page[name]) for name in self.page_features])
        return lines, np.hstack([x, np.broadcast_to(p, (len(lines), len(p)))])

    def keep(self, texts: dict[str, str], page: dict[str, float]) -> str:
        """The kept lines of ``texts["resiliparse_page"]``, joined; ``page``: the base page features."""
        lines, x = self.matrix(texts, page)
        if not lines:
            return ""
        return "\n".join(line for line, s in zip(lines, self.predict(x)) if s >= self.threshold)


def load_lines_model(path: str | Path = LINES_MODEL_PATH) -> LineModel:
    """Load and check the line model; any problem is one ``LinesModelError`` line naming the file."""
    return load_json_model(path, LINES_MODEL_FORMAT, LineModel, "extraction line model", LinesModelError)


@lru_cache(maxsize=4)
def default_lines_model(path: str = str(LINES_MODEL_PATH)) -> LineModel:
    return load_lines_model(path)
