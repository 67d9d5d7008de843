"""Doorway (template) pages inside near-duplicate clusters.

Search engines call a doorway network many pages of one site that say the same thing with a slot
filled per target ("Gardener in Oosterbeek", "... in Renkum", one page per town or keyword). Such a
page says nothing about its target beyond the target's name, and the name is in its own URL. So:

* a page's **template** is the sequence of its words (case and accents folded) with each run of words
  that are also words of its own URL path or query (3 or more characters, no digit; URL and text
  split by one tokenizer) replaced by one placeholder; its **slot** is the sequence of those URL words
  that fill 2 or more positions of the page (a target is repeated: keyword stuffing).
* only a page with that evidence has a template: its slot fills >= 2 positions, >= 20 of its words
  are not URL words and URL words are <= 30% of its words (a tag page whose text is its slug words
  has none). A family naming its member once (a colour, a codename, a language, a breadcrumb's
  category) repeats only the words its members share: one slot, no group.
* inside one near-duplicate cluster, the pages of one host that share a template and fill it with
  at least ``min_pages`` different slots are a doorway group: all of them are dropped (``doorway``),
  the kept one too, since it is the same empty page as the others. Any other cluster is ordinary
  near-duplicates and keeps its survivor.

Why no digits: numbers in URLs are ids, versions and page numbers, and two pages that
differ only by them are ordinary duplicates (one is kept). Why the page's *own* URL: a legitimate
page family (a chain's store pages, a product's variants) says something per member (an address,
opening hours, a size table) that its URL does not hold, so its members' templates differ.
"""

from __future__ import annotations

from urllib.parse import unquote, urlsplit

import polars as pl
import xxhash

_MARKS = "[\u0300-\u036f]"
_WORD = r"[^\W_]+"  # polars (Rust) \w keeps combining marks: पुणे and กรุงเทพ are one word each
_HOLE = "\x00"
#: A page has a template only with evidence of a per-target page (doorway.py's docstring): its slot
#: fills >= 2 positions, the rest is >= MIN_REST words and the URL's words are <= MAX_SHARE of all.
MIN_REST, MAX_SHARE = 20, 0.3
SCHEMA = {"gkey": pl.UInt64, "host": pl.String, "template": pl.UInt64, "slot": pl.UInt64}


def _words(texts: pl.Expr) -> pl.Expr:
    """Folded words of texts, by one tokenizer for text and URL alike."""
    return texts.fill_null("").str.to_lowercase().str.normalize("NFKD").str.replace_all(_MARKS, "").str.extract_all(_WORD)


def _url_parts(urls: list) -> tuple[list[str | None], pl.Series]:
    """Hosts (no ``www.``) and the URL words of the paths and queries: 3 or more chars, no digit."""
    hosts, rest = [], []
    for url in urls:
        host, tail = None, ""
        if url and isinstance(url, str):
            try:
                parts = urlsplit(url.strip())
                host, tail = (parts.hostname or "").removeprefix("www.") or None, f"{parts.path} {parts.query}"
            except ValueError:
                pass
        hosts.append(host)
        rest.append(unquote(tail) if host else "")
    words = (pl.DataFrame({"u": rest}, schema={"u": pl.String})
             .select(_words(pl.col("u")).list.eval(pl.element().filter((pl.element().str.len_chars() >= 3)
                                                                        & ~pl.element().str.contains(r"\d")))
                     .list.unique(maintain_order=True))["u"])
    return hosts, words


def host_and_words(url: str | None) -> tuple[str | None, frozenset[str]]:
    """The host (no ``www.``) and the folded words of the URL's path and query."""
    hosts, words = _url_parts([url])
    return hosts[0], frozenset(words.to_list()[0] or ()) if hosts[0] else frozenset()


def page_words(chunk: pl.DataFrame) -> pl.DataFrame:
    """(row, w, hit) for each word of each page whose URL has words (others are never split: a batch
    of long texts would be exploded whole): ``hit`` when the word is one of its URL's words."""
    hosts, words = _url_parts(chunk["url"].to_list())
    has = [i for i, (h, ws) in enumerate(zip(hosts, words.to_list())) if h and ws]
    url = (pl.DataFrame({"row": has, "w": [words[i] for i in has]}, schema={"row": pl.UInt32, "w": pl.List(pl.String)})
           .explode("w").with_columns(pl.lit(True).alias("hit")))
    texts = chunk["text"][has] if has else pl.Series("text", [], pl.String)
    return (pl.DataFrame({"row": pl.Series(has, dtype=pl.UInt32), "w": texts}).with_columns(_words(pl.col("w")))
            .explode("w").drop_nulls("w").join(url, on=["row", "w"], how="left", maintain_order="left")
            .with_columns(pl.col("hit").fill_null(False)))


def _templates(flat: pl.DataFrame) -> pl.DataFrame:
    """row, template, slot of the pages with evidence: each run of URL words is one placeholder; the
    slot is the URL words that fill 2 or more positions, in order (a word named once is a colour, a
    codename, a breadcrumb: a page family's member, not a target)."""
    hole = pl.col("hit") & pl.col("hit").shift(1, fill_value=False) & (pl.col("row") == pl.col("row").shift(1))
    pages = (flat.with_columns(pl.when(pl.col("hit")).then(pl.lit(_HOLE)).otherwise(pl.col("w")).alias("t"), hole.alias("skip"))
             .group_by("row", maintain_order=True)
             .agg(pl.col("t").filter(~pl.col("skip")).str.join(" ").alias("template"), pl.len().alias("n"),
                  pl.col("hit").sum().alias("hits")))
    slots = (flat.filter(pl.col("hit")).filter(pl.len().over("row", "w") >= 2)  # the few URL words only
             .group_by("row", maintain_order=True).agg(pl.col("w").str.join("\x01").alias("slot")))
    return (pages.join(slots, on="row", how="inner", maintain_order="left")
            .filter((pl.col("n") - pl.col("hits") >= MIN_REST) & (pl.col("hits") <= MAX_SHARE * pl.col("n"))))


def slot_words(text: str, url: str | None) -> list[str]:
    """The words of ``text`` (folded) that fill its slot, in order, as slot_columns finds them (for
    reading a group); empty when the page has no template."""
    flat = page_words(pl.DataFrame({"url": [url], "text": [text]}, schema={"url": pl.String, "text": pl.String}))
    found = _templates(flat)
    return found["slot"][0].split("\x01") if found.height else []


def slot_columns(chunk: pl.DataFrame) -> pl.DataFrame:
    """gkey, host, template, slot for a batch with gkey, url and text (nulls where there is no
    template). Vectorised: the texts' words are folded and split by polars, matched against each
    page's URL words by a join; a template is then the page's words with the URL words blanked."""
    n = chunk.height
    hosts = _url_parts(chunk["url"].to_list())[0]
    rows = {"gkey": chunk["gkey"].to_list(), "host": [None] * n, "template": [None] * n, "slot": [None] * n}
    for row, template, slot in _templates(page_words(chunk)).select("row", "template", "slot").iter_rows():
        rows["host"][row] = hosts[row]
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
