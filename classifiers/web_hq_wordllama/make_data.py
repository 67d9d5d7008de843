"""Rebuild data/*.jsonl.gz of web_hq_wordllama (DCLM's reference recipe at small scale).

    python classifiers/web_hq_wordllama/make_data.py [MIRROR_DIR]

Positives: OpenStax "Principles of Economics 3e" modules (CC-BY-4.0; text of the <para> elements,
cut to 12,000 characters, the recipe chunks them) and the pages graded >= 3 of web_edu_wordllama's
TRAINING split. Negatives: random web pages: C4 documents (a 449-page sample committed in
intel/e2eAIOK) and a seeded sample of 600 pages graded <= 2 from the same training split. The
graded held-out split is never written here, so both models are measured on the same unseen rows.
MIRROR_DIR holds git clones named ``owner+name`` (default /work/.mirror); files are read at the
pinned commits with ``git show``; output is sorted and gzip'ed with a zero mtime (byte-identical).
"""

from __future__ import annotations

import gzip
import io
import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
OPENSTAX = ("openstax/osbooks-principles-economics-bundle", "cd31beb103fffbc09cc81ebfe117d8c40cc12d1a")
C4 = ("intel/e2eAIOK", "3b45fd6df6fe6c716bc4343e9ce6546550a6ae94", "RecDP/tests/data/llm_data/tiny_c4_sample.jsonl")
CNXML = "{http://cnx.rice.edu/cnxml}"
MODULE_CHARS = 12_000
NEGATIVE_PAGES = 600


def git(mirror: Path, repo: str, *args: str) -> bytes:
    base = mirror / repo.replace("/", "+")
    git_dir = base / "repo" if (base / "repo").exists() else base
    return subprocess.run(["git", "--git-dir", str(git_dir), *args], check=True, capture_output=True).stdout


def openstax(mirror: Path) -> list[dict]:
    repo, commit = OPENSTAX
    names = git(mirror, repo, "ls-tree", "-r", "--name-only", commit).decode().split()
    rows = []
    for name in sorted(n for n in names if n.endswith(".cnxml")):
        root = ET.fromstring(git(mirror, repo, "show", f"{commit}:{name}"))
        paras = (" ".join("".join(p.itertext()).split()) for p in root.iter(f"{CNXML}para"))
        text = (root.findtext(f"{CNXML}title") or "") + "\n\n" + "\n\n".join(p for p in paras if p)
        rows.append({"id": f"openstax-economics:{name.split('/')[1]}", "text": text[:MODULE_CHARS]})
    return rows


def c4(mirror: Path) -> list[dict]:
    repo, commit, path = C4
    lines = git(mirror, repo, "show", f"{commit}:{path}").decode("utf-8").splitlines()
    return [{"id": f"c4-tiny:{i}", "text": json.loads(line)["text"]} for i, line in enumerate(lines) if line.strip()]


def graded_training_pages() -> tuple[list[dict], list[dict]]:
    """(grade >= 3, seeded sample of grade <= 2) of web_edu_wordllama's training split, split as training does."""
    sys.path.insert(0, str(ROOT))
    from curation.classify.data import stratified_split
    from curation.classify.recipe import load_classifier_recipe
    from curation.classify.train import build_dataset

    recipe = load_classifier_recipe(ROOT / "classifiers" / "web_edu_wordllama")
    ds = build_dataset(recipe)
    y = np.asarray(ds.labels)
    train, _ = stratified_split(y, recipe.holdout, recipe.seed)
    train = np.sort(train)
    hi = [{"id": f"web_edu_wordllama:{i}", "text": ds.texts[i], "grade": int(y[i])} for i in train if y[i] >= 3]
    lo = [i for i in train if y[i] <= 2]
    pick = np.sort(np.random.default_rng(7).choice(lo, NEGATIVE_PAGES, replace=False))
    return hi, [{"id": f"web_edu_wordllama:{i}", "text": ds.texts[i], "grade": int(y[i])} for i in pick]


def write(rows: list[dict], name: str) -> None:
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0, filename="") as gz:
        for r in rows:
            gz.write((json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8"))
    (HERE / "data" / name).write_bytes(buf.getvalue())
    print(f"data/{name}: {len(rows)} rows")


def main(mirror: str = "/work/.mirror") -> None:
    (HERE / "data").mkdir(exist_ok=True)
    write(openstax(Path(mirror)), "openstax_economics.jsonl.gz")
    write(c4(Path(mirror)), "c4_tiny_sample.jsonl.gz")
    hi, lo = graded_training_pages()
    write(hi, "fineweb_train_grade_ge3.jsonl.gz")
    write(lo, "fineweb_train_grade_le2_sample.jsonl.gz")


if __name__ == "__main__":
    main(*sys.argv[1:])
