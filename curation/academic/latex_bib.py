"""Citation labels from a paper's ``.bbl`` (or inline ``thebibliography``), so a ``\\cite`` reads as
LaTeX prints it: ``[3, 7]`` for numeric styles, ``(Wadden et al., 2020)`` for natbib author-year.

The bibliography itself never reaches the text; only these labels do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from curation.academic.latex_scan import read_arg, read_optional

_BIBITEM = re.compile(r"\\bibitem(?![A-Za-z@])")
_NATBIB = re.compile(r"^\s*\{?(.*?)\((.*?)\)", re.S)
_QUOTE = re.compile(r'(?<!\\)"')  # a stray quote, not the umlaut accent \" (F{\"a}rber)


@dataclass
class Entry:
    label: str  # what a numeric or alpha style prints: "3", "BLM17"
    author: str | None = None  # natbib short author list (LaTeX source), when author-year
    year: str | None = None


def parse_bibitems(text: str) -> dict[str, Entry]:
    """Every ``\\bibitem[label]{key}`` in ``text``, numbered in order when it has no label."""
    entries: dict[str, Entry] = {}
    number = 0
    for m in _BIBITEM.finditer(text):
        opt, i = read_optional(text, m.end())
        key, _, _ = read_arg(text, i)
        key = key.strip()
        if not key or key in entries:
            continue
        number += 1
        if opt is None:
            entries[key] = Entry(str(number))
            continue
        nat = _NATBIB.match(opt)
        if nat and nat.group(2).strip():
            author = _QUOTE.sub("", nat.group(1)).strip()
            entries[key] = Entry(str(number), author or None, nat.group(2).strip())
        else:
            entries[key] = Entry(opt.strip().strip("{}"))
    return entries


def render(command: str, keys: list[str], entries: dict[str, Entry], text) -> str | None:
    """What LaTeX would print for ``\\<command>{keys}`` (``text`` converts label LaTeX); None if unknown."""
    found = [entries[k] for k in keys if k in entries]
    if not found:
        return None
    textual = command.rstrip("*").lower() in ("citet", "textcite", "citealt", "shortcite")
    if command.startswith(("citeauthor", "Citeauthor")):
        return "; ".join(text(e.author) if e.author else f"[{e.label}]" for e in found)
    if command.startswith("citeyear"):
        years = ", ".join(text(e.year) if e.year else e.label for e in found)
        return f"({years})" if command == "citeyearpar" else years
    if all(e.author for e in found):
        if textual:
            return "; ".join(f"{text(e.author)} ({text(e.year)})" for e in found)
        inner = "; ".join(f"{text(e.author)}, {text(e.year)}" for e in found)
        return inner if command.startswith("citealp") else f"({inner})"
    return "[" + ", ".join(e.label for e in found) + "]"
