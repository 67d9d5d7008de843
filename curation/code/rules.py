"""Measurements of a code file and the StarCoder/NeMo-style rules on them, each with a drop reason.

Why each rule: very long lines and a low share of letters and digits mark minified, bundled or
binary-ish text; tool-written files (generator markers) and big data files (JSON/YAML/CSV dumps)
teach no programming; long base64/hex runs are encoded blobs; a file that is nearly all comments
is documentation or a licence header; Python that does not parse is broken or Python 2.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from itertools import compress

import numpy as np

from curation.code.language import DATA
from curation.code.paths import generated_marker

_BASE64 = re.compile(r"[A-Za-z0-9+/]{64,}={0,2}")  # also long hex strings: hex digits are base64 letters
_HEX_ARRAY = re.compile(r"(?:(?:0x|\\x)[0-9a-fA-F]{2}[,\s]*){64,}")  # {0x12, 0x34, ...} and "\x12\x34..."
_UNICODE_ESCAPES = re.compile(r"(?:\\u[0-9a-fA-F]{4}){16,}")
_ASCII = bytes(range(128))
_NOT_ESCAPE = bytes(c for c in range(256) if c not in b"0x\\u")
#: Every byte that cannot be in a base64 run becomes a space (a split point).
_BASE64_BREAKS = bytes(c if chr(c).isascii() and (chr(c).isalnum() or chr(c) in "+/") else 32 for c in range(256))
_HASH = ("Python", "Shell", "Ruby", "Perl", "R", "YAML", "TOML", "Makefile", "CMake", "Dockerfile", "Elixir",
         "Julia", "Nim", "Crystal", "PowerShell", "fish", "Awk", "Tcl", "Starlark", "Cython", "INI", "Just",
         "Ignore List", "Git Attributes", "EditorConfig", "Dotenv", "Pip Requirements", "GraphQL", "Nix", "HCL")
_SLASH = ("C", "C++", "Cuda", "Objective-C", "Objective-C++", "Java", "JavaScript", "TypeScript", "TSX", "Rust",
          "Go", "Kotlin", "Scala", "Groovy", "Swift", "C#", "F#", "PHP", "Dart", "Zig", "Solidity", "JSON with Comments",
          "GLSL", "HLSL", "WGSL", "Protocol Buffer", "Thrift", "D", "Less", "SCSS", "Verilog", "SystemVerilog", "Prisma", "QML")
_DASH = ("Lua", "SQL", "Haskell", "Elm", "PureScript", "VHDL", "Ada")
_SEMI = ("Common Lisp", "Emacs Lisp", "Scheme", "Racket", "Clojure", "Assembly", "INI")
_PERCENT = ("TeX", "MATLAB", "Erlang", "Prolog")
LINE_COMMENT = {**{k: ("#",) for k in _HASH}, **{k: ("//",) for k in _SLASH}, **{k: ("--",) for k in _DASH},
                **{k: (";",) for k in _SEMI}, **{k: ("%",) for k in _PERCENT}, "PHP": ("//", "#"), "INI": (";", "#"),
                "Vim Script": ('"',), "Visual Basic .NET": ("'",), "Batchfile": ("REM ", "rem ", "::"), "Roff": ('.\\"',)}
BLOCK_COMMENT = {k: ("/*", "*/") for k in _SLASH + ("CSS",)} | {"Python": ('"""', '"""'), "HTML": ("<!--", "-->"),
                                                                "XML": ("<!--", "-->"), "Lua": ("--[[", "]]")}


@dataclass(frozen=True)
class CodeStats:
    lines: int
    max_line: int
    mean_line: float
    alnum: float  # letters and digits / characters
    comment_fraction: float  # comment lines / non-blank lines (None-like -1 when the language has no rule)
    blob_longest: int
    blob_fraction: float


def comment_fraction(text: str, language: str, lines: list[str] | None = None) -> float:
    """Share of non-blank lines that are comments (or docstrings, for Python); -1 when unknown.

    A line (stripped) is a comment when it starts with a line-comment prefix, starts a block
    comment, or lies in one (up to the line holding the closer). Counted on the stripped non-blank
    lines joined by ``\\n``, where a line starting with ``p`` is an occurrence of ``\\n`` + ``p``:
    ``str.count`` and ``str.find`` do the work, Python steps only from block to block."""
    prefixes = LINE_COMMENT.get(language) or ()
    block = BLOCK_COMMENT.get(language)
    if not prefixes and not block:
        return -1.0
    kept = list(filter(None, map(str.strip, text.splitlines() if lines is None else lines)))
    if not kept:
        return 0.0
    joined = "\n" + "\n".join(kept)  # no kept line holds a line break, so each "\n" starts one line
    starts = ["\n" + p for p in prefixes]  # no prefix is the start of another: counts add up

    def prefixed(start: int, end: int) -> int:
        return sum(joined.count(s, start, end) for s in starts)

    if block is None or block[0] not in text:
        return prefixed(0, len(joined)) / len(kept)
    opener, closer = block
    comment = done = 0  # lines starting before ``done`` are counted
    while (at := joined.find("\n" + opener, done)) >= 0:
        comment += prefixed(done, at)
        end = joined.find("\n", at + 1)
        end = len(joined) if end < 0 else end
        if joined.find(closer, at + 1 + len(opener), end) < 0:  # the block goes on to the line holding the closer
            close = joined.find(closer, end)
            end = len(joined) if close < 0 else joined.find("\n", close)
            end = len(joined) if end < 0 else end
        comment += joined.count("\n", at, end)
        done = end
    return (comment + prefixed(done, len(joined))) / len(kept)


def _letters(data: bytes) -> np.ndarray:
    """``data`` (UTF-8) as a numpy array where every byte that cannot be in a base64 run is a space."""
    return np.frombuffer(data.translate(_BASE64_BREAKS), dtype=np.uint8)


def _base64_run_possible(marks: np.ndarray) -> bool:
    """Whether ``_letters`` may hold a run of 64+ base64 letters: such a run covers a whole 32-byte
    block (at a multiple of 32), so look for a block without a break. Far cheaper than the regex,
    which runs only where this says yes (other characters' UTF-8 bytes are breaks, as they are)."""
    blocks = len(marks) // 32
    return blocks > 0 and bool((marks[:blocks * 32].reshape(blocks, 32) != 32).all(axis=1).any())


def _escape_counts(data: bytes) -> tuple[int, int]:
    """Upper bounds of (``0x`` + ``\\x``, ``\\u``) counts, which the blob patterns need 64 and 16 of:
    the pairs counted once every other byte is deleted (one pass; deleting bytes never removes an
    occurrence)."""
    rest = data.translate(None, _NOT_ESCAPE)
    return rest.count(b"0x") + rest.count(b"\\x"), rest.count(b"\\u")


def _alnum_count(text: str, data: bytes, marks: np.ndarray) -> int:
    """Letters and digits in ``text`` (what ``[\\W_]`` leaves), from its UTF-8 ``data`` and its
    ``_letters``: ASCII ones are the base64 letters less ``+`` and ``/``, others are counted one by one."""
    count = len(marks) - int(np.count_nonzero(marks == 32)) - data.count(b"+") - data.count(b"/")
    if len(data) == len(text):
        return count
    return count + sum(map(str.isalnum, data.translate(None, _ASCII).decode("utf-8", "surrogatepass")))


def _base64_runs(text: str) -> list[int]:
    """Lengths of ``_BASE64.finditer(text)``'s matches. Each starts a run of 64+ base64 letters (the
    match before it ends at a letter that cannot be in one), so for ASCII text the runs are found
    with numpy and the regex is matched only there: searching, it tries every letter of every word."""
    if not text.isascii():
        return [len(m.group(0)) for m in _BASE64.finditer(text)]
    marks = _letters(text.encode("ascii"))
    edges = np.concatenate(([-1], np.flatnonzero(marks == 32), [len(marks)]))
    starts = edges[:-1][np.diff(edges) > 64] + 1  # a gap of 65 between breaks holds 64 letters
    return [len(_BASE64.match(text, int(at)).group(0)) for at in starts]


def _matches_at(pattern: re.Pattern, text: str, starts: tuple[str, ...]) -> list[int]:
    """Lengths of ``pattern.finditer(text)``'s matches, for a pattern whose every match begins with
    one of ``starts``: tried only where those are (``str.find``), since the regex engine would try
    every ``0`` or every position (the literal sits inside a repeated group)."""
    found, end = [], 0
    for at in sorted(i for lit in starts for i in _positions(text, lit)):
        if at >= end and (m := pattern.match(text, at)):
            found.append(m.end() - at)
            end = m.end()
    return found


def _positions(text: str, literal: str) -> list[int]:
    out, i = [], text.find(literal)
    while i >= 0:
        out.append(i)
        i = text.find(literal, i + 1)
    return out


def measure(text: str, language: str | None) -> CodeStats:
    lines = text.splitlines() or [""]
    lengths = list(map(len, lines))
    longest = max(lengths)
    data = text.encode("ascii") if text.isascii() else text.encode("utf-8", "surrogatepass")
    marks = _letters(data)
    alnum = _alnum_count(text, data, marks) / max(1, len(text))
    blobs = []  # each pattern only where it can match
    if longest >= 64 and _base64_run_possible(marks):  # a run never spans lines: search those of 64+ characters
        blobs += _base64_runs("\n".join(compress(lines, map((63).__lt__, lengths))))
    hexes, escapes = _escape_counts(data)
    if hexes >= 64 and text.count("0x") + text.count("\\x") >= 64:
        blobs += _matches_at(_HEX_ARRAY, text, ("0x", "\\x"))
    if escapes >= 16 and text.count("\\u") >= 16:
        blobs += _matches_at(_UNICODE_ESCAPES, text, ("\\u",))
    return CodeStats(len(lines), longest, sum(lengths) / len(lines), alnum,
                     comment_fraction(text, language or "", lines), max(blobs, default=0), sum(blobs) / max(1, len(text)))


@dataclass(frozen=True)
class Thresholds:
    max_line_length: int = 1000
    max_mean_line_length: float = 100.0
    min_alnum_fraction: float = 0.25
    max_comment_fraction: float = 0.8
    min_comment_fraction: float = 0.0
    min_comment_lines: int = 20  # comment-share rules apply to files of at least this many lines
    max_data_chars: int = 5000
    min_chars: int = 20
    max_blob_chars: int = 1024
    max_blob_fraction: float = 0.5
    python_must_parse: bool = True


def python_parses(text: str) -> bool:
    """Whether CPython compiles the file (to bytecode: twice as fast as building ``ast`` objects,
    and also refuses what only the compiler sees, like ``return`` outside a function)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # invalid escape sequences and the like are warnings, not errors
        try:
            compile(text, "<code>", "exec", dont_inherit=True)
        except (SyntaxError, ValueError, RecursionError, MemoryError, OverflowError):
            return False
    return True


def check(text: str, language: str | None, lang_type: str | None, t: Thresholds) -> str | None:
    """The reason to drop this file, or None to keep it."""
    if len(text.strip()) < t.min_chars:
        return "too_short"
    if generated_marker(text):
        return "generated"
    s = measure(text, language)
    if s.max_line > t.max_line_length:
        return "long_line"
    if s.mean_line > t.max_mean_line_length:
        return "long_mean_line"
    if s.alnum < t.min_alnum_fraction:
        return "low_alphanumeric"
    if s.blob_longest > t.max_blob_chars or s.blob_fraction > t.max_blob_fraction:
        return "encoded_data"
    if lang_type == DATA and len(text) > t.max_data_chars:
        return "data_file"
    if s.lines >= t.min_comment_lines and s.comment_fraction >= 0:
        if s.comment_fraction > t.max_comment_fraction:
            return "mostly_comments"
        if s.comment_fraction < t.min_comment_fraction:
            return "few_comments"
    if language == "Python" and t.python_must_parse and not python_parses(text):
        return "python_syntax_error"
    return None
