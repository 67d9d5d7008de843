"""The dedup stages a recipe can name. They are global: each sees every document of the run."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from curation.dedup.fuzzy import run_fuzzy
from curation.dedup.keyed import run_keyed
from curation.dedup.minhash import MinHashConfig
from curation.core.stage import WholeRunStage
from curation.core.view import GlobalContext


class _Params(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    partitions: int = Field(16, ge=1, le=4096, description="hash partitions of the distributed group-by")
    prefer: str | None = Field(None, description="metadata field whose higher value wins inside a group")


class ExactDedup(WholeRunStage):
    """Same text after NFKC, case and whitespace folding -> keep one (see survivors.py for which)."""

    Params = _Params

    def run(self, ctx: GlobalContext) -> dict[str, Any]:
        return run_keyed(ctx, "exact", self.name, self.params.partitions, self.params.prefer)


class UrlDedup(ExactDedup):
    """Same normalised URL (scheme, www., default port, fragment, tracking parameters ignored)."""

    def run(self, ctx: GlobalContext) -> dict[str, Any]:
        return run_keyed(ctx, "url", self.name, self.params.partitions, self.params.prefer)


class FuzzyParams(_Params):
    ngram: int = Field(5, ge=1, le=50)
    bands: int = Field(14, ge=1, le=512)
    rows: int = Field(8, ge=1, le=64)
    seed: int = 1
    # 5: a network, not a product's handful of variants; fired on no real page family at 2 (benchmarks/doorway_check.py)
    doorway_min_pages: int | None = Field(
        5, ge=2, le=10_000,
        description="drop whole a cluster's doorway group: this many pages of one host, same text but for words of their own URLs (dedup/doorway.py); null: off")


class FuzzyDedup(WholeRunStage):
    """MinHash-LSH near-duplicates; see minhash.py for the S-curve the band layout implies."""

    Params = FuzzyParams

    def run(self, ctx: GlobalContext) -> dict[str, Any]:
        p = self.params
        config = MinHashConfig(ngram=p.ngram, bands=p.bands, rows=p.rows, seed=p.seed)
        return run_fuzzy(ctx, self.name, config, p.partitions, p.prefer, p.doorway_min_pages)


GLOBAL_STAGES: dict[str, type[WholeRunStage]] = {"dedup_exact": ExactDedup, "dedup_url": UrlDedup, "dedup_fuzzy": FuzzyDedup}
