"""Files named by a path, a folder or a glob (local or any fsspec URL): the one path expansion.

The run's inputs and a classifier's training and evaluation data are found by the same rule, so a
glob, a folder or an ``s3://`` prefix means the same thing in a pipeline recipe and a classifier recipe.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

import fsspec

GLOB_CHARS = "*?["


@dataclass(frozen=True)
class Listing:
    """The files one pattern names, sorted, as the file system spells them (no protocol)."""

    pattern: str
    fs: fsspec.AbstractFileSystem
    base: str  # the folder names are relative to ("" when there is none)
    files: list[str]
    explicit: bool  # the pattern named one file itself

    def url(self, path: str) -> str:
        """``path`` as fsspec opens it: the protocol kept for URLs, a normalised local path otherwise."""
        return self.fs.unstrip_protocol(path) if "://" in self.pattern else posixpath.normpath(path)

    def relative(self, path: str) -> str:
        return posixpath.relpath(path, self.base) if self.base else path


def list_files(pattern: str) -> Listing:
    """The files of a file, folder (recursively) or glob; ``FileNotFoundError`` naming ``pattern`` when
    it names nothing at all."""
    fs, path = fsspec.core.url_to_fs(pattern)
    explicit = False
    if any(c in path for c in GLOB_CHARS):
        base = path[: min(path.find(c) for c in GLOB_CHARS if c in path)].rpartition("/")[0]
        files = sorted(p for p in fs.glob(path) if fs.isfile(p))
    elif fs.isdir(path):
        base, files = path.rstrip("/"), sorted(fs.find(path))
    elif fs.isfile(path):
        base, files, explicit = posixpath.dirname(path), [path], True
    else:
        raise FileNotFoundError(f"{pattern}: no such file or folder")
    return Listing(pattern, fs, base, files, explicit)


def expand_paths(patterns: list[str], suffixes: tuple[str, ...] | None = None) -> list[str]:
    """The files of ``patterns`` in order (each pattern's sorted), as fsspec opens them.

    Files named explicitly are taken whatever their name; files found in a folder or by a glob are
    kept only when their name ends with one of ``suffixes`` (when given, case-insensitive).
    ``FileNotFoundError`` naming the pattern when one matches no file.
    """
    out: list[str] = []
    for pattern in patterns:
        listing = list_files(pattern)
        found = [listing.url(f) for f in listing.files]
        if listing.explicit and "://" in pattern:
            found = [pattern]
        if suffixes and not listing.explicit:
            found = [f for f in found if f.lower().endswith(suffixes)]
        if not found:
            raise FileNotFoundError(f"{pattern}: matches no file" + (f" ending in {', '.join(suffixes)}" if suffixes else ""))
        out.extend(found)
    return out
