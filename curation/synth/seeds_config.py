"""The ``seeds:`` section of a seeds recipe, validated once at the edge (pydantic, errors naming the field).

Why these defaults (chosen before looking at any run's result, and checked on two different runs):
``clusters: auto`` is the rule of thumb k = sqrt(n / 2) over the eligible documents (Mardia et al.),
bounded to [2, 64]; ``max_share: 1.5`` caps a cluster's seeds at 1.5x its fair share, so one topic
never dominates even when the other clusters are short; ``per_document: 2`` spreads the seeds over
documents (a long book yields many passages, and would otherwise be a topic of its own);
``top_fraction: 0.5`` keeps the upper half of each mix group by ``edu_score`` (ranked inside the
group, because groups score on different scales: the code heuristic is 0-1, the text classifier 0-5).
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from curation.recipe.errors import format_error, read_yaml_mapping, validation_error


class SeedsError(ValueError):
    """A seeds recipe or run folder problem, phrased as one line naming the file, field or column."""


class SeedsConfig(BaseModel):
    """How seeds are picked from a finished run."""

    model_config = ConfigDict(extra="forbid")

    size: int = Field(100, ge=1, description="seeds to pick (fewer when the eligible pool is smaller)")
    clusters: int | Literal["auto"] = Field("auto", description="topic clusters k; auto: round(sqrt(n/2)), 2..64")
    embedding: Literal["wordllama", "tfidf"] = Field("wordllama", description="document vectors for the clustering")
    embed_chars: int = Field(2000, ge=100, description="characters of each document embedded")
    seed: int = Field(1234, description="k-means initialisation and the random baseline sample")
    top_fraction: float = Field(0.5, gt=0, le=1, description="keep this top fraction of each group by edu_score")
    max_share: float = Field(1.5, ge=1, description="cap of a cluster's seeds, times its fair share size/k")
    per_document: int = Field(2, ge=1, description="at most this many seeds from one document")
    passage_chars: int = Field(1500, ge=100, description="passage budget in characters (paragraphs merged up to it)")
    min_passage_chars: int = Field(200, ge=1, description="shorter passages are dropped (counted)")
    groups: list[str] | None = Field(None, description="only documents of these mix groups (default: all)")


def load_seeds_config(path: str | Path | None) -> SeedsConfig:
    """The ``seeds:`` section of ``path`` (defaults when no path is given), or ``SeedsError``."""
    if path is None:
        return SeedsConfig()
    path = Path(path)
    root, raw, data = read_yaml_mapping(path, SeedsError, "seeds recipe")
    if "seeds" not in data:
        raise SeedsError(f"{path}: seeds: missing (a seeds recipe holds a 'seeds:' mapping)")
    section = data["seeds"] or {}
    if not isinstance(section, dict):
        raise SeedsError(f"{path}: seeds: a mapping of settings, got {type(section).__name__}")
    try:
        return SeedsConfig.model_validate(section)
    except ValidationError as exc:
        loc, msg = validation_error(exc)
        raise SeedsError(format_error(str(path), root, raw, ("seeds", *loc), msg)) from None
