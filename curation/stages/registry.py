"""Stage names a recipe may use, their parameters checked against each block's own signature.

Any datatrove block can be used by import path (``block: datatrove.pipeline.filters.URLFilter``);
our named stages are the same kind of object: ``PipelineStep``s with typed ``__init__`` arguments.
"""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import typing
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from datatrove.pipeline.base import PipelineStep
from pydantic import ConfigDict, ValidationError, create_model

from curation.core.stage import WholeRunStage
from curation.dedup.stages import GLOBAL_STAGES
from curation.filters.by_language import ByLanguage, language_codes
from curation.filters.selective import Selective
from datatrove.pipeline.filters.base_filter import BaseFilter
from curation.recipe.model import Recipe, StageSpec


@dataclass(frozen=True)
class StageDef:
    block: str
    per_language: bool = False


STAGES: dict[str, StageDef] = {
    "extract": StageDef("curation.stages.extract.Extract"),
    "langid": StageDef("curation.stages.langid.LanguageId"),
    "web_quality": StageDef("curation.stages.web_quality.WebQuality"),
    "edu": StageDef("curation.stages.edu.EduScore"),
    "decontaminate": StageDef("curation.stages.decontam.Decontaminate"),
    "code_annotate": StageDef("curation.stages.code_annotate.CodeAnnotate"),  # Stack-style JSONL/parquet
    "code_quality": StageDef("curation.stages.code_quality.CodeQuality"),
    "code_license": StageDef("curation.stages.code_license.CodeLicense"),
    "code_secrets": StageDef("curation.stages.code_secrets.CodeSecrets"),
    "code_edu": StageDef("curation.stages.code_edu.CodeEdu"),
    "gopher_repetition": StageDef("curation.filters.repetition.GopherRepetition", per_language=True),  # n-grams in C
    "gopher_quality": StageDef("curation.filters.gopher.GopherQuality", per_language=True),  # Gopher's word count
    "c4": StageDef("curation.filters.c4.C4Quality", per_language=True),  # C4 curly brackets by rate
    "fineweb": StageDef("curation.filters.fineweb.FineWebQuality", per_language=True),  # per-language sentence ends
}

#: Constructor arguments the pipeline owns; a recipe cannot set them.
RESERVED = {"self", "exclusion_writer"}
#: Keys of ours inside a per-language stage's parameters.
WRAPPER_KEYS = {"languages", "overrides"}
#: A key of ours in any filter-like stage: apply it only to documents of these sources.
SOURCES_KEY = "sources"


class StageError(ValueError):
    def __init__(self, loc: tuple, msg: str) -> None:
        super().__init__(msg)
        self.loc, self.msg = loc, msg


def import_block(path: str) -> type[PipelineStep]:
    from curation.core.compat import patch_datatrove_xxhash

    patch_datatrove_xxhash()  # before a block builds its hash function
    module, _, name = path.rpartition(".")
    try:
        cls = getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError, ValueError) as exc:
        raise StageError((), f"cannot import block {path!r}: {exc}") from None
    if not (inspect.isclass(cls) and issubclass(cls, PipelineStep)):
        raise StageError((), f"{path!r} is not a datatrove PipelineStep")
    return cls


def _lenient(hint: Any) -> Any:
    """``tuple[X]`` in a block's annotations almost always means "a tuple of X": accept any length."""
    if typing.get_origin(hint) is tuple:
        args = typing.get_args(hint)
        if len(args) == 1:
            return tuple[_lenient(args[0]), ...]
    return hint


@lru_cache(maxsize=None)
def params_model(cls: type, per_language: bool):
    """A pydantic model of ``cls.__init__``'s keyword arguments (unknown keys and bad types refused)."""
    try:
        hints = typing.get_type_hints(cls.__init__)
    except Exception:
        hints = {}
    fields: dict[str, Any] = {}
    for name, p in inspect.signature(cls.__init__).parameters.items():
        if name in RESERVED or p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD):
            continue
        if per_language and name == "language":
            continue
        default = ... if p.default is p.empty else p.default
        fields[name] = (_lenient(hints.get(name, Any)), default)
    config = ConfigDict(extra="forbid", arbitrary_types_allowed=True)
    return create_model(f"{cls.__name__}Params", __config__=config, **fields)


def _check(model, params: dict[str, Any], loc: tuple) -> dict[str, Any]:
    try:
        model.model_validate(params)
    except ValidationError as exc:
        err = exc.errors()[0]
        msg = "unknown parameter" if err["type"] == "extra_forbidden" else err["msg"].removeprefix("Value error, ")
        if err["type"] not in ("missing", "extra_forbidden", "value_error"):
            msg += f" (got {err['input']!r})"
        raise StageError((*loc, *err["loc"]), msg) from None
    return params


def global_stage(spec: StageSpec) -> type[WholeRunStage] | None:
    """The class of a global (whole-run) stage such as dedup, or None for a per-document block."""
    if spec.block:
        return None
    return GLOBAL_STAGES.get(spec.name)


def resolve(spec: StageSpec) -> tuple[type[PipelineStep], bool]:
    if spec.block:
        return import_block(spec.block), False
    if spec.name not in STAGES:
        known = ", ".join(sorted([*STAGES, *GLOBAL_STAGES]))
        raise StageError((), f"unknown stage {spec.name!r} (known: {known}; or give `block: module.Class`)")
    d = STAGES[spec.name]
    return import_block(d.block), d.per_language


def split_wrapper(params: dict[str, Any]) -> tuple[dict[str, Any], Any, dict[str, dict]]:
    inner = {k: v for k, v in params.items() if k not in WRAPPER_KEYS}
    return inner, params.get("languages", "default"), params.get("overrides") or {}


def validate_stages(recipe: Recipe) -> None:
    names = set()
    for i, spec in enumerate(recipe.pipeline):
        loc = ("pipeline", i)
        if spec.name in names:
            raise StageError(loc, f"stage name {spec.name!r} used twice: give one a `name:`")
        names.add(spec.name)
        whole_run = global_stage(spec)
        if whole_run is not None:
            _check(whole_run.Params, spec.params, (*loc, "params"))
            continue
        try:
            cls, per_language = resolve(spec)
        except StageError as exc:
            raise StageError(loc, exc.msg) from None
        params = dict(spec.params)
        if SOURCES_KEY in params:
            sources = params.pop(SOURCES_KEY)
            if not (isinstance(sources, list) and sources and all(isinstance(x, str) for x in sources)):
                raise StageError((*loc, "params", SOURCES_KEY), f"a non-empty list of source names (got {sources!r})")
            if not issubclass(cls, BaseFilter):
                raise StageError((*loc, "params", SOURCES_KEY), f"only filter-like blocks can be limited to sources; {cls.__name__} is not one")
        model = params_model(cls, per_language)
        if not per_language:
            _check(model, params, (*loc, "params"))
            continue
        inner, languages, overrides = split_wrapper(params)
        if not (languages in ("*", "default") or (isinstance(languages, list) and all(isinstance(x, str) for x in languages))):
            raise StageError((*loc, "params", "languages"), f"a list of language codes or '*' (got {languages!r})")
        _check(model, inner, (*loc, "params"))
        if not isinstance(overrides, dict):
            raise StageError((*loc, "params", "overrides"), "a mapping of language code to parameters")
        for lang, extra in overrides.items():
            _check(model, {**inner, **(extra or {})}, (*loc, "params", "overrides", lang))


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
