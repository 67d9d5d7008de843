#!/usr/bin/env python3
"""Deterministically (re)write our own small samples of three reference formats.

    python sample_data/academic/make_qa_books_wiki_samples.py [OUT_DIR]   # default: this folder

Writes, from the original prose in ``qa_books_wiki_prose/`` (standard library only):

* ``stackexchange/cooking/Posts.xml``: a StackExchange dump file as the archive ships it (UTF-8
  BOM, CRLF, one ``<row>`` per post, HTML bodies escaped into attributes, ``ContentLicense`` per
  post): 7 questions (one below score 0), 17 answers (one with a negative score, accepted answers
  that are not always the top-scored one), and a tag-wiki pair (post types 4 and 5).
* ``gutenberg/90001-8.txt`` (old header style, ISO-8859-1, CRLF) and ``gutenberg/pg90002.txt``
  (current style, UTF-8 with BOM): two invented books with header, footer and licence, a short one
  (4 KB) and one of realistic length (63 KB of text, ``qa_books_wiki_prose/orchard.py``).
* ``wikipedia/samplewiki-pages-articles.xml.bz2``: a MediaWiki export with siteinfo, 6 articles,
  2 redirects, a disambiguation page and a talk page.

Every byte depends only on the prose and this file (bz2 output carries no timestamp).
"""

from __future__ import annotations

import bz2
import sys
from pathlib import Path

_HERE = Path(__file__).resolve().parent
if str(_HERE) not in sys.path:
    sys.path.insert(0, str(_HERE))

from qa_books_wiki_prose import books, cooking_qa, wiki  # noqa: E402

POSTS = "stackexchange/cooking/Posts.xml"
OLD_BOOK, NEW_BOOK = f"gutenberg/{books.OLD_NUMBER}-8.txt", f"gutenberg/pg{books.NEW_NUMBER}.txt"
WIKI = "wikipedia/samplewiki-pages-articles.xml.bz2"


def _attr(value: str) -> str:
    """An attribute value escaped the way the StackExchange dumps do it."""
    return (value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
            .replace("\r", "&#xD;").replace("\n", "&#xA;"))


def _text(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _licence(date: str) -> str:
    return "CC BY-SA 2.5" if date < "2011-04-08" else "CC BY-SA 3.0" if date < "2018-05-02" else "CC BY-SA 4.0"


def _row(fields: list[tuple[str, object]]) -> str:
    return "  <row " + " ".join(f'{k}="{_attr(str(v))}"' for k, v in fields if v is not None) + " />"


def posts_xml() -> bytes:
    rows: list[tuple[int, str]] = []
    for qid, date, score, views, title, tags, body, accepted, answers in cooking_qa.QUESTIONS:
        last = max([date] + [a[1] for a in answers])
        rows.append((qid, _row([
            ("Id", qid), ("PostTypeId", 1), ("AcceptedAnswerId", accepted), ("CreationDate", date),
            ("Score", score), ("ViewCount", views), ("Body", body + "\n"), ("OwnerUserId", 2 + qid * 7 % 23),
            ("LastActivityDate", last), ("Title", title), ("Tags", "".join(f"<{t}>" for t in tags)),
            ("AnswerCount", len(answers)), ("CommentCount", qid % 4), ("ContentLicense", _licence(date))])))
        for aid, adate, ascore, abody in answers:
            rows.append((aid, _row([
                ("Id", aid), ("PostTypeId", 2), ("ParentId", qid), ("CreationDate", adate), ("Score", ascore),
                ("Body", abody + "\n"), ("OwnerUserId", 2 + aid * 11 % 29), ("LastActivityDate", adate),
                ("CommentCount", aid % 3), ("ContentLicense", _licence(adate))])))
    for pid, kind, date, body in cooking_qa.OTHER_POSTS:
        rows.append((pid, _row([("Id", pid), ("PostTypeId", kind), ("CreationDate", date), ("Score", 0),
                                ("Body", body + "\n"), ("OwnerUserId", -1), ("LastActivityDate", date),
                                ("CommentCount", 0), ("ContentLicense", _licence(date))])))
    lines = ['<?xml version="1.0" encoding="utf-8"?>', "<posts>", *(r for _, r in sorted(rows)), "</posts>"]
    return b"\xef\xbb\xbf" + "\r\n".join(lines).encode("utf-8")


def old_book() -> bytes:
    text = books.OLD_HEADER + books.OLD_BODY + books.OLD_FOOTER
    return text.replace("\n", "\r\n").encode("iso-8859-1")


def new_book() -> bytes:
    return b"\xef\xbb\xbf" + (books.NEW_HEADER + books.NEW_BODY + books.NEW_FOOTER).encode("utf-8")


def wiki_xml() -> bytes:
    out = ['<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.10/" '
           'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" version="0.10" xml:lang="en">',
           "  <siteinfo>", "    <sitename>Sample Wiki</sitename>", "    <dbname>samplewiki</dbname>",
           "    <base>https://samplewiki.example/wiki/Main_Page</base>",
           "    <generator>MediaWiki 1.41.0</generator>", "    <case>first-letter</case>", "    <namespaces>",
           '      <namespace key="0" case="first-letter" />',
           '      <namespace key="1" case="first-letter">Talk</namespace>',
           '      <namespace key="6" case="first-letter">File</namespace>',
           '      <namespace key="14" case="first-letter">Category</namespace>', "    </namespaces>",
           "  </siteinfo>"]
    for page_id, ns, title, rev, stamp, text, redirect in wiki.PAGES:
        out += ["  <page>", f"    <title>{_text(title)}</title>", f"    <ns>{ns}</ns>", f"    <id>{page_id}</id>"]
        if redirect:
            out.append(f'    <redirect title="{_text(redirect)}" />')
        out += ["    <revision>", f"      <id>{rev}</id>", f"      <parentid>{rev - 3}</parentid>",
                f"      <timestamp>{stamp}</timestamp>", "      <contributor>",
                f"        <username>Sample editor {page_id % 5}</username>", f"        <id>{900 + page_id % 5}</id>",
                "      </contributor>", "      <model>wikitext</model>", "      <format>text/x-wiki</format>",
                f'      <text bytes="{len(text.encode())}" xml:space="preserve">{_text(text)}</text>',
                "    </revision>", "  </page>"]
    out.append("</mediawiki>\n")
    return bz2.compress("\n".join(out).encode("utf-8"), 9)


def generate(out_dir: Path) -> list[str]:
    """Writes every sample below ``out_dir``; returns their paths relative to it."""
    files = {POSTS: posts_xml(), OLD_BOOK: old_book(), NEW_BOOK: new_book(), WIKI: wiki_xml()}
    for rel, data in files.items():
        path = Path(out_dir) / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return sorted(files)


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else _HERE
    for rel in generate(target):
        print(target / rel)
