"""Documents for the reference route: small, simple loaders per kind of file.

Each loader yields ``(where, text)``; ``load_source`` applies the source's chunking, minimum length and
``max_docs`` sample, and counts every dropped document in a ``DropReport``.

Kinds (``ReferenceSource.kind``): every kind but ``records`` and ``text`` is read by the pipeline's own
reader of that format (``curation.readers``, with its defaults and its guards: ``xml_safe`` for XML
dumps, size limits, bad records counted as ``reader_<reason>``), so a classifier is trained on the
text a run would score:

``records``        JSONL / parquet rows, the text in ``text_field``
``warc``           WARC/ARC files: ``WarcReader`` + ``extract_main_text`` (trafilatura, our options)
``html``           saved pages (``.html``, ``.htm``, optionally ``.gz``): ``HtmlReader`` + extraction
``arxiv``          arXiv metadata JSONL (Kaggle snapshot format): ``ArxivMetadataReader``, title + abstract
``stackexchange``  a StackExchange dump ``Posts.xml``: ``StackExchangeReader``, one document per question
                   (title, body, then its best answers)
``mediawiki``      a MediaWiki XML dump (``.xml`` or ``.xml.bz2``): ``WikipediaReader``, main-namespace
                   articles, no redirects or disambiguation pages
``gutenberg``      Project Gutenberg ``.txt`` books: ``GutenbergReader``, the book without header, footer
                   and licence; a file with neither marker is dropped (``no_gutenberg_markers``)
``text``           plain text files, one document each
"""

from __future__ import annotations

import os
import re
from collections import Counter
from typing import Any, Iterator

import fsspec

from curation.classify.data import DropReport, check_text, expand_paths, file_digest, iter_records, sample_indices
from curation.classify.recipe import ReferenceSource
from curation.core.step import CurationStep
from curation.readers import READERS

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


#: What a reader passes over without it being bad input (a redirect is not an article); counted too.
_PASSED_OVER = ("redirects", "other_namespace", "disambiguation", "not_in_categories", "other_post_types")


def _skips(reader: CurationStep, report: DropReport) -> None:
    """The reader's skipped records into ``report`` as ``reader_<reason>``: its examples, then the
    rest of its exact counts (a reader keeps a bounded number of examples), then what it passed over."""
    shown = Counter()
    for bad in reader.bad_records:
        report.add(f"reader_{bad['reason']}", bad["where"], bad.get("detail", ""))
        shown[bad["reason"]] += 1
    for key, stat in reader.stats.stats.items():
        if key.startswith("skipped_"):
            reason = key.removeprefix("skipped_")
            report.counts[f"reader_{reason}"] += int(stat.total) - shown[reason]
        elif key in _PASSED_OVER:
            report.counts[f"reader_{key}"] += int(stat.total)


def _where(doc) -> str:
    meta = doc.metadata
    return f"{meta.get('file')}@{meta.get('offset')}" if "offset" in meta else f"{meta.get('file')}#{doc.id}"


def _extracted(reader, report: DropReport) -> Iterator[tuple[str, Any]]:
    from curation.extract.html_to_text import extract_main_text

    for doc in reader.run():
        where = _where(doc)
        try:
            text = extract_main_text(doc.text, doc.metadata.get("url"))
        except Exception as e:  # noqa: BLE001 - a page that breaks the extractor is one dropped page
            report.add("extract_crash", where, f"{type(e).__name__}: {e}")
            continue
        if not text.strip():
            report.add("empty_extraction", where)
            continue
        yield where, text
    _skips(reader, report)


def _warc(path: str, src: ReferenceSource, report: DropReport):
    from curation.readers.warc import WarcReader

    yield from _extracted(WarcReader(path), report)


def _html(path: str, src: ReferenceSource, report: DropReport):
    from curation.readers.html import HtmlReader

    yield from _extracted(HtmlReader(path), report)


#: Kinds read by the pipeline's own reader of that format (``curation.readers``), with its defaults.
_READER_FORMATS = {"arxiv": "arxiv", "stackexchange": "stackexchange", "mediawiki": "wikipedia",
                   "gutenberg": "gutenberg"}


def _read(path: str, src: ReferenceSource, report: DropReport) -> Iterator[tuple[str, Any]]:
    """Documents of the pipeline's reader for ``src.kind``: the texts a run would read from the file."""
    reader = READERS[_READER_FORMATS[src.kind]](path)
    for doc in reader.run():
        if src.kind == "gutenberg" and not (doc.metadata.get("start_marker") or doc.metadata.get("end_marker")):
            report.add("no_gutenberg_markers", _where(doc))  # licence text and all: not reference prose
            continue
        yield _where(doc), doc.text
    _skips(reader, report)


def _read_text(path: str) -> str:
    with fsspec.open(path, "rb", compression="infer") as f:
        raw = f.read()
    return raw.decode("utf-8-sig", errors="replace")


def _text(path: str, src: ReferenceSource, report: DropReport):
    yield os.path.basename(path), _read_text(path)


_LOADERS = {"records": _records, "warc": _warc, "html": _html, "arxiv": _read, "stackexchange": _read,
            "mediawiki": _read, "gutenberg": _read, "text": _text}


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
