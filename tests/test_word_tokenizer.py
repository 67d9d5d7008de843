"""The word filters' spaCy tokenizer with spaCy's word cache on (curation/filters/words.py) gives
datatrove's tokens and sentences exactly, keeps its memory bounded, and is shared by the filters.
(One known difference: a text holding "IS_ALPHA" keeps that token here, while datatrove's memory zone
makes spaCy raise on it and datatrove retries with the string deleted.)"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from datatrove.data import Document
from datatrove.utils.word_tokenizers import SpaCyTokenizer

from curation.filters.special_cases import lazy_special_cases
from curation.filters.words import PROCESS_BUDGET, CachedSpacyTokenizer, StringBudget, shared_tokenizer

DATA = Path(__file__).resolve().parents[1] / "benchmarks" / "langid_data"
#: Latin, Cyrillic and Greek scripts, Chinese (spaCy's multilingual "xx"), Aragonese (datatrove: Spanish's),
#: Indonesian and Dutch (thousands of special cases, added as texts need them; Malay too, tested below)
LANGUAGES = ("en", "fr", "de", "ru", "el", "zh", "an", "id", "nl")


def texts(language: str) -> list[str]:
    out = []
    for name in ("udhr", "langidpy"):
        for line in gzip.open(DATA / f"{name}.jsonl.gz", "rt", encoding="utf-8"):
            row = json.loads(line)
            if row["language"].split("-")[0] == language:
                s = row["sentences"]
                out += ["\n".join(s[i : i + 12]) for i in range(0, len(s), 12)]
    return out


@pytest.mark.parametrize("language", LANGUAGES)
def test_same_tokens_and_sentences_as_datatrove(language):
    """Words, sentences and sentence spans (whole texts, and line by line as C4 asks) equal those of
    datatrove's tokenizer, on a first pass (cache filling) and a second (cache hits), across rebuilds."""
    ours = shared_tokenizer(language)
    assert isinstance(ours, CachedSpacyTokenizer)
    reference = SpaCyTokenizer(ours.language)
    small = CachedSpacyTokenizer(ours.language, StringBudget(300))  # rebuilt every few documents
    docs = texts(language)
    assert docs
    for text in docs + docs:
        lines = [line for line in text.splitlines() if line.strip()]
        expected = (reference.word_tokenize(text), reference.sent_tokenize(text), reference.span_tokenize(text),
                    [reference.span_tokenize(line) for line in lines])
        for tok in (ours, small):
            got = (tok.word_tokenize(text), tok.sent_tokenize(text), tok.span_tokenize(text),
                   [tok.span_tokenize(line) for line in lines])
            assert got == expected, (language, text[:60])
    assert small.rebuilds > 0


def test_memory_stays_bounded():
    """New strings beyond the budget start a fresh pipeline, the largest of those sharing it: together
    they never keep more than the budget plus one text's strings."""
    budget = StringBudget(1000)
    en, de = CachedSpacyTokenizer("en", budget), CachedSpacyTokenizer("de", budget)
    for i in range(0, 6000, 100):
        en.word_tokenize(" ".join(f"w{j}x{j * 7919 % 1000}" for j in range(i, i + 100)))
        if i % 300 == 0:
            de.word_tokenize(" ".join(f"d{j}y" for j in range(i, i + 100)))
        assert en.new_strings() + de.new_strings() <= 1000 + 2 * 100
    assert en.rebuilds >= 5 and de.rebuilds >= 1
    assert shared_tokenizer("en").budget is PROCESS_BUDGET


def test_the_word_filters_share_one_tokenizer_per_language():
    """Gopher repetition, Gopher quality, C4 and FineWeb get the same instance (the word cache between
    consecutive filters is keyed by it), and each decides and rewrites exactly as the same filter
    given the language code (datatrove's own tokenizer, inside its memory zone)."""
    import copy

    from datatrove.pipeline.filters import GopherRepetitionFilter

    from curation.filters.by_language import ByLanguage
    from curation.filters.c4 import C4Quality
    from curation.filters.fineweb import FineWebQuality
    from curation.filters.gopher import GopherQuality

    steps = [ByLanguage(block, {}, stage=name) for block, name in
             ((GopherRepetitionFilter, "gopher_repetition"), (GopherQuality, "gopher_quality"), (C4Quality, "c4"),
              (FineWebQuality, "fineweb"))]
    for language in ("en", "fr", "ru"):
        docs = texts(language)
        for step in steps:
            step.filter(Document(text=docs[0], id=language, metadata={"language": language}))
        inner = [step._filters[language] for step in steps]
        assert len({id(f.language) for f in inner}) == 1 and inner[0].language is shared_tokenizer(language)
        plain = [copy.copy(f) for f in inner]
        for f in plain:
            f.language = language
        for text in docs:
            for ours, theirs in zip(inner, plain):
                a, b = Document(text=text, id="a"), Document(text=text, id="b")
                assert (ours.filter(a), a.text) == (theirs.filter(b), b.text), (language, type(ours).__name__)


def test_threads_sharing_one_tokenizer_across_rebuilds():
    """A Dask worker may run several threads: a rebuild by one never leaves another without a pipeline,
    and every thread gets datatrove's tokens."""
    from concurrent.futures import ThreadPoolExecutor

    docs = texts("en")[:60] * 6
    reference = SpaCyTokenizer("en")
    expected = [reference.word_tokenize(t) for t in docs]
    shared = CachedSpacyTokenizer("en", StringBudget(20))  # rebuilt after almost every document
    with ThreadPoolExecutor(8) as pool:
        got = list(pool.map(shared.word_tokenize, docs))
    assert got == expected
    assert shared.rebuilds > 3


def rule_texts(language: str, n: int, seed: int) -> list[str]:
    """Texts made of the language's own special cases: whole, split at their hyphens by spaces (the
    phrase matcher still sees their tokens in a row), glued to neighbours and punctuation, across lines."""
    import random

    rng = random.Random(seed)
    rules = sorted(lazy_special_cases(language).rules)
    out = []
    for _ in range(n):
        parts = []
        for _ in range(rng.randint(1, 40)):
            r = rng.choice(rules)
            r = rng.choice([r, r, r.replace("-", " - "), r.replace("-", " "), r.replace(".", ". ")])
            if rng.random() < 0.3:
                r = rng.choice("(\"'[") + r + rng.choice(").,!?\"':")
            parts.append(r)
        out.append("".join(p + rng.choice([" ", "", "  ", "\n", ", ", "-", ".", "\xa0"]) for p in parts))
    return out


@pytest.mark.parametrize("language", ["id", "nl", "ms"])
def test_special_cases_added_as_needed_give_the_same_tokens(language):
    """A tokenizer that starts with only the whitespace rules and gets the others as texts hold them
    tokenises text made of those rules exactly as spaCy with all of them; past its scanning budget
    it takes them all, and a rebuilt pipeline starts again from the whitespace rules."""
    from curation.filters import words

    cases = lazy_special_cases(language)
    assert cases is not None and len(cases.eager) < 40 and lazy_special_cases("en") is None
    reference = SpaCyTokenizer(language)
    ours = CachedSpacyTokenizer(language, StringBudget(10**9))
    small = CachedSpacyTokenizer(language, StringBudget(2000))  # rebuilt every few texts
    docs = rule_texts(language, 150, seed=16) + texts(language)
    for text in docs + docs:
        expected = (reference.word_tokenize(text), reference.span_tokenize(text))
        for tok in (ours, small):
            assert (tok.word_tokenize(text), tok.span_tokenize(text)) == expected, (language, text[:60])
    assert 0 < len(ours._rules_in[1]) < len(cases.lazy) and small.rebuilds > 0
    assert len(ours.tokenizer.tokenizer.rules) == len(cases.eager) + len(ours._rules_in[1])
    ours._scanned = len(cases.rules) * words.SCAN_CHARS_PER_RULE  # the budget spent: all rules at the next text
    for text in rule_texts(language, 20, seed=5):
        assert ours.word_tokenize(text) == reference.word_tokenize(text)
    assert len(ours.tokenizer.tokenizer.rules) == len(cases.rules)


def test_threads_adding_special_cases():
    """Threads sharing an Indonesian tokenizer that adds rules and is rebuilt meanwhile get spaCy's tokens."""
    from concurrent.futures import ThreadPoolExecutor

    docs = rule_texts("id", 40, seed=7) * 4
    reference = SpaCyTokenizer("id")
    expected = [reference.word_tokenize(t) for t in docs]
    shared = CachedSpacyTokenizer("id", StringBudget(500))
    with ThreadPoolExecutor(8) as pool:
        got = list(pool.map(shared.word_tokenize, docs))
    assert got == expected
    assert shared.rebuilds > 3


def test_threads_sharing_a_tokenizer_datatrove_owns():
    """Mandarin ("cmn": datatrove's spaCy pipeline with jieba, which sets ``max_length`` and enters a
    memory zone per call; lid.176's "zh" gets spaCy's multilingual rules, ours): threads of one worker sharing the process's tokenizer, one with a long text and one with
    short ones, all get its tokens, none an error."""
    from concurrent.futures import ThreadPoolExecutor

    from datatrove.utils.text import split_into_words

    from curation.filters.by_language import tokenizer_available

    assert tokenizer_available("cmn")
    words = shared_tokenizer("cmn")
    long = "我们今天去公园散步，天气很好。" * 3000
    short = long[:20]
    expected = {text: split_into_words(text, SpaCyTokenizer("zh")) for text in (long, short)}
    jobs = [long] * 10 + [short] * 1500
    jobs = [jobs[i] for i in sorted(range(len(jobs)), key=lambda i: (i * 7919) % len(jobs))]
    with ThreadPoolExecutor(4) as pool:
        got = list(pool.map(lambda text: split_into_words(text, words), jobs))
    assert all(g == expected[t] for g, t in zip(got, jobs))


def test_many_special_case_strings_do_not_count_against_the_budget():
    """Indonesian's rules add ~34k strings: they belong to the pipeline's base, so an Indonesian
    tokenizer beside a language holding ~30k new words under the shared 60k budget is not rebuilt
    after every text once it has taken all its rules (nor when a text adds some)."""
    from curation.filters.words import MAX_NEW_STRINGS

    budget = StringBudget(MAX_NEW_STRINGS)
    en, idt = CachedSpacyTokenizer("en", budget), CachedSpacyTokenizer("id", budget)
    en.word_tokenize(" ".join(f"w{i}x" for i in range(30000)))
    docs = texts("id") + rule_texts("id", 30, seed=3)
    for text in docs[:10]:  # rules added as texts hold them
        idt.word_tokenize(text)
    assert idt.rebuilds == 0 and en.rebuilds == 0
    idt._scanned = len(lazy_special_cases("id").rules) * 120  # the scanning budget spent: all rules
    for text in docs[10:]:
        idt.word_tokenize(text)
    assert idt.rebuilds <= 1 and en.rebuilds == 0
    assert len(idt.tokenizer.tokenizer.rules) == len(lazy_special_cases("id").rules)
    idt.rebuild()  # a rebuilt pipeline past the scanning budget starts with all rules, inside its base
    assert idt.word_tokenize(docs[0]) == SpaCyTokenizer("id").word_tokenize(docs[0]) and idt.new_strings() < 2000
