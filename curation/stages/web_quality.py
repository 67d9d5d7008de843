"""Language-aware page rules after langid: encoding errors, error pages, adult/gambling, CJK pages."""

from __future__ import annotations

from typing import Any

from datatrove.data import Document
from datatrove.pipeline.filters.base_filter import BaseFilter

from curation.core.stage import Prepared, PreparedStage
from curation.filters.by_language import reference_thresholds
from curation.quality import cjk, encoding, error_pages, wordlists


class WebQuality(BaseFilter, PreparedStage):
    """Drop (with a counted reason) or repair pages the Gopher/C4/FineWeb word rules cannot see.

    Reasons: ``encoding_error`` (characters lost in a wrong decode; mojibake that ftfy can undo is
    repaired in place and counted as ``mojibake_repaired``), ``error_page`` (soft 404s
    in ~30 languages), ``adult_or_gambling`` (LDNOOBW + gambling lists, by rate, not by one word),
    and for zh/ja/ko ``cjk_too_short`` / ``cjk_list_page`` / ``cjk_repetition`` / ``cjk_spaced_chars``.
    ``cjk_min_terminal_lines`` unset: the language's value in curation/quality/reference_thresholds.json
    (under which its Wikipedia reference articles fall), else 0.5.
    """

    name = "web_quality"
    type = "🔻 - FILTER"
    always_prepare = True

    @staticmethod
    def prepare(params: dict[str, Any], run_dir: str) -> Prepared:
        """A missing word list fails the run at its start, naming the path."""
        wordlists.check_files()
        return Prepared(params, [])

    def __init__(
        self,
        repair_mojibake: bool = True,
        error_pages: bool = True,
        adult_gambling: bool = True,
        cjk_rules: bool = True,
        cjk_min_chars: int = 100,
        cjk_min_terminal_lines: float | None = None,
        adult_min_rate: float = 0.004,
    ) -> None:
        super().__init__()
        wordlists.check_files()
        self.repair_mojibake = repair_mojibake
        self.error_pages = error_pages
        self.adult_gambling = adult_gambling
        self.cjk_rules = cjk_rules
        self.cjk_min_chars = cjk_min_chars
        self.cjk_min_terminal_lines = cjk_min_terminal_lines
        self.adult_min_rate = adult_min_rate

    def filter(self, doc: Document) -> bool | tuple[bool, str]:
        language = doc.metadata.get("language") or ""
        if self.repair_mojibake:
            text, reason = encoding.check(doc.text)
            if reason:
                return False, reason
            if text != doc.text:
                doc.text = text
                self.stat_update("mojibake_repaired")
        if self.error_pages and error_pages.is_error_page(doc.text):
            return False, "error_page"
        if self.adult_gambling and wordlists.is_adult_or_gambling(doc.text, language, min_rate=self.adult_min_rate):
            return False, "adult_or_gambling"
        if self.cjk_rules and language in cjk.CJK_LANGUAGES:
            reason = cjk.check(doc.text, language, min_chars=self.cjk_min_chars, min_terminal=self._min_terminal(language))
            if reason:
                return False, reason
        return True

    def _min_terminal(self, language: str) -> float:
        if self.cjk_min_terminal_lines is not None:
            return self.cjk_min_terminal_lines
        return reference_thresholds().get(self.name, {}).get(language, {}).get("cjk_min_terminal_lines", 0.5)
