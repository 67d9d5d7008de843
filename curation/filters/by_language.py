"""Run a word-based datatrove filter per document language, with that language's tokenizer and stop words.

Gopher's and C4's rules assume English words and stop words: applied naively they drop every German
page. This wrapper builds one instance of the wrapped filter per language (lazily), passes datatrove
the language so it picks the right word tokenizer, swaps in per-language stop words, and lets through,
counted as ``not_applicable``, documents whose language is not covered or cannot be tokenised here.
"""

from __future__ import annotations

import inspect
import json
import logging
import threading
from functools import lru_cache
from pathlib import Path
from typing import Any

from datatrove.data import Document
from datatrove.pipeline.filters.base_filter import BaseFilter, get_filter_result
from datatrove.utils.word_tokenizers import WhitespaceTokenizer, WordTokenizer

from curation.filters.words import shared_tokenizer

log = logging.getLogger("curation")


@lru_cache(maxsize=1)
def stop_words() -> dict[str, list[str]]:
    """Most frequent function words per language (curated; English comes from datatrove/Gopher)."""
    return json.loads((Path(__file__).with_name("stopwords.json")).read_text(encoding="utf-8"))


_AVAILABLE: dict[str, bool] = {}
#: one check at a time per process (threads of a Dask worker); taken before words._LOCK, never under it
_CHECK_LOCK = threading.Lock()


def tokenizer_available(language: str) -> bool:
    """Whether ``language`` has a word tokenizer here. Only a missing optional package (ImportError) or
    a code without a tokenizer (ValueError) is remembered as "no": any other error is logged and asked
    again next time, so that a passing failure cannot turn the language off for the whole process."""
    with _CHECK_LOCK:
        if language in _AVAILABLE:
            return _AVAILABLE[language]
        try:
            shared_tokenizer(language).word_tokenize("a test")  # ours: not built twice
            _AVAILABLE[language] = True
        except (ImportError, ValueError) as exc:  # a missing optional tokenizer package, an unknown code
            log.info("no word tokenizer for %r: %s", language, exc)
            _AVAILABLE[language] = False
        except Exception as exc:
            log.warning("word tokenizer for %r failed its check (asked again next time): %s", language, exc)
            return False
        return _AVAILABLE[language]


class SpacedWords(WhitespaceTokenizer):
    """datatrove's fallback tokenizer (spaCy's multilingual rules: words between spaces and punctuation),
    carrying the language code. For stop-word languages whose assigned tokenizer needs a package we do
    not ship (Bengali and Marathi: indic-nlp-library, Vietnamese: pyvi), or that does not split
    sentences at the language's full stop (SENTENCES_UNSPLIT): their scripts put spaces between words
    (Vietnamese between syllables; its stop words here are single syllables); sentences end at
    datatrove's terminal punctuation."""

    def __init__(self, language: str) -> None:
        super().__init__()
        self.language = language


def install_word_cache() -> None:
    """Let consecutive filters share one word tokenisation of the same text.

    Gopher repetition, Gopher quality and FineWeb each call datatrove's ``split_into_words`` on the
    document (spaCy: the costliest part of those filters). A document flows through the filters
    one at a time, so a tiny cache keyed by (text, language) turns the repeats into hits; a filter
    that changes the text (C4 drops lines) simply misses. Results are unchanged: same function,
    same arguments."""
    import datatrove.pipeline.filters.fineweb_quality_filter as fineweb
    import datatrove.pipeline.filters.gopher_quality_filter as gq
    import datatrove.pipeline.filters.gopher_repetition_filter as gr
    import datatrove.utils.text as dt_text

    original = dt_text.split_into_words
    if getattr(original, "curation_cached", False):
        return
    cached = lru_cache(maxsize=4)(original)

    def split_into_words(text: str, language: str = "en") -> list[str]:
        return list(cached(text, language))  # a copy: callers may mutate their list

    split_into_words.curation_cached = True
    for module in (dt_text, fineweb, gq, gr):
        module.split_into_words = split_into_words


@lru_cache(maxsize=1)
def reference_thresholds() -> dict[str, dict[str, dict[str, Any]]]:
    """Per stage and language, thresholds under which nearly all reference text of that language
    passes (curation/quality/reference_thresholds.json, made by benchmarks/langid_data/make_quality_lists.py)."""
    path = Path(__file__).parents[1] / "quality" / "reference_thresholds.json"
    return json.loads(path.read_text(encoding="utf-8"))


#: Where a stage's line rules do not fit a stop-word language's Wikipedia reference articles even at
#: thresholds set on them: Marathi articles end most lines without punctuation (lists of works ending
#: in "(1970)"). FineWeb at Marathi's reference thresholds (reference_thresholds.json, set so every
#: ``tune`` article passes: line share 0, short lines 0.91) still drops 1/30 ``check`` articles, and
#: the Gopher rules 1 more: 28/30, under the 95% asked. Armenian at its thresholds keeps 26/27 check
#: articles through FineWeb, so FineWeb applies to it. The other rules apply to Marathi; FineWeb does
#: not unless a recipe names it in ``languages`` (its reference thresholds then apply).
LINE_RULES_UNFIT = {"fineweb": frozenset({"mr"})}
#: Languages whose datatrove tokenizer does not split sentences at their full stop (spaCy's hy
#: splitter ignores "։": C4 counted a paragraph as one sentence): words and sentences by SpacedWords.
SENTENCES_UNSPLIT = frozenset({"hy"})


def language_codes(stage: str | None = None) -> list[str]:
    """Languages for which a stage's word rules are meaningful here: English plus those with stop words
    (less the stage's LINE_RULES_UNFIT)."""
    unfit = LINE_RULES_UNFIT.get(stage or "", frozenset())
    return ["en", *sorted(set(stop_words()) - unfit)]


class ByLanguage(BaseFilter):
    """One wrapped filter per language; documents outside ``languages`` pass untouched."""

    type = "🔻 - FILTER"

    def __init__(
        self,
        block: type[BaseFilter],
        params: dict[str, Any],
        languages: list[str] | str = "*",
        overrides: dict[str, dict[str, Any]] | None = None,
        stage: str | None = None,
    ) -> None:
        super().__init__()
        self.block = block
        self.params = dict(params)
        self.languages = languages
        self.overrides = overrides or {}
        self.name = stage or getattr(block, "name", block.__name__)
        self._filters: dict[str, BaseFilter | None] = {}
        self._takes_stop_words = "stop_words" in inspect.signature(block.__init__).parameters
        install_word_cache()

    def _build(self, language: str) -> BaseFilter | None:
        if self.languages != "*" and language not in self.languages:
            return None
        available = tokenizer_available(language)
        words_of: str | WordTokenizer = shared_tokenizer(language) if available else language
        if language in SENTENCES_UNSPLIT or not available:
            if language not in stop_words():
                return None
            words_of = SpacedWords(language)
        reference = {k: v for k, v in reference_thresholds().get(self.name, {}).get(language, {}).items() if k not in self.params}
        kwargs = {**self.params, **reference, **self.overrides.get(language, {}), "language": words_of}
        if self._takes_stop_words and language != "en" and "stop_words" not in kwargs:
            words = stop_words().get(language)
            if words:
                kwargs["stop_words"] = words
            else:
                kwargs["min_stop_words"] = None  # no list for this language: the rule cannot apply
        return self.block(**kwargs)

    def filter(self, doc: Document) -> bool | tuple[bool, str]:
        language = doc.metadata.get("language") or ""
        if language not in self._filters:
            self._filters[language] = self._build(language) if language else None
        inner = self._filters[language]
        if inner is None:
            self.stat_update("not_applicable")
            return True
        try:
            keep, reason = get_filter_result(inner.filter(doc))
        except Exception as exc:  # one odd document must not stop the work unit
            log.warning("%s: %s failed on document %s: %s", self.name, self.block.__name__, doc.id, exc)
            return False, "filter_error"
        return (True, None) if keep else (False, reason or "dropped")
