#!/usr/bin/env python3
"""Deterministically (re)write the curation project's own small sample inputs.

    python sample_data/make_sample_data.py [OUT_DIR]     # default: the folder of this script

Writes web/crawl-0000{0,1,2}.warc.gz, web/pages/*, jsonl/docs.jsonl, parquet/docs.parquet and
truth.json (ground truth for the planted cases). Only the standard library, warcio and pyarrow
are used. Every byte depends only on the prose in ``sample_prose/`` and on this file: WARC
record ids are uuid5 of the URL, dates are fixed, gzip headers carry mtime 0.
See README.md beside this file for what is planted.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import re
import struct
import sys
import uuid
import zlib
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from html import escape
from pathlib import Path
from urllib.parse import urlsplit

_HERE = Path(__file__).resolve().parent
if str(_HERE) not in sys.path:
    sys.path.insert(0, str(_HERE))

from sample_prose import docs, en_edu, en_edu2, en_web, intl_a, intl_b, misc, standalone  # noqa: E402
from sample_prose.inventory import (  # noqa: E402
    CONTENT_TYPE, EXACT_DUPS, HTML_LANG, MUST_NOT_MERGE, NEAR_DUPS, ODD_PAGES, ORIGINALS, SPAM_PAGES,
    THIN_PAGES)
from sample_prose.sites import BOILER, SITES  # noqa: E402

WARC_FILES = ["web/crawl-00000.warc.gz", "web/crawl-00001.warc.gz", "web/crawl-00002.warc.gz"]
CRAWL_START = datetime(2024, 3, 18, 6, 0, 0, tzinfo=timezone.utc)
USER_AGENT = "CurationSampleBot/1.0 (+https://crawler.example/bot)"
CJK = ("zh", "ja")

ARTICLES: dict[str, dict] = {}
for _mod in (en_edu, en_edu2, en_web, intl_a, intl_b):
    for _key, _art in _mod.ARTICLES.items():
        ARTICLES[_key] = {"lang": getattr(_mod, "LANG", None), **_art}

# --------------------------------------------------------------------------- text helpers
CSS = ("body{font-family:Georgia,serif;margin:0;color:#222}.cookie-banner{position:fixed;bottom:0;"
       "left:0;right:0;background:#333;color:#fff;padding:1em}.sidebar{float:right;width:30%}")
ANALYTICS = ("window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments);}"
             "gtag('js',new Date());gtag('config','G-SAMPLE0000');")


def parse_blocks(body: str, lang: str) -> list[tuple[str, object]]:
    joiner = "" if lang in CJK else " "
    out: list[tuple[str, object]] = []
    for raw in re.split(r"\n\s*\n", body.strip()):
        lines = [ln.strip() for ln in raw.strip().splitlines() if ln.strip()]
        if lines[0].startswith("## "):
            out.append(("h2", lines[0][3:]))
        elif all(ln.startswith("- ") for ln in lines):
            out.append(("ul", [ln[2:] for ln in lines]))
        else:
            out.append(("p", joiner.join(lines)))
    return out


def blocks_text(blocks) -> str:
    return "\n".join("\n".join(c) if k == "ul" else c for k, c in blocks)


def shingles(text: str, n: int = 5) -> set:
    toks = re.findall(r"\w+", text.lower())
    return {tuple(toks[i:i + n]) for i in range(max(len(toks) - n + 1, 1))}


def jaccard(a: str, b: str) -> float:
    sa, sb = shingles(a), shingles(b)
    return round(len(sa & sb) / len(sa | sb), 4)


def slugify(label: str) -> str:
    return re.sub(r"[^\w]+", "-", label.lower()).strip("-")


def e(text: str) -> str:
    return escape(text, quote=False)


def a(text: str) -> str:
    return escape(text, quote=True)


# --------------------------------------------------------------------------- HTML rendering
def article_html(art: dict, blocks, date_label: str) -> str:
    b = BOILER[art["lang"]]
    parts = ['<article class="post">', "<header>", f"<h1>{e(art['title'])}</h1>",
             f'<p class="byline">{e(b["by"])} <span class="author">{e(art["author"])}</span> · '
             f"<time>{e(b[date_label])} {e(art['date'])}</time></p>", "</header>"]
    if art.get("series"):
        parts.append(f'<p class="series-note"><em>{e(misc.SERIES_NOTE)}</em></p>')
    for kind, content in blocks:
        if kind == "h2":
            parts.append(f"<h2>{e(content)}</h2>")
        elif kind == "ul":
            parts.append("<ul>" + "".join(f"<li>{e(x)}</li>" for x in content) + "</ul>")
        else:
            parts.append(f"<p>{e(content)}</p>")
    parts.append("</article>")
    return "\n".join(parts)


def main_text(art: dict, blocks, date_label: str) -> str:
    """The text a perfect extractor would return (title, byline, series note, body)."""
    b = BOILER[art["lang"]]
    lines = [art["title"], f"{b['by']} {art['author']} · {b[date_label]} {art['date']}"]
    if art.get("series"):
        lines.append(misc.SERIES_NOTE)
    return "\n".join(lines) + "\n" + blocks_text(blocks)


def render_page(site_key: str, title: str, main: str, canonical: str, description: str,
                sidebar: list[tuple[str, str]], charset: str = "utf-8", source: str = "") -> str:
    host, name, lang, template, _server, nav = SITES[site_key]
    b = BOILER[lang]
    html_lang = HTML_LANG.get(site_key, lang)
    head = [
        "<!DOCTYPE html>", f'<html lang="{html_lang}">', "<head>", f'<meta charset="{charset}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(title)} | {e(name)}</title>",
    ]
    if template == "spam":
        head += [f'<meta name="keywords" content="{a(title.lower())}">', "</head>", "<body>", main,
                 '<p><a href="/">Home</a> <a href="/sitemap.html">Sitemap</a></p>', "</body>",
                 "</html>", ""]
        return "\n".join(head)
    head += [f'<meta name="description" content="{a(description)}">',
             f'<link rel="canonical" href="{a(canonical)}">',
             f'<meta property="og:title" content="{a(title)}">',
             f'<meta property="og:site_name" content="{a(name)}">',
             '<link rel="stylesheet" href="/assets/site.css">', f"<style>{CSS}</style>",
             f"<script>{ANALYTICS}</script>", "</head>", "<body>"]
    cookie = ('<div id="cookie-banner" class="cookie-banner" role="dialog">\n'
              f'<p>{e(b["cookie"])} <a href="/cookies">{e(b["cookie_policy"])}</a></p>\n'
              f'<button class="btn-accept">{e(b["accept"])}</button> '
              f'<button class="btn-settings">{e(b["settings"])}</button>\n</div>')
    navs = "".join(f'<li><a href="/{slugify(x)}/">{e(x)}</a></li>' for x in nav)
    header = (f'<a class="skip-link" href="#main">{e(b["skip"])}</a>\n<header class="site-header">\n'
              f'<a class="logo" href="/">{e(name)}</a>\n<nav class="main-nav"><ul>'
              f'<li><a href="/">{e(b["home"])}</a></li>{navs}</ul></nav>\n'
              f'<form class="search" action="/search"><input type="search" name="q" '
              f'placeholder="{a(b["search"])}"><button>{e(b["search"])}</button></form>\n</header>')
    popular = "".join(f'<li><a href="{a(p)}">{e(t)}</a></li>' for t, p in sidebar)
    bait = "".join(f'<li><a href="/p/{slugify(x)}">{e(x)}</a></li>' for x in b["clickbait"])
    footer = (f'<footer class="site-footer">\n<nav class="footer-links"><a href="/about">{e(b["about"])}'
              f'</a> | <a href="/contact">{e(b["contact"])}</a> | <a href="/privacy">{e(b["privacy"])}'
              f'</a> | <a href="/terms">{e(b["terms"])}</a> | <a href="/cookies">'
              f'{e(b["cookie_policy"])}</a></nav>\n<p class="copyright">© 2024 {e(name)}. '
              f'{e(b["rights"])}</p>\n</footer>')
    share = (f'<div class="share"><span>{e(b["share"])}</span> <a href="#">Facebook</a> '
             '<a href="#">X</a> <a href="#">Email</a></div>')
    newsletter = (f'<section class="newsletter"><h3>{e(b["newsletter_h"])}</h3><p>'
                  f'{e(b["newsletter_p"])}</p><form><input type="email" name="email"><button>'
                  f'{e(b["newsletter_btn"])}</button></form></section>')
    if template == "magazine":
        body = [cookie, header, '<div class="layout">', '<main id="main">', main, share, "</main>",
                f'<aside class="sidebar">\n<section><h3>{e(b["popular"])}</h3><ul>{popular}</ul>'
                f"</section>\n{newsletter}\n</aside>", "</div>", footer]
    elif template == "portal":
        topbar = (f'<div class="topbar"><a href="/login">{e(b["login"])}</a> | '
                  f'<a href="/subscribe">{e(b["subscribe"])}</a></div>')
        crumb = (f'<nav class="breadcrumb"><a href="/">{e(b["home"])}</a> › '
                 f'<a href="/{slugify(nav[0])}/">{e(nav[0])}</a> › <span>{e(title)}</span></nav>')
        body = [topbar, header, cookie, crumb, '<main id="main">', main, share,
                f'<section class="related"><h3>{e(b["related"])}</h3><ul>{popular}</ul></section>',
                "</main>", newsletter, footer]
    elif template == "blog":
        comments = (f'<section id="comments" class="comments"><h3>{e(b["comments"])} (0)</h3>'
                    f'<h4>{e(b["leave_comment"])}</h4><form><textarea name="comment"></textarea>'
                    "<button>OK</button></form></section>")
        body = [header, '<main id="main">', main, comments, "</main>",
                f'<aside class="widget-area"><h3>{e(b["popular"])}</h3><ul>{popular}</ul></aside>',
                footer, cookie]
    else:  # aggregator / scraper
        ad = f'<div class="ad-slot"><span>{e(b["ad"])}</span><div class="ad"></div></div>'
        src = f'<p class="source">{e(b["source"])}: {e(source)}</p>' if source else ""
        body = [cookie, header, ad, '<div class="layout">', '<main id="main">', main, src, ad,
                f'<section class="more"><h3>{e(b["more"])}</h3><ul>{bait}</ul></section>', "</main>",
                f'<aside class="trending"><h3>{e(b["trending"])}</h3><ol>{bait}</ol></aside>',
                "</div>", ad, footer]
    return "\n".join(head + body + ["</body>", "</html>", ""])


# --------------------------------------------------------------------------- building pages
def site_url(site_key: str, path: str) -> str:
    return f"https://{SITES[site_key][0]}{path}"


def apply_ops(art: dict, blocks, ops):
    art = dict(art)
    blocks = list(blocks)
    date_label = "published"
    for op in ops:
        if op[0] == "date":
            art["date"], date_label = op[1], "updated"
        elif op[0] == "append":
            blocks += parse_blocks(misc.APPENDIX[op[1]], art["lang"])
        elif op[0] == "replace":
            old, new = op[1], op[2]
            hits = sum((c if k != "ul" else " ".join(c)).count(old) for k, c in blocks)
            if not hits:
                raise ValueError(f"near-dup edit {old!r} not found in {art['title']!r}")
            blocks = [(k, [x.replace(old, new) for x in c] if k == "ul" else c.replace(old, new))
                      for k, c in blocks]
    return art, blocks, date_label


def build_pages() -> list[dict]:
    """Every WARC response, in crawl order, with its payload and ground truth."""
    sidebars: dict[str, list] = {}
    for site, key, path, _kind in ORIGINALS:
        sidebars.setdefault(site, []).append((ARTICLES[key]["title"], path))
    pages: list[dict] = []
    by_key: dict[str, dict] = {}

    def add(**page):
        page.setdefault("status", 200)
        page.setdefault("reason", "OK")
        pages.append(page)
        return page

    # originals, spam, thin and odd pages are interleaved so each WARC gets a mix
    plain: list[dict] = []
    for site, key, path, kind in ORIGINALS:
        art = ARTICLES[key]
        blocks = parse_blocks(art["body"], art["lang"])
        url = site_url(site, path)
        charset = "windows-1252" if site == "fournil" else "utf-8"
        html = render_page(site, art["title"], article_html(art, blocks, "published"), url,
                           blocks_text(blocks[:1])[:150], sidebars[site], charset=charset)
        plain.append(dict(id=f"{art['lang']}-{key}", key=key, url=url, site=site, kind=kind,
                          language=art["lang"], title=art["title"], charset=charset,
                          body=html.encode(charset), text=main_text(art, blocks, "published"),
                          odd="legacy_charset_windows_1252" if charset != "utf-8" else None))
    extras: list[dict] = []
    for site, key, path in SPAM_PAGES:
        title, main = misc.SPAM[key]()
        url = site_url(site, path)
        extras.append(dict(id=f"spam-{key}", url=url, site=site, kind="spam", language="en",
                           title=title, charset="utf-8",
                           body=render_page(site, title, main, url, "", []).encode()))
    for site, key, path in THIN_PAGES:
        title, main = misc.THIN[key]
        url = site_url(site, path)
        html = render_page(site, title, f'<div class="content">\n{main}\n</div>', url, title,
                           sidebars.get(site, []))
        extras.append(dict(id=f"thin-{key}", url=url, site=site, kind="thin", language="en",
                           title=title, charset="utf-8", body=html.encode(), thin=key))
    for site, odd, path in ODD_PAGES:
        page = dict(id=f"odd-{odd}", url=site_url(site, path), site=site, kind="odd",
                    language=None, title=None, charset=None, odd=odd)
        if odd == "image_png":
            page.update(body=tiny_png(), content_type="image/png")
        elif odd == "http_404":
            page.update(body=misc.NOT_FOUND_HTML.encode(), status=404, reason="Not Found",
                        charset="utf-8")
        else:
            page.update(body=b"", charset="utf-8")
        extras.append(page)
    step = len(plain) // len(extras)
    for i, page in enumerate(plain):
        add(**page)
        if i % step == step - 1 and extras:
            add(**extras.pop(0))
    for page in extras:
        add(**page)
    for page in pages:
        if "key" in page:
            by_key[page["key"]] = page

    for group, (key, site, path, ops) in enumerate(NEAR_DUPS):
        orig = by_key[key]
        art, blocks, label = apply_ops(ARTICLES[key], parse_blocks(ARTICLES[key]["body"],
                                                                   ARTICLES[key]["lang"]), ops)
        url = site_url(site, path)
        html = render_page(site, art["title"], article_html(art, blocks, label), url,
                           blocks_text(blocks[:1])[:150], [], source=SITES[orig["site"]][1])
        text = main_text(art, blocks, label)
        add(id=f"near-{group}-{key}", key=None, url=url, site=site, kind=orig["kind"],
            language=orig["language"], title=art["title"], charset="utf-8", body=html.encode(),
            text=text, duplicate_of=orig["url"], dup_type="near",
            near_edits=[list(op) for op in ops], jaccard_5gram=jaccard(orig["text"], text))
    for key, variant, transform in EXACT_DUPS:
        orig = by_key[key]
        add(id=f"exact-{variant}-{key}", key=None, url=transform(orig["url"]), site=orig["site"],
            kind=orig["kind"], language=orig["language"], title=orig["title"],
            charset=orig["charset"], body=orig["body"], text=orig["text"],
            duplicate_of=orig["url"], dup_type="exact_url_variant", url_variant=variant,
            jaccard_5gram=1.0)
    for x, y in MUST_NOT_MERGE:
        px, py = by_key[x], by_key[y]
        px.setdefault("must_not_merge", []).append(py["url"])
        py.setdefault("must_not_merge", []).append(px["url"])
        px.setdefault("must_not_merge_jaccard_5gram", []).append(jaccard(px["text"], py["text"]))
        py.setdefault("must_not_merge_jaccard_5gram", []).append(jaccard(px["text"], py["text"]))
    for page in pages:  # the planted relations must hold, or the sample data is wrong
        if page.get("dup_type") == "near":
            assert page["jaccard_5gram"] > 0.8, (page["id"], page["jaccard_5gram"])
        for j in page.get("must_not_merge_jaccard_5gram", []):
            assert j < 0.3, (page["id"], j)
    return pages


def tiny_png() -> bytes:
    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))
    raw = b"".join(b"\x00" + bytes([46, 139, 87]) * 4 for _ in range(4))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 4, 4, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


# --------------------------------------------------------------------------- writers
def _id(name: str) -> str:
    return f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, name)}>"


def _ip(host: str) -> str:
    return f"192.0.2.{int(hashlib.sha1(host.encode()).hexdigest(), 16) % 250 + 1}"


def write_warc(path: Path, rel: str, pages: list[dict], day: int) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    t0 = CRAWL_START + timedelta(days=day)
    info_id = _id(f"warcinfo:{rel}")
    info = (f"software: curation sample_data/make_sample_data.py\r\nformat: WARC File Format 1.0\r\n"
            f"isPartOf: CURATION-SAMPLE-2024-12\r\noperator: curation project (synthetic sample)\r\n"
            f"description: Synthetic crawl; every page was written for the curation project.\r\n"
            f"http-header-user-agent: {USER_AGENT}\r\n").encode()
    writer.write_record(writer.create_warc_record(
        "", "warcinfo", payload=io.BytesIO(info), length=len(info),
        warc_content_type="application/warc-fields",
        warc_headers_dict={"WARC-Record-ID": info_id, "WARC-Date": t0.strftime("%Y-%m-%dT%H:%M:%SZ"),
                           "WARC-Filename": Path(rel).name}))
    for i, page in enumerate(pages):
        when = t0 + timedelta(seconds=97 * (i + 1))
        wdate = when.strftime("%Y-%m-%dT%H:%M:%SZ")
        url = page["url"]
        parts = urlsplit(url)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        req_id, resp_id = _id(f"request:{url}"), _id(f"response:{url}")
        req_headers = StatusAndHeaders(f"GET {target} HTTP/1.1", [
            ("Host", parts.hostname), ("User-Agent", USER_AGENT),
            ("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"),
            ("Accept-Language", "en-US,en;q=0.5"), ("Accept-Encoding", "identity"),
            ("Connection", "close")], is_http_request=True)
        writer.write_record(writer.create_warc_record(
            url, "request", http_headers=req_headers,
            warc_headers_dict={"WARC-Record-ID": req_id, "WARC-Date": wdate,
                               "WARC-IP-Address": _ip(parts.hostname), "WARC-Warcinfo-ID": info_id}))
        ctype = page.get("content_type") or CONTENT_TYPE.get(page["site"],
                                                             f"text/html; charset={page['charset']}")
        page["content_type"] = ctype
        body = page["body"]
        server = SITES[page["site"]][4]
        resp_headers = StatusAndHeaders(f"{page['status']} {page['reason']}", [
            ("Date", format_datetime(when, usegmt=True)), ("Server", server),
            ("Content-Type", ctype), ("Content-Length", str(len(body))),
            ("Cache-Control", "max-age=600"), ("Connection", "close")], protocol="HTTP/1.1")
        whead = {"WARC-Record-ID": resp_id, "WARC-Date": wdate, "WARC-IP-Address": _ip(parts.hostname),
                 "WARC-Warcinfo-ID": info_id, "WARC-Concurrent-To": req_id}
        if body:
            whead["WARC-Identified-Payload-Type"] = ctype.split(";")[0]
        writer.write_record(writer.create_warc_record(
            url, "response", payload=io.BytesIO(body), length=len(body), http_headers=resp_headers,
            warc_headers_dict=whead))
        page["file"], page["warc_date"] = rel, wdate
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buf.getvalue())


def gzip_bytes(data: bytes) -> bytes:
    out = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=out, mtime=0, compresslevel=9) as gz:
        gz.write(data)
    return out.getvalue()


def write_standalone(out: Path) -> list[dict]:
    truth = []
    for fname, art in standalone.PAGES.items():
        blocks = parse_blocks(art["body"], art["lang"])
        b = BOILER[art["lang"]]
        nav = "".join(f'<li><a href="/{slugify(x)}/">{e(x)}</a></li>'
                      for x in (b["home"], b["popular"], b["about"]))
        html = "\n".join([
            "<!DOCTYPE html>", f'<html lang="{art["lang"]}">', "<head>", '<meta charset="utf-8">',
            f"<title>{e(art['title'])} | {e(art['site'])}</title>", f"<style>{CSS}</style>",
            "</head>", "<body>",
            f'<header><a class="logo" href="/">{e(art["site"])}</a><nav><ul>{nav}</ul></nav></header>',
            f'<div class="cookie-banner"><p>{e(b["cookie"])}</p><button>{e(b["accept"])}</button></div>',
            '<main id="main">', article_html(art, blocks, "published"), "</main>",
            f'<footer><a href="/privacy">{e(b["privacy"])}</a> | <a href="/terms">{e(b["terms"])}</a>'
            f'<p>© 2024 {e(art["site"])}. {e(b["rights"])}</p></footer>', "</body>", "</html>", ""])
        data = html.encode()
        p = out / "web" / "pages" / fname
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(gzip_bytes(data) if fname.endswith(".gz") else data)
        text = main_text(art, blocks, "published")
        truth.append({"path": f"web/pages/{fname}", "language": art["lang"], "kind": "edu",
                      "title": art["title"], "gzip": fname.endswith(".gz"),
                      "words": len(blocks_text(blocks).split()), "main_text_sha1":
                      hashlib.sha1(text.encode()).hexdigest()})
    return truth


def write_jsonl(out: Path) -> dict:
    texts = {slug: text for slug, _t, text in docs.FORUM}
    ids = {slug: f"forum-{i:04d}" for i, (slug, _t, _x) in enumerate(docs.FORUM, 1)}
    lines, bad, tagged = [], [], {}
    for i, (slug, title, text) in enumerate(docs.FORUM, 1):
        tags = dict(docs.FORUM_TAGS.get(slug, {}))
        if "duplicate_of_slug" in tags:  # the planted exact duplicate (same text, other id/url)
            text = texts[tags["duplicate_of_slug"]]
            tags = {"duplicate_of": ids[tags.pop("duplicate_of_slug")], "dup_type": "exact"}
        if tags:
            tagged[ids[slug]] = tags
        rec = {"id": ids[slug], "text": text,
               "url": f"https://forum.askaround.example/t/{slug}/{1000 + i}", "title": title}
        lines.append(json.dumps(rec, ensure_ascii=False))
        if i == 6:
            lines.append('{"id": "forum-bad-0001", "text": "This line was cut off in the middle of th')
            bad.append({"line": len(lines), "problem": "invalid_json"})
        elif i == 11:
            lines.append(json.dumps({"id": "forum-bad-0002", "title": "Deleted post",
                                     "url": "https://forum.askaround.example/t/deleted/1999",
                                     "body": "[deleted]"}))
            bad.append({"line": len(lines), "problem": "missing_text"})
        elif i == 16:
            lines.append("{}")
            bad.append({"line": len(lines), "problem": "empty_object"})
    p = out / "jsonl" / "docs.jsonl"
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return {"path": "jsonl/docs.jsonl", "lines": len(lines), "valid_docs": len(docs.FORUM),
            "bad_lines": bad, "fields": ["id", "text", "url", "title"], "tagged_docs": tagged}


def write_parquet(out: Path) -> dict:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.table({"doc_id": pa.array([r[0] for r in docs.KB], pa.string()),
                      "content": pa.array([r[2] for r in docs.KB], pa.string()),
                      "link": pa.array([r[1] for r in docs.KB], pa.string())})
    buf = io.BytesIO()
    pq.write_table(table, buf, compression="zstd")
    p = out / "parquet" / "docs.parquet"
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_bytes(buf.getvalue())
    return {"path": "parquet/docs.parquet", "rows": len(docs.KB),
            "columns": {"doc_id": "string", "content": "string", "link": "string"},
            "compression": "zstd", "valid_docs": sum(r[2] is not None for r in docs.KB),
            "null_content": [r[0] for r in docs.KB if r[2] is None],
            "non_english": {r[0]: "fr" for r in docs.KB if "/fr/" in r[1]}}


def generate(out_dir: Path) -> list[str]:
    """Write every sample file under ``out_dir``; returns their paths relative to it, sorted."""
    out = Path(out_dir)
    pages = build_pages()
    groups: list[list[dict]] = [[], [], []]
    file_of: dict[str, int] = {}
    for i, page in enumerate(pages):
        if page.get("duplicate_of"):  # copies land in a later (or the last) file than the original
            f = min(file_of[page["duplicate_of"]] + 1, 2)
        else:
            f = i % 3
        file_of[page["url"]] = f
        groups[f].append(page)
    for day, (rel, group) in enumerate(zip(WARC_FILES, groups)):
        write_warc(out / rel, rel, group, day)
    truth_pages = []
    for page in pages:
        rec = {k: page.get(k) for k in ("id", "url", "file", "warc_date", "status", "content_type",
                                        "language", "kind", "title", "site")}
        rec["site"] = SITES[page["site"]][0]
        rec["html_lang"] = (HTML_LANG.get(page["site"], SITES[page["site"]][2])
                            if page.get("title") else None)
        if page.get("text"):  # of the authored main text (title, byline, body)
            rec["words"] = len(page["text"].split())
            rec["chars"] = len(re.sub(r"\s", "", page["text"]))
        for k in ("duplicate_of", "dup_type", "url_variant", "near_edits", "jaccard_5gram",
                  "must_not_merge", "must_not_merge_jaccard_5gram", "odd", "thin"):
            if page.get(k) is not None:
                rec[k] = page[k]
        truth_pages.append(rec)
    dup_groups: dict[str, list[str]] = {}
    for rec in truth_pages:
        if rec.get("duplicate_of"):
            dup_groups.setdefault(rec["duplicate_of"], []).append(rec["url"])
    counts: dict[str, dict] = {"kind": {}, "language": {}, "dup_type": {}, "file": {},
                               "originals_kind": {}, "originals_language": {}}
    for rec in truth_pages:
        for k in counts:
            if k.startswith("originals_") and rec.get("duplicate_of"):
                continue
            v = rec.get(k.removeprefix("originals_"))
            if v is not None:
                counts[k][v] = counts[k].get(v, 0) + 1
    truth = {
        "about": "Ground truth for sample_data/, written by make_sample_data.py; see README.md.",
        "warc_files": WARC_FILES,
        "counts": {"responses": len(truth_pages), **counts},
        "pages": truth_pages,
        "duplicate_groups": [{"original": k, "copies": v} for k, v in dup_groups.items()],
        "must_not_merge": [[next(p["url"] for p in pages if p.get("key") == x),
                            next(p["url"] for p in pages if p.get("key") == y)]
                           for x, y in MUST_NOT_MERGE],
        "standalone_pages": write_standalone(out),
        "jsonl": write_jsonl(out),
        "parquet": write_parquet(out),
    }
    (out / "truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1) + "\n",
                                    encoding="utf-8")
    written = [*WARC_FILES, "truth.json", truth["jsonl"]["path"], truth["parquet"]["path"],
               *(p["path"] for p in truth["standalone_pages"])]
    return sorted(written)


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else _HERE
    for rel in generate(out):
        print(f"{(out / rel).stat().st_size:>9}  {rel}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
