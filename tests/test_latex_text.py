"""The LaTeX converter, the e-print opener and the main-file choice, on LaTeX written here."""

from __future__ import annotations

import gzip
import io
import time

from curation.academic.latex_text import latex_to_text
from curation.academic.latex_source import choose_main, flatten, is_leftover, strip_comments
from curation.academic.safe_tar import Limits, read_eprint


def doc(body: str, preamble: str = "", **kw) -> str:
    src = f"\\documentclass{{article}}{preamble}\\begin{{document}}{body}\\end{{document}}"
    return latex_to_text(src, **kw).text


def test_accents_special_characters_and_quotes():
    text = doc(r"Caf\'e, na\"{\i}ve, gar\c{c}on, \v{S}koda, Stra\ss e, \AA ngstr\"om -- pages 3--5 --- "
               r"``quoted'' and `single', A~B, R\&D, 50\% off, \$5, \S 2, \ldots, \LaTeX{} text")
    assert text == ("Café, naïve, garçon, Škoda, Straße, Ångström – pages 3–5 — “quoted” and "
                    "'single', A B, R&D, 50% off, $5, § 2, …, LaTeX text")


def test_comments_are_stripped_the_tex_way():
    src = "a line % a comment\ncontinues here\n% a whole comment line\nnext 100\\% kept % gone\n\nnew para"
    assert strip_comments(src) == "a line continues here\nnext 100\\% kept \n\nnew para"
    assert doc(src) == "a line continues here next 100% kept\n\nnew para"
    assert doc(r"keep \iffalse hidden \ifx a b \fi still hidden \fi this \begin{comment}gone\end{comment}end") \
        == "keep this end"


def test_user_macros_are_expanded_or_dropped():
    pre = (r"\newcommand{\ours}{\textsc{Tile}} \newcommand\pair[2]{(#1, #2)} \newcommand{\opt}[2][x]{#1/#2}"
           r"\def\two#1#2{#2#1} \let\alias\ours \renewcommand{\ours}{\emph{Tile2}}"
           r"\def\delim#1.{never} \def\loop{\loop x} \DeclareMathOperator{\rank}{rank}")
    text = doc(r"\ours, \alias, \pair{a}{b}, \opt{y}, \opt[z]{y}, \two ab, \delim q. end, \loop, $\rank A$", pre)
    assert text == "Tile2, Tile, (a, b), x/y, z/y, ba, q. end, x, $\\operatorname{rank} A$"


def test_a_macro_bomb_stops_at_the_budget():
    pre = "".join(rf"\def\m{c}{{\m{n}\m{n}}}" for c, n in zip("abcdefghijklmnopqrstu", "bcdefghijklmnopqrstuv"))
    start = time.perf_counter()
    res = latex_to_text(rf"{pre}\def\mv{{xx}}\begin{{document}}go \ma stop\end{{document}}")
    assert res.macro_limit and time.perf_counter() - start < 30 and res.text.startswith("go")


def test_sections_title_and_appendix():
    pre = r"\title[Short]{The Long Title\thanks{Funded by nobody.}}"
    text = doc(r"\maketitle\section{Intro}A.\subsection{Part}B.\section*{Notes}C.\paragraph{Run-in} D."
               r"\appendix\section{Extra}E.", pre)
    assert text == "The Long Title\n\n1 Intro\n\nA.\n\n1.1 Part\n\nB.\n\nNotes\n\nC.\n\nRun-in\n\nD.\n\nA Extra\n\nE."
    assert latex_to_text(f"{pre}\\begin{{document}}x\\end{{document}}").title == "The Long Title"


def test_math_inline_and_display():
    text = doc(r"Inline $x^2 + y_1$ and \(a+b\). Display: \[ E = mc^2 \] then"
               r"\begin{equation}\label{eq:a} f(x) = \frac{1}{x} \end{equation}"
               r"\begin{align} a &= b \label{eq:b}\\ c &= d \nonumber\\ e &= f \end{align}"
               r"See \eqref{eq:a}, \ref{eq:b} and \ref{nowhere}.")
    assert text == ("Inline $x^2 + y_1$ and $a+b$. Display:\n$$E = mc^2$$\nthen\n$$f(x) = \\frac{1}{x}$$\n"
                    "$$a = b$$\n$$c = d$$\n$$e = f$$\nSee (1), 2 and ??.")


def test_dollar_signs_that_are_not_math():
    assert doc("It costs $5 per month, not more.") == "It costs $5 per month, not more."
    # an author dropped an opening "$": the next pair must not swallow the sentence between them
    text = doc(r"up to order \alpha_s^2$ in deeply inelastic scattering off targets. At order $\beta$, done.")
    assert text == r"up to order $\alpha_s^2$ in deeply inelastic scattering off targets. At order $\beta$, done."


def test_lists_floats_theorems_and_footnotes():
    body = (r"Intro text.\footnote{A note.} More.\begin{itemize}\item one \item two\end{itemize}"
            r"\begin{enumerate}\item first\label{it:1} \item second\end{enumerate}"
            r"\begin{description}\item[Term] meaning \item[Other:] more\end{description}"
            r"\begin{figure}[t]\centering\includegraphics{a.pdf}\caption{A caption.}\label{fig:a}\end{figure}"
            r"\begin{table}\begin{tabular}{ll}cell & cell\\\end{tabular}\caption{Numbers.}\end{table}"
            r"\begin{theorem}[Key]\label{thm:k} True. \end{theorem}\begin{proof} Obvious. \end{proof}"
            r"\begin{lemma*}Unnumbered.\end{lemma*}"
            r"Figure~\ref{fig:a}, Theorem~\ref{thm:k} and item~\ref{it:1}.")
    text = doc(body, r"\newtheorem{lemma*}{Lemma}")
    assert text == ("Intro text. More.\n- one\n- two\n\nA note.\n\n1. first\n2. second\n\nTerm: meaning\n"
                    "Other: more\n\nFigure 1: A caption.\n\nTable 1: Numbers.\n\nTheorem 1 (Key). True.\n\n"
                    "Proof. Obvious.\n\nLemma. Unnumbered.\n\nFigure 1, Theorem 1 and item 1.")
    assert "cell" not in text and "a.pdf" not in text


def test_citations_and_bibliography():
    bbl = (r"\begin{thebibliography}{2}\bibitem[{Smith et~al.(2020)Smith, Jones}]{smith} Smith. Title one."
           r"\bibitem[{Lee(2019{\natexlab{a}})}]{lee} Lee. Title two.\end{thebibliography}")
    body = (r"As shown \citep{smith,lee}, \citet{smith} says so; also \cite{unknown}. \citet{unknown} too."
            r"\bibliography{refs}\begin{thebibliography}{1}\bibitem{x} Never printed.\end{thebibliography}")
    text = latex_to_text(f"\\begin{{document}}{body}\\end{{document}}", bbl=bbl).text
    assert text == "As shown (Smith et al., 2020; Lee, 2019a), Smith et al. (2020) says so; also. [?] too."
    numeric = latex_to_text(r"\begin{document}See \cite{b, a}.\begin{thebibliography}{9}\bibitem{a} A."
                            r"\bibitem{b} B.\end{thebibliography}\end{document}").text
    assert numeric == "See [2, 1]."


def test_citation_labels_keep_accented_letters():
    bbl = (r'\begin{thebibliography}{2}\bibitem[{F{\"a}rber et~al.(2019)}]{f1} F. One.'
           r'\bibitem[F{\"{a}}rber and G{\'o}mez(2020)]{f2} F. Two.\end{thebibliography}')
    text = latex_to_text(r"\begin{document}See \citet{f1} and \citep{f2}.\end{document}", bbl=bbl).text
    assert text == "See Färber et al. (2019) and (Färber and Gómez, 2020)."


def test_verbatim_urls_and_code_stay_literal():
    text = doc("Code:\n\\begin{verbatim}\n  x = {1: '%d' % y}  # \\textbf\n\\end{verbatim}\n"
               r"Link \url{https://a.example/x_y%20z} and \verb|a_b{c}| here.")
    assert text == "Code:\n  x = {1: '%d' % y}  # \\textbf\nLink https://a.example/x_y%20z and a_b{c} here."


def test_unbalanced_and_deeply_nested_braces_never_fail():
    res = latex_to_text(r"\begin{document}Start \emph{never closed. Then more words.\end{document}")
    assert res.unbalanced_braces == 1 and "Then more words." in res.text
    res = latex_to_text("\\begin{document}" + "{" * 3000 + "deep words" + "}" * 10 + " tail\\end{document}")
    assert "deep words" in res.text and "tail" in res.text and res.unbalanced_braces > 0
    res = latex_to_text(r"\begin{document}\begin{itemize}\item never ended\end{document}")
    assert res.text == "- never ended" and res.unbalanced_braces == 1


def test_fragment_mode_for_abstracts():
    res = latex_to_text("We show 50% of $\\alpha$-cases \\cite{x} with \\emph{care}.", fragment=True, comments=False)
    assert res.text == "We show 50% of $\\alpha$-cases with care." and res.title is None


# --- e-print opening and main-file choice -----------------------------------------------------------

def test_eprint_shapes_are_sniffed():
    tex = b"\\documentclass{article}\\begin{document}Plain file.\\end{document}"
    plain = read_eprint(io.BytesIO(tex), "x.tex", Limits())  # not compressed at all
    assert plain.members == {"x.tex": tex} and not plain.is_tar and plain.error is None
    two = gzip.compress(tex[:30], mtime=0) + gzip.compress(tex[30:], mtime=0)  # concatenated gzip members
    assert read_eprint(io.BytesIO(two), "x.tex", Limits()).members == {"x.tex": tex}
    big = read_eprint(io.BytesIO(gzip.compress(tex, mtime=0)), "x.tex", Limits(max_member_bytes=10))
    assert big.members == {} and big.skipped == [("x.tex", "member_too_large", "more than 10 bytes")]
    bad = read_eprint(io.BytesIO(b"\x1f\x8b" + b"\x00" * 40), "x.tex", Limits())
    assert bad.error is not None and bad.error[0] in ("corrupt", "truncated")


def test_main_file_choice_is_deterministic():
    full = "\\documentclass{article}\\begin{document}x\\end{document}"
    assert choose_main({"a.tex": full, "b.tex": full + " longer"}, ["a.tex", "b.tex"]) == "b.tex"  # larger
    assert choose_main({"a.tex": full, "b.tex": full + " longer"}, ["a.tex", "b.tex", "a.bbl"]) == "a.tex"  # .bbl
    assert choose_main({"sub/a.tex": full + "xx", "z.tex": full}, ["sub/a.tex", "z.tex"]) == "z.tex"  # shallower
    assert choose_main({"_old-a.tex": full + "xxxx", "a.tex": full}, []) == "a.tex"
    assert choose_main({"old/a.tex": full, "notes.tex": "text"}, []) == "old/a.tex"
    assert choose_main({"x.tex": "plain TeX \\bye"}, []) == "x.tex"  # the only file of a single-file e-print
    assert choose_main({"a.tex": "no markers", "b.tex": "none"}, []) is None
    assert is_leftover("_old-02-related-work.tex") and is_leftover("paper_backup.tex")
    assert is_leftover("old/main.tex") and not is_leftover("main.tex") and not is_leftover("gold-standard.tex")


def test_inputs_resolve_relative_to_the_main_folder():
    texts = {"src/main.tex": r"A \input{parts/b} C \input c.tex D \import{../shared}{e} \include{missing}",
             "src/parts/b.tex": "B", "src/c.tex": "C2", "shared/e.tex": "E"}
    flat = flatten("src/main.tex", texts)
    assert flat.source == "A B C C2 D E " and flat.missing == ["missing"]
    assert flat.included == ["src/parts/b.tex", "src/c.tex", "shared/e.tex"]


def test_mutated_latex_never_raises():
    """Random damage (stray braces, dollars, half environments, definitions) is text, never an error."""
    import random

    rng = random.Random(11)
    base = (r"\documentclass{article}\newcommand{\x}[1]{<#1>}\begin{document}\section{S}Text $a^2$ \x{b}"
            r"\begin{itemize}\item one\end{itemize}\begin{equation}e=1\end{equation}\footnote{n}\end{document}")
    pieces = list("\\{}[]$%&~^_#\n a") + [r"\begin{", r"\end{", r"\item", r"\def", r"\newcommand", "$$", r"\[",
                                          r"\verb", r"\iffalse", r"\fi", r"\cite{", r"\caption{", r"\x"]
    for _ in range(300):
        src = list(base)
        for _ in range(rng.randint(1, 25)):
            src.insert(rng.randrange(len(src) + 1), rng.choice(pieces))
        assert isinstance(latex_to_text("".join(src)).text, str)
