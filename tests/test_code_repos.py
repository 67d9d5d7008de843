"""Code as a source end to end: the three real repositories in ../shared/data/code (click, express,
fd), planted secrets and a real HumanEval solution, and pipelines/code.yaml on our samples
(1 and 2 workers, resume)."""

from __future__ import annotations

import gzip
import io
import json
import tarfile
from pathlib import Path

import polars as pl
import pyarrow.parquet as pq
import pytest

from curation.recipe.load import load_recipe
from curation.run.driver import execute
from curation.readers.code import CodeRepositoryReader
from curation.stages.code_quality import CodeQuality
from tests.code_truth import ARCHIVES, LICENSES, expected_language
from tests.conftest import ROOT

CODE = "code"


def read(path):
    reader = CodeRepositoryReader(str(path))
    docs = list(reader.run())
    return docs, reader


def regular_files(archive: Path) -> list[str]:
    """The archive's regular files, listed by tarfile itself (not by our reader), top folder stripped."""
    with tarfile.open(archive) as tar:
        return sorted(m.name.split("/", 1)[1] for m in tar.getmembers() if m.isreg())


@pytest.mark.parametrize("repo", sorted(ARCHIVES))
def test_every_file_of_a_real_repository_is_read_or_skipped_with_a_reason(shared_data, repo):
    archive = shared_data / CODE / ARCHIVES[repo]
    docs, reader = read(archive)
    read_paths = {d.metadata["path"] for d in docs}
    skipped = {b["where"].split("#", 1)[1]: b["reason"] for b in reader.bad_records}
    assert sorted(read_paths | set(skipped)) == regular_files(archive)
    assert not read_paths & set(skipped)
    assert set(skipped.values()) <= {"empty", "binary"}, skipped
    binaries = {p for p, r in skipped.items() if r == "binary"}
    assert all(p.endswith((".png", ".jpg")) for p in binaries), binaries
    assert {d.metadata["commit"][:8] for d in docs} == {ARCHIVES[repo].split("-")[1][:8]}


def test_languages_of_the_real_repositories_match_the_extension_ground_truth(shared_data):
    total, misses = 0, []
    for repo, name in sorted(ARCHIVES.items()):
        docs, _ = read(shared_data / CODE / name)
        for d in docs:
            total += 1
            want, got = expected_language(d.metadata["path"]), d.metadata["code_language"]
            if want != got:
                misses.append(f"{repo}/{d.metadata['path']}: want {want}, got {got}")
    print(f"languages: {total - len(misses)}/{total} right; misses: {misses}")
    assert total == 428 and (total - len(misses)) / total >= 0.99, misses


@pytest.mark.parametrize("repo", sorted(ARCHIVES))
def test_licences_from_metadata_and_from_licence_files_alone(shared_data, repo):
    from curation.code.archive import read_repository
    from curation.code.license import METADATA_FILES, repository_license
    from curation.academic.safe_tar import Limits

    docs, reader = read(shared_data / CODE / ARCHIVES[repo])
    assert {d.metadata["license"] for d in docs} == {LICENSES[repo]}
    files = read_repository(str(shared_data / CODE / ARCHIVES[repo]), Limits()).files
    without_metadata = {k: v for k, v in files.items() if k not in METADATA_FILES}
    found = repository_license(without_metadata)
    from license_expression import get_spdx_licensing

    assert found.how == "files" and get_spdx_licensing().is_equivalent(found.spdx, LICENSES[repo]), found.spdx


def test_no_vendored_lock_or_generated_file_is_kept_from_the_real_repositories(shared_data):
    kept_paths, dropped = [], {}
    for name in sorted(ARCHIVES.values()):
        docs, _ = read(shared_data / CODE / name)
        step = CodeQuality()
        kept_paths += [d.metadata["path"] for d in step.run(iter(docs))]
        for k, v in step.stats.stats.items():
            if k.startswith("dropped_"):
                dropped[k] = dropped.get(k, 0) + int(v.total)
    print("dropped:", dropped)
    assert "uv.lock" not in kept_paths and "Cargo.lock" not in kept_paths and dropped["dropped_lock_file"] == 2
    assert all(not p.endswith((".min.js", ".lock")) and "node_modules/" not in p for p in kept_paths)
    assert sum(p.endswith(".py") for p in kept_paths) >= 70 and sum(p.endswith(".rs") for p in kept_paths) >= 20
    assert sum(p.endswith(".js") for p in kept_paths) >= 120


PLANTED = {  # fake secrets planted into a copy of express
    "lib/deploy-config.js": ("// deployment settings\n'use strict';\n\nmodule.exports = {\n"
                             "  awsKeyId: 'AKIAJ5Q7RZ2EXAMPLE42',\n  githubToken: 'ghp_R4nd0mT0k3nV4lu3F0rT3st1ngOnly000042',\n"
                             "  dbUrl: 'postgres://deploy:Vq9zK2mX7p@10.0.0.5/app',\n"
                             "  owner: 'Jane Roe <jane.roe@corp-mail.net>',\n  statsHost: '198.51.99.14'\n};\n"),
}
SECRET_VALUES = ["AKIAJ5Q7RZ2EXAMPLE42", "ghp_R4nd0mT0k3nV4lu3F0rT3st1ngOnly000042", "Vq9zK2mX7p",
                 "jane.roe@corp-mail.net", "198.51.99.14"]


def humaneval_file(shared_data: Path) -> tuple[str, str]:
    """A real HumanEval item (prompt + canonical solution) as a module in a repository."""
    with gzip.open(shared_data / "benchmarks" / "HumanEval.jsonl.gz", "rt", encoding="utf-8") as fh:
        item = json.loads(fh.readlines()[12])
    return item["task_id"], item["prompt"] + item["canonical_solution"]


def planted_copy(shared_data: Path, out: Path) -> Path:
    task_id, solution = humaneval_file(shared_data)
    extra = {**PLANTED, "tools/solution.py": solution}
    raw = io.BytesIO()
    with tarfile.open(shared_data / CODE / ARCHIVES["express"]) as src, \
            tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT, pax_headers=src.pax_headers) as dst:
        for m in src.getmembers():
            dst.addfile(m, src.extractfile(m) if m.isreg() else None)
        for name, text in extra.items():
            info = tarfile.TarInfo(f"express/{name}")
            info.size = len(text.encode())
            dst.addfile(info, io.BytesIO(text.encode()))
    out.write_bytes(gzip.compress(raw.getvalue(), mtime=0))
    return out


def test_planted_secrets_are_gone_and_a_real_humaneval_solution_is_caught(shared_data, tmp_path):
    archive = planted_copy(shared_data, tmp_path / "express-planted.tar.gz")
    recipe = tmp_path / "r.yaml"
    recipe.write_text(f"""name: planted
inputs:
  - {{paths: [{archive}], source: code}}
pipeline:
  - code_quality: {{}}
  - code_license: {{allow: permissive}}
  - code_secrets: {{}}
  - dedup_exact: {{}}
  - decontaminate:
      benchmarks:
        - {{name: humaneval, paths: [{shared_data / 'benchmarks' / 'HumanEval.jsonl.gz'}], mapping: humaneval}}
      mode: drop
output:
  dir: {tmp_path / 'run'}
  keep_rejected_text: true
""")
    result = execute(load_recipe(recipe), workers=1, progress=False)
    run = tmp_path / "run"
    shards = pl.concat([pl.from_arrow(pq.read_table(run / o["path"])) for o in result.manifest["outputs"]])
    rejected = pl.concat([pl.read_parquet(p) for p in sorted((run / "rejected").glob("*.parquet"))])
    everything = "\n".join(shards["text"].to_list() + rejected["text"].drop_nulls().to_list())
    for secret in SECRET_VALUES:
        assert secret not in everything, secret
    config = shards.filter(pl.col("id").str.ends_with("/lib/deploy-config.js"))
    assert config.height == 1 and json.loads(config["metadata"][0])["redactions"] == {
        "aws_access_key": 1, "email": 1, "github_token": 1, "ip_address": 1, "url_password": 1}
    assert "10.0.0.5" in config["text"][0]  # a private address identifies no one: kept
    contaminated = rejected.filter(pl.col("reason") == "contaminated")["id"].to_list()
    assert [i.rsplit("/", 2)[-2:] for i in contaminated] == [["tools", "solution.py"]]
    stage = {s["name"]: s for s in result.manifest["stages"]}
    assert stage["decontaminate"]["counters"]["contaminated_humaneval"] == 1


def _sample_run(tmp_path: Path, name: str, workers: int, extra: str = ""):
    text = (ROOT / "pipelines" / "code.yaml").read_text().replace("root: ..", f"root: {ROOT}")
    recipe = tmp_path / f"{name}.yaml"
    recipe.write_text(text.replace("output:\n", f"output:\n  dir: {tmp_path / name}\n{extra}"))
    return execute(load_recipe(recipe), workers=workers, progress=False)


@pytest.fixture(scope="module")
def sample_runs(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("code")
    one = _sample_run(tmp, "one", 1, "  keep_work: true\n")
    two = _sample_run(tmp, "two", 2)
    return tmp, one, two


def test_sample_recipe_is_identical_for_1_and_2_workers(sample_runs):
    _, one, two = sample_runs
    assert one.ok and two.ok and one.manifest["content_hash"] == two.manifest["content_hash"]


def test_sample_recipe_drops_and_removes_what_each_planted_file_is_for(sample_runs):
    tmp, one, _ = sample_runs
    stages = {s["name"]: s for s in one.manifest["stages"]}
    assert stages["read"]["skipped_by_reason"] == {"binary": 1, "broken_notebook": 1, "path_traversal": 1}
    assert stages["code_quality"]["dropped_by_reason"] == {
        "build_output": 1, "encoded_data": 1, "generated": 1, "lock_file": 1, "long_line": 1,
        "python_syntax_error": 1, "vendored": 3}
    assert stages["code_license"]["dropped_by_reason"] == {"license_not_allowed": 4, "license_unknown": 3}
    assert stages["code_annotate"]["counters"]["license_unrecognised"] == 1  # "Proprietary" in the Stack-style dump
    assert stages["dedup_exact"]["dropped"] == 1 and stages["dedup_fuzzy"]["dropped"] == 1
    assert stages["decontaminate"]["dropped_by_reason"] == {"contaminated": 1}
    counters = stages["code_secrets"]["counters"]
    assert {k for k in counters if k.startswith("redacted_")} == {
        "redacted_aws_access_key", "redacted_email", "redacted_github_token", "redacted_ip_address",
        "redacted_keyword_secret", "redacted_private_key", "redacted_url_password"}
    shards = pl.concat([pl.from_arrow(pq.read_table(tmp / "one" / o["path"])) for o in one.manifest["outputs"]])
    text = "\n".join(shards["text"])
    for secret in ("AKIAQ7XZ3EXAMPLEKEY7", "s3cr3tPassw0rd", "ada.lovelace@", "8.8.4.4", "MIIEpAIBAAKCAQEA", "ghp_A1b2"):
        assert secret not in text
    assert set(shards["group"]) <= {"code", "code_edu"} and shards["edu_score"].null_count() == 0
    report = (tmp / "one" / "report.md").read_text()
    assert "## Code by language and licence" in report and "| Python |" in report and "| MIT |" in report


def test_sample_recipe_resumes_to_the_same_hash(sample_runs):
    tmp, one, _ = sample_runs
    run = tmp / "one"
    (run / "manifest.json").unlink()
    for marker in sorted((run / "_work").glob("pass*/*.done.json"))[:2]:
        marker.unlink()
    again = execute(load_recipe(tmp / "one.yaml"), workers=1, progress=False, resume=True).manifest
    assert again["content_hash"] == one.manifest["content_hash"]


def test_mix_groups_by_programming_language(tmp_path):
    """``code_language`` in a group rule: Python files go to their own group at their own share."""
    text = (ROOT / "pipelines" / "code.yaml").read_text().replace("root: ..", f"root: {ROOT}")
    text = text.replace("    code_edu: {source: [code], edu_min: 0.6}\n",
                        "    python: {source: [code], code_language: [Python]}\n")
    text = text.replace("shares: {multilingual: 0, code_edu: 0.6, code: 0.4}", "shares: {multilingual: 0, python: 0.5, code: 0.5}")
    text = text.replace("max_epochs: {code_edu: 2}", "max_epochs: {python: 3, code: 3}\n  tolerance: 0.05")
    recipe = tmp_path / "by_language.yaml"
    recipe.write_text(text.replace("output:\n", f"output:\n  dir: {tmp_path / 'run'}\n"))
    result = execute(load_recipe(recipe), workers=1, progress=False)
    assert result.ok
    shards = pl.concat([pl.from_arrow(pq.read_table(tmp_path / "run" / o["path"])) for o in result.manifest["outputs"]])
    language = shards["metadata"].str.json_path_match("$.code_language")
    assert set(language.filter(shards["group"] == "python")) == {"Python"}
    assert "Python" not in set(language.filter(shards["group"] == "code"))
    tokens = shards.group_by("group").agg(pl.col("token_count").sum())
    share = dict(zip(tokens["group"], tokens["token_count"] / tokens["token_count"].sum()))
    assert abs(share["python"] - 0.5) <= 0.05, share
