"""Work units: the recipe's inputs expanded to files (or byte ranges of files) in one stable order.

The order is the order of the recipe's input groups, then sorted paths, then ranges: it fixes the
order of rows in the output, so the output does not depend on how many workers ran the units.
"""

from __future__ import annotations

import hashlib
import posixpath
from dataclasses import dataclass

import fsspec

from curation.io.files import check_remote
from curation.recipe.model import InputSpec, Recipe

GLOB_CHARS = "*?["


class InputError(ValueError):
    """A missing or unusable input, phrased as one line naming it."""


@dataclass(frozen=True)
class WorkUnit:
    index: int
    group: int
    path: str  # as fsspec opens it (protocol included for non-local files)
    rel_path: str  # stable name, relative to the input's base: goes into ids and metadata
    format: str
    start: int = 0
    end: int | None = None

    @property
    def key(self) -> str:
        digest = hashlib.sha1(f"{self.group}|{self.rel_path}|{self.start}|{self.end}".encode()).hexdigest()[:12]
        return f"{self.index:06d}-{digest}"

    @property
    def whole_file_owner(self) -> bool:
        """The unit that reports the input file's size and checksum (the one starting at byte 0)."""
        return self.start == 0


def _format_of(path: str, declared: str) -> str | None:
    from curation.readers import detect_format

    if declared != "auto":
        return declared
    try:
        return detect_format(path)
    except ValueError:
        return None


def expand(spec: InputSpec) -> list[tuple[str, str, str]]:
    """(path, rel_path, format) for every file an input group names; an error for names matching nothing."""
    found: list[tuple[str, str, str]] = []
    for pattern in spec.paths:
        fs, path = fsspec.core.url_to_fs(pattern)
        if "://" in pattern:
            check_remote(pattern, "read this input")
        if any(c in path for c in GLOB_CHARS):
            base = path[: min(path.find(c) for c in GLOB_CHARS if c in path)].rpartition("/")[0]
            files = sorted(p for p in fs.glob(path) if fs.isfile(p))
        elif fs.isdir(path):
            base, files = path.rstrip("/"), sorted(fs.find(path))
        elif fs.isfile(path):
            base, files = posixpath.dirname(path), [path]
        else:
            raise InputError(f"{pattern}: input not found")
        matched = 0
        for f in files:
            fmt = _format_of(f, spec.format)
            if fmt is None:  # e.g. a README beside the WARCs in a folder
                continue
            full = fs.unstrip_protocol(f) if "://" in pattern else posixpath.normpath(f)
            found.append((full, posixpath.relpath(f, base) if base else f, fmt))
            matched += 1
        if not matched:
            raise InputError(f"{pattern}: no input files of a known format there (by extension: warc, html, jsonl, "
                             f"parquet, wikipedia .xml.bz2, stackexchange Posts.xml, arXiv e-prints; or set format:)")
    return found


def plan_units(recipe: Recipe) -> list[WorkUnit]:
    from curation.readers import check_options

    units: list[WorkUnit] = []
    seen: set[str] = set()
    for g, spec in enumerate(recipe.inputs):
        for path, rel, fmt in expand(spec):
            try:
                check_options(fmt, spec.options)
            except ValueError as e:
                raise InputError(f"inputs[{g}].{e}") from None
            if path in seen:
                continue
            seen.add(path)
            ranges: list[tuple[int, int | None]] = [(0, None)]
            if fmt == "jsonl" and spec.split_bytes:
                from curation.readers.jsonl import split_ranges

                ranges = split_ranges(path, int(spec.split_bytes))
            for start, end in ranges:
                units.append(WorkUnit(len(units), g, path, rel, fmt, start, end))
    return units
