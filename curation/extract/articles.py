"""A second, fresh article set for the extraction benchmark, read from where it lies outside the project.

mozilla/readability's test pages (``test/test-pages/<name>/source.html`` and ``expected.html``,
Apache-2.0): real saved article pages with readability.js's own output as the truth, so it favours
readability-like extractions (captions, bylines kept).  The set is never copied into the project and
never used to tune anything: ``benchmarks/extraction_quality.py --articles DIR`` scores it beside
scrapinghub.  Yields the triples ``quality.evaluate_pages`` takes.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from lxml import html as lxml_html

#: Pages whose ``source.html`` is smaller are readability's hand-made unit tests (a paragraph with odd
#: markup, all under 4 kB), not saved pages (all over 10 kB); fixed before any extractor ran on the set.
MIN_SOURCE_BYTES = 8_000

#: Elements that end a line of text: without the break, "…end.</p><p>Next…" would join two tokens.
_BLOCKS = {"p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "br", "tr", "td", "th", "table",
           "blockquote", "pre", "figure", "figcaption", "section", "article", "header", "footer", "dl", "dt", "dd"}


def html_text(fragment: str) -> str:
    """The visible text of an HTML fragment, a line break after each block element."""
    if not fragment.strip():
        return ""
    root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag.lower() in _BLOCKS:
            el.tail = "\n" + (el.tail or "")
    return root.text_content()


def iter_article_pages(root: str | Path) -> Iterator[tuple[str, bytes, dict[str, Any]]]:
    """``(name, raw source.html bytes, {"articleBody": expected text})`` for every page folder under
    ``root`` with both files and a source of at least ``MIN_SOURCE_BYTES``, in name order.  A folder
    missing a file is skipped with a line on stderr, never silently."""
    root = Path(root)
    if not root.is_dir():
        raise FileNotFoundError(f"article set {root}: no such directory")
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        source, expected = folder / "source.html", folder / "expected.html"
        if not (source.is_file() and expected.is_file()):
            print(f"article set: {folder.name} skipped: no source.html or expected.html", file=sys.stderr)
            continue
        raw = source.read_bytes()
        if len(raw) < MIN_SOURCE_BYTES:
            continue
        try:
            truth = expected.read_text(encoding="utf-8")
        except UnicodeDecodeError as err:
            print(f"article set: {folder.name} skipped: expected.html is not UTF-8 ({err.reason} at byte {err.start})", file=sys.stderr)
            continue
        yield folder.name, raw, {"articleBody": html_text(truth)}
