"""Code filters (StarCoder / NeMo Curator style) for code documents, each drop with its reason."""

from __future__ import annotations

from datatrove.data import Document
from datatrove.pipeline.filters.base_filter import BaseFilter

from curation.code.rules import Thresholds, check


class CodeQuality(BaseFilter):
    """Drops vendored, lock, minified, build-output and generated files (reason: what the path says),
    files of no known language (``unknown_language``), languages or types not asked for, and files
    that break a rule of ``curation.code.rules`` (``long_line``, ``low_alphanumeric``, ``data_file``,
    ``encoded_data``, ``mostly_comments``, ``python_syntax_error``, ...)."""

    name = "code_quality"
    type = "🔻 - FILTER"

    def __init__(self, languages: list[str] | None = None,
                 types: list[str] = ("programming", "markup", "prose", "data"),
                 max_line_length: int = 1000, max_mean_line_length: float = 100.0, min_alnum_fraction: float = 0.25,
                 max_comment_fraction: float = 0.8, min_comment_fraction: float = 0.0, min_comment_lines: int = 20,
                 max_data_chars: int = 5000, min_chars: int = 20, max_blob_chars: int = 1024,
                 max_blob_fraction: float = 0.5, python_must_parse: bool = True) -> None:
        super().__init__()
        self.languages = frozenset(languages) if languages else None
        self.types = frozenset(types)
        self.thresholds = Thresholds(max_line_length, max_mean_line_length, min_alnum_fraction, max_comment_fraction,
                                     min_comment_fraction, min_comment_lines, max_data_chars, min_chars, max_blob_chars,
                                     max_blob_fraction, python_must_parse)

    def filter(self, doc: Document) -> bool | tuple[bool, str]:
        md = doc.metadata
        if md.get("vendored"):
            return False, md["vendored"]
        language = md.get("code_language")
        if not language:
            return False, "unknown_language"
        if self.languages is not None and language not in self.languages:
            return False, "language_not_selected"
        if md.get("language_type") not in self.types:
            return False, "type_not_selected"
        reason = check(doc.text, language, md.get("language_type"), self.thresholds)
        if reason:
            return False, reason
        self.stat_update(f"kept_{language}")
        return True
