"""Where a recipe's relative paths point, and a check that they exist before any work.

One rule, so that a recipe runs the same from any working directory: relative paths written in a
recipe (inputs, ``output.dir``, stage files such as classifiers, benchmarks, models, indexes) are
relative to the recipe's ``root:``, itself relative to the recipe file's folder; without ``root:``,
to the recipe file's folder. Paths given on the command line (``--input``, ``--output``) are
relative to the current directory, as for any command. fsspec URLs (``s3://...``) are left as they are.
"""

from __future__ import annotations

import glob
import os
from pathlib import Path
from typing import Any

from curation.recipe.model import Recipe, StageSpec
from curation.stages.catalog import StageError, is_global, stage_info


def _abs(value: Any, base: Path) -> Any:
    if not isinstance(value, str) or "://" in value:
        return value
    return os.path.normpath(os.path.join(base, os.path.expanduser(value)))


def absolute_param(value: Any, base: Path) -> Any:
    """A stage path parameter: a path, ``{lang: path}``, or a list of paths or ``{name, paths}`` entries."""
    if isinstance(value, str):
        return _abs(value, base)
    if isinstance(value, dict) and "paths" in value:
        paths = value["paths"]
        return {**value, "paths": [_abs(p, base) for p in ([paths] if isinstance(paths, str) else paths or [])]}
    if isinstance(value, dict):
        return {k: _abs(v, base) for k, v in value.items()}
    if isinstance(value, list):
        return [absolute_param(v, base) for v in value]
    return value


def path_params(spec: StageSpec) -> tuple[str, ...]:
    """The parameters of ``spec`` that name files (declared by the stage class as ``path_params``)."""
    if is_global(spec):
        return ()
    try:
        return stage_info(spec).path_params
    except StageError:  # an unknown stage: validate_stages says so, with its line
        return ()


def resolve_paths(recipe: Recipe, base: Path, keep_inputs: bool = False, keep_output: bool = False) -> Recipe:
    """``recipe`` with every relative path made absolute against ``base`` (its root); ``keep_*``: the
    command line gave those, already absolute."""
    inputs = recipe.inputs if keep_inputs else [
        g.model_copy(update={"paths": [_abs(p, base) for p in g.paths]}) for g in recipe.inputs]
    pipeline = []
    for spec in recipe.pipeline:
        params = {k: absolute_param(v, base) if k in path_params(spec) else v for k, v in spec.params.items()}
        pipeline.append(spec.model_copy(update={"params": params}))
    output = recipe.output
    if output.dir and not keep_output:
        output = output.model_copy(update={"dir": _abs(output.dir, base)})
    return recipe.model_copy(update={"root": str(base), "inputs": inputs, "pipeline": pipeline, "output": output})


def _local_paths(value: Any) -> list[str]:
    if isinstance(value, str):
        return [] if "://" in value else [value]
    if isinstance(value, dict):  # {name, paths, ...} names its files under paths; {lang: path} in its values
        return _local_paths(value["paths"]) if "paths" in value else [p for v in value.values() for p in _local_paths(v)]
    if isinstance(value, list):
        return [p for v in value for p in _local_paths(v)]
    return []


def missing_paths(recipe: Recipe) -> list[tuple[tuple, str]]:
    """(field location, path) of each local file a stage names that does not exist (inputs are
    checked by the unit planner, which also says which pattern matched nothing)."""
    out = []
    for i, spec in enumerate(recipe.pipeline):
        for name in path_params(spec):
            for path in _local_paths(spec.params.get(name)):
                found = glob.glob(path) if glob.has_magic(path) else os.path.exists(path)
                if not found:
                    out.append((("pipeline", i, "params", name), path))
    return out
