"""Code metadata for files read from Stack-style JSONL/parquet dumps (``content``, ``path``, ``repo``,
``license`` columns): what the code reader sets for archive files, from the same functions."""

from __future__ import annotations

from datatrove.data import Document
from datatrove.pipeline.filters.base_filter import BaseFilter

from curation.code.documents import annotate
from curation.code.license import normalise


class CodeAnnotate(BaseFilter):
    """Sets ``code_language``, ``language_type``, ``vendored`` from the ``path`` field and turns the
    ``license`` field (a string, or a list such as The Stack v2's ``detected_licenses``, joined with
    AND) into an SPDX expression, or None, counted as ``license_unrecognised``, when it is not one.
    A record without a path is dropped as ``no_path``; a document the code reader made (it has
    ``code_language`` already) passes untouched, so one stage serves a recipe mixing both inputs."""

    name = "code_annotate"
    type = "🔻 - FILTER"

    def __init__(self, path_field: str = "path", license_field: str = "license") -> None:
        super().__init__()
        self.path_field, self.license_field = path_field, license_field

    def filter(self, doc: Document) -> bool | tuple[bool, str]:
        md = doc.metadata
        if "code_language" in md:
            return True
        path = md.get(self.path_field)
        if not isinstance(path, str) or not path:
            return False, "no_path"
        md.update(annotate(path, doc.text))
        md.setdefault("size", len(doc.text.encode("utf-8")))
        declared = md.get(self.license_field)
        if isinstance(declared, list):
            declared = " AND ".join(str(x) for x in declared) if declared else None
        spdx = normalise(declared) if isinstance(declared, str) and declared.strip() else None
        if declared and spdx is None:
            self.stat_update("license_unrecognised")
            md["license_declared"] = declared
        md["license"] = spdx
        md.setdefault("language", None)
        self.stat_update(f"language_{md['code_language'] or 'unknown'}")
        return True
