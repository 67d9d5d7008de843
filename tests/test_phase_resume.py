"""Global stages resume from their last finished phase, not from scratch."""

from __future__ import annotations

import json

from curation.executor.dask import DaskExecutor
from curation.executor.phases import PhaseExecutor
from curation.recipe.load import load_recipe
from curation.run.driver import execute
from tests.conftest import SAMPLE


def _count_call(item: int, log: str) -> int:
    with open(log, "a") as fh:
        fh.write(f"{item}\n")
    return item * 2


def test_a_finished_phase_is_not_run_again(tmp_path):
    log = str(tmp_path / "calls.txt")
    with DaskExecutor(workers=1, progress=False) as ex:
        first = PhaseExecutor(ex, str(tmp_path / "phases"))
        assert first.map(_count_call, [1, 2, 3], "stage:keys", log) == [2, 4, 6]
        assert first.map(_count_call, [4], "stage:keys", log) == [8]  # same label again: its own phase
        again = PhaseExecutor(ex, str(tmp_path / "phases"))
        assert again.map(_count_call, [1, 2, 3], "stage:keys", log) == [2, 4, 6]
        assert again.map(_count_call, [4], "stage:keys", log) == [8]
        assert again.map(_count_call, [5], "stage:groups", log) == [10]
    assert sorted(open(log).read().split()) == ["1", "2", "3", "4", "5"]
    assert again.reused == ["stage:keys", "stage:keys"]


def test_dedup_killed_mid_stage_resumes_at_its_phase(tmp_path, capfd):
    recipe = tmp_path / "r.yaml"
    recipe.write_text(f"""
name: phases
seed: 3
inputs:
  - {{paths: [{SAMPLE / 'jsonl' / 'docs.jsonl'}], source: forum}}
  - {{paths: [{SAMPLE / 'parquet' / 'docs.parquet'}], source: notes, text_field: content, id_field: doc_id, url_field: link}}
pipeline:
  - dedup_exact: {{}}
  - dedup_fuzzy: {{ngram: 3}}
output: {{dir: {tmp_path / 'run'}, keep_work: true, report: false}}
""")
    clean = execute(load_recipe(recipe), workers=1, progress=False).manifest
    run = tmp_path / "run"
    stage = run / "_work" / "global1"
    phases = sorted((stage / "phases").glob("*.pkl"))
    assert len(phases) >= 6  # signatures, buckets, components, rounds..., members, survivors
    # as if the driver died during the last phases of dedup_fuzzy
    (run / "manifest.json").unlink()
    (stage / "done.json").unlink()
    late = [p for p in phases if p.name.startswith(("dedup_fuzzy_members", "dedup_fuzzy_survivors"))]
    assert len(late) == 2
    for p in late:
        p.unlink()
    capfd.readouterr()
    resumed = execute(load_recipe(recipe), workers=1, progress=False, resume=True).manifest
    out = capfd.readouterr()
    assert f"dedup_fuzzy: resumed after {len(phases) - 2} finished phase(s)" in out.out + out.err
    assert resumed["content_hash"] == clean["content_hash"]
    strip = lambda m: json.dumps([s for s in m["stages"]], sort_keys=True)  # noqa: E731
    assert strip(resumed) == strip(clean)


def test_a_driver_killed_after_publishing_shards_but_before_its_manifest_resumes(tmp_path):
    """Shards already moved to shards/ have no staged copy left, and their phase is done: the resume
    publishes them as they are (it used to fail on the missing staged file), to the same bytes."""
    import yaml

    recipe = yaml.safe_load((SAMPLE.parent / "pipelines" / "phi4.yaml").read_text())
    recipe["root"] = str(SAMPLE.parent)
    recipe["output"] = {**recipe.get("output", {}), "keep_work": True}
    (tmp_path / "r.yaml").write_text(yaml.safe_dump(recipe))
    first = execute(load_recipe(tmp_path / "r.yaml", output=str(tmp_path / "run")), workers=1, progress=False)
    (tmp_path / "run" / "manifest.json").unlink()
    (tmp_path / "run" / "shards" / "part-99999.parquet").write_bytes(b"left by an interrupted attempt")
    again = execute(load_recipe(tmp_path / "r.yaml", output=str(tmp_path / "run")), workers=1, progress=False,
                    resume=True)
    assert again.manifest["content_hash"] == first.manifest["content_hash"]
    assert sorted(p.name for p in (tmp_path / "run" / "shards").iterdir()) == sorted(
        o["path"].rsplit("/", 1)[1] for o in first.manifest["outputs"])


def test_removal_files_of_a_run_folder_named_like_a_glob_pattern(tmp_path):
    from pathlib import Path

    from curation.run.layout import removal_files, removal_folder

    stage = str(tmp_path / "run[1]" / "_work" / "global1")
    folder = Path(removal_folder(stage, 3))
    folder.mkdir(parents=True)
    for name in ("b.parquet", "a.parquet", ".a.parquet.1234.tmp"):
        (folder / name).write_bytes(b"")
    assert removal_files(stage, 3) == (str(folder / "a.parquet"), str(folder / "b.parquet"))
    assert removal_files(stage, 4) == ()
