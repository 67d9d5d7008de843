"""datatrove's Gopher quality filter with the alphabetic-word share counted as Gopher defines it.

Gopher (Rae et al., 2021) keeps a document when 80% of its words contain a letter, words being what
whitespace separates. datatrove counts the tokens of its word tokenizer instead, which makes every
comma, bracket and dash a word of its own: English Wikipedia biographies ("(born 1 April 1947)")
and most prose in punctuation-rich languages then fall below 0.8. Here the share is counted over
whitespace-separated words; every other rule is datatrove's, unchanged.
"""

from __future__ import annotations

from datatrove.data import Document
from datatrove.pipeline.filters import GopherQualityFilter


class GopherQuality(GopherQualityFilter):
    name = "🥇 Gopher Quality"

    def filter(self, doc: Document) -> bool | tuple[bool, str]:
        threshold, self.max_non_alpha_words_ratio = self.max_non_alpha_words_ratio, None
        try:
            result = super().filter(doc)
        finally:
            self.max_non_alpha_words_ratio = threshold
        if result is not True or not threshold:
            return result
        words = doc.text.split()
        if words and sum(any(c.isalpha() for c in w) for w in words) / len(words) < threshold:
            return False, "gopher_below_alpha_threshold"
        return True
