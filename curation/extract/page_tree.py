"""The page's lxml tree for the ``auto`` method: trafilatura's tree, made for less CPU.

``parse`` gives the tree ``trafilatura.utils.load_html`` gives for a ``str`` (same repair, same
fall-back to bytes, same rejection of what is not HTML), with two savings that change no output
(checked on all 1,678 WCXB dev and scrapinghub pages, and by tests/test_extract_parse.py):

* every element is a plain ``HtmlElement`` made in C: lxml.html's per-tag class lookup is a Python
  call for each element proxy, ~300,000 per 181 news pages inside trafilatura, about 9% of its time;
  trafilatura uses no form/input element methods;
* the scan for characters libxml2 cannot take (``trafilatura.utils.INVALID_XML_CHARS``) runs on the
  UTF-8 bytes with numpy instead of a regex over the ``str`` (0.5 -> 0.25 ms per news page), and the
  regex removal runs only when there is one;
* lxml parses those UTF-8 bytes when the repair changed nothing (1.35 -> 1.14 ms per news page).
"""

from __future__ import annotations

import numpy as np
from lxml.etree import ElementDefaultClassLookup
from lxml.html import HtmlComment, HtmlElement, HTMLParser, HtmlEntity, HtmlProcessingInstruction, fromstring
from trafilatura.utils import DOCTYPE_TAG, FAULTY_HTML, INVALID_XML_CHARS, is_dubious_html

#: trafilatura's parser settings (``trafilatura.utils.HTML_PARSER``) with C-level element classes.
_PARSER = HTMLParser(collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True, remove_pis=True)
_PARSER.set_element_class_lookup(
    ElementDefaultClassLookup(element=HtmlElement, comment=HtmlComment, pi=HtmlProcessingInstruction, entity=HtmlEntity)
)

#: Nesting past this depth is no real page (lxml stops at 255 levels; WCXB's 1,497 pages stay far
#: below): resiliparse's main-content pass is superlinear in depth (10,000 levels: 3.5 s, 100,000:
#: minutes), so such pages get the trafilatura candidate alone.
MAX_DEPTH = 250
#: "an element with more than MAX_DEPTH ancestors", as a path of MAX_DEPTH + 2 child steps from the
#: document: one pass over the tree (``count(ancestor::*)`` per element was 0.3 ms per news page).
_TOO_DEEP = "boolean(" + "/*" * (MAX_DEPTH + 2) + ")"

#: The control characters of ``INVALID_XML_CHARS`` (all but tab, newline, carriage return).
_CONTROL = np.zeros(32, dtype=bool)
_CONTROL[[*range(0, 9), 11, 12, *range(14, 32)]] = True


def _has_invalid_xml_chars(html: str, utf8: bytes) -> bool:
    """Whether ``INVALID_XML_CHARS`` would find something in ``html`` (``utf8``: its UTF-8 bytes)."""
    if "\ufffe" in html or "\uffff" in html:
        return True
    codes = np.frombuffer(utf8, dtype=np.uint8)
    below_space = codes[codes < 32]  # UTF-8 continuation bytes are >= 0x80: only real characters here
    return bool(below_space.size) and bool(_CONTROL[below_space].any())


def repair(html: str, beginning: str) -> tuple[str, bytes | None]:
    """``trafilatura.utils.repair_faulty_html(html, beginning)`` (invalid characters out, a doctype with a
    stray "/" and a self-closing ``<html/>`` in the first lines fixed) and, when the page needed none of
    it and is valid Unicode (no lone surrogate), its UTF-8 bytes: lxml parses those 15% faster than the
    ``str`` (which it converts from UTF-16/UCS-4 itself), into the same tree."""
    try:
        utf8: bytes | None = html.encode("utf-8")
    except UnicodeEncodeError:
        utf8 = None
    if _has_invalid_xml_chars(html, utf8 if utf8 is not None else html.encode("utf-8", "surrogatepass")):
        html, utf8 = INVALID_XML_CHARS.sub("", html), None
    if "doctype" in beginning:
        first, newline, rest = html.partition("\n")
        fixed, n = DOCTYPE_TAG.subn("", first, count=1)
        if n or not newline:  # trafilatura's rebuilt page gains a "\n" when it had none
            html, utf8 = fixed + "\n" + rest, None
    for line in html[:4096].splitlines()[:4]:
        if "<html" in line and line.endswith("/>"):
            return FAULTY_HTML.sub(r"\1>", html, count=1), None
    if utf8 is not None and html.lstrip(" \t\n\r\x0b\x0c")[:1].isspace():
        # lxml.html tells a whole document from a fragment by ^\s*<html: on a str \s is any Unicode
        # space (U+00A0, U+3000, ...), on bytes ASCII only, so such a page must be parsed as the str
        utf8 = None
    return html, utf8


def _from_bytes(html: str | bytes) -> HtmlElement | None:
    try:
        return fromstring(html if isinstance(html, bytes) else html.encode("utf8", "surrogatepass"), parser=_PARSER)
    except Exception:  # lxml refuses it: no tree, as in trafilatura
        return None


def parse(html: str) -> HtmlElement | None:
    """The tree of ``html`` as ``trafilatura.utils.load_html`` makes it for a ``str``, with ``_PARSER``;
    None when it is not HTML at all (binary served as text/html, garbage)."""
    beginning = html[:50].lower()
    html, utf8 = repair(html, beginning)
    if utf8 is not None:  # what trafilatura's str parse gives, or its fall-back to these same bytes
        tree = _from_bytes(utf8)
    else:
        tree = _from_str(html)
    if tree is not None and is_dubious_html(beginning) and len(tree) < 2:
        return None
    return tree


def _from_str(html: str) -> HtmlElement | None:
    """``load_html``'s two tries: the ``str``, then its UTF-8 bytes unless that was done already."""
    try:
        tree = fromstring(html, parser=_PARSER)
    except ValueError:  # a str with an encoding declaration
        return _from_bytes(html)
    except Exception:
        tree = None
    return _from_bytes(html) if tree is None or len(tree) < 1 else tree


def too_deep(tree: HtmlElement) -> bool:
    return bool(tree.xpath(_TOO_DEEP))
