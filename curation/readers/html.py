"""One saved HTML page (``.html``, ``.htm``, optionally gzipped) -> one Document.

Saved pages carry no HTTP headers, so the charset comes from the page itself and the URL from its
canonical link (or og:url) when it names one.
"""

from __future__ import annotations

import zlib

import fsspec
from datatrove.data import Document

from curation.core.step import CurationStep
from curation.readers._common import decode_html, file_label, page_url


class HtmlReader(CurationStep):
    """Reads one HTML file; unreadable, empty, cut or oversized files are skipped with a reason."""

    name = "html reader"
    type = "reader"

    def __init__(self, path: str, source: str = "web", rel_path: str | None = None, max_bytes: int = 5_000_000):
        super().__init__()
        self.path, self.source, self.max_bytes = path, source, max_bytes
        self.file = file_label(path, rel_path)

    def run(self, data=None, rank: int = 0, world_size: int = 1):
        if data:
            yield from data
        try:
            with fsspec.open(self.path, "rb", compression="infer") as f:
                raw = b""
                while len(raw) <= self.max_bytes:  # never more than needed to know it is too large
                    block = f.read(self.max_bytes + 1 - len(raw))  # loop: gzip returns short reads
                    if not block:
                        break
                    raw += block
        except (EOFError, zlib.error) as e:  # a gzip cut short or corrupt
            self.skip(self.file, "truncated", f"{type(e).__name__}: {e}")
            return
        except Exception as e:  # noqa: BLE001 - any failure to open or read is a skip, never fatal
            self.skip(self.file, "unreadable", f"{type(e).__name__}: {e}")
            return
        if len(raw) > self.max_bytes:
            self.skip(self.file, "too_large", f"more than {self.max_bytes} bytes")
            return
        if not raw.strip():
            self.skip(self.file, "empty")
            return
        text = decode_html(raw, None)
        doc = Document(text=text, id=self.file,
                       metadata={"url": page_url(text), "source": self.source, "file": self.file})
        self.stat_update("documents")
        self.update_doc_stats(doc)
        yield doc
