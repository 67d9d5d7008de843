"""The "auto" method's shortcuts must not change what it extracts: its own parse gives trafilatura's
tree and text, the one-pass hint counts equal one ``bytes.count`` per needle, and the one-pass depth
check equals the per-element one (issue 11, throughput)."""

from __future__ import annotations

import math

import pytest
import trafilatura
from lxml import etree
from lxml.html import HtmlElement
from trafilatura.utils import load_html

from curation.extract import candidates as c
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
    pages = [tricky, tricky * 3000] + [decode_html(raw) for _, raw, _ in iter_pages(shared_data)][::20]
    for html in pages:
        features = c.html_features(html, None)
        assert {k: v for k, v in features.items() if k in _hint_counts_one_needle_at_a_time(html)} == (
            _hint_counts_one_needle_at_a_time(html)
        )
    assert c.html_features(tricky, None)["html_forum"] == math.log1p(4)  # 3 x thread, 1 x posted by


@pytest.mark.parametrize("depth", [240, 248, 249, 250, 251, 252, 260, 400])
def test_depth_check_equals_counting_ancestors(depth):
    html = "<html><body>" + "<div>" * depth + "deep" + "</div>" * depth + "</body></html>"
    tree = c.parse(html)
    assert c.too_deep(tree) == bool(tree.xpath(f"boolean(//*[count(ancestor::*) > {c.MAX_DEPTH}])"))
