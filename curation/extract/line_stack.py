"""A second look at a page's line scores: each line decided with its neighbours' scores.

The line trees score every line from its own features and a few window means; a menu line between two
paragraphs or a lone spec line inside a run of kept lines is still decided alone.  The stack is a
second tree ensemble over the first one's scores of the line and its neighbours (offsets -3..+3,
window max/min/mean), where the line sits, the length of the run of kept lines it belongs to, how
far the nearest confident line is, and the scores of the lines whose element has the same class/id
words (list items, grid cards, table cells of one block: decided together).  It is trained on out-of-fold first-level scores only
(``train_lines``), so it learns how the scores of unseen sites look.
"""

from __future__ import annotations

import numpy as np

#: First-level score a line needs to count as kept (runs) or as confident (distances); fixed, not tuned.
KEPT = 0.45
CONFIDENT = 0.8
OFFSETS = (-3, -2, -1, 1, 2, 3)
#: Score given past the page's ends (below any real score).
PAD = -1.0

STACK_FEATURES = (
    "s", *(f"s_{'m' if o < 0 else 'p'}{abs(o)}" for o in OFFSETS), "s_max2", "s_min2", "s_max5", "s_min5",
    "s_mean2", "s_mean6", "pos", "page_lines", "run", "run_same", "dist_conf_prev", "dist_conf_next",
    "page_mean", "page_kept", "words", "group_mean", "group_kept", "group_n",
)


def _shifted(s: np.ndarray, o: int) -> np.ndarray:
    """``s`` at offset ``o`` (the next line's score at o=1), ``PAD`` past the ends."""
    out = np.full(len(s), PAD)
    if o > 0:
        out[:-o] = s[o:]
    else:
        out[-o:] = s[:o]
    return out


def _runs(flags: np.ndarray) -> np.ndarray:
    """For each line, the length of the run of equal consecutive ``flags`` it belongs to."""
    n = len(flags)
    starts = np.concatenate([[0], np.nonzero(flags[1:] != flags[:-1])[0] + 1])
    lengths = np.diff(np.concatenate([starts, [n]]))
    return np.repeat(lengths, lengths).astype(float)


def _distance_to(flags: np.ndarray, forward: bool) -> np.ndarray:
    """Lines to the nearest flagged line before (or after, ``forward``) each line; ``len(flags)`` if none."""
    n = len(flags)
    idx = np.arange(n)
    if forward:
        nxt = np.minimum.accumulate(np.where(flags, idx, n + n)[::-1])[::-1]
        return np.minimum(nxt - idx, n).astype(float)
    last = np.maximum.accumulate(np.where(flags, idx, -(n + n)))
    return np.minimum(idx - last, n).astype(float)


def _groups(s: np.ndarray, groups: list[str]) -> list[np.ndarray]:
    """Per line, the mean score and kept share of the lines whose element has the same class/id words (its
    siblings in a list or grid), and how many they are; a line without class/id words is its own group."""
    keys: dict[str, int] = {}
    ids = np.array([keys.setdefault(g, len(keys)) if g else -1 for g in groups], dtype=np.int64)
    own = ids < 0
    ids = np.unique(np.where(own, len(keys) + np.arange(len(s)), ids), return_inverse=True)[1]
    n = np.bincount(ids)
    mean = np.bincount(ids, weights=s) / n
    kept = np.bincount(ids, weights=(s >= KEPT).astype(float)) / n
    return [mean[ids], kept[ids], np.where(own, 0.0, np.log1p(n[ids]))]


def stack_columns(scores: np.ndarray, log_words: np.ndarray, groups: list[str]) -> np.ndarray:
    """``STACK_FEATURES`` of a page's lines from their first-level ``scores``, log word counts and element
    class/id words (``line_dom.element_hints``)."""
    n = len(scores)
    if not n:
        return np.zeros((0, len(STACK_FEATURES)))
    s = np.asarray(scores, dtype=float)
    near = {o: _shifted(s, o) for o in OFFSETS}
    w2 = np.column_stack([s] + [near[o] for o in (-2, -1, 1, 2)])
    w5 = np.column_stack([s] + [_shifted(s, o) for o in range(-5, 6) if o])
    cs = np.concatenate([[0.0], np.cumsum(s)])
    idx = np.arange(n)

    def mean(k: int) -> np.ndarray:
        lo, hi = np.maximum(idx - k, 0), np.minimum(idx + k + 1, n)
        return (cs[hi] - cs[lo]) / (hi - lo)

    kept = s >= KEPT
    conf = s >= CONFIDENT
    return np.column_stack([
        s, *near.values(), w2.max(axis=1), np.where(w2 == PAD, np.inf, w2).min(axis=1), w5.max(axis=1),
        np.where(w5 == PAD, np.inf, w5).min(axis=1), mean(2), mean(6), idx / max(1, n - 1), np.full(n, np.log1p(n)),
        np.log1p(_runs(kept) * kept), np.log1p(_runs(kept)), np.log1p(_distance_to(conf, False)),
        np.log1p(_distance_to(conf, True)), np.full(n, s.mean()), np.full(n, kept.mean()), log_words,
        *_groups(s, groups),
    ])
