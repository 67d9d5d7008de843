"""spaCy tokenizer exceptions added when a text can use them, for languages that have thousands.

spaCy's Indonesian tokenizer has 15,963 special cases (reduplicated words in five casings), Malay's
9,421, Dutch's 4,670. Building the tokenizer adds each one (its affix tokenisation, a lexeme, a phrase-matcher
pattern): for Indonesian 2-3 CPU s and ~50 MiB per process, more than a few hundred of its pages
cost to tokenise. A special case can only change the tokens of a text that holds its string: spaCy
looks rules up by the exact string of a piece of a whitespace-separated chunk, and its phrase
matcher matches a rule's own tokens in a row, which in a text stand with at most one space between
two of them (any other whitespace is a token of its own, and only rules holding whitespace have
such a token). So the tokenizer starts with the rules that hold whitespace, and before each text
gets those whose string occurs in the text with its spaces deleted: a superset of the rules that
text can use, hence the tokens of the full rule set (tests/test_word_tokenizer.py checks this on
real text and on text made of the rules themselves). Adding a rule empties spaCy's word cache, as
building with all rules would have left it consistent.

Looking for the rules costs ~1.4 us a character (Python), adding one ~0.17 ms: once a tokenizer has
scanned ``SCAN_CHARS_PER_RULE`` characters per rule of its language, it adds all the rest at once
and stops looking, so a process that meets the language a lot pays at most about twice the eager
build, and one that meets a few pages of it (the usual case for all but a crawl's main languages)
pays almost nothing.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

#: a language whose spaCy tokenizer has this many special cases or more gets them lazily (the next
#: largest, English, has 1,347 and builds in ~0.1 s; Dutch 4,670, Malay 9,421, Indonesian 15,963)
LAZY_FROM = 3000
#: rules are indexed by their first HEAD characters; shorter ones are looked up whole
HEAD = 5
#: characters scanned per rule of the language after which a tokenizer takes all its rules
SCAN_CHARS_PER_RULE = 120


class SpecialCases:
    """One language's tokenizer exceptions, indexed to find those whose string occurs in a text."""

    def __init__(self, rules: dict[str, Any]) -> None:
        self.rules = rules
        #: rules holding whitespace (" ", "\n", "Dr. med"): few, and the flattened text cannot show them
        self.eager = {s: r for s, r in rules.items() if any(c.isspace() for c in s)}
        self.by_head: dict[str, list[str]] = {}
        self.short: set[str] = set()
        for s in rules:
            if s in self.eager:
                continue
            if len(s) < HEAD:
                self.short.add(s)
            else:
                self.by_head.setdefault(s[:HEAD], []).append(s)
        self.short_lengths = sorted({len(s) for s in self.short})
        self.lazy = frozenset(rules).difference(self.eager)

    def occurring(self, text: str) -> set[str]:
        """The non-whitespace rules whose string occurs in ``text`` with its spaces deleted."""
        found: set[str] = set()
        for segment in text.replace(" ", "").split():
            found |= self._in_segment(segment)
        return found

    def _in_segment(self, seg: str) -> frozenset[str]:
        found = []
        by_head, short, lengths = self.by_head, self.short, self.short_lengths
        for i in range(len(seg)):
            heads = by_head.get(seg[i:i + HEAD])
            if heads:
                found.extend(s for s in heads if seg.startswith(s, i))
            for n in lengths:
                if seg[i:i + n] in short:
                    found.append(seg[i:i + n])
        return frozenset(found)


@lru_cache(maxsize=None)
def lazy_special_cases(spacy_language: str) -> SpecialCases | None:
    """The index for a spaCy language code whose default tokenizer has ``LAZY_FROM`` rules or more."""
    import spacy

    cls = spacy.util.get_lang_class(spacy_language)
    rules = cls.Defaults.tokenizer_exceptions
    tokenizer = cls.default_config["nlp"]["tokenizer"]
    if len(rules) < LAZY_FROM or tokenizer.get("@tokenizers") != "spacy.Tokenizer.v1":
        return None
    return SpecialCases(rules)


def blank_with_few_rules(spacy_language: str, cases: SpecialCases):
    """``spacy.blank(language)`` whose tokenizer holds only the whitespace rules; the same affix and
    match patterns, compiled by spaCy's own helpers from the language's defaults."""
    import spacy
    from spacy.tokenizer import Tokenizer
    from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

    def tokenizer(nlp):
        d = nlp.Defaults
        return Tokenizer(
            nlp.vocab,
            rules=cases.eager,
            prefix_search=compile_prefix_regex(d.prefixes).search if d.prefixes else None,
            suffix_search=compile_suffix_regex(d.suffixes).search if d.suffixes else None,
            infix_finditer=compile_infix_regex(d.infixes).finditer if d.infixes else None,
            token_match=d.token_match,
            url_match=d.url_match,
        )

    return spacy.util.get_lang_class(spacy_language)(create_tokenizer=tokenizer)
