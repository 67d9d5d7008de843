"""Run-start preparation: each stage that asks for it (check or copy a model, train a classifier,
build an index) is prepared once, on the cluster, before any unit.

The recipe stays as it was written (the manifest records it, its hash identifies the run): what the
preparations return is kept beside it, as a ``PreparedRun`` holding one typed ``Prepared`` per
pipeline position, and the passes build their steps from that.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from curation.core.stage import Prepared
from curation.executor.dask import DaskExecutor
from curation.recipe.model import Recipe, StageSpec
from curation.recipe.paths import absolute_param
from curation.run.segments import Segment
from curation.stages.catalog import is_global, stage_info


class PrepareError(RuntimeError):
    """A stage's run-start check or preparation failed (a missing model or word list): one line."""


@dataclass(frozen=True)
class PreparedRun:
    """What run start prepared: ``stages`` maps a pipeline position to what its stage runs with
    (absolute file parameters, prepared models); ``files`` lists what the preparations put in the run
    folder, in pipeline order (the manifest's models)."""

    stages: dict[int, Prepared]

    @property
    def files(self) -> list[dict[str, Any]]:
        return [f for _, p in sorted(self.stages.items()) for f in p.files]

    def specs(self, seg: Segment) -> tuple[StageSpec, ...]:
        """The segment's stages with the parameters they run with (the recipe's own when unprepared)."""
        return tuple(spec if pos not in self.stages else spec.model_copy(update={"params": self.stages[pos].params})
                     for pos, spec in zip(seg.positions, seg.specs, strict=True))


def _absolute_params(params: dict[str, Any], names: tuple[str, ...]) -> dict[str, Any]:
    """Paths in stage parameters are absolute before they reach a worker. ``load_recipe`` already made
    them so (relative to the recipe's root); this covers a ``Recipe`` built in Python (current directory)."""
    return {k: absolute_param(v, Path.cwd()) if k in names else v for k, v in params.items()}


def _prepare_task(spec: StageSpec, params: dict[str, Any], run_dir: str) -> Prepared | None:
    """On a worker: the stage's preparation, or None when its class does not want one for ``params``."""
    from curation.core.stage import PreparedStage
    from curation.stages.registry import resolve

    cls, _ = resolve(spec)
    if not (issubclass(cls, PreparedStage) and cls.wants_preparation(params)):
        return None
    return cls.prepare(dict(params), run_dir)


def prepare_stages(ex: DaskExecutor, recipe: Recipe, run_dir: str) -> PreparedRun:
    """Run the one-off preparations stages ask for (e.g. training a classifier) on the cluster. The
    driver knows which from the stage catalog; the stage classes are imported by the worker only."""
    stages: dict[int, Prepared] = {}
    for pos, spec in enumerate(recipe.pipeline):
        if is_global(spec):
            continue
        info = stage_info(spec)
        params = _absolute_params(spec.params, info.path_params)
        result = None
        if info.prepared:
            (result,) = ex.map(_prepare_task, [spec], f"prepare {spec.name}", params, run_dir)
            try:
                ex.raise_failures([result], f"prepare {spec.name}")
            except RuntimeError as exc:
                raise PrepareError(str(exc)) from None
        if result is not None:
            stages[pos] = Prepared(*result)
        elif params != spec.params:
            stages[pos] = Prepared(params, [])
    return PreparedRun(stages)
