"""One Project Gutenberg plain-text book (``pg84.txt``, ``10026.txt``, optionally compressed) -> one Document.

The header and footer (both the current and the older styles), the licence and the production
credits are removed by ``curation.academic.gutenberg_strip``; title, author, language, release date
and ebook number come from the header (``gutenberg_meta``). A book is read whole (books are MBs, not
GBs; ``max_bytes`` guards against anything else). UTF-8 (with or without BOM) is expected; other
bytes are read as latin-1 and counted (``latin1_fallback``). A file with no marker at all is kept
whole and counted (``no_markers``). Hard-wrapped prose paragraphs become one line each (``unwrap``).
"""

from __future__ import annotations

import zlib

import fsspec
from datatrove.data import Document

from curation.academic.gutenberg_meta import book_metadata
from curation.academic.gutenberg_strip import strip_gutenberg
from curation.core.step import CurationStep
from curation.readers._common import file_label

PUBLIC_DOMAIN = "Public domain in the USA (Project Gutenberg)"


class GutenbergReader(CurationStep):
    """Reads one book; unreadable, cut, oversized or empty files are skipped with a reason."""

    name = "gutenberg reader"
    type = "reader"

    def __init__(self, path: str, source: str = "books", rel_path: str | None = None, max_bytes: int = 64_000_000,
                 license: str = PUBLIC_DOMAIN, unwrap: bool = True):  # noqa: A002 - the recipe's option name
        super().__init__()
        self.path, self.source, self.max_bytes, self.license = path, source, max_bytes, license
        self.file = file_label(path, rel_path)
        self.unwrap = unwrap

    def run(self, data=None, rank: int = 0, world_size: int = 1):
        if data:
            yield from data
        raw = self._read()
        if raw is None:
            return
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = raw.decode("latin-1")
            self.stat_update("latin1_fallback")
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        book = strip_gutenberg(text, unwrap=self.unwrap)
        if not (book.start_marker or book.end_marker):
            self.stat_update("no_markers")
        if not book.text.strip():
            self.skip(self.file, "empty", "no text left once header and footer are removed")
            return
        meta = book_metadata(book.header, self.path)
        number = meta["ebook_number"]
        if number is None:
            self.stat_update("no_ebook_number")
        key = str(number) if number is not None else self.file
        doc = Document(text=book.text, id=f"gutenberg:{key}", metadata={
            "url": f"https://www.gutenberg.org/ebooks/{number}" if number is not None else None,
            "source": self.source, "file": self.file, "license": self.license, **meta,
            "start_marker": book.start_marker, "end_marker": book.end_marker,
        })
        self.stat_update("documents")
        self.update_doc_stats(doc)
        yield doc

    def _read(self) -> bytes | None:
        try:
            with fsspec.open(self.path, "rb", compression="infer") as f:
                buf = bytearray()
                while len(buf) <= self.max_bytes:  # loop: compressed streams return short reads
                    block = f.read(min(1 << 24, self.max_bytes + 1 - len(buf)))
                    if not block:
                        break
                    buf += block
                raw = bytes(buf)
        except (EOFError, zlib.error) as e:  # a compressed file cut short or corrupt
            self.skip(self.file, "truncated", f"{type(e).__name__}: {e}")
            return None
        except Exception as e:  # noqa: BLE001 - any failure to open or read is a skip, never fatal
            self.skip(self.file, "unreadable", f"{type(e).__name__}: {e}")
            return None
        if len(raw) > self.max_bytes:
            self.skip(self.file, "too_large", f"more than {self.max_bytes} bytes")
            return None
        if not raw.strip():
            self.skip(self.file, "empty")
            return None
        return raw
