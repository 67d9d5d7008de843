"""The 0-5 educational score in an LLM's reply to our rubric (``curation.classify.rubric``).

Replies vary with the model and the server (markdown, ``3/5``, ``<think>`` blocks, prose around the
score line), so reading the score is its own small parser, tested on its own.
"""

from __future__ import annotations

import re

MIN_SCORE, MAX_SCORE = 0, 5

_THINK = re.compile(r"<think>.*?(?:</think>|\Z)", re.S | re.I)
# Markdown and punctuation that may sit between a label and its number: **, __, :, =, -, #, quotes, <.
_GAP = r"[\s*_:=\-–—#>\"'`\[\]()<]{0,12}"
_NUMBER = r"(?<![-−–\d])(?P<num>\d+(?:[.,]\d+)?)(?![\d.,]*\d)"
_DENOM = r"(?:\s*(?:/|out\s+of|of)\s*(?P<den>\d+))?"
_EDU_SCORE = re.compile(r"educational(?:\s+value)?[\s_-]*score\b" + _GAP + _NUMBER + _DENOM, re.I)
_ANY_SCORE = re.compile(
    r"\b(?:total\s+|final\s+|overall\s+)?(?:score|points?)\b(?:\s+is|\s*[:=])" + _GAP + _NUMBER + _DENOM, re.I)
_LONE_LINE = re.compile(r"^[\s*_#>\"'`\[(<]*" + _NUMBER + _DENOM + r"[\s*_\"'`\])>.!]*$")


def _value(m: re.Match) -> int | None:
    num, den = m.group("num"), m.group("den")
    if den is not None and int(den) != MAX_SCORE:
        return None
    try:
        value = float(num.replace(",", "."))
    except ValueError:
        return None
    if not value.is_integer() or not MIN_SCORE <= value <= MAX_SCORE:
        return None
    return int(value)


def parse_score(reply: str | None) -> int | None:
    """The 0-5 score in a model's reply, or None when there is none.

    The last ``Educational score: N`` decides (any case; markdown such as ``**Educational score:** 3``,
    ``Educational score: **4**``, ``3/5``, ``3 out of 5`` and a trailing period are fine); failing
    that the last ``score: N`` / ``score = N`` / ``total points: N``; failing that a last non-empty
    line that is just a number. A value outside 0-5, a fraction of something other than 5, or a
    non-integer (``3.5``) gives None, as does prose without a score. ``<think>`` blocks are ignored.
    """
    if not reply or not isinstance(reply, str):
        return None
    text = _THINK.sub(" ", reply)
    for pattern in (_EDU_SCORE, _ANY_SCORE):
        matches = list(pattern.finditer(text))
        if matches:
            return _value(matches[-1])
    lines = [ln for ln in text.splitlines() if ln.strip()]
    if lines:
        m = _LONE_LINE.match(lines[-1])
        if m:
            return _value(m)
    return None
