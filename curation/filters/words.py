"""One spaCy word tokenizer per language and process, with spaCy's own word cache switched back on.

datatrove's ``SpaCyTokenizer`` runs every call inside ``nlp.memory_zone()`` (so that a long run does
not keep every word it ever met), and spaCy saves nothing in its tokenizer cache inside a memory zone:
every word of every document is split into prefixes, suffixes and infixes by regular expressions
again, and C4, which asks for the sentences of each line, pays that per line. Here the same pipeline
(``spacy.blank(language)`` + ``sentencizer``, built by datatrove's class) runs outside a memory zone,
so a word met before is looked up: the tokens and sentences are the ones spaCy gives without the
cache (the cache stores the split of one whitespace-separated chunk; special cases are applied to
the whole text afterwards, cached or not). Memory stays bounded: once the string stores of a process's
pipelines have grown by ``MAX_NEW_STRINGS`` together (about 0.5 KiB each), the largest is built afresh
(the strings of special cases count in a pipeline's base, not as new words). Threads of one Dask worker
share these instances: builds and budget checks run under one lock, datatrove's own tokenizers (jieba
for "cmn", ...) one call at a time.

The filters of one language share one instance, so the word cache of consecutive filters
(``by_language.install_word_cache``, keyed by text and tokenizer) also hits between them.
Languages with thousands of tokenizer exceptions (Indonesian, Malay, Dutch) get them as texts need them
(special_cases.py): the same tokens without paying seconds per process for pages it may never meet.
"""

from __future__ import annotations

import threading
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
        # thousands of special cases (Indonesian, Malay, Dutch): added as texts need them, one text at a time
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

                    cases = self.special_cases
                    if self.config is not None:  # zh/ja (shared_tokenizer leaves those to datatrove): its build
                        nlp = SpaCyTokenizer.tokenizer.fget(self)
                    elif cases is None or self._scanning_spent():  # as datatrove builds it, unpublished yet
                        nlp = spacy.blank(self.language)
                        nlp.add_pipe("sentencizer")
                    else:
                        nlp = blank_with_few_rules(self.language, cases)
                        nlp.add_pipe("sentencizer")
                    if cases is not None:  # all rules from the start once the scanning budget is spent
                        self._rules_in = (nlp, set(cases.lazy) if self._scanning_spent() else set())
                    self._base_strings = len(nlp.vocab.strings)  # rule strings included
                    self._tokenizer = nlp  # published once its base count is set
        return nlp

    def _scanning_spent(self) -> bool:
        return self._scanned > len(self.special_cases.rules) * SCAN_CHARS_PER_RULE

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
        try:
            return self._run(nlp, text)
        except Exception:
            if "IS_ALPHA" not in text:  # datatrove's retry for a string that broke older spaCy versions
                raise
            return self._run(nlp, text.replace("IS_ALPHA", ""))

    def _run(self, nlp, text: str):
        if self.special_cases is None:
            return [nlp(text, disable=["parser", "tagger", "ner"])]
        with self._lazy_lock:  # adding a rule empties the word cache: never under another thread's text
            self._add_rules(nlp, text)
            return [nlp(text, disable=["parser", "tagger", "ner"])]

    def _add_rules(self, nlp, text: str) -> None:
        """Give the pipeline every special case whose string occurs in ``text`` (special_cases.py).
        The strings the rules add count in the pipeline's base, not against the budget of new words:
        else a language with thousands of rules would be rebuilt after each text (and add them again)."""
        owner, added = self._rules_in
        if owner is not nlp:  # a fresh pipeline (first use or a rebuild): only its whitespace rules
            added = set()
            self._rules_in = (nlp, added)
        cases = self.special_cases
        if len(added) == len(cases.lazy):
            return
        self._scanned += len(text)
        wanted = cases.lazy if self._scanning_spent() else cases.occurring(text)
        new = sorted(wanted - added)
        if not new:
            return
        before = len(nlp.vocab.strings)
        for string in new:
            nlp.tokenizer.add_special_case(string, cases.rules[string])
            added.add(string)
        with _LOCK:  # the budget check reads the base under this lock
            if self._tokenizer is nlp:
                self._base_strings += len(nlp.vocab.strings) - before

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


class SerializedTokenizer(WordTokenizer):
    """A tokenizer datatrove owns (jieba, Japanese, Thai, ...), called by one thread at a time: its spaCy
    pipeline sets ``max_length`` per call and enters a memory zone, which threads of one Dask worker
    sharing it would interleave (spaCy E018 errors, documents dropped as filter errors)."""

    def __init__(self, language: str, inner: WordTokenizer) -> None:
        super().__init__(language)  # the code asked for, as the filters were given before (fineweb reads it)
        self.inner = inner
        self._lock = threading.Lock()

    def word_tokenize(self, text: str) -> list[str]:
        with self._lock:
            return self.inner.word_tokenize(text)

    def sent_tokenize(self, text: str) -> list[str]:
        with self._lock:
            return self.inner.sent_tokenize(text)

    def span_tokenize(self, text: str) -> list[tuple[int, int]]:
        with self._lock:
            return self.inner.span_tokenize(text)


_SHARED: dict[str, WordTokenizer] = {}


def shared_tokenizer(language: str) -> WordTokenizer:
    """The process's word tokenizer for ``language``, made once under the lock (threads of one worker
    must not both take datatrove's pipeline): a ``CachedSpacyTokenizer`` where datatrove assigns its
    plain spaCy tokenizer, else datatrove's own (jieba, Japanese with its memory fix, Thai, ...) behind
    a lock. Raises datatrove's ValueError for a language without one."""
    with _LOCK:
        if language not in _SHARED:
            _SHARED[language] = _make_shared(language)
        return _SHARED[language]


def _make_shared(language: str) -> WordTokenizer:
    assigned = load_word_tokenizer(language)
    if type(assigned) is SpaCyTokenizer and assigned.config is None:
        # take over the pipeline datatrove's instance built, if it did (it builds another if asked
        # again), so that a rebuild here frees the words it kept
        nlp, assigned._tokenizer = assigned._tokenizer, None
        return CachedSpacyTokenizer(assigned.language, PROCESS_BUDGET, nlp=nlp)  # its spaCy code (e.g. Aragonese uses Spanish's)
    return SerializedTokenizer(language, assigned)
