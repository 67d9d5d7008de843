"""Stage blocks built from recipe entries, in the workers that run them.

What a recipe may name and how its parameters are checked is ``curation.stages.catalog`` (light,
used by the driver); this module imports the classes. Any datatrove block can be used by import
path (``block: datatrove.pipeline.filters.URLFilter``); our named stages are the same kind of
object: ``PipelineStep``s with typed ``__init__`` arguments.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from datatrove.pipeline.base import PipelineStep

from curation.core.stage import WholeRunStage
from curation.filters.by_language import ByLanguage, language_codes
from curation.filters.selective import Selective
from curation.recipe.model import StageSpec
from curation.stages.catalog import (GLOBAL_STAGES, RESERVED, SOURCES_KEY, STAGES, WRAPPER_KEYS, StageError, StageInfo,
                                     global_class, import_block, params_model, split_wrapper, stage_info, validate_stages)

__all__ = ["GLOBAL_STAGES", "RESERVED", "SOURCES_KEY", "STAGES", "WRAPPER_KEYS", "StageError", "StageInfo", "build_stage",
           "build_steps", "global_stage", "import_block", "params_model", "resolve", "split_wrapper", "validate_stages"]


def global_stage(spec: StageSpec) -> type[WholeRunStage] | None:
    """The class of a global (whole-run) stage such as dedup, or None for a per-document block."""
    return global_class(spec)


def resolve(spec: StageSpec) -> tuple[type[PipelineStep], bool]:
    if spec.block:
        return import_block(spec.block), False
    info = stage_info(spec)
    return import_block(info.block), info.per_language


def _typed(cls: type, params: dict[str, Any]) -> dict[str, Any]:
    """A block's mapping parameters as the dataclass its ``__init__`` expects (e.g. datatrove's
    ``BloomFilterConfig``), as validated; everything else as written."""
    if not any(isinstance(v, dict) for v in params.values()):
        return params
    validated = params_model(cls, False).model_validate(params)
    return {k: getattr(validated, k) if isinstance(v, dict) and dataclasses.is_dataclass(getattr(validated, k)) else v
            for k, v in params.items()}


def build_stage(spec: StageSpec) -> PipelineStep:
    """A fresh block instance for one work unit."""
    cls, per_language = resolve(spec)
    params = dict(spec.params)
    sources = params.pop(SOURCES_KEY, None)
    if not per_language:
        step = cls(**_typed(cls, params))
    else:
        inner, languages, overrides = split_wrapper(params)
        if languages == "default":
            languages = language_codes(spec.name)
        step = ByLanguage(cls, inner, languages=languages, overrides=overrides, stage=spec.name)
    if sources is not None:
        step = Selective(step, sources)
    return step


def build_steps(specs: list[StageSpec]) -> list[PipelineStep]:
    return [build_stage(spec) for spec in specs]
