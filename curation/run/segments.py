"""A pipeline is per-document segments separated by global stages (dedup): each segment is one pass
over the work units, each global stage one whole-run computation between passes. A recipe's mix is
the last global stage: it writes the shards, so no pass follows it."""

from __future__ import annotations

from dataclasses import dataclass

from curation.core.stage import WholeRunStage
from curation.recipe.model import Recipe, StageSpec
from curation.stages.catalog import global_class

#: The mix's name among the stages (its folder, its manifest timings); a recipe gives it as ``mix:``.
MIX = "mix"


@dataclass(frozen=True)
class Segment:
    kind: str  # "docs" or "global"
    specs: tuple[StageSpec, ...]
    index: int  # position among segments of its kind
    stage: type[WholeRunStage] | None = None  # a global segment's stage class
    positions: tuple[int, ...] = ()  # where ``specs`` stand in ``recipe.pipeline`` (none for the mix)


def split_segments(recipe: Recipe) -> list[Segment]:
    """Docs segments and global stages in pipeline order. The run starts with a docs pass (reading the
    inputs) and ends with one (writing what the last global stage kept); consecutive global stages
    share one view of the documents, so no empty pass is run between them."""
    out: list[Segment] = []
    current: list[tuple[int, StageSpec]] = []
    passes = globals_ = 0
    for pos, spec in enumerate(recipe.pipeline):
        stage = global_class(spec)  # imported here: the driver runs it (a docs stage is not imported)
        if stage is None:
            current.append((pos, spec))
            continue
        if passes == 0 or current:
            out.append(_docs(current, passes))
            passes += 1
        current = []
        out.append(Segment("global", (spec,), globals_, stage, (pos,)))
        globals_ += 1
    out.append(_docs(current, passes))  # the first pass, or the one after the last global
    if recipe.mix is not None:
        from curation.mix.run import MixStage

        params = {"spec": recipe.mix, "shard_bytes": int(recipe.output.shard_bytes),
                  "row_group_rows": recipe.output.row_group_rows}
        out.append(Segment("global", (StageSpec(name=MIX, params=params),), globals_, MixStage))
    return out


def _docs(current: list[tuple[int, StageSpec]], index: int) -> Segment:
    return Segment("docs", tuple(s for _, s in current), index, positions=tuple(p for p, _ in current))
