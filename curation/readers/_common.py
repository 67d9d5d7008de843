"""Helpers the readers share: naming a file, HTML sniffing, page URLs, JSON-safe metadata.

Bytes become text through ``curation.extract.html_to_text.decode_html``, so that the whole pipeline
decodes a page one way.
"""

from __future__ import annotations

import base64
import datetime as _dt
import decimal
import html
import json
import math
import re
from typing import Any

from curation.extract.html_to_text import decode_html  # noqa: F401 - re-exported for the readers

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


def looks_like_html(raw: bytes) -> bool:
    """Whether an undeclared body starts like an HTML page (tags in the first KB)."""
    return bool(_HTML_START.search(raw[:1024]))


def page_url(text: str) -> str | None:
    """<link rel=canonical> or <meta property=og:url> from the page head, else None."""
    end = text.find("</head>", 0, 200_000)
    if end < 0:
        end = text.find("</HEAD>", 0, 200_000)
    head = text[: end if end > 0 else 200_000]
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


#: Metadata nested deeper than this is left out (counted): deeper would overflow the stack later.
MAX_METADATA_DEPTH = 64


def jsonable(value: Any, depth: int = 0) -> Any:
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
    if isinstance(value, (dict, list, tuple)) and depth >= MAX_METADATA_DEPTH:
        return _DROP
    if isinstance(value, dict):
        out = {str(k): jsonable(v, depth + 1) for k, v in value.items()}
        return _DROP if any(v is _DROP for v in out.values()) else out
    if isinstance(value, (list, tuple)):
        out = [jsonable(v, depth + 1) for v in value]
        return _DROP if any(v is _DROP for v in out) else out
    return _DROP


def is_dropped(value: Any) -> bool:
    return value is _DROP


def build_metadata(step, record: dict, used: tuple[str, ...], ours: dict) -> dict:
    """The record's other fields plus ours; a field that clashes with ours is kept as ``orig_<name>``.

    A value with no JSON form (say, a parquet interval) is left out and counted on ``step``. A
    ``metadata`` field holding a JSON object (our own shards' column) is unpacked, so re-reading a
    run's output does not nest metadata inside metadata.
    """
    meta = {}
    record = dict(record)
    packed = record.get("metadata")
    if "metadata" not in used and isinstance(packed, str) and packed.startswith("{"):
        try:
            unpacked = json.loads(packed)
        except ValueError:
            unpacked = None
        if isinstance(unpacked, dict):
            del record["metadata"]
            record = {**unpacked, **record}
    for key, value in record.items():
        if key in used:
            continue
        value = jsonable(value)
        if is_dropped(value):
            step.stat_update("metadata_values_dropped")
            continue
        meta[f"orig_{key}" if key in ours else key] = value
    meta.update(ours)
    return meta


def open_input(reader: Any, compression: str | None = "infer") -> Any:
    """The reader's input file opened for binary reading, or None after a counted ``unreadable`` skip."""
    import fsspec

    try:
        return fsspec.open(reader.path, "rb", compression=compression).open()
    except Exception as e:  # noqa: BLE001 - any failure to open is a skip, never fatal
        reader.skip(reader.file, "unreadable", f"{type(e).__name__}: {e}")
        return None


def encodable(s: str) -> bool:
    try:
        s.encode("utf-8")
        return True
    except UnicodeEncodeError:
        return False


def record_document(reader: Any, record: dict, text: str, where: str, position: dict[str, int]) -> Any:
    """The Document for one JSONL/parquet record whose text was found (None, counted, if blank)."""
    from datatrove.data import Document

    if not text.strip():
        reader.skip(where, "empty")
        return None
    if not encodable(text):  # lone surrogates (e.g. "\ud800" in JSON): no UTF-8 form, cannot be stored
        reader.skip(where, "not_utf8", "text has unpaired surrogate code points")
        return None
    doc_id = record.get(reader.id_field)
    url = record.get(reader.url_field)
    if isinstance(url, str) and not encodable(url):
        url = None
    if doc_id is not None and not encodable(str(doc_id)):
        doc_id = None
    fields = (reader.text_field, reader.id_field, reader.url_field)
    known = {"url": url if isinstance(url, str) else None, "source": reader.source, "file": reader.file, **position}
    meta = build_metadata(reader, record, fields, known)
    return Document(text=text, id=str(doc_id) if doc_id is not None else where, metadata=meta)
