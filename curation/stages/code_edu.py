"""``edu_score`` for code documents: the phi-1-style heuristic of ``curation.code.edu``."""

from __future__ import annotations

from datatrove.data import Document
from datatrove.pipeline.filters.base_filter import BaseFilter

from curation.code.edu import code_edu_score


class CodeEdu(BaseFilter):
    """Sets ``edu_score`` (0-1) and ``edu_label`` (0-5) on code documents; with ``threshold`` and
    ``drop: true`` keeps only documents scoring at least the threshold (``below_edu_threshold``)."""

    name = "code_edu"
    type = "🔻 - FILTER"

    def __init__(self, threshold: float | None = None, drop: bool = False) -> None:
        super().__init__()
        self.threshold, self.drop = threshold, drop

    def filter(self, doc: Document) -> bool | tuple[bool, str]:
        md = doc.metadata
        score = code_edu_score(doc.text, md.get("code_language"), md.get("language_type"))
        md["edu_score"], md["edu_label"] = score, int(round(score * 5))
        self.stat_update(f"edu_label_{md['edu_label']}")
        if self.drop and self.threshold is not None and score < self.threshold:
            return False, "below_edu_threshold"
        return True
