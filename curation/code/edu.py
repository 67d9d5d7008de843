"""Educational value of a code file, phi-1 style, as a documented heuristic (no labels offline).

phi-1 kept code an LLM judged "clear, self-contained, instructive". Without such labels here, the
score (0-1) averages signals of those qualities: explained code (a comment/docstring share near a
textbook's, 10-50% of lines), structure (named functions or classes), a size one can read (10-400
lines), readable names (identifiers 3-20 characters on average, few single letters) and few
imports per line (self-contained). Non-programming files are capped (markup 0.4, prose/data 0.2).
It is a ranking aid for the mix, not a measured classifier.
"""

from __future__ import annotations

import re

from curation.code.language import MARKUP, PROGRAMMING
from curation.code.rules import comment_fraction

_DEFINITION = re.compile(r"^\s*(?:async\s+)?(?:def|class|fn|func|function|struct|impl|trait|interface|module|"
                         r"(?:pub(?:\(\w+\))?|public|private|protected|static|export)\s+[\w<>\[\], ]*\()", re.M)
_IMPORT = re.compile(r"^\s*(?:import|from\s+\S+\s+import|use|using|#include|require\(|const\s+\w+\s*=\s*require)\b", re.M)
_IDENT = re.compile(r"\b[A-Za-z_][A-Za-z0-9_]*\b")


def _band(x: float, low: float, high: float, soft: float, soft_low: float | None = None) -> float:
    """1 inside [low, high], falling linearly to 0 over ``soft`` above it (``soft_low`` below it)."""
    if low <= x <= high:
        return 1.0
    if x < low:
        return max(0.0, 1.0 - (low - x) / (soft if soft_low is None else soft_low))
    return max(0.0, 1.0 - (x - high) / soft)


def code_edu_score(text: str, language: str | None, lang_type: str | None) -> float:
    lines = [x for x in text.splitlines() if x.strip()]
    n = len(lines)
    if not n:
        return 0.0
    comments = comment_fraction(text, language or "")
    explained = _band(comments, 0.1, 0.5, 0.1) if comments >= 0 else 0.3
    structure = min(1.0, len(_DEFINITION.findall(text)) / 2)
    size = _band(n, 10, 400, 600, soft_low=10)
    idents = _IDENT.findall(text)
    mean_len = sum(map(len, idents)) / len(idents) if idents else 0.0
    singles = sum(len(i) == 1 for i in idents) / len(idents) if idents else 1.0
    names = _band(mean_len, 3, 20, 3) * (1.0 - min(1.0, singles * 2))
    contained = 1.0 - min(1.0, len(_IMPORT.findall(text)) / n * 4)
    score = (explained + structure + size + names + contained) / 5
    if lang_type != PROGRAMMING:
        score = min(score, 0.4 if lang_type == MARKUP else 0.2)
    return round(score, 6)
