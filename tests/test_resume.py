"""--resume redoes only the units without a completion marker and lands on the same content hash."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from curation.recipe.load import load_recipe
from curation.run.driver import ResumeError, execute
from tests.conftest import ROOT


def test_resume_redoes_only_missing_units(shared_data, tmp_path):
    recipe_file = tmp_path / "web.yaml"
    raw = yaml.safe_load((ROOT / "pipelines" / "web.yaml").read_text())
    raw["output"]["keep_work"] = True
    raw["root"] = str(ROOT)  # the copy's relative paths still start from the repository
    recipe_file.write_text(yaml.safe_dump(raw))
    inputs = [str(shared_data / "warc" / n) for n in ("cc-main-2020-34-sample.warc.gz", "clueweb-quirk.warc.gz")]
    recipe = load_recipe(recipe_file, inputs=inputs, output=str(tmp_path / "run"))
    first = execute(recipe, workers=2, progress=False)
    run_dir = Path(first.run_dir)
    markers = sorted((run_dir / "_work" / "pass0").glob("*.done.json"))
    assert len(markers) == 2
    # an interrupted run: no manifest, no shards, the second unit never finished
    (run_dir / "manifest.json").unlink()
    shutil.rmtree(run_dir / "shards")
    markers[1].unlink()
    kept = markers[0].stat().st_mtime_ns
    resumed = execute(recipe, workers=2, progress=False, resume=True)
    assert markers[0].stat().st_mtime_ns == kept  # not redone
    assert markers[1].exists()  # redone
    assert resumed.manifest["content_hash"] == first.manifest["content_hash"]
    assert resumed.manifest["stages"] == first.manifest["stages"]


def test_resume_refuses_a_changed_recipe(shared_data, tmp_path):
    warc = str(shared_data / "warc" / "cc-main-2020-34-sample.warc.gz")
    recipe = load_recipe(ROOT / "pipelines" / "web.yaml", inputs=[warc], output=str(tmp_path / "run"))
    recipe = recipe.model_copy(update={"output": recipe.output.model_copy(update={"keep_work": True})})
    execute(recipe, workers=1, progress=False)
    (tmp_path / "run" / "manifest.json").unlink()  # as if the driver died before the end
    changed = recipe.model_copy(update={"seed": recipe.seed + 1})
    with pytest.raises(ResumeError, match="the recipe changed"):
        execute(changed, workers=1, progress=False, resume=True)
