"""Where a YAML file went wrong: one line naming the file, the field and its line (recipes, classifier recipes)."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from pydantic import ValidationError


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
