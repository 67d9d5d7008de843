"""Find benchmark items in a document, and cut them out with a margin.

Cut spans: every occurrence of a matched item n-gram covers its words' characters; the span is
widened by ``margin`` characters on each side but never past a line break (neighbouring
paragraphs survive; a "Question 3:" label or an answer on the same line goes), then out to whole
words; overlapping spans merge. The text around a cut is joined with a newline if the cut touched
one, else a space.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from curation.decontam.index import Index, covered
from curation.decontam.normalize import ngram_hashes, word_hashes, words_with_offsets


@dataclass
class ItemMatch:
    item: int
    n: int
    keys: set[int] = field(default_factory=set)
    positions: list[int] = field(default_factory=list)  # word index of each matched n-gram occurrence
    key_order: list[int] = field(default_factory=list)  # the n-gram key at each of those positions

    @property
    def first(self) -> int:
        return min(self.positions)


@dataclass
class DocMatches:
    words: list[str]
    starts: np.ndarray
    ends: np.ndarray
    items: list[ItemMatch]

    def ngram_text(self, m: ItemMatch) -> str:
        return " ".join(self.words[m.first : m.first + m.n])

    def char_span(self, m: ItemMatch, pos: int) -> tuple[int, int]:
        return int(self.starts[pos]), int(self.ends[pos + m.n - 1])


def find_matches(index: Index, text: str) -> DocMatches:
    """The items of ``index`` that ``text`` contains by the index's rule, in item order."""
    words, starts, ends = words_with_offsets(text)
    hits: dict[int, ItemMatch] = {}
    if words:
        hashes = word_hashes(words)
        for n, keys in index.keys.items():
            if not len(keys):
                continue
            grams = ngram_hashes(hashes, n)
            lo = np.searchsorted(keys, grams, "left")
            hi = np.searchsorted(keys, grams, "right")
            refs = index.refs[n]
            for pos in np.nonzero(hi > lo)[0]:
                for r in range(lo[pos], hi[pos]):
                    item = int(refs[r])
                    m = hits.setdefault(item, ItemMatch(item, n))
                    m.keys.add(int(grams[pos]))
                    m.positions.append(int(pos))
                    m.key_order.append(int(grams[pos]))
    found = [m for i, m in sorted(hits.items()) if len(m.keys) >= max(1, int(index.item_need[i]))
             and (not index.item_cover[i] or _coverage(m) >= index.item_cover[i])]
    return DocMatches(words, starts, ends, found)


def _coverage(m: ItemMatch) -> int:
    """Words covered by the item's matched n-grams, each distinct n-gram at its first occurrence."""
    first: dict[int, int] = {}
    for key, pos in zip(m.key_order, m.positions):
        first.setdefault(key, pos)
    return covered(np.fromiter(first.values(), dtype=np.int64), m.n, max(first.values()) + m.n)


def _widen(text: str, start: int, end: int, margin: int) -> tuple[int, int]:
    lo = max(0, start - margin)
    nl = text.rfind("\n", lo, start)
    lo = nl + 1 if nl >= 0 else lo
    while lo > 0 and not text[lo - 1].isspace() and lo < start:  # out to the start of the word
        lo -= 1
    hi = min(len(text), end + margin)
    nl = text.find("\n", end, hi)
    hi = nl if nl >= 0 else hi
    while hi < len(text) and not text[hi].isspace() and hi > end:  # out to the end of the word
        hi += 1
    return lo, hi


def cut_spans(text: str, matches: DocMatches, margin: int) -> list[tuple[int, int]]:
    """Merged [start, end) character spans to remove for all matched items."""
    spans = sorted(_widen(text, *matches.char_span(m, p), margin) for m in matches.items for p in set(m.positions))
    merged: list[list[int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    return [(s, e) for s, e in merged]


def apply_cuts(text: str, spans: list[tuple[int, int]]) -> str:
    out, prev = [], 0
    for s, e in spans:
        out.append(text[prev:s])
        prev = e
    out.append(text[prev:])
    result = out[0]
    for part in out[1:]:
        left, right = result.rstrip(), part.lstrip()
        touched = "\n" in result[len(left):] or "\n" in part[: len(part) - len(right)]
        result = left + ("\n" if touched else " ") + right if left and right else left or right
    return result
