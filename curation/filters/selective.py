"""Apply a filter-like block only to some sources (e.g. HTML extraction only to crawled pages).

Documents from other sources pass untouched and are counted as ``not_applicable``; the inner
block's own counters are carried over so the manifest still shows them under the stage.
"""

from __future__ import annotations

from datatrove.data import Document, DocumentsPipeline
from datatrove.pipeline.filters.base_filter import BaseFilter

from curation.core.stage import SideRecordStage, side_records_of, side_schema_of


class Selective(BaseFilter, SideRecordStage):
    type = "🔻 - FILTER"

    def __init__(self, inner: BaseFilter, sources: list[str]) -> None:
        super().__init__()
        self.inner = inner
        self.sources = frozenset(sources)
        self.name = getattr(inner, "name", type(inner).__name__)

    @property
    def side_records(self) -> list:
        """The inner stage's sidecar records (e.g. decontamination hits), so the runner still finds them."""
        return side_records_of(self.inner)

    @property
    def side_schema(self):
        return side_schema_of(self.inner)

    def filter(self, doc: Document) -> bool | tuple[bool, str]:
        if doc.metadata.get("source") not in self.sources:
            self.stat_update("not_applicable")
            return True
        return self.inner.filter(doc)

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        try:
            yield from super().run(data, rank, world_size)
        finally:
            for key, stat in self.inner.stats.stats.items():
                self.stats[key] = self.stats[key] + stat if key in self.stats.stats else stat
