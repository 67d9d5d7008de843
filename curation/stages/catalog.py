"""What a recipe may name, and its parameters checked, without importing any stage.

The driver validates a recipe, resolves its file parameters and plans its run from this table
alone: each named stage's import path (imported only by the workers that build it), its options as
a pydantic model written here (tests/test_stage_catalog.py checks that every model equals the one
derived from the class's ``__init__``), and the capabilities the driver acts on. The classes and
their imports (datatrove, polars, pyarrow, tokenizers: ~100 MiB) stay out of the driver. A
``block: module.Class`` entry is the exception: that class is imported to read its signature.
"""

from __future__ import annotations

import importlib
import inspect
import typing
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError, create_model

from curation.decontam.benchmarks import BenchmarkSpec
from curation.decontam.index import Rule
from curation.dedup.params import FuzzyParams, KeyedParams
from curation.recipe.model import Recipe, StageSpec

#: Constructor arguments the pipeline owns; a recipe cannot set them.
RESERVED = {"self", "exclusion_writer"}
#: Keys of ours inside a per-language stage's parameters.
WRAPPER_KEYS = {"languages", "overrides"}
#: A key of ours in any filter-like stage: apply it only to documents of these sources.
SOURCES_KEY = "sources"
#: Options models are as strict as the recipe: unknown keys and bad types are refused.
OPTIONS_CONFIG = ConfigDict(extra="forbid", arbitrary_types_allowed=True)

Opt = float | None  # the many optional thresholds of the heuristic filters
Pairs = tuple[tuple[int, float], ...]


class StageError(ValueError):
    def __init__(self, loc: tuple, msg: str) -> None:
        super().__init__(msg)
        self.loc, self.msg = loc, msg


@dataclass(frozen=True)
class StageInfo:
    """A per-document stage as the driver sees it. ``options``: its ``__init__`` keywords (without
    ``language`` for a per-language stage); ``filter_like``: a datatrove ``BaseFilter`` (may take
    ``sources:``); ``path_params``/``prepared``: its ``PreparedStage`` declarations."""

    block: str
    options: type[BaseModel]
    per_language: bool = False
    filter_like: bool = True
    path_params: tuple[str, ...] = ()
    prepared: bool = False


@dataclass(frozen=True)
class GlobalInfo:
    """A whole-run stage: its class by import path and its validated ``Params``."""

    block: str
    params: type[BaseModel]


def _options(name: str, **fields: tuple[Any, Any]) -> type[BaseModel]:
    return create_model(f"{name}Params", __config__=OPTIONS_CONFIG, **fields)


_FILTERS = "curation.filters."
STAGES: dict[str, StageInfo] = {
    "extract": StageInfo("curation.stages.extract.Extract", _options(
        "Extract", timeout=(float, 5.0), method=(Literal["auto", "trafilatura"], "auto"), model=(str | None, None),
        favor_precision=(bool | None, None), favor_recall=(bool | None, None), include_tables=(bool | None, None),
        min_chars=(int, 1)), path_params=("model",), prepared=True),
    "langid": StageInfo("curation.stages.langid.LanguageId", _options(
        "LanguageId", model_path=(str | None, None), min_score=(float, 0.5), languages=(list[str] | None, None),
        max_chars=(int, 10_000), second_model=(str | None, "cld2+lingua"), sure=(float, 0.9),
        first_chars=(int | None, 500)), path_params=("model_path",), prepared=True),
    "web_quality": StageInfo("curation.stages.web_quality.WebQuality", _options(
        "WebQuality", repair_mojibake=(bool, True), error_pages=(bool, True), adult_gambling=(bool, True),
        cjk_rules=(bool, True), cjk_min_chars=(int, 100), cjk_min_terminal_lines=(float | None, None),
        adult_min_rate=(float, 0.004)), prepared=True),
    "edu": StageInfo("curation.stages.edu.EduScore", _options(
        "EduScore", classifier=(str | None, None), classifiers=(dict[str, str] | None, None),
        threshold=(float | None, None), drop=(bool, True), train=(bool, False), batch_size=(int, 512),
        trained_languages=(dict[str, list[str]] | None, None), model_sha256=(dict[str, str] | None, None)),
        path_params=("classifier", "classifiers"), prepared=True),
    "decontaminate": StageInfo("curation.stages.decontam.Decontaminate", _options(
        "Decontaminate", benchmarks=(list[BenchmarkSpec] | None, None), mode=(Literal["drop", "cut"], "drop"),
        margin=(int, 200), min_keep_words=(int, 50), rule=(Rule | None, None), index=(str | None, None),
        index_digest=(str | None, None)), path_params=("benchmarks", "index"), prepared=True),
    # Stack-style JSONL/parquet
    "code_annotate": StageInfo("curation.stages.code_annotate.CodeAnnotate", _options(
        "CodeAnnotate", path_field=(str, "path"), license_field=(str, "license"))),
    "code_quality": StageInfo("curation.stages.code_quality.CodeQuality", _options(
        "CodeQuality", languages=(list[str] | None, None), types=(list[str], ("programming", "markup", "prose", "data")),
        max_line_length=(int, 1000), max_mean_line_length=(float, 100.0), min_alnum_fraction=(float, 0.25),
        max_comment_fraction=(float, 0.8), min_comment_fraction=(float, 0.0), min_comment_lines=(int, 20),
        max_data_chars=(int, 5000), min_chars=(int, 20), max_blob_chars=(int, 1024), max_blob_fraction=(float, 0.5),
        python_must_parse=(bool, True))),
    "code_license": StageInfo("curation.stages.code_license.CodeLicense", _options(
        "CodeLicense", allow=(str | list[str], "permissive"), keep_unknown=(bool, False))),
    "code_secrets": StageInfo("curation.stages.code_secrets.CodeSecrets", _options("CodeSecrets", batch_size=(int, 1))),
    "code_edu": StageInfo("curation.stages.code_edu.CodeEdu", _options(
        "CodeEdu", threshold=(float | None, None), drop=(bool, False))),
    # n-grams counted in C
    "gopher_repetition": StageInfo(_FILTERS + "repetition.GopherRepetition", _options(
        "GopherRepetitionFilter", dup_line_frac=(Opt, 0.3), dup_para_frac=(Opt, 0.3), dup_line_char_frac=(Opt, 0.2),
        dup_para_char_frac=(Opt, 0.2), top_n_grams=(Pairs, ((2, 0.2), (3, 0.18), (4, 0.16))),
        dup_n_grams=(Pairs, ((5, 0.15), (6, 0.14), (7, 0.13), (8, 0.12), (9, 0.11), (10, 0.1)))), per_language=True),
    # Gopher's word count
    "gopher_quality": StageInfo(_FILTERS + "gopher.GopherQuality", _options(
        "GopherQuality", min_doc_words=(int | None, 50), max_doc_words=(int | None, 100_000),
        min_avg_word_length=(int | None, 3), max_avg_word_length=(int | None, 10), max_symbol_word_ratio=(Opt, 0.1),
        max_bullet_lines_ratio=(Opt, 0.9), max_ellipsis_lines_ratio=(Opt, 0.3), max_non_alpha_words_ratio=(Opt, 0.8),
        min_stop_words=(int | None, 2), stop_words=(list[str] | None, None)), per_language=True),
    # C4 curly brackets by rate
    "c4": StageInfo(_FILTERS + "c4.C4Quality", _options(
        "C4Quality", split_paragraph=(bool, True), remove_citations=(bool, True), filter_no_terminal_punct=(bool, True),
        min_num_sentences=(int, 5), min_words_per_line=(int, 3), max_word_length=(int, 1000),
        filter_lorem_ipsum=(bool, True), filter_javascript=(bool, True), filter_curly_bracket=(bool, True),
        filter_policy=(bool, True), max_curly_bracket_lines=(float, 0.1)), per_language=True),
    # per-language sentence ends
    "fineweb": StageInfo(_FILTERS + "fineweb.FineWebQuality", _options(
        "FineWebQuality", line_punct_thr=(float, 0.12), line_punct_exclude_zero=(bool, False),
        stop_chars=(tuple[str, ...] | None, None), short_line_thr=(float, 0.67), short_line_length=(int, 30),
        char_duplicates_ratio=(float, 0.01), new_line_ratio=(float, 0.3)), per_language=True),
}

GLOBAL_STAGES: dict[str, GlobalInfo] = {
    "dedup_exact": GlobalInfo("curation.dedup.stages.ExactDedup", KeyedParams),
    "dedup_url": GlobalInfo("curation.dedup.stages.UrlDedup", KeyedParams),
    "dedup_fuzzy": GlobalInfo("curation.dedup.stages.FuzzyDedup", FuzzyParams),
}


def import_block(path: str) -> type:
    """The ``PipelineStep`` class at ``path`` (imports it, and datatrove)."""
    from datatrove.pipeline.base import PipelineStep

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
def params_model(cls: type, per_language: bool) -> type[BaseModel]:
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
    return create_model(f"{cls.__name__}Params", __config__=OPTIONS_CONFIG, **fields)


def info_of_class(cls: type, block: str, per_language: bool = False) -> StageInfo:
    """What the driver needs of a stage class, read from the class itself (``block:`` entries)."""
    from datatrove.pipeline.filters.base_filter import BaseFilter

    from curation.core.stage import PreparedStage, path_params_of

    return StageInfo(block, params_model(cls, per_language), per_language, issubclass(cls, BaseFilter),
                     tuple(path_params_of(cls)), issubclass(cls, PreparedStage))


def global_class(spec: StageSpec) -> type | None:
    """The class of a whole-run stage (imports its module: the driver runs it), or None."""
    if not is_global(spec):
        return None
    module, _, name = GLOBAL_STAGES[spec.name].block.rpartition(".")
    return getattr(importlib.import_module(module), name)


def is_global(spec: StageSpec) -> bool:
    """A whole-run stage such as dedup (a ``block:`` entry never is)."""
    return not spec.block and spec.name in GLOBAL_STAGES


def stage_info(spec: StageSpec) -> StageInfo:
    """A per-document entry's info: from the table for a named stage, from its class for a ``block:``."""
    if spec.block:
        return info_of_class(import_block(spec.block), spec.block)
    if spec.name not in STAGES:
        known = ", ".join(sorted([*STAGES, *GLOBAL_STAGES]))
        raise StageError((), f"unknown stage {spec.name!r} (known: {known}; or give `block: module.Class`)")
    return STAGES[spec.name]


def split_wrapper(params: dict[str, Any]) -> tuple[dict[str, Any], Any, dict[str, dict]]:
    inner = {k: v for k, v in params.items() if k not in WRAPPER_KEYS}
    return inner, params.get("languages", "default"), params.get("overrides") or {}


def _check(model: type[BaseModel], params: dict[str, Any], loc: tuple) -> dict[str, Any]:
    try:
        model.model_validate(params)
    except ValidationError as exc:
        err = exc.errors()[0]
        msg = "unknown parameter" if err["type"] == "extra_forbidden" else err["msg"].removeprefix("Value error, ")
        if err["type"] not in ("missing", "extra_forbidden", "value_error"):
            msg += f" (got {err['input']!r})"
        raise StageError((*loc, *err["loc"]), msg) from None
    return params


def validate_stages(recipe: Recipe) -> None:
    names = set()
    for i, spec in enumerate(recipe.pipeline):
        loc = ("pipeline", i)
        if spec.name in names:
            raise StageError(loc, f"stage name {spec.name!r} used twice: give one a `name:`")
        names.add(spec.name)
        if is_global(spec):
            _check(GLOBAL_STAGES[spec.name].params, spec.params, (*loc, "params"))
            continue
        try:
            info = stage_info(spec)
        except StageError as exc:
            raise StageError(loc, exc.msg) from None
        _check_entry(info, dict(spec.params), loc)


def _check_entry(info: StageInfo, params: dict[str, Any], loc: tuple) -> None:
    if SOURCES_KEY in params:
        sources = params.pop(SOURCES_KEY)
        if not (isinstance(sources, list) and sources and all(isinstance(x, str) for x in sources)):
            raise StageError((*loc, "params", SOURCES_KEY), f"a non-empty list of source names (got {sources!r})")
        if not info.filter_like:
            name = info.block.rsplit(".", 1)[-1]
            raise StageError((*loc, "params", SOURCES_KEY), f"only filter-like blocks can be limited to sources; {name} is not one")
    if not info.per_language:
        _check(info.options, params, (*loc, "params"))
        return
    inner, languages, overrides = split_wrapper(params)
    if not (languages in ("*", "default") or (isinstance(languages, list) and all(isinstance(x, str) for x in languages))):
        raise StageError((*loc, "params", "languages"), f"a list of language codes or '*' (got {languages!r})")
    _check(info.options, inner, (*loc, "params"))
    if not isinstance(overrides, dict):
        raise StageError((*loc, "params", "overrides"), "a mapping of language code to parameters")
    for lang, extra in overrides.items():
        _check(info.options, {**inner, **(extra or {})}, (*loc, "params", "overrides", lang))
