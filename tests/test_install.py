"""A normal (non-editable) install runs the built-in recipes: pipelines/ and the small classifiers
ship inside the wheel (curation/_builtin, by setup.py), found by curation.builtin's one rule.

The wheel is built from a copy of the project (pip, build isolation: setuptools from the registry),
installed with --no-deps into a venv that sees this environment's dependencies, and ``curate dedup``
runs from an unrelated folder with no checkout in sight."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile

from tests.conftest import ROOT, SAMPLE

SKIP = shutil.ignore_patterns(".git", "runs", "build", "dist", "__pycache__", "*.egg-info", "sample_data", "tests",
                              "benchmarks", "model.bin", ".pytest_cache", ".hypothesis")


def test_a_wheel_install_runs_the_built_in_dedup_recipe(tmp_path):
    src = tmp_path / "src"
    shutil.copytree(ROOT, src, ignore=SKIP)
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", str(src), "-w", str(tmp_path / "wheel")],
                   check=True, capture_output=True, timeout=600)
    (wheel,) = (tmp_path / "wheel").glob("curation-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for shipped in ("pipelines/dedup.yaml", "pipelines/web.yaml", "classifiers/sample_edu/recipe.yaml",
                    "classifiers/sample_edu/data/hq.jsonl"):
        assert f"curation/_builtin/{shipped}" in names, shipped

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], check=True, timeout=300)
    subprocess.run([str(venv / "bin" / "pip"), "install", "-q", "--no-deps", str(wheel)], check=True,
                   capture_output=True, timeout=300)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}  # the installed copy, not this checkout
    where = subprocess.run([str(venv / "bin" / "python"), "-c", "import curation.builtin as b; print(b.builtin_root())"],
                           capture_output=True, text=True, cwd=elsewhere, env=env, check=True).stdout.strip()
    assert where.startswith(str(venv)) and where.endswith("curation/_builtin"), where
    proc = subprocess.run([str(venv / "bin" / "curate"), "dedup", str(SAMPLE / "parquet" / "docs.parquet"),
                           "--text-field", "content", "--id-field", "doc_id", "--url-field", "link",
                           "--output", "out", "--workers", "1", "--quiet"],
                          capture_output=True, text=True, cwd=elsewhere, env=env, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    manifest = json.loads((elsewhere / "out" / "manifest.json").read_text())
    assert manifest["recipe"]["name"] == "dedup" and manifest["totals"]["documents"] > 0
