"""User macros: collect ``\\newcommand``/``\\def``/``\\let``/``\\newenvironment`` and expand their uses.

Papers lean on their own macros (``\\ours``, ``\\cD``), so dropping them would cut words and symbols
from the text. A definition we can follow (no arguments, or ``#1``..``#9`` with an optional default)
is expanded everywhere; one we cannot (delimited ``\\def`` parameters) has its uses removed. While a
macro's body is expanded, that macro is not expanded again, so ``\\renewcommand\\x{\\x y}`` and
``\\def\\a{\\a}`` terminate; a size budget stops exponential bodies.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from curation.academic import latex_symbols as sym
from curation.academic.latex_scan import read_arg, read_command, read_group, read_optional, skip_spaces
#: Environments the converter handles itself (a class's redefinition of them is not followed).
KNOWN_ENVS = ({"document", "abstract", "proof", "appendices"} | sym.DROP_ENVS | set(sym.FLOATS) | sym.DISPLAY_MATH
              | sym.LISTS | sym.VERBATIM | set(sym.THEOREMS) | sym.BLOCKS)

_DEFINERS = re.compile(
    r"\\(newcommand|renewcommand|providecommand|DeclareRobustCommand|def|gdef|edef|xdef|let|"
    r"DeclareMathOperator|newenvironment|renewenvironment|newtheorem|newif)(?![A-Za-z@])(\*?)")
_PARAM = re.compile(r"#(#|[1-9])")
_CS = re.compile(r"\\(?:([A-Za-z@]+)|.)", re.S)
_SIMPLE_PARAMS = re.compile(r"(?:#[1-9])*")
#: Structure the converter must see itself: a paper's redefinition of these (often low-level
#: ``\\@startsection`` code) is removed but never expanded.
PROTECTED = {"part", "chapter", "section", "subsection", "subsubsection", "paragraph", "subparagraph", "caption",
             "label", "ref", "eqref", "cite", "citep", "citet", "item", "footnote", "title", "maketitle", "begin",
             "end", "bibliography", "appendix", "input", "include", "emph", "textbf", "textit", "url", "href"}


@dataclass
class Macro:
    nargs: int = 0
    default: str | None = None  # the optional first argument's default, if it has one
    body: str | None = None  # None: too complex to follow, its uses are dropped
    end: str | None = None  # environments only: what \\end{name} becomes


@dataclass
class Definitions:
    macros: dict[str, Macro] = field(default_factory=dict)
    environments: dict[str, Macro] = field(default_factory=dict)
    theorems: dict[str, str] = field(default_factory=dict)  # env name -> its printed word
    balanced: bool = True


def collect(src: str) -> tuple[str, Definitions]:
    """``src`` without its definitions, and the definitions (later ones win, as in TeX)."""
    defs, out, pos = Definitions(), [], 0
    for m in _DEFINERS.finditer(src):
        if m.start() < pos:
            continue
        end = _one(src, m, defs)
        if end is None:
            continue
        out.append(src[pos:m.start()])
        pos = end
    out.append(src[pos:])
    return "".join(out), defs


def _name(src: str, i: int) -> tuple[str | None, int]:
    """The macro name after a definer: ``\\name`` or ``{\\name}``."""
    j = skip_spaces(src, i)
    if src.startswith("{", j):
        inner, k, _ = read_group(src, j)
        inner = inner.strip()
        return (inner[1:], k) if inner.startswith("\\") and len(inner) > 1 else (None, k)
    if src.startswith("\\", j):
        name, k = read_command(src, j)
        return name, k
    return None, j


def _one(src: str, m: re.Match, defs: Definitions) -> int | None:
    """Record one definition starting at ``m``; the index after it (None: leave the text alone)."""
    kind, i = m.group(1), m.end()
    if kind in ("newenvironment", "renewenvironment", "newtheorem"):
        j = skip_spaces(src, i)
        if not src.startswith("{", j):
            return None
        name, i, ok = read_group(src, j)
        name = name.strip()
        if kind == "newtheorem":
            _, i = read_optional(src, i)
            word, i, ok2 = read_arg(src, i)
            _, i = read_optional(src, i)
            defs.theorems[name] = re.sub(r"[{}\\]", "", word).strip() or name.capitalize()
            defs.balanced = defs.balanced and ok and ok2
            return i
        nargs, default, i = _arity(src, i)
        begin, i, ok2 = read_arg(src, i)
        end, i, ok3 = read_arg(src, i)
        if name not in KNOWN_ENVS:
            defs.environments[name] = Macro(nargs, default, begin, end)
        defs.balanced = defs.balanced and ok and ok2 and ok3
        return i
    name, i = _name(src, i)
    if not name:
        return None
    if kind == "newif":
        return i
    if kind == "let":
        j = skip_spaces(src, i)
        j = skip_spaces(src, j + 1) if src.startswith("=", j) else j
        if not src.startswith("\\", j):
            return None
        target, k = read_command(src, j)
        known = defs.macros.get(target)
        if name not in PROTECTED:
            defs.macros[name] = Macro(known.nargs, known.default, known.body) if known else Macro(body="\\" + target)
        return k
    if kind == "DeclareMathOperator":
        text, i, ok = read_arg(src, i)
        defs.balanced = defs.balanced and ok
        defs.macros[name] = Macro(body=f"\\operatorname{m.group(2)}{{{text}}}")
        return i
    if kind in ("def", "gdef", "edef", "xdef"):
        brace = src.find("{", i)
        if brace < 0:
            return None
        params = src[i:brace]
        body, k, ok = read_group(src, brace)
        defs.balanced = defs.balanced and ok
        simple = _SIMPLE_PARAMS.fullmatch(params.strip()) and "\n\n" not in params
        if name not in PROTECTED:
            defs.macros[name] = Macro(params.count("#"), None, body) if simple else Macro(body=None)
        return k
    nargs, default, i = _arity(src, i)
    body, k, ok = read_arg(src, i)
    defs.balanced = defs.balanced and ok
    if name in PROTECTED:
        return k
    if kind != "providecommand" or name not in defs.macros:
        defs.macros[name] = Macro(nargs, default, body)
    return k


def _arity(src: str, i: int) -> tuple[int, str | None, int]:
    """``[n][default]`` after a \\newcommand name: (number of arguments, default, index after)."""
    n, j = read_optional(src, i)
    if n is None:
        return 0, None, i
    try:
        nargs = max(0, min(9, int(n.strip())))
    except ValueError:
        nargs = 0
    default, k = read_optional(src, j)
    return nargs, default, k if default is not None else j


#: How deep one expansion may nest (a macro whose body uses a macro whose body uses ...).
MAX_NESTING = 40


class Expander:
    """Expands the uses of ``defs`` in a text, within a size budget."""

    def __init__(self, defs: Definitions, budget: int) -> None:
        self.defs, self.budget = defs, budget
        self.expanded = 0
        self.limited = False

    def expand(self, s: str, active: frozenset = frozenset()) -> str:
        if not self.defs.macros and not self.defs.environments:
            return s
        out, pos = [], 0
        for m in _CS.finditer(s):
            if m.start() < pos:
                continue
            name = m.group(1)
            if not name or self.limited:
                continue
            if len(active) >= MAX_NESTING:
                self.limited = True
                break
            if name in ("begin", "end") and self.defs.environments:
                hit = self._environment(s, m.end(), name, active)
            elif name in self.defs.macros and name not in active:
                hit = self._macro(s, m.end(), name, active)
            else:
                continue
            if hit is None:
                continue
            text, end = hit
            if s[:m.start()].rstrip()[-1:] in ("^", "_"):  # x^\macro: the whole expansion is the script
                text = "{" + text + "}"
            out.append(s[pos:m.start()])
            out.append(text)
            pos = end
        out.append(s[pos:])
        return "".join(out)

    def _spend(self, text: str) -> bool:
        self.budget -= len(text)
        self.expanded += 1
        if self.budget < 0:
            self.limited = True
        return not self.limited

    def _args(self, s: str, i: int, mac: Macro, active: frozenset) -> tuple[list[str], int]:
        args = []
        for k in range(mac.nargs):
            if k == 0 and mac.default is not None:
                opt, i = read_optional(s, i)
                args.append(mac.default if opt is None else opt)
            else:
                arg, i, _ = read_arg(s, i)
                args.append(arg)
        return [self.expand(a, active) for a in args], i

    def _macro(self, s: str, i: int, name: str, active: frozenset) -> tuple[str, int] | None:
        mac = self.defs.macros[name]
        if mac.body is None:
            return "", i
        args, i = self._args(s, i, mac, active)
        text = _substitute(mac.body, args)
        if not self._spend(text):
            return None
        # a trailing space keeps "\\ours is" apart; TeX would also keep "\\ours{}is" together
        return self.expand(text, active | {name}), i

    def _environment(self, s: str, i: int, which: str, active: frozenset) -> tuple[str, int] | None:
        j = skip_spaces(s, i)
        if not s.startswith("{", j):
            return None
        name, k, _ = read_group(s, j)
        env = self.defs.environments.get(name.strip())
        key = "env:" + name.strip()
        if env is None or key in active:
            return None
        if which == "end":
            text = env.end or ""
        else:
            args, k = self._args(s, k, env, active)
            text = _substitute(env.body or "", args)
        if not self._spend(text):
            return None
        return self.expand(text, active | {key}), k


def _substitute(body: str, args: list[str]) -> str:
    def one(m: re.Match) -> str:
        if m.group(1) == "#":
            return "#"
        k = int(m.group(1)) - 1
        return args[k] if k < len(args) else ""
    return _PARAM.sub(one, body)
