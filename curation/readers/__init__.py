"""Readers: one input file (or a byte range / row groups of one) -> datatrove Documents.

Every reader is a ``CurationStep``: bad records and unreadable files become counted skips with a
reason, never exceptions, so one broken file cannot stop a run.

``FORMATS`` is the one table of input formats: a format's reader, how its files are recognised, which
input settings it takes and whether a file splits into byte ranges. Adding a format is one entry here
plus its reader module; the recipe, the work-unit planner and the classifiers' data all read the table.
"""

from __future__ import annotations

import importlib
import inspect
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal


def _load(target: str) -> Any:
    module, _, name = target.partition(":")
    return getattr(importlib.import_module(module), name)


@dataclass(frozen=True)
class ReaderFormat:
    """One input format. ``takes`` says which input settings its reader gets besides (path, source,
    rel_path): ``pages`` max_bytes; ``records`` text_field/id_field/url_field; ``options`` the input's
    ``options`` (checked against the reader's parameters)."""

    reader: str  # "module:Class", imported when first used
    takes: Literal["pages", "records", "options"] = "options"
    suffixes: tuple[str, ...] = ()  # lower-case file-name endings that mean this format
    names: re.Pattern | None = None  # a lower-case file name matching this means this format, whatever its suffix
    splits: str | None = None  # "module:function" giving (start, end) byte ranges of a file, for split_bytes

    def reader_class(self) -> type:
        return _load(self.reader)

    def split_ranges(self, path: str, split_bytes: int) -> list[tuple[int, int | None]]:
        return _load(self.splits)(path, split_bytes) if self.splits else [(0, None)]


#: arXiv e-prints by their id: 2004.14974.gz, 1801.03879-1.tar.gz, hep-th9901001v2.tar.gz.
_ARXIV_EPRINT = re.compile(r"^(\d{4}\.\d{4,5}|[a-z-]+(\.[A-Z]{2})?\d{7})(v\d+)?(-\d+)?(\.tar)?\.(gz|tgz)$")

FORMATS: dict[str, ReaderFormat] = {
    "warc": ReaderFormat("curation.readers.warc:WarcReader", "pages", (".warc.gz", ".arc.gz", ".warc", ".arc")),
    "html": ReaderFormat("curation.readers.html:HtmlReader", "pages", (".html.gz", ".htm.gz", ".html", ".htm")),
    "jsonl": ReaderFormat("curation.readers.jsonl:JsonlReader", "records",
                          (".jsonl.gz", ".jsonl.zst", ".json.gz", ".json.zst", ".jsonl", ".ndjson"),
                          splits="curation.readers.jsonl:split_ranges"),
    "parquet": ReaderFormat("curation.readers.parquet:ParquetReader", "records", (".parquet",)),
    # the Kaggle snapshot: arxiv-metadata-oai-snapshot.json
    "arxiv": ReaderFormat("curation.readers.arxiv:ArxivMetadataReader", names=re.compile(r"^arxiv-metadata")),
    "latex": ReaderFormat("curation.readers.latex:LatexReader", names=_ARXIV_EPRINT),
    # Posts.xml, beer.stackexchange.com-Posts.xml, cardano_Posts.xml.gz: before .xml.bz2 = wikipedia
    "stackexchange": ReaderFormat("curation.readers.stackexchange:StackExchangeReader",
                                  names=re.compile(r"^(?:.*[-_])?posts\.xml(?:\.bz2)?(?:\.gz)?$")),
    "gutenberg": ReaderFormat("curation.readers.gutenberg:GutenbergReader"),  # by format: only
    "wikipedia": ReaderFormat("curation.readers.wikipedia:WikipediaReader", suffixes=(".xml.bz2", ".xml.gz")),
    # a repository archive (git archive) or checked-out folder; after "latex": e-prints are tarballs too
    "code": ReaderFormat("curation.readers.code:CodeRepositoryReader", names=re.compile(r"^.*\.(tar\.gz|tgz|tar|zip)$")),
}
#: File endings of repository archives (in a folder of format ``code``, other files are not inputs).
CODE_ARCHIVES = (".tar.gz", ".tgz", ".tar", ".zip")

class _Readers(Mapping):
    """Format name -> reader class, each imported when first asked for."""

    def __getitem__(self, fmt: str) -> type:
        return FORMATS[fmt].reader_class()

    def __iter__(self):
        return iter(FORMATS)

    def __len__(self) -> int:
        return len(FORMATS)


READERS = _Readers()


def check_options(fmt: str, options: dict) -> None:
    """ValueError naming any ``options`` key the format's reader does not take."""
    if not options:
        return
    if FORMATS[fmt].takes != "options":
        raise ValueError(f"options: the {fmt} reader takes no options (use text_field/id_field/url_field/max_bytes)")
    params = inspect.signature(READERS[fmt].__init__).parameters
    allowed = sorted(set(params) - {"self", "path", "source", "rel_path"})
    unknown = sorted(set(options) - set(allowed))
    if unknown:
        raise ValueError(f"options: unknown option(s) {unknown} for format {fmt} (known: {allowed})")


def detect_format(path: str) -> str:
    """The reader name for ``path`` from its name; ValueError naming the path otherwise."""
    name = path.split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1].lower()
    for fmt, f in FORMATS.items():
        if f.names is not None and f.names.match(name):
            return fmt
    # every suffix of the table, longest first, so that ".warc.gz" is never taken for something shorter
    for suffix, fmt in sorted(((s, n) for n, f in FORMATS.items() for s in f.suffixes), key=lambda x: -len(x[0])):
        if name.endswith(suffix):
            return fmt
    raise ValueError(f"cannot tell the input format of {path!r} from its extension")


def make_reader(fmt: str, path: str, source: str, rel_path: str, *, max_bytes: int, fields: dict[str, str],
                options: dict[str, Any], start: int = 0, end: int | None = None):
    """The reader of one file (or byte range) with the input settings its format takes."""
    f = FORMATS[fmt]
    common = {"path": path, "source": source, "rel_path": rel_path}
    if f.takes == "pages":
        return f.reader_class()(**common, max_bytes=max_bytes)
    if f.takes == "options":
        return f.reader_class()(**common, **options)
    ranges = {"start": start, "end": end} if f.splits else {}
    return f.reader_class()(**common, **fields, **ranges)


#: Names this package gives from its reader modules, imported when first asked for: the table above is
#: read by the driver (recipe checks, work units), which never builds a reader (datatrove stays out of it).
_LAZY = {"WarcReader": "curation.readers.warc:WarcReader", "HtmlReader": "curation.readers.html:HtmlReader",
         "JsonlReader": "curation.readers.jsonl:JsonlReader", "ParquetReader": "curation.readers.parquet:ParquetReader",
         "split_ranges": "curation.readers.jsonl:split_ranges", "split_row_groups": "curation.readers.parquet:split_row_groups"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return _load(_LAZY[name])
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["FORMATS", "READERS", "ReaderFormat", "check_options", "detect_format", "make_reader",
           "split_ranges", "split_row_groups", "WarcReader", "HtmlReader", "JsonlReader", "ParquetReader"]
