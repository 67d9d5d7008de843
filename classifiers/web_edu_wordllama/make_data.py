"""Rebuild data/*.jsonl.gz of web_edu_wordllama from the public repositories they come from.

    python classifiers/web_edu_wordllama/make_data.py [MIRROR_DIR]

MIRROR_DIR holds git clones (bare or not) named ``owner+name`` (default /work/.mirror); each file
is read at the pinned commit with ``git show``, so the output is byte-identical on any machine.
Texts are cut to MAX_CHARS (the recipe's max_chars: the model never reads further) and written
sorted by source id as gzip with a zero mtime.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
MAX_CHARS = 5000

SOURCES = [
    {   # 1,000 rows of HuggingFaceFW/fineweb-edu-llama3-annotations (Llama-3-70B-Instruct, FineWeb-Edu prompt)
        "repo": "Modalities/ml_filter", "commit": "6a4364820e8298afa81cd4348904085200359b96",
        "path": "examples/inference_pipeline/data/fineweb-edu/raw/annotated_fineweb_train_1000_samples.jsonl",
        "out": "fineweb_edu_llama3_annotations.jsonl.gz",
    },
    {   # 2,000 more rows of the same annotations (ml_filter's own random val/test split of its sample,
        # not a benchmark split), disjoint from the 1,000 above; removed from the repository later
        "repo": "Modalities/ml_filter", "commit": "a53f810000503b3a9195642fafe9a7aef32e5bea",
        "path": ["data/fineweb_test/annotated_fineweb_multi_val_1k.jsonl",
                 "data/fineweb_test/annotated_fineweb_multi_test_1k.jsonl"],
        "out": "fineweb_edu_llama3_annotations_2k.jsonl.gz",
    },
    {   # 150 FineWeb-Edu sample-10BT pages graded by Llama-3.3-70B with the FineWeb-Edu prompt
        "repo": "Mohamed-Elsafty23/fineweb-edu-scorer", "commit": "d5e08528a97ef0397a324c6eb927bec271924595",
        "path": "data/training_data.csv", "out": "fineweb_edu_llama33_teacher.jsonl.gz",
    },
]


def git_show(mirror: Path, repo: str, commit: str, path: str) -> bytes:
    base = mirror / repo.replace("/", "+")
    git_dir = base / "repo" if (base / "repo").exists() else base
    return subprocess.run(["git", "--git-dir", str(git_dir if (git_dir / "HEAD").exists() else git_dir / ".git"),
                           "show", f"{commit}:{path}"], check=True, capture_output=True).stdout


def rows_of(src: dict, path: str, raw: bytes) -> list[dict]:
    out = []
    if path.endswith(".jsonl"):
        part = Path(path).stem
        for line in raw.decode("utf-8").splitlines():
            r = json.loads(line)
            out.append({"id": f"ml_filter:{part}:{r['id']}", "text": r["text"], "score": r["scores"]["score"]})
    else:
        for i, r in enumerate(csv.DictReader(io.StringIO(raw.decode("utf-8")))):
            if r.get("error"):
                continue
            out.append({"id": f"fineweb-edu-scorer:{i}", "text": r["text"], "score": int(r["score"])})
    return out


def write(rows: list[dict], path: Path) -> None:
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0, filename="") as gz:
        for r in rows:
            r = {**r, "text": r["text"][:MAX_CHARS]}
            gz.write((json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8"))
    path.write_bytes(buf.getvalue())


def main(mirror: str = "/work/.mirror") -> None:
    for src in SOURCES:
        paths = src["path"] if isinstance(src["path"], list) else [src["path"]]
        rows = [r for p in paths for r in rows_of(src, p, git_show(Path(mirror), src["repo"], src["commit"], p))]
        write(rows, HERE / "data" / src["out"])
        print(f"{src['out']}: {len(rows)} rows from {src['repo']}@{src['commit'][:8]}:{', '.join(paths)}")


if __name__ == "__main__":
    main(*sys.argv[1:])
