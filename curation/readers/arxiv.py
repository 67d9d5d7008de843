"""arXiv metadata (the Kaggle snapshot's JSON lines) -> one Document per paper: title and abstract.

Abstracts are LaTeX-ish and hard-wrapped at about 80 columns; a new paragraph starts with an
indented line. Both go through the same converter as full e-prints, with ``%`` kept literal (in an
abstract "50%" is a percentage, never a comment).
"""

from __future__ import annotations

import json
import re
import zlib

from datatrove.data import Document

from curation.academic.latex_text import latex_to_text
from curation.core.step import CurationStep
from curation.readers._common import encodable, file_label, open_input

_ARXIV_ID = re.compile(r"^(\d{4}\.\d{4,5}|[a-z-]+(\.[A-Z]{2})?/\d{7})(v\d+)?$")
_PARAGRAPH = re.compile(r"\n[ \t]+(?=\S)")
_SPACES = re.compile(r"\s+")
_DRAIN = 1 << 16
#: The licence arXiv applies to a paper whose record names none (older submissions).
DEFAULT_LICENSE = "http://arxiv.org/licenses/nonexclusive-distrib/1.0/"


def _lines(f, limit: int):
    """Lines of a binary stream; a line over ``limit`` bytes comes out as None, never held whole."""
    while line := f.readline(limit + 1):
        if len(line) > limit and not line.endswith(b"\n"):
            while (more := f.readline(_DRAIN)) and not more.endswith(b"\n"):
                pass
            yield None
        else:
            yield line


def readable(latex: str, paragraphs: bool = False) -> tuple[str, int]:
    """Plain text of a metadata field (title, author list, abstract); (text, unbalanced brace count)."""
    src = latex.strip("\n")
    if paragraphs:
        src = _PARAGRAPH.sub("\n\n", src.strip())
    else:
        src = _SPACES.sub(" ", src).strip()
    res = latex_to_text(src, fragment=True, comments=False)
    text = res.text if paragraphs else _SPACES.sub(" ", res.text).strip()
    return text, res.unbalanced_braces


class ArxivMetadataReader(CurationStep):
    """Reads one arXiv metadata JSONL file; bad lines and records are skipped with their line number."""

    name = "arxiv reader"
    type = "reader"

    def __init__(self, path: str, source: str = "arxiv", rel_path: str | None = None,
                 categories: list[str] | None = None, default_license: str = DEFAULT_LICENSE,
                 max_line_bytes: int = 10_000_000) -> None:
        super().__init__()
        if not isinstance(max_line_bytes, int) or isinstance(max_line_bytes, bool) or max_line_bytes < 1:
            raise ValueError(f"arxiv reader option 'max_line_bytes' must be a positive integer, got {max_line_bytes!r}")
        if categories is not None and (isinstance(categories, str) or not all(isinstance(c, str) for c in categories)):
            raise ValueError(f"arxiv reader option 'categories' must be a list of category prefixes, "
                             f"got {categories!r}")
        if not isinstance(default_license, str) or not default_license.strip():
            raise ValueError("arxiv reader option 'default_license' must be a non-empty string")
        self.path, self.source = path, source
        self.file = file_label(path, rel_path)
        self.categories = tuple(categories) if categories else None
        self.default_license, self.max_line_bytes = default_license, max_line_bytes

    def run(self, data=None, rank: int = 0, world_size: int = 1):
        if data:
            yield from data
        f = open_input(self)
        if f is None:
            return
        line_no = 0
        try:
            with f:
                for line in _lines(f, self.max_line_bytes):
                    line_no += 1
                    if line is None:
                        self.skip(f"{self.file}:{line_no}", "too_large", f"line over {self.max_line_bytes} bytes")
                        continue
                    doc = self._document(line, line_no)
                    if doc is not None:
                        self.stat_update("documents")
                        self.update_doc_stats(doc)
                        yield doc
        except (EOFError, zlib.error) as e:
            self.skip(f"{self.file}:{line_no + 1}", "truncated", f"{type(e).__name__}: {e}")
        except Exception as e:  # noqa: BLE001 - I/O errors mid-file
            self.skip(f"{self.file}:{line_no + 1}", "unreadable", f"{type(e).__name__}: {e}")

    def _record(self, line: bytes, where: str) -> dict | None:
        if not line.strip():
            self.stat_update("blank_lines")
            return None
        try:
            record = json.loads(line.decode("utf-8-sig"))
        except UnicodeDecodeError as e:
            self.skip(where, "not_utf8", str(e))
            return None
        except ValueError as e:
            self.skip(where, "bad_json", str(e))
            return None
        if not isinstance(record, dict):
            self.skip(where, "bad_json", f"a JSON {type(record).__name__}, not an object")
            return None
        for key in ("id", "title", "abstract"):
            value = record.get(key)
            if value is None or (isinstance(value, str) and not value.strip()):
                self.skip(where, f"missing_{key}", f"no {key!r}")
                return None
            if not isinstance(value, str):
                self.skip(where, "bad_field_type", f"{key!r} is a {type(value).__name__}, not a string")
                return None
        for key, kind in (("categories", str), ("license", str), ("doi", str), ("journal-ref", str),
                          ("update_date", str), ("authors", str), ("versions", list), ("authors_parsed", list)):
            if record.get(key) is not None and not isinstance(record[key], kind):
                self.skip(where, "bad_field_type", f"{key!r} is a {type(record[key]).__name__}, not a {kind.__name__}")
                return None
        return record

    def _document(self, line: bytes, line_no: int) -> Document | None:
        where = f"{self.file}:{line_no}"
        record = self._record(line, where)
        if record is None:
            return None
        arxiv_id = record["id"].strip()
        if not _ARXIV_ID.match(arxiv_id) or not encodable(arxiv_id):
            self.skip(where, "bad_id", f"{arxiv_id[:60]!r} is not an arXiv identifier")
            return None
        categories = (record.get("categories") or "").split()
        if self.categories and not any(c.startswith(self.categories) for c in categories):
            self.stat_update("not_in_categories")
            return None
        title, bad_title = readable(record["title"])
        abstract, bad_abstract = readable(record["abstract"], paragraphs=True)
        if not title or not abstract:
            self.skip(where, "empty", "no text left in the title or abstract")
            return None
        if bad_title or bad_abstract:
            self.stat_update("unbalanced_braces")
        text = f"{title}\n\n{abstract}"
        if not encodable(text):
            self.skip(where, "not_utf8", "text has unpaired surrogate code points")
            return None
        licence = record.get("license")
        meta = {
            "url": f"https://arxiv.org/abs/{arxiv_id}", "source": self.source, "file": self.file,
            "license": licence or self.default_license, "license_assumed": not licence, "line": line_no,
            "arxiv_id": arxiv_id, "title": title, "authors": self._authors(record),
            "categories": categories, "doi": record.get("doi"), "journal_ref": record.get("journal-ref"),
            "update_date": record.get("update_date"), "versions": len(record.get("versions") or []),
            "submitter": record.get("submitter") if isinstance(record.get("submitter"), str) else None,
        }
        return Document(text=text, id=f"arxiv:{arxiv_id}", metadata=meta)

    def _authors(self, record: dict) -> list[str]:
        """Author names as printed: from ``authors_parsed`` ([last, first, suffix]) else the raw string."""
        parsed = record.get("authors_parsed")
        if parsed and all(isinstance(p, list) and all(isinstance(x, str) for x in p) for p in parsed):
            names = [" ".join(x for x in (p[1:2] + p[:1] + p[2:3]) if x).strip() for p in parsed]
            return [readable(n)[0] if any(c in n for c in "\\{}$~") else n for n in names if n]
        raw = record.get("authors") or ""
        text = readable(raw)[0] if raw else ""
        return [a.strip() for a in re.split(r",\s*|\s+and\s+", text) if a.strip()]
