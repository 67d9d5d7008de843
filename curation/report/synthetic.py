"""Synthetic documents: seeds -> generated -> verified -> kept, per template, for inputs made by ``curate synth``.

An input file whose folder holds a ``synth_manifest.json`` is a synth job's output: the job's manifest
gives, per template, the seeds, requests, replies and verified documents; the run's shards give how
many of those documents were kept (after the run's dedup and decontamination, before mix repeats).
"""

from __future__ import annotations

from typing import Any

import polars as pl

from curation.io.files import exists, read_json
from curation.report.blocks import Section, count, table, text
from curation.report.data import RunData
from curation.synth.generate_output import MANIFEST_NAME

SPEC = {"source": ("source", text), "template": ("template", text), "kind": ("kind", text), "seeds": ("seeds", count),
        "requested": ("requested", count), "generated": ("generated", count), "verified": ("verified", count),
        "kept": ("kept", count), "in_shards": ("in shards (with repeats)", count), "rejected": ("rejected by reason", text)}


def synth_jobs(run: RunData) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """(input, synth manifest) for each input file that a synth job wrote, once per file; a job's
    manifest is read once for all its group files."""
    out, seen, manifests = [], set(), {}
    for inp in run.manifest.get("inputs") or []:
        path = str(inp.get("path") or "")
        folder = path.rstrip("/").rpartition("/")[0]
        if not folder or path in seen:
            continue
        seen.add(path)
        if folder not in manifests:
            url = f"{folder}/{MANIFEST_NAME}"
            try:
                manifests[folder] = read_json(url) if exists(url) else None
            except ValueError:  # not JSON: not ours
                manifests[folder] = None
        if manifests[folder] is not None:
            out.append((inp, manifests[folder]))
    return out


def synth_rows(run: RunData) -> pl.DataFrame:
    rows = []
    groups = run.groups
    has_template = "template" in groups.columns
    for inp, m in synth_jobs(run):
        name = str(inp["path"]).rstrip("/").rpartition("/")[2]
        for tname, t in sorted((m.get("templates") or {}).items()):
            if f"{t.get('group')}.parquet" != name:
                continue
            mine = groups.filter((pl.col("source") == inp.get("source")) & (pl.col("template") == tname)) if has_template \
                else groups.clear()
            rejected = ", ".join(f"{r} {n}" for r, n in sorted((t.get("rejected") or {}).items(), key=lambda x: -x[1]))
            rows.append({"source": inp.get("source"), "template": tname, "kind": t.get("kind"), "seeds": t.get("seeds"),
                         "requested": t.get("requested"), "generated": t.get("generated"),
                         "verified": t.get("verified"), "kept": int(mine["first_documents"].sum()) if mine.height else 0,
                         "in_shards": int(mine["documents"].sum()) if mine.height else 0, "rejected": rejected or "none"})
    return pl.DataFrame(rows)


def synthetic_section(run: RunData) -> Section | None:
    """The funnel per template (None when no input came from a synth job)."""
    rows = synth_rows(run)
    if rows.height == 0:
        return None
    notes = ("Inputs written by `curate synth` (their folder holds synth_manifest.json). seeds: seed rows the "
             "template applies to; requested: requests planned (qa: k per seed); generated: replies received; "
             "verified: documents that passed their checks (tests run, plurality, language, length); kept: those "
             "documents in this run's shards after its dedup and decontamination (rows of the mix's first epoch); in shards: "
             "with mix repeats.",)
    return Section("synthetic", "Synthetic data: seeds to kept documents", notes,
                   (table(rows, SPEC, caption="Per template"),))
