"""The dedup stages' parameters, apart from the stages: the driver validates a recipe with these
alone (curation/stages/catalog.py), without importing polars and the dedup code."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class KeyedParams(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    partitions: int = Field(16, ge=1, le=4096, description="hash partitions of the distributed group-by")
    prefer: str | None = Field(None, description="metadata field whose higher value wins inside a group")


class FuzzyParams(KeyedParams):
    ngram: int = Field(5, ge=1, le=50)
    bands: int = Field(14, ge=1, le=512)
    rows: int = Field(8, ge=1, le=64)
    seed: int = 1
    # 5: a network, not a product's handful of variants; fired on no real page family at 2 (benchmarks/doorway_check.py)
    doorway_min_pages: int | None = Field(
        5, ge=2, le=10_000,
        description="drop whole a cluster's doorway group: this many pages of one host, same text but for words of their own URLs (dedup/doorway.py); null: off")
