"""Benchmark decontamination: real GSM8K/HumanEval/MMLU items planted in real articles are found,
clean articles are not flagged, cut mode keeps the article, the run writes sidecars and builds the
index once, bad benchmark files are refused naming the file and the columns found."""

from __future__ import annotations

import json
import random
from collections import Counter
from pathlib import Path

import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import yaml
from datatrove.data import Document
from pydantic import ValidationError

from curation.decontam.benchmarks import BenchmarkSpec, iter_items
from curation.decontam.evaluate import LIGHT_EDITS, detectable, edit, found_items, plant, render
from curation.decontam.index import Rule, build_index, from_bytes, to_bytes
from curation.decontam.match import find_matches
from curation.decontam.normalize import normalize_words
from curation.manifest.verify import verify_run
from curation.recipe.load import RecipeError, load_recipe
from curation.run.driver import execute
from curation.stages.decontam import Decontaminate
from tests.conftest import SAMPLE, load_script

SAMPLE_BENCH = SAMPLE / "benchmarks"
PER_BENCHMARK = 50


def real_specs(shared: Path) -> list[dict]:
    b = shared / "benchmarks"
    return [{"name": "gsm8k", "paths": [str(b / "gsm8k_test.jsonl")], "mapping": "gsm8k"},
            {"name": "humaneval", "paths": [str(b / "HumanEval.jsonl.gz")], "mapping": "humaneval"},
            {"name": "mmlu", "paths": [str(b / "mmlu_test")], "mapping": "mmlu"}]


def sample_specs() -> list[dict]:
    return [{"name": "gsm8k", "paths": [str(SAMPLE_BENCH / "gsm8k_sample.jsonl")], "mapping": "gsm8k"},
            {"name": "humaneval", "paths": [str(SAMPLE_BENCH / "humaneval_sample.jsonl")], "mapping": "humaneval"},
            {"name": "mmlu", "paths": [str(SAMPLE_BENCH / "mmlu_sample")], "mapping": "mmlu"}]


@pytest.fixture(scope="module")
def real(shared_data):
    """(index, {(benchmark, item id): renderings}, article bodies) for the real benchmark files."""
    specs = [BenchmarkSpec.model_validate(s) for s in real_specs(shared_data)]
    index = build_index(specs, Rule())
    views = {(s.name, iid): v for s in specs for iid, v in iter_items(s, Counter())}
    truth = json.loads((shared_data / "extraction/scrapinghub/ground-truth.json").read_text(encoding="utf-8"))
    articles = [v["articleBody"] for v in truth.values()]
    return index, views, articles


# ----------------------------------------------------------------------------- normal form
def test_normalisation_folds_case_punctuation_and_whitespace():
    a = normalize_words("Janet’s ducks lay 16 eggs per day.\n\tShe  EATS three!")
    b = normalize_words("janet's ducks, lay 16 eggs per day she eats three")
    assert a == b == ["janet", "s", "ducks", "lay", "16", "eggs", "per", "day", "she", "eats", "three"]
    assert normalize_words("ＦＵＬＬ width Straße has_close_elements") == ["full", "width", "strasse", "has", "close", "elements"]
    assert normalize_words("re\u0301sume\u0301") == normalize_words("résumé") == ["résumé"]


def test_index_bytes_are_deterministic_and_round_trip():
    specs = [BenchmarkSpec.model_validate(s) for s in sample_specs()]
    a, b = to_bytes(build_index(specs, Rule())), to_bytes(build_index(specs, Rule()))
    assert a == b
    back = from_bytes(a)
    assert back.item_ids[:1] == ["gsm8k_sample.jsonl:1"] and len(back.item_ids) == 25
    assert all((back.keys[n][1:] >= back.keys[n][:-1]).all() for n in back.keys)  # sorted for searchsorted
    assert back.card["benchmarks"][2]["files"] == 2


# ----------------------------------------------------------------------------- quality on real data
def test_planted_items_are_all_found(real):
    index, views, articles = real
    rng = random.Random(20261121)
    can_find = detectable(index)
    assert len(can_find) / len(index.item_ids) > 0.995  # the rest (bare arithmetic) is in the card
    by_bench: dict[str, list[int]] = {}
    for i in can_find:
        by_bench.setdefault(index.benchmarks[index.item_bench[i]], []).append(i)
    for bench, items in by_bench.items():
        chosen = rng.sample(items, PER_BENCHMARK)
        missed = {"verbatim": [], "edited": []}
        for i in chosen:
            renderings = views[(bench, index.item_ids[i])]
            verbatim = render(rng.choice(renderings))
            edited = edit(render(rng.choice(renderings)), rng, LIGHT_EDITS)
            for kind, snippet in (("verbatim", verbatim), ("edited", edited)):
                text, _, _ = plant(rng.choice(articles), snippet, rng)
                assert snippet in text
                if i not in found_items(index, text):
                    missed[kind].append(index.item_ids[i])
        assert missed["verbatim"] == [], (bench, missed)
        assert len(missed["edited"]) <= 0.05 * PER_BENCHMARK, (bench, missed)


def test_clean_articles_are_almost_never_flagged(real):
    index, _, articles = real
    flagged = [a[:80] for a in articles if find_matches(index, a).items]
    assert len(articles) == 181
    assert len(flagged) <= 0.01 * len(articles), flagged


def test_cut_mode_removes_the_item_and_keeps_the_article(real, shared_data):
    index, views, articles = real
    rng = random.Random(5)
    step = Decontaminate(benchmarks=real_specs(shared_data), mode="cut", margin=200)
    assert step.index.item_ids == index.item_ids  # built in memory the same way
    for bench in index.benchmarks:
        i = next(k for k in detectable(index) if index.benchmarks[index.item_bench[k]] == bench and index.item_n[k] == 13)
        article = max(articles[:40], key=len)
        text, start, end = plant(article, render(views[(bench, index.item_ids[i])][0]), rng)
        doc = Document(text=text, id=f"doc-{bench}")
        assert step.filter(doc) is True
        assert i not in found_items(index, doc.text)
        for para in (p for p in article.split("\n") if p.strip()):  # the margin stops at line breaks
            assert para.strip() in doc.text
        # (HumanEval/0 and /20 share their double loop: a page quoting one also contains the other)
        rec = next(r for r in step.side_records if r["doc_id"] == doc.id and r["item_id"] == index.item_ids[i])
        assert rec["action"] == "cut" and rec["item_id"] == index.item_ids[i] and rec["n"] == 13
        assert rec["start"] <= start and rec["end"] >= end - 1 and rec["matched_ngrams"] >= 1
        assert len(rec["ngram"].split()) == 13
    assert step.stats["spans_cut"].total == 3 and step.stats["contaminated"].total == 3


def test_drop_mode_and_too_little_left_after_a_cut():
    quote = json.loads((SAMPLE_BENCH / "gsm8k_sample.jsonl").read_text().splitlines()[3])["question"]
    prose = "The weather was fine and the market square was busy with people buying bread and flowers. " * 4
    drop = Decontaminate(benchmarks=sample_specs(), mode="drop")
    assert drop.filter(Document(text=f"{prose}\n{quote}", id="a")) == (False, "contaminated")
    assert drop.filter(Document(text=prose, id="b")) is True
    assert drop.side_records[0] | {"ngram": None} == {
        "doc_id": "a", "benchmark": "gsm8k", "item_id": "gsm8k_sample.jsonl:4", "ngram": None, "n": 13,
        "matched_ngrams": drop.side_records[0]["matched_ngrams"], "action": "drop", "start": None, "end": None}
    cut = Decontaminate(benchmarks=sample_specs(), mode="cut", min_keep_words=50)
    assert cut.filter(Document(text=f"Homework help:\n{quote}\nThanks!", id="c")) == (False, "too_short_after_cut")
    assert cut.side_records[0]["action"] == "drop"


# ----------------------------------------------------------------------------- bad benchmark files
def _recipe(tmp_path: Path, benchmarks: list[dict], inputs: list[str] | None = None, **stage) -> Path:
    if inputs is None:
        (tmp_path / "in.jsonl").write_text(json.dumps({"id": "x", "text": "hello"}) + "\n")
        inputs = [str(tmp_path / "in.jsonl")]
    raw = {"name": "dc", "inputs": [{"paths": inputs}], "output": {"dir": str(tmp_path / "run")},
           "pipeline": [{"decontaminate": {"benchmarks": benchmarks, **stage}}]}
    path = tmp_path / "dc.yaml"
    path.write_text(yaml.safe_dump(raw, sort_keys=False))
    return path


def _refused(**spec) -> str:
    """The one-line message a benchmark spec is refused with."""
    with pytest.raises(ValidationError) as info:
        BenchmarkSpec(**spec)
    return info.value.errors()[0]["msg"].removeprefix("Value error, ")


def test_wrong_columns_name_the_file_and_the_columns_found(tmp_path):
    gsm = tmp_path / "gsm8k_test.jsonl"
    gsm.write_text(json.dumps({"q": "How many?", "a": "4"}) + "\n")
    assert _refused(name="gsm8k", paths=[str(gsm)], mapping="gsm8k") == \
        f"{gsm}: mapping gsm8k needs fields question, answer; found: q, a"
    with pytest.raises(RecipeError, match=r"dc\.yaml:\d+: .*gsm8k_test\.jsonl: mapping gsm8k needs fields question, answer; found: q, a"):
        load_recipe(_recipe(tmp_path, [{"name": "gsm8k", "paths": [str(gsm)], "mapping": "gsm8k"}]))
    mmlu = tmp_path / "mmlu" / "x_test.csv"
    mmlu.parent.mkdir()
    mmlu.write_text("What is it?,yes,no\n")
    assert _refused(name="mmlu", paths=[str(mmlu.parent)], mapping="mmlu") == \
        f"{mmlu}: mapping mmlu needs 6 columns (question, A, B, C, D, answer); found: 3 columns in the first row"
    table = tmp_path / "mine.parquet"
    pq.write_table(pa.table({"prompt": ["p"], "body": ["b"]}), table)
    assert _refused(name="mine", paths=[str(table)], format="parquet", fields=["prompt", "solution"], id_field="id") == \
        f"{table}: benchmark mine needs fields prompt, solution, id; found: prompt, body"
    # a file that changed after the recipe was checked: the loader refuses it the same way
    gsm.write_text(json.dumps({"question": "How many?", "answer": "4"}) + "\n")
    spec = BenchmarkSpec(name="gsm8k", paths=[str(gsm)], mapping="gsm8k")
    gsm.write_text(json.dumps({"question": "How many?", "solution": "4"}) + "\n")
    with pytest.raises(ValueError, match=r"^\S+gsm8k_test\.jsonl: mapping gsm8k needs fields question, answer; found: question, solution$"):
        list(iter_items(spec, Counter()))


def test_missing_benchmark_file_fails_the_recipe_before_any_work(tmp_path):
    path = _recipe(tmp_path, [{"name": "gsm8k", "paths": [str(tmp_path / "nope.jsonl")], "mapping": "gsm8k"}])
    with pytest.raises(RecipeError, match=r"dc\.yaml:\d+: pipeline\.0\.decontaminate\.benchmarks: \S+/nope\.jsonl: not found"):
        load_recipe(path)
    assert not (tmp_path / "run").exists()


def test_bad_lines_are_counted_and_skipped(tmp_path):
    f = tmp_path / "mine.jsonl"
    good = {"id": "k1", "q": "A farmer plants seven rows of beans and eleven rows of peas in the long field behind the barn.", "a": "18"}
    f.write_text("\n".join([json.dumps(good), "{not json", json.dumps({"id": "k2", "q": "only a question"}), json.dumps([1])]) + "\n")
    spec = BenchmarkSpec(name="mine", paths=[str(f)], format="jsonl", fields=["q", "a"], id_field="id")
    card = build_index([spec], Rule()).card["benchmarks"][0]
    assert card["indexed"] == 1 and card["skipped_by_reason"] == {"bad_json": 1, "missing_field": 1, "not_an_object": 1}


# ----------------------------------------------------------------------------- a real run
def test_run_writes_sidecars_and_builds_the_index_once(tmp_path, shared_data, real):
    mode = "cut"
    index, views, articles = real
    rng = random.Random(11)
    planted = {}
    inputs = []
    for k in range(3):  # three input files: three work units share one index file
        rows = []
        for j in range(4):
            doc_id = f"u{k}-{j}"
            text = articles[4 * k + j]
            if j % 2 == 0:
                i = rng.choice([x for x in detectable(index) if index.item_n[x] == 13])
                text, _, _ = plant(text, render(views[(index.benchmarks[index.item_bench[i]], index.item_ids[i])][0]), rng)
                planted[doc_id] = index.item_ids[i]
            rows.append(json.dumps({"id": doc_id, "text": text}))
        p = tmp_path / f"in{k}.jsonl"
        p.write_text("\n".join(rows) + "\n")
        inputs.append(str(p))
    recipe = load_recipe(_recipe(tmp_path, real_specs(shared_data), inputs, mode=mode, margin=100))
    result = execute(recipe, workers=1, progress=False)
    m = result.manifest
    stage = next(s for s in m["stages"] if s["name"] == "decontaminate")
    assert stage["counters"]["contaminated"] == len(planted) == 6
    assert stage["counters"]["index_loads"] == 1  # three units, one worker process, one read
    assert stage["counters"]["spans_cut"] >= 6 and stage["out"] == 12
    (index_entry,) = m["models"]
    assert index_entry["name"] == "decontam-index" and index_entry["path"].startswith("indexes/decontam-")
    assert index_entry["card"]["items"] == len(index.item_ids)
    assert [e["path"] for e in m["side_outputs"] if e["kind"] == "index"] == [index_entry["path"]]
    side = pl.read_parquet(f"{result.run_dir}/sidecars/decontaminate/*.parquet")
    assert sorted(side.columns) == sorted(["doc_id", "benchmark", "item_id", "ngram", "n", "matched_ngrams", "action", "start", "end"])
    got = dict(zip(side["doc_id"], side["item_id"]))
    assert all(got[d] == planted[d] or planted[d] in set(side.filter(pl.col("doc_id") == d)["item_id"]) for d in planted)
    assert set(side["action"]) == {"cut"} and side["start"].null_count() == 0
    assert sum(e["kind"] == "sidecar:decontaminate" for e in m["side_outputs"]) == 3
    shards = pl.read_parquet(f"{result.run_dir}/shards/*.parquet")
    assert all(not find_matches(index, t).items for t in shards["text"])
    assert verify_run(result.run_dir) == []
    # prepare again (a resume): the same index file is reused, not rebuilt
    index_file = Path(result.run_dir) / index_entry["path"]
    before = index_file.stat().st_mtime_ns
    params, cards = Decontaminate.prepare({"benchmarks": real_specs(shared_data), "mode": mode}, result.run_dir)
    assert params["index"].endswith(index_entry["path"]) and index_file.stat().st_mtime_ns == before
    assert "benchmarks" not in params and cards[0]["card"]["sha256"] == params["index_digest"]


def test_sample_leaks_pass_the_web_filters_and_are_cut(tmp_path):
    """The main job's leaked posts survive the quality filters and lose only their quoted item."""
    docs = [json.loads(line) for line in (SAMPLE_BENCH / "leaked_docs.jsonl").read_text().splitlines()]
    raw = {"name": "leaks", "inputs": [{"paths": [str(SAMPLE_BENCH / "leaked_docs.jsonl")], "source": "qa"}],
           "output": {"dir": str(tmp_path / "run")},
           "pipeline": [{"langid": {"min_score": 0.5}}, {"gopher_repetition": {"languages": "*"}}, {"gopher_quality": {}},
                        {"c4": {"filter_no_terminal_punct": False, "sources": ["web", "forum"]}}, {"fineweb": {}},
                        {"decontaminate": {"benchmarks": sample_specs(), "mode": "cut"}}]}
    path = tmp_path / "leaks.yaml"
    path.write_text(yaml.safe_dump(raw, sort_keys=False))
    result = execute(load_recipe(path), workers=1, progress=False)
    side = pl.read_parquet(f"{result.run_dir}/sidecars/decontaminate/*.parquet")
    assert sorted(side["benchmark"]) == ["gsm8k", "humaneval", "mmlu"] and set(side["action"]) == {"cut"}
    out = {r["id"]: r["text"] for r in pl.read_parquet(f"{result.run_dir}/shards/*.parquet").to_dicts()}
    assert set(out) == {d["id"] for d in docs}
    for d in docs:
        first_line, last_line = d["text"].split("\n")[0], d["text"].split("\n")[-1]
        assert out[d["id"]].startswith(first_line) and out[d["id"]].endswith(last_line)
        assert len(out[d["id"]]) < len(d["text"]) - 150


def test_benchmark_sample_is_generated_deterministically(tmp_path):
    gen = load_script(SAMPLE_BENCH / "make_benchmark_sample.py")
    written = gen.generate(tmp_path)
    assert "leaked_docs.jsonl" in written and len(written) == 5
    for rel in written:
        assert (tmp_path / rel).read_bytes() == (SAMPLE_BENCH / rel).read_bytes(), f"{rel} is stale: rerun the generator"


# ----------------------------------------------------------------------------- sidecar files
SIDECAR_CODE = """
import json, sys
from pathlib import Path
from datatrove.data import Document
from curation.filters.selective import Selective
from curation.run.unit import _publish_sidecars
from curation.stages.decontam import Decontaminate
specs, leaks, mode, out = json.loads(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
stage = Selective(Decontaminate(benchmarks=specs, mode=mode), ["web", "forum", "qa"])
docs = [json.loads(line) for line in Path(leaks).read_text().splitlines()]
for d in docs:
    stage.filter(Document(text=d["text"], id=d["id"], metadata={"source": "qa"}))
_publish_sidecars(["decontaminate"], [stage], out + "/{stage}.parquet")
print("pandas" in sys.modules)
"""


@pytest.mark.parametrize("mode", ["cut", "drop"])
def test_sidecars_are_written_without_pandas_in_one_schema(tmp_path, mode):
    """The worker writes a unit's sidecar from its typed columns (pandas stays out); cut mode gives the
    bytes pyarrow's ``Table.from_pylist`` gave, and a unit with only drops keeps start/end int64 columns
    (pyarrow inferred ``null`` for them, a schema unlike the other units')."""
    import subprocess
    import sys

    run = subprocess.run([sys.executable, "-c", SIDECAR_CODE, json.dumps(sample_specs()),
                          str(SAMPLE_BENCH / "leaked_docs.jsonl"), mode, str(tmp_path)],
                         capture_output=True, text=True, check=True)
    assert run.stdout.split() == ["False"]
    written = tmp_path / "decontaminate.parquet"
    table = pq.read_table(written)
    assert table.schema == Decontaminate.side_schema and table.num_rows == 3
    assert set(table["action"].to_pylist()) == {mode}
    if mode == "cut":
        from curation.io.files import write_parquet_atomic

        write_parquet_atomic(pa.Table.from_pylist(table.to_pylist()), str(tmp_path / "pylist.parquet"))
        assert written.read_bytes() == (tmp_path / "pylist.parquet").read_bytes()
    else:
        assert table["start"].null_count == table["end"].null_count == 3
