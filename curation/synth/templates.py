"""The synthetic-data job recipe: endpoint, model, prices and the prompt templates, validated at the edge.

A template is a prompt with ``{field}`` slots filled from a seed row (``text``, ``question``,
``answer``, ``source_id``, ...). Before any request the fields every template names are checked
against the seeds' columns (``check_fields``): a slot the seeds lack is refused with the recipe line
that names it, so a typo never costs a whole job of requests.
"""

from __future__ import annotations

import hashlib
import json
import string
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

#: What a template asks for, and so how its replies are checked.
#: textbook: a textbook-style rewrite of a passage; paraphrase: the same content reworded (web rewrites);
#: qa: a step-by-step solution ending in a final answer, sampled ``samples`` times, kept when a plurality
#: agrees; code: a program and its tests, kept when the tests pass.
Kind = Literal["textbook", "paraphrase", "qa", "code"]
#: The mix group a kind's documents go to unless the template names one.
DEFAULT_GROUP = {"textbook": "synthetic", "qa": "synthetic", "code": "synthetic", "paraphrase": "rewrites"}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Template(_Strict):
    """One prompt template and how its replies are sampled and checked."""

    name: str = Field(pattern=r"^[A-Za-z0-9_-]+$")
    kind: Kind
    prompt: str = Field(min_length=1, description="user message; {field} slots are filled from the seed row")
    system: str | None = Field(None, description="system message (no slots)")
    group: str | None = Field(None, pattern=r"^[A-Za-z0-9_-]+$", description="output group; default by kind")
    seed_kind: Literal["passage", "qa"] | None = Field(None, description="only seeds of this kind; default all")
    samples: int = Field(1, ge=1, le=64, validate_default=True,
                         description="replies per seed (qa: the k of the plurality vote)")
    temperature: float = Field(0.0, ge=0, le=2, validate_default=True)
    max_tokens: int = Field(1024, ge=1)
    min_share: float = Field(0.5, gt=0, le=1, description="qa: share of the k answers the plurality needs")
    min_chars: int = Field(200, ge=0, description="textbook/paraphrase: shorter replies are rejected as too_short")
    check_language: bool = Field(True, description="reject replies not in the job's language (not for code)")

    @field_validator("prompt")
    @classmethod
    def _slots(cls, v: str) -> str:
        fields(v)  # a malformed slot ("{text") fails here
        return v

    @field_validator("samples")
    @classmethod
    def _vote(cls, v: int, info: ValidationInfo) -> int:
        if info.data.get("kind") == "qa" and v < 2:
            raise ValueError("a qa template needs >= 2 samples for a plurality vote")
        return v

    @field_validator("temperature")
    @classmethod
    def _varied(cls, v: float, info: ValidationInfo) -> float:
        if (info.data.get("samples") or 1) > 1 and v == 0:
            raise ValueError("must be > 0 when samples > 1 (identical replies prove nothing)")
        return v

    @property
    def output_group(self) -> str:
        return self.group or DEFAULT_GROUP[self.kind]

    def render(self, seed: dict[str, Any]) -> list[dict[str, str]]:
        """The chat messages for one seed (every slot present and non-null: see ``missing_values``)."""
        user = self.prompt.format_map({k: seed[k] for k in fields(self.prompt)})
        return ([{"role": "system", "content": self.system}] if self.system else []) + [{"role": "user", "content": user}]

    def missing_values(self, seed: dict[str, Any]) -> list[str]:
        return [f for f in fields(self.prompt) if seed.get(f) is None]


class Prices(_Strict):
    """Price per million tokens, in any currency; the manifest's cost is tokens x these."""

    prompt_per_mtok: float = Field(ge=0)
    completion_per_mtok: float = Field(ge=0)


class SynthRecipe(_Strict):
    """A generation job: where to ask, how hard to push, and the templates."""

    name: str = Field(pattern=r"^[A-Za-z0-9_.-]+$")
    description: str = ""
    endpoint: str = Field(description="OpenAI-compatible base URL, e.g. http://127.0.0.1:8000/v1")
    model: str = Field(min_length=1)
    api_key_env: str = Field("OPENAI_API_KEY", description="environment variable holding the API key, if any")
    language: str = Field("en", description="lid.176 code every prose reply must be in")
    concurrency: int = Field(16, ge=1, le=1024)
    max_retries: int = Field(4, ge=0, le=50)
    timeout: float = Field(120.0, gt=0)
    backoff: tuple[float, float] = (0.5, 8.0)
    max_rps: float | None = Field(None, gt=0, description="at most this many requests per second (client-side limit)")
    extra_body: dict[str, Any] = Field(default_factory=dict, description="more request fields (not in the cache key)")
    prices: Prices | None = None
    templates: list[Template] = Field(min_length=1)

    @field_validator("templates")
    @classmethod
    def _unique(cls, v: list[Template]) -> list[Template]:
        names = [t.name for t in v]
        dup = sorted({n for n in names if names.count(n) > 1})
        if dup:
            raise ValueError(f"template names must be unique; repeated: {dup}")
        return v


def fields(prompt: str) -> list[str]:
    """The slot names of a prompt, in order, once each; ``{{`` and ``}}`` are literal braces."""
    out: list[str] = []
    try:
        parsed = list(string.Formatter().parse(prompt))
    except ValueError as e:
        raise ValueError(f"{e} (write {{{{ and }}}} for literal braces)") from e
    for _, name, spec, conv in parsed:
        if name is None:
            continue
        if not name.isidentifier() or spec or conv:
            raise ValueError(f"slot {{{name}{'!' + conv if conv else ''}{':' + spec if spec else ''}}} "
                             "must be a plain field name (write {{ and }} for literal braces)")
        if name not in out:
            out.append(name)
    return out


def template_key(template: Template) -> str:
    """sha256 of what shapes a template's requests (prompt, system, kind, sampling): part of the cache key."""
    blob = json.dumps([template.kind, template.system, template.prompt, template.temperature, template.max_tokens],
                      ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8", "surrogatepass")).hexdigest()[:16]


class MissingFieldError(ValueError):
    """A template names a seed field the seeds file lacks; the message names the recipe line."""


def check_fields(recipe: SynthRecipe, columns: list[str], recipe_text: str | None = None,
                 recipe_path: str = "recipe") -> None:
    """Refuse (before any request) a template whose slots name columns the seeds do not have."""
    have = set(columns)
    for i, t in enumerate(recipe.templates):
        missing = [f for f in fields(t.prompt) if f not in have]
        if t.seed_kind is not None and "kind" not in have:
            raise MissingFieldError(f"{recipe_path}: templates[{i}] ({t.name}): seed_kind needs a 'kind' column "
                                    f"in the seeds (seed columns: {', '.join(sorted(have))})")
        if missing:
            where = _slot_line(recipe_text, i, missing[0]) if recipe_text else None
            at = f"{recipe_path}:{where}" if where else recipe_path
            raise MissingFieldError(f"{at}: templates[{i}] ({t.name}): prompt names field {{{missing[0]}}} "
                                    f"that the seeds lack (seed columns: {', '.join(sorted(have))})")


def _slot_line(recipe_text: str, index: int, field: str) -> int | None:
    """1-based line of ``{field}`` inside the prompt of templates[index] in the YAML text, if found."""
    import yaml

    try:
        root = yaml.compose(recipe_text)
    except yaml.YAMLError:
        return None
    node = _child(root, "templates")
    if node is None or not isinstance(node, yaml.SequenceNode) or index >= len(node.value):
        return None
    prompt = _child(node.value[index], "prompt")
    if prompt is None:
        return None
    lines = recipe_text.splitlines()
    for n in range(prompt.start_mark.line, min(prompt.end_mark.line + 1, len(lines))):
        if "{" + field + "}" in lines[n]:
            return n + 1
    return prompt.start_mark.line + 1


def _child(node: Any, key: str) -> Any:
    import yaml

    if not isinstance(node, yaml.MappingNode):
        return None
    return next((v for k, v in node.value if getattr(k, "value", None) == key), None)


def load_synth_recipe(path: str) -> tuple[SynthRecipe, str]:
    """(validated recipe, its YAML text) from a file; a bad one is a ``RecipeError`` naming field and line."""
    from pathlib import Path

    from pydantic import ValidationError

    from curation.recipe.errors import RecipeError, format_error, read_yaml_mapping, validation_error

    root, raw, data = read_yaml_mapping(Path(path), RecipeError, "synth recipe")
    try:
        recipe = SynthRecipe.model_validate(data)
    except ValidationError as exc:
        loc, msg = validation_error(exc)
        raise RecipeError(format_error(path, root, raw, loc, msg)) from None
    return recipe, Path(path).read_text(encoding="utf-8")


#: Recipe fields that shape the outputs; the rest (endpoint, concurrency, retries, ...) only say how to ask.
CONTENT_FIELDS = ("name", "model", "language", "prices", "templates")


def synth_recipe_content(recipe: SynthRecipe) -> dict[str, Any]:
    """The recipe's content fields and their hash, for the manifest: moving the endpoint changes neither."""
    content = recipe.model_dump(mode="json", include=set(CONTENT_FIELDS))
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"))
    return {"name": recipe.name, "hash": "sha256:" + hashlib.sha256(canonical.encode()).hexdigest()}
