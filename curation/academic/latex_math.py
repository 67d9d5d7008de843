"""Math stays LaTeX (a model learns maths notation from it), minus what only typesetting needs.

Inline math becomes ``$...$`` on one line; display math becomes ``$$...$$`` on its own line, one line
per row of an align-like environment (alignment ``&`` and ``\\\\`` row breaks removed), and never
keeps an ``\\begin{equation}`` wrapper. Labels are taken out for reference numbering.
"""

from __future__ import annotations

import re

from curation.academic.latex_scan import read_command, split_top

_LABEL = re.compile(r"\\label\s*\{([^{}]*)\}")
_NO_NUMBER = re.compile(r"\\(nonumber|notag)(?![A-Za-z@])")
_DROP = re.compile(r"\\(nonumber|notag|xspace|ensuremath|protect|label\s*\{[^{}]*\})(?![A-Za-z@])|"
                   r"\\tag\*?\s*\{[^{}]*\}|\\(hfill|quad|qquad)\s*$")
_INNER = re.compile(r"\\(begin|end)\s*\{(split|aligned|gathered|alignedat|aligned\*)\}(\s*\{\d+\})?")
_ROW_OPT = re.compile(r"^\s*\*?\s*\[[^\]]*\]")
_SPACE = re.compile(r"\s+")
_TEXT_GROUPS = re.compile(r"\\(text[a-z]*|mbox|hbox|mathrm|operatorname|mathit|mathsf|mathtt|mathbf)\s*\{[^{}]*\}")
_PROSE = re.compile(r"[A-Za-z]{3,}(?:[ ,;.:()'-]+[A-Za-z]{2,}){3,}")
_LONE_WORD = re.compile(r"\s+[a-z]{2,}\s+")


def find_close(s: str, i: int, close: str) -> int | None:
    """Start of the delimiter ``close`` (``$``, ``$$``, ``\\)``, ``\\]``) that ends math opened before ``i``."""
    n = len(s)
    while i < n:
        c = s[i]
        if c == "\\":
            name, j = read_command(s, i)
            if close[0] == "\\" and "\\" + name == close:
                return i
            i = j
            continue
        if c == "$" and close[0] == "$" and s.startswith(close, i):
            return i
        if c == "\n" and close == "$" and re.match(r"\n[ \t\r]*\n", s[i:i + 200]):
            return None  # a paragraph ends first: that "$" was a dollar sign, not math
        i += 1
    return None


def looks_like_prose(math: str) -> bool:
    """Whether "math" between two dollars is really text: an author dropped one ``$`` and the pairing
    slipped (``\\alpha$ in deeply inelastic scattering $``); four plain words in a row never occur
    in real math outside ``\\text{}``, nor does one word with spaces on both sides (``$ and $``)."""
    bare = _TEXT_GROUPS.sub(" ", math)
    return bool(_PROSE.search(bare) or _LONE_WORD.fullmatch(bare))


def labels_in(math: str) -> list[str]:
    return [k.strip() for k in _LABEL.findall(math)]


def clean(math: str) -> str:
    """One line of compact math source."""
    math = _DROP.sub("", math)
    return _SPACE.sub(" ", math).strip()


def rows(content: str, env: str, multi: bool) -> list[tuple[str, bool, list[str]]]:
    """Display rows of ``content``: (clean math, numbered, labels), skipping empty rows."""
    numbered_env = not env.endswith("*") and env not in ("displaymath", "split")
    if multi or _INNER.search(content):
        content = _INNER.sub(" ", content)
        parts = split_top(content, "\\\\")
    else:
        parts = [content]
    if not multi and len(parts) > 1 and env in ("multline", "multline*"):
        parts = [" ".join(parts)]
    out = []
    for k, part in enumerate(parts):
        if k:
            part = _ROW_OPT.sub("", part)
        labels = labels_in(part)
        numbered = numbered_env and not _NO_NUMBER.search(part)
        text = clean(" ".join(split_top(part, "&")))
        if text:
            out.append((text, numbered, labels))
        elif labels and out:
            out[-1][2].extend(labels)
    if not multi and len(out) > 1:  # one equation broken into lines (split): one number, all labels
        every = [lab for _, _, ls in out for lab in ls]
        numbered = numbered_env and not _NO_NUMBER.search(content)
        out = [(t, numbered and i == 0, every if i == 0 else []) for i, (t, _, _) in enumerate(out)]
    return out
