"""Readers: one input file (or a byte range / row groups of one) -> datatrove Documents.

Every reader is a ``CurationStep``: bad records and unreadable files become counted skips with a
reason, never exceptions, so one broken file cannot stop a run.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Mapping

from curation.readers.html import HtmlReader
from curation.readers.jsonl import JsonlReader, split_ranges
from curation.readers.parquet import ParquetReader, split_row_groups
from curation.readers.warc import WarcReader

#: Formats whose readers take only (path, source, rel_path) plus the input's ``options``.
ACADEMIC_FORMATS = {
    "arxiv": "curation.readers.arxiv:ArxivMetadataReader",
    "latex": "curation.readers.latex:LatexReader",
    "stackexchange": "curation.readers.stackexchange:StackExchangeReader",
    "gutenberg": "curation.readers.gutenberg:GutenbergReader",
    "wikipedia": "curation.readers.wikipedia:WikipediaReader",
    "code": "curation.readers.code:CodeRepositoryReader",  # a repository archive or checked-out folder
}


class _Readers(Mapping):
    """Format name -> reader class; the academic readers are imported when first asked for."""

    def __init__(self, eager: dict[str, type]) -> None:
        self._eager = eager

    def __getitem__(self, fmt: str) -> type:
        if fmt in self._eager:
            return self._eager[fmt]
        module, _, name = ACADEMIC_FORMATS[fmt].partition(":")
        return getattr(importlib.import_module(module), name)

    def __iter__(self):
        yield from self._eager
        yield from ACADEMIC_FORMATS

    def __len__(self) -> int:
        return len(self._eager) + len(ACADEMIC_FORMATS)


READERS = _Readers({"warc": WarcReader, "html": HtmlReader, "jsonl": JsonlReader, "parquet": ParquetReader})

_SUFFIXES = (  # longest first, so ".warc.gz" is not taken for something else
    (".warc.gz", "warc"), (".arc.gz", "warc"), (".warc", "warc"), (".arc", "warc"),
    (".html.gz", "html"), (".htm.gz", "html"), (".html", "html"), (".htm", "html"),
    (".jsonl.gz", "jsonl"), (".jsonl.zst", "jsonl"), (".json.gz", "jsonl"), (".json.zst", "jsonl"),
    (".jsonl", "jsonl"), (".ndjson", "jsonl"),
    (".parquet", "parquet"),
    (".xml.bz2", "wikipedia"), (".xml.gz", "wikipedia"),
)
#: arXiv e-prints by their id: 2004.14974.gz, 1801.03879-1.tar.gz, hep-th9901001v2.tar.gz.
CODE_ARCHIVES = (".tar.gz", ".tgz", ".tar", ".zip")
_ARXIV_EPRINT = re.compile(r"^(\d{4}\.\d{4,5}|[a-z-]+(\.[A-Z]{2})?\d{7})(v\d+)?(-\d+)?(\.tar)?\.(gz|tgz)$")


def check_options(fmt: str, options: dict) -> None:
    """ValueError naming any ``options`` key the format's reader does not take."""
    if not options:
        return
    if fmt not in ACADEMIC_FORMATS:
        raise ValueError(f"options: the {fmt} reader takes no options (use text_field/id_field/url_field/max_bytes)")
    import inspect

    params = inspect.signature(READERS[fmt].__init__).parameters
    allowed = sorted(set(params) - {"self", "path", "source", "rel_path"})
    unknown = sorted(set(options) - set(allowed))
    if unknown:
        raise ValueError(f"options: unknown option(s) {unknown} for format {fmt} (known: {allowed})")


def detect_format(path: str) -> str:
    """The reader name for ``path`` from its extension; ValueError naming the path otherwise."""
    name = path.split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1].lower()
    bare = name.removesuffix(".gz").removesuffix(".bz2")
    if bare == "posts.xml" or bare.endswith(("-posts.xml", "_posts.xml")):  # before .xml.bz2 = wikipedia
        return "stackexchange"
    if name.startswith("arxiv-metadata"):  # the Kaggle snapshot: arxiv-metadata-oai-snapshot.json
        return "arxiv"
    for suffix, fmt in _SUFFIXES:
        if name.endswith(suffix):
            return fmt
    if _ARXIV_EPRINT.match(name):
        return "latex"
    if name.endswith(CODE_ARCHIVES):  # any other tarball or zip: a repository (git archive)
        return "code"
    raise ValueError(f"cannot tell the input format of {path!r} from its extension")


__all__ = ["READERS", "ACADEMIC_FORMATS", "check_options", "detect_format", "split_ranges", "split_row_groups",
           "WarcReader", "HtmlReader", "JsonlReader", "ParquetReader"]
