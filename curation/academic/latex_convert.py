"""The walk over a (macro-expanded) LaTeX body that writes plain text.

Choices, applied the same way everywhere:
- headings get their own paragraph, numbered as LaTeX numbers them (``3.2 Construction``), so that
  ``\\ref`` can print the same numbers; unresolved references print ``??`` as LaTeX does;
- figures, tables and algorithms keep only their captions (``Figure 2: ...``), each a paragraph;
  their bodies (graphics, tabular cells, pseudo-code) are not prose and are dropped;
- footnotes become a paragraph of their own after the paragraph that cites them; ``\\thanks`` is dropped;
- citations print their ``.bbl`` label (``[3]``, ``(Smith et al., 2020)``), else a parenthetical one
  is removed and a textual one prints ``[?]``; the bibliography itself is dropped;
- theorem-like environments start with their word and number (``Lemma 4 (Name).``), proofs with ``Proof.``;
- lists put each item on its own line (``- ``, ``1. ``, ``Term: ``); code and verbatim stay literal.
"""

from __future__ import annotations

import re
import unicodedata

from curation.academic import latex_math
from curation.academic import latex_symbols as sym
from curation.academic.latex_bib import Entry
from curation.academic.latex_commands import Commands
from curation.academic.latex_envs import Environments
from curation.academic.latex_scan import read_arg, read_command, read_group, read_optional, skip_args, skip_spaces
from curation.academic.latex_symbols import KEEP, LINE, PAR, REF

_PLAIN = re.compile(r"[^\\{}$~\n`'\-&#^_\x00-\x04]+")
_BLANK = re.compile(r"\n[ \t\r]*\n\s*")
_MATH_ARITY = {"frac": 2, "dfrac": 2, "tfrac": 2, "binom": 2, "sqrt": 1, "mathcal": 1, "mathbb": 1,
               "mathfrak": 1, "hat": 1, "tilde": 1, "bar": 1, "vec": 1, "dot": 1, "ddot": 1, "overline": 1,
               "underbrace": 1, "overbrace": 1}
#: Deeper nesting than this (groups, environments) is flattened to its words: a guard against
#: recursion limits and quadratic rescans on pathological input such as thousands of unclosed "{".
MAX_NESTING = 60
_DIMENSION = re.compile(r"\s*-?[\d.]+\s*[a-z]{2}(\s*(plus|minus)\s*-?[\d.]+\s*[a-z]{2,4})*")
_DIMENSION_ARG = re.compile(r"\s*\[\s*-?[\d.]+\s*[a-z]{2}\s*\]")
_CRUDE = re.compile(r"\\[A-Za-z@]+\*?|\\.|[{}$&~^_#]")


class Converter(Commands, Environments):
    """Walks LaTeX source once, appending text with PAR/LINE/REF/KEEP markers to ``out``
    (``latex_text`` resolves them)."""

    def __init__(self, theorems: dict[str, str], bib: dict[str, Entry]) -> None:
        self.theorems = {**sym.THEOREMS, **theorems}
        self.bib = bib
        self.out: list[str] = []
        self.kept: list[str] = []  # literal pieces (math, code, URLs) protected from text clean-up
        self.notes: list[str] = []
        self.labels: dict[str, str] = {}
        self.target = ""  # what a \label here would refer to
        self.sections = [0] * len(sym.SECTIONS)
        self.appendix = False
        self.counters = {"equation": 0, "theorem": 0}
        self.floats: list[dict] = []
        self.lists: list[list] = []  # [kind, item count]
        self.in_note = 0
        self.depth = 0
        self.flattened = 0
        self.unbalanced = 0
        self.unknown: dict[str, int] = {}

    # ------------------------------------------------------------------ output helpers
    def emit(self, text: str) -> None:
        if text:
            self.out.append(text)

    def keep(self, text: str) -> None:
        self.out.append(f"{KEEP}{len(self.kept)}{KEEP}")
        self.kept.append(text)

    def par(self) -> None:
        self.out.append(PAR)
        if self.notes and not self.in_note and not self.floats:
            notes, self.notes = self.notes, []
            for note in notes:
                self.out.extend((note, PAR))

    def rstrip(self) -> None:
        while self.out and self.out[-1].endswith((" ", "\t", "\n")) and not self.out[-1].startswith(KEEP):
            self.out[-1] = self.out[-1].rstrip(" \t\n")
            if not self.out[-1]:
                self.out.pop()
            else:
                break

    def sub(self, s: str, notes: bool = True) -> str:
        """``s`` converted on its own, as one line (headings, captions, labels); ``notes=False``
        drops footnotes inside it."""
        saved, self.out = self.out, []
        self.in_note += 0 if notes else 1
        self.walk(s)
        self.in_note -= 0 if notes else 1
        text, self.out = "".join(self.out), saved
        return re.sub(r"[ \t\n\x01\x02]+", " ", text).strip()

    # ------------------------------------------------------------------ the walk
    def walk(self, s: str) -> None:
        if self.depth >= MAX_NESTING:
            self.flattened += 1
            self.emit(" " + _CRUDE.sub(" ", s) + " ")
            return
        self.depth += 1
        try:
            self._walk(s)
        finally:
            self.depth -= 1

    def _walk(self, s: str) -> None:
        i, n = 0, len(s)
        while i < n:
            c = s[i]
            m = _PLAIN.match(s, i)
            if m:
                self.emit(m.group())
                i = m.end()
            elif c == "\\":
                i = self.command(s, i)
            elif c == "{":
                inner, i, ok = read_group(s, i)
                self.unbalanced += not ok
                self.walk(inner)
            elif c == "}":
                self.unbalanced += 1
                i += 1
            elif c == "$":
                i = self.dollar(s, i)
            elif c == "\n":
                b = _BLANK.match(s, i)
                if b:
                    self.par()
                    i = b.end()
                else:
                    self.emit(" ")
                    i += 1
            elif c == "-":
                k = 3 if s.startswith("---", i) else 2 if s.startswith("--", i) else 1
                self.emit({3: "—", 2: "–", 1: "-"}[k])
                i += k
            elif c in "`'":
                double = s.startswith(c * 2, i)
                self.emit(("“" if c == "`" else "”") if double else "'")
                i += 2 if double else 1
            elif c in "~&":
                self.emit(" ")
                i += 1
            elif c in "^_":
                self.emit(c)
                i += 1
            else:  # '#' left from a macro, or a stray marker character
                i += 1

    def dollar(self, s: str, i: int) -> int:
        display = s.startswith("$$", i)
        start = i + (2 if display else 1)
        end = latex_math.find_close(s, start, "$$" if display else "$")
        if end is None or (not display and latex_math.looks_like_prose(s[start:end])):
            # a dollar sign, or a "$" whose partner went missing: keep a currency sign, drop the rest
            self.emit("$" if s[i + 1:i + 2].isdigit() else "")
            return i + 1
        math = s[start:end]
        if display:
            self.display("displaymath", math)
        else:
            self.inline(math)
        return end + (2 if display else 1)

    def inline(self, math: str) -> None:
        text = latex_math.clean(math)
        if not text:
            return
        last = self.out[-1] if self.out else ""
        if last.startswith(KEEP):  # $a$ right after $b$: one span, as "$a$$b$" would read as display math
            k = int(last[1:-1])
            if self.kept[k].startswith("$") and not self.kept[k].startswith("$$"):
                self.kept[k] = f"{self.kept[k][:-1]} {text}$"
                return
        self.keep(f"${text}$")

    def display(self, env: str, math: str) -> None:
        multi = env not in sym.SINGLE_ROW_MATH
        for text, numbered, labels in latex_math.rows(math, env.rstrip("*") if env == "split" else env, multi):
            if numbered:
                self.counters["equation"] += 1
            for key in labels:
                self.labels[key] = str(self.counters["equation"])
            self.out.append(LINE)
            self.keep(f"$${text}$$")
            self.out.append(LINE)

    # ------------------------------------------------------------------ commands
    def command(self, s: str, i: int) -> int:
        name, j = read_command(s, i)
        if j < len(s) and s[j] == "*" and name.isalpha() and name not in sym.ACCENTS:
            if name in sym.SECTIONS or name + "*" in sym.DROP or name in ("caption", "footnote", "item"):
                name, j = name + "*", j + 1
        base = name.rstrip("*") if len(name) > 1 else name
        if name == "\\":
            j = j + 1 if s.startswith("*", j) else j
            if _DIMENSION_ARG.match(s, j):  # \\[2pt]
                _, j = read_optional(s, j)
            self.out.append(LINE)
            return j
        if name in ("(", "["):
            close = "\\)" if name == "(" else "\\]"
            end = latex_math.find_close(s, j, close)
            end = len(s) if end is None else end
            self.inline(s[j:end]) if name == "(" else self.display("displaymath", s[j:end])
            return min(len(s), end + 2)
        if name in (")", "]"):
            return j
        if name in sym.ACCENTS and (len(name) == 1 and not name.isalpha() or self._has_arg(s, j)):
            return self.accent(s, j, sym.ACCENTS[name])
        if base in sym.SECTIONS:
            return self.heading(s, j, base, starred=name.endswith("*"))
        if name == "begin":
            return self.environment(s, j)
        if name == "end":
            _, k, _ = read_arg(s, j)
            return k
        handler = getattr(self, "cmd_" + base, None) if base.isidentifier() else None
        if handler is not None:
            return handler(s, j, name)
        if name in sym.SYMBOLS:
            value = sym.SYMBOLS[name]
            self.emit(value)
            if name.isalpha() and value.isalpha() and len(value) <= 2:  # \ss e -> "ße": TeX eats the space
                return skip_spaces(s, j) if not _BLANK.match(s, j) else j
            return j
        if base in sym.CITE_PAREN or base in sym.CITE_TEXTUAL:
            return self.cite(s, j, name)
        if base in sym.REFS:
            _, j = read_optional(s, j)
            key, j, ok = read_arg(s, j)
            self.unbalanced += not ok
            shown = [f"{REF}{k.strip()}{REF}" for k in key.split(",") if k.strip()]
            self.emit(sym.REFS[base].format(", ".join(shown)))
            return j
        if name in sym.DROP:
            opt, man = sym.DROP[name]
            if name in ("vskip", "hskip", "kern"):
                m = _DIMENSION.match(s, j)
                return m.end() if m else j
            j, ok = skip_args(s, j, opt, man)
            self.unbalanced += not ok
            return j
        if name in sym.UNWRAP or base in sym.UNWRAP:
            arg, j, ok = read_arg(s, j)
            self.unbalanced += not ok
            self.walk(arg)
            return j
        if name in sym.KEEP_LAST:
            opt, man = sym.KEEP_LAST[name]
            j, ok = skip_args(s, j, opt, man - 1)
            arg, j, ok2 = read_arg(s, j)
            self.unbalanced += not (ok and ok2)
            self.walk(arg)
            return j
        if name in sym.IGNORE or name.startswith("if") or name.endswith(("true", "false")):
            return j
        if name in sym.MATH_WORDS:
            return self.math_word(s, i, j, name)
        self.unknown[name] = self.unknown.get(name, 0) + 1
        return j

    @staticmethod
    def _has_arg(s: str, j: int) -> bool:
        k = skip_spaces(s, j)
        return k < len(s) and (s[k] in "{\\" or s[k].isalpha()) and (k == j or s[k] == "{")

    def accent(self, s: str, j: int, mark: str) -> int:
        arg, j, ok = read_arg(s, j)
        self.unbalanced += not ok
        arg = arg.strip()
        if arg in ("\\i", "\\j"):
            base = arg[1]
        elif arg.startswith("\\"):
            base = sym.SYMBOLS.get(arg[1:], "")
        else:
            base = self.sub(arg) if arg else ""
        self.emit(unicodedata.normalize("NFC", base[:1] + mark + base[1:]) if base else "")
        return j

    def math_word(self, s: str, i: int, j: int, name: str) -> int:
        _, j = read_optional(s, j) if name == "sqrt" else (None, j)
        for _ in range(_MATH_ARITY.get(name, 0)):
            _, j, _ = read_arg(s, j)
        while j < len(s) and s[j] in "^_'":
            j = j + 1 if s[j] == "'" else read_arg(s, j + 1)[1]
        self.inline(s[i:j])
        return j
