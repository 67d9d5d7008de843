"""What ``curate stages`` and ``curate run --dry-run`` print: nothing is run, nothing written."""

from __future__ import annotations

import inspect
from typing import Any

import yaml

from curation.recipe.model import Recipe


def _default(value: Any) -> str:
    if value is inspect.Parameter.empty or value is Ellipsis:
        return "required"
    return repr(value)


def _first_line(cls: type) -> str:
    doc = inspect.cleandoc(cls.__dict__.get("__doc__") or "")  # its own, not a base class's
    return doc.splitlines()[0] if doc else ""


def stage_table() -> list[str]:
    """Every stage a recipe can name, its kind, and its parameters with defaults."""
    from curation.dedup.stages import GLOBAL_STAGES
    from curation.stages.registry import RESERVED, STAGES, import_block

    lines = []
    for name, d in STAGES.items():
        cls = import_block(d.block)
        kind = "per-document, per language" if d.per_language else "per-document"
        lines.append(f"{name}  ({kind}; {d.block}): {_first_line(cls)}")
        for p, param in inspect.signature(cls.__init__).parameters.items():
            if p in RESERVED or param.kind in (param.VAR_POSITIONAL, param.VAR_KEYWORD) or (d.per_language and p == "language"):
                continue
            lines.append(f"    {p}: {_default(param.default)}")
        if d.per_language:
            lines.append("    languages: default (English + the stop-word languages; '*' for all)")
            lines.append("    overrides: {}  (per-language parameters)")
        lines.append("    sources: all  (only documents of these sources)")
    for name, cls in GLOBAL_STAGES.items():
        lines.append(f"{name}  (whole-run): {_first_line(cls)}")
        for p, field in cls.Params.model_fields.items():
            lines.append(f"    {p}: {_default(field.default)}" + (f"  ({field.description})" if field.description else ""))
    lines.append("block: <module.Class>  any datatrove PipelineStep by import path, with `params:` its arguments")
    return lines


def dry_run(recipe: Recipe, run_dir: str) -> list[str]:
    """The resolved recipe, its work units and its passes and whole-run stages, in run order."""
    from curation.core.stage import ShardWritingStage
    from curation.run.segments import split_segments
    from curation.run.units import plan_units

    units = plan_units(recipe)
    lines = ["# resolved recipe", yaml.safe_dump(recipe.model_dump(mode="json", exclude_none=True), sort_keys=False).rstrip(),
             f"# run directory: {run_dir}", f"# {len(units)} work unit(s)"]
    lines += [f"  {u.key}  {u.format:<13} {u.rel_path}" + (f" [{u.start}:{u.end}]" if u.end is not None else "") for u in units]
    lines.append("# plan")
    for seg in split_segments(recipe):
        names = ", ".join(s.name for s in seg.specs) or "(read and write only)"
        if seg.stage is not None and issubclass(seg.stage, ShardWritingStage) and recipe.mix is not None:
            names += " (writes the shards): " + ", ".join(f"{k} {v}" for k, v in recipe.mix.shares.items())
        lines.append(f"  {'pass' if seg.kind == 'docs' else 'whole-run stage'} {seg.index}: {names}")
    lines.append(("  manifest.json" if recipe.mix is not None else "  shards + manifest.json") + (" + report" if recipe.output.report else ""))
    return lines
