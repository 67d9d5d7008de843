"""One spaCy word tokenizer per language and process, with spaCy's own word cache switched back on.

datatrove's ``SpaCyTokenizer`` runs every call inside ``nlp.memory_zone()`` (so that a long run does
not keep every word it ever met), and spaCy saves nothing in its tokenizer cache inside a memory zone:
every word of every document is split into prefixes, suffixes and infixes by regular expressions
again, and C4, which asks for the sentences of each line, pays that per line. Here the same pipeline
(``spacy.blank(language)`` + ``sentencizer``, built by datatrove's class) runs outside a memory zone,
so a word met before is looked up: the tokens and sentences are the ones spaCy gives without the
cache (the cache stores the split of one whitespace-separated chunk; special cases are applied to
the whole text afterwards, cached or not). Memory stays bounded: once the string stores of a process's
pipelines have grown by ``MAX_NEW_STRINGS`` together (about 0.5 KiB each), the largest is built afresh.

The filters of one language share one instance, so the word cache of consecutive filters
(``by_language.install_word_cache``, keyed by text and tokenizer) also hits between them.
Languages with thousands of tokenizer exceptions (Indonesian, Dutch) get them as texts need them
(special_cases.py): the same tokens without paying seconds per process for pages it may never meet.
"""

from __future__ import annotations

import threading
from functools import lru_cache

from typing import Any

from datatrove.utils.word_tokenizers import SpaCyTokenizer, WordTokenizer, load_word_tokenizer, strip_strings

from curation.filters.special_cases import SCAN_CHARS_PER_RULE, blank_with_few_rules, lazy_special_cases

#: new strings the spaCy pipelines of one process may keep together (~0.5 KiB each: ~30 MiB)
MAX_NEW_STRINGS = 60_000
#: builds, rebuilds and budget checks of a process (a Dask worker may run several threads)
_LOCK = threading.RLock()


class StringBudget:
    """New strings that the pipelines sharing this budget may keep together; past it, the pipeline
    holding the most is built afresh (a rebuild costs 0.05-2.5 s, so the language that grew most,
    usually the one most read, pays it, once per tens of thousands of new words)."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.members: list[CachedSpacyTokenizer] = []

    def check(self) -> None:
        with _LOCK:
            held = [(member.new_strings(), member) for member in self.members]
            if sum(n for n, _ in held) > self.limit:
                max(held, key=lambda pair: pair[0])[1].rebuild()


#: the budget of every tokenizer ``shared_tokenizer`` makes
PROCESS_BUDGET = StringBudget(MAX_NEW_STRINGS)


class CachedSpacyTokenizer(SpaCyTokenizer):
    """datatrove's spaCy tokenizer (same pipeline, same token and sentence strings) without the
    per-call memory zone; its new strings count against ``budget``."""

    def __init__(self, language: str, budget: StringBudget | None = None, nlp=None) -> None:
        super().__init__(language)
        self.budget = budget if budget is not None else StringBudget(MAX_NEW_STRINGS)
        with _LOCK:
            self.budget.members.append(self)
        self.rebuilds = 0
        self._tokenizer = nlp  # datatrove's already built pipeline for the language, if any (a build takes seconds)
        self._base_strings = len(nlp.vocab.strings) if nlp is not None else 0
        # thousands of special cases (Indonesian, Dutch): added as texts need them, one text at a time
        self.special_cases = lazy_special_cases(self.language) if self.config is None and nlp is None else None
        self._lazy_lock = threading.Lock()
        self._rules_in: tuple[Any, set[str]] = (None, set())  # (pipeline, the rules added to it)
        self._scanned = 0  # characters looked through for rules; past a budget, every pipeline gets them all

    @property
    def tokenizer(self):
        nlp = self._tokenizer  # read once: another thread's rebuild may set it to None meanwhile
        if nlp is None:
            with _LOCK:
                nlp = self._tokenizer
                if nlp is None:
                    import spacy

                    if self.config is None:  # as datatrove builds it, without publishing it yet
                        nlp = (spacy.blank(self.language) if self.special_cases is None
                               else blank_with_few_rules(self.language, self.special_cases))
                        nlp.add_pipe("sentencizer")
                    else:  # zh/ja (shared_tokenizer leaves those to datatrove): datatrove's own build
                        nlp = SpaCyTokenizer.tokenizer.fget(self)
                    self._base_strings = len(nlp.vocab.strings)
                    self._tokenizer = nlp  # published once its base count is set
        return nlp

    def new_strings(self) -> int:
        nlp = self._tokenizer
        return len(nlp.vocab.strings) - self._base_strings if nlp is not None else 0

    def _do_tokenize(self, text: str):
        """datatrove's, on one pipeline read once, and never lowering ``max_length`` (a guard, not a
        setting of the result) under another thread's longer text."""
        nlp = self.tokenizer
        if nlp.max_length < len(text) + 10:
            with _LOCK:  # only ever raised: another thread's shorter text must not lower it under this one
                nlp.max_length = max(nlp.max_length, len(text) + 10)
        if self.special_cases is None:
            return self._run(nlp, text)
        with self._lazy_lock:  # adding a rule empties the word cache: never under another thread's text
            self._add_rules(nlp, text)
            return self._run(nlp, text)

    @staticmethod
    def _run(nlp, text: str):
        try:
            return [nlp(text, disable=["parser", "tagger", "ner"])]
        except Exception:
            if "IS_ALPHA" not in text:  # datatrove's retry for a string that broke older spaCy versions
                raise
            return [nlp(text.replace("IS_ALPHA", ""), disable=["parser", "tagger", "ner"])]

    def _add_rules(self, nlp, text: str) -> None:
        """Give the pipeline every special case whose string occurs in ``text`` (special_cases.py)."""
        owner, added = self._rules_in
        if owner is not nlp:  # a fresh pipeline (first use or a rebuild): only its whitespace rules
            added = set()
            self._rules_in = (nlp, added)
        cases = self.special_cases
        if len(added) == len(cases.lazy):
            return
        self._scanned += len(text)
        wanted = cases.lazy if self._scanned > len(cases.rules) * SCAN_CHARS_PER_RULE else cases.occurring(text)
        for string in sorted(wanted - added):
            nlp.tokenizer.add_special_case(string, cases.rules[string])
            added.add(string)

    def rebuild(self) -> None:
        """Drop the pipeline and the words it kept; the next call builds it again."""
        self._tokenizer = None
        self.rebuilds += 1

    def _bound(self) -> None:
        self.budget.check()

    def word_tokenize(self, text: str) -> list[str]:
        try:
            return strip_strings([token.text for chunk in self._do_tokenize(text) for token in chunk])
        finally:
            self._bound()

    def sent_tokenize(self, text: str) -> list[str]:
        try:
            return strip_strings([sent.text for chunk in self._do_tokenize(text) for sent in chunk.sents])
        finally:
            self._bound()

    def span_tokenize(self, text: str) -> list[tuple[int, int]]:
        spans: list[tuple[int, int]] = []
        try:
            for chunk in self._do_tokenize(text):
                start = spans[-1][1] if spans else 0
                spans.extend((start + sent.start_char, start + sent.end_char) for sent in chunk.sents)
            return spans
        finally:
            self._bound()


@lru_cache(maxsize=None)
def shared_tokenizer(language: str) -> WordTokenizer | str:
    """The process's word tokenizer for ``language``: a ``CachedSpacyTokenizer`` where datatrove assigns
    its plain spaCy tokenizer, else the language code (datatrove then loads its own: jieba, Japanese
    with its memory fix, Thai, ...)."""
    assigned = load_word_tokenizer(language)
    if type(assigned) is SpaCyTokenizer and assigned.config is None:
        # take over the pipeline datatrove's instance built, if it did (it builds another if asked
        # again), so that a rebuild here frees the words it kept
        nlp, assigned._tokenizer = assigned._tokenizer, None
        return CachedSpacyTokenizer(assigned.language, PROCESS_BUDGET, nlp=nlp)  # its spaCy code (e.g. Aragonese uses Spanish's)
    return language
