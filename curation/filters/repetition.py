"""datatrove's Gopher repetition filter with its word n-gram counts done in C loops, same results.

After the word tokenisation, the n-gram rules are the costliest part of the filter: for every
document datatrove builds the 2-, 3- and 4-grams by slicing and joining (``get_n_grams``), counts
them in a Python loop (``find_top_duplicate``), and walks the 5- to 10-grams in a ``while`` loop
that slices and joins at every step (``find_all_duplicate``). Here the n-grams come from ``zip`` and
``map(str.join)``, and ``Counter`` counts them in C. Same n-grams in the same order, so the same
counts, the same top n-gram (the first most common one, as ``most_common(1)`` picks it) and the same
repeated characters; the paragraph and line rules are datatrove's own code, run first as before.
"""

from __future__ import annotations

import copy
from collections import Counter

import datatrove.utils.text as dt_text
from datatrove.data import Document
from datatrove.pipeline.filters import GopherRepetitionFilter


def n_grams(words: list[str], n: int, sep: str) -> list[str]:
    """``[sep.join(words[i : i + n]) for i in range(len(words) - n + 1)]``."""
    return list(map(sep.join, zip(*(words[i:] for i in range(n)))))


def top_n_gram_chars(words: list[str], n: int) -> int | None:
    """datatrove's ``find_top_duplicate(get_n_grams(words, n))``: characters of the most common n-gram
    times its count; None when there is no n-gram (datatrove then skips the rule)."""
    counts = Counter(n_grams(words, n, " "))
    if not counts:
        return None
    gram, count = counts.most_common(1)[0]
    return len(gram) * count


def repeated_n_gram_chars(words: list[str], n: int) -> int:
    """datatrove's ``find_all_duplicate(words, n)``: characters of n-grams (joined without spaces) seen
    before, skipping past each repeat (repeats never overlap, so never more than the words' characters:
    datatrove asserts it)."""
    grams = n_grams(words, n, "")
    seen: set[str] = set()
    add = seen.add
    repeated = idx = 0
    end = len(grams)
    while idx < end:
        gram = grams[idx]
        if gram in seen:
            repeated += len(gram)
            idx += n
        else:
            add(gram)
            idx += 1
    return repeated


class GopherRepetition(GopherRepetitionFilter):
    name = "👯 Gopher Repetition"

    def _rules_only(self) -> GopherRepetitionFilter:
        """A copy of this filter without its n-gram rules, for datatrove's paragraph and line rules.
        A copy, not a temporary change of ``self``: threads sharing this filter must not see ``()``."""
        key = (self.dup_para_frac, self.dup_para_char_frac, self.dup_line_frac, self.dup_line_char_frac, self.language)
        cached = self.__dict__.get("_paragraph_and_line_rules")
        if cached is None or cached[0] != key:  # made again if a threshold changed; two threads may both
            rules = copy.copy(self)  # make one: equal copies, either is fine
            rules.top_n_grams, rules.dup_n_grams = (), ()
            cached = self._paragraph_and_line_rules = (key, rules)
        return cached[1]

    def filter(self, doc: Document) -> bool | tuple[bool, str]:
        top, dup = self.top_n_grams, self.dup_n_grams
        # paragraph and line rules (and the words, kept by the word cache)
        result = GopherRepetitionFilter.filter(self._rules_only(), doc)
        if result is not True or not (top or dup):
            return result
        text = doc.text
        words = dt_text.split_into_words(text, self.language)
        for n, n_frac in top:
            chars = top_n_gram_chars(words, n)
            if chars is not None and chars / len(text) > n_frac:
                return False, f"top_{n}_gram"
        for n, n_frac in dup:
            if repeated_n_gram_chars(words, n) / len(text) > n_frac:
                return False, f"duplicated_{n}_n_grams"
        return True
