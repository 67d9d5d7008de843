"""Repository files -> code documents: decoded, languages detected, vendored paths marked.

One document per source file, with ``repo``, ``path``, ``code_language`` (linguist's name),
``language_type``, ``license`` (SPDX, or None when unknown), ``size`` and ``commit`` in its
metadata. A vendored or generated path is marked (``vendored``), not dropped here: the
``code_quality`` stage drops it with its reason, so it shows in ``rejected/``. Binary and
undecodable files, and notebooks with broken JSON, are skips with a reason.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from dataclasses import dataclass

from curation.code.language import detect
from curation.code.notebook import NotebookError, notebook_text
from curation.code.paths import vendored_reason

#: Control characters other than tab, newline, carriage return and form feed mark a binary file;
#: they are counted by deleting every other byte (``bytes.translate``), far faster than a regex.
_CONTROL = set(range(0x00, 0x09)) | set(range(0x0e, 0x1b)) | set(range(0x1c, 0x20))
_NOT_CONTROL = bytes(c for c in range(256) if c not in _CONTROL)


@dataclass(frozen=True)
class Skip:
    path: str
    reason: str
    detail: str = ""


def decode(data: bytes) -> tuple[str | None, str]:
    """(text, "") or (None, reason): ``binary`` when the head holds NULs/control bytes, ``not_utf8`` else."""
    head = data[:8000]
    if b"\x00" in head or len(head.translate(None, _NOT_CONTROL)) > max(2, len(head) // 100):
        return None, "binary"
    try:
        return data.decode("utf-8").removeprefix("\ufeff"), ""
    except UnicodeDecodeError as e:
        return None, f"not_utf8: {e.reason} at byte {e.start}"


def annotate(path: str, text: str) -> dict:
    """The per-file metadata a code document carries (language and vendored mark) from its path and text."""
    found = detect(path, text)
    return {"path": path, "code_language": found.language, "language_type": found.type,
            "language_how": found.how, "vendored": vendored_reason(path)}


def file_documents(files: dict[str, bytes]) -> Iterator[tuple[str, str, dict] | Skip]:
    """(path, text, per-file metadata) for every readable file in ``files``, or a ``Skip``."""
    for path, data in files.items():
        if not data or data.isspace():  # (no stripped copy of every file)
            yield Skip(path, "empty")
            continue
        text, problem = decode(data)
        if text is None:
            reason, _, detail = problem.partition(": ")
            yield Skip(path, reason, detail)
            continue
        meta = annotate(path, text)
        meta["size"] = len(data)
        if posixpath.splitext(path)[1].lower() == ".ipynb":
            try:
                text, kernel = notebook_text(text)
            except NotebookError as e:
                yield Skip(path, "broken_notebook", str(e))
                continue
            meta["notebook_language"] = kernel
            if not text.strip():
                yield Skip(path, "empty", "a notebook without code or markdown")
                continue
        yield path, text, meta
