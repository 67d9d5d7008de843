"""A run whose output is on S3: the classifier is trained into the run folder on the bucket and the run
scores with it, decontamination's index goes there too, and ``curate verify`` passes on the bucket.

A real S3 API (moto's server, on loopback, started by the test) reached through real s3fs by the
``curate`` CLI and its Dask workers (separate processes: they find the server by the environment).
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys

import pytest
import yaml

from tests.conftest import ROOT

moto_server = pytest.importorskip("moto.server", reason="moto[server] (the test extra) is not installed")
s3fs = pytest.importorskip("s3fs", reason="s3fs (the s3 extra) is not installed")

BUCKET = "curation-test"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def s3_env():
    port = _free_port()
    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    env = {**os.environ, "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
           "AWS_DEFAULT_REGION": "us-east-1", "AWS_ENDPOINT_URL": f"http://127.0.0.1:{port}",
           "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    for key in ("AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE"):
        env.pop(key, None)
    fs = s3fs.S3FileSystem(key="testing", secret="testing", endpoint_url=env["AWS_ENDPOINT_URL"])
    fs.mkdir(BUCKET)
    try:
        yield env, fs
    finally:
        server.stop()


def _recipe(tmp_path) -> str:
    raw = {
        "name": "edu-s3",
        "root": str(ROOT),
        "seed": 1234,
        "inputs": [{"paths": ["sample_data/jsonl/docs.jsonl"], "source": "forum"}],
        "pipeline": [
            {"langid": {}},
            {"decontaminate": {"benchmarks": [
                {"name": "gsm8k", "paths": ["sample_data/benchmarks/gsm8k_sample.jsonl"], "mapping": "gsm8k"}],
                "mode": "cut"}},
            {"edu": {"classifier": "classifiers/sample_edu", "train": True, "drop": False}},
        ],
        "output": {"shard_bytes": 20_000},
    }
    path = tmp_path / "edu_s3.yaml"
    path.write_text(yaml.safe_dump(raw))
    return str(path)


def _curate(env, cwd, *args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "curation.cli", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=600)


def test_a_run_with_its_output_on_s3_trains_scores_and_verifies(s3_env, tmp_path, monkeypatch):
    env, fs = s3_env
    recipe = _recipe(tmp_path)
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    url = f"s3://{BUCKET}/runs/edu"
    run = _curate(env, cwd, "run", recipe, "--output", url, "--workers", "2", "--quiet")
    assert run.returncode == 0, run.stderr[-3000:]
    assert list(cwd.iterdir()) == []  # nothing local: once, the model went to a folder named "s3:"

    with fs.open(f"{BUCKET}/runs/edu/manifest.json", "rb") as fh:
        manifest = json.loads(fh.read())
    side = {s["path"]: s for s in manifest["side_outputs"]}
    model = side["models/sample_edu/model.bin"]
    assert fs.info(f"{BUCKET}/runs/edu/models/sample_edu/model.bin")["size"] == model["bytes"]
    assert fs.exists(f"{BUCKET}/runs/edu/models/sample_edu/card.json")
    assert any(p.startswith("indexes/decontam-") for p in side)
    assert manifest["outputs"] and all(fs.exists(f"{BUCKET}/runs/edu/{o['path']}") for o in manifest["outputs"])

    # the same recipe into a local folder: the same model bytes, the same shards
    local = _curate(env, cwd, "run", recipe, "--output", str(tmp_path / "local"), "--workers", "1", "--quiet")
    assert local.returncode == 0, local.stderr[-3000:]
    local_manifest = json.loads((tmp_path / "local" / "manifest.json").read_text())
    assert local_manifest["content_hash"] == manifest["content_hash"]
    local_side = {s["path"]: s["sha256"] for s in local_manifest["side_outputs"]}
    assert local_side["models/sample_edu/model.bin"] == model["sha256"]
    scored = [o for o in manifest["stages"] if o["name"] == "edu"]
    assert scored and scored[0]["in"] == scored[0]["out"] > 0  # every document scored (drop: false)

    ok = _curate(env, cwd, "verify", url)
    assert ok.returncode == 0, ok.stdout[-2000:] + ok.stderr[-2000:]
    # and verify is not blind on the bucket: a changed shard is named
    first = manifest["outputs"][0]["path"]
    with fs.open(f"{BUCKET}/runs/edu/{first}", "wb") as fh:
        fh.write(b"not the shard")
    bad = _curate(env, cwd, "verify", url)
    assert bad.returncode == 1 and first in bad.stdout + bad.stderr

    # the stage scores with the model on the bucket in this process too, as the local run's model does
    from datatrove.data import Document

    from curation.classify.model import load_model
    from curation.stages.edu import EduScore

    for key in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_DEFAULT_REGION", "AWS_ENDPOINT_URL"):
        monkeypatch.setenv(key, env[key])
    remote = f"{url}/models/sample_edu/model.bin"
    edu = EduScore(classifier=remote, drop=False)
    docs = [Document(text="Photosynthesis converts light energy into chemical energy in the chloroplasts. " * 4,
                     id="a", metadata={"language": "en"})]
    assert edu.filter_batch(docs) == [True] and edu._languages_of(remote) == {"en"}
    local_score, _ = load_model(tmp_path / "local" / "models" / "sample_edu" / "model.bin").score([docs[0].text])
    assert docs[0].metadata["edu_score"] == round(float(local_score[0]), 6)
