"""The dedup stages a recipe can name. They are global: each sees every document of the run."""

from __future__ import annotations

from typing import Any

from curation.dedup.fuzzy import run_fuzzy
from curation.dedup.keyed import run_keyed
from curation.dedup.minhash import MinHashConfig
from curation.dedup.params import FuzzyParams, KeyedParams
from curation.core.stage import WholeRunStage
from curation.core.view import GlobalContext


class ExactDedup(WholeRunStage):
    """Same text after NFKC, case and whitespace folding -> keep one (see survivors.py for which)."""

    Params = KeyedParams

    def run(self, ctx: GlobalContext) -> dict[str, Any]:
        return run_keyed(ctx, "exact", self.name, self.params.partitions, self.params.prefer)


class UrlDedup(ExactDedup):
    """Same normalised URL (scheme, www., default port, fragment, tracking parameters ignored)."""

    def run(self, ctx: GlobalContext) -> dict[str, Any]:
        return run_keyed(ctx, "url", self.name, self.params.partitions, self.params.prefer)


class FuzzyDedup(WholeRunStage):
    """MinHash-LSH near-duplicates; see minhash.py for the S-curve the band layout implies."""

    Params = FuzzyParams

    def run(self, ctx: GlobalContext) -> dict[str, Any]:
        p = self.params
        config = MinHashConfig(ngram=p.ngram, bands=p.bands, rows=p.rows, seed=p.seed)
        return run_fuzzy(ctx, self.name, config, p.partitions, p.prefer, p.doorway_min_pages)


GLOBAL_STAGES: dict[str, type[WholeRunStage]] = {"dedup_exact": ExactDedup, "dedup_url": UrlDedup, "dedup_fuzzy": FuzzyDedup}
