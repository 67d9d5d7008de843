"""The README's Python API example runs as written, and progress shows as lines when not on a terminal."""

from __future__ import annotations

import os
import re
import subprocess
import sys

from tests.conftest import ROOT, SAMPLE


def readme_python_example() -> str:
    text = (ROOT / "README.md").read_text()
    section = text.split("## Python API", 1)[1].split("\n## ", 1)[0]
    (code,) = re.findall(r"```python\n(.*?)```", section, flags=re.S)
    return code


def test_the_readme_python_api_example_runs_as_a_script(tmp_path):
    script = tmp_path / "example.py"
    script.write_text(readme_python_example().replace('output="runs/api-example"', f'output="{tmp_path / "run"}"'))
    proc = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert re.fullmatch(r"\d+ documents in \d+ shards; sha256:[0-9a-f]{64}\n", proc.stdout), proc.stdout
    assert int(proc.stdout.split()[0]) > 0 and (tmp_path / "run" / "manifest.json").exists()


def test_the_example_without_its_main_guard_fails_before_any_work_naming_the_guard(tmp_path):
    """Without the guard every spawned worker would run the script again ("Nanny failed to start" after a
    page of tracebacks): the driver refuses first, naming the script and the guard, and writes nothing."""
    import textwrap

    head, body = readme_python_example().split('if __name__ == "__main__":\n', 1)
    script = tmp_path / "unguarded.py"
    script.write_text(head + textwrap.dedent(body).replace('output="runs/api-example"', f'output="{tmp_path / "run"}"'))
    proc = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert proc.returncode == 1 and "Nanny" not in proc.stderr, proc.stderr[-3000:]
    assert proc.stderr.strip().splitlines()[-1] == (
        f"curation.executor.guard.ScriptGuardError: {script}: Dask worker processes import the main script again, "
        'so it must start the run under `if __name__ == "__main__":` (README, Python API)')
    assert not (tmp_path / "run").exists()


def run_with_progress_lines(recipe, out):
    """``curate run`` on one worker with output captured (not a terminal) and a progress line per update."""
    env = {**os.environ, "CURATION_PROGRESS_SECONDS": "0"}
    return subprocess.run([sys.executable, "-m", "curation.cli", "run", str(recipe), "--output", str(out), "--workers", "1"],
                          capture_output=True, text=True, env=env, timeout=300)


def test_progress_is_printed_as_lines_when_output_is_not_a_terminal(tmp_path):
    recipe = tmp_path / "r.yaml"
    recipe.write_text(f"name: t\ninputs:\n  - paths: [{SAMPLE / 'parquet' / 'docs.parquet'}]\n    text_field: content\n")
    proc = run_with_progress_lines(recipe, tmp_path / "run")
    assert proc.returncode == 0, proc.stderr
    assert re.search(r"^units: 1/1 \(100%\), [\d.]+/s, \d+ s$", proc.stderr, flags=re.M), proc.stderr
    assert re.search(r"^shards: 1/1 \(100%\)", proc.stderr, flags=re.M), proc.stderr
    assert "━" not in proc.stderr  # no bar drawn into a log


def test_the_shards_progress_counts_the_shards_written(tmp_path):
    """A document longer than ``shard_bytes`` leaves shard plans that start no row: they write no shard,
    so the progress total must drop with them (it said ``shards 4/4`` when 3 were written)."""
    import json

    docs = tmp_path / "docs.jsonl"
    long = " ".join(["photosynthesis"] * 23)  # 344 bytes of text: plans [100, 300) start no row
    docs.write_text("\n".join(json.dumps({"id": i, "text": t}) for i, t in enumerate([long, "short text here"])) + "\n")
    recipe = tmp_path / "r.yaml"
    recipe.write_text(f"name: t\ninputs:\n  - paths: [{docs}]\noutput:\n  shard_bytes: 100\n")
    proc = run_with_progress_lines(recipe, tmp_path / "run")
    assert proc.returncode == 0, proc.stderr
    manifest = json.loads((tmp_path / "run" / "manifest.json").read_text())
    assert manifest["totals"]["shards"] == 2 == len(list((tmp_path / "run" / "shards").iterdir()))
    shard_lines = re.findall(r"^shards: (\d+)/(\d+) ", proc.stderr, flags=re.M)
    assert shard_lines and shard_lines[-1] == ("2", "2"), proc.stderr
    assert all(int(total) <= 4 for _, total in shard_lines), proc.stderr
    assert "in 2 shards" in proc.stdout, proc.stdout


def test_rejected_files_keep_the_text_when_asked(tmp_path):
    """To see why a page failed a filter, a user needs its text: ``output.keep_rejected_text``."""
    import polars as pl

    from curation.recipe.load import load_recipe
    from curation.run.driver import execute

    recipe = tmp_path / "r.yaml"
    body = (f"name: t\ninputs:\n  - paths: [{SAMPLE / 'parquet' / 'docs.parquet'}]\n    text_field: content\n"
            "pipeline:\n  - langid: {}\n  - gopher_quality: {min_doc_words: 55}\n")
    texts = {}
    for keep in (False, True):
        recipe.write_text(body + f"output: {{keep_rejected_text: {str(keep).lower()}}}\n")
        result = execute(load_recipe(recipe, output=str(tmp_path / f"run-{keep}")), workers=1, progress=False)
        rejected = pl.read_parquet(f"{result.run_dir}/rejected/*.parquet")
        assert rejected.height > 0 and set(rejected["stage"]) == {"gopher_quality"}
        texts[keep] = rejected
    assert "text" not in texts[False].columns
    with_text = texts[True]
    assert with_text["text"].null_count() == 0
    assert (with_text["text"].str.len_bytes() == with_text["text_bytes"]).all()
    assert texts[True].drop("text").equals(texts[False])
