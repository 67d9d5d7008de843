"""A job's outputs: ``<group>.parquet`` (id, text, metadata), ``rejected.parquet`` and ``synth_manifest.json``.

The manifest counts, per template: seeds it applies to -> requests -> replies (generated) -> documents
kept (verified) and rejected by reason; every candidate is either verified or rejected with a reason
(``candidates == verified + sum(rejected)``). Token usage is summed over the cached answers the job
uses (what those documents cost), so a rerun from the cache writes the same manifest; the cost is
usage x ``prices`` when the recipe gives them. Nothing in the outputs depends on timing or on the
order answers arrived in.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from collections import Counter, defaultdict
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from curation.io.files import atomic_path, write_json_atomic
from curation.synth.generate import Fetched, Plan, Request
from curation.synth.generate_checks import Checked
from curation.synth.templates import SynthRecipe, synth_recipe_content

MANIFEST_NAME = "synth_manifest.json"
REJECTED_NAME = "rejected.parquet"
FORMAT = "curation-synth/1"
#: Rejection details kept in the manifest per (template, reason).
EXAMPLES_PER_REASON = 3
DOC_SCHEMA = pa.schema([("id", pa.string()), ("text", pa.string()), ("metadata", pa.string())])
REJECTED_SCHEMA = pa.schema([("id", pa.string()), ("template", pa.string()), ("seed_id", pa.string()),
                             ("sample", pa.int32()), ("reason", pa.string()), ("detail", pa.string())])


@dataclasses.dataclass(frozen=True)
class Candidate:
    request: Request  # the first request of the candidate (qa: sample 0)
    seed: dict[str, Any]
    checked: Checked


def doc_id(recipe: SynthRecipe, c: Candidate) -> str:
    t = recipe.templates[c.request.template]
    base = f"synth:{t.name}:{c.request.seed_id}"
    return base if t.kind == "qa" or t.samples == 1 else f"{base}:{c.request.sample}"


def _metadata(recipe: SynthRecipe, c: Candidate) -> str:
    t = recipe.templates[c.request.template]
    meta = {"template": t.name, "kind": t.kind, "seed_id": c.request.seed_id, "model": recipe.model,
            "language": recipe.language,  # checked on the reply (prose kinds); the mix groups by it
            "verification": {"reason": c.checked.reason, **c.checked.verification}}
    if c.seed.get("source_id") is not None:
        meta["seed_source_id"] = str(c.seed["source_id"])
    return json.dumps(meta, sort_keys=True, ensure_ascii=False)


def _write_table(table: pa.Table, url: str) -> dict[str, Any]:
    with atomic_path(url) as tmp:
        pq.write_table(table, tmp, compression="zstd")
        with open(tmp, "rb") as fh:
            raw = fh.read()
    return {"path": os.path.basename(url), "rows": table.num_rows, "bytes": len(raw),
            "sha256": hashlib.sha256(raw).hexdigest()}


def _usage(entries: list[dict]) -> dict[str, int]:
    total: Counter = Counter()
    for e in entries:
        total.update({k: v for k, v in (e.get("usage") or {}).items() if isinstance(v, int)})
    return dict(sorted(total.items()))


def _cost(recipe: SynthRecipe, usage: dict[str, int]) -> float | None:
    if recipe.prices is None:
        return None
    p = recipe.prices
    return round(usage.get("prompt_tokens", 0) / 1e6 * p.prompt_per_mtok
                 + usage.get("completion_tokens", 0) / 1e6 * p.completion_per_mtok, 6)


def template_counts(recipe: SynthRecipe, candidates: list[Candidate], jobs: Plan, fetched: Fetched) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for ti, t in enumerate(recipe.templates):
        reqs = [r for r in jobs.requests if r.template == ti]
        answers = [fetched.answers[r.key] for r in reqs if r.key in fetched.answers]
        mine = [c for c in candidates if c.request.template == ti]
        rejected = Counter(jobs.skipped[ti]) + Counter(c.checked.reason for c in mine if not c.checked.ok)
        examples: dict[str, list[str]] = defaultdict(list)
        for c in mine:
            if not c.checked.ok and len(examples[c.checked.reason]) < EXAMPLES_PER_REASON:
                examples[c.checked.reason].append(f"{c.request.seed_id}: {c.checked.detail}"[:300])
        usage = _usage(answers)
        verified = sum(c.checked.ok for c in mine)
        out[t.name] = {"kind": t.kind, "group": t.output_group, "seeds": jobs.seeds[ti], "requested": len(reqs),
                       "generated": len(answers), "candidates": verified + sum(rejected.values()),
                       "verified": verified, "rejected": dict(sorted(rejected.items())),
                       "rejection_examples": dict(sorted(examples.items())), "usage": usage,
                       "cost": _cost(recipe, usage)}
    return out


def write_outputs(recipe: SynthRecipe, candidates: list[Candidate], jobs: Plan, fetched: Fetched, output_dir: str,
                  seeds_info: dict[str, Any]) -> dict[str, Any]:
    """Write the documents, the rejections and the manifest (last: its presence means the job finished)."""
    os.makedirs(output_dir, exist_ok=True)
    groups = sorted({t.output_group for t in recipe.templates})
    rows: dict[str, list[dict]] = {g: [] for g in groups}
    rejected = []
    for c in candidates:
        t = recipe.templates[c.request.template]
        if c.checked.ok:
            rows[t.output_group].append({"id": doc_id(recipe, c), "text": c.checked.text, "metadata": _metadata(recipe, c)})
        else:
            rejected.append({"id": doc_id(recipe, c), "template": t.name, "seed_id": c.request.seed_id,
                             "sample": -1 if t.kind == "qa" else c.request.sample, "reason": c.checked.reason,
                             "detail": c.checked.detail[:500]})
    outputs = []
    for g in groups:
        info = _write_table(pa.Table.from_pylist(rows[g], schema=DOC_SCHEMA), os.path.join(output_dir, f"{g}.parquet"))
        outputs.append({**info, "group": g})
    rej = _write_table(pa.Table.from_pylist(rejected, schema=REJECTED_SCHEMA), os.path.join(output_dir, REJECTED_NAME))
    per_template = template_counts(recipe, candidates, jobs, fetched)
    usage = _usage([fetched.answers[k] for k in dict.fromkeys(r.key for r in jobs.requests) if k in fetched.answers])
    manifest = {
        "format": FORMAT,
        "recipe": synth_recipe_content(recipe),
        "model": recipe.model,
        "seeds": seeds_info,
        "templates": per_template,
        "outputs": outputs,
        "rejected": rej,
        "totals": {k: sum(t[k] for t in per_template.values())
                   for k in ("seeds", "requested", "generated", "candidates", "verified")},
        "usage": usage,
        "cost": _cost(recipe, usage),
    }
    write_json_atomic(manifest, os.path.join(output_dir, MANIFEST_NAME))
    return manifest
