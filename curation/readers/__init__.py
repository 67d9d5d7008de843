"""Readers: one input file (or a byte range / row groups of one) -> datatrove Documents.

Every reader is a ``CurationStep``: bad records and unreadable files become counted skips with a
reason, never exceptions, so one broken file cannot stop a run.
"""

from __future__ import annotations

from curation.readers.html import HtmlReader
from curation.readers.jsonl import JsonlReader, split_ranges
from curation.readers.parquet import ParquetReader, split_row_groups
from curation.readers.warc import WarcReader

READERS = {"warc": WarcReader, "html": HtmlReader, "jsonl": JsonlReader, "parquet": ParquetReader}

_SUFFIXES = (  # longest first, so ".warc.gz" is not taken for something else
    (".warc.gz", "warc"), (".arc.gz", "warc"), (".warc", "warc"), (".arc", "warc"),
    (".html.gz", "html"), (".htm.gz", "html"), (".html", "html"), (".htm", "html"),
    (".jsonl.gz", "jsonl"), (".jsonl.zst", "jsonl"), (".json.gz", "jsonl"), (".json.zst", "jsonl"),
    (".jsonl", "jsonl"), (".ndjson", "jsonl"),
    (".parquet", "parquet"),
)


def detect_format(path: str) -> str:
    """The reader name for ``path`` from its extension; ValueError naming the path otherwise."""
    name = path.split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1].lower()
    for suffix, fmt in _SUFFIXES:
        if name.endswith(suffix):
            return fmt
    raise ValueError(f"cannot tell the input format of {path!r} from its extension")


__all__ = ["READERS", "detect_format", "split_ranges", "split_row_groups",
           "WarcReader", "HtmlReader", "JsonlReader", "ParquetReader"]
