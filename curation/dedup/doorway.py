"""Doorway (template) pages inside near-duplicate clusters.

Search engines call a doorway network many pages of one site that say the same thing with a slot
filled per target ("Gardener in Oosterbeek", "... in Renkum", one page per town or keyword). Such a
page says nothing about its target beyond the target's name, and the name is in its own URL. So:

* a page's **template** is the sequence of its words (case and accents folded) with every word that
  is also a word of its own URL path or query (letters only, 3 or more) replaced by one placeholder;
  its **slot** is the sequence of words so replaced. A page without such a word has no template.
* inside one near-duplicate cluster, the pages of one host that share a template and fill it with
  at least ``min_pages`` different slots are a doorway group: all of them are dropped (``doorway``),
  the kept one too, since it is the same empty page as the others.

Why words of letters only: numbers in URLs are ids, versions and page numbers, and two pages that
differ only by them are ordinary duplicates (one is kept). Why the page's *own* URL: a legitimate
page family (a chain's store pages, a product's variants) says something per member (an address,
opening hours, a size table) that its URL does not hold, so its members' templates differ.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import unquote, urlsplit

import polars as pl
import xxhash

_LETTERS = re.compile(r"[^\W\d_]{3,}")
_MARKS = re.compile(r"[\u0300-\u036f]")
_WORD = re.compile(r"\w+")
_HOLE = "\x00"
SCHEMA = {"gkey": pl.UInt64, "host": pl.String, "template": pl.UInt64, "slot": pl.UInt64}


def fold(text: str) -> str:
    """Lower case, compatibility forms and accents removed (URL slugs drop accents: zurich, sao-paulo)."""
    return _MARKS.sub("", unicodedata.normalize("NFKD", text.lower()))


def host_and_words(url: str | None) -> tuple[str | None, frozenset[str]]:
    """The host (no ``www.``) and the folded letter words of the URL's path and query."""
    if not url or not isinstance(url, str):
        return None, frozenset()
    try:
        parts = urlsplit(url.strip())
        host = (parts.hostname or "").removeprefix("www.")
    except ValueError:
        return None, frozenset()
    if not host:
        return None, frozenset()
    return host, frozenset(_LETTERS.findall(fold(unquote(f"{parts.path} {parts.query}"))))


def slot_words(text: str, url_words: frozenset[str]) -> list[str]:
    """The words of ``text`` (folded) that fill its slot, in order: those that are words of its URL
    (for reading a group; slot_columns computes the same for a whole batch)."""
    return [w for w in _WORD.findall(fold(text or "")) if w in url_words]


def slot_columns(chunk: pl.DataFrame) -> pl.DataFrame:
    """gkey, host, template, slot for a batch with gkey, url and text (nulls where there is no
    template). Vectorised: the texts' words are folded and split by polars, matched against each
    page's URL words by a join; a template is then the page's words with the slot words blanked."""
    n = chunk.height
    parsed = [host_and_words(u) for u in chunk["url"].to_list()]
    url = pl.DataFrame({"row": [i for i, (h, ws) in enumerate(parsed) if h for _ in ws],
                        "w": [w for h, ws in parsed if h for w in sorted(ws)]},
                       schema={"row": pl.UInt32, "w": pl.String}).with_columns(pl.lit(True).alias("hit"))
    words = (chunk["text"].fill_null("").str.to_lowercase().str.normalize("NFKD").str.replace_all(_MARKS.pattern, "")
             .str.extract_all(_WORD.pattern))
    flat = (pl.DataFrame({"row": pl.arange(0, n, dtype=pl.UInt32, eager=True), "w": words}).explode("w")
            .drop_nulls("w").join(url, on=["row", "w"], how="left", maintain_order="left"))
    per = (flat.with_columns(pl.when(pl.col("hit")).then(pl.lit(_HOLE)).otherwise(pl.col("w")).alias("t"))
           .group_by("row", maintain_order=True)
           .agg(pl.col("t").str.join(" ").alias("template"), pl.col("w").filter(pl.col("hit")).str.join("\x01").alias("slot"),
                pl.col("hit").any().alias("any")).filter(pl.col("any")))
    rows = {"gkey": chunk["gkey"].to_list(), "host": [None] * n, "template": [None] * n, "slot": [None] * n}
    for row, template, slot in per.select("row", "template", "slot").iter_rows():
        rows["host"][row] = parsed[row][0]
        rows["template"][row] = xxhash.xxh3_64_intdigest(template.encode("utf-8", "surrogatepass"))
        rows["slot"][row] = xxhash.xxh3_64_intdigest(slot.encode("utf-8", "surrogatepass"))
    return pl.DataFrame(rows, schema=SCHEMA)


def doorway_groups(members: pl.DataFrame, group: str, min_pages: int) -> pl.DataFrame:
    """The members (any columns, with ``group``, host, template, slot) that form doorway groups, with
    a ``doorway`` column naming their group (its smallest gkey)."""
    keys = [group, "host", "template"]
    found = (members.filter(pl.col("template").is_not_null())
             .with_columns(pl.col("slot").n_unique().over(keys).alias("_slots"),
                           pl.col("gkey").min().over(keys).alias("doorway"))
             .filter(pl.col("_slots") >= min_pages))
    return found.drop("_slots")
