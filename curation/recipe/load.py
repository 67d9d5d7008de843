"""Read a YAML recipe, apply CLI overrides, validate, and point every error at its YAML line."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from curation.recipe.model import Recipe


class RecipeError(ValueError):
    """A recipe problem, already phrased as one line naming the file, field and line."""


def _node_line(root: yaml.Node | None, loc: tuple) -> int | None:
    node, line = root, None
    for part in loc:
        if node is None:
            break
        line = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            nxt = None
            for key, value in node.value:
                if key.value == str(part):
                    nxt, line = value, key.start_mark.line + 1
                    break
            node = nxt
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
        else:
            node = None
    if node is not None:
        line = node.start_mark.line + 1
    return line


def _yaml_loc(loc: tuple, raw: dict) -> tuple:
    """Map a model location back to the YAML layout (stage shorthand ``- name: {params}``)."""
    if len(loc) >= 2 and loc[0] == "pipeline" and isinstance(loc[1], int):
        items = raw.get("pipeline") or []
        item = items[loc[1]] if loc[1] < len(items) else None
        if isinstance(item, dict) and len(item) == 1 and "block" not in item and "name" not in item:
            rest = loc[3:] if len(loc) > 2 and loc[2] == "params" else loc[2:]
            return (loc[0], loc[1], next(iter(item)), *rest)
    return loc


def format_error(source: str, root: yaml.Node | None, raw: dict, loc: tuple, msg: str) -> str:
    loc = _yaml_loc(loc, raw)
    line = _node_line(root, loc)
    where = ".".join(str(p) for p in loc) or "<recipe>"
    return f"{source}{f':{line}' if line else ''}: {where}: {msg}"


def read_yaml_mapping(path: Path, error: type[ValueError], what: str) -> tuple[yaml.Node, dict, dict]:
    """(node tree for line numbers, raw mapping, plain-JSON copy) of a YAML file, or ``error``."""
    if not path.is_file():
        raise error(f"{path}: {what} not found")
    text = path.read_text(encoding="utf-8")
    try:
        root = yaml.compose(text)
        raw = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark else ""
        raise error(f"{path}{line}: not valid YAML: {getattr(exc, 'problem', exc)}") from None
    if not isinstance(raw, dict):
        raise error(f"{path}: a {what} is a YAML mapping, got {type(raw).__name__}")
    return root, raw, json.loads(json.dumps(raw))  # detached from YAML types


def validation_error(exc: ValidationError) -> tuple[tuple, str]:
    """(location, one-line message) of a pydantic error, phrased for recipe authors."""
    err = exc.errors()[0]
    loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-")))
    msg = err["msg"].removeprefix("Value error, ")
    if err["type"] == "extra_forbidden":
        msg = "unknown key"
    elif err["type"] != "missing" and not isinstance(err.get("input"), (dict, list)):
        msg += f" (got {err['input']!r})"
    return loc, msg


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
    from curation.io.files import local_or_url

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
    from curation.recipe.paths import missing_paths, resolve_paths
    from curation.stages.registry import StageError, validate_stages  # stages import heavy deps

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


def recipe_hash(recipe: Recipe) -> str:
    canonical = json.dumps(recipe.model_dump(mode="json"), sort_keys=True, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(canonical.encode()).hexdigest()


def dump_recipe(recipe: Recipe) -> dict[str, Any]:
    return recipe.model_dump(mode="json")
