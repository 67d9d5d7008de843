"""The one normal form in which benchmark items and documents are compared, and its n-gram hashes.

Normalisation (identical for items and documents, so a quote matches whatever its typography):

1. a *word* is a run of Unicode letters and digits (combining accents included) in the original
   text, so every word keeps its character offsets for cutting;
2. each word is NFKC-normalised and case-folded (a stronger lower-casing: "Straße" -> "strasse");
   where NFKC introduces punctuation ("½" -> "1⁄2") the word splits there;
3. everything else (punctuation, symbols, ``_``, any whitespace) only separates words, so
   "Janet’s  ducks,\\nlay" and "janet s ducks lay" are the same four words; "3.5" is "3 5".

Scripts written without spaces (Chinese, Japanese) become one long word per run: the benchmarks
we index are English. N-gram keys are 64-bit: a polynomial over per-word xxh3-64 hashes, finished
with the splitmix64 mixer, computed for a whole document at once with numpy.
"""

from __future__ import annotations

import re
import unicodedata

import numpy as np
import xxhash

_MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_WORD = re.compile(rf"(?:[^\W_]|[{_MARKS}])+")
_SPLIT = re.compile(rf"(?:[^\w{_MARKS}]|_)+")
_BASE = np.uint64(0x9E3779B97F4A7C15)

#: English function words: an n-gram made only of these (and numbers) is no evidence of a copy.
STOP_WORDS = frozenset("""
a about above after again against all also am an and any are as at be because been before being below
between both but by can could did do does doing down during each either else ever every few for from
further had has have having he her here hers herself him himself his how i if in into is it its itself
just least less let like made make many may me might more most much must my myself neither no nor not
now of off on once one only or other our ours ourselves out over own per same shall she should so some
such than that the their theirs them themselves then there these they this those through to too two
under until up upon us very was we were what when where whether which while who whom whose why will
with within without would yet you your yours yourself yourselves s t d ll m re ve
""".split())


def _fold(token: str) -> list[str]:
    if token.isascii():
        return [token.lower()]
    folded = unicodedata.normalize("NFKC", token).casefold()
    return [w for w in _SPLIT.split(folded) if w]


def words_with_offsets(text: str) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Normalised words and, per word, the [start, end) character offsets of its source token."""
    words: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for m in _WORD.finditer(text):
        for w in _fold(m.group()):
            words.append(w)
            starts.append(m.start())
            ends.append(m.end())
    return words, np.asarray(starts, dtype=np.int64), np.asarray(ends, dtype=np.int64)


def normalize_words(text: str) -> list[str]:
    return words_with_offsets(text)[0]


def word_hashes(words: list[str]) -> np.ndarray:
    return np.fromiter((xxhash.xxh3_64_intdigest(w.encode("utf-8", "surrogatepass")) for w in words),
                       dtype=np.uint64, count=len(words))


def _mix(x: np.ndarray) -> np.ndarray:
    x = x ^ (x >> np.uint64(30))
    x = x * np.uint64(0xBF58476D1CE4E5B9)
    x = x ^ (x >> np.uint64(27))
    x = x * np.uint64(0x94D049BB133111EB)
    return x ^ (x >> np.uint64(31))


def ngram_hashes(hashes: np.ndarray, n: int) -> np.ndarray:
    """Key of every word n-gram, in order: element i covers words i .. i+n-1 (empty if too short)."""
    m = len(hashes) - n + 1
    if m <= 0:
        return np.empty(0, dtype=np.uint64)
    acc = np.zeros(m, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for j in range(n):
            acc = acc * _BASE + hashes[j : j + m]
        return _mix(acc)


def content_mask(words: list[str]) -> np.ndarray:
    """True for words that carry content: not a stop word, not a bare number, not a single letter."""
    return np.fromiter((len(w) > 1 and w not in STOP_WORDS and not w.isdigit() for w in words),
                       dtype=bool, count=len(words))


def window_counts(mask: np.ndarray, n: int) -> np.ndarray:
    """How many True values each n-word window holds (aligned with ``ngram_hashes``)."""
    if len(mask) < n:
        return np.empty(0, dtype=np.int64)
    c = np.concatenate([[0], np.cumsum(mask, dtype=np.int64)])
    return c[n:] - c[:-n]
