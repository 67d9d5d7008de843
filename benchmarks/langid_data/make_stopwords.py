"""Stop words for Gopher's rule in bn, hy, mr, vi from stopwords-iso, chosen on the tune half (run once, output committed).

    python benchmarks/langid_data/make_stopwords.py /path/to/stopwords-iso.json

Source: stopwords-iso/stopwords-iso @ 6e8e9a2d1c019ad2a885bcbe157628dea624dfb6, ``stopwords-iso.json``
(MIT licence, Gene Diaz; a collation of published stop-word lists). Those lists are long (bn 398,
hy 45, mr 99, vi 645 entries) and mix function words with content words; Gopher's rule wants the
handful of function words that any real sentence has (its English list has 8, ours 13-16 per
language). So per language: the list's one-word entries (Vietnamese entries of several syllables
left out: the tokenizer splits syllables), ranked by the number of ``tune`` Wikipedia articles
(wiki_reference.jsonl.gz, list articles left out) whose words contain them, the first ``TOP``
kept. The ``check`` half is never read here. Writes curation/filters/stopwords.json (other languages
unchanged).
"""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

LANGUAGES = ("bn", "hy", "mr", "vi")
TOP = 15


def tune_articles(language: str) -> list[str]:
    rows = (json.loads(line) for line in gzip.open(Path(__file__).with_name("wiki_reference.jsonl.gz"), "rt", encoding="utf-8"))
    return [r["text"] for r in rows if r["language"] == language and r["part"] == "tune" and r["kind"] == "article"]


def chosen(language: str, listed: list[str]) -> list[str]:
    from datatrove.utils.text import split_into_words

    from curation.filters.by_language import SpacedWords, tokenizer_available

    words_of = language if tokenizer_available(language) else SpacedWords(language)
    docs = [{w.lower() for w in split_into_words(text, words_of)} for text in tune_articles(language)]
    candidates = sorted({w.lower() for w in listed if w.strip() and " " not in w.strip()})
    ranked = sorted(candidates, key=lambda w: (-sum(w in d for d in docs), w))
    return ranked[:TOP]


def main() -> None:
    iso = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    path = ROOT / "curation" / "filters" / "stopwords.json"
    words = json.loads(path.read_text(encoding="utf-8"))
    for language in LANGUAGES:
        words[language] = chosen(language, iso[language])
        print(language, words[language])
    path.write_text(json.dumps(dict(sorted(words.items())), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
