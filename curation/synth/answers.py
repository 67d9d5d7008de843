"""Final-answer extraction from a model's solution, normalised so that samples can be compared.

A number is written many ways (``1,000``, ``1000.0``, ``\\frac{1}{2}``, ``0.5``, ``$12``); they are
compared as exact fractions and returned in one canonical spelling (``1000``, ``0.5``, ``1/3``). A
multiple-choice answer is one letter A-E. Anything else is short text, compared case- and
space-insensitively.
"""

from __future__ import annotations

import re
from fractions import Fraction

KINDS = ("auto", "number", "choice", "text")

_NUMBER = r"[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:[eE][-+]?\d+)?|[-+]?\.\d+"
NUMBER_RE = re.compile(rf"(?<![\w.])(?:{_NUMBER})(?:\s*/\s*(?:{_NUMBER}))?(?![\w])")
_FRAC_RE = re.compile(r"\\[dt]?frac\s*\{([^{}]*)\}\s*\{([^{}]*)\}")
#: Phrases that introduce a final answer, most explicit first; the last match in the text wins.
_MARKERS = [
    re.compile(r"####\s*"),
    re.compile(r"(?:final answer|the answer|answer)\s*(?:is|:|=)\s*:?\s*", re.I),
    re.compile(r"^\s*answer\s*[-:]\s*", re.I | re.M),
]
_CHOICE_RE = re.compile(r"^\(?\s*([A-E])\s*\)?(?:[.:)]|\s|$)")
_CHOICE_STATED = re.compile(r"\b(?i:answer|option|choice)\s+(?i:is|would be|must be)\s*:?\s*\(?([A-E])\b\)?")
_CHOICE_ANYWHERE = re.compile(r"(?:\(([A-E])\)|\b(?:option|choice)\s+([A-E])\b)")


def _boxed(text: str) -> str | None:
    r"""The content of the last ``\boxed{...}`` (or ``\fbox``), braces balanced."""
    start = max(text.rfind("\\boxed{"), text.rfind("\\fbox{"))
    if start < 0:
        return None
    i = text.index("{", start) + 1
    depth, j = 1, i
    while j < len(text) and depth:
        depth += {"{": 1, "}": -1}.get(text[j], 0)
        j += 1
    return text[i:j - 1] if depth == 0 else None


def _marked(text: str) -> str | None:
    """What follows the last answer marker (``\\boxed{}``, ``####``, ``The answer is``, ``Answer:``)."""
    boxed = _boxed(text)
    if boxed is not None:
        return boxed
    for pattern in _MARKERS:
        hits = list(pattern.finditer(text))
        if hits:  # the rest of the line after the last marker (a model may correct itself)
            rest = text[hits[-1].end():].split("\n", 1)[0]
            if rest.strip():
                return rest
    return None


def _clean_latex(s: str) -> str:
    s = _FRAC_RE.sub(r"(\1)/(\2)", s)
    s = re.sub(r"\\(?:text|mathrm|mathbf|textbf)\s*\{([^{}]*)\}", r"\1", s)
    s = s.replace("\\$", "$").replace("\\%", "%").replace("\\!", "").replace("\\,", "").replace("−", "-")
    s = re.sub(r"\(\s*(-?[\d.]+)\s*\)\s*/\s*\(\s*(-?[\d.]+)\s*\)", r"\1/\2", s)  # (1)/(2), from \frac
    return s.replace("$", "").strip()


def _to_fraction(s: str) -> Fraction | None:
    s = s.replace(",", "").replace("(", "").replace(")", "").replace(" ", "")
    try:
        if "/" in s:
            num, den = s.split("/", 1)
            value = Fraction(num) / Fraction(den)
        else:
            value = Fraction(s)
    except (ValueError, ZeroDivisionError):
        return None
    return value


def canonical_number(value: Fraction) -> str:
    """``1000``, ``0.5``, ``-2.25``; ``1/3`` when the decimal would not end. One spelling per number."""
    if value.denominator == 1:
        return str(value.numerator)
    den, twos, fives = value.denominator, 0, 0
    while den % 2 == 0:
        den, twos = den // 2, twos + 1
    while den % 5 == 0:
        den, fives = den // 5, fives + 1
    if den != 1:
        return f"{value.numerator}/{value.denominator}"
    places = max(twos, fives)
    digits = str(abs(value.numerator) * 10 ** places // value.denominator).rjust(places + 1, "0")
    return ("-" if value < 0 else "") + f"{digits[:-places]}.{digits[-places:]}"


def _number(s: str, last: bool) -> str | None:
    """The number in ``s``: the first one (a marked answer says it first) or the last (free text)."""
    s = _clean_latex(s)
    hits = NUMBER_RE.findall(s)
    if not hits:
        return None
    value = _to_fraction(hits[-1] if last else hits[0])
    return None if value is None else canonical_number(value)


def _choice(s: str) -> str | None:
    s = _clean_latex(s).strip().strip("*_ ")
    lone = re.fullmatch(r"\(?([a-eA-E])\)?\.?", s)
    if lone:
        return lone.group(1).upper()
    m = _CHOICE_RE.match(s)
    if m:
        return m.group(1)
    m = _CHOICE_ANYWHERE.search(s)
    return (m.group(1) or m.group(2)) if m else None


def _text(s: str) -> str | None:
    s = _clean_latex(s)
    s = re.sub(r"\s+", " ", s).strip().strip("\"'`*_").rstrip(".!;,").strip().casefold()
    return s or None


def extract_answer(text: str, kind: str = "auto") -> str | None:
    """The final answer of ``text`` in canonical form, or None when there is none of that ``kind``."""
    if kind not in KINDS:
        raise ValueError(f"kind: {kind!r} is not one of {', '.join(KINDS)}")
    marked = _marked(text)
    if kind == "number":
        found = _number(marked, last=False) if marked is not None else None
        return found or _number(text, last=True)
    if kind == "choice":
        found = _choice(marked) if marked is not None else None
        if found:
            return found
        stated = list(_CHOICE_STATED.finditer(text))
        if stated:
            return stated[-1].group(1)
        lines = [ln for ln in text.strip().splitlines() if ln.strip()]
        return _choice(lines[-1]) if lines and len(lines[-1].split()) <= 3 else None
    if kind == "text":
        if marked is not None:
            return _text(marked)
        lines = [ln for ln in text.strip().splitlines() if ln.strip()]
        return _text(lines[-1]) if lines else None
    return _auto(text, marked)


def _auto(text: str, marked: str | None) -> str | None:
    """A marked answer typed by its content; unmarked, a lone short reply is the answer itself, else
    the last number of the text."""
    candidate = marked if marked is not None else (text if len(text.split()) <= 4 else None)
    if candidate is not None:
        cleaned = re.sub(r"^[A-Za-z]\s*=\s*", "", _clean_latex(candidate).strip().rstrip("."))
        if re.fullmatch(r"\(?\s*[A-E]\s*\)?", cleaned) or (marked is not None and _CHOICE_RE.match(cleaned) and len(cleaned.split()) <= 6 and not NUMBER_RE.search(cleaned)):
            return _choice(cleaned)
        number = _number(cleaned, last=False)
        if number is not None and _number_dominates(cleaned):
            return number
        return _text(candidate)
    return _number(text, last=True)


def _number_dominates(s: str) -> bool:
    """A marked answer is a number when it is one, maybe with a unit or currency (``12 apples``, ``$5``),
    not when a number sits inside a phrase (``Paris in 1900``)."""
    hits = NUMBER_RE.findall(s)
    words = [w for w in re.split(r"\s+", NUMBER_RE.sub(" ", s)) if re.search(r"[A-Za-z]", w)]
    return len(hits) == 1 and len(words) <= 2 and NUMBER_RE.match(s.lstrip("$€£ ")) is not None
