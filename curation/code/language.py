"""Which language a repository file is written in, the way GitHub's linguist decides it.

The strategies run in linguist's order: an exact file name (``Makefile``, ``Cargo.lock``), a Vim/Emacs
modeline, the shebang's interpreter, then the extension; an extension several languages share
(``.h``, ``.m``, ``.pl``, ``.ts``, ``.inc``) is settled by content heuristics. The tables are ours,
written after linguist's ``languages.yml`` (names are linguist's). Each answer says which strategy
decided it, and its type (programming, markup, data, prose), as linguist groups languages.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass

PROGRAMMING, MARKUP, DATA, PROSE = "programming", "markup", "data", "prose"

#: language -> linguist type (languages not listed are programming).
TYPES = {
    "Markdown": PROSE, "reStructuredText": PROSE, "Text": PROSE, "AsciiDoc": PROSE, "Org": PROSE, "TeX": MARKUP,
    "HTML": MARKUP, "CSS": MARKUP, "SCSS": MARKUP, "Less": MARKUP, "XML": DATA, "SVG": DATA, "EJS": MARKUP,
    "Handlebars": MARKUP, "Jinja": MARKUP, "Roff": MARKUP, "Vue": MARKUP,
    "JSON": DATA, "JSON with Comments": DATA, "YAML": DATA, "TOML": DATA, "INI": DATA, "CSV": DATA, "TSV": DATA,
    "EditorConfig": DATA, "Ignore List": DATA, "Git Attributes": DATA, "Dotenv": DATA, "Protocol Buffer": DATA,
    "Jupyter Notebook": MARKUP, "SQL": DATA, "Diff": DATA, "Gemfile.lock": DATA,
}

FILENAMES = {
    "makefile": "Makefile", "gnumakefile": "Makefile", "dockerfile": "Dockerfile", "containerfile": "Dockerfile",
    "cmakelists.txt": "CMake", "rakefile": "Ruby", "gemfile": "Ruby", "podfile": "Ruby", "vagrantfile": "Ruby",
    "brewfile": "Ruby", "jenkinsfile": "Groovy", "justfile": "Just", "meson.build": "Meson", "build": "Starlark",
    "build.bazel": "Starlark", "workspace": "Starlark", "sconstruct": "Python", "sconscript": "Python",
    "pipfile": "TOML", "cargo.lock": "TOML", "poetry.lock": "TOML", "uv.lock": "TOML", "go.mod": "Go Module",
    "go.sum": "Go Checksums", "package-lock.json": "JSON", "composer.lock": "JSON", "yarn.lock": "YAML",
    "gemfile.lock": "Gemfile.lock", ".gitignore": "Ignore List", ".dockerignore": "Ignore List",
    ".eslintignore": "Ignore List", ".npmignore": "Ignore List", ".prettierignore": "Ignore List",
    ".gitattributes": "Git Attributes", ".editorconfig": "EditorConfig", ".npmrc": "INI", ".env": "Dotenv",
    ".bashrc": "Shell", ".bash_profile": "Shell", ".profile": "Shell", ".zshrc": "Shell", ".vimrc": "Vim Script",
    ".babelrc": "JSON with Comments", ".eslintrc.json": "JSON with Comments", "tsconfig.json": "JSON with Comments",
    "jsconfig.json": "JSON with Comments", ".jshintrc": "JSON with Comments", "license": "Text", "licence": "Text",
    "copying": "Text", "readme": "Text", "authors": "Text", "contributors": "Text", "changelog": "Text",
    "notice": "Text", "install": "Text", "news": "Text", "todo": "Text", "requirements.txt": "Pip Requirements",
}

EXTENSIONS = {
    "py": "Python", "pyi": "Python", "pyw": "Python", "pyx": "Cython", "pxd": "Cython", "ipynb": "Jupyter Notebook",
    "js": "JavaScript", "mjs": "JavaScript", "cjs": "JavaScript", "jsx": "JavaScript", "ts": "TypeScript",
    "mts": "TypeScript", "cts": "TypeScript", "tsx": "TSX", "rs": "Rust", "go": "Go", "java": "Java",
    "kt": "Kotlin", "kts": "Kotlin", "scala": "Scala", "sc": "Scala", "groovy": "Groovy", "gradle": "Groovy",
    "c": "C", "h": "C", "cc": "C++", "cpp": "C++", "cxx": "C++", "c++": "C++", "hh": "C++", "hpp": "C++",
    "hxx": "C++", "h++": "C++", "ipp": "C++", "tpp": "C++", "cu": "Cuda", "cuh": "Cuda", "m": "Objective-C",
    "mm": "Objective-C++", "swift": "Swift", "cs": "C#", "fs": "F#", "fsx": "F#", "vb": "Visual Basic .NET",
    "rb": "Ruby", "rake": "Ruby", "gemspec": "Ruby", "php": "PHP", "pl": "Perl", "pm": "Perl", "t": "Perl",
    "lua": "Lua", "r": "R", "jl": "Julia", "hs": "Haskell", "lhs": "Haskell", "ml": "OCaml", "mli": "OCaml",
    "ex": "Elixir", "exs": "Elixir", "erl": "Erlang", "hrl": "Erlang", "clj": "Clojure", "cljs": "Clojure",
    "edn": "edn", "lisp": "Common Lisp", "el": "Emacs Lisp", "scm": "Scheme", "rkt": "Racket", "dart": "Dart",
    "zig": "Zig", "nim": "Nim", "v": "Verilog", "sv": "SystemVerilog", "vhd": "VHDL", "vhdl": "VHDL",
    "asm": "Assembly", "s": "Assembly", "f90": "Fortran", "f": "Fortran", "f95": "Fortran", "pas": "Pascal",
    "d": "D", "cr": "Crystal", "sol": "Solidity", "vim": "Vim Script", "ps1": "PowerShell", "psm1": "PowerShell",
    "bat": "Batchfile", "cmd": "Batchfile", "sh": "Shell", "bash": "Shell", "zsh": "Shell", "ksh": "Shell",
    "fish": "fish", "awk": "Awk", "sed": "sed", "tcl": "Tcl", "cmake": "CMake", "mk": "Makefile", "mak": "Makefile",
    "tf": "HCL", "hcl": "HCL", "nix": "Nix", "sql": "SQL", "graphql": "GraphQL", "gql": "GraphQL",
    "proto": "Protocol Buffer", "thrift": "Thrift", "html": "HTML", "htm": "HTML", "xhtml": "HTML",
    "css": "CSS", "scss": "SCSS", "sass": "Sass", "less": "Less", "styl": "Stylus", "vue": "Vue",
    "svelte": "Svelte", "ejs": "EJS", "hbs": "Handlebars", "handlebars": "Handlebars", "mustache": "Mustache",
    "jinja": "Jinja", "jinja2": "Jinja", "j2": "Jinja", "pug": "Pug", "jade": "Pug", "erb": "HTML+ERB",
    "twig": "Twig", "liquid": "Liquid", "xml": "XML", "xsd": "XML", "xsl": "XSLT", "xslt": "XSLT",
    "plist": "XML Property List", "svg": "SVG", "json": "JSON", "jsonc": "JSON with Comments", "json5": "JSON5",
    "geojson": "JSON", "webmanifest": "JSON", "yaml": "YAML", "yml": "YAML", "toml": "TOML", "ini": "INI",
    "cfg": "INI", "conf": "INI", "properties": "Java Properties", "csv": "CSV", "tsv": "TSV", "md": "Markdown",
    "markdown": "Markdown", "mdx": "MDX", "rst": "reStructuredText", "txt": "Text", "text": "Text",
    "adoc": "AsciiDoc", "asciidoc": "AsciiDoc", "org": "Org", "tex": "TeX", "sty": "TeX", "cls": "TeX",
    "bib": "BibTeX", "diff": "Diff", "patch": "Diff", "rmd": "RMarkdown", "qml": "QML", "glsl": "GLSL",
    "hlsl": "HLSL", "wgsl": "WGSL", "coffee": "CoffeeScript", "elm": "Elm", "purs": "PureScript", "re": "Reason",
    "res": "ReScript", "ml4": "OCaml", "prisma": "Prisma", "tmpl": "Go Template", "gotmpl": "Go Template",
    "inc": "PHP", "bzl": "Starlark", "star": "Starlark", "mojo": "Mojo", "pro": "Prolog",
    "1": "Roff", "2": "Roff", "3": "Roff", "5": "Roff", "7": "Roff", "8": "Roff", "man": "Roff", "roff": "Roff",
}

#: Shebang interpreter (without version digits) -> language.
INTERPRETERS = {
    "python": "Python", "pypy": "Python", "node": "JavaScript", "nodejs": "JavaScript", "deno": "TypeScript",
    "bun": "JavaScript", "ts-node": "TypeScript", "sh": "Shell", "bash": "Shell", "zsh": "Shell", "dash": "Shell",
    "ksh": "Shell", "ash": "Shell", "fish": "fish", "ruby": "Ruby", "perl": "Perl", "php": "PHP", "lua": "Lua",
    "luajit": "Lua", "rscript": "R", "awk": "Awk", "gawk": "Awk", "mawk": "Awk", "sed": "sed", "tclsh": "Tcl",
    "wish": "Tcl", "make": "Makefile", "osascript": "AppleScript", "pwsh": "PowerShell", "julia": "Julia",
    "escript": "Erlang", "elixir": "Elixir", "runhaskell": "Haskell", "ocaml": "OCaml", "scala": "Scala",
    "groovy": "Groovy", "swift": "Swift", "rust-script": "Rust", "guile": "Scheme", "racket": "Racket",
}

_MODELINE = re.compile(r"(?:-\*-\s*(?:mode:\s*)?([\w+#-]+)\s*(?:;[^\n]*)?-\*-|vim?:[^\n]*?\b(?:ft|filetype|syntax)=([\w+#-]+))",
                       re.I)
_MODE_NAMES = {"python": "Python", "sh": "Shell", "bash": "Shell", "zsh": "Shell", "ruby": "Ruby", "perl": "Perl",
               "javascript": "JavaScript", "js": "JavaScript", "c": "C", "cpp": "C++", "c++": "C++", "lisp": "Common Lisp",
               "emacs-lisp": "Emacs Lisp", "makefile": "Makefile", "yaml": "YAML", "json": "JSON", "lua": "Lua",
               "rust": "Rust", "go": "Go", "tcl": "Tcl", "conf": "INI", "dosini": "INI", "markdown": "Markdown"}


@dataclass(frozen=True)
class Detected:
    language: str | None
    type: str | None
    how: str  # filename, modeline, shebang, extension, heuristic, or none


def shebang_language(head: str) -> str | None:
    """The language of a ``#!`` line: ``/usr/bin/env -S python3 -u`` -> Python."""
    if not head.startswith("#!"):
        return None
    words = head[2:].split("\n", 1)[0].split()
    if not words:
        return None
    prog = words[0].rsplit("/", 1)[-1]
    if prog == "env":
        rest = [w for w in words[1:] if not w.startswith("-") and "=" not in w]
        prog = rest[0].rsplit("/", 1)[-1] if rest else ""
    prog = re.sub(r"[\d.]+$", "", prog.lower())  # python3.11 -> python
    return INTERPRETERS.get(prog)


def _modeline(text: str) -> str | None:
    for chunk in (text[:500], text[-500:]):
        if chunk.isascii() and "-*-" not in chunk and "vi:" not in (low := chunk.lower()) and "vim:" not in low:
            continue  # a modeline needs one of these: str searches spare the case-blind regex
        m = _MODELINE.search(chunk)
        if m:
            return _MODE_NAMES.get((m.group(1) or m.group(2)).lower())
    return None


_CPP_H = re.compile(r"\n\s*(template\s*<|namespace\s+\w+|class\s+\w+\s*[:{]|#include\s*<(iostream|string|vector|"
                    r"memory|map|cstdint|cstdio|algorithm)>|using\s+namespace|std::)", re.M)
_OBJC = re.compile(r"\n\s*(@interface|@implementation|@protocol|@property|@end\b|#import\s)", re.M)
_MATLAB = re.compile(r"\n\s*(function\s+\[?[\w, ]*\]?\s*=|end\s*$|%\s|disp\(|fprintf\()", re.M)
_PROLOG = re.compile(r"\n\s*[a-z]\w*(\([^)]*\))?\s*:-", re.M)
_PERL = re.compile(r"\n\s*(use\s+(strict|warnings|[A-Z]\w*(::\w+)*)|my\s+[$@%]|sub\s+\w+\s*\{|package\s+\w+(::\w+)*;)", re.M)
_PHP = re.compile(r"<\?php|<\?=")
_QT_TS = re.compile(r"<!DOCTYPE TS>|<TS\s+version=")


def _heuristic(ext: str, text: str) -> str | None:
    """Content rules for an extension several languages share; None keeps the extension's default.
    Line-start rules are written ``\\n\\s*...`` and searched in ``"\\n" + text``: the same matches as
    ``^\\s*...`` with ``re.M``, but the regex engine jumps from newline to newline instead of trying
    every position."""
    lined = "\n" + text
    if ext == "h":
        if _OBJC.search(lined):
            return "Objective-C"
        return "C++" if _CPP_H.search(lined) else None
    if ext == "m":
        if _OBJC.search(lined):
            return "Objective-C"
        return "MATLAB" if _MATLAB.search(lined) else None
    if ext == "pl":
        if _PERL.search(lined):
            return "Perl"
        return "Prolog" if _PROLOG.search(lined) else None
    if ext == "pro":
        return "Prolog" if _PROLOG.search(lined) else "QMake" if re.search(r"\n\s*(QT|SOURCES|HEADERS)\s*\+?=", lined, re.M) else None
    if ext == "ts":
        return "XML" if _QT_TS.search(text[:2000]) else None
    if ext == "inc":
        return "PHP" if _PHP.search(text) else "C++" if _CPP_H.search(lined) else "Pascal" if re.search(r"\n\s*(procedure|begin)\b", lined, re.M | re.I) else None
    if ext == "v":
        return "Coq" if re.search(r"\n\s*(Theorem|Lemma|Proof|Qed|Require Import)\b", lined, re.M) else None
    if ext == "t":
        return "Perl" if _PERL.search(lined) else "Raku" if re.search(r"\n\s*use\s+v6", lined, re.M) else None
    return None


_AMBIGUOUS = {"h", "m", "pl", "pro", "ts", "inc", "v", "t"}


def detect(path: str, text: str) -> Detected:
    """The language of the file at repository path ``path`` with decoded content ``text``."""
    base = posixpath.basename(path)
    lower = base.lower()
    lang = FILENAMES.get(lower)
    if lang:
        return Detected(lang, TYPES.get(lang, PROGRAMMING), "filename")
    lang = _modeline(text)
    if lang:
        return Detected(lang, TYPES.get(lang, PROGRAMMING), "modeline")
    lang = shebang_language(text[:200])
    if lang:
        return Detected(lang, TYPES.get(lang, PROGRAMMING), "shebang")
    ext = lower.rsplit(".", 1)[1] if "." in lower.lstrip(".") else ""
    if lower.startswith("dockerfile.") or lower.endswith(".dockerfile"):
        return Detected("Dockerfile", PROGRAMMING, "filename")
    if ext in _AMBIGUOUS:
        lang = _heuristic(ext, text)
        if lang:
            return Detected(lang, TYPES.get(lang, PROGRAMMING), "heuristic")
    if ext == "tmpl" and "{{" not in text:  # .tmpl is a template of some language; without {{ }} not Go's
        return Detected("HTML", MARKUP, "heuristic") if "<" in text else Detected(None, None, "none")
    lang = EXTENSIONS.get(ext)
    if lang:
        return Detected(lang, TYPES.get(lang, PROGRAMMING), "extension")
    if lower.startswith("readme") or lower.startswith(("license", "licence", "copying", "changelog", "changes")):
        return Detected("Text", PROSE, "filename")
    if text.startswith("#compdef"):
        return Detected("Shell", PROGRAMMING, "heuristic")  # zsh completion functions (_git, _fd)
    return Detected(None, None, "none")
