"""datatrove's FineWeb quality filter with the sentence ends each language actually writes.

FineWeb's first rule drops a page when under 12% of its lines end in terminal punctuation
(datatrove's ``TERMINAL_PUNCTUATION``: ``.``, ``!``, ``?``, the danda ``।``, the Armenian ``։``, the
ideographic ``。`` and ~150 more). Some languages end sentences with characters that set lacks, and
their pages would count as unpunctuated lists:

- Greek: the question mark is ``;`` (U+037E, which Unicode normalisation makes the ASCII ``;``);
- Armenian: the full stop ``։`` is very often typed as the ASCII colon ``:`` (no Armenian key on most
  keyboards; in Wikipedia text too);
- Bengali: the danda is often written ``৷`` (U+09F7, the look-alike of legacy fonts) or ``|``;
  Hindi, Marathi, Nepali and Sanskrit write ``|`` for ``।`` the same way.

Only those languages get the extra characters; every other language, English included, keeps
datatrove's set, so their results are unchanged.

Table rows (``| cell | cell |``, as the extractor writes tables): a row's end is its cell separator,
so a page laid out in a table (common on older sites: the whole article in one cell) had no line
ending in punctuation. A row counts by the text of its last cell, and rows of empty cells are not
lines; a page that passes the rule so is checked by datatrove's other rules. Every other rule is
datatrove's, unchanged.
"""

from __future__ import annotations

import copy

from datatrove.pipeline.filters import FineWebQualityFilter
from datatrove.pipeline.writers.disk_base import DiskWriter
from datatrove.utils.text import TERMINAL_PUNCTUATION
from datatrove.utils.typeshelper import Languages

#: sentence ends written in these languages that datatrove's TERMINAL_PUNCTUATION lacks
EXTRA_SENTENCE_ENDS: dict[str, tuple[str, ...]] = {
    "el": (";", "\u037e"),
    "hy": (":",),
    "bn": ("\u09f7", "|"),
    "hi": ("|",),
    "mr": ("|",),
    "ne": ("|",),
    "sa": ("|",),
}


def sentence_ends(language: str) -> tuple[str, ...]:
    """datatrove's terminal punctuation plus the language's own extra sentence ends, in a stable order."""
    return tuple(sorted(set(TERMINAL_PUNCTUATION) | set(EXTRA_SENTENCE_ENDS.get(language, ()))))


class FineWebQuality(FineWebQualityFilter):
    def __init__(
        self,
        exclusion_writer: DiskWriter | None = None,
        line_punct_thr: float = 0.12,
        line_punct_exclude_zero: bool = False,
        stop_chars: tuple[str, ...] | None = None,
        short_line_thr: float = 0.67,
        short_line_length: int = 30,
        char_duplicates_ratio: float = 0.01,
        new_line_ratio: float = 0.3,
        language: str = Languages.english,
    ) -> None:
        code = language if isinstance(language, str) else (getattr(language, "language", None) or "")
        super().__init__(
            exclusion_writer, line_punct_thr, line_punct_exclude_zero,
            stop_chars if stop_chars is not None else sentence_ends(code),
            short_line_thr, short_line_length, char_duplicates_ratio, new_line_ratio, language,
        )

    def filter(self, doc) -> bool | tuple[bool, str]:
        result = super().filter(doc)
        if result != (False, "line_punct_ratio") or "|" not in doc.text:
            return result
        if punctuated_share(doc.text, self.stop_chars) < self.line_punct_thr:
            return result
        rest = copy.copy(self)  # datatrove's other rules, in its order
        rest.line_punct_thr = -1.0
        return FineWebQualityFilter.filter(rest, doc)


def punctuated_share(text: str, ends: tuple[str, ...]) -> float:
    """Share of the non-blank lines that end a sentence, a table row judged by its last cell's text."""
    lines = punctuated = 0
    for line in text.split("\n"):
        core = line.rstrip(" \t|")
        row = line.lstrip().startswith("|") and line.rstrip().endswith("|")
        if not (core.lstrip(" \t|") if row else line.strip()):
            continue  # a blank line, or a row of empty cells (layout)
        lines += 1
        punctuated += line.endswith(ends) or (row and core.endswith(ends))
    return punctuated / lines if lines else 0.0
