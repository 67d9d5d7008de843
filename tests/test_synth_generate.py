"""Generation jobs end to end against a scripted OpenAI-compatible server on 127.0.0.1 (no other network).

Each seed's text carries ``[[case:tag]]``; ``tests/scripted_llm_server.py`` answers by case: good
passages, French ones, 500s, 429s with Retry-After, stalls past the timeout, bodies that are not JSON,
passing and failing code, agreeing and split answers. The job must keep exactly the good ones and
count every other under its reason, write the same bytes on a rerun from its cache, whatever the
concurrency, and after a SIGKILL.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from curation.recipe.errors import RecipeError
from curation.synth.job import run_job
from curation.synth.templates import MissingFieldError
from tests.conftest import ROOT
from tests.scripted_llm_server import Server

OUTPUT_FILES = ("synthetic.parquet", "rewrites.parquet", "rejected.parquet", "synth_manifest.json")


def seeds_file(path: Path, cases: list[str], kind: str = "passage") -> str:
    rows = [{"seed_id": f"s{i:03d}", "text": f"A passage about plants. [[{c}:{i}]]", "kind": kind,
             "question": f"What is 6 times 7? [[{c}:{i}]]" if kind == "qa" else None,
             "answer": "42" if kind == "qa" else None, "source_id": f"web-{i}", "group": "web",
             "cluster": i % 3, "edu_score": 3.0} for i, c in enumerate(cases)]
    schema = pa.schema([("seed_id", pa.string()), ("text", pa.string()), ("kind", pa.string()),
                        ("question", pa.string()), ("answer", pa.string()), ("source_id", pa.string()),
                        ("group", pa.string()), ("cluster", pa.int32()), ("edu_score", pa.float64())])
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), path)
    return str(path)


def recipe_file(path: Path, endpoint: str, templates: str, **over) -> str:
    settings = {"timeout": 10, "max_retries": 2, "backoff": "[0.01, 0.02]", "concurrency": 8, **over}
    head = "".join(f"{k}: {v}\n" for k, v in settings.items())
    path.write_text(f"name: test-synth\nendpoint: {endpoint}\nmodel: scripted-model\n{head}templates:\n{templates}")
    return str(path)


TEXTBOOK = """  - name: textbook
    kind: textbook
    prompt: |
      Rewrite this passage as a section of a textbook:
      {text}
"""
PARAPHRASE = """  - name: paraphrase
    kind: paraphrase
    min_chars: 50
    prompt: "Paraphrase: {text}"
"""


def read_docs(out: Path, name: str = "synthetic.parquet") -> list[dict]:
    return pq.read_table(out / name).to_pylist()


def manifest(out: Path) -> dict:
    return json.loads((out / "synth_manifest.json").read_text())


def file_bytes(out: Path) -> dict[str, bytes]:
    return {n: (out / n).read_bytes() for n in OUTPUT_FILES if (out / n).exists()}


def test_a_template_naming_a_missing_field_is_refused_before_any_request(tmp_path):
    seeds = seeds_file(tmp_path / "seeds.parquet", ["textbook"] * 3)
    bad = TEXTBOOK + """  - name: solve
    kind: textbook
    prompt: |
      Solve the exercise below.
      {exercise}
"""
    with Server() as llm:
        recipe = recipe_file(tmp_path / "job.yaml", llm.endpoint, bad)
        with pytest.raises(MissingFieldError) as err:
            run_job(recipe, seeds, str(tmp_path / "out"))
        assert sum(llm.asked.values()) == 0
    line = next(i for i, t in enumerate(Path(recipe).read_text().splitlines(), 1) if "{exercise}" in t)
    assert f"job.yaml:{line}: templates[1] (solve)" in str(err.value) and "{exercise}" in str(err.value)
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("templates, field", [
    ("  - name: t\n    kind: essay\n    prompt: '{text}'\n", "templates.0.kind"),
    ("  - name: t\n    kind: qa\n    prompt: '{question}'\n", "templates.0.samples"),
    ("  - name: t\n    kind: textbook\n    prompt: 'a {text'\n", "templates.0.prompt"),
])
def test_recipe_errors_name_the_field_and_line(tmp_path, templates, field):
    recipe = recipe_file(tmp_path / "job.yaml", "http://127.0.0.1:9/v1", templates)
    with pytest.raises(RecipeError) as err:
        run_job(recipe, seeds_file(tmp_path / "s.parquet", ["textbook"]), str(tmp_path / "out"))
    assert str(err.value).startswith(f"{recipe}:") and field in str(err.value)


CASES = {  # scripted case -> what the job must conclude (reason, or "kept")
    "textbook": "kept", "flaky": "kept", "busy": "kept", "slow": "kept",
    "textbook_fr": "wrong_language", "textbook_short": "too_short", "limited": "http_429", "down": "http_500",
    "stall": "timeout", "garbage": "bad_response",
}


def test_every_reply_is_kept_or_rejected_with_its_reason(tmp_path):
    cases = [c for c in CASES for _ in range(2)]
    seeds = seeds_file(tmp_path / "seeds.parquet", cases)
    with Server(stall_s=8.0) as llm:  # stalls outlast the 1.5 s timeout (3 tries); answers come well within it
        recipe = recipe_file(tmp_path / "job.yaml", llm.endpoint, TEXTBOOK, timeout=1.5)
        run_job(recipe, seeds, str(tmp_path / "out"))
        assert llm.requests_for("limited") == 2 * 3 and llm.requests_for("busy") == 2 * 2  # Retry-After: 0 honoured
    out = tmp_path / "out"
    docs = read_docs(out)
    kept = sorted(json.loads(d["metadata"])["seed_id"] for d in docs)
    assert kept == sorted(f"s{i:03d}" for i, c in enumerate(cases) if CASES[c] == "kept")
    meta = json.loads(docs[0]["metadata"])
    assert meta["template"] == "textbook" and meta["model"] == "scripted-model" and meta["verification"]["reason"] == "accepted"
    assert [d["id"] for d in docs] == [f"synth:textbook:{m}" for m in kept]
    rejected = {r["seed_id"]: r["reason"] for r in pq.read_table(out / "rejected.parquet").to_pylist()}
    assert rejected == {f"s{i:03d}": CASES[c] for i, c in enumerate(cases) if CASES[c] != "kept"}
    t = manifest(out)["templates"]["textbook"]
    assert (t["seeds"], t["requested"], t["verified"]) == (20, 20, 8)
    assert t["generated"] == 20 - 2 * 4  # 429, 500, timeout and non-JSON gave no reply
    assert t["candidates"] == t["verified"] + sum(t["rejected"].values()) == 20
    assert t["rejected"] == {r: 2 for r in CASES.values() if r != "kept"}
    assert t["usage"]["prompt_tokens"] == 50 * t["generated"]


def test_an_endpoint_that_is_down_is_counted_not_fatal(tmp_path):
    seeds = seeds_file(tmp_path / "seeds.parquet", ["textbook"] * 4)
    with Server() as llm:
        endpoint = llm.endpoint  # the port is closed once the server stops
    recipe = recipe_file(tmp_path / "job.yaml", endpoint, TEXTBOOK + PARAPHRASE, max_retries=1)
    result = run_job(recipe, seeds, str(tmp_path / "out"))
    t = result.manifest["templates"]
    assert t["textbook"]["rejected"] == t["paraphrase"]["rejected"] == {"connection_error": 4}
    assert result.fetched.requests == 2 * 4 * 2 and read_docs(tmp_path / "out") == []


def test_rerun_from_the_cache_is_byte_identical_whatever_the_concurrency(tmp_path):
    cases = ["textbook", "flaky", "textbook_fr", "limited", "garbage", "textbook", "busy"] * 3
    seeds = seeds_file(tmp_path / "seeds.parquet", cases)
    templates = TEXTBOOK + PARAPHRASE + """  - name: textbook_x2
    kind: textbook
    group: rewrites
    samples: 2
    temperature: 0.8
    prompt: "Write it twice differently: {text}"
"""
    with Server() as llm:
        outs = {}
        for n in (1, 8):
            recipe = recipe_file(tmp_path / f"job{n}.yaml", llm.endpoint, templates, concurrency=n)
            outs[n] = file_bytes(tmp_path / f"out{n}") if run_job(recipe, seeds, str(tmp_path / f"out{n}")) else None
        asked = sum(llm.asked.values())
        again = run_job(str(tmp_path / "job8.yaml"), seeds, str(tmp_path / "out8"))
        # only what has no answer is asked again (429s, non-JSON), never a cached answer
        assert again.fetched.from_cache == sum(t["generated"] for t in again.manifest["templates"].values())
        assert sum(llm.asked.values()) - asked == again.fetched.requests == 3 * 4 * 3 + 3 * 4  # limited: 3 attempts; garbage: 1
    assert outs[1] == outs[8] == file_bytes(tmp_path / "out8")
    assert len(outs[1]) == 4
    kept = manifest(tmp_path / "out8")["templates"]["textbook_x2"]
    assert kept["requested"] == 42 and kept["verified"] == 4 * 3 * 2
    ids = [d["id"] for d in read_docs(tmp_path / "out8", "rewrites.parquet")]
    assert len(ids) == len(set(ids)) == 4 * 3 + 4 * 3 * 2


def test_usage_and_cost_are_counted(tmp_path):
    seeds = seeds_file(tmp_path / "seeds.parquet", ["textbook", "textbook_short", "down"])
    with Server() as llm:
        recipe = recipe_file(tmp_path / "job.yaml", llm.endpoint, TEXTBOOK,
                             prices="{prompt_per_mtok: 1.0, completion_per_mtok: 4.0}")
        m = run_job(recipe, seeds, str(tmp_path / "out")).manifest
    assert m["usage"]["prompt_tokens"] == 100 and m["usage"]["completion_tokens"] > 0
    assert m["cost"] == pytest.approx((100 + 4 * m["usage"]["completion_tokens"]) / 1e6)


def _curate_synth(recipe: str, seeds: str, out: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-m", "curation.cli", "synth", recipe, "--seeds", seeds, "--output", str(out)],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def test_a_job_killed_midway_resumes_to_the_same_bytes(tmp_path):
    cases = ["textbook", "textbook_fr", "down", "textbook_short"] * 15
    seeds = seeds_file(tmp_path / "seeds.parquet", cases)
    with Server(delay_s=0.1) as llm:
        recipe = recipe_file(tmp_path / "job.yaml", llm.endpoint, TEXTBOOK, concurrency=2, max_retries=0)
        assert run_job(recipe, seeds, str(tmp_path / "clean"))
        out = tmp_path / "killed"
        job = _curate_synth(recipe, seeds, out)
        deadline = time.monotonic() + 60
        cache = out / "cache.jsonl"
        while time.monotonic() < deadline and (not cache.exists() or cache.read_bytes().count(b"\n") < 10):
            time.sleep(0.02)
        job.send_signal(signal.SIGKILL)
        job.wait()
        cached = cache.read_bytes().count(b"\n")
        interrupted = _curate_synth(recipe, seeds, out)  # Ctrl-C: stops, keeps what was answered, says so
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and cache.read_bytes().count(b"\n") < cached + 3:
            time.sleep(0.02)
        interrupted.send_signal(signal.SIGINT)
        _, err = interrupted.communicate(timeout=60)
        assert interrupted.returncode == 130 and "rerun the same command to resume" in err.decode()
        cached = cache.read_bytes().count(b"\n")
        assert 10 <= cached < 45 and not (out / "synth_manifest.json").exists()
        before = sum(llm.asked.values())
        done = _curate_synth(recipe, seeds, out)
        stdout, stderr = done.communicate(timeout=120)
        assert done.returncode == 0, stderr.decode()
        summary = json.loads(stdout.decode().splitlines()[0])
        # what was cached is not asked again; the rest is (the 500s are never cached)
        assert summary["this_run"]["answers_from_cache"] >= cached
        assert sum(llm.asked.values()) - before == summary["this_run"]["requests"] == 60 - summary["this_run"]["answers_from_cache"]
    assert file_bytes(out) == file_bytes(tmp_path / "clean") and len(file_bytes(out)) == 3


def _verify_module():
    """The verification functions are another part of issue 18; until merged here, these tests skip."""
    try:
        import curation.synth.verify as verify
    except ImportError as e:
        pytest.skip(f"curation.synth.verify is not in this tree yet ({e}); the code and qa paths need it")
    return verify


CODE = """  - name: exercise
    kind: code
    seed_kind: passage
    prompt: |
      Write a Python exercise with its solution and tests, inspired by:
      {text}
"""
QA = """  - name: solve
    kind: qa
    seed_kind: qa
    samples: 5
    temperature: 0.8
    prompt: |
      Solve step by step and end with "Final answer: <answer>".
      {question}
"""


def test_failing_code_and_split_answers_are_rejected_and_correct_ones_kept(tmp_path, monkeypatch):
    verify = _verify_module()
    code_cases = ["code_ok", "code_fail", "code_prose"] * 4
    qa_cases = ["qa_agree", "qa_majority", "qa_split", "qa_prose"] * 3
    passages = pq.read_table(seeds_file(tmp_path / "p.parquet", code_cases))
    questions = pq.read_table(seeds_file(tmp_path / "q.parquet", qa_cases, kind="qa"))
    questions = questions.set_column(0, "seed_id", pa.array([f"q{i:03d}" for i in range(len(qa_cases))]))
    pq.write_table(pa.concat_tables([passages, questions]), tmp_path / "seeds.parquet")
    with Server() as llm:
        recipe = recipe_file(tmp_path / "job.yaml", llm.endpoint, CODE + QA)
        m = run_job(recipe, str(tmp_path / "seeds.parquet"), str(tmp_path / "out")).manifest
        assert llm.requests_for("qa_split") == 3 * 5  # k samples per question
    docs = {d["id"]: json.loads(d["metadata"]) for d in read_docs(tmp_path / "out")}
    want_code = {f"synth:exercise:s{i:03d}" for i, c in enumerate(code_cases) if c == "code_ok"}
    want_qa = {f"synth:solve:q{i:03d}" for i, c in enumerate(qa_cases) if c in ("qa_agree", "qa_majority")}
    assert set(docs) == want_code | want_qa  # 100% of correct ones kept, nothing else
    assert all(docs[i]["verification"]["answer"] == "42" for i in want_qa)
    code, qa = m["templates"]["exercise"], m["templates"]["solve"]
    assert code["seeds"] == 12 and qa["seeds"] == 12  # each template took only its seed kind
    assert code["verified"] == 4 and set(code["rejected"]) == {"tests_failed", "malformed_reply"}
    assert code["rejected"]["tests_failed"] == 4  # 100% of failing code rejected
    assert qa["verified"] == 6 and qa["rejected"] == {"no_plurality": 3, "no_answer": 3}
    assert qa["requested"] == 12 * 5 and qa["candidates"] == 12
    # a rerun takes the replies and the sandbox verdicts from the cache: same bytes, no test run again
    first = file_bytes(tmp_path / "out")

    def no_sandbox(*args, **kw):
        raise AssertionError("the sandbox ran again on a rerun from the cache")

    monkeypatch.setattr(verify, "run_python_tests", no_sandbox)
    again = run_job(recipe, str(tmp_path / "seeds.parquet"), str(tmp_path / "out"))
    assert again.fetched.requests == 0 and file_bytes(tmp_path / "out") == first


def test_max_rps_spaces_the_requests_and_prose_instead_of_code_is_malformed(tmp_path):
    seeds = seeds_file(tmp_path / "seeds.parquet", ["code_prose"] * 10)
    with Server() as llm:
        recipe = recipe_file(tmp_path / "job.yaml", llm.endpoint, CODE, max_rps=40)
        started = time.monotonic()
        m = run_job(recipe, seeds, str(tmp_path / "out")).manifest
        elapsed = time.monotonic() - started
    assert elapsed >= 9 / 40  # 10 request starts at most 1/40 s apart (a lower bound: load only adds)
    assert m["templates"]["exercise"]["rejected"] == {"malformed_reply": 10}


def test_bad_seed_rows_are_counted_and_skipped_and_a_torn_cache_line_is_ignored(tmp_path):
    rows = [{"seed_id": "a", "text": "one [[textbook:1]]"}, {"seed_id": None, "text": "two [[textbook:2]]"},
            {"seed_id": "a", "text": "three [[textbook:3]]"}, {"seed_id": "b", "text": "four [[textbook:4]]"}]
    pq.write_table(pa.Table.from_pylist(rows), tmp_path / "seeds.parquet")
    seeds = str(tmp_path / "seeds.parquet")
    with Server() as llm:
        recipe = recipe_file(tmp_path / "job.yaml", llm.endpoint, TEXTBOOK)
        m = run_job(recipe, seeds, str(tmp_path / "out")).manifest
        assert m["seeds"]["rows"] == 4 and m["seeds"]["skipped"] == {"missing_seed_id": 1, "duplicate_seed_id": 1}
        assert m["templates"]["textbook"]["verified"] == 2
        before = file_bytes(tmp_path / "out")
        with open(tmp_path / "out" / "cache.jsonl", "ab") as fh:  # a job killed while writing its cache
            fh.write(b'{"key": "0123", "reply": "half a li')
        again = run_job(recipe, seeds, str(tmp_path / "out"))
    assert again.fetched.requests == 0 and file_bytes(tmp_path / "out") == before


def test_the_cli_says_what_is_wrong_in_one_line(tmp_path):
    seeds = seeds_file(tmp_path / "seeds.parquet", ["textbook"])
    recipe = recipe_file(tmp_path / "job.yaml", "http://127.0.0.1:9/v1", TEXTBOOK.replace("{text}", "{passage}"))
    proc = _curate_synth(recipe, seeds, tmp_path / "out")
    _, err = proc.communicate(timeout=60)
    lines = err.decode().strip().splitlines()
    assert proc.returncode == 2 and len(lines) == 1 and "templates[0] (textbook)" in lines[0] and "{passage}" in lines[0]
    proc = _curate_synth(recipe, str(tmp_path / "nope.parquet"), tmp_path / "out")
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 2 and err.decode().strip() == f"error: {tmp_path / 'nope.parquet'}: seeds file not found"
