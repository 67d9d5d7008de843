"""Commands with rules of their own: headings and their numbers, citations, labels, footnotes,
captions, list items, literal URLs and code. A mixin of ``latex_convert.Converter``."""

from __future__ import annotations

from curation.academic import latex_symbols as sym
from curation.academic.latex_bib import render
from curation.academic.latex_scan import read_arg, read_group, read_optional, skip_spaces
from curation.academic.latex_symbols import LINE, PAR

_ROMAN = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]


def _letters(n: int) -> str:
    """Appendix numbering: 1 -> A, 27 -> AA."""
    out = ""
    while n > 0:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


class Commands:
    """``cmd_<name>`` handles ``\\<name>``; the walk in ``latex_convert`` dispatches to them."""

    def heading(self, s: str, j: int, level: str, starred: bool) -> int:
        _, j = read_optional(s, j)
        title, j, ok = read_arg(s, j)
        self.unbalanced += not ok
        text = self.sub(title, notes=False)
        depth = sym.SECTIONS.index(level)
        number = ""
        if not starred and level not in ("paragraph", "subparagraph"):
            self.sections[depth] += 1
            self.sections[depth + 1:] = [0] * (len(self.sections) - depth - 1)
            number = self.section_number(depth)
            self.target = number
        self.par()
        if level == "part":
            self.emit(f"Part {_ROMAN[min(self.sections[0], 10)]}: {text}")
        else:
            self.emit(f"{number} {text}".strip())
        self.par()
        return j

    def section_number(self, depth: int) -> str:
        top = 1 if any(self.sections[1:2]) else 2  # chapters, when the paper has them, come first
        parts = [str(n) for n in self.sections[top:depth + 1]]
        if self.appendix and parts:
            parts[0] = _letters(int(parts[0]))
        return ".".join(parts)

    def cite(self, s: str, j: int, name: str) -> int:
        _, j = read_optional(s, j)
        _, j = read_optional(s, j)
        keys, j, ok = read_arg(s, j)
        self.unbalanced += not ok
        shown = render(name, [k.strip() for k in keys.split(",") if k.strip()], self.bib,
                       lambda t: self.sub(t, notes=False))
        if shown is None and name.rstrip("*") in sym.CITE_TEXTUAL:
            shown = "[?]"
        if shown is None:
            self.rstrip()
        else:
            self.emit(shown)
        return j

    # ------------------------------------------------------------------ commands with their own rules
    def cmd_label(self, s: str, j: int, name: str) -> int:
        key, j, ok = read_arg(s, j)
        self.unbalanced += not ok
        if key.strip() and key.strip() not in self.labels:
            self.labels[key.strip()] = self.target
        return j

    def cmd_footnote(self, s: str, j: int, name: str) -> int:
        _, j = read_optional(s, j)
        text, j, ok = read_arg(s, j)
        self.unbalanced += not ok
        if not self.in_note:
            note = self.sub(text, notes=False)
            if note:
                self.notes.append(note)
        return j

    cmd_footnotetext = cmd_footnote

    def cmd_caption(self, s: str, j: int, name: str) -> int:
        _, j = read_optional(s, j)
        text, j, ok = read_arg(s, j)
        self.unbalanced += not ok
        caption = self.sub(text, notes=False)
        if not self.floats:
            self.par()
            self.emit(caption)
            self.par()
            return j
        top = self.floats[0]
        if self.floats[-1]["kind"] is None:  # a sub-figure's caption: (a), (b), ...
            top["subs"] += 1
            self.target = f"{self.counters.get(top['kind'], 0) + 1}{chr(96 + top['subs'])}"
            top["captions"].append(f"({chr(96 + top['subs'])}) {caption}")
        else:
            self.counters[top["kind"]] = self.counters.get(top["kind"], 0) + 1
            self.target = str(self.counters[top["kind"]])
            top["captions"].insert(top["main"], f"{top['kind']} {self.target}: {caption}")
            top["main"] += 1
        return j

    cmd_subcaption = cmd_caption
    cmd_captionof = cmd_caption

    def cmd_url(self, s: str, j: int, name: str) -> int:
        url, j, ok = read_arg(s, j)
        self.unbalanced += not ok
        self.keep(url.strip())
        return j

    cmd_path = cmd_url

    def cmd_verb(self, s: str, j: int, name: str) -> int:
        j += s.startswith("*", j)
        if j >= len(s):
            return j
        end = s.find(s[j], j + 1)
        end = len(s) if end < 0 else end
        self.keep(s[j + 1:end])
        return end + 1

    def cmd_ensuremath(self, s: str, j: int, name: str) -> int:
        arg, k, ok = read_arg(s, j)
        self.unbalanced += not ok
        while k < len(s) and s[k] in "^_'":
            k = k + 1 if s[k] == "'" else read_arg(s, k + 1)[1]
        self.inline(s[j:k])
        return k

    def cmd_item(self, s: str, j: int, name: str) -> int:
        label, j = read_optional(s, j)
        kind = self.lists[-1][0] if self.lists else "itemize"
        if self.lists:
            self.lists[-1][1] += 1
        if self.lists and self.lists[-1][1] > 1:
            while self.out and (self.out[-1] in (PAR, LINE) or not self.out[-1].strip()):
                self.out.pop()  # items follow each other line by line, blank lines between them or not
        else:
            self.rstrip()
        self.out.append(LINE)
        if label is not None:
            shown = self.sub(label, notes=False)
            punct = shown.endswith((".", ":", ")", "]"))
            self.emit(f"{shown}{' ' if punct or kind != 'description' else ': '}")
        elif kind in ("enumerate", "compactenum", "inparaenum", "asparaenum", "enumerate*"):
            n = self.lists[-1][1]
            self.target = str(n)
            self.emit(f"{n}. ")
        else:
            self.emit("- ")
        return skip_spaces(s, j)

    def cmd_appendix(self, s: str, j: int, name: str) -> int:
        self.appendix = True
        self.sections[1:] = [0] * (len(self.sections) - 1)
        return j

    def cmd_abstract(self, s: str, j: int, name: str) -> int:
        if skip_spaces(s, j) < len(s) and s[skip_spaces(s, j)] == "{":
            body, j, ok = read_group(s, skip_spaces(s, j))
            self.unbalanced += not ok
            self.block("Abstract", body)
        return j

    def cmd_par(self, s: str, j: int, name: str) -> int:
        self.par()
        return j

    def cmd_newline(self, s: str, j: int, name: str) -> int:
        _, j = read_optional(s, j) if name == "linebreak" else (None, j)
        self.out.append(LINE)
        return j

    cmd_linebreak = cmd_newline
