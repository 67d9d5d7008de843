"""Distillation: do MiniLM-teacher pseudo-grades on unlabelled web pages help the fast wordllama student?

    OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 nice -n 19 python benchmarks/edu_distill_cv.py   # ~5 min cold

5-fold CV on web_edu_wordllama's graded TRAINING split only (the recipe's threshold-CV folds, as
``edu_minilm_cv.py``); the held-out split and DCLM's file are not read. In each fold the teacher
(web_edu_minilm's head: shipped features + MiniLM first 256 tokens, alpha 8) is fitted on the
training folds only and grades the unlabelled pages; the student (the shipped wordllama head,
alpha 8) is fitted on the training folds plus those pseudo-graded pages and scored on the held-out
fold. ``w`` 1: the teacher's grades as they are; ``w`` 0.5: shrunk halfway to the fold's mean grade
(less trust in the teacher).

Unlabelled pages (never graded by anyone): C4's 449 documents (classifiers/web_hq_wordllama/data,
ODC-By) and the main text of WCXB's development split (../shared/data/extraction/wcxb-dev,
CC-BY-4.0, 1,497 pages, the ground-truth main content; its test split is not used), pages of
fewer than 200 characters or equal to a graded page left out. MiniLM vectors are cached as in
``edu_minilm_cv.py``.
"""

from __future__ import annotations

import ast
import gzip
import json
import os
import sys
from pathlib import Path

os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import numpy as np  # noqa: E402
from edu_minilm_cv import chunk_embeddings, pooled  # noqa: E402
from edu_variants_cv import GRADED, fit_predict, scores, training_rows  # noqa: E402

from curation.classify import embed  # noqa: E402
from curation.classify.linear import bag_kernel  # noqa: E402
from curation.classify.recipe import load_classifier_recipe  # noqa: E402
from curation.classify.text import prepare  # noqa: E402

C4 = ROOT / "classifiers" / "web_hq_wordllama" / "data" / "c4_tiny_sample.jsonl.gz"
WCXB = ROOT.parent / "shared" / "data" / "extraction" / "wcxb-dev" / "ground-truth"


def unlabelled(max_chars: int, graded: set[str]) -> list[str]:
    texts = [json.loads(line)["text"] for line in gzip.open(C4, "rt", encoding="utf-8")]
    for f in sorted(WCXB.glob("*.json")) if WCXB.is_dir() else []:
        gt = json.loads(f.read_text(encoding="utf-8"))["ground_truth"]
        gt = ast.literal_eval(gt) if isinstance(gt, str) else gt
        texts.append(gt.get("main_content") or "")
    out, seen = [], set(graded)
    for t in texts:
        p = prepare(t, max_chars)
        if len(p) >= 200 and p not in seen:
            seen.add(p)
            out.append(p)
    return out


def main() -> None:
    prepared, _, y = training_rows()
    recipe = load_classifier_recipe(GRADED)
    spec = recipe.model
    pool = unlabelled(recipe.max_chars, set(prepared))
    texts = prepared + pool
    n, m = len(prepared), len(pool)
    X, bags = embed.features(texts, recipe.max_chars, spec.embed_chars, prepared=True, buckets=spec.bag_buckets)
    student_K = bag_kernel(X, bags, spec.bag_buckets, spec.bag_scale)
    M = np.hstack([pooled(chunk_embeddings(texts), 1), X[:, embed.DIM:embed.DIM + 1]])
    teacher_K = student_K + M @ M.T
    folds = np.random.default_rng([recipe.seed, 5]).permutation(n) % 5
    U = np.arange(n, n + m)
    rows = {"anchor: student on the graded folds only": np.zeros(n), "teacher (web_edu_minilm's head)": np.zeros(n)}
    for w in (1.0, 0.5):
        rows[f"student + {m} pseudo-graded pages, w {w:g}"] = np.zeros(n)
    yy = np.concatenate([y, np.zeros(m)])
    for k in range(5):
        tr, te = np.flatnonzero(folds != k), np.flatnonzero(folds == k)
        rows["anchor: student on the graded folds only"][te] = fit_predict(student_K, yy, tr, te, spec.alpha)
        teach = fit_predict(teacher_K, yy, tr, np.concatenate([te, U]), spec.alpha)
        rows["teacher (web_edu_minilm's head)"][te] = teach[:len(te)]
        for w in (1.0, 0.5):
            yk = yy.copy()
            yk[U] = y[tr].mean() + w * (teach[len(te):] - y[tr].mean())
            rows[f"student + {m} pseudo-graded pages, w {w:g}"][te] = fit_predict(
                student_K, yk, np.concatenate([tr, U]), te, spec.alpha)
    print(f"training split: {n} graded pages; {m} unlabelled pages (C4 + WCXB dev); 5-fold CV, teacher per fold")
    print("| variant | CV Spearman | Pearson | best F1(>=3) |\n|---|---|---|---|")
    for name, pred in rows.items():
        s, r, f = scores(pred, y)
        print(f"| {name} | {s:.3f} | {r:.3f} | {f:.3f} |", flush=True)


if __name__ == "__main__":
    main()
