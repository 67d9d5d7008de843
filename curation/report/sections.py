"""One run's report: the header, a summary, then one section per concern, in reading order."""

from __future__ import annotations

import shlex
from typing import Any

import polars as pl

from curation.report.blocks import Code, Report, Section, count, facts_table, share, size, table, text
from curation.report.composition import code_section, composition_section, mix_section
from curation.report.data import RunData
from curation.report.funnel import funnel_section
from curation.report.outputs import lengths_section, samples_section, shards_section
from curation.report.quality import contamination, contamination_section, dedup_section, dedup_stages, edu_section
from curation.report.synthetic import synthetic_section


def verify_command(run_dir: str) -> str:
    return f"curate verify {shlex.quote(run_dir)}"


def header(run: RunData) -> tuple[tuple[str, str], ...]:
    m = run.manifest
    return (
        ("run", run.name),
        ("run directory", run.run_dir),
        ("recipe hash", text(m.get("recipe_hash"))),
        ("content hash", text(m.get("content_hash"))),
        ("seed", text(m.get("seed"))),
        ("curation version", text((m.get("versions") or {}).get("curation"))),
        ("verify", verify_command(run.run_dir)),
    )


def _stage_out(stages: list[dict[str, Any]], name: str) -> int | None:
    return next((s.get("out") for s in stages if s["name"] == name), None)


def summary_pairs(run: RunData) -> list[tuple[str, str]]:
    m, stages = run.manifest, run.stages
    totals = m.get("totals") or {}
    read = _stage_out(stages, "read")
    last = stages[-1].get("out") if stages else None
    dedup_names = {s["name"] for s in dedup_stages(run)}
    filtered = sum(s.get("dropped") or 0 for s in stages if s["name"] not in dedup_names)
    removed = sum(s.get("dropped") or 0 for s in stages if s["name"] in dedup_names)
    skipped = sum(v for s in stages for v in (s.get("skipped_by_reason") or {}).values())
    hits = contamination(run)
    has_decontam = any(s["name"] == "decontaminate" for s in stages) or hits.height > 0
    flagged = int(hits["flagged"].fill_null(0).sum()) if "flagged" in hits.columns else int(hits.height)
    inputs = m.get("inputs") or []
    pairs = [
        ("documents", count(totals.get("documents"))),
        ("tokens", count(totals.get("tokens"))),
        ("shards", f"{count(totals.get('shards'))} ({size(sum(o.get('bytes', 0) for o in m['outputs']))})"),
        ("sources", text(", ".join(run.distinct("source")) or "none")),
        ("languages", count(len(run.distinct("language")))),
        ("documents read", count(read)),
        ("kept of read", share(last / read) if read and last is not None else "–"),
        ("dropped by filters", count(filtered)),
        ("removed by dedup", count(removed) if dedup_names else "no dedup stage"),
        ("contaminated documents", count(flagged) if has_decontam else "no decontamination stage in this run"),
        ("input files", f"{len(inputs):,} ({size(sum(i.get('bytes', 0) for i in inputs))})"),
        ("bad records skipped", count(skipped)),
        ("work units", f"{count(totals.get('work_units'))}, failed: {len(m.get('failed_units') or [])}"),
        ("wall time", f"{(m.get('timings') or {}).get('wall_seconds', 0):,.1f} s"),
        ("executor", text((m.get("executor") or {}).get("kind"))),
    ]
    if m.get("mix"):
        pairs.insert(2, ("mix budget / selected", f"{count(m['mix'].get('budget'))} / {count(m['mix'].get('total_tokens'))} tokens"))
    return pairs


def summary_section(run: RunData) -> Section:
    notes = []
    failed = run.manifest.get("failed_units") or []
    if failed:
        notes.append(f"Warning: {len(failed)} work unit(s) failed; their documents are missing from this run: "
                     + "; ".join(f"{f.get('path')}: {f.get('error')}" for f in failed[:5]))
    blocks: list = [facts_table(summary_pairs(run))]
    models = run.manifest.get("models") or []
    if models:
        rows = pl.DataFrame([{"name": mo.get("name"), "path": mo.get("path")} for mo in models])
        blocks.append(table(rows, {"name": ("model", text), "path": ("path", text)}, caption="Models trained at run start"))
    return Section("summary", "Summary", tuple(notes), tuple(blocks))


CONTENT_HASH_SNIPPET = '''import hashlib, json
m = json.load(open("{manifest}"))
h = hashlib.sha256()
for o in m["outputs"]:
    h.update(f"{{o['path']}}\\t{{o['rows']}}\\t{{o['tokens']}}\\t{{o['bytes']}}\\t{{o['sha256']}}\\n".encode())
print("sha256:" + h.hexdigest() == m["content_hash"])'''


def verify_section(run: RunData) -> Section:
    notes = (
        f"The content hash `{run.manifest.get('content_hash')}` is a sha256 over the manifest's outputs list (each "
        "shard's path, rows, tokens, bytes and sha256, in order): two runs with the same content hash wrote the same "
        "shards, byte for byte.",
        "`curate verify` re-reads every file the manifest lists (shards, rejected, removed, sidecars, models), checks "
        "its size, sha256, rows and tokens, recomputes the content hash and names any unlisted file; exit status 0 "
        "means the data is exactly what this report describes.",
        "The command below does all of that; the Python snippet after it recomputes the content hash alone from the "
        "manifest (it prints True when they agree).",
    )
    manifest = f"{run.run_dir}/manifest.json"
    return Section("verify", "How to verify this run", notes,
                   (Code(verify_command(run.run_dir)), Code(CONTENT_HASH_SNIPPET.format(manifest=manifest))))


def run_report(run: RunData) -> Report:
    sections = (
        summary_section(run), funnel_section(run), mix_section(run), composition_section(run), code_section(run),
        synthetic_section(run),
        edu_section(run), dedup_section(run), contamination_section(run), shards_section(run), lengths_section(run),
        samples_section(run), verify_section(run),
    )
    sections = tuple(s for s in sections if s is not None)
    return Report(f"Data-mix report: {run.name}", header(run), sections)
