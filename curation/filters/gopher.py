"""datatrove's Gopher quality filter with two counts done as Gopher defines them.

Gopher (Rae et al., 2021) keeps a document when 80% of its words contain a letter, words being what
whitespace separates. datatrove counts the tokens of its word tokenizer instead, which makes every
comma, bracket and dash a word of its own: English Wikipedia biographies ("(born 1 April 1947)")
and most prose in punctuation-rich languages then fall below 0.8. Here the share is counted over
whitespace-separated words.

The stop-word rule ("at least two of the, be, to, of, and, that, have, with") is matched regardless
of case: datatrove compares the tokens as written, so a sentence-initial "The" is not "the", and a
short real article whose only "the" open sentences failed (enwiki sample: "Algorithms (journal)",
benchmarks/langid_quality.py), and in Unicode NFC, as the stop-word lists are written (UDHR's
Vietnamese writes its tone marks as combining characters: "của" was not "của"). Every other rule is
datatrove's, unchanged.

A token made only of dashes (``-`` list bullets, spaced en/em dashes) is punctuation between words,
not a word: Ukrainian and Russian prose writes "X — це Y" in every definition, and year and
chronology articles are lines of "12 травня — ...". Counted as non-alphabetic words they took 18/60
Ukrainian Wikipedia reference articles under 0.8 (benchmarks/langid_data/wiki_reference.jsonl.gz).
"""

from __future__ import annotations

import unicodedata

import datatrove.utils.text as dt_text
from datatrove.data import Document
from datatrove.pipeline.filters import GopherQualityFilter


class GopherQuality(GopherQualityFilter):
    name = "🥇 Gopher Quality"

    def filter(self, doc: Document) -> bool | tuple[bool, str]:
        threshold, self.max_non_alpha_words_ratio = self.max_non_alpha_words_ratio, None
        min_stop, self.min_stop_words = self.min_stop_words, None
        try:
            result = super().filter(doc)
        finally:
            self.max_non_alpha_words_ratio, self.min_stop_words = threshold, min_stop
        if result is not True:
            return result
        if threshold:
            words = [w for w in doc.text.split() if not is_dash(w)]
            if words and sum(any(c.isalpha() for c in w) for w in words) / len(words) < threshold:
                return False, "gopher_below_alpha_threshold"
        if min_stop:
            # datatrove's tokenisation (cached, shared with the other word filters), lower-cased
            tokens = {w.lower() for w in dt_text.split_into_words(doc.text, self.language)}
            if not unicodedata.is_normalized("NFC", doc.text):  # decomposed accents (Vietnamese tones)
                tokens = {unicodedata.normalize("NFC", w) for w in tokens}
            if len({w.lower() for w in self.stop_words} & tokens) < min_stop:
                return False, "gopher_enough_stop_words"
        return True


def is_dash(token: str) -> bool:
    """A token of dash punctuation only (Unicode Pd: -, –, —, ...)."""
    return all(unicodedata.category(c) == "Pd" for c in token)
