"""From an e-print's files to one LaTeX source: decode, strip comments, pick the main file, inline \\input.

Comments go first and per file, so a commented-out ``% \\input{old}`` is never followed. Paths in
``\\input`` resolve against the main file's folder, as LaTeX does (``\\import``/``\\subimport``
against the folder they name); each file may appear once on the inclusion stack.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field

from curation.academic.latex_scan import read_arg, read_group, skip_spaces

_TEX_SUFFIXES = (".tex", ".ltx", ".latex")
_DOCCLASS = re.compile(r"\\document(class|style)(?![A-Za-z@])")
_BEGIN_DOC = re.compile(r"\\begin\s*\{document\}")
_LEFTOVER = re.compile(r"(^|[-_. ])(old|bak|backup|orig|copy|tmp|temp|unused|previous|obsolete|draft\d*)"
                       r"([-_. \d]|$)", re.I)
_LEFTOVER_DIRS = {"old", "backup", "bak", "unused", "archive", "trash", "obsolete", "__macosx"}
_INCLUDE = re.compile(r"\\(input|include|subfile|import|subimport|inputfrom|subinputfrom)(?![A-Za-z@])")
_IFFALSE = re.compile(r"\\(iffalse|if0)(?![A-Za-z@])")
_IF_TOKENS = re.compile(r"\\(if[A-Za-z@]*|fi)(?![A-Za-z@])")
_COMMENT_ENV = re.compile(r"\\begin\s*\{comment\}.*?(\\end\s*\{comment\}|\Z)", re.S)
_VERBATIM_BEGIN = re.compile(r"\\begin\s*\{(verbatim\*?|Verbatim|BVerbatim|LVerbatim|lstlisting|minted|"
                             r"spverbatim|alltt|comment)\}")
_LITERAL = re.compile(r"\\verb\*?([^A-Za-z\s*]).*?(\1|$)|\\(url|href)\s*\{[^{}]*\}")
MAX_DEPTH = 20


def decode(raw: bytes) -> tuple[str, bool]:
    """Text of a member: UTF-8 (BOM allowed), else Windows-1252, else Latin-1; (text, was UTF-8)."""
    try:
        return raw.decode("utf-8-sig"), True
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252"), False
    except UnicodeDecodeError:
        return raw.decode("latin-1"), False


def strip_comments(text: str) -> str:
    """Drop ``%`` comments as TeX does: a comment eats its line end and the next line's indentation.
    Verbatim environments, ``\\verb`` and ``\\url`` keep their ``%``."""
    if "%" not in text:
        return text
    out, join, verbatim = [], False, None
    lines = text.split("\n")
    for n, line in enumerate(lines):
        end = "\n" if n < len(lines) - 1 else ""
        if verbatim is None and (m := _VERBATIM_BEGIN.search(line)) and _comment_start(line[:m.start()]) < 0:
            verbatim = m.group(1)
            if not re.search(r"\\end\s*\{" + re.escape(verbatim) + r"\}", line[m.end():]):
                out.append(line + end)
                join = False
                continue
            verbatim = None
        elif verbatim is not None:
            out.append(line + end)
            if re.search(r"\\end\s*\{" + re.escape(verbatim) + r"\}", line):
                verbatim = None
            continue
        if join:
            if line.strip():
                line = line.lstrip(" \t")
            else:
                out.append("\n")  # "text%" then a blank line: TeX still sees a paragraph break
        cut = _comment_start(line)
        if cut < 0:
            out.append(line + end)
            join = False
        elif line[:cut].strip() or join:
            out.append(line[:cut])
            join = True
        else:  # a line that is only a comment vanishes, with its line end
            join = False
    return "".join(out)


def _comment_start(line: str) -> int:
    i = line.find("%")
    if i >= 0 and ("\\verb" in line or "\\url" in line or "\\href" in line):
        masked = _LITERAL.sub(lambda m: "x" * len(m.group()), line)
        i = masked.find("%")
        line = masked
    while i >= 0:
        k = i - 1
        while k >= 0 and line[k] == "\\":
            k -= 1
        if (i - 1 - k) % 2 == 0:  # an even run of backslashes: the % is not escaped
            return i
        i = line.find("%", i + 1)
    return -1


def drop_disabled(text: str) -> str:
    """Remove ``\\iffalse``/``\\if0`` ... ``\\fi`` blocks (nesting counted) and comment environments."""
    text = _COMMENT_ENV.sub("", text)
    out, pos = [], 0
    while m := _IFFALSE.search(text, pos):
        out.append(text[pos:m.start()])
        depth, end = 1, len(text)
        for t in _IF_TOKENS.finditer(text, m.end()):
            depth += -1 if t.group(1) == "fi" else 1
            if depth == 0:
                end = t.end()
                break
        pos = end
    out.append(text[pos:])
    return "".join(out)


def is_leftover(name: str) -> bool:
    """Obvious non-main files: ``_old-intro.tex``, ``paper_backup.tex``, files under ``old/``."""
    parts = name.lower().split("/")
    base = parts[-1]
    stem = base.rsplit(".", 1)[0]
    in_old_folder = any(p in _LEFTOVER_DIRS for p in parts[:-1])
    return base.startswith(("_", "~", ".")) or bool(_LEFTOVER.search(stem)) or in_old_folder


def choose_main(texts: dict[str, str], names: list[str]) -> str | None:
    """The main file: ``\\documentclass`` and ``\\begin{document}``, not a leftover; ties broken
    by a matching ``.bbl``, then the shallowest path, the largest file and the name."""
    bbl_stems = {n[:-4] for n in names if n.endswith(".bbl")}
    texlike = [n for n in texts if n.lower().endswith(_TEX_SUFFIXES) or "." not in n.rsplit("/", 1)[-1]]
    ranked = []
    for name in texlike:
        t = texts[name]
        has_class, has_begin = bool(_DOCCLASS.search(t)), bool(_BEGIN_DOC.search(t))
        rank = 0 if has_class and has_begin else 1 if has_class else 2 if has_begin else 3
        if rank == 3 and len(texlike) > 1:
            continue  # a fragment among several files is never the main file
        stem = name.rsplit(".", 1)[0] if "." in name.rsplit("/", 1)[-1] else name
        ranked.append((rank, is_leftover(name), stem not in bbl_stems, name.count("/"), -len(t), name))
    return min(ranked)[-1] if ranked else None


@dataclass
class Flattened:
    source: str
    included: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    cycles: int = 0
    balanced: bool = True


def flatten(main: str, texts: dict[str, str]) -> Flattened:
    """``main`` with every resolvable \\input/\\include replaced by the file's (comment-free) text."""
    result = Flattened("")
    result.source = _inline(main, texts, posixpath.dirname(main), [main], result)
    return result


def _resolve(ref: str, base: str, texts: dict[str, str]) -> str | None:
    ref = ref.strip().strip('"').replace("\\", "/")
    for folder in dict.fromkeys((base, "")):
        path = posixpath.normpath(posixpath.join(folder, ref)) if ref else ""
        path = path[2:] if path.startswith("./") else path
        for cand in (path, path + ".tex"):
            if cand in texts:
                return cand
    return None


def _inline(name: str, texts: dict[str, str], base: str, stack: list[str], res: Flattened) -> str:
    src = texts[name]
    out, pos = [], 0
    for m in _INCLUDE.finditer(src):
        if m.start() < pos:
            continue
        kind, i = m.group(1), m.end()
        folder = base
        if kind in ("import", "subimport", "inputfrom", "subinputfrom"):
            sub, i, ok = read_arg(src, i)
            here = posixpath.dirname(stack[-1]) if kind.startswith("sub") else base
            folder = posixpath.normpath(posixpath.join(here, sub.strip())) if sub.strip() else here
            res.balanced = res.balanced and ok
        j = skip_spaces(src, i)
        if src.startswith("{", j):
            ref, end, ok = read_group(src, j)
            res.balanced = res.balanced and ok
        else:  # TeX syntax: \input file.tex
            mm = re.compile(r"[^\s{}\\%]+").match(src, j)
            if not mm or j == i:
                continue
            ref, end = mm.group(), mm.end()
        out.append(src[pos:m.start()])
        pos = end
        target = _resolve(ref, folder, texts)
        if target is None:
            res.missing.append(ref.strip())
            continue
        if target in stack or len(stack) >= MAX_DEPTH:
            res.cycles += 1
            continue
        res.included.append(target)
        body = _inline(target, texts, base, stack + [target], res)
        out.append(f"\n\n{body}\n\n" if kind == "include" else body)
    out.append(src[pos:])
    return "".join(out)
