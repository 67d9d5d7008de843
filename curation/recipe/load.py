"""Read a YAML recipe, apply CLI overrides, validate, and point every error at its YAML line.

The edge of the configuration: besides the recipe's own model it checks every stage's parameters
against the stage catalog, so this module sits above ``curation.stages`` (the recipe model below it). It
imports no stage: validating a recipe keeps the driver light (curation/stages/catalog.py).
"""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import ValidationError

from curation.io.files import local_or_url
from curation.readers import FORMATS
from curation.recipe.errors import RecipeError, format_error, read_yaml_mapping, validation_error
from curation.recipe.model import Recipe, dump_recipe, recipe_hash
from curation.recipe.paths import missing_paths, resolve_paths
from curation.stages.catalog import StageError, validate_stages

__all__ = ["RecipeError", "dump_recipe", "format_error", "load_recipe", "read_yaml_mapping", "recipe_hash",
           "validation_error"]


def load_recipe(
    path: str | Path,
    inputs: list[str] | None = None,
    output: str | None = None,
    input_fields: dict[str, str] | None = None,
) -> Recipe:
    """Load and validate ``path``; ``inputs`` replaces the input groups by one group with these paths
    and the first group's settings (``input_fields`` overriding its text/id/url fields).

    Relative paths in the recipe start from its ``root:`` (default: the recipe file's folder; see
    ``curation.recipe.paths``); ``inputs`` and ``output``, given on a command line, from the current
    directory. Every local file a stage names must exist."""
    path = Path(path)
    inputs = [local_or_url(p) for p in inputs] if inputs else None
    output = local_or_url(output) if output else None
    root, raw, data = read_yaml_mapping(path, RecipeError, "recipe")
    if inputs:
        groups = data.get("inputs") or [{}]
        first = dict(groups[0]) if isinstance(groups[0], dict) else {}
        first["paths"] = list(inputs)
        first.update(input_fields or {})
        data["inputs"] = [first]
    if output:
        data.setdefault("output", {})
        if isinstance(data["output"], dict):
            data["output"]["dir"] = output
    try:
        recipe = Recipe.model_validate(data)
    except ValidationError as exc:
        loc, msg = validation_error(exc)
        raise RecipeError(format_error(str(path), root, raw, loc, msg)) from None
    for i, spec in enumerate(recipe.inputs):
        if spec.format != "auto" and spec.format not in FORMATS:
            *known, last = [repr(f) for f in ("auto", *FORMATS)]
            raise RecipeError(format_error(str(path), root, raw, ("inputs", i, "format"),
                                           f"Input should be {', '.join(known)} or {last} (got {spec.format!r})"))
    base = (path.parent.resolve() / os.path.expanduser(recipe.root or ".")).resolve()
    if not base.is_dir():
        raise RecipeError(format_error(str(path), root, raw, ("root",), f"folder not found: {base}"))
    recipe = resolve_paths(recipe, base, keep_inputs=bool(inputs), keep_output=bool(output))
    for loc, missing in missing_paths(recipe):
        raise RecipeError(format_error(str(path), root, raw, loc, f"{missing}: not found"))
    try:
        validate_stages(recipe)
    except StageError as exc:
        raise RecipeError(format_error(str(path), root, raw, exc.loc, exc.msg)) from None
    return recipe
