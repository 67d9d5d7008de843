"""Synthetic documents in the mix: pipelines/synth.yaml reads a synth job's output as the ``synthetic`` and
``rewrites`` groups, through the same dedup and decontamination, and the report shows seeds -> generated ->
verified -> kept per template."""

from __future__ import annotations

import json

import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq
import yaml

from curation.recipe.load import load_recipe
from curation.run.driver import execute
from curation.synth.job import run_job
from tests.conftest import ROOT, SAMPLE
from tests.scripted_llm_server import Server

JOB = """name: mix-test
endpoint: {endpoint}
model: scripted-model
timeout: 5
max_retries: 1
templates:
  - name: textbook
    kind: textbook
    prompt: "Rewrite as a textbook section: {{text}}"
  - name: paraphrase
    kind: paraphrase
    min_chars: 50
    prompt: "Paraphrase: {{text}}"
"""


def test_synthetic_groups_go_through_dedup_and_decontamination_into_the_mix(tmp_path):
    item = json.loads((SAMPLE / "benchmarks" / "gsm8k_sample.jsonl").read_text().splitlines()[0])["question"]
    texts = [f"A passage about plants. [[lesson:{i}]]" for i in range(12)]
    texts += ["A passage in French. [[textbook_fr:f]]", "A passage. [[textbook:t]]",
              f"A passage quoting a test item [[quote:q]] {item}"]
    seeds = tmp_path / "seeds.parquet"
    pq.write_table(pa.table({"seed_id": [f"s{i:02d}" for i in range(len(texts))], "text": texts}), seeds)
    out = tmp_path / "synth"
    with Server() as llm:
        (tmp_path / "job.yaml").write_text(JOB.format(endpoint=llm.endpoint))
        job = run_job(str(tmp_path / "job.yaml"), str(seeds), str(out)).manifest
    assert {t: job["templates"][t]["verified"] for t in job["templates"]} == {"textbook": 14, "paraphrase": 14}

    raw = yaml.safe_load((ROOT / "pipelines" / "synth.yaml").read_text())
    raw["root"] = str(ROOT)
    for inp in raw["inputs"]:
        if inp["source"] in ("synthetic", "rewrites"):
            inp["paths"] = [str(out / f"{inp['source']}.parquet")]
    raw["output"]["dir"] = str(tmp_path / "run")
    (tmp_path / "synth.yaml").write_text(yaml.safe_dump(raw))
    manifest = execute(load_recipe(tmp_path / "synth.yaml"), workers=1, progress=False).manifest

    docs = pl.concat([pl.read_parquet(tmp_path / "run" / o["path"]) for o in manifest["outputs"]])
    synth = docs.filter(pl.col("source").is_in(["synthetic", "rewrites"])).unique("id")
    meta = [json.loads(m) for m in synth["metadata"]]
    assert {m["template"] for m in meta} == {"textbook", "paraphrase"} and all(m["model"] == "scripted-model" for m in meta)
    # lesson passages differ per template and tag: all 24 kept; the "textbook" case is the same passage for
    # both templates: exact dedup keeps one of the two across groups; the passages quoting a GSM8K item
    # are gone (decontamination, or fuzzy dedup of one against the other first)
    lesson = [m for m in meta if int(m["seed_id"][1:]) < 12]
    assert len(lesson) == 24 and len({(m["seed_id"], m["template"]) for m in lesson}) == 24
    assert sum(m["seed_id"] == "s13" for m in meta) == 1 and not any(m["seed_id"] == "s14" for m in meta)
    assert synth.height == 25
    removed = pl.concat([pl.read_parquet(tmp_path / "run" / s["path"]) for s in manifest["side_outputs"]
                         if s["kind"] in ("rejected", "removed")], how="diagonal_relaxed")
    gone = removed.filter(pl.col("source").is_in(["synthetic", "rewrites"]))
    assert set(gone["stage"]) <= {"dedup_exact", "dedup_fuzzy", "decontaminate"} and "decontaminate" in set(gone["stage"])
    groups = {g["name"]: g for g in manifest["mix"]["groups"]}
    assert groups["synthetic"]["selected_documents"] > 0 and groups["rewrites"]["selected_documents"] > 0

    report = (tmp_path / "run" / "report.md").read_text()
    section = report[report.index("Synthetic data: seeds to kept documents"):]
    for source, t in (("synthetic", "textbook"), ("rewrites", "paraphrase")):
        kept = sum(m["template"] == t for m in meta)
        assert kept in (12, 13)
        row = next(line for line in section.splitlines() if line.startswith(f"| {source} | {t} |"))
        cells = [c.strip() for c in row.strip("|").split("|")]
        assert cells[3:8] == ["15", "15", "15", "14", str(kept)], row  # seeds, requested, generated, verified, kept
        assert "wrong_language 1" in row
