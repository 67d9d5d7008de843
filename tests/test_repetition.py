"""Gopher repetition with C-loop n-gram counts (curation/filters/repetition.py) decides exactly as
datatrove's GopherRepetitionFilter: same counts on word lists made to repeat, same decisions and
reasons on real and repetitive text."""

from __future__ import annotations

import gzip
import json
import random
from pathlib import Path

from datatrove.data import Document
from datatrove.pipeline.filters import GopherRepetitionFilter
from datatrove.pipeline.filters.gopher_repetition_filter import find_all_duplicate, find_top_duplicate, get_n_grams

from curation.filters.repetition import GopherRepetition, n_grams, repeated_n_gram_chars, top_n_gram_chars

DATA = Path(__file__).resolve().parents[1] / "benchmarks" / "langid_data"


def word_lists() -> list[list[str]]:
    rng = random.Random(16)
    # few distinct words so that n-grams repeat; "ab"+"c" and "a"+"bc" join to the same string
    vocab = ["a", "b", "ab", "c", "bc", "the", "of", "-", "long" * 5]
    out: list[list[str]] = [[], ["a"], ["a", "b"], ["x"] * 30]
    for _ in range(300):
        out.append([rng.choice(vocab[: rng.randint(2, len(vocab))]) for _ in range(rng.randint(0, 80))])
    return out


def test_same_counts_as_datatrove():
    for words in word_lists():
        for n in range(1, 12):
            assert n_grams(words, n, " ") == get_n_grams(words, n)
            expected = find_top_duplicate(get_n_grams(words, n)) if get_n_grams(words, n) else None
            assert top_n_gram_chars(words, n) == expected
            assert repeated_n_gram_chars(words, n) == find_all_duplicate(words, n)


def texts() -> list[str]:
    out = []
    for line in gzip.open(DATA / "udhr.jsonl.gz", "rt", encoding="utf-8"):
        row = json.loads(line)
        if row["language"].split("-")[0] in ("en", "fr", "de", "ru"):
            s = row["sentences"]
            out += ["\n".join(s[i : i + 12]) for i in range(0, len(s), 12)]
    rng = random.Random(4)
    for text in list(out[:40]):  # made repetitive: lines, phrases and words repeated
        words = text.split()
        out.append(" ".join(words + rng.sample(words, len(words) // 2) * 3))
        out.append(text + "\n" + "\n".join(rng.choice(text.splitlines()) for _ in range(5)))
        out.append(" ".join(w for w in words for _ in range(rng.randint(1, 3))))
        out.append(" ".join(words[:2] * 12 + words))  # one 2-gram all over
    return out


def test_same_decisions_as_datatrove():
    ours, theirs = GopherRepetition(), GopherRepetitionFilter()
    no_top = GopherRepetition(top_n_grams=()), GopherRepetitionFilter(top_n_grams=())
    reasons = set()
    for text in texts():
        for a, b in ((ours, theirs), no_top):
            got, want = a.filter(Document(text=text, id="a")), b.filter(Document(text=text, id="b"))
            assert got == want, text[:80]
            reasons.add(got if got is True else got[1])
    assert {True, "top_2_gram", "duplicated_5_n_grams", "dup_line_frac"} <= reasons, reasons  # kept, and dropped for several reasons


def test_threads_sharing_one_filter_keep_its_n_gram_rules():
    """The paragraph and line rules run on a copy: a thread never sees the n-gram rules switched off."""
    from concurrent.futures import ThreadPoolExecutor

    shared = GopherRepetition()
    docs = [Document(text=" ".join(["alpha beta"] * 40 + [f"w{i}" for i in range(30)]), id=str(i)) for i in range(400)]
    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(shared.filter, docs))
    assert set(results) == {(False, "top_2_gram")}
    assert shared.top_n_grams == ((2, 0.2), (3, 0.18), (4, 0.16)) and shared.dup_n_grams


def test_a_threshold_changed_after_use_applies_to_the_line_rules():
    ours = GopherRepetition(top_n_grams=(), dup_n_grams=())
    doc = Document(text="\n".join(["the same line here"] * 2 + [f"line number {i} is different" for i in range(6)]), id="a")
    assert ours.filter(doc) is True
    ours.dup_line_frac = 0.05
    assert ours.filter(doc) == GopherRepetitionFilter(dup_line_frac=0.05, top_n_grams=(), dup_n_grams=()).filter(doc)
    assert ours.filter(doc) == (False, "dup_line_frac")
