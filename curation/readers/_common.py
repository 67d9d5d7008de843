"""Helpers the readers share: naming a file, HTML charset decoding, page URLs, JSON-safe metadata.

The HTML decoder here is a fallback: when ``curation.extract.html_to_text.decode_html`` exists the
readers use that one, so that the whole pipeline decodes bytes one way.
"""

from __future__ import annotations

import base64
import codecs
import datetime as _dt
import decimal
import html
import math
import re
from typing import Any

#: Labels pages use that Python spells differently, or that browsers read as a superset (WHATWG).
_CHARSET_ALIASES = {
    "gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030",
    "iso-8859-1": "cp1252", "iso8859-1": "cp1252", "latin-1": "cp1252", "latin1": "cp1252",
    "us-ascii": "cp1252", "ascii": "cp1252", "iso-8859-9": "cp1254", "tis-620": "cp874",
    "euc-kr": "cp949", "ks_c_5601-1987": "cp949", "x-sjis": "shift_jis", "shift-jis": "shift_jis",
    "sjis": "shift_jis", "windows-31j": "cp932", "big5": "big5hkscs", "utf8": "utf-8",
}
_META_CHARSET = re.compile(rb"""<meta[^>]{0,500}?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]{1,40})""", re.I)
_CT_CHARSET = re.compile(r"""charset\s*=\s*["']?\s*([A-Za-z0-9._:-]{1,40})""", re.I)
_HTML_START = re.compile(rb"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<title[\s>]", re.I)
_TAG = re.compile(r"<(link|meta)\b([^>]{0,2000})>", re.I)
_ATTR = re.compile(r"""([A-Za-z_:][-A-Za-z0-9_:.]*)\s*=\s*("[^"]*"|'[^']*'|[^\s>"']+)""")


def file_label(path: str, rel_path: str | None) -> str:
    """The name a file goes by in ids and skip reports: rel_path, else the basename."""
    return rel_path or path.rstrip("/").rsplit("/", 1)[-1]


def charset_from_content_type(content_type: str | None) -> str | None:
    m = _CT_CHARSET.search(content_type or "")
    return m.group(1) if m else None


def sniff_meta_charset(raw: bytes) -> str | None:
    """A <meta charset> / http-equiv charset in the first 2 KB, as browsers look for it."""
    m = _META_CHARSET.search(raw[:2048])
    return m.group(1).decode("ascii", "replace") if m else None


def looks_like_html(raw: bytes) -> bool:
    """Whether an undeclared body starts like an HTML page (tags in the first KB)."""
    return bool(_HTML_START.search(raw[:1024]))


def _codec(label: str | None, from_meta: bool = False) -> str | None:
    if not label:
        return None
    name = _CHARSET_ALIASES.get(label.strip().lower(), label.strip().lower())
    try:
        name = codecs.lookup(name).name
    except LookupError:
        return None
    if from_meta and name.startswith(("utf-16", "utf-32")):
        return "utf-8"  # a meta tag readable as ASCII cannot be UTF-16 (WHATWG)
    return name


def _fallback_decode_html(raw: bytes, declared_charset: str | None = None) -> str:
    """BOM, then the declared charset, then <meta>, then UTF-8; cp1252 with replacement last."""
    for bom, enc in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if raw.startswith(bom):
            return raw[len(bom):].decode(enc, "replace")
    first = _codec(declared_charset) or _codec(sniff_meta_charset(raw), from_meta=True)
    for enc in (first, "utf-8"):
        if enc:
            try:
                return raw.decode(enc)
            except UnicodeDecodeError:
                continue
    # A page that declares a charset mostly is in it, with a few bad bytes: keep that reading.
    return raw.decode(first or "cp1252", "replace")


try:  # one decoder for the whole pipeline when the extraction module provides it
    from curation.extract.html_to_text import decode_html  # type: ignore[attr-defined]
except ImportError:
    decode_html = _fallback_decode_html


def page_url(text: str) -> str | None:
    """<link rel=canonical> or <meta property=og:url> from the page head, else None."""
    head = text[: max(text.lower().find("</head>"), 0) or 200_000][:200_000]
    canonical = og = None
    for tag, body in _TAG.findall(head):
        attrs = {k.lower(): v.strip("\"'").strip() for k, v in _ATTR.findall(body)}
        if tag.lower() == "link" and "canonical" in attrs.get("rel", "").lower().split():
            canonical = canonical or attrs.get("href")
        elif tag.lower() == "meta" and attrs.get("property", attrs.get("name", "")).lower() == "og:url":
            og = og or attrs.get("content")
    url = canonical or og
    return html.unescape(url) if url else None


_DROP = object()


def jsonable(value: Any) -> Any:
    """``value`` as JSON-serialisable data, or the ``_DROP`` marker when it has no faithful form."""
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, (_dt.datetime, _dt.date, _dt.time)):
        return value.isoformat()
    if isinstance(value, _dt.timedelta):
        return value.total_seconds()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, (bytes, bytearray, memoryview)):
        try:
            return bytes(value).decode("utf-8")
        except UnicodeDecodeError:
            return {"base64": base64.b64encode(bytes(value)).decode("ascii")}
    if isinstance(value, dict):
        out = {str(k): jsonable(v) for k, v in value.items()}
        return _DROP if any(v is _DROP for v in out.values()) else out
    if isinstance(value, (list, tuple)):
        out = [jsonable(v) for v in value]
        return _DROP if any(v is _DROP for v in out) else out
    return _DROP


def is_dropped(value: Any) -> bool:
    return value is _DROP
