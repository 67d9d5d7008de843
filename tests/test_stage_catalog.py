"""The stage catalog lets the driver validate and plan a recipe without importing any stage: its
option models must be the stage classes' own signatures, and the driver must stay light (issue 16)."""

from __future__ import annotations

import json
import subprocess
import sys

from pydantic import BaseModel, create_model

from curation.stages.catalog import (GLOBAL_STAGES, OPTIONS_CONFIG, STAGES, StageInfo, global_class, import_block,
                                     info_of_class)
from curation.recipe.model import StageSpec
from tests.conftest import ROOT

#: What the driver process must not import to validate a recipe and plan its run.
HEAVY = ("polars", "pyarrow", "pandas", "datatrove", "tiktoken", "spacy", "trafilatura", "lxml", "fasttext", "lingua")


def _fields(model: type[BaseModel]) -> dict[str, tuple[str, object, bool]]:
    return {k: (repr(f.annotation), f.default, f.is_required()) for k, f in model.model_fields.items()}


def _differences(info: StageInfo) -> list[str]:
    """Where the catalog's entry differs from what its class declares."""
    real = info_of_class(import_block(info.block), info.block, info.per_language)
    out = [f"{k}: catalog {getattr(info, k)!r}, class {getattr(real, k)!r}"
           for k in ("filter_like", "path_params", "prepared") if getattr(info, k) != getattr(real, k)]
    mine, theirs = _fields(info.options), _fields(real.options)
    out += [f"option {k}: catalog {mine.get(k)}, class {theirs.get(k)}" for k in sorted(set(mine) | set(theirs))
            if mine.get(k) != theirs.get(k)]
    return out


def test_every_catalog_entry_is_its_class_signature():
    found = {name: _differences(info) for name, info in STAGES.items()}
    assert {k: v for k, v in found.items() if v} == {}


def test_the_signature_check_can_fail():
    info = STAGES["c4"]
    off = create_model("C4QualityParams", __config__=OPTIONS_CONFIG,
                       **{k: (f.annotation, f.default) for k, f in info.options.model_fields.items() if k != "min_num_sentences"},
                       min_num_sentences=(int, 4))
    diff = _differences(StageInfo(info.block, off, True, True, ("x",), False))
    assert diff == ["path_params: catalog ('x',), class ()",
                    f"option min_num_sentences: catalog {(repr(int), 4, False)}, class {(repr(int), 5, False)}"]


def test_global_stages_take_the_catalog_params():
    for name, info in GLOBAL_STAGES.items():
        cls = global_class(StageSpec(name=name))
        assert cls.Params is info.params, name


def test_global_stage_names_import_the_classes_the_dedup_package_lists():
    """Two dedup stages share their params model, so a swapped import path must fail here, and a
    stage the dedup package adds (listed by `curate stages`) must be in the catalog too."""
    from curation.dedup.stages import GLOBAL_STAGES as DEDUP_CLASSES

    assert {name: global_class(StageSpec(name=name)) for name in GLOBAL_STAGES} == DEDUP_CLASSES


def test_the_driver_validates_and_plans_without_the_stage_stack():
    """Loading every shipped recipe imports none of the workers' libraries, nor does planning the
    per-document passes of web.yaml (whole-run stages are run by the driver: it imports their code)."""
    code = f"""
import json, sys
from curation.cli import main
from curation.recipe.load import load_recipe
from curation.run.driver import execute
from curation.run.segments import split_segments
from curation.run.units import plan_units
for path in sorted(__import__("glob").glob("{ROOT}/pipelines/*.yaml")):
    load_recipe(path)
recipe = load_recipe("{ROOT}/pipelines/web.yaml")
recipe = recipe.model_copy(update={{"pipeline": [s for s in recipe.pipeline if not s.name.startswith("dedup")]}})
segments = split_segments(recipe)
plan_units(recipe)
print(json.dumps([len(segments), sorted(m for m in {HEAVY!r} if m in sys.modules)]))
"""
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout.splitlines()[-1]) == [1, []]
