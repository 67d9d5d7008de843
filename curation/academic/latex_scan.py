"""Low-level LaTeX scanning: control sequences, brace groups, optional arguments.

Every reader here is total: on input that ends early it returns what it has and says so (the
``balanced`` flag), because a paper with one missing brace must still become text.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[A-Za-z@]+")


def read_command(s: str, i: int) -> tuple[str, int]:
    """The control sequence at ``s[i] == '\\\\'``: (name without backslash, index after it)."""
    m = _WORD.match(s, i + 1)
    if m:
        return m.group(), m.end()
    if i + 1 < len(s):
        return s[i + 1], i + 2
    return "", i + 1


def skip_spaces(s: str, i: int) -> int:
    """Past spaces and at most one line end (a blank line is a paragraph, never skipped)."""
    n, newline = len(s), False
    while i < n and s[i] in " \t\r\n":
        if s[i] == "\n":
            if newline:
                return i
            newline = True
        i += 1
    return i


def read_group(s: str, i: int) -> tuple[str, int, bool]:
    """The content of the brace group opening at ``s[i] == '{'``: (content, index after, balanced)."""
    depth, j, n = 0, i, len(s)
    while j < n:
        c = s[j]
        if c == "\\":
            j += 2
            continue
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                return s[i + 1:j], j + 1, True
        j += 1
    return s[i + 1:], n, False


def read_optional(s: str, i: int) -> tuple[str | None, int]:
    """An optional ``[...]`` argument at or after ``i`` (spaces skipped): (content or None, index after)."""
    j = skip_spaces(s, i)
    if j >= len(s) or s[j] != "[":
        return None, i
    depth_sq, depth_br, k, n = 0, 0, j, len(s)
    while k < n:
        c = s[k]
        if c == "\\":
            k += 2
            continue
        if c == "{":
            depth_br += 1
        elif c == "}":
            depth_br -= 1
        elif c == "[" and depth_br == 0:
            depth_sq += 1
        elif c == "]" and depth_br == 0:
            depth_sq -= 1
            if depth_sq == 0:
                return s[j + 1:k], k + 1
        k += 1
    return None, i  # never closed: not an optional argument after all


def read_arg(s: str, i: int) -> tuple[str, int, bool]:
    """One mandatory argument: a brace group's content, a control sequence or one character."""
    j = skip_spaces(s, i)
    if j >= len(s):
        return "", j, True
    if s[j] == "{":
        return read_group(s, j)
    if s[j] == "\\":
        _, k = read_command(s, j)
        return s[j:k], k, True
    if s[j] == "}":  # the enclosing group ends: no argument here
        return "", j, True
    return s[j], j + 1, True


def skip_args(s: str, i: int, optional: int, mandatory: int) -> tuple[int, bool]:
    """Past ``optional`` optional and then ``mandatory`` mandatory arguments; (index, balanced)."""
    ok = True
    for _ in range(optional):
        _, i = read_optional(s, i)
    for _ in range(mandatory):
        _, i, good = read_arg(s, i)
        ok = ok and good
    return i, ok


def find_env_end(s: str, i: int, name: str) -> tuple[int, int] | None:
    """(start, end) of the ``\\end{name}`` that closes an environment whose body starts at ``i``."""
    pat = re.compile(r"\\(begin|end)\s*\{" + re.escape(name) + r"\}")
    depth = 1
    for m in pat.finditer(s, i):
        if s[m.start() - 1:m.start()] == "\\" and _escaped(s, m.start()):
            continue
        depth += 1 if m.group(1) == "begin" else -1
        if depth == 0:
            return m.start(), m.end()
    return None


def _escaped(s: str, i: int) -> bool:
    """Whether the backslash at ``i`` is itself escaped (an odd run of backslashes before it)."""
    k = i - 1
    while k >= 0 and s[k] == "\\":
        k -= 1
    return (i - 1 - k) % 2 == 1


def split_top(s: str, sep: str) -> list[str]:
    """``s`` split at ``sep`` where it is outside braces and nested environments."""
    parts, depth, env, start, i, n = [], 0, 0, 0, 0, len(s)
    while i < n:
        c = s[i]
        if c == "\\":
            if s.startswith(sep, i) and depth == 0 and env == 0:
                parts.append(s[start:i])
                i += len(sep)
                start = i
                continue
            name, j = read_command(s, i)
            env += 1 if name == "begin" else -1 if name == "end" else 0
            i = j
            continue
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
        elif s.startswith(sep, i) and depth == 0 and env == 0:
            parts.append(s[start:i])
            i += len(sep)
            start = i
            continue
        i += 1
    parts.append(s[start:])
    return parts
