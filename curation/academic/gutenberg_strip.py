"""Project Gutenberg plain text -> the book alone: header, footer, licence and credits removed.

Rules are families of markers, not one file's lines:

* the text starts after the last *start marker* that an end marker follows: "*** START OF THE
  PROJECT GUTENBERG EBOOK ...", "START OF THIS PROJECT GUTENBERG", "START OF THE COPYRIGHTED
  PROJECT GUTENBERG", old "*END*THE SMALL PRINT! ..." (a marker wrapped over two lines counts whole);
* it ends at the first *end marker* after that: "*** END OF THE/THIS PROJECT GUTENBERG EBOOK",
  "End of the Project Gutenberg EBook of ...", "End of Project Gutenberg's ...", "*** START: FULL
  LICENSE ***", a small print that starts after the text, and the German "Ende dieses Projekt Gutenberg";
* short paragraphs near either edge that are production credits or notes about this edition
  ("Produced by", "E-text prepared by", "Distributed Proofreaders", pgdp.net, Internet Archive,
  any mention of Project Gutenberg or its sites) are dropped;
* without a start marker, leading paragraphs that are Project Gutenberg boilerplate are dropped.

Plain-text markup of the format goes too: "[Illustration]" lines (a caption stays as text) and
_underscore_ italics. Paragraphs are joined by one blank line. Prose hard-wrapped at the file's
width is unwrapped (one paragraph, one line): line-based filters (C4's terminal punctuation) would
otherwise cut most of a book. A paragraph is taken for wrapped prose when nearly all of its
lines but the last fill ``_WRAPPED`` of the book's usual line width (and 50 characters); verse,
tables and contents lists are shorter and keep their lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_START = re.compile(r"^\W*(?:START\s+OF\s+(?:THE\s+|THIS\s+)?(?:COPYRIGHTED\s+)?PROJECT\s+GUTENBERG"
                    r"|END\W*THE\s+SMALL\s+PRINT)", re.I)
_END = re.compile(r"^\W*(?:END\s+OF\s+(?:THE\s+|THIS\s+)?(?:COPYRIGHTED\s+)?PROJECT\s+GUTENBERG"
                  r"|START:?\s+FULL\s+LICEN[CS]E|START\W*THE\s+SMALL\s+PRINT"
                  r"|ENDE?\s+DIESES\s+PROJEKT\s+GUTENBERG)", re.I)
_CREDIT = re.compile(r"\b(?:produced|prepared|transcribed|digiti[sz]ed|scanned|proofread|converted)\s+(?:by|from)\b"
                     r"|distributed\s+proofread|\bpgdp\b|project\s+gutenberg|gutenberg\.(?:org|net)|ibiblio"
                     r"|internet\s+archive|\bhtml\s+version\b|\be-?text\b", re.I)
_ILLUSTRATION = re.compile(r"\[Illustration(?::\s*([^\]]*))?\]", re.I)
_ITALICS = re.compile(r"(?<![\w_])_(?=\S)([^_\n]*(?:\n[^_\n]+)*?)(?<=\S)_(?![\w_])")
#: Credits sit in the first lines of the text (and sometimes its last): how far to look, in lines.
_EDGE_LINES, _TAIL_LINES, _MAX_CREDIT_LINES = 40, 15, 8
_MAX_CONTINUATION = 3
_WRAPPED, _MIN_WRAPPED = 0.75, 50  # a wrapped line fills 3/4 of the width, and 50 characters at least


@dataclass
class Stripped:
    text: str
    header: list[str]  # the lines before the start marker (the whole head when there is none)
    start_marker: bool
    end_marker: bool


def _paragraphs(lines: list[str]) -> list[tuple[int, list[str]]]:
    """(first line index, lines) of each blank-line separated paragraph."""
    out, cur, first = [], [], 0
    for i, line in enumerate(lines):
        if line.strip():
            if not cur:
                first = i
            cur.append(line.rstrip())
        elif cur:
            out.append((first, cur))
            cur = []
    if cur:
        out.append((first, cur))
    return out


def _marker_end(lines: list[str], i: int) -> int:
    """Index of the last line of the marker starting at ``i`` ("***START OF ...,\\n... 1827***")."""
    if not lines[i].lstrip().startswith("*") or lines[i].rstrip().endswith("*"):
        return i
    for j in range(i + 1, min(i + 1 + _MAX_CONTINUATION, len(lines))):
        if not lines[j].strip():
            return i
        if lines[j].rstrip().endswith("*"):
            return j
    return i


def _is_credit(para: list[str]) -> bool:
    return len(para) <= _MAX_CREDIT_LINES and bool(_CREDIT.search(" ".join(para)))


def _clean_markup(text: str) -> str:
    text = _ILLUSTRATION.sub(lambda m: (m.group(1) or "").strip(), text)
    return _ITALICS.sub(r"\1", text)


def _width(paras: list[list[str]]) -> int:
    """The book's wrap width: the 90th percentile of its line lengths."""
    lengths = sorted(len(line.strip()) for para in paras for line in para)
    return lengths[int(len(lengths) * 0.9)] if lengths else 0


def _unwrap(para: list[str], width: int) -> str:
    lines = [line.strip() for line in para]
    body = [len(line) for line in lines[:-1]]  # the last line of a paragraph may be any length
    full = max(_WRAPPED * width, _MIN_WRAPPED)
    if body and width and sum(n >= full for n in body) >= 0.8 * len(body) and min(body) >= 0.5 * width:
        return " ".join(lines)
    return "\n".join(line.rstrip() for line in para)


def strip_gutenberg(text: str, unwrap: bool = True) -> Stripped:
    """The book's own text from a whole Project Gutenberg file (newlines already normalised to \\n)."""
    lines = text.split("\n")
    starts = [i for i, line in enumerate(lines) if _START.match(line)]
    ends = [i for i, line in enumerate(lines) if _END.match(line)]
    # The last start marker that an end marker follows: a small print *after* the text (its
    # "*END*" line closes the file) is then not taken for the start of the book.
    followed = [s for s in starts if ends and ends[-1] > s]
    start = followed[-1] if followed else (starts[0] if starts and not ends else None)
    body_from = _marker_end(lines, start) + 1 if start is not None else 0
    end = next((e for e in ends if e >= body_from), len(lines))
    header = lines[:start] if start is not None else lines[:_EDGE_LINES * 2]
    paras = _paragraphs(lines[body_from:end])
    n_lines = end - body_from
    window = _EDGE_LINES if start is not None else _EDGE_LINES * 2
    width = _width([p for _, p in paras]) if unwrap else 0
    kept = []
    for first, para in paras:
        near_top = first < window
        near_end = first >= n_lines - _TAIL_LINES and (start is not None or end < len(lines))
        if (near_top or near_end) and _is_credit(para):
            continue
        kept.append(_unwrap(para, width))
    body = _clean_markup("\n\n".join(kept))
    body = re.sub(r"\n{3,}", "\n\n", "\n".join(line.rstrip() for line in body.split("\n"))).strip("\n")
    return Stripped(body, header, start is not None, end < len(lines))
