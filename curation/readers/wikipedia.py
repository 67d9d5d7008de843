"""A MediaWiki ``pages-articles`` XML dump (usually .xml.bz2) -> one Document per article.

Streamed through ``xml_safe`` (expat, no DTD, entity declarations refused), one page in memory at a
time, so a full dump needs no more memory than its largest page. Only the namespaces in
``namespaces`` (articles, 0, by default) are kept; redirects (a ``<redirect>`` element or
``#REDIRECT`` text) and, unless ``keep_disambiguation``, disambiguation pages are passed over and
counted (``redirects``, ``other_namespace``, ``disambiguation`` stats: they are not bad input).
Wikitext becomes prose in ``curation.academic.wikitext``; the title is the first line unless
``include_title`` is off. With a history dump the last revision of each page is the one read.
A compressed dump cut short is a ``truncated`` skip, the pages before the cut are kept.
"""

from __future__ import annotations

import posixpath
import re
from urllib.parse import quote

from datatrove.data import Document

from curation.academic.wikitext import DROP_SECTIONS, is_disambiguation, is_redirect, wikitext_to_text
from curation.academic.xml_safe import MAX_TEXT, XmlProblem, iter_xml
from curation.core.step import CurationStep
from curation.readers._common import file_label, open_input

_KEEP_TEXT = ("dbname", "base", "namespace", "title", "ns", "id", "timestamp", "text")
#: Namespaces whose links are not prose: Media (-2), File (6), Category (14).
_LINK_NS_KEYS = frozenset({"-2", "6", "14"})
_DBNAME = re.compile(r"^([a-z][a-z0-9_]*?wiki[a-z]*)\b", re.I)


def _dbname_from_file(path: str) -> str:
    """"enwiki" from "enwiki-20240101-pages-articles.xml.bz2"; the name's first word otherwise."""
    name = posixpath.basename(path.rstrip("/"))
    m = _DBNAME.match(name)
    return m.group(1).lower() if m else re.split(r"[-.]", name, maxsplit=1)[0].lower() or "wiki"


def _int(value: str | None) -> int | None:
    try:
        return int(value.strip()) if value is not None else None
    except ValueError:
        return None


class WikipediaReader(CurationStep):
    """Reads one MediaWiki XML dump; a page that cannot be used is counted, never fatal."""

    name = "wikipedia reader"
    type = "reader"

    def __init__(self, path: str, source: str = "wikipedia", rel_path: str | None = None,
                 namespaces: list[int] | tuple[int, ...] = (0,), keep_disambiguation: bool = False,
                 include_title: bool = True, drop_sections: list[str] | None = None,
                 license: str = "CC BY-SA 4.0", max_page_chars: int = MAX_TEXT):  # noqa: A002 - option name
        super().__init__()
        self.path, self.source, self.license = path, source, license
        self.file = file_label(path, rel_path)
        self.namespaces = frozenset(int(n) for n in namespaces)
        self.keep_disambiguation, self.include_title = keep_disambiguation, include_title
        self.drop_sections = DROP_SECTIONS if drop_sections is None else frozenset(s.lower() for s in drop_sections)
        self.max_page_chars = max_page_chars

    def run(self, data=None, rank: int = 0, world_size: int = 1):
        if data:
            yield from data
        f = open_input(self)
        if f is None:
            return
        site = {"dbname": None, "base": None, "link_ns": set()}
        with f:
            try:
                for page in self._pages(f, site):
                    doc = self._document(page, site)
                    if doc is not None:
                        self.stat_update("documents")
                        self.update_doc_stats(doc)
                        yield doc
            except XmlProblem as p:
                self.skip(f"{self.file}:{p.line}", p.reason, p.detail)

    def _pages(self, f, site: dict):
        """Each ``<page>`` as a dict (title, ns, id, redirect, rev_id, timestamp, text, line)."""
        stack: list[str] = []
        page: dict | None = None
        ns_key = None
        for kind, name, payload, line in iter_xml(f, keep_text=_KEEP_TEXT, max_text=self.max_page_chars):
            if kind == "start":
                stack.append(name)
                if name == "namespace":
                    ns_key = (payload or {}).get("key")
                elif name == "page":
                    page = {"line": line}
                elif name == "redirect" and page is not None:
                    page["redirect"] = payload.get("title", "")
                continue
            stack.pop()
            parent = stack[-1] if stack else None
            if parent == "siteinfo" and name in ("dbname", "base"):
                site[name] = (payload or "").strip()
            elif parent == "namespaces" and name == "namespace" and ns_key in _LINK_NS_KEYS and payload:
                site["link_ns"].add(payload.strip().lower())  # the wiki's own name: "Категория", "Файл"
            elif page is None:
                continue
            elif name == "page":
                yield page
                page = None
            elif parent == "page" and name in ("title", "ns", "id"):
                page[name] = payload
            elif parent == "revision" and name in ("id", "timestamp", "text"):
                page[name if name != "id" else "rev_id"] = payload
                page["oversized"] = page.get("oversized", False) or payload is None

    def _document(self, page: dict, site: dict) -> Document | None:
        page_id, title = _int(page.get("id")), (page.get("title") or "").strip()
        where = f"{self.file}@page {page_id}" if page_id is not None else f"{self.file}:{page.get('line')}"
        if page_id is None or not title:
            self.skip(where, "missing_field", "a page without a numeric <id> or a <title>")
            return None
        ns = _int(page.get("ns")) or 0
        if ns not in self.namespaces:
            self.stat_update("other_namespace")
            return None
        if page.get("oversized"):
            self.skip(where, "too_large", f"page text over {self.max_page_chars} characters")
            return None
        wikitext = page.get("text") or ""
        if "redirect" in page or is_redirect(wikitext):
            self.stat_update("redirects")
            return None
        if not self.keep_disambiguation and is_disambiguation(wikitext):
            self.stat_update("disambiguation")
            return None
        body = wikitext_to_text(wikitext, self.drop_sections, frozenset(site["link_ns"]))
        if not body:
            self.skip(where, "empty", "no prose left once the markup is removed")
            return None
        dbname = site["dbname"] or _dbname_from_file(self.path)
        base = site["base"]
        url = None
        if base and "/" in base:
            url = base.rsplit("/", 1)[0] + "/" + quote(title.replace(" ", "_"), safe="_-.~!*'(),:;@$&+=/")
        return Document(
            text=f"{title}\n\n{body}" if self.include_title else body,
            id=f"wikipedia:{dbname}:{page_id}",
            metadata={"url": url, "source": self.source, "file": self.file, "license": self.license,
                      "title": title, "page_id": page_id, "namespace": ns, "dbname": dbname,
                      "revision_id": _int(page.get("rev_id")), "timestamp": page.get("timestamp")},
        )
