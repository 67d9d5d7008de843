"""WikipediaReader: article counts and titles against the dump itself, no markup left, bad input."""

from __future__ import annotations

import bz2
import gzip
import re
import time
import tracemalloc
from pathlib import Path

import lxml.etree as ET
import pytest

from curation.academic.wikitext import wikitext_to_text
from curation.readers import READERS
from curation.readers.wikipedia import WikipediaReader
from tests.conftest import load_script

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "sample_data" / "academic"
SAMPLE_DUMP = SAMPLE / "wikipedia" / "samplewiki-pages-articles.xml.bz2"
MARKUP = re.compile(r"\[\[|\]\]|\{\{|\}\}|'''|<ref|</?(?:div|span|small|sup|sub|br|table|td|tr)\b|^=+[^=\n]+=+\s*$"
                    r"|^\s*\{\||^\s*\|\}|^\s*\|-|__[A-Z]+__|&(?:nbsp|ndash|mdash|amp|lt|gt|quot);"
                    r"|^(?:Category|File|Image):|\bthumb\|", re.M)


def _generator():
    return load_script(SAMPLE / "make_qa_books_wiki_samples.py")


GEN = _generator()


def _read(path, **options):
    reader = WikipediaReader(str(path), **options)
    return reader, list(reader.run())


def _stats(reader) -> dict:
    return reader.stats.to_dict()["stats"]


def _pages(path: Path) -> list[dict]:
    """Every page of a (trusted) dump, read with lxml as an independent check."""
    tag = lambda el: el.tag.rsplit("}", 1)[-1]  # noqa: E731
    pages = []
    with bz2.open(path) as f:
        for _, el in ET.iterparse(f, events=("end",)):
            if tag(el) != "page":
                continue
            fields = {tag(c): c for c in el}
            text = next(t.text or "" for t in el.iter() if tag(t) == "text")
            pages.append({"id": int(fields["id"].text), "ns": int(fields["ns"].text), "title": fields["title"].text,
                          "redirect": "redirect" in fields or re.match(r"\s*#redirect", text, re.I) is not None,
                          "text": text})
            el.clear()
    return pages


@pytest.fixture(scope="module")
def enwiki(shared_data):
    path = shared_data / "academic" / "wikipedia" / "enwiki-sample-pages-articles.xml.bz2"
    reader, docs = _read(path)
    return path, _pages(path), reader, docs


DISAMBIGUATION = re.compile(r"\{\{\s*(?:disambig|dab\b|hndis|geodis|[^{}|]*disambiguation)", re.I)


def test_registered_under_its_format():
    assert READERS["wikipedia"] is WikipediaReader


def test_articles_are_the_pages_that_are_not_redirects(enwiki):
    """206 pages, 100 redirects: 106 articles, of which the disambiguation pages are left out by default."""
    path, pages, reader, docs = enwiki
    assert len(pages) == 206 and sum(p["redirect"] for p in pages) == 100
    articles = [p for p in pages if p["ns"] == 0 and not p["redirect"]]
    assert len(articles) == 106
    kept = [p for p in articles if not DISAMBIGUATION.search(p["text"])]
    assert 0 < len(articles) - len(kept) < 20
    assert [d.id for d in docs] == [f"wikipedia:enwiki:{p['id']}" for p in kept]
    assert [d.metadata["title"] for d in docs] == [p["title"] for p in kept]
    stats = _stats(reader)
    assert stats["redirects"] + stats["other_namespace"] == 100
    assert stats["disambiguation"] == len(articles) - len(kept) and stats["documents"] == len(kept)


def test_no_wiki_markup_left(enwiki):
    _, pages, _, docs = enwiki
    for doc in docs:
        m = MARKUP.search(doc.text)
        assert m is None, (doc.metadata["title"], doc.text[max(0, m.start() - 150):m.end() + 150])
        assert doc.text.startswith(doc.metadata["title"] + "\n\n")
        assert len(doc.text) > 300


def test_metadata_and_prose(enwiki):
    _, _, _, docs = enwiki
    anarchism = next(d for d in docs if d.metadata["title"] == "Anarchism")
    assert anarchism.id == "wikipedia:enwiki:12"
    meta = anarchism.metadata
    assert meta["url"] == "https://en.wikipedia.org/wiki/Anarchism" and meta["license"] == "CC BY-SA 4.0"
    assert meta["revision_id"] == 716551092 and meta["timestamp"] == "2016-04-22T10:19:33Z"
    assert meta["namespace"] == 0 and meta["dbname"] == "enwiki" and meta["source"] == "wikipedia"
    assert "Anarchism is a political philosophy that advocates self-governed societies" in anarchism.text
    assert "\nReferences\n" not in anarchism.text and "\nExternal links\n" not in anarchism.text
    kruskal = next(d for d in docs if d.metadata["title"] == "Analysis of variance")
    assert "The Kruskal–Wallis test and the Friedman test are nonparametric tests" in kruskal.text
    urls = {d.metadata["title"]: d.metadata["url"] for d in docs}
    assert urls["Animalia (book)"] == "https://en.wikipedia.org/wiki/Animalia_(book)"


def test_wikitext_constructs():
    text = wikitext_to_text(
        "{{Infobox x|a=[[b]]}}'''Bold''' and ''italic'' [[Target|label]] and [[bus]]es"
        "<ref name=\"r\">{{cite web|url=u}}</ref>, {{convert|5|km|mi}} &amp; {{lang|fr|mot}}.<ref name=r/>\n"
        "second line of the same paragraph.<!-- hidden -->\n\n== Heading ==\n* one\n** two\n# three\n"
        "{| class=\"wikitable\"\n|-\n| cell || cell\n|}\n[[File:X.png|thumb|cap [[y]]]]\n[[Category:Z]]\n"
        "[[de:Wort]]\n== See also ==\n* [[Other]]\n=== Deeper ===\ntext under see also\n== Notes ==\n__NOTOC__")
    assert text == ("Bold and italic label and buses, 5 km & mot. second line of the same paragraph.\n\n"
                    "Heading\n\n- one\n- two\n- three")


def test_sample_dump():
    reader, docs = _read(SAMPLE_DUMP)
    assert [d.metadata["title"] for d in docs] == GEN.wiki.ARTICLE_TITLES
    stats = _stats(reader)
    assert (stats["redirects"], stats["other_namespace"], stats["disambiguation"]) == (2, 1, 1)
    _, with_dab = _read(SAMPLE_DUMP, keep_disambiguation=True, namespaces=[0, 1])
    assert [d.metadata["title"] for d in with_dab] == ["Lighthouse", "Beekeeping", "Tide pool", "Talk:Lighthouse",
                                                      "Slide rule", "Terrace farming", "Paper marbling", "Marbling"]
    by_title = {d.metadata["title"]: d for d in docs}
    bees, light = by_title["Beekeeping"].text, by_title["Lighthouse"].text
    assert "usually in man-made hives, by people called beekeepers" in bees  # label of [[beehive|hives]]
    assert "a gap of about 8 mm that bees leave open" in bees and "early — a colony" in bees
    for gone in ("Hive design notes", "Bee association", "Frame of capped honey", "Agriculture"):
        assert gone not in bees
    for gone in ("Open fire", "Leuchtturm", "See also", "List of lighthouses", "add a table", "Keepers of the Coast"):
        assert gone not in light
    assert "- flashing light, with short flashes" in light
    assert by_title["Lighthouse"].metadata["url"] == "https://samplewiki.example/wiki/Lighthouse"
    assert by_title["Tide pool"].id == "wikipedia:samplewiki:104"
    for doc in docs:
        assert MARKUP.search(doc.text) is None, doc.metadata["title"]
        assert len(doc.text.split()) >= 200


def test_sample_is_what_our_generator_writes(tmp_path):
    GEN.generate(tmp_path)
    assert (tmp_path / GEN.WIKI).read_bytes() == SAMPLE_DUMP.read_bytes(), "run the generator"


def _big_dump(copies: int = 60) -> bytes:
    """The sample's pages many times over, with fresh ids: several bz2 blocks at level 1."""
    xml = bz2.decompress(SAMPLE_DUMP.read_bytes()).decode()
    head, rest = xml.split("<page>", 1)
    pages = "<page>" + rest.rsplit("</mediawiki>", 1)[0]
    copies_xml = [re.sub(r"<id>(\d+)</id>\n    <revision>",
                         lambda m, k=k: f"<id>{int(m.group(1)) + 1000 * k}</id>\n    <revision>", pages)
                  for k in range(copies)]
    return (head + "".join(copies_xml) + "</mediawiki>\n").encode()


def test_truncated_bz2_and_gzip_keep_the_pages_before_the_cut(tmp_path):
    xml = _big_dump()
    full_reader, full = _read(_write(tmp_path / "full.xml.bz2", bz2.compress(xml, 1)))
    assert len(full) == 6 * 60
    for name, packed in (("cut.xml.bz2", bz2.compress(xml, 1)), ("cut.xml.gz", gzip.compress(xml, mtime=0))):
        reader, docs = _read(_write(tmp_path / name, packed[: len(packed) // 2]))
        assert _stats(reader)["skipped_truncated"] == 1, name
        assert 0 < len(docs) < len(full), name
        assert [(d.id, d.text) for d in docs] == [(d.id, d.text) for d in full[: len(docs)]]


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_entity_bomb_and_external_entity_are_refused(tmp_path):
    lol = "".join(f'<!ENTITY l{i} "{("&l%d;" % (i - 1)) * 10}">' for i in range(1, 10))
    bomb = f'<?xml version="1.0"?><!DOCTYPE m [<!ENTITY l0 "lol">{lol}]><mediawiki><page><title>&l9;</title>' \
           f"<ns>0</ns><id>1</id><revision><id>2</id><text>&l9;</text></revision></page></mediawiki>"
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT")
    xxe = f'<?xml version="1.0"?><!DOCTYPE m [<!ENTITY x SYSTEM "file://{secret}">]><mediawiki><page>' \
          "<title>T</title><ns>0</ns><id>1</id><revision><id>2</id><text>&x; and more</text></revision></page>" \
          "</mediawiki>"
    for name, xml in (("bomb.xml.bz2", bomb), ("xxe.xml.bz2", xxe)):
        tracemalloc.start()
        started = time.monotonic()
        reader, docs = _read(_write(tmp_path / name, bz2.compress(xml.encode())))
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        assert docs == [] and _stats(reader)["skipped_unsafe_xml"] == 1, name
        assert time.monotonic() - started < 5 and peak < 20_000_000
        assert "TOP-SECRET" not in repr(reader.bad_records)


def test_bad_pages_are_counted_and_the_rest_read(tmp_path):
    good = "<page><title>Good</title><ns>0</ns><id>7</id><revision><id>70</id><timestamp>2020-01-01T00:00:00Z" \
           "</timestamp><text>A '''good''' page about [[stone walls|walls]] that stand for centuries.</text>" \
           "</revision></page>"
    pages = [
        "<page><title>No id</title><ns>0</ns><revision><id>1</id><text>Some text.</text></revision></page>",
        "<page><ns>0</ns><id>3</id><revision><id>2</id><text>No title.</text></revision></page>",
        "<page><title>Only templates</title><ns>0</ns><id>4</id><revision><id>3</id>"
        "<text>{{Infobox x}}[[Category:Y]]</text></revision></page>",
        "<page><title>Huge</title><ns>0</ns><id>5</id><revision><id>4</id><text>" + "word " * 400
        + "</text></revision></page>",
        good,
    ]
    xml = "<mediawiki><siteinfo><dbname>testwiki</dbname></siteinfo>" + "".join(pages) + "</mediawiki>"
    reader, docs = _read(_write(tmp_path / "testwiki-pages-articles.xml.gz", gzip.compress(xml.encode(), mtime=0)),
                         max_page_chars=1000, include_title=False)
    stats = _stats(reader)
    assert stats["skipped_missing_field"] == 2 and stats["skipped_empty"] == 1 and stats["skipped_too_large"] == 1
    assert [(d.id, d.text) for d in docs] == [("wikipedia:testwiki:7",
                                               "A good page about walls that stand for centuries.")]
    assert docs[0].metadata["url"] is None  # no <base> in the siteinfo
    reader, docs = _read(_write(tmp_path / "x.xml.bz2", b"not bz2 at all"))
    assert docs == [] and _stats(reader)["skipped_unreadable"] == 1


def test_local_namespace_names_and_section_titles_are_dropped(tmp_path):
    """A bg dump names its File/Category namespaces and its reference sections in Bulgarian."""
    siteinfo = ("<siteinfo><dbname>bgwiki</dbname><namespaces><namespace key=\"-2\" case=\"first-letter\">Медия</namespace>"
                "<namespace key=\"0\" case=\"first-letter\" /><namespace key=\"6\" case=\"first-letter\">Файл</namespace>"
                "<namespace key=\"14\" case=\"first-letter\">Категория</namespace></namespaces></siteinfo>")
    text = ("Календарът е система за организиране на дните.\n[[Файл:Calendar.png|мини|Стар календар]]\n"
            "Той се използва от древността.\n\n== Вижте също ==\n* [[Година]]\n\n== Източници ==\n* Книга\n\n"
            "== Външни препратки ==\n* [http://example.org Сайт]\n\n[[Категория:Календари]]")
    page = (f"<page><title>Календар</title><ns>0</ns><id>9</id><revision><id>90</id><text>{text}</text>"
            "</revision></page>")
    xml = f"<mediawiki>{siteinfo}{page}</mediawiki>"
    _, docs = _read(_write(tmp_path / "bgwiki-pages-articles.xml.gz", gzip.compress(xml.encode(), mtime=0)),
                    include_title=False)
    assert [d.text for d in docs] == ["Календарът е система за организиране на дните.\n\nТой се използва от древността."]


@pytest.mark.parametrize("heading", ["Արտաքին հղումներ", "তথ্যসূত্র", "बाह्य दुवे", "Βιβλιογραφία"])
def test_reference_sections_of_more_wikipedias_are_dropped(heading):
    """hy, bn, mr, el: the reference/external-link headings their dumps use (read in the Wikipedia
    reference articles of benchmarks/langid_data/wiki_reference.jsonl.gz), dropped with their lists."""
    text = wikitext_to_text(f"Prose of the article.\n\n== {heading} ==\n* [http://example.org Site]\n* Book, 1999")
    assert text == "Prose of the article."
