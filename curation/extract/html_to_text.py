"""HTML bytes -> text -> main text, with choices made by measurement.

``decode_html`` turns the raw bytes of a crawled response into ``str``; ``extract_main_text`` gives
a page's main text.  Two methods:

* ``"auto"`` (the default): three fast candidate extractors (``curation.extract.candidates``) and a
  small learned selector (``curation.extract.selector``) picking one per page.  On WCXB dev (1,497
  diverse pages, 7 types), cross-validated by domain: word-F1 0.838 vs 0.818 for trafilatura's
  defaults and 0.761 for the ``"trafilatura"`` method below (``models/README.md``); scrapinghub
  (181 news articles) 0.960 vs 0.964.
  ``model=models/selector_lines.json`` (opt-in) adds a fourth candidate, the page's lines kept by a
  line model (``curation.extract.lines``): CV 0.852, but scrapinghub 0.949 (``models/README.md``).
* ``"trafilatura"``: ``trafilatura.extract`` with ``DEFAULT_OPTIONS``, which were chosen on
  scrapinghub's 181 *news articles* (shingle F1 as in ``curation.extract.quality``).  Best there,
  but it drops forum posts, product specs and list items on other pages.

``benchmarks/extraction_quality.py`` re-measures both.
"""

from __future__ import annotations

import codecs
import re
from typing import Any

#: Our trafilatura options.  Measured with trafilatura 2.3.1 on the 181 benchmark pages
#: (P/R/F1; the bootstrap 95% interval on F1 is about +-0.015, so only the larger gaps count):
#: these defaults 0.958/0.971/0.964; trafilatura's library defaults 0.928/0.978/0.953.
DEFAULT_OPTIONS: dict[str, Any] = {
    # Plain text: what the tokenizer and the quality filters downstream consume.
    "output_format": "txt",
    # Boilerplate out: prefer dropping a doubtful block to keeping it.  For pretraining,
    # navigation/teasers that slip in cost more than the odd lost paragraph.
    # Measured: P 0.942 -> 0.958, R 0.978 -> 0.971, F1 0.960 -> 0.964.
    "favor_precision": True,
    # Keep trafilatura's fallback extractors (readability, jusText) and its recall retry:
    # fast=True is ~1.5x quicker but, with favor_precision, costs 2.5 points of recall
    # (R 0.971 -> 0.946, F1 0.964 -> 0.946).
    "fast": False,
    # Reader comments are not the document (and often spam): P 0.958 -> 0.947 with them.
    "include_comments": False,
    # Tables often *are* the content (specs, results, data); dropping them cost recall
    # (R 0.971 -> 0.958, F1 0.964 -> 0.957) for no precision gain.
    "include_tables": True,
    # No markdown markers (**, #, -) in the text: they are noise for the LM and for the
    # n-gram filters; measured slightly worse too (F1 0.961).
    "include_formatting": False,
    # Link targets and image references are not prose.
    "include_links": False,
    "include_images": False,
    # Metadata (title, date, ...) goes into the record's own fields, not into the text.
    "with_metadata": False,
    # OFF, deliberately.  trafilatura's dedup counts every element each time one of its passes
    # (main extractor, fallbacks, recall retry) looks at it, so on a single page the text can
    # pass the repetition limit by itself: 3 of the 181 pages came back EMPTY even with a fresh
    # per-document cache (F1 0.960 -> 0.951).  With ``True`` the cache is also process-global,
    # so output depends on which documents a worker saw before (adbar/trafilatura#778, seen in
    # FineWeb-2).  Repeated text is the job of our own deterministic dedup stages.
    "deduplicate": False,
    # Language filtering is the langid stage's job, with its own model and thresholds.
    "target_language": None,
}


METHODS = ("auto", "trafilatura")


def extract_main_text(
    html: str, url: str | None = None, *, method: str = "auto", model: str | None = None, **overrides: Any
) -> str:
    """Main text of ``html``; "" when none found (never None, so callers can test ``if text:``).

    ``method="auto"``: the selector's choice among the candidates (``model``: path of a selector
    model, default the shipped one).  ``method="trafilatura"``: trafilatura with
    ``DEFAULT_OPTIONS``, ``overrides`` winning.  ``url`` helps the page-type features.
    """
    if not html or not html.strip():
        return ""
    # imported here, not at the top: the readers import ``decode_html`` from this module, and the
    # driver and the workers (whose pages the extraction child extracts) need not hold trafilatura
    # and lxml (~13 MiB a process; the worker that runs the stage's prepare loads them for the selector)
    import trafilatura

    if method == "trafilatura":
        return trafilatura.extract(html, url=url, **{**DEFAULT_OPTIONS, **overrides}) or ""
    if method != "auto":
        raise ValueError(f"method must be one of {METHODS}, got {method!r}")
    if overrides:
        raise ValueError(f"trafilatura options {sorted(overrides)} need method='trafilatura'")
    from curation.extract import candidates as c
    from curation.extract.selector import MODEL_PATH, default_selector

    selector = default_selector(str(model or MODEL_PATH))
    options = {**DEFAULT_OPTIONS, **c.TRAFILATURA_CANDIDATE_OPTIONS}
    tree = c.parse(html)
    if tree is None:  # not HTML: binary served as text/html, garbage
        return ""
    if c.too_deep(tree):
        return c.content(trafilatura.extract(tree, url=url, **options))
    texts = c.run_candidates(html, url, options, tree)
    features = c.page_features(html, url, texts)
    if "lines" in selector.candidates:  # a selector trained with the line candidate
        from curation.extract.lines import default_lines_model

        texts["lines"] = c.content(default_lines_model().keep(texts, features, html))
        features.update(c.text_features(texts, only="lines"))
    return texts[selector.choose(features)].strip()


# ---------------------------------------------------------------------------------------------
# Decoding
# ---------------------------------------------------------------------------------------------

_BOMS = (  # longest first: the UTF-32-LE BOM starts with the UTF-16-LE one
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

#: How far into the document we look for a ``<meta>`` charset.  The HTML standard's prescan
#: stops at 1024 bytes, but real pages often put long scripts/styles first.
META_PRESCAN_BYTES = 4096

_META_CHARSET_RE = re.compile(rb"""<meta\b[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)

#: Labels that browsers (WHATWG Encoding standard) decode with a superset codec; Python's
#: codecs are strict, and e.g. "iso-8859-1" pages routinely contain cp1252 quotes and dashes.
_WHATWG_SUPERSETS = {
    "iso8859-1": "cp1252",
    "ascii": "cp1252",
    "iso8859-9": "cp1254",
    "iso8859-11": "cp874",
    "tis-620": "cp874",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "shift_jis": "cp932",
    "euc_kr": "cp949",
    "big5": "big5hkscs",
}

#: charset_normalizer is only asked when at least this many bytes are non-ASCII: on less, its
#: guesses are coin tosses (a short French cp1252 string came back as cp1250, "Привет" as big5).
MIN_NON_ASCII_FOR_GUESS = 32

_ASCII_BYTES = bytes(range(128))


def _codec(label: str | None) -> str | None:
    """Python codec for an HTTP/HTML charset label, WHATWG supersets applied; None if unknown."""
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip(" \t\"';").lower()).name
    except (LookupError, ValueError):
        return None
    return _WHATWG_SUPERSETS.get(name, name)


def _meta_charset(raw: bytes) -> str | None:
    match = _META_CHARSET_RE.search(raw[:META_PRESCAN_BYTES])
    return match.group(1).decode("ascii", "replace") if match else None


def _non_ascii_count(raw: bytes) -> int:
    return len(raw.translate(None, _ASCII_BYTES))


#: Bytes are taken as UTF-8 despite invalid sequences when valid multi-byte characters
#: outnumber the invalid sequences this many times: a page cut in the middle of a character
#: (WARC payload truncation) or with one stray byte is still UTF-8, while legacy text with a
#: few accented letters has no valid multi-byte sequences at all.
UTF8_VALID_PER_ERROR = 10


def _as_utf8(raw: bytes, non_ascii: int) -> str | None:
    """The text if ``raw`` is (essentially) UTF-8, else None; see ``UTF8_VALID_PER_ERROR``."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    text = raw.decode("utf-8", errors="replace")
    errors = text.count("\ufffd") - raw.count(b"\xef\xbf\xbd")
    # ASCII bytes always decode to one character each, so the rest are the non-ASCII chars.
    valid_multibyte = len(text) - (len(raw) - non_ascii) - errors
    return text if valid_multibyte >= UTF8_VALID_PER_ERROR * errors else None


def _ascii_compatible(codec: str) -> bool:
    """False for codecs such as UTF-7 or EBCDIC, which browsers refuse for HTML."""
    try:
        return "<meta charset=x>".encode(codec) == b"<meta charset=x>"
    except (UnicodeError, LookupError):
        return False


def _strict(raw: bytes, codec: str) -> str | None:
    try:
        return raw.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _guess(raw: bytes) -> str | None:
    """charset_normalizer's guess, but cp1252 whenever cp1252 is among its plausible answers.

    Among single-byte Latin code pages it cannot tell cp1252 from cp1250/mac_roman on short
    text; cp1252 is what browsers assume for undeclared legacy pages in most locales.
    """
    try:
        import charset_normalizer
    except ImportError:  # optional: without it we fall straight back to cp1252
        return None
    try:
        matches = charset_normalizer.from_bytes(raw)
    except Exception:  # a guesser must never make decoding fail
        return None
    if any("cp1252" in m.could_be_from_charset for m in matches):
        return "cp1252"
    best = matches.best()
    return best.encoding if best is not None else None


def decode_html(raw: bytes, declared_charset: str | None = None) -> str:
    """Decode an HTML response body; never raises.

    The rule, first match wins:

    1. a byte-order mark (UTF-8/16/32): it is the strongest evidence (it also beats the HTTP
       header in browsers);
    2. the declared charset: ``declared_charset`` (the HTTP ``Content-Type``), else a
       ``<meta charset>`` / ``<meta http-equiv>`` in the first ``META_PRESCAN_BYTES``; labels
       go through the WHATWG supersets (latin-1 -> cp1252, gb2312 -> gb18030, ...) and the
       bytes must decode *strictly*, else the declaration is ignored.  Two exceptions, both
       declarations that are wrong far more often than right:
       a. bytes with non-ASCII that are UTF-8 are UTF-8 whatever is declared (legacy text is
          essentially never valid UTF-8 by accident; "iso-8859-1" headers on UTF-8 pages are
          common and would turn every "é" into "Ã©");
       b. a UTF-16/32 declaration without a BOM is ignored unless the bytes contain NULs, and
          ASCII-incompatible labels (UTF-7, EBCDIC) are ignored, as browsers do;
    3. UTF-8: strictly valid, or with a few invalid sequences among many valid multi-byte
       characters (``UTF8_VALID_PER_ERROR``; truncated WARC payloads end mid-character),
       which then become U+FFFD;
    4. if ``charset_normalizer`` is installed and there are >= ``MIN_NON_ASCII_FOR_GUESS``
       non-ASCII bytes: its guess (cp1252 when cp1252 is plausible), with replacement;
    5. cp1252 with ``errors="replace"``: the web's legacy default; never fails.
    """
    if not raw:
        return ""
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            return raw[len(bom) :].decode(codec, errors="replace")

    non_ascii = _non_ascii_count(raw)
    utf8 = _as_utf8(raw, non_ascii) if non_ascii else None

    for label in (declared_charset, _meta_charset(raw)):
        codec = _codec(label)
        if codec is None:
            continue
        if codec.startswith(("utf-16", "utf-32")):
            if b"\x00" not in raw:
                continue
        elif not _ascii_compatible(codec):
            continue
        if utf8 is not None:  # rule 2a
            return utf8
        text = _strict(raw, codec)
        if text is not None:
            return text

    if not non_ascii:
        return raw.decode("ascii")
    if utf8 is not None:
        return utf8
    if non_ascii >= MIN_NON_ASCII_FOR_GUESS:
        codec = _guess(raw)
        if codec is not None:
            try:
                return raw.decode(codec, errors="replace")
            except LookupError:
                pass
    return raw.decode("cp1252", errors="replace")
