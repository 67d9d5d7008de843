"""A classifier recipe (``classifiers/<name>/recipe.yaml``): training data, labels, fastText settings.

Two routes, both fastText supervised models:

* ``graded`` (FineWeb-Edu): rows with a text and a 0-5 score, e.g. LLM annotations
  (``curation.classify.annotate`` writes ``{id, text, score}``; the public FineWeb-Edu Llama-3
  annotations have ``text`` and ``score``). Labels ``__label__0`` .. ``__label__5``.
* ``reference`` (DCLM): "high quality" reference documents against random web documents.
  Labels ``__label__hq`` / ``__label__lq``.

Paths inside a recipe are relative to the recipe file (or absolute, or fsspec URLs). The recipe is
validated once when loaded; an unknown key or a bad value is refused with one line naming the file,
the YAML line and the field.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (BaseModel, ConfigDict, Field, PrivateAttr, StringConstraints, TypeAdapter, ValidationError,
                      ValidationInfo, field_validator)

from curation.classify.text import DEFAULT_MAX_CHARS

#: The graded labels: integer scores 0..5 (FineWeb-Edu's additive 5-point rubric).
MIN_GRADE, MAX_GRADE = 0, 5

Route = Literal["graded", "reference"]
Format = Literal["auto", "jsonl", "parquet"]
#: Readers for reference documents (``curation.classify.sources``): ``records`` is JSONL/parquet with
#: a text field; the others are small loaders for formats the academic readers will cover properly.
Kind = Literal["records", "warc", "html", "arxiv", "stackexchange", "mediawiki", "gutenberg", "text"]


class ClassifierRecipeError(ValueError):
    """A classifier recipe problem, phrased as one line naming the file, line and field."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _resolve(paths: list[str], info: ValidationInfo) -> list[str]:
    base = (info.context or {}).get("base_dir")
    if not base:
        return paths
    return [p if ("://" in p or os.path.isabs(p)) else os.path.normpath(os.path.join(base, p)) for p in paths]


class _PathsMixin(_Strict):
    paths: list[str] = Field(min_length=1, description="files, folders or globs; relative to the recipe file")

    @field_validator("paths", mode="before")
    @classmethod
    def _one_or_many(cls, v: Any) -> Any:
        return [v] if isinstance(v, str) else v

    @field_validator("paths")
    @classmethod
    def _relative_to_recipe(cls, v: list[str], info: ValidationInfo) -> list[str]:
        if any(not p.strip() for p in v):
            raise ValueError("empty path")
        return _resolve(v, info)


class _Provenance(_Strict):
    """Where training data comes from and under which licence: training refuses a source without both."""

    origin: str | None = Field(None, description="where the files come from (repository @ commit, path, who made them)")
    licence: str | None = Field(None, description="the licence of the data (SPDX id or its name)")


class GradedSource(_PathsMixin, _Provenance):
    """JSONL or parquet rows with a text and a 0-5 score (floats round half up: 2.5 -> 3)."""

    format: Format = "auto"
    text_field: str = "text"
    score_field: str = "score"
    max_docs: int | None = Field(None, ge=1, description="seeded random sample of at most this many rows")


class ReferenceSource(_PathsMixin, _Provenance):
    """Documents of one side (positive = high quality, negative = random web)."""

    kind: Kind = "records"
    format: Format = "auto"
    text_field: str = "text"
    max_docs: int | None = Field(None, ge=1, description="seeded random sample of at most this many documents")
    chunk_chars: int | None = Field(None, ge=200, description="split long texts into ~this many characters at paragraph breaks")
    min_chars: int = Field(0, ge=0, description="drop texts shorter than this (counted as too_short)")


class DataSpec(_Strict):
    """``sources`` for route graded; ``positive`` and ``negative`` for route reference."""

    sources: list[GradedSource] | None = Field(None, min_length=1)
    positive: list[ReferenceSource] | None = Field(None, min_length=1)
    negative: list[ReferenceSource] | None = Field(None, min_length=1)


class EvalSpec(_PathsMixin):
    """A labelled file evaluated after training; its metrics go into the card under ``name``."""

    name: str = Field(pattern=r"^[A-Za-z0-9_.-]+$")
    format: Format = "auto"
    text_field: str = "text"
    label_field: str = "label"
    scheme: Literal["model", "binary"] = Field(
        "model", description="binary: 0/1 labels (1 = high quality) even for a graded model: ROC-AUC of the score, "
                             "accuracy of the keep decision")
    description: str = ""


class FastTextParams(_Strict):
    """fastText ``train_supervised`` arguments (same names). No subwords (minn = maxn = 0): faster."""

    lr: float = Field(0.1, gt=0, le=10)
    epoch: int = Field(10, ge=1, le=1000)
    wordNgrams: int = Field(2, ge=1, le=5)
    dim: int = Field(32, ge=1, le=1024)
    minCount: int = Field(1, ge=1)
    loss: Literal["softmax", "hs", "ova"] = "softmax"
    bucket: int = Field(200_000, ge=0, le=10_000_000)
    thread: Literal[1] = Field(1, description="fixed to 1: with more threads fastText's result depends on scheduling")
    seed: int | None = Field(None, description="fastText's seed; default: the recipe's seed")


class ModelSpec(_Strict):
    """Which model: fastText (``fasttext`` settings below) or a linear head on wordllama embeddings."""

    kind: Literal["fasttext", "wordllama_linear", "minilm_linear"] = "fasttext"
    embed_chars: int = Field(2000, ge=100, description="wordllama_linear: characters of the prepared text embedded")
    alpha: float = Field(1.0, gt=0, description="wordllama_linear: ridge penalty (graded; reference with a bag)")
    C: float = Field(1.0, gt=0, description="wordllama_linear, reference: inverse L2 penalty of the logistic head")
    bag_buckets: int = Field(0, ge=0, le=65536, description="wordllama_linear: add a bag of the embedded "
                             "tokens hashed into this many buckets (0: none; 16384 = 44 KB of float16 weights); "
                             "reference: the head becomes ridge + Platt scaling instead of logistic")
    bag_scale: float = Field(1.0, gt=0, description="wordllama_linear: weight of the bag beside the "
                             "embedding in the ridge penalty (a larger scale lets the bag weigh more)")
    threshold_from_cv: bool = Field(
        False, description="wordllama_linear, graded: set the keep threshold on the predicted grade to the one with the "
                           "best F1(grade >= 3) in 5-fold cross-validation on the training split (never the held-out)")
    length_boost: float = Field(
        0.0, ge=0, le=5, description="wordllama_linear, graded: add this many grade points per standard deviation "
                                     "of the length feature (over the training rows) to the fitted head")
    minilm_tokens: int = Field(256, ge=16, le=512, description="minilm_linear: WordPiece tokens of the prepared text "
                               "the MiniLM encoder reads ([CLS] and [SEP] included; sentence-transformers' default 256)")
    minilm_scale: float = Field(1.0, gt=0, description="minilm_linear: weight of the MiniLM embedding (and a copy of "
                                "the length feature) beside the wordllama features in the ridge penalty")


#: The languages a classifier is taken to be trained on when its recipe does not say (the committed
#: models were all trained on English text).
DEFAULT_LANGUAGES = ("en",)
Language = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(?:[-_][A-Za-z0-9]+)*$")]  # a langid code
_LANGUAGES = TypeAdapter(list[Language])


def _languages(v: Any) -> Any:
    return [v] if isinstance(v, str) else v


class ClassifierRecipe(_Strict):
    """One classifier: where its labelled data comes from, how it is trained, and its threshold."""

    name: str = Field(pattern=r"^[A-Za-z0-9_.-]+$")
    description: str = ""
    route: Route
    data: DataSpec
    model: ModelSpec = Field(default_factory=ModelSpec)
    fasttext: FastTextParams = Field(default_factory=FastTextParams)
    holdout: float = Field(0.2, ge=0, lt=1, description="fraction of each class held out for evaluation")
    seed: int = 0
    threshold: float | None = Field(
        None, description="graded: keep if the predicted grade >= threshold (default 3); "
                          "reference: keep if P(hq) >= threshold (default 0.5)")
    min_rows: int = Field(50, ge=2, description="refuse to train on fewer usable rows than this")
    max_chars: int = Field(DEFAULT_MAX_CHARS, ge=100, description="characters of a document the model reads")
    dedup: bool = Field(True, description="drop repeated texts (after normalisation) before the split")
    balance: Literal["none", "oversample", "undersample"] = Field(
        "none", description="equalise the classes of the training split (seeded): repeat rows of the smaller "
                            "classes, or sample the larger ones down; the held-out split keeps its natural mix")
    evaluations: list[EvalSpec] = Field(default_factory=list)
    languages: list[Language] = Field(
        list(DEFAULT_LANGUAGES), min_length=1,
        description="languages (langid codes) of the training text: the edu stage counts and warns about "
                    "documents of other languages it scores")

    _base_dir: str | None = PrivateAttr(None)
    _source_file: str | None = PrivateAttr(None)

    _one_or_many_languages = field_validator("languages", mode="before")(_languages)

    @field_validator("data")
    @classmethod
    def _data_for_route(cls, v: DataSpec, info: ValidationInfo) -> DataSpec:
        route = info.data.get("route")
        if route == "graded":
            if v.sources is None:
                raise ValueError("route 'graded' needs data.sources: a list of {paths, text_field, score_field}")
            if v.positive is not None or v.negative is not None:
                raise ValueError("route 'graded' takes data.sources, not data.positive/negative")
        elif route == "reference":
            if v.positive is None or v.negative is None:
                raise ValueError("route 'reference' needs data.positive and data.negative (lists of sources)")
            if v.sources is not None:
                raise ValueError("route 'reference' takes data.positive/negative, not data.sources")
        return v

    @field_validator("model")
    @classmethod
    def _length_boost_graded(cls, v: ModelSpec, info: ValidationInfo) -> ModelSpec:
        if v.length_boost and (info.data.get("route") != "graded" or v.kind != "wordllama_linear"):
            raise ValueError("length_boost is for a graded wordllama_linear model only")
        if v.kind == "minilm_linear" and info.data.get("route") != "graded":
            raise ValueError("kind minilm_linear is for route graded only")
        return v

    @field_validator("threshold")
    @classmethod
    def _threshold_range(cls, v: float | None, info: ValidationInfo) -> float | None:
        route = info.data.get("route")
        if v is None:
            return None
        if route == "graded" and not MIN_GRADE <= v <= MAX_GRADE:
            raise ValueError(f"a graded threshold is a score in [{MIN_GRADE}, {MAX_GRADE}]")
        if route == "reference" and not 0.0 <= v <= 1.0:
            raise ValueError("a reference threshold is a probability in [0, 1]")
        return v

    # --- derived settings ----------------------------------------------------------------------

    @property
    def keep_threshold(self) -> float:
        if self.threshold is not None:
            return self.threshold
        return 3.0 if self.route == "graded" else 0.5

    @property
    def fasttext_seed(self) -> int:
        return self.fasttext.seed if self.fasttext.seed is not None else self.seed

    @property
    def base_dir(self) -> str | None:
        """Folder of the recipe file (None when built in code)."""
        return self._base_dir

    @property
    def source_file(self) -> str | None:
        return self._source_file

    def display_path(self, path: str) -> str:
        """``path`` relative to the recipe folder when local (for cards that do not name a machine)."""
        if self._base_dir and "://" not in path and os.path.isabs(path):
            return os.path.relpath(path, self._base_dir)
        return path

    @classmethod
    def from_dict(cls, data: dict[str, Any], base_dir: str | Path | None = None) -> ClassifierRecipe:
        """Validate ``data``; relative paths are taken relative to ``base_dir`` when given."""
        base = os.path.abspath(base_dir) if base_dir else None
        recipe = cls.model_validate(data, context={"base_dir": base})
        recipe._base_dir = base
        return recipe

    def dump(self) -> dict[str, Any]:
        """The recipe as plain JSON data, with paths as written relative to the recipe folder."""
        out = self.model_dump(mode="json")

        def rel(obj: Any) -> Any:
            if isinstance(obj, dict):
                return {k: ([self.display_path(p) for p in v] if k == "paths" else rel(v)) for k, v in obj.items()}
            if isinstance(obj, list):
                return [rel(x) for x in obj]
            return obj

        return rel(out)


def load_classifier_recipe(path: str | Path) -> ClassifierRecipe:
    """Load ``classifiers/<name>/recipe.yaml`` (or the folder holding it) and validate it.

    Raises ``ClassifierRecipeError`` with one line ``file:line: field: message``.
    """
    from curation.recipe.errors import format_error, read_yaml_mapping, validation_error

    path = Path(path)
    if path.is_dir():
        path = path / "recipe.yaml"
    root, raw, data = read_yaml_mapping(path, ClassifierRecipeError, "classifier recipe")
    try:
        recipe = ClassifierRecipe.from_dict(data, base_dir=path.parent)
    except ValidationError as exc:
        loc, msg = validation_error(exc)
        raise ClassifierRecipeError(format_error(str(path), root, raw, loc, msg)) from None
    recipe._source_file = str(path)
    return recipe


def trained_languages(model_path: str | Path, card: dict[str, Any] | None = None) -> list[str]:
    """The languages the classifier at ``model_path`` was trained on: its card's recipe (models trained
    since recipes name them), else ``languages`` of the ``recipe.yaml`` beside it (so committed models
    and cards stay byte for byte as they are), else English."""
    langs = ((card or {}).get("recipe") or {}).get("languages")
    recipe_file = Path(model_path).with_name("recipe.yaml")
    if not langs and recipe_file.is_file():
        import yaml

        raw = yaml.safe_load(recipe_file.read_text(encoding="utf-8")) or {}
        langs = raw.get("languages") if isinstance(raw, dict) else None
        if langs is not None:
            try:
                langs = _LANGUAGES.validate_python(_languages(langs))
            except ValidationError as e:
                err = e.errors()[0]
                raise ClassifierRecipeError(f"{recipe_file}: languages: {err['msg']}") from None
    return list(langs or DEFAULT_LANGUAGES)
