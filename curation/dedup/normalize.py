"""The normal forms dedup compares: text for exact matches, URLs for same-page matches, words for shingles."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import xxhash

_SPACE = re.compile(r"\s+")
_NON_WORD = re.compile(r"[^\w\s]+")

#: Query parameters that track the visitor, not the page (dropped before comparing URLs).
TRACKING_PREFIXES = ("utm_", "mc_", "pk_", "piwik_", "hsa_", "_hs")
TRACKING_PARAMS = {"gclid", "fbclid", "dclid", "msclkid", "yclid", "igshid", "mkt_tok", "ref", "ref_src", "_ga", "spm", "sessionid", "sid", "phpsessid", "jsessionid"}
DEFAULT_PORTS = {"http": 80, "https": 443}


def normalize_text(text: str) -> str:
    """NFKC, case folded, whitespace collapsed: what two "identical" documents must share."""
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text).casefold()).strip()


def text_key(text: str) -> int:
    """64-bit key of the normalised text (collisions: ~1 in 10^19 per pair)."""
    return xxhash.xxh3_64_intdigest(normalize_text(text).encode("utf-8", "surrogatepass"))


def shingle_words(text: str) -> list[str]:
    """Words for shingling: NFKC, case folded, punctuation removed."""
    return _NON_WORD.sub(" ", unicodedata.normalize("NFKC", text).casefold()).split()


def normalize_url(url: str | None) -> str | None:
    """The page a URL names: no scheme, no ``www.``, no default port, no fragment, no tracking
    parameters, remaining query parameters sorted, no trailing slash. ``None`` when unusable."""
    if not url or not isinstance(url, str):
        return None
    try:
        parts = urlsplit(url.strip())
        host = (parts.hostname or "").rstrip(".").lower()
        port = parts.port
    except ValueError:
        return None
    if not host:
        return None
    if host.startswith("www."):
        host = host[4:]
    scheme = (parts.scheme or "http").lower()
    netloc = host if port in (None, DEFAULT_PORTS.get(scheme)) else f"{host}:{port}"
    query = sorted(
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not (k.lower().startswith(TRACKING_PREFIXES) or k.lower() in TRACKING_PARAMS)
    )
    path = parts.path or "/"
    if len(path) > 1:
        path = path.rstrip("/")
    return urlunsplit(("", netloc, path, urlencode(query), "")).lstrip("/")
