"""``curate synth``: one generation job from a recipe and a seeds parquet to verified documents.

Steps: validate the recipe and check every template's slots against the seed columns (before any
request); plan the requests; fetch the answers (cache first); check each reply by its kind; write
one parquet per output group (``id, text, metadata``) plus ``rejected.parquet`` and
``synth_manifest.json``. Outputs depend only on the recipe, the seeds and the cache, so a rerun or a
resume after a kill writes the same bytes; what this run did (requests, retries, cache hits) is
returned and printed, never written into the outputs.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from curation.synth.cache import VerdictCache
from curation.synth.seeds_config import SeedsError  # noqa: F401 (the CLI catches it from here)
from curation.synth.generate import Fetched, Plan, Request, fetch, plan
from curation.synth.generate_checks import Checked, LanguageCheck, check_code, check_prose, check_qa
from curation.synth.generate_output import Candidate, write_outputs
from curation.synth.templates import SynthRecipe, check_fields, load_synth_recipe

log = logging.getLogger("curation.synth")

#: Seed columns the job itself needs (templates may name any other).
REQUIRED_SEED_COLUMNS = ("seed_id",)
#: Sandboxed test runs at once (each is a child process).
VERIFY_WORKERS = max(1, min(4, os.cpu_count() or 1))


def read_seeds(path: str) -> tuple[list[dict[str, Any]], list[str], dict[str, Any]]:
    """(usable rows, column names, file facts) of a seeds parquet. A row without a seed_id, or repeating
    one already seen, is counted under ``skipped`` and left out (its requests could not be told apart)."""
    from curation.io.files import file_digest, read_parquet

    try:
        digest = file_digest(path)[1]
        table = read_parquet(path)  # by path when local: no Python buffer for arrow's threads to free at exit
    except FileNotFoundError:
        raise SeedsError(f"{path}: seeds file not found") from None
    except Exception as e:  # noqa: BLE001 - any unreadable file is one clear error
        raise SeedsError(f"{path}: not readable as parquet ({type(e).__name__}: {e})") from None
    missing = [c for c in REQUIRED_SEED_COLUMNS if c not in table.column_names]
    if missing:
        raise SeedsError(f"{path}: seeds lack column(s) {missing} (columns: {table.column_names})")
    rows, seen, skipped = [], set(), Counter()
    for row_number, row in enumerate(table.to_pylist()):
        sid = row.get("seed_id")
        if sid is None or not str(sid).strip():
            skipped["missing_seed_id"] += 1
            log.warning("%s:%d: missing_seed_id (row skipped)", path, row_number)
        elif str(sid) in seen:
            skipped["duplicate_seed_id"] += 1
            log.warning("%s:%d: duplicate_seed_id %r (row skipped; the first is used)", path, row_number, sid)
        else:
            seen.add(str(sid))
            rows.append(row)
    facts = {"file": os.path.basename(path.rstrip("/")), "sha256": digest,
             "rows": table.num_rows, "skipped": dict(sorted(skipped.items()))}
    return rows, table.column_names, facts


@dataclasses.dataclass
class JobResult:
    manifest: dict[str, Any]
    fetched: Fetched


def run_job(recipe_path: str, seeds_path: str, output_dir: str, cache_path: str | None = None,
            api_key: str | None = None) -> JobResult:
    """Run (or resume) a generation job; returns the manifest written and this run's request counts."""
    recipe, text = load_synth_recipe(recipe_path)
    seeds, columns, seeds_info = read_seeds(seeds_path)
    check_fields(recipe, columns, text, recipe_path)
    if api_key is None:
        api_key = os.environ.get(recipe.api_key_env)
    jobs = plan(recipe, seeds)
    cache_path = cache_path or os.path.join(output_dir, "cache.jsonl")
    fetched = fetch(recipe, seeds, jobs.requests, cache_path, api_key=api_key)
    verdicts = VerdictCache(cache_path)
    try:
        candidates = check_all(recipe, seeds, jobs, fetched, verdicts)
    finally:
        verdicts.close()
    manifest = write_outputs(recipe, candidates, jobs, fetched, output_dir, seeds_info=seeds_info)
    return JobResult(manifest, fetched)


def check_all(recipe: SynthRecipe, seeds: list[dict], jobs: Plan, fetched: Fetched,
              verdicts: VerdictCache | None = None) -> list[Candidate]:
    """One ``Candidate`` per would-be document, in plan order (qa: one per seed, others one per request)."""
    lang = LanguageCheck(recipe.language)
    units: list[list[Request]] = []
    for r in jobs.requests:
        t = recipe.templates[r.template]
        if t.kind == "qa" and units and units[-1][0].template == r.template and units[-1][0].seed == r.seed:
            units[-1].append(r)
        else:
            units.append([r])

    def one(unit: list[Request]) -> Checked:
        t = recipe.templates[unit[0].template]
        replies = [fetched.answers.get(r.key, {}).get("reply") for r in unit]
        failed = [fetched.failures.get(r.key, ("not_asked", ""))[0] for r, rep in zip(unit, replies) if rep is None]
        if t.kind == "qa":
            return check_qa(t, seeds[unit[0].seed], replies, failed, lang)
        if replies[0] is None:
            reason, detail = fetched.failures.get(unit[0].key, ("not_asked", ""))
            return Checked(False, reason, detail)
        if t.kind == "code":
            return check_code(t, replies[0], verdicts)
        return check_prose(t, replies[0], lang)

    with ThreadPoolExecutor(max_workers=VERIFY_WORKERS, thread_name_prefix="synth-verify") as pool:
        checked = list(pool.map(one, units))
    return [Candidate(unit[0], seeds[unit[0].seed], c) for unit, c in zip(units, checked)]


def summary(result: JobResult) -> dict[str, Any]:
    """What a user wants on the terminal: per-template funnel and this run's requests."""
    m, f = result.manifest, result.fetched
    return {"templates": {n: {k: t[k] for k in ("seeds", "requested", "generated", "verified", "rejected")}
                          for n, t in m["templates"].items()},
            "this_run": {"requests": f.requests, "retries": f.retries, "answers_from_cache": f.from_cache,
                         "requests_failed": len(f.failures)},
            "usage": m["usage"], "cost": m["cost"]}


def summary_json(result: JobResult) -> str:
    return json.dumps(summary(result), sort_keys=True)
