"""Adult and gambling vocabulary per language (LDNOOBW, C4's source, plus short gambling and adult lists).

C4 drops a page on one listed word, which also drops medicine and sex education. Here a page goes
only when the vocabulary is a noticeable part of it: several distinct terms, repeated, at a rate
no reference article reaches (see benchmarks/langid_quality.py for the kept fraction of reference text).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

HERE = Path(__file__).with_name("wordlists")
CJK_LANGUAGES = frozenset({"zh", "ja", "ko", "th", "yue", "wuu"})
_ALIASES = {"tl": "fil", "nb": "no", "nn": "no"}
_WORD = re.compile(r"\w+")
#: LDNOOBW entries that name sexual crimes or sexuality in the register of news, court and medical
#: text. A report on a rape trial uses them at a rate the rule counts; an adult page never uses them
#: alone. They count only on a page that also has another (explicit) entry.
REPORTED = {"en": frozenset({"rape", "raping", "rapist", "pedophile", "paedophile", "incest",
                             "sexual", "sexually", "sexuality", "genitals", "nudity"})}


def check_files() -> None:
    """At run start: a missing list is a one-line error naming the path."""
    for name in ("ldnoobw_en.txt", "gambling_en.txt", "gambling_zh.txt", "ambiguous.txt"):
        if not (HERE / name).is_file():
            raise FileNotFoundError(f"{HERE / name}: word list missing")


@lru_cache(maxsize=None)
def raw_terms(language: str) -> frozenset[str]:
    """All entries of ``language``'s lists, lower-cased."""
    code = _ALIASES.get(language, language)
    entries: set[str] = set()
    for name in (f"ldnoobw_{code}.txt", f"gambling_{code}.txt", f"adult_{code}.txt"):
        path = HERE / name
        if path.is_file():
            entries |= {line.strip().lower() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()}
    return frozenset(entries)


@lru_cache(maxsize=1)
def ambiguous() -> dict[str, frozenset[str]]:
    """Entries that are ordinary words of reference text (benchmarks/langid_data/make_quality_lists.py)."""
    out: dict[str, set[str]] = {}
    path = HERE / "ambiguous.txt"
    if path.is_file():
        for line in path.read_text(encoding="utf-8").splitlines():
            if "\t" in line:
                lang, term = line.split("\t", 1)
                out.setdefault(lang, set()).add(term)
    return {k: frozenset(v) for k, v in out.items()}


@lru_cache(maxsize=None)
def terms(language: str) -> tuple[frozenset[str], tuple[str, ...]]:
    """(single words, phrases or CJK terms) counted for ``language``: its lists minus ambiguous entries."""
    entries = raw_terms(language) - ambiguous().get(language, frozenset())
    if language in CJK_LANGUAGES:
        return frozenset(), tuple(sorted(e for e in entries if len(e) >= 2))
    words = frozenset(e for e in entries if " " not in e)
    return words, tuple(sorted(e for e in entries if " " in e))


def hits(text: str, language: str) -> tuple[int, int, int]:
    """(occurrences, distinct terms, words in the text) for the language's lists plus English's."""
    lower = text.lower()
    tokens = _WORD.findall(lower)
    n_words = len(tokens)
    if language in CJK_LANGUAGES:
        n_words = max(n_words, int(sum(1 for ch in text if "\u3040" <= ch <= "\u9fff" or "\uac00" <= ch <= "\ud7af") / 1.5))
    total = distinct = 0
    reported: list[str] = []
    spaced = " " + " ".join(tokens) + " "
    for lang in dict.fromkeys((language, "en")):
        words, phrases = terms(lang)
        if words:
            found = [t for t in tokens if t in words]
            news = REPORTED.get(lang, frozenset())
            reported += [t for t in found if t in news]
            found = [t for t in found if t not in news]
            total += len(found)
            distinct += len(set(found))
        for phrase in phrases:
            if lang in CJK_LANGUAGES:
                n = lower.count(phrase)
            else:
                n = spaced.count(f" {phrase} ")
            if n:
                total += n
                distinct += 1
    if total and reported:  # crime/clinical words count beside an explicit entry only
        total += len(reported)
        distinct += len(set(reported))
    return total, distinct, n_words


def is_adult_or_gambling(text: str, language: str, min_distinct: int = 2, min_rate: float = 0.004) -> bool:
    total, distinct, n_words = hits(text, language)
    return distinct >= min_distinct and total >= 3 and total / max(n_words, 1) >= min_rate
