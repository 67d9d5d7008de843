"""Language identification with fastText (lid.176 by default; GlotLID or lid.176.bin by path)."""

from __future__ import annotations

from datatrove.data import Document
from datatrove.pipeline.filters.base_filter import BaseFilter

from curation.models.fasttext_models import bundled_lid_path, load

LABEL_PREFIX = "__label__"


class LanguageId(BaseFilter):
    """Set ``language`` and ``language_score``; drop below ``min_score`` or outside ``languages``.

    fastText predicts one line at a time, so newlines are folded to spaces; only the first
    ``max_chars`` characters are used (the prediction is stable long before that).
    """

    name = "langid"
    type = "🔻 - FILTER"
    path_params = ("model_path",)

    def __init__(
        self,
        model_path: str | None = None,
        min_score: float = 0.5,
        languages: list[str] | None = None,
        max_chars: int = 10_000,
    ) -> None:
        super().__init__()
        self.model_path = model_path
        self.min_score = min_score
        self.languages = set(languages) if languages else None
        self.max_chars = max_chars

    def filter(self, doc: Document) -> bool | tuple[bool, str]:
        model = load(self.model_path or bundled_lid_path())
        sample = " ".join(doc.text[: self.max_chars].split())
        if not sample:
            return False, "empty_text"
        labels, scores = model.predict(sample, k=1)
        language = labels[0].removeprefix(LABEL_PREFIX)
        score = min(1.0, round(float(scores[0]), 4))  # stable bytes; fastText can exceed 1 by an ulp
        doc.metadata["language"] = language
        doc.metadata["language_score"] = score
        if score < self.min_score:
            return False, "language_score_below_min"
        if self.languages is not None and language not in self.languages:
            return False, "language_not_selected"
        return True
