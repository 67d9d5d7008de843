"""Plant benchmark items in real text and see what the index finds: recall on planted items, false
positives on clean text. Shared by ``tests/test_decontam.py`` and ``benchmarks/decontam_quality.py``.

A planted item is one of its renderings (``benchmarks.views``: e.g. an MMLU question with or
without ``A.``-``D.`` labels) printed as a page would, put between two paragraphs of an article.
Light edits, each a thing copies on the web do: ``case`` (upper, lower, title or a few words
flipped), ``punctuation`` (commas and full stops dropped or changed, curly quotes), ``whitespace``
(line breaks folded or added, doubled spaces, tabs), ``context`` (a few words of the poster's own
before and after). They leave the normalised words unchanged. Two harder edits change them and
are measured, not promised: ``trim`` (the first and last two words left out, for items over 20
words) and ``word`` (one word inside replaced).
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence

from curation.decontam.benchmarks import Segment
from curation.decontam.index import Index
from curation.decontam.match import find_matches

LIGHT_EDITS = ("case", "punctuation", "whitespace", "context")
HARD_EDITS = ("trim", "word")
BEFORE = ("Q:", "Question 4.", "Can anyone help me with this one?", "From my homework tonight:",
          "Here is the problem our teacher posted", "Practice item (unit 3)")
AFTER = ("Thanks in advance!", "Answer in the comments.", "(from last year's exam)", "I keep getting a different result.",
         "Source: study group notes", "Any hints welcome")


def render(view: list[Segment]) -> str:
    return "\n".join(text for text, _ in view)


def _case(text: str, rng: random.Random) -> str:
    how = rng.choice(("upper", "lower", "title", "flip"))
    if how == "flip":
        return re.sub(r"\S+", lambda m: m.group().swapcase() if rng.random() < 0.3 else m.group(), text)
    return getattr(text, how)()


def _punctuation(text: str, rng: random.Random) -> str:
    text = text.replace('"', "\u201c").replace("'", "\u2019")
    text = re.sub(r"[,;:](?=\s)", lambda m: rng.choice(("", " -", ";", ",")), text)
    text = re.sub(r"[,;:](?!\s)", lambda m: rng.choice((";", ",", " ", "/")), text)
    return re.sub(r"\.(?=\s)", lambda m: rng.choice(("!", "...", ".", "")), text)


def _whitespace(text: str, rng: random.Random) -> str:
    text = re.sub(r"\n+", lambda m: rng.choice((" ", "\n\n", "\t")), text)
    return re.sub(r" ", lambda m: rng.choice(("  ", " ", "\n", " \t")) if rng.random() < 0.2 else " ", text)


def _trim(text: str) -> str:
    words = list(re.finditer(r"\S+", text))
    if len(words) <= 20:
        return text
    return text[words[2].start() : words[-3].end()]


def _word(text: str, rng: random.Random) -> str:
    words = list(re.finditer(r"[A-Za-z]{4,}", text))
    if not words:
        return text
    w = rng.choice(words)
    return text[: w.start()] + rng.choice(("thing", "value", "person", "amount")) + text[w.end() :]


def edit(text: str, rng: random.Random, kinds: Sequence[str] = LIGHT_EDITS) -> str:
    if "trim" in kinds:
        text = _trim(text)
    if "word" in kinds:
        text = _word(text, rng)
    if "punctuation" in kinds:
        text = _punctuation(text, rng)
    if "case" in kinds:
        text = _case(text, rng)
    if "whitespace" in kinds:
        text = _whitespace(text, rng)
    if "context" in kinds:
        text = f"{rng.choice(BEFORE)} {text} {rng.choice(AFTER)}"
    return text


def plant(article: str, snippet: str, rng: random.Random) -> tuple[str, int, int]:
    """``article`` with ``snippet`` put between two of its paragraphs; and where it went."""
    paras = [p for p in article.split("\n") if p.strip()] or [""]
    k = rng.randint(0, len(paras))
    before = "\n".join(paras[:k])
    start = len(before) + (1 if before else 0)
    text = "\n".join([*paras[:k], snippet, *paras[k:]])
    return text, start, start + len(snippet)


def found_items(index: Index, text: str) -> set[int]:
    return {m.item for m in find_matches(index, text).items}


def detectable(index: Index) -> list[int]:
    """Items the index can find at all (some have no distinctive n-gram, see the card)."""
    return [i for i in range(len(index.item_ids)) if index.item_need[i] > 0]
