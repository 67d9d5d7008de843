"""Environments: math, floats (captions only), lists, theorems and proofs, verbatim, blocks.
A mixin of ``latex_convert.Converter``."""

from __future__ import annotations

import re

from curation.academic import latex_symbols as sym
from curation.academic.latex_scan import find_env_end, read_arg, read_optional, skip_args
from curation.academic.latex_symbols import LINE, PAR


class Environments:
    """``\\begin{name}...\\end{name}`` -> text, one rule per kind of environment."""

    def environment(self, s: str, j: int) -> int:
        name, j, ok = read_arg(s, j)
        self.unbalanced += not ok
        name = name.strip()
        if name in sym.VERBATIM:
            close = re.compile(r"\\end\s*\{" + re.escape(name) + r"\}").search(s, j)
            body, after = (s[j:close.start()], close.end()) if close else (s[j:], len(s))
            if name == "minted":
                body = body.split("}", 1)[1] if body.lstrip().startswith("{") else body
            elif body.lstrip().startswith("["):
                body = re.sub(r"^\s*\[[^\]]*\]", "", body, count=1)
            self.out.append(LINE)
            self.keep(body.strip("\n"))
            self.out.append(LINE)
            return after
        span = find_env_end(s, j, name)
        body_end, after = span if span else (len(s), len(s))
        self.unbalanced += span is None
        opt_n, man_n = sym.ENV_ARGS.get(name, (0, 0) if name in sym.DISPLAY_MATH or name == "math" else (1, 0))
        opt = None
        if opt_n:
            opt, j = read_optional(s, j)
            opt_n -= 1
        j, _ = skip_args(s, j, opt_n, man_n)
        body = s[j:body_end]
        self.env_body(name, opt, body)
        return after

    def env_body(self, name: str, opt: str | None, body: str) -> None:
        base = name.rstrip("*")
        if name in sym.DISPLAY_MATH:
            self.display(name, body)
        elif name == "math":
            self.inline(body)
        elif name in sym.DROP_ENVS:
            return
        elif name in sym.FLOATS:
            self.float(name, body)
        elif name in sym.LISTS:
            self.lists.append([name, 0])
            self.out.append(LINE)  # a list continues its paragraph: its footnotes follow the list
            self.walk(body)
            self.lists.pop()
            self.par()
        elif name == "abstract":
            self.block("Abstract", body)
        elif base in ("acknowledgments", "acknowledgements", "acks", "acknowledgment", "acknowledgement"):
            self.block("Acknowledgments", body)
        elif name == "proof":
            self.par()
            self.emit(f"{self.sub(opt, notes=False)}. " if opt else "Proof. ")
            self.run_in(body)
        elif base in self.theorems:
            self.theorem(name, opt, body)
        elif name in sym.BLOCKS:
            self.par()
            self.walk(body)
            self.par()
        elif name == "appendices":
            self.cmd_appendix("", 0, name)
            self.walk(body)
        else:
            self.walk(body)

    def block(self, heading: str, body: str) -> None:
        self.par()
        self.emit(heading)
        self.par()
        self.walk(body)
        self.par()

    def theorem(self, name: str, opt: str | None, body: str) -> None:
        word = self.theorems[name.rstrip("*")]
        self.par()
        if name.endswith("*"):
            head = word
        else:
            self.counters["theorem"] += 1
            self.target = str(self.counters["theorem"])
            head = f"{word} {self.target}"
        if opt:
            head += f" ({self.sub(opt, notes=False)})"
        self.emit(head + ". ")
        self.run_in(body)

    def run_in(self, body: str) -> None:
        """``body`` right after a run-in head ("Lemma 3. "), without a paragraph break between."""
        mark = len(self.out)
        self.walk(body)
        while mark < len(self.out) and (self.out[mark] in (PAR, LINE) or not self.out[mark].strip()):
            del self.out[mark]
        self.par()

    def float(self, name: str, body: str) -> None:
        kind = sym.FLOATS[name]
        if self.floats:  # nested: a sub-float inside a figure shares the figure's captions
            self.floats.append({"kind": kind})
            self.walk(body)
            self.floats.pop()
            return
        self.floats.append({"kind": kind or "Figure", "captions": [], "main": 0, "subs": 0})
        saved, self.out = self.out, []
        self.walk(body)
        self.out = saved
        top = self.floats.pop()
        for caption in top["captions"]:
            self.par()
            self.emit(caption)
            self.par()
