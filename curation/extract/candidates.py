"""The candidate extractors a page's main text is chosen from, and the page features the choice uses.

Each candidate is a fast extractor with a different bias; ``curation.extract.selector`` picks one per
page.  Measured on WCXB dev (1,497 pages, 7 page types; word-F1 / docs/s, one process, see
``benchmarks/extraction_quality.py``):

* ``trafilatura``: trafilatura ``fast=True``, no comments, tables kept: best on articles and docs
  (0.915 / 0.911) and precise everywhere (P 0.868), but drops forum posts and service-page blocks.
* ``resiliparse``: resiliparse's ``main_content=True`` heuristics: wins forums (0.716 vs 0.564)
  and service pages (0.784 vs 0.710), 8x faster than trafilatura.
* ``resiliparse_page``: the page's visible text minus its chrome (``PAGE_CHROME``: nav, header,
  footer, aside, forms, dialogs, cookie notices), ``<noscript>`` kept: for the pages where every
  content extractor drops the item lists (listings, collections) or the posts (Discourse forums
  serve them in ``<noscript>``).  On the 1,147 WCXB dev pages of training domains: word-F1 0.783
  (forum 0.651) vs 0.686 (0.460) for the whole page's text, which it replaced.

The features are lengths of and agreement between the candidates, and URL/HTML hints of the
page type.  Everything here is plain Python on the candidate texts and one Aho-Corasick pass of
literal counts over the HTML, so that features cost little next to the extractors themselves; the
page's lxml tree (``curation.extract.page_tree``) is parsed once and handed to trafilatura.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from functools import lru_cache
from itertools import chain
from operator import itemgetter
from typing import Any
from urllib.parse import urlsplit

import ahocorasick_rs
import trafilatura
from lxml.html import HtmlElement
from resiliparse.extract.html2text import extract_plain_text
from resiliparse.parse.html import HTMLTree

from curation.extract.page_tree import MAX_DEPTH, parse, too_deep  # noqa: F401  (the method's steps, named here)

#: The page-level extractors, run first; ``lines`` (``curation.extract.lines``) is built from them.
BASE_CANDIDATES = ("trafilatura", "resiliparse", "resiliparse_page")
CANDIDATES = (*BASE_CANDIDATES, "lines")

#: trafilatura options for the ``trafilatura`` candidate (the rest as in ``DEFAULT_OPTIONS``).
#: ``fast=True``: its fallbacks (readability, jusText) mostly rescue forums (0.564 -> 0.703), which
#: resiliparse covers (0.716) at 1/8 of the cost; with them trafilatura is ~1.4x slower.
#: ``favor_precision`` OFF: on WCXB dev it costs 4 to 16 points of F1 on every non-article type
#: (0.818 -> 0.760 overall, trafilatura defaults vs favor_precision).
TRAFILATURA_CANDIDATE_OPTIONS: dict[str, Any] = {"fast": True, "favor_precision": False}

_TOKEN_RE = re.compile(r"\w+")

#: Counts of literal strings in the lower-cased HTML: page-type hints (product schema, forum words,
#: code blocks, ...), over the first ``HINT_BYTES`` of the UTF-8.  18 regex passes cost as much as
#: trafilatura itself; over whole pages (WCXB mean 256 kB) the counts took ~9 ms/page.  Now one
#: Aho-Corasick pass counts every needle (overlapping matches; the few needles that can overlap
#: themselves, e.g. '"@type":"product"' sharing a quote, are counted again with ``bytes.count``, which
#: counts non-overlapping ones): 1.3 -> 0.3 ms CPU per scrapinghub page, the same counts.
HINT_BYTES = 150_000
HTML_HINTS: dict[str, tuple[str, ...]] = {
    "a": ("<a ",),
    "li": ("<li",),
    "table": ("<table",),
    "pre": ("<pre", "<code"),
    "article": ("<article",),
    "p": ("<p>", "<p "),
    "form": ("<form", "<input"),
    "h": ("<h1", "<h2", "<h3", "<h4", "<h5", "<h6"),
    "img": ("<img",),
    "comment": ("comment",),
    "price": ("price", "add to cart", "add-to-cart"),
    "product": ('"@type":"product"', '"@type": "product"'),
    "article_ld": ('"@type":"article"', '"@type": "article"', "newsarticle", "blogposting"),
    "og_article": ('og:type" content="article',),
    "forum": ("forum", "thread", "repl", "posted by"),
    "docs": ("documentation", "api reference", "docs"),
    "div": ("<div",),
    "script": ("<script",),
}

_HINT_OF_NEEDLE = [k for k, v in HTML_HINTS.items() for _ in v]
_NEEDLES = [n.encode() for v in HTML_HINTS.values() for n in v]
#: Needles whose start is also their end: overlapping matches would count one occurrence twice.
_SELF_OVERLAPPING = [i for i, n in enumerate(_NEEDLES) if any(n[:k] == n[-k:] for k in range(1, len(n)))]
#: Every character that lower-casing changes (~1,400; 0.08 s to list once).
_CASED = [ch for ch in map(chr, range(0x110000)) if ch.lower() != ch]
#: Non-ASCII characters whose lower case is ASCII or of another UTF-8 length (U+0130, the Kelvin sign,
#: ~25): without them, lower-casing the UTF-8 bytes (ASCII only) gives the needles the same counts as
#: lower-casing the ``str`` (0.3 -> 0.04 ms per news page); with one, the ``str`` is lower-cased.
_CASE_SHIFTS = [
    ch for ch in _CASED
    if not ch.isascii() and (len(ch.lower().encode()) != len(ch.encode()) or any(x.isascii() for x in ch.lower()))
]
_HINT_MATCHER = ahocorasick_rs.BytesAhoCorasick(
    [n.encode() for v in HTML_HINTS.values() for n in v] + [ch.encode() for ch in _CASE_SHIFTS]
)
_CASE_SHIFT_MATCHER = ahocorasick_rs.BytesAhoCorasick([ch.encode() for ch in _CASE_SHIFTS])


def _needle_counts(head: str) -> Counter[int]:
    """Occurrences of each hint needle (by index) in ``head.lower().encode("utf-8", "replace")[:HINT_BYTES]``."""
    raw = head.encode("utf-8", "replace")
    lowered = raw.lower()[:HINT_BYTES]
    found = Counter(map(itemgetter(0), _HINT_MATCHER.find_matches_as_indexes(lowered, overlapping=True)))
    shifted = len(found) and max(found) >= len(_HINT_OF_NEEDLE)
    # one past the cut moves nothing before it; one across the cut does (a shorter lower case ends before it)
    if shifted or _CASE_SHIFT_MATCHER.find_matches_as_indexes(raw[HINT_BYTES - 3 : HINT_BYTES + 3]):
        lowered = head.lower().encode("utf-8", "replace")[:HINT_BYTES]
        found = Counter(map(itemgetter(0), _HINT_MATCHER.find_matches_as_indexes(lowered, overlapping=True)))
    for i in _SELF_OVERLAPPING:
        if found.get(i, 0) > 1:
            found[i] = lowered.count(_NEEDLES[i])
    return found

#: URL hints of the page type.
URL_HINTS: dict[str, re.Pattern[str]] = {
    k: re.compile(v, re.IGNORECASE)
    for k, v in {
        "product": r"/products?/|/p/|/item|/shop/|/dp/",
        "category": r"/categor|/collections?/|/tag/|/c/|/shop/?$",
        "forum": r"forum|thread|/t/|/topic|community|discuss|/questions/",
        "docs": r"docs?\b|/documentation|/api/|/guide|/manual|/reference|readthedocs|/wiki/",
        "blog": r"/blog|/news|/20\d\d/|/article",
        "list": r"search|/jobs|/list|/directory|/events",
    }.items()
}


#: A candidate text of fewer words is no main content (a lone "Sign in" button, a cookie notice): "".
#: On WCXB dev every page with main content has >= 15 words of it, and 21 pages have none.
MIN_WORDS = 10


def content(text: str | None) -> str:
    text = (text or "").strip()
    return text if len(_TOKEN_RE.findall(text, 0, 2000)) >= MIN_WORDS else ""


#: Elements ``resiliparse_page`` skips: site chrome, never main content.  Measured on the WCXB dev
#: pages of training domains (1,147; ``wcxb.is_held_out`` pages not looked at): the whole page 0.686,
#: minus nav/header/footer/aside (and their ARIA roles) 0.768, also minus forms, dialogs and cookie
#: notices 0.771, with ``<noscript>`` kept 0.783; also skipping menu/sidebar/share/related classes
#: 0.721 (documentation falls 0.92 -> 0.69: their sidebars and menus hold the docs' own navigation).
PAGE_CHROME = [
    "nav", "header", "footer", "aside", "[role=navigation]", "[role=banner]", "[role=contentinfo]",
    "form", "[role=dialog]", "[class*=cookie]", "[id*=cookie]",
]


def run_candidates(
    html: str, url: str | None, trafilatura_options: dict[str, Any], tree: HtmlElement | None = None
) -> dict[str, str]:
    """Every base candidate's text for ``html`` ("" where one finds nothing); ``tree``: ``parse(html)``."""
    parsed = HTMLTree.parse(html)  # once for both resiliparse candidates
    return {
        "trafilatura": content(trafilatura.extract(tree if tree is not None else html, url=url, **trafilatura_options)),
        "resiliparse": content(extract_plain_text(parsed, main_content=True)),
        "resiliparse_page": content(
            extract_plain_text(parsed, main_content=False, noscript=True, skip_elements=PAGE_CHROME)
        ),
    }


#: A line of at least this many words is prose, not a menu item or a link: the share of a candidate's
#: words in such lines tells an article body from a page's lists and chrome.
PROSE_LINE_WORDS = 12
#: A line ending in one of these ends like a sentence.
_SENTENCE_END = '.!?:;"\u201d'


def bag(text: str) -> Counter[str]:
    """The lower-cased words of ``text`` with their counts; cached: the page features, the line
    features and the ``lines`` features all need the same candidates' bags (callers never change it)."""
    return _words(text)[0]


#: Characters whose lower case is not one character of the same kind (word, space, punctuation):
#: U+0130 alone in Python 3.11.  Without them the lower-cased text has the same words per line.
_SHAPE_SHIFTS = [
    ch for ch in _CASED
    if len(ch.lower()) != 1 or bool(_TOKEN_RE.match(ch)) != bool(_TOKEN_RE.match(ch.lower()))
    or ch.isspace() != ch.lower().isspace() or ch.lower() in _SENTENCE_END
]


@lru_cache(maxsize=8)
def _words(text: str) -> tuple[Counter[str], list[tuple[str, int]]]:
    """``Counter(_TOKEN_RE.findall(text.lower()))`` and the non-blank lines of ``text`` with their word
    counts, from one pass of the regex (words never span lines): the bag and ``text_shape`` used to
    tokenise each candidate twice (0.45 ms per news page)."""
    lines = text.split("\n")
    per_line = list(map(_TOKEN_RE.findall, text.lower().split("\n")))
    words = Counter(chain.from_iterable(per_line))
    if any(ch in text for ch in _SHAPE_SHIFTS):
        per_line = list(map(_TOKEN_RE.findall, lines))
    return words, [(line, len(tokens)) for line, tokens in zip(lines, per_line) if line.strip()]


def text_shape(text: str) -> dict[str, float]:
    """How a candidate text is laid out: words per line, share of words in prose lines and in lines
    ending like a sentence, share of 1-3-word lines.  With these the selector tells extra article
    text from extra boilerplate (grouped 5-fold CV on WCXB dev: documentation 0.909 -> 0.919, the
    same overall, and the margin it picks rises 0.05 -> 0.1, i.e. fewer non-trafilatura choices)."""
    lines = _words(text)[1]
    if not lines:
        return {"wpl": 0.0, "prose": 0.0, "punct": 0.0, "short": 0.0}
    words = [w for _, w in lines]
    total = sum(words) or 1
    return {
        "wpl": math.log1p(total / len(lines)),
        "prose": sum(w for w in words if w >= PROSE_LINE_WORDS) / total,
        "punct": sum(w for line, w in lines if line.rstrip()[-1:] in _SENTENCE_END) / total,
        "short": sum(1 for w in words if w <= 3) / len(lines),
    }


def has_article_markup(features: dict[str, float]) -> bool:
    """The page declares itself an article (JSON-LD Article/NewsArticle/BlogPosting, og:type article)."""
    return features.get("html_article_ld", 0.0) > 0 or features.get("html_og_article", 0.0) > 0


def _common(a: Counter[str], b: Counter[str]) -> int:
    """``sum((a & b).values())``: the words two bags share, with counts; the loop in C, not in Counter."""
    shared = a.keys() & b.keys()
    return sum(map(min, map(a.__getitem__, shared), map(b.__getitem__, shared)))


def text_features(texts: dict[str, str], only: str | None = None) -> dict[str, float]:
    """Lengths, layout and agreement of the candidate texts given (in ``CANDIDATES`` order); with
    ``only``, just the features that involve that candidate (the others are unchanged)."""
    f: dict[str, float] = {}
    names = [k for k in CANDIDATES if k in texts]
    bags = {k: bag(texts[k]) for k in names}
    sizes = {k: sum(b.values()) for k, b in bags.items()}
    for k in names if only is None else [only]:
        f[f"len_{k}"] = math.log1p(sizes[k])
        f[f"lines_{k}"] = math.log1p(texts[k].count("\n") + 1 if texts[k] else 0)
        for name, value in text_shape(texts[k]).items():
            f[f"{name}_{k}"] = value
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            if only is not None and only not in (a, b):
                continue
            common = _common(bags[a], bags[b])
            f[f"f1_{a}_{b}"] = 2 * common / (sizes[a] + sizes[b]) if sizes[a] and sizes[b] else 0.0
            f[f"ratio_{a}_{b}"] = math.log1p(sizes[a]) - math.log1p(sizes[b])
            f[f"cov_{a}_{b}"] = common / sizes[a] if sizes[a] else 0.0
            f[f"cov_{b}_{a}"] = common / sizes[b] if sizes[b] else 0.0
    return f


def html_features(html: str, url: str | None) -> dict[str, float]:
    """Page-type hints: literal counts over the HTML, URL depth and patterns."""
    f: dict[str, float] = {"html_len": math.log1p(len(html))}
    counts = dict.fromkeys(HTML_HINTS, 0)
    for needle, n in _needle_counts(html[:HINT_BYTES]).items():
        if needle < len(_HINT_OF_NEEDLE):
            counts[_HINT_OF_NEEDLE[needle]] += n
    for k, n in counts.items():
        f[f"html_{k}"] = math.log1p(n)
    path = urlsplit(url or "").path
    f["url_depth"] = float(path.count("/"))
    f["url_len"] = float(len(path))
    for k, pattern in URL_HINTS.items():
        f[f"url_{k}"] = 1.0 if pattern.search(url or "") else 0.0
    return f


def page_features(html: str, url: str | None, texts: dict[str, str]) -> dict[str, float]:
    """Named numeric features of a page and its candidate texts (same names for the same candidates)."""
    return {**text_features(texts), **html_features(html, url)}
