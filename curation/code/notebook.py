"""A Jupyter notebook as one document: its code and markdown cells in order, outputs left out.

Cells are kept as written (markdown as markdown, code exactly), separated by a blank line: the
prose that explains the code stays next to it, which is what makes a notebook instructive.
"""

from __future__ import annotations

import json


class NotebookError(ValueError):
    """The file is not a notebook we can read (broken JSON, no cells)."""


def notebook_text(raw: str) -> tuple[str, str | None]:
    """(text of the cells, kernel language or None); NotebookError on broken JSON or no cell list."""
    try:
        nb = json.loads(raw)
    except ValueError as e:
        raise NotebookError(f"broken JSON: {e}") from None
    cells = nb.get("cells") if isinstance(nb, dict) else None
    if cells is None and isinstance(nb, dict) and isinstance(nb.get("worksheets"), list):  # nbformat 3
        cells = [c for ws in nb["worksheets"] if isinstance(ws, dict) for c in ws.get("cells") or []]
    if not isinstance(cells, list):
        raise NotebookError("no cell list")
    parts = []
    for cell in cells:
        if not isinstance(cell, dict) or cell.get("cell_type") not in ("code", "markdown"):
            continue
        src = cell.get("source", cell.get("input", ""))
        src = "".join(src) if isinstance(src, list) else src if isinstance(src, str) else ""
        if src.strip():
            parts.append(src.rstrip("\n"))
    meta = nb.get("metadata") if isinstance(nb.get("metadata"), dict) else {}
    info = meta.get("language_info") if isinstance(meta.get("language_info"), dict) else {}
    kernel = meta.get("kernelspec") if isinstance(meta.get("kernelspec"), dict) else {}
    language = info.get("name") or kernel.get("language")
    text, language = "\n\n".join(parts) + ("\n" if parts else ""), language if isinstance(language, str) else None
    for what, value in (("a cell", text), ("the kernel language", language or "")):
        try:  # JSON's \ud800 escapes decode to lone surrogates, which no UTF-8 writer (nor Rust) accepts
            value.encode("utf-8")
        except UnicodeEncodeError as e:
            raise NotebookError(f"unpaired surrogate {value[e.start]!r} in {what}") from None
    return text, language
