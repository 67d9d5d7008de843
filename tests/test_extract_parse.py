"""The "auto" method's shortcuts must not change what it extracts: its own parse gives trafilatura's
tree and text, the one-pass hint counts equal one ``bytes.count`` per needle, and the one-pass depth
check equals the per-element one (issue 11, throughput)."""

from __future__ import annotations

import math

import pytest
import trafilatura
from lxml import etree
from lxml.html import HtmlElement
from trafilatura.utils import load_html, repair_faulty_html

from curation.extract import candidates as c
from curation.extract import page_tree
from curation.extract.html_to_text import DEFAULT_OPTIONS, decode_html
from curation.extract.quality import iter_pages
from curation.extract.wcxb import iter_wcxb

OPTIONS = {**DEFAULT_OPTIONS, **c.TRAFILATURA_CANDIDATE_OPTIONS}

#: Inputs that take load_html's other paths: an XML encoding declaration (lxml refuses it in a str),
#: control characters and U+FFFE (removed), a fragment (rejected), a self-closing <html/>, garbage.
ODD_PAGES = [
    '<?xml version="1.0" encoding="utf-8"?><html><body><article><p>' + "Declared encoding text. " * 20
    + "</p></article></body></html>",
    "<html><body><p>Control\x00 char\x07acters\x1f and \ufffe here, " + "enough words to extract. " * 20 + "</p></body></html>",
    "<p>only a fragment</p>",
    "<!DOCTYPE html>\n<html/>\n<body><div><p>" + "Self-closing html tag page. " * 20 + "</p></div></body>",
    "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR garbage",
    "<html><head><title>t</title></head><body><form><input value='x'><label>Label</label><textarea>Typed "
    + "text " * 30 + "</textarea></form><p>" + "A paragraph with words. " * 20 + "</p></body></html>",
    "<html><body><p>A lone surrogate \ud800 in " + "a page of words. " * 20 + "</p></body></html>",
    "<!doctype html><html><body><p>\U0001f600 \u00e9t\u00e9 " + "words on one line. " * 20 + "</p></body></html>",
    "<!DOCTYPE html/>\n<html><body><p>" + "A doctype with a stray slash. " * 20 + "</p></body></html>",
    # a Unicode space before <html>: a whole document for lxml's str check (\s), a fragment for its bytes one
    "\xa0<html><body><article><h1>Title</h1>" + "<p>Article sentence with many words. </p>" * 3 + "</article></body></html>",
    "\u3000<html><body><span>" + "Spanned words of a page. " * 20 + "</span><span>More words.</span></body></html>",
    "\u2028<html><head><title>t</title></head><body><p>" + "Line separator first. " * 20 + "</p></body></html>",
]


def _same_as_trafilatura(html: str) -> None:
    ours, theirs = c.parse(html), load_html(html)
    assert (ours is None) == (theirs is None)
    if ours is None:
        return
    assert etree.tostring(ours) == etree.tostring(theirs)
    assert all(type(e) is HtmlElement for e in ours.iter(etree.Element))  # the fast lookup is in use
    assert trafilatura.extract(ours, **OPTIONS) == trafilatura.extract(theirs, **OPTIONS)


@pytest.mark.parametrize("html", ODD_PAGES)
def test_parse_is_trafilaturas_on_odd_pages(html):
    _same_as_trafilatura(html)


def test_parse_is_trafilaturas_on_real_pages(shared_data):
    pages = [decode_html(raw) for _, raw, _ in iter_pages(shared_data)][::12]
    pages += [decode_html(p.raw) for p in list(iter_wcxb(shared_data))[::60]]
    assert len(pages) > 35
    for html in pages:
        _same_as_trafilatura(html)


def _hint_counts_one_needle_at_a_time(html: str) -> dict[str, float]:
    """The reference: one ``bytes.count`` per needle over the same lowered bytes."""
    lowered = html[: c.HINT_BYTES].lower().encode("utf-8", "replace")[: c.HINT_BYTES]
    return {f"html_{k}": math.log1p(sum(lowered.count(n.encode()) for n in v)) for k, v in c.HTML_HINTS.items()}


def test_hint_counts_equal_bytes_count(shared_data):
    tricky = ("<P>commenthread threadocs add to carthread <li<link <LI><a <A HREF <p><pre<code "
              "documentationewsarticle \"@TYPE\": \"Product\" og:type\" content=\"article PRICE Posted By")
    h = c.HINT_BYTES
    case_shifts = [  # lower case of another UTF-8 length or ASCII: the str must be lower-cased
        "<L\u0130 <L\u0130NK \u212aelvin" + tricky,  # U+0130 lowers to "i" + a combining dot: "<li" counts
        "x" * (h - 10) + "\u212a\u212a<li><li>",  # two 3-byte Kelvin signs before the cut lower to 1 byte each
        "x" * (h - 2) + "\u0130<li><li>" + "<p>" * 10,  # one across the cut
        "\u00e9" * (h // 2) + "<li>\u212a" + "<p>" * 10,  # one past the cut changes nothing
        "\u00c9T\u00c9 " * 20000 + tricky,  # upper-case non-ASCII of the same length: no fall-back needed
    ]
    pages = [tricky, tricky * 3000, *case_shifts] + [decode_html(raw) for _, raw, _ in iter_pages(shared_data)][::20]
    for html in pages:
        features = c.html_features(html, None)
        assert {k: v for k, v in features.items() if k in _hint_counts_one_needle_at_a_time(html)} == (
            _hint_counts_one_needle_at_a_time(html)
        )
    assert c.html_features(tricky, None)["html_forum"] == math.log1p(4)  # 3 x thread, 1 x posted by
    shared_quote = '<script>{"@type":"product"@type":"product"}</script>'  # two matches share a quote
    assert c.html_features(shared_quote, None)["html_product"] == math.log1p(1)
    assert c.html_features(case_shifts[1], None)["html_li"] == math.log1p(2)


def test_case_shifts_are_this_pythons():
    """The characters whose lower case changes length or turns ASCII, recomputed the obvious way."""
    expected = [ch for ch in map(chr, range(0x80, 0x110000)) if not 0xD800 <= ord(ch) < 0xE000 and ch.lower() != ch
                and (len(ch.lower().encode()) != len(ch.encode()) or ch.lower().isascii() or "i" in ch.lower())]
    assert c._CASE_SHIFTS == expected and "\u0130" in expected and "\u212a" in expected


@pytest.mark.parametrize("depth", [240, 248, 249, 250, 251, 252, 260, 400])
def test_depth_check_equals_counting_ancestors(depth):
    html = "<html><body>" + "<div>" * depth + "deep" + "</div>" * depth + "</body></html>"
    tree = c.parse(html)
    assert c.too_deep(tree) == bool(tree.xpath(f"boolean(//*[count(ancestor::*) > {c.MAX_DEPTH}])"))


def test_words_and_shape_equal_two_tokenisations():
    """The bag and the per-line word counts come from one tokenisation of the lower-cased text; the
    reference tokenises the lower-cased text for the bag and each original line for the shape."""
    from collections import Counter

    texts = ["First line, with words.\n\n  \nSECOND Line ends here!\nthird: ÉTÉ été\n", "",
             "\u0130stanbul \u0130ZM\u0130R line\nK\u212aelvin \u2126 ohm. ", "only one line with no newline"]
    for text in texts:
        assert c.bag(text) == Counter(c._TOKEN_RE.findall(text.lower()))
        lines = [line for line in text.split("\n") if line.strip()]
        assert [w for _, w in c._words(text)[1]] == [len(c._TOKEN_RE.findall(line)) for line in lines]
    assert c.text_shape(texts[2])["wpl"] == math.log1p(6 / 2)  # "İstanbul İZMİR line" is 3 words, not 6


@pytest.mark.parametrize("html", ODD_PAGES)
def test_repair_is_trafilaturas(html):
    beginning = html[:50].lower()
    repaired, utf8 = page_tree.repair(html, beginning)
    assert repaired == repair_faulty_html(html, beginning)
    assert utf8 is None or utf8 == repaired.encode("utf-8")
