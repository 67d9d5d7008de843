"""What a user meets when something is wrong around the run (not in the recipe): one line naming the
path and the reason, a documented exit code (README "Exit codes"), nothing written; ``--debug`` shows
the traceback."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SAMPLE


def recipe(tmp_path: Path, inputs: str | None = None) -> Path:
    path = tmp_path / "r.yaml"
    path.write_text(f"name: t\ninputs:\n  - paths: [{inputs or SAMPLE / 'jsonl' / 'docs.jsonl'}]\n    source: forum\n")
    return path


def curate(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "curation.cli", *args], capture_output=True, text=True, cwd=cwd,
                          timeout=300)


def one_line(proc: subprocess.CompletedProcess) -> str:
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in proc.stderr, proc.stderr
    return lines[0]


def test_output_under_a_file_is_an_environment_error(tmp_path):
    (tmp_path / "afile").write_text("x")
    proc = curate("run", str(recipe(tmp_path)), "--output", str(tmp_path / "afile" / "run"))
    assert proc.returncode == 4
    assert one_line(proc) == f"error: {tmp_path}/afile/run: cannot be a folder: {tmp_path}/afile is a file"


def _unwritable(tmp_path: Path) -> Path:
    if os.geteuid() != 0:
        folder = tmp_path / "ro"
        folder.mkdir()
        folder.chmod(0o555)
        return folder / "run"
    try:  # root may write anywhere on a normal file system; sysfs refuses new folders even to root
        os.mkdir("/sys/curation-probe")
    except OSError:
        return Path("/sys/curation-run")
    os.rmdir("/sys/curation-probe")
    pytest.skip("running as root with a writable /sys: no folder here is unwritable")


def test_an_unwritable_output_folder_is_an_environment_error(tmp_path):
    out = _unwritable(tmp_path)
    proc = curate("run", str(recipe(tmp_path)), "--output", str(out))
    assert proc.returncode == 4
    line = one_line(proc)
    assert line.startswith(f"error: {out}: cannot write the run folder: ") and line.endswith(
        ("Permission denied", "Operation not permitted", "Read-only file system")), line
    assert not out.exists()


@pytest.mark.parametrize("url, extra, package", [("s3://no-such-bucket/x.jsonl", "s3", "s3fs"),
                                                  ("gs://no-such-bucket/x.jsonl", "gcs", "gcsfs"),
                                                  ("https://nohost.invalid/x.jsonl", "http", "aiohttp")])
def test_a_remote_path_without_its_extra_names_the_extra(tmp_path, url, extra, package):
    if importlib.util.find_spec(package) is not None:
        pytest.skip(f"{package} is installed (test_an_unreachable_remote_path_is_an_environment_error covers it)")
    proc = curate("run", str(recipe(tmp_path)), "--input", url, "--output", str(tmp_path / "run"))
    assert proc.returncode == 4
    assert one_line(proc) == f"error: reading these paths needs the {extra!r} extra ({package}): pip install 'curation[{extra}]'"
    assert not (tmp_path / "run").exists()


NO_AWS = {"AWS_SHARED_CREDENTIALS_FILE": "/nonexistent", "AWS_CONFIG_FILE": "/nonexistent", "AWS_EC2_METADATA_DISABLED": "true"}


@pytest.mark.parametrize("where, url, package, expected", [
    ("--input", "https://nohost.invalid/x.jsonl", "aiohttp", "{url}: cannot read this input: Cannot connect to host nohost.invalid:443"),
    ("--input", "s3://no-such-bucket/x.jsonl", "s3fs", "{url}: cannot read this input: Unable to locate credentials (NoCredentialsError)"),
    ("--output", "s3://no-such-bucket/run", "s3fs", "{url}: cannot use the run folder: Unable to locate credentials (NoCredentialsError)"),
    ("--output", "https://nohost.invalid/run", "aiohttp", "{url}: cannot be a run folder: http(s) storage is read-only"),
])
def test_an_unreachable_remote_path_is_an_environment_error(tmp_path, where, url, package, expected):
    """Installed extra, but no credentials or no such host: one line naming the URL, exit 4 (was: exit 5, or
    a line without the URL)."""
    if importlib.util.find_spec(package) is None:
        pytest.skip(f"{package} is not installed (test_a_remote_path_without_its_extra_names_the_extra covers it)")
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")} | NO_AWS
    args = ["run", str(recipe(tmp_path)), where, url] + (["--output", str(tmp_path / "run")] if where == "--input" else [])
    proc = subprocess.run([sys.executable, "-m", "curation.cli", *args], capture_output=True, text=True, cwd=tmp_path,
                          timeout=300, env=env)
    assert proc.returncode == 4, proc.stderr
    assert one_line(proc).startswith("error: " + expected.format(url=url)), proc.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.yaml"]  # nothing written


def test_debug_shows_the_traceback_before_the_same_line(tmp_path):
    (tmp_path / "afile").write_text("x")
    args = ("run", str(recipe(tmp_path)), "--output", str(tmp_path / "afile" / "run"))
    plain, debug = curate(*args), curate("--debug", *args)
    assert debug.returncode == plain.returncode == 4
    assert "Traceback (most recent call last)" in debug.stderr and "RunDirError" in debug.stderr
    assert debug.stderr.strip().splitlines()[-1] == one_line(plain)


# --- empty and noisy runs ----------------------------------------------------------------------------

def test_a_run_that_writes_no_document_says_why_and_fails_unless_allowed(tmp_path):
    (tmp_path / "empty.warc.gz").write_bytes(b"")
    (tmp_path / "r.yaml").write_text("name: empty\ninputs:\n  - paths: [empty.warc.gz]\n")
    proc = curate("run", str(tmp_path / "r.yaml"), "--output", str(tmp_path / "run"), "--workers", "1", "--quiet")
    assert proc.returncode == 6, proc.stderr
    assert proc.stderr.strip().splitlines()[-1] == ("error: no documents: the 1 input work unit(s) hold no documents "
                                                   "(empty files?) (set output.allow_empty: true to accept an empty run)")
    (tmp_path / "r.yaml").write_text("name: empty\ninputs:\n  - paths: [empty.warc.gz]\noutput: {allow_empty: true}\n")
    # the empty run above left a finished run (manifest.json): this one means to replace it
    proc = curate("run", str(tmp_path / "r.yaml"), "--output", str(tmp_path / "run"), "--workers", "1", "--quiet", "--overwrite")
    assert proc.returncode == 0 and "0 documents" in proc.stdout, proc.stderr


def test_bad_record_lines_are_capped_with_a_count_and_a_clean_run_has_no_traceback(tmp_path):
    """A binary file named .jsonl (here a real WARC) next to a good one: a few lines naming bad records,
    one summary line for the file and one for the run; the run succeeds without a traceback."""
    from curation.core.step import MAX_LOG_LINES_PER_UNIT

    (tmp_path / "binary.jsonl").write_bytes((SAMPLE / "web" / "crawl-00000.warc.gz").read_bytes())
    good = SAMPLE / "jsonl" / "docs.jsonl"
    (tmp_path / "r.yaml").write_text(f"name: noisy\ninputs:\n  - paths: [binary.jsonl, {good}]\n    source: forum\n")
    proc = curate("run", str(tmp_path / "r.yaml"), "--output", str(tmp_path / "run"), "--workers", "1", "--quiet")
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "Traceback" not in proc.stderr and "CommClosedError" not in proc.stderr, proc.stderr[-3000:]
    lines = proc.stderr.splitlines()
    per_record = [ln for ln in lines if ln.startswith("binary.jsonl:") and not ln.startswith("binary.jsonl: ")]
    assert 0 < len(per_record) <= MAX_LOG_LINES_PER_UNIT, per_record
    (summary,) = [ln for ln in lines if ln.startswith("binary.jsonl: ")]
    assert " bad record(s) skipped, " in summary and "not shown" in summary and "not_utf8" in summary
    assert any(ln.endswith("): see manifest.json bad_records") and " bad input record(s) skipped (" in ln for ln in lines)
    manifest = (tmp_path / "run" / "manifest.json").read_text()
    assert '"not_utf8"' in manifest


def test_resume_onto_a_finished_run_of_another_recipe_is_refused(tmp_path):
    out = tmp_path / "run"
    first = curate("run", str(recipe(tmp_path)), "--output", str(out), "--workers", "1", "--quiet")
    assert first.returncode == 0, first.stderr
    before = (out / "manifest.json").read_bytes()
    other = tmp_path / "other.yaml"
    other.write_text(f"name: other\ninputs:\n  - paths: [{SAMPLE / 'parquet' / 'docs.parquet'}]\n    text_field: content\n")
    proc = curate("run", str(other), "--output", str(out), "--resume", "--workers", "1", "--quiet")
    assert proc.returncode == 2
    assert one_line(proc).startswith(f"error: {out}: cannot resume: it holds a finished run of another recipe ('t', ")
    assert (out / "manifest.json").read_bytes() == before
