"""A StackExchange post body (a small, sanitised HTML fragment) -> plain text.

Bodies use a handful of tags (p, a, em, strong, code, pre, ul/ol/li, blockquote, h1-h6, img, hr,
br, table). Paragraphs become blocks separated by a blank line, list items one line each ("- " or
"1. ", indented two spaces per nesting level), ``pre`` blocks keep their exact lines (code is
content on these sites), inline markup keeps only its text, images and scripts are dropped, table
rows become lines with cells joined by " | ". Entities are decoded by the HTML parser.
"""

from __future__ import annotations

import lxml.etree
import lxml.html

_BLOCK = frozenset({"p", "div", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "dl", "dt", "dd", "section",
                    "article", "figure", "figcaption", "details", "summary", "table", "thead", "tbody", "tfoot",
                    "hr", "center", "aside", "header", "footer"})
_DROP = frozenset({"script", "style", "head", "title", "noscript", "svg", "img", "iframe", "object", "embed",
                   "video", "audio", "button", "input", "select", "textarea", "template"})


class _Out:
    """Blocks of text; ``tight`` blocks (list items) join the previous one with a single newline."""

    def __init__(self) -> None:
        self.blocks: list[tuple[str, bool]] = []
        self.pieces: list[str] = []
        self.prefix, self.indent, self.tight = "", "", False

    def add(self, s: str | None) -> None:
        if s:
            self.pieces.append(s)

    def flush(self) -> None:
        lines = (" ".join(line.split()) for line in "".join(self.pieces).split("\n"))
        text = "\n".join(line for line in lines if line)
        self.pieces = []
        if text:
            lead = self.prefix or self.indent
            text = lead + text.replace("\n", "\n" + " " * len(lead))
            self.blocks.append((text, self.tight))
            self.prefix = ""  # a list item's marker goes on its first line only

    def verbatim(self, s: str) -> None:
        self.flush()
        lines = s.strip("\n").split("\n")
        text = "\n".join(self.indent + line.rstrip() for line in lines)
        if text.strip():
            self.blocks.append((text, False))

    def text(self) -> str:
        out: list[str] = []
        for text, tight in self.blocks:
            if out:
                out.append("\n" if tight else "\n\n")
            out.append(text)
        return "".join(out)


def _walk(el, out: _Out, depth: int) -> None:
    tag = el.tag.lower() if isinstance(el.tag, str) else None  # comments and PIs have no string tag
    if tag is None or tag in _DROP:
        pass
    elif tag == "pre":
        out.verbatim(el.text_content())
    elif tag == "br":
        out.add("\n")
    elif tag in ("ul", "ol"):
        _list(el, out, depth, ordered=tag == "ol")
    elif tag == "tr":
        out.flush()
        cells = [" ".join(c.text_content().split()) for c in el if isinstance(c.tag, str)]
        saved, out.tight = out.tight, el.getprevious() is not None  # rows of one table: one line each
        out.add(" | ".join(c for c in cells if c))
        out.flush()
        out.tight = saved
    elif tag in _BLOCK or tag == "li":
        out.flush()
        _children(el, out, depth)
        out.flush()
    else:  # inline: a, em, strong, code, kbd, sup, sub, span, del, ...
        _children(el, out, depth)
    out.add(el.tail)


def _children(el, out: _Out, depth: int) -> None:
    out.add(el.text)
    for child in el:
        _walk(child, out, depth)


def _list(el, out: _Out, depth: int, ordered: bool) -> None:
    out.flush()
    saved = (out.indent, out.tight)
    number = 0
    for item in el:
        if not isinstance(item.tag, str) or item.tag.lower() != "li":
            _walk(item, out, depth + 1)
            continue
        number += 1
        out.indent = "  " * depth
        out.prefix = out.indent + (f"{number}. " if ordered else "- ")
        out.tight = number > 1 or depth > 0
        _children(item, out, depth + 1)
        out.flush()
        out.indent = "  " * depth + "  "  # continuation text after a nested list
    out.indent, out.tight = saved
    out.tight = False


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment; "" for an empty or unparsable one."""
    if not fragment or not fragment.strip():
        return ""
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return ""
    out = _Out()
    _children(root, out, 0)
    out.flush()
    return out.text()
