"""Re-check a finished run against its manifest: every listed file, every number, the content hash."""

from __future__ import annotations

import fnmatch
from typing import Any

import pyarrow.compute as pc

from curation.io.files import exists, file_digest, fs_and_path, read_json, read_parquet
from curation.recipe.model import Recipe, recipe_hash
from curation.run.layout import LISTED_PARQUET, RunLayout
from curation.manifest.build import content_hash


def _check_bytes(run_dir: str, entry: dict[str, Any]) -> list[str]:
    rel = entry["path"]
    url = RunLayout(run_dir).url(rel)
    if not exists(url):
        return [f"{rel}: missing"]
    problems = []
    size, sha = file_digest(url)
    if size != entry["bytes"]:
        problems.append(f"{rel}: bytes {size} != manifest {entry['bytes']}")
    if sha != entry["sha256"]:
        problems.append(f"{rel}: sha256 {sha[:16]}… != manifest {entry['sha256'][:16]}…")
    return problems


def _check_file(run_dir: str, entry: dict[str, Any], tokens: bool) -> list[str]:
    rel = entry["path"]
    url = RunLayout(run_dir).url(rel)
    problems = _check_bytes(run_dir, entry)
    if problems and problems[0].endswith(": missing"):
        return problems
    try:
        table = read_parquet(url)
    except Exception as exc:
        return [*problems, f"{rel}: not readable as parquet ({exc})"]
    if table.num_rows != entry["rows"]:
        problems.append(f"{rel}: rows {table.num_rows} != manifest {entry['rows']}")
    if tokens:
        found = int(pc.sum(table["token_count"]).as_py() or 0)
        if found != entry["tokens"]:
            problems.append(f"{rel}: tokens {found} != manifest {entry['tokens']}")
    return problems


def verify_run(run_dir: str) -> list[str]:
    """Every mismatch between ``run_dir`` and its manifest, one line each; empty when it verifies."""
    manifest_url = RunLayout(run_dir).manifest
    if not exists(manifest_url):
        return [f"{run_dir}: no manifest.json (the run did not finish, or this is not a run directory)"]
    try:
        manifest = read_json(manifest_url)
    except ValueError as exc:
        return [f"{manifest_url}: not valid JSON ({exc})"]
    problems: list[str] = []
    for key in ("recipe", "recipe_hash", "outputs", "side_outputs", "content_hash"):
        if key not in manifest:
            problems.append(f"manifest.json: key {key!r} missing")
    if problems:
        return problems
    try:
        if recipe_hash(Recipe.model_validate(manifest["recipe"])) != manifest["recipe_hash"]:
            problems.append("manifest.json: recipe_hash does not match the recorded recipe")
    except ValueError as exc:
        problems.append(f"manifest.json: recorded recipe is not valid ({str(exc).splitlines()[0]})")
    for entry in manifest["outputs"]:
        problems += _check_file(run_dir, entry, tokens=True)
    for entry in manifest["side_outputs"]:
        if entry.get("kind") in ("model", "index"):
            problems += _check_bytes(run_dir, entry)
        else:
            problems += _check_file(run_dir, entry, tokens=False)
    if content_hash(manifest["outputs"]) != manifest["content_hash"]:
        problems.append("manifest.json: content_hash does not match its outputs list")
    fs, path = fs_and_path(run_dir)
    listed = {e["path"] for e in manifest["outputs"]} | {e["path"] for e in manifest["side_outputs"]}
    for pattern in LISTED_PARQUET:  # found, not globbed: the run folder's own name may hold [ ] * ?
        top = f"{path.rstrip('/')}/{pattern.split('/')[0]}"
        for found in sorted(fs.find(top)) if fs.isdir(top) else []:
            rel = found[len(path.rstrip("/")) + 1:]
            if rel.count("/") == pattern.count("/") and fnmatch.fnmatchcase(rel, pattern) and rel not in listed:
                problems.append(f"{rel}: present but not in the manifest")
    return problems
