"""What the HTML says about a line of text: the tag around it and the class/id words of that tag.

The ``lines`` candidate sees only the text of the chrome-less page; these hints tie a line back to
the markup without walking the DOM in Python: one regular expression over the HTML finds the
elements whose own text starts right after their opening tag (a link, a heading, a list item, a
table cell, a paragraph, a button, a span...), and a line whose normalised text equals such an
element's text gets that element's flags: its tag family, and word groups found in its
``class``/``id`` (menu-like, content-like, price/cart, related items, metadata).  A menu line is a
link with a ``nav``-ish class; a product's spec line is a table cell or a ``description`` span.
"""

from __future__ import annotations

import re
from typing import Any

#: Elements whose direct text is looked up (the first text node right after the opening tag).
_ELEMENT_TEXT_RE = re.compile(
    r"<(a|h[1-6]|li|td|th|p|button|option|label|span|div|dt|dd|strong|b|em|small)\b([^<>]{0,400})>\s*([^<>]{2,300})<",
    re.IGNORECASE,
)
_TAG_FLAGS = {"a": 1, "li": 4, "td": 8, "th": 8, "dt": 8, "dd": 8, "p": 16, "button": 32, "option": 32, "label": 32}
_HEADING = 2

#: Words in class/id attributes, by group (a word matches as a prefix of a class/id token).
_KEYWORDS = {
    64: ("menu", "nav", "breadcrumb", "footer", "header", "sidebar", "widget", "dropdown", "megamenu", "toolbar",
         "pagination", "pager", "skip", "login", "account", "search", "newsletter", "subscribe", "cookie", "banner"),
    128: ("content", "article", "post", "entry", "body", "description", "desc", "spec", "detail", "main", "text",
          "answer", "question", "message", "review", "feature", "summary", "attribute", "prose", "markdown"),
    256: ("price", "cart", "basket", "checkout", "buy", "stock", "qty", "quantity", "wishlist", "rating", "swatch"),
    512: ("related", "recommend", "upsell", "crosssell", "similar", "popular", "trending", "recent", "more", "promo",
          "carousel", "slider", "card", "tile", "teaser"),
    1024: ("meta", "date", "time", "author", "byline", "tag", "share", "social", "comment", "count", "label", "badge"),
}
_KEYWORD_GROUP = {w: g for g, words in _KEYWORDS.items() for w in words}
#: One attribute of an opening tag: its name and its value (quoted or not).  Walking the attributes one by one
#: anchors ``class``/``id`` to the attribute name: ``href="...?id=slug"`` or ``data-post-id`` are not read.
_ATTR_RE = re.compile(r"""([^\s"'=<>/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]*)))?""")
_WORD_RE = re.compile(r"[a-z]+")

#: Flag bits and the feature name each becomes.
FLAG_NAMES = {
    1: "dom_link", 2: "dom_heading", 4: "dom_li", 8: "dom_cell", 16: "dom_p", 32: "dom_control",
    64: "dom_cls_nav", 128: "dom_cls_content", 256: "dom_cls_price", 512: "dom_cls_related", 1024: "dom_cls_meta",
}
ANY = 2048
FLAG_NAMES[ANY] = "dom_any"


def line_key(text: str) -> str:
    """The form lines and element texts are compared in: lower case, whitespace runs as one space."""
    return " ".join(text.split()).lower()


def class_id_words(attrs: str) -> tuple[str, ...]:
    """The distinct lower-cased words of the ``class`` and ``id`` values in ``attrs`` (a tag's attribute text),
    first seen first."""
    values = [a + b + c for name, a, b, c in _ATTR_RE.findall(attrs) if name.lower() in ("class", "id")]
    return tuple(dict.fromkeys(_WORD_RE.findall(" ".join(values).lower())))


def _word_flags(word: str) -> int:
    """The keyword groups of one class/id word (any of its 3- to 12-letter prefixes is a keyword)."""
    flags = 0
    for prefix in (word[:n] for n in (3, 4, 5, 6, 7, 8, 9, 10, 11, 12) if n <= len(word)):
        flags |= _KEYWORD_GROUP.get(prefix, 0)
    return flags


class Memo(dict):  # type: ignore[type-arg]
    """``memo[key]`` is ``compute(key)``, kept: a C-level lookup for the keys seen before (class words and
    attribute texts repeat within and across a site's pages).  Emptied past ``size`` keys, and a key longer
    than ``longest`` characters is computed but not kept, so a memo holds at most ``size`` x ``longest``
    characters of keys whatever the pages; the values never depend on what was kept."""

    def __init__(self, compute: Any, size: int, longest: int = 64) -> None:
        super().__init__()
        self.compute, self.size, self.longest = compute, size, longest

    def __missing__(self, key: Any) -> Any:
        if len(key) > self.longest:
            return self.compute(key)
        if len(self) >= self.size:
            self.clear()
        value = self[key] = self.compute(key)
        return value


#: Class/id word -> its flags (``_word_flags``): the prefix loop ran for every word of every element.
_WORD_FLAGS = Memo(_word_flags, 50_000)


def _attr_flags(words: tuple[str, ...]) -> int:
    flags = 0
    for f in map(_WORD_FLAGS.__getitem__, words):
        flags |= f
    return flags


def _tag_bits(tag: str) -> int:
    t = tag.lower()
    return ANY | _TAG_FLAGS.get(t, _HEADING if t[0] == "h" and len(t) == 2 else 0)


def _attrs_hints(attrs: str) -> tuple[int, tuple[str, ...]]:
    words = class_id_words(attrs)
    return _attr_flags(words), words


#: Per tag name as written, its flags; per opening tag's attribute text, its flags and class/id words.
_TAG_BITS = Memo(_tag_bits, 1_000)
_ATTRS = Memo(_attrs_hints, 20_000, longest=400)  # attribute texts: the regex caps them at 400


def element_flags(html: str) -> dict[str, int]:
    """``{normalised element text: OR of its elements' flags}`` over the HTML (see the module docstring)."""
    return element_hints(html)[0]


def element_hints(html: str) -> tuple[dict[str, int], dict[str, str]]:
    """``element_flags``, and ``{normalised element text: its elements' class/id words}`` (lower case,
    space-separated, each word once, first seen first) from the same pass (the line word model's ``c:`` tokens)."""
    out: dict[str, int] = {}
    words: dict[str, dict[str, None]] = {}
    for tag, attrs, text in _ELEMENT_TEXT_RE.findall(html):
        if "&" in text:
            text = text.replace("&amp;", "&").replace("&nbsp;", " ").replace("&#39;", "'").replace("&quot;", '"')
        key = line_key(text)
        if not key:
            continue
        flags = _TAG_BITS[tag]
        if attrs:
            got = _ATTRS[attrs]
            flags |= got[0]
            if got[1]:  # whole words, not substrings: "navbar" then "nav" keeps both
                words.setdefault(key, {}).update(dict.fromkeys(got[1]))
        out[key] = out.get(key, 0) | flags
    return out, {k: " ".join(v) for k, v in words.items()}
