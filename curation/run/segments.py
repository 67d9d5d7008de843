"""A pipeline is per-document segments separated by global stages (dedup): each segment is one pass
over the work units, each global stage one whole-run computation between passes."""

from __future__ import annotations

from dataclasses import dataclass

from curation.recipe.model import Recipe, StageSpec
from curation.stages.registry import global_stage


@dataclass(frozen=True)
class Segment:
    kind: str  # "docs" or "global"
    specs: tuple[StageSpec, ...]
    index: int  # position among segments of its kind


def split_segments(recipe: Recipe) -> list[Segment]:
    """Docs segments and global stages in pipeline order. The run starts with a docs pass (reading the
    inputs) and ends with one (writing what the last global stage kept); consecutive global stages
    share one view of the documents, so no empty pass is run between them."""
    out: list[Segment] = []
    current: list[StageSpec] = []
    passes = globals_ = 0
    for spec in recipe.pipeline:
        if global_stage(spec) is None:
            current.append(spec)
            continue
        if passes == 0 or current:
            out.append(Segment("docs", tuple(current), passes))
            passes += 1
        current = []
        out.append(Segment("global", (spec,), globals_))
        globals_ += 1
    out.append(Segment("docs", tuple(current), passes))  # the first pass, or the one after the last global
    return out
