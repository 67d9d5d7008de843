"""Documents for the reference route: small, simple loaders per kind of file.

Each loader yields ``(where, text)``; ``load_source`` applies the source's chunking, minimum length and
``max_docs`` sample, and counts every dropped document in a ``DropReport``.

Kinds (``ReferenceSource.kind``):

``records``        JSONL / parquet rows, the text in ``text_field``
``warc``           WARC/ARC files: our ``WarcReader`` + ``extract_main_text`` (trafilatura, our options)
``html``           saved pages (``.html``, ``.htm``, optionally ``.gz``): ``HtmlReader`` + extraction
``arxiv``          arXiv metadata JSONL (Kaggle snapshot format): title + abstract
``stackexchange``  a StackExchange dump ``Posts.xml``: one document per question (title, body, then its
                   answers by score), HTML bodies turned into plain text
``mediawiki``      a MediaWiki XML dump (``.xml`` or ``.xml.bz2``): main-namespace articles, no redirects,
                   wiki markup stripped by a few rules (templates, tables, refs, files, links, emphasis)
``gutenberg``      Project Gutenberg ``.txt`` books: the text between the START and END markers
``text``           plain text files, one document each

These are deliberately small: the proper academic readers (LaTeX, dumps at scale) are another
component; here they only need to give a classifier clean reference prose.
"""

from __future__ import annotations

import html as htmllib
import os
import re
from typing import Any, Iterator

import fsspec

from curation.classify.data import DropReport, check_text, expand_paths, file_digest, iter_records, sample_indices
from curation.classify.recipe import ReferenceSource

_SUFFIXES: dict[str, tuple[str, ...] | None] = {
    "records": (".jsonl", ".json", ".ndjson", ".parquet", ".pq", ".jsonl.gz", ".jsonl.zst", ".json.gz"),
    "warc": (".warc", ".warc.gz", ".arc", ".arc.gz"),
    "html": (".html", ".htm", ".html.gz", ".htm.gz"),
    "arxiv": (".jsonl", ".json", ".jsonl.gz"),
    "stackexchange": ("posts.xml",),
    "mediawiki": (".xml", ".xml.bz2", ".xml.gz"),
    "gutenberg": (".txt",),
    "text": (".txt", ".md"),
}


# ---------------------------------------------------------------------------------------------
# Per-kind loaders: (where, text)
# ---------------------------------------------------------------------------------------------


def _records(path: str, src: ReferenceSource, report: DropReport) -> Iterator[tuple[str, Any]]:
    for where, rec in iter_records(path, src.format, (src.text_field,), report):
        yield where, rec.get(src.text_field)


def _extracted(reader, report: DropReport) -> Iterator[tuple[str, Any]]:
    from curation.extract.html_to_text import extract_main_text

    for doc in reader.run():
        meta = doc.metadata
        where = f"{meta.get('file')}@{meta.get('offset')}" if "offset" in meta else str(meta.get("file"))
        try:
            text = extract_main_text(doc.text, meta.get("url"))
        except Exception as e:  # noqa: BLE001 - a page that breaks the extractor is one dropped page
            report.add("extract_crash", where, f"{type(e).__name__}: {e}")
            continue
        if not text.strip():
            report.add("empty_extraction", where)
            continue
        yield where, text
    for bad in reader.bad_records:
        report.add(f"reader_{bad['reason']}", bad["where"], bad.get("detail", ""))


def _warc(path: str, src: ReferenceSource, report: DropReport):
    from curation.readers.warc import WarcReader

    yield from _extracted(WarcReader(path), report)


def _html(path: str, src: ReferenceSource, report: DropReport):
    from curation.readers.html import HtmlReader

    yield from _extracted(HtmlReader(path), report)


_WS = re.compile(r"\s+")


def _arxiv(path: str, src: ReferenceSource, report: DropReport):
    for where, rec in iter_records(path, "jsonl", None, report):
        abstract = rec.get("abstract")
        if not isinstance(abstract, str) or not abstract.strip():
            report.add("missing_text", where, "no abstract")
            continue
        title = _WS.sub(" ", str(rec.get("title") or "")).strip()
        body = "\n".join(_WS.sub(" ", p).strip() for p in re.split(r"\n\s*\n", abstract.strip()))
        yield where, f"{title}\n\n{body}" if title else body


_BLOCK_TAGS = re.compile(r"</?(?:p|pre|li|ul|ol|h[1-6]|blockquote|br|div|tr|table|hr)\b[^>]*>", re.I)
_TAGS = re.compile(r"<[^>]+>")
_BLANKS = re.compile(r"\n[ \t]*(?:\n[ \t]*)+")


def html_fragment_to_text(fragment: str) -> str:
    """Plain text of a small HTML fragment (a StackExchange body): block tags become line breaks."""
    text = _BLOCK_TAGS.sub("\n", fragment)
    text = htmllib.unescape(_TAGS.sub("", text))
    text = "\n".join(line.strip() for line in text.splitlines())
    return _BLANKS.sub("\n\n", text).strip()


def _stackexchange(path: str, src: ReferenceSource, report: DropReport):
    import xml.etree.ElementTree as ET

    questions: dict[str, dict[str, Any]] = {}
    answers: dict[str, list[tuple[int, int, str]]] = {}
    label = os.path.basename(path)
    with fsspec.open(path, "rb", compression="infer") as f:
        try:
            for _, el in ET.iterparse(f, events=("end",)):
                if el.tag != "row":
                    continue
                a = el.attrib
                kind, pid = a.get("PostTypeId"), a.get("Id", "")
                body = html_fragment_to_text(a.get("Body", ""))
                if kind == "1":
                    questions[pid] = {"title": a.get("Title", "").strip(), "body": body}
                elif kind == "2" and body:
                    answers.setdefault(a.get("ParentId", ""), []).append(
                        (-int(a.get("Score", "0") or 0), int(pid) if pid.isdigit() else 0, body))
                el.clear()
        except ET.ParseError as e:
            report.add("bad_xml", label, str(e))
    for qid in sorted(questions, key=lambda q: int(q) if q.isdigit() else 0):
        q = questions[qid]
        parts = [q["title"], q["body"]] + [body for _, _, body in sorted(answers.get(qid, []))]
        yield f"{label}#{qid}", "\n\n".join(p for p in parts if p)


# --- MediaWiki -------------------------------------------------------------------------------

_COMMENT = re.compile(r"<!--.*?-->", re.S)
_REF = re.compile(r"<ref\b[^>]*/>|<ref\b[^>]*>.*?</ref\s*>", re.S | re.I)
_TEMPLATE = re.compile(r"\{\{[^{}]*\}\}")
_TABLE = re.compile(r"\{\|(?:(?!\{\|).)*?\|\}", re.S)
_LINK = re.compile(r"\[\[([^\[\]]*)\]\]")
_EXTLINK = re.compile(r"\[(?:https?:)?//[^\s\]]+\s*([^\]]*)\]")
_EMPH = re.compile(r"'{2,}")
_HEADING = re.compile(r"^(=+)[ \t]*(.*?)[ \t]*\1[ \t]*$", re.M)
_LIST = re.compile(r"^[*#:;]+[ \t]*", re.M)
_DROP_LINK = re.compile(r"^\s*(?:file|image|category|media|[a-z]{2,3}(?:-[a-z]+)?):", re.I)
_DROP_SECTIONS = re.compile(r"\n(?:See also|References|External links|Further reading|Notes|Bibliography)\n.*", re.S)


def _link(m: re.Match) -> str:
    inner = m.group(1)
    if _DROP_LINK.match(inner):
        return ""
    return inner.rsplit("|", 1)[-1]


def _fixpoint(pattern: re.Pattern, repl, text: str, rounds: int = 10) -> str:
    for _ in range(rounds):
        new = pattern.sub(repl, text)
        if new == text:
            break
        text = new
    return text


def wiki_to_text(markup: str) -> str:
    """Readable prose from wikitext: templates, tables, refs, files and categories removed."""
    t = _COMMENT.sub("", markup)
    t = _REF.sub("", t)
    t = _fixpoint(_TEMPLATE, "", t)
    t = _fixpoint(_TABLE, "", t)
    t = _fixpoint(_LINK, _link, t)
    t = _EXTLINK.sub(r"\1", t)
    t = _EMPH.sub("", t)
    t = _HEADING.sub(r"\2", t)
    t = _TAGS.sub("", t)
    t = htmllib.unescape(t)
    t = _LIST.sub("", t)
    t = "\n".join(line.strip() for line in t.splitlines())
    t = _BLANKS.sub("\n\n", t).strip()
    return _DROP_SECTIONS.sub("", "\n" + t).strip()


def _mediawiki(path: str, src: ReferenceSource, report: DropReport):
    import xml.etree.ElementTree as ET

    label = os.path.basename(path)
    with fsspec.open(path, "rb", compression="infer") as f:
        try:
            for _, el in ET.iterparse(f, events=("end",)):
                if not el.tag.endswith("}page") and el.tag != "page":
                    continue
                ns = prefix = ""
                if el.tag.startswith("{"):
                    prefix = el.tag[: el.tag.index("}") + 1]
                title = el.findtext(f"{prefix}title") or ""
                ns = el.findtext(f"{prefix}ns") or "0"
                text = el.findtext(f"{prefix}revision/{prefix}text") or ""
                redirect = el.find(f"{prefix}redirect") is not None or text.lstrip().upper().startswith("#REDIRECT")
                el.clear()
                where = f"{label}#{title}"
                if ns != "0":
                    report.add("not_an_article", where, f"namespace {ns}")
                    continue
                if redirect:
                    report.add("redirect", where)
                    continue
                body = wiki_to_text(text)
                yield where, f"{title}\n\n{body}" if body else ""
        except ET.ParseError as e:
            report.add("bad_xml", label, str(e))


# --- Gutenberg -------------------------------------------------------------------------------

_PG_START = re.compile(r"\*\*\*\s*START OF (?:THE|THIS) PROJECT GUTENBERG E-?BOOK[^*]*\*\*\*", re.I)
_PG_END = re.compile(r"\*\*\*\s*END OF (?:THE|THIS) PROJECT GUTENBERG E-?BOOK|^End of (?:the )?Project Gutenberg", re.I | re.M)
_PG_OLD_START = re.compile(r"\*END\*THE SMALL PRINT![^\n]*\n")


def strip_gutenberg(text: str) -> str | None:
    """The book between Project Gutenberg's START and END markers; None when there are none."""
    m = _PG_START.search(text) or _PG_OLD_START.search(text)
    if not m:
        return None
    body = text[m.end():]
    end = _PG_END.search(body)
    if end:
        body = body[: end.start()]
    body = body.replace("\r\n", "\n")
    # the producer credit right after the marker is not the book
    body = re.sub(r"^\s*(?:E-text prepared|Produced) by[^\n]*(?:\n[^\n]+)*", "", body, count=1)
    return body.strip()


def _read_text(path: str) -> str:
    with fsspec.open(path, "rb", compression="infer") as f:
        raw = f.read()
    return raw.decode("utf-8-sig", errors="replace")


def _gutenberg(path: str, src: ReferenceSource, report: DropReport):
    label = os.path.basename(path)
    body = strip_gutenberg(_read_text(path))
    if body is None:
        report.add("no_gutenberg_markers", label)
        return
    yield label, body


def _text(path: str, src: ReferenceSource, report: DropReport):
    yield os.path.basename(path), _read_text(path)


_LOADERS = {
    "records": _records, "warc": _warc, "html": _html, "arxiv": _arxiv, "stackexchange": _stackexchange,
    "mediawiki": _mediawiki, "gutenberg": _gutenberg, "text": _text,
}


# ---------------------------------------------------------------------------------------------
# Chunking and one source
# ---------------------------------------------------------------------------------------------


def chunk_text(text: str, chunk_chars: int) -> list[str]:
    """Pieces of about ``chunk_chars`` characters, cut at blank lines (paragraphs) when possible.

    A paragraph longer than ``chunk_chars`` is cut at the last space before the limit. Pieces shorter
    than a quarter of ``chunk_chars`` at the end are merged into the previous piece.
    """
    paragraphs = [p.strip() for p in re.split(r"\n[ \t]*\n", text) if p.strip()]
    pieces: list[str] = []
    cur: list[str] = []
    size = 0
    for p in paragraphs:
        while len(p) > chunk_chars:
            cut = p.rfind(" ", 0, chunk_chars)
            cut = cut if cut > chunk_chars // 2 else chunk_chars
            head, p = p[:cut].strip(), p[cut:].strip()
            if cur:
                pieces.append("\n\n".join(cur))
                cur, size = [], 0
            pieces.append(head)
        cur.append(p)
        size += len(p) + 2
        if size >= chunk_chars:
            pieces.append("\n\n".join(cur))
            cur, size = [], 0
    if cur:
        tail = "\n\n".join(cur)
        if pieces and len(tail) < chunk_chars // 4:
            pieces[-1] = pieces[-1] + "\n\n" + tail
        else:
            pieces.append(tail)
    return pieces


def load_source(src: ReferenceSource, report: DropReport, seed: int, salt: str = "",
                digest: bool = True) -> tuple[list[str], dict[str, Any]]:
    """The texts of one reference source and a description of it for the model card."""
    files = expand_paths(src.paths, _SUFFIXES.get(src.kind))
    texts: list[str] = []
    described = []
    loader = _LOADERS[src.kind]
    for path in files:
        before = len(texts)
        for where, value in loader(path, src, report):
            text, why = check_text(value)
            if why is not None:
                report.add(why, where)
                continue
            pieces = chunk_text(text, src.chunk_chars) if src.chunk_chars else [text]
            for i, piece in enumerate(pieces):
                if len(piece) < src.min_chars:
                    report.add("too_short", f"{where}" + (f"[{i}]" if len(pieces) > 1 else ""), f"{len(piece)} chars")
                    continue
                texts.append(piece)
        entry: dict[str, Any] = {"path": path, "documents": len(texts) - before}
        if digest:
            entry.update(file_digest(path))
        described.append(entry)
    keep = sample_indices(len(texts), src.max_docs, seed, salt)
    sampled = [texts[i] for i in keep]
    info = {"kind": src.kind, "files": described, "documents": len(texts), "used": len(sampled)}
    if src.chunk_chars:
        info["chunk_chars"] = src.chunk_chars
    if src.max_docs is not None:
        info["max_docs"] = src.max_docs
    return sampled, info
