"""Derive, from reference text, what the quality rules must not hit (run once, output committed).

    python benchmarks/langid_data/make_quality_lists.py

- ``curation/quality/wordlists/ambiguous.txt``: LDNOOBW/gambling entries that occur in UDHR text
  (e.g. Japanese 人種 "race", 拷問 "torture"; Persian کس, part of هر کس "everyone"): in those
  languages the entry is an ordinary word, so it is not counted. Only UDHR is used, so the kept
  fraction of langid.py's text measures the lists on text they were not cleaned with.
- ``curation/quality/reference_thresholds.json``: per language, Gopher's share of alphabetic words
  (whitespace-separated, dash-only tokens left out, see curation/filters/gopher.py): min(0.8, lowest
  reference document - 0.03), never below 0.6, from UDHR and langid.py prose (16-sentence documents,
  two sentences a line) and the ``tune`` part of the Wikipedia articles (wiki_reference.jsonl.gz,
  list articles left out), as FineWeb-2 set its thresholds from Wikipedia; and for Chinese, Japanese
  and Korean with Wikipedia articles, web_quality's share of characters in lines ending like sentences
  (curation/quality/cjk.py), by the same formula under its 0.5; and for the languages whose articles
  FineWeb's line rules do not fit at its defaults (Armenian, Marathi), each FineWeb threshold that
  some ``tune`` article fails is moved to the extreme article's value with a 0.03 margin (so every
  ``tune`` article passes); the others stay FineWeb's. Kept fractions on that text are "tuned on" figures; the ``check`` part of the Wikipedia
  articles is never read here (benchmarks/langid_quality.py measures it).
"""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def load(name: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for line in gzip.open(Path(__file__).with_name(f"{name}.jsonl.gz"), "rt", encoding="utf-8"):
        row = json.loads(line)
        out.setdefault(row["language"].split("-")[0], []).extend(row["sentences"])
    return out


def docs(sentences: list[str]) -> list[str]:
    return ["\n".join(" ".join(sentences[j : j + 2]) for j in range(i, i + 16, 2)) for i in range(0, len(sentences) - 15, 16)]


def ambiguous(udhr: dict[str, list[str]]) -> list[str]:
    from curation.quality.wordlists import CJK_LANGUAGES, raw_terms

    found = set()
    for code, sentences in udhr.items():
        text = " ".join(sentences).lower()
        tokens = set(re.findall(r"\w+", text))
        for lang in dict.fromkeys((code, "en")):
            for term in raw_terms(lang):
                hit = term in text if lang in CJK_LANGUAGES else (term in tokens if " " not in term else f" {term} " in f" {text} ")
                if hit:
                    found.add(f"{lang}\t{term}")
    return sorted(found)


def wiki_tune() -> dict[str, list[str]]:
    """The Wikipedia reference articles of the tune part (not lists), per language."""
    out: dict[str, list[str]] = {}
    for line in gzip.open(Path(__file__).with_name("wiki_reference.jsonl.gz"), "rt", encoding="utf-8"):
        row = json.loads(line)
        if row["part"] == "tune" and row["kind"] == "article":
            out.setdefault(row["language"], []).append(row["text"])
    return out


def below(lowest: dict[str, float], default: float, floor: float) -> dict[str, float]:
    """min(default, lowest - 0.03), never below ``floor``, for the languages where it is below default."""
    return {code: max(floor, round(min(default, low - 0.03), 2)) for code, low in sorted(lowest.items()) if low - 0.03 < default}


def alpha_thresholds(pools: list[dict[str, list[str]]], articles: dict[str, list[str]]) -> dict[str, float]:
    from curation.filters.gopher import is_dash

    texts = [(code, text) for pool in pools for code, sentences in pool.items() for text in docs(sentences)]
    texts += [(code, text) for code, items in articles.items() for text in items]
    lowest: dict[str, float] = {}
    for code, text in texts:
        words = [w for w in text.split() if not is_dash(w)]
        if words:
            ratio = sum(any(c.isalpha() for c in w) for w in words) / len(words)
            lowest[code] = min(lowest.get(code, 1.0), ratio)
    return below(lowest, 0.8, 0.6)


def cjk_terminal_thresholds(articles: dict[str, list[str]]) -> dict[str, float]:
    from curation.quality import cjk

    lowest = {code: min(cjk.stats(t, language=code)["terminal_line_chars"] for t in items)
              for code, items in articles.items() if code in cjk.CJK_LANGUAGES}
    return below(lowest, 0.5, 0.2)


#: FineWeb's defaults (datatrove): a page goes below the first or above the others
FINEWEB_DEFAULTS = {"line_punct_thr": 0.12, "short_line_thr": 0.67, "char_duplicates_ratio": 0.01, "new_line_ratio": 0.3}


def fineweb_stats(text: str, code: str) -> dict[str, float]:
    """FineWeb's four statistics of a text as its filter computes them for ``code`` (sentence ends of
    curation/filters/fineweb.py; words by SpacedWords, as the pipeline splits hy and mr)."""
    from datatrove.pipeline.filters.gopher_repetition_filter import find_duplicates

    from curation.filters.by_language import SpacedWords
    from curation.filters.fineweb import sentence_ends

    lines = [line for line in text.split("\n") if line.strip()]
    return {"line_punct_thr": sum(line.endswith(sentence_ends(code)) for line in lines) / len(lines),
            "short_line_thr": sum(len(line) <= 30 for line in lines) / len(lines),
            "char_duplicates_ratio": find_duplicates(lines)[1] / len(text.replace("\n", "")),
            "new_line_ratio": text.count("\n") / len(SpacedWords(code).word_tokenize(text))}


#: the stop-word languages whose Wikipedia articles FineWeb's defaults drop (3/29 hy, 11/30 mr tune articles)
FINEWEB_UNFIT = ("hy", "mr")


def fineweb_thresholds(articles: dict[str, list[str]]) -> dict[str, dict[str, float]]:
    out: dict[str, dict[str, float]] = {}
    for code in [c for c in FINEWEB_UNFIT if c in articles]:
        stats = [fineweb_stats(text, code) for text in articles[code]]
        low = min(s["line_punct_thr"] for s in stats)
        if low < FINEWEB_DEFAULTS["line_punct_thr"]:  # some article fails the default: loosen, with the margin
            out.setdefault(code, {})["line_punct_thr"] = max(0.0, round(low - 0.03, 2))
        for key in ("short_line_thr", "char_duplicates_ratio", "new_line_ratio"):
            high = max(s[key] for s in stats)
            if high > FINEWEB_DEFAULTS[key]:
                out.setdefault(code, {})[key] = min(1.0, round(high + 0.03, 2))
    return out


def main() -> None:
    udhr, langidpy = load("udhr"), load("langidpy")
    out = ROOT / "curation" / "quality"
    (out / "wordlists" / "ambiguous.txt").write_text("\n".join(ambiguous(udhr)) + "\n", encoding="utf-8")
    articles = wiki_tune()
    thresholds = {
        "gopher_quality": {code: {"max_non_alpha_words_ratio": t} for code, t in alpha_thresholds([udhr, langidpy], articles).items()},
        "web_quality": {code: {"cjk_min_terminal_lines": t} for code, t in cjk_terminal_thresholds(articles).items()},
        "fineweb": fineweb_thresholds(articles),
    }
    (out / "reference_thresholds.json").write_text(json.dumps(thresholds, indent=1, sort_keys=True) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
