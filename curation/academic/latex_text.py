"""LaTeX -> plain UTF-8 prose with readable math: the one converter for e-prints and abstracts.

Order matters: comments and disabled blocks go first (so nothing commented is ever expanded or
followed), then user macros are collected and expanded over the whole source (papers define some
after ``\\begin{document}``), then only the document body is walked; the preamble contributes the
title. See ``latex_convert`` for what each construct becomes. The result is never an exception:
unbalanced braces, unclosed environments and runaway macros are counted and the rest converted.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from curation.academic.latex_bib import parse_bibitems
from curation.academic.latex_convert import Converter
from curation.academic.latex_symbols import KEEP, LINE, PAR, REF
from curation.academic.latex_macros import Expander, collect
from curation.academic.latex_scan import read_arg, read_optional
from curation.academic.latex_source import drop_disabled, strip_comments

_BEGIN_DOC = re.compile(r"\\begin\s*\{document\}")
_END_DOC = re.compile(r"\\end\s*\{document\}")
_TITLE = re.compile(r"\\(title|icmltitle)(?![A-Za-z@])")
_REF = re.compile(REF + "([^" + REF + "]*)" + REF)
_KEPT = re.compile(KEEP + r"(\d+)" + KEEP)
_SPACES = re.compile(r"[ \t\r\n\f\v]+")
_BREAKS = re.compile(r" ?([" + LINE + PAR + "][" + LINE + PAR + " ]*)")
_LOOSE_PUNCT = re.compile(r"(?<=[\w)\]" + KEEP + r"]) +([.,;:])(?= |\n|$)")
_MANY_NEWLINES = re.compile(r"\n{3,}")
#: Expansion may grow a source this many times (plus a floor) before it stops: a macro bomb guard.
EXPANSION_FACTOR, EXPANSION_FLOOR = 8, 2_000_000


@dataclass
class LatexText:
    text: str
    title: str | None = None
    unbalanced_braces: int = 0
    unresolved_refs: int = 0
    macros_expanded: int = 0
    macro_limit: bool = False
    unknown_commands: dict[str, int] = field(default_factory=dict)


def find_title(src: str) -> str | None:
    """The LaTeX of the first non-empty ``\\title{...}`` (the long form, not ``[short]``)."""
    for m in _TITLE.finditer(src):
        _, i = read_optional(src, m.end())
        text, _, _ = read_arg(src, i)
        if text.strip():
            return text
    return None


def document_body(src: str) -> str:
    """What lies between ``\\begin{document}`` and ``\\end{document}`` (all of it, without them)."""
    begin = _BEGIN_DOC.search(src)
    if not begin:
        return src
    end = _END_DOC.search(src, begin.end())
    return src[begin.end():end.start() if end else len(src)]


def latex_to_text(src: str, *, bbl: str = "", fragment: bool = False, comments: bool = True) -> LatexText:
    """Convert ``src``; ``fragment`` for a snippet (an abstract: no preamble, no title), ``comments``
    False where ``%`` is a literal percent sign (arXiv abstracts) or comments are gone already."""
    if comments:
        src = strip_comments(src)
    src = drop_disabled(src)
    src, defs = collect(src)
    expander = Expander(defs, max(EXPANSION_FACTOR * len(src), EXPANSION_FLOOR))
    src = expander.expand(src)
    bib = parse_bibitems(bbl + "\n" + src) if ("\\bibitem" in bbl or "\\bibitem" in src) else {}
    conv = Converter(defs.theorems, bib)
    title = None
    if not fragment:
        title_src = find_title(src)
        title_raw = conv.sub(title_src, notes=False) if title_src else ""
        title = _finish(title_raw, conv)[0].replace("\n", " ")
        if title:
            conv.emit(title_raw)  # the title opens the text
            conv.par()
        conv.walk(document_body(src))
    else:
        conv.walk(src)
    conv.par()
    text, unresolved = _finish("".join(conv.out), conv)
    return LatexText(text=text, title=title or None, unbalanced_braces=conv.unbalanced + (not defs.balanced),
                     unresolved_refs=unresolved, macros_expanded=expander.expanded, macro_limit=expander.limited,
                     unknown_commands=conv.unknown)


def _finish(raw: str, conv: Converter) -> tuple[str, int]:
    """Markers to text: references resolved, whitespace and line breaks settled, literals put back."""
    unresolved = 0

    def ref(m: re.Match) -> str:
        nonlocal unresolved
        shown = conv.labels.get(m.group(1))
        if not shown:
            unresolved += 1
        return shown or "??"

    t = _REF.sub(ref, raw)
    t = _SPACES.sub(" ", t)
    t = _BREAKS.sub(lambda m: "\n\n" if PAR in m.group(1) else "\n", t)
    t = _LOOSE_PUNCT.sub(r"\1", t)
    t = unicodedata.normalize("NFC", t)
    t = "\n".join(line.strip() for line in t.split("\n"))
    t = _MANY_NEWLINES.sub("\n\n", t).strip()
    return _KEPT.sub(lambda m: conv.kept[int(m.group(1))], t), unresolved
