"""Derive, from reference text, what the quality rules must not hit (run once, output committed).

    python benchmarks/langid_data/make_quality_lists.py

- ``curation/quality/wordlists/ambiguous.txt``: LDNOOBW/gambling entries that occur in UDHR text
  (e.g. Japanese 人種 "race", 拷問 "torture"; Persian کس, part of هر کس "everyone"): in those
  languages the entry is an ordinary word, so it is not counted. Only UDHR is used, so the kept
  fraction of langid.py's text measures the lists on text they were not cleaned with.
- ``curation/quality/reference_thresholds.json``: per language, Gopher's share of alphabetic words
  (whitespace-separated, see curation/filters/gopher.py): min(0.8, lowest reference document - 0.03),
  never below 0.6, from UDHR and langid.py prose (16-sentence documents, two sentences a line), as
  FineWeb-2 set its thresholds from Wikipedia. Kept fractions on that text are "tuned on" figures.
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


def alpha_thresholds(pools: list[dict[str, list[str]]]) -> dict[str, float]:
    lowest: dict[str, float] = {}
    for pool in pools:
        for code, sentences in pool.items():
            for text in docs(sentences):
                words = text.split()
                if words:
                    ratio = sum(any(c.isalpha() for c in w) for w in words) / len(words)
                    lowest[code] = min(lowest.get(code, 1.0), ratio)
    return {code: max(0.6, round(min(0.8, low - 0.03), 2)) for code, low in sorted(lowest.items()) if low - 0.03 < 0.8}


def main() -> None:
    udhr, langidpy = load("udhr"), load("langidpy")
    out = ROOT / "curation" / "quality"
    (out / "wordlists" / "ambiguous.txt").write_text("\n".join(ambiguous(udhr)) + "\n", encoding="utf-8")
    thresholds = {"gopher_quality": {code: {"max_non_alpha_words_ratio": t} for code, t in alpha_thresholds([udhr, langidpy]).items()}}
    (out / "reference_thresholds.json").write_text(json.dumps(thresholds, indent=1, sort_keys=True) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
