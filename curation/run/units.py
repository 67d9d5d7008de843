"""Work units: the recipe's inputs expanded to files (or byte ranges of files) in one stable order.

The order is the order of the recipe's input groups, then sorted paths, then ranges: it fixes the
order of rows in the output, so the output does not depend on how many workers ran the units.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from curation.core.view import UnitView
from curation.io.files import check_remote
from curation.io.paths import list_files
from curation.recipe.model import InputSpec, Recipe, StageSpec


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


@dataclass(frozen=True)
class UnitTask:
    """One pass over one work unit: the first pass reads the input file, later ones the unit's
    staged documents (``view``) minus what global stages removed."""

    unit: WorkUnit
    pass_no: int = 0
    specs: tuple[StageSpec, ...] = ()
    view: UnitView | None = None


def _format_of(path: str, declared: str) -> str | None:
    from curation.readers import detect_format

    if declared != "auto":
        return declared
    try:
        return detect_format(path)
    except ValueError:
        return None


def _repository_folder(pattern: str) -> tuple[str, str, str] | None:
    """A checked-out repository named by a ``format: code`` input: one unit for the whole folder."""
    import posixpath

    import fsspec

    from curation.code.archive import is_repository_folder
    from curation.io.paths import GLOB_CHARS

    fs, path = fsspec.core.url_to_fs(pattern)
    if any(c in path for c in GLOB_CHARS) or not fs.isdir(path) or not is_repository_folder(fs, path):
        return None
    path = path.rstrip("/")
    url = fs.unstrip_protocol(path) if "://" in pattern else posixpath.normpath(path)
    return url, posixpath.basename(path), "code"


def expand(spec: InputSpec) -> list[tuple[str, str, str]]:
    """(path, rel_path, format) for every file an input group names; an error for names matching nothing."""
    from curation.readers import CODE_ARCHIVES

    found: list[tuple[str, str, str]] = []
    for pattern in spec.paths:
        if "://" in pattern:
            check_remote(pattern, "read this input")
        if spec.format == "code" and (repository := _repository_folder(pattern)):
            found.append(repository)
            continue
        try:
            listing = list_files(pattern)
        except FileNotFoundError:
            raise InputError(f"{pattern}: input not found") from None
        matched = 0
        for f in listing.files:
            fmt = _format_of(f, spec.format)
            if fmt is None or (fmt == "code" and not listing.explicit and not f.lower().endswith(CODE_ARCHIVES)):
                continue  # e.g. a README beside the WARCs (or the repository archives) in a folder
            found.append((listing.url(f), listing.relative(f), fmt))
            matched += 1
        if not matched:
            raise InputError(f"{pattern}: no input files of a known format there (by extension: warc, html, jsonl, "
                             f"parquet, wikipedia .xml.bz2, stackexchange Posts.xml, arXiv e-prints; or set format:)")
    return found


def plan_units(recipe: Recipe) -> list[WorkUnit]:
    from curation.readers import FORMATS, check_options

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
            if spec.split_bytes:
                ranges = FORMATS[fmt].split_ranges(path, int(spec.split_bytes))
            for start, end in ranges:
                units.append(WorkUnit(len(units), g, path, rel, fmt, start, end))
    return units
