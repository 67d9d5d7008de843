"""A line's own words as one number: a linear model over a hashed bag of the line's words.

The line trees see lengths, positions, tags and class-word groups but no words, while boilerplate is
lexical ("add to cart", "share", "log in", "related posts", "(c) 2024", "reply", bylines).  Here each
line becomes a set of hashed tokens (its lower-cased words with digits as ``0``, its first word
marked, and the ``class``/``id`` words of the element whose text it is, from ``line_dom``) and a
logistic-regression weight per bucket sums to a log-odds of "main content".  The score feeds the
trees as a feature (and averaged over 2- and 6-line windows); it is trained by ``train_lines`` with
out-of-fold scores only (a line's score never comes from a model that saw its site).
Hashing is ``zlib.crc32`` (not Python's salted ``hash``): the same buckets on every run and machine.
"""

from __future__ import annotations

import base64
import re
import warnings
import zlib

import numpy as np

from curation.extract.line_dom import Memo

#: Buckets of the hashed bag (a power of two); weights ship as float16.
BUCKETS = 1 << 16
#: Words of a line looked at (the first ones; a long line is prose whatever its later words).
MAX_WORDS = 40
#: ``c:`` tokens of a line at most (its element's first class/id words): a text repeated by 100 elements
#: would otherwise bring all their words and drown the line's own.
MAX_CLASS_WORDS = 12

_TOKEN_RE = re.compile(r"\w+")
_DIGITS_AS_0 = str.maketrans("123456789", "000000000")


def line_tokens(line: str, attr_words: str = "") -> list[str]:
    """The distinct tokens of a line: its words (digits as ``0``), ``^`` + its first word, ``c:`` + its
    element's class/id words: the first ``MAX_CLASS_WORDS`` distinct ones across all the elements with
    that text (``attr_words``, as ``line_dom.element_hints`` joins them)."""
    words = _TOKEN_RE.findall(line.lower().translate(_DIGITS_AS_0))[:MAX_WORDS]
    out = list(dict.fromkeys(words))
    if words:
        out.append("^" + words[0])
    if attr_words:
        out += ["c:" + w for w in list(dict.fromkeys(attr_words.split()))[:MAX_CLASS_WORDS]]
    return out


def _bucket(token: str) -> int:
    return zlib.crc32(token.encode("utf-8")) & (BUCKETS - 1)


#: Token -> bucket, kept (a page's tokens are mostly words seen before): a dict lookup, not a Python call.
_BUCKET_OF = Memo(_bucket, 100_000)


def bucket_ids(tokens: list[str]) -> np.ndarray:
    """The bucket of each token (crc32 of its UTF-8 bytes, modulo ``BUCKETS``; two tokens may share one)."""
    return np.fromiter(map(_BUCKET_OF.__getitem__, tokens), dtype=np.int64, count=len(tokens))


def page_buckets(lines: list[str], attr_words: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """All lines' buckets, flat, and how many each line has (``attr_words``: per line, its element's
    class/id words, space-separated).  One pass, one ``fromiter``: a page costs ~1 ms, not a numpy call a line."""
    tokens = [line_tokens(line, a) for line, a in zip(lines, attr_words)]
    sizes = np.fromiter(map(len, tokens), dtype=np.int64, count=len(tokens))
    return bucket_ids([t for line in tokens for t in line]), sizes


def encode_weights(w: np.ndarray) -> str:
    return base64.b64encode(np.asarray(w, dtype="<f2").tobytes()).decode("ascii")


def decode_weights(s: str) -> np.ndarray:
    w = np.frombuffer(base64.b64decode(s), dtype="<f2").astype(np.float64)
    if len(w) != BUCKETS:
        raise ValueError(f"word weights: expected {BUCKETS} values, got {len(w)}")
    if not np.all(np.isfinite(w)):
        raise ValueError(f"word weights: {int(np.sum(~np.isfinite(w)))} values are not finite")
    return w


def word_scores(buckets: tuple[np.ndarray, np.ndarray], weights: np.ndarray, bias: float) -> np.ndarray:
    """Each line's log-odds ``bias + sum of its tokens' bucket weights`` (a line without tokens: ``bias``)."""
    flat, sizes = buckets
    if not len(sizes):
        return np.zeros(0)
    return bias + np.bincount(np.repeat(np.arange(len(sizes)), sizes), weights=weights[flat], minlength=len(sizes))


def fit_word_model(pages: list[tuple[np.ndarray, np.ndarray]], labels: np.ndarray,
                   c: float = 0.5) -> tuple[np.ndarray, float]:
    """L2 logistic regression of the lines' ``labels`` on their buckets (``pages``: ``page_buckets`` of
    each page, in the labels' order); training only: needs scikit-learn.  Weights rounded to float16 here,
    so the out-of-fold scores are those of the shipped form."""
    from scipy.sparse import csr_matrix
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.linear_model import LogisticRegression

    sizes = np.concatenate([s for _, s in pages])
    indptr = np.concatenate([[0], np.cumsum(sizes)])
    flat = np.concatenate([f for f, _ in pages])
    x = csr_matrix((np.ones(len(flat)), flat, indptr), shape=(len(sizes), BUCKETS))
    x.sum_duplicates()  # two tokens of a line in one bucket count twice, as in word_scores
    with warnings.catch_warnings():  # 100 L-BFGS steps, converged or not: the same steps on every run
        warnings.simplefilter("ignore", ConvergenceWarning)
        model = LogisticRegression(C=c, solver="lbfgs", max_iter=100).fit(x, labels.astype(int))
    return np.asarray(model.coef_[0], dtype="<f2").astype(np.float64), float(np.float16(model.intercept_[0]))
