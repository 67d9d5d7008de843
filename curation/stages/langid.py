"""Language identification: lid.176 first, a second model where it is unsure (see curation/langid)."""

from __future__ import annotations

from typing import Any

from datatrove.data import Document
from datatrove.pipeline.filters.base_filter import BaseFilter

from curation.core.stage import Prepared, PreparedStage
from curation.langid.cascade import Cascade


class LanguageId(BaseFilter, PreparedStage):
    """Set ``language``, ``language_score``, ``language_model`` (which model decided) and, for sr/zh,
    ``language_script``; drop below ``min_score`` or outside ``languages``.

    ``second_model``: ``cld2+lingua`` (default), ``lingua``, ``cld2`` or null for lid.176 alone.
    ``first_chars``: lid.176 reads this prefix first and the whole text (up to ``max_chars``) only when
    the prefix is unsure or confusable; null reads the whole text always.
    Counters: ``decided_<model>``, ``second_<reason>`` (why lid.176's label was looked at again: low_score,
    confusable, or spelling: a language only lid.176 knows, decided by its spelling),
    ``disagree_lid176`` (the final language is not lid.176's), and drop reasons (``empty_text``,
    ``no_letters``, ``language_score_below_min``, ``language_not_selected``).
    """

    name = "langid"
    type = "🔻 - FILTER"
    path_params = ("model_path",)
    always_prepare = True  # checked once at run start, before any work unit

    @staticmethod
    def prepare(params: dict[str, Any], run_dir: str) -> Prepared:
        """A missing model file or an unknown second model fails the run at its start, naming the path."""
        Cascade(params.get("model_path"), params.get("second_model", "cld2+lingua"))
        return Prepared(params, [])

    def __init__(
        self,
        model_path: str | None = None,
        min_score: float = 0.5,
        languages: list[str] | None = None,
        max_chars: int = 10_000,
        second_model: str | None = "cld2+lingua",
        sure: float = 0.9,
        first_chars: int | None = 500,
    ) -> None:
        super().__init__()
        self.model_path = model_path
        self.min_score = min_score
        self.languages = set(languages) if languages else None
        self.max_chars = max_chars
        self.second_model = second_model
        self.sure = sure
        self.first_chars = first_chars
        self._cascade: Cascade | None = None

    @property
    def cascade(self) -> Cascade:
        if self._cascade is None:
            self._cascade = Cascade(
                self.model_path, self.second_model, sure=self.sure, max_chars=self.max_chars, first_chars=self.first_chars
            )
        return self._cascade

    def filter(self, doc: Document) -> bool | tuple[bool, str]:
        decision = self.cascade.decide(doc.text)
        if decision.model == "none":
            return False, decision.reason
        doc.metadata["language"] = decision.language
        doc.metadata["language_score"] = decision.score
        doc.metadata["language_model"] = decision.model
        if decision.script:
            doc.metadata["language_script"] = decision.script
        self.stat_update(f"decided_{decision.model}")
        if decision.reason:
            self.stat_update(f"second_{decision.reason}")
        if decision.language != decision.lid_language:
            self.stat_update("disagree_lid176")
        if decision.score < self.min_score:
            return False, "language_score_below_min"
        if self.languages is not None and decision.language not in self.languages:
            return False, "language_not_selected"
        return True
