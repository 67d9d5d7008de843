"""What LaTeX commands mean for plain text: accents, symbols, and which commands keep or drop arguments.

The tables decide the output, so they are data, kept apart from the converter that walks the source.
"""

from __future__ import annotations

#: Markers the converter writes and ``latex_text`` resolves: paragraph break, line break, a reference
#: to a label (``REF key REF``), and a literal piece kept out of text clean-up (``KEEP n KEEP``).
PAR, LINE, REF, KEEP = "\x02", "\x01", "\x03", "\x04"

#: Accent commands -> the Unicode combining mark they put on their argument.
ACCENTS = {
    "'": "\u0301", "`": "\u0300", "^": "\u0302", '"': "\u0308", "~": "\u0303", "=": "\u0304", ".": "\u0307",
    "u": "\u0306", "v": "\u030c", "H": "\u030b", "c": "\u0327", "k": "\u0328", "r": "\u030a", "d": "\u0323",
    "b": "\u0331", "t": "\u0361",
}

#: Commands that stand for one character or a short text in running prose.
SYMBOLS = {
    "i": "ı", "j": "ȷ", "o": "ø", "O": "Ø", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ", "aa": "å", "AA": "Å",
    "ss": "ß", "SS": "SS", "l": "ł", "L": "Ł", "dh": "ð", "DH": "Ð", "th": "þ", "TH": "Þ", "ng": "ŋ",
    "ldots": "…", "dots": "…", "textellipsis": "…", "cdots": "⋯",
    "LaTeX": "LaTeX", "TeX": "TeX", "LaTeXe": "LaTeX2e", "BibTeX": "BibTeX", "XeTeX": "XeTeX", "LuaTeX": "LuaTeX",
    "textendash": "–", "textemdash": "—", "textquoteleft": "‘", "textquoteright": "’", "textquotedblleft": "“",
    "textquotedblright": "”", "guillemotleft": "«", "guillemotright": "»", "guillemetleft": "«",
    "guillemetright": "»", "S": "§", "P": "¶", "dag": "†", "textdagger": "†", "ddag": "‡", "textdaggerdbl": "‡",
    "copyright": "©", "textcopyright": "©", "textregistered": "®", "texttrademark": "™", "pounds": "£",
    "textsterling": "£", "euro": "€", "texteuro": "€", "textdegree": "°", "textbullet": "•",
    "textperiodcentered": "·", "textasciitilde": "~", "textasciicircum": "^", "textbar": "|", "textless": "<",
    "textgreater": ">", "textunderscore": "_", "textbackslash": "\\", "slash": "/", "textpm": "±",
    "texttimes": "×", "textmu": "µ", "checkmark": "✓", "textsection": "§", "textparagraph": "¶",
    "quad": " ", "qquad": " ", "enspace": " ", "thinspace": " ", "space": " ", "nobreakspace": " ",
    "hfill": " ", "hfil": " ", "and": " and ", "AND": " and ", "textvisiblespace": "␣",
    "\n": " ", "\t": " ", "\r": " ", " ": " ", ",": " ", ";": " ", ":": " ", ">": " ", "!": "", "<": "",
    "%": "%", "&": "&", "$": "$", "#": "#", "_": "_", "{": "{", "}": "}", "@": "", "-": "", "/": "",
}

#: One argument, kept as text (style, emphasis, boxes).
UNWRAP = {
    "emph", "textit", "textbf", "textsc", "texttt", "textrm", "textsf", "textup", "textmd", "textsl",
    "textnormal", "underline", "uline", "uuline", "sout", "mbox", "hbox", "fbox", "text", "textup",
    "hl", "mathrm", "mathit", "mathbf", "mathsf", "mathtt", "boldsymbol", "bm", "ul", "framebox", "makebox",
    "phantomsection", "NoCaseChange", "MakeUppercase", "MakeLowercase", "textls", "lowercase", "uppercase",
    "textsubscript", "ensuretext", "nolinkurl", "natexlab", "textsuperscript", "textenglish",
}

#: (optional, mandatory) arguments taken and the LAST mandatory one kept as text.
KEEP_LAST = {
    "textcolor": (1, 2), "colorbox": (1, 2), "fcolorbox": (1, 3), "href": (1, 2), "foreignlanguage": (1, 2),
    "resizebox": (0, 3), "scalebox": (1, 2), "rotatebox": (1, 2), "raisebox": (2, 2), "parbox": (3, 2),
    "texorpdfstring": (0, 1), "hyperref": (1, 1), "hyperlink": (0, 2), "hypertarget": (0, 2),
    "shortstack": (1, 1), "centerline": (0, 1), "leftline": (0, 1), "rightline": (0, 1), "smash": (1, 1),
    "makecell": (1, 1), "multicolumn": (0, 3), "multirow": (2, 3), "adjustbox": (0, 2),
    "acro": (0, 2), "acrodef": (1, 1), "ac": (0, 1), "acs": (0, 1), "acl": (0, 1), "acf": (0, 1),
    "tnote": (0, 1),
}

#: Commands dropped together with their (optional, mandatory) arguments.
DROP = {
    "label": (0, 1), "includegraphics": (1, 1), "includepdf": (1, 1), "vspace": (0, 1), "hspace": (0, 1),
    "vspace*": (0, 1), "hspace*": (0, 1), "setlength": (0, 2), "addtolength": (0, 2), "setcounter": (0, 2),
    "addtocounter": (0, 2), "stepcounter": (0, 1), "refstepcounter": (0, 1), "newcounter": (1, 1),
    "usepackage": (1, 1), "RequirePackage": (1, 1), "documentclass": (1, 1), "documentstyle": (1, 1),
    "bibliographystyle": (0, 1), "bibliography": (0, 1), "addbibresource": (1, 1), "nocite": (0, 1),
    "pagestyle": (0, 1), "thispagestyle": (0, 1), "pagenumbering": (0, 1), "definecolor": (1, 3),
    "colorlet": (1, 2), "color": (1, 1), "newtheorem": (0, 2), "newtheorem*": (0, 2), "theoremstyle": (0, 1),
    "newcolumntype": (1, 2), "arrayrulecolor": (1, 1), "rowcolor": (1, 1), "cellcolor": (1, 1),
    "graphicspath": (0, 1), "hypersetup": (0, 1), "titlerunning": (0, 1), "authorrunning": (0, 1),
    "Copyright": (0, 1), "subjclass": (1, 1), "keywords": (0, 1), "author": (1, 1), "affil": (1, 1),
    "affiliation": (1, 1), "address": (1, 1), "email": (1, 1), "institute": (1, 1), "date": (0, 1),
    "thanks": (0, 1), "footnotemark": (1, 0), "footnotetext": (1, 1), "enlargethispage": (0, 1),
    "input": (0, 1), "include": (0, 1), "includeonly": (0, 1), "ding": (0, 1), "linespread": (0, 1),
    "fontsize": (0, 2), "selectfont": (0, 0), "setstretch": (0, 1), "value": (0, 1), "settowidth": (0, 2),
    "DeclareGraphicsExtensions": (0, 1), "captionsetup": (1, 1), "setlist": (1, 1), "lstset": (0, 1),
    "ccsdesc": (1, 1), "received": (1, 1), "accepted": (1, 1), "pacs": (0, 1),
    "orcid": (0, 1), "orcidID": (0, 1), "titlenote": (0, 1), "setcopyright": (0, 1), "acmConference": (1, 3),
    "acmYear": (0, 1), "acmDOI": (0, 1), "copyrightyear": (0, 1), "IEEEauthorblockN": (0, 1),
    "IEEEauthorblockA": (0, 1), "icmlauthor": (0, 2), "icmlaffiliation": (0, 2), "icmlcorrespondingauthor": (0, 2),
    "icmltitle": (0, 1), "icmltitlerunning": (0, 1), "icmlkeywords": (0, 1), "printAffiliationsAndNotice": (0, 1),
    "vskip": (0, 0), "hskip": (0, 0), "kern": (0, 0), "addvspace": (0, 1), "bibitem": (1, 1), "newblock": (0, 0),
    "subfloat": (1, 0), "pdfbookmark": (1, 2), "bookmark": (1, 1), "blindtext": (0, 0), "printbibliography": (1, 0),
    "titleformat": (1, 5), "titlespacing": (0, 4), "geometry": (0, 1), "allowdisplaybreaks": (1, 0),
    "crefname": (0, 3), "Crefname": (0, 3), "eqnmarkbox": (1, 2), "affiliations": (0, 1),
}

#: Commands (and TeX primitives) dropped on their own, arguments left to the text (often none).
IGNORE = {
    "centering", "raggedright", "raggedleft", "noindent", "indent", "smallskip", "medskip", "bigskip",
    "xspace", "maketitle", "clearpage", "cleardoublepage", "newpage", "pagebreak", "nopagebreak", "hline",
    "toprule", "midrule", "bottomrule", "cline", "cmidrule", "tableofcontents", "listoffigures", "listoftables",
    "bf", "it", "rm", "sf", "tt", "sc", "sl", "em", "bfseries", "itshape", "rmfamily", "sffamily", "ttfamily",
    "scshape", "slshape", "upshape", "mdseries", "normalfont", "tiny", "scriptsize", "footnotesize", "small",
    "normalsize", "large", "Large", "LARGE", "huge", "Huge", "protect", "relax", "null", "leavevmode", "sloppy",
    "fussy", "frenchspacing", "nonfrenchspacing", "makeatletter", "makeatother", "appendix", "onecolumn",
    "twocolumn", "balance", "fi", "else", "or", "vfill", "vfil", "strut", "displaystyle", "textstyle",
    "scriptstyle", "nolinebreak", "allowbreak", "unskip", "ignorespaces", "normalcolor", "frontmatter",
    "mainmatter", "backmatter", "printindex", "FloatBarrier", "acknowledgments", "acknowledgements", "cal",
    "boldmath", "unboldmath", "hspace", "tightlist", "baselineskip", "columnwidth", "textwidth", "linewidth",
    "hsize", "vsize", "aclfinalcopy", "IEEEpeerreviewmaketitle", "IEEEoverridecommandlockouts", "ttlit",
    "break", "endinput", "global", "long", "outer", "expandafter", "noexpand", "begingroup", "endgroup",
    "bgroup", "egroup",
}

#: Sectioning commands, outermost first.
SECTIONS = ["part", "chapter", "section", "subsection", "subsubsection", "paragraph", "subparagraph"]

#: Environments whose content is dropped (floats keep their captions instead; see latex_text).
DROP_ENVS = {
    "thebibliography", "comment", "tikzpicture", "pgfpicture", "picture", "filecontents", "filecontents*",
    "tabular", "tabular*", "tabularx", "tabulary", "longtable", "longtable*", "array", "tabu", "supertabular",
    "algorithmic", "algorithmic*", "forest", "axis", "references", "bibunit", "titlepage", "CCSXML",
    "IEEEkeywords", "icmlauthorlist", "acks*", "overpic", "pspicture", "xy", "dot2tex", "lstinputlisting",
    "thebibliography*", "sidewaystable*", "tcbraster", "savebox",
}

#: Float environments -> the name their captions are numbered under (None: a sub-float).
FLOATS = {
    "figure": "Figure", "figure*": "Figure", "table": "Table", "table*": "Table", "wrapfigure": "Figure",
    "wraptable": "Table", "SCfigure": "Figure", "sidewaysfigure": "Figure", "sidewaystable": "Table",
    "algorithm": "Algorithm", "algorithm*": "Algorithm", "algorithm2e": "Algorithm", "listing": "Listing",
    "subfigure": None, "subtable": None, "minipage*": None, "figwindow": "Figure", "floatingfigure": "Figure",
}

#: Display-math environments (all but these two put each row on its own line).
DISPLAY_MATH = {
    "equation", "equation*", "align", "align*", "alignat", "alignat*", "flalign", "flalign*", "gather",
    "gather*", "multline", "multline*", "eqnarray", "eqnarray*", "displaymath", "dmath", "dmath*",
    "split", "IEEEeqnarray", "IEEEeqnarray*",
}
SINGLE_ROW_MATH = {"equation", "equation*", "displaymath", "multline", "multline*", "dmath", "dmath*"}

#: Lists.
LISTS = {"itemize", "enumerate", "description", "compactitem", "compactenum", "compactdesc", "inparaenum",
         "asparaenum", "asparaitem", "enumerate*", "itemize*", "description*", "list", "tasks", "dinglist"}

#: Environments whose body is literal text (code, verbatim).
VERBATIM = {"verbatim", "verbatim*", "Verbatim", "lstlisting", "minted", "alltt", "spverbatim", "BVerbatim",
            "LVerbatim", "comment*"}

#: Theorem-like environments and the word they start with (more come from \\newtheorem).
THEOREMS = {
    "theorem": "Theorem", "lemma": "Lemma", "corollary": "Corollary", "proposition": "Proposition",
    "definition": "Definition", "remark": "Remark", "example": "Example", "claim": "Claim",
    "conjecture": "Conjecture", "observation": "Observation", "fact": "Fact", "assumption": "Assumption",
    "problem": "Problem", "question": "Question", "exercise": "Exercise", "note": "Note", "notation": "Notation",
    "hypothesis": "Hypothesis", "property": "Property", "case": "Case", "thm": "Theorem", "lem": "Lemma",
    "cor": "Corollary", "prop": "Proposition", "defn": "Definition", "dfn": "Definition", "rem": "Remark",
}

#: (optional, mandatory) arguments an environment's \\begin takes before its body.
ENV_ARGS = {
    "minipage": (1, 1), "tabular": (1, 1), "tabularx": (1, 2), "tabular*": (1, 2), "multicols": (0, 1),
    "multicols*": (0, 1), "wrapfigure": (1, 2), "wraptable": (1, 2), "subfigure": (1, 1), "subtable": (1, 1),
    "adjustbox": (0, 1), "thebibliography": (0, 1), "list": (0, 2), "minted": (1, 1), "otherlanguage": (0, 1),
    "spacing": (0, 1), "alignat": (0, 1), "alignat*": (0, 1), "longtable": (1, 1), "array": (1, 1),
    "tcolorbox": (1, 0), "mdframed": (1, 0), "figwindow": (0, 1), "floatingfigure": (1, 1), "tasks": (1, 1),
    "IEEEeqnarray": (1, 1), "IEEEeqnarray*": (1, 1), "lrbox": (0, 1), "sidewaystable": (1, 0),
}

#: Environments that are blocks of their own (a paragraph break before and after).
BLOCKS = {"quote", "quotation", "center", "flushleft", "flushright", "minipage", "multicols", "multicols*",
          "verse", "framed", "mdframed", "tcolorbox", "shaded", "boxedminipage", "keywords", "abstract*"}

#: Citation commands that read as a noun (Smith et al. (2020)) rather than a parenthesis.
CITE_TEXTUAL = {"citet", "citet*", "Citet", "textcite", "Textcite", "citealt", "citealt*", "citeauthor",
                "citeauthor*", "Citeauthor", "citeyear", "citeyearpar", "shortcite", "citenum"}
CITE_PAREN = {"cite", "cite*", "citep", "citep*", "Citep", "parencite", "Parencite", "autocite", "Autocite",
              "citealp", "citealp*", "footcite", "supercite", "smartcite", "cites", "citeA", "citeN"}
REFS = {"ref": "{}", "eqref": "({})", "autoref": "{}", "cref": "{}", "Cref": "{}", "pageref": "{}",
        "vref": "{}", "nameref": "{}", "Autoref": "{}", "subref": "{}", "crefrange": "{}", "cpageref": "{}"}

#: Math-only commands met outside math (often after a macro): wrapped as inline math.
MATH_WORDS = set("""alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa lambda mu nu xi
pi varpi rho varrho sigma varsigma tau upsilon phi varphi chi psi omega Gamma Delta Theta Lambda Xi Pi Sigma
Upsilon Phi Psi Omega le leq ge geq neq ne approx sim simeq equiv times cdot pm mp infty partial nabla to
rightarrow leftarrow Rightarrow Leftarrow leftrightarrow Leftrightarrow mapsto in notin subset subseteq
supset supseteq cup cap setminus emptyset forall exists neg wedge vee oplus otimes circ bullet star ast
prime ell hbar Re Im aleph sqrt frac sum prod int oint lim log ln exp sin cos tan min max sup inf mathcal
mathbb mathfrak hat tilde bar vec dot ddot overline underbrace overbrace ll gg propto parallel perp
langle rangle lceil rceil lfloor rfloor cdots vdots ddots ldotp colon mid nmid models vdash""".split())
