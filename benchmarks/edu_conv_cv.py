"""Which sources and which head: leave-one-source-out over positives AND negatives, on training data only.

    python benchmarks/edu_conv_cv.py            # ~15 min on one free core
    python benchmarks/edu_conv_cv.py --length   # length alone, and the graded head plus a length term
    python benchmarks/edu_conv_cv.py --threshold  # web_edu_wordllama's cut for keep / not, on training rows

Why: the second round chose Q&A positives because a model fitted without a positive source still
recognised it (benchmarks/edu_reference_cv.py), then ranked DCLM's pages worse: nothing in its test
was conversational low-quality text, so "conversational" was learned as "high quality" and never
penalised. Here every source is held out in turn, negatives included (YouTube comment pages,
StackExchange answers scored <= 0, meta-site threads, oasst1 replies labelled low quality, C4), so a
model that calls chatter good loses on those sources.

Data: benchmarks/edu_reference_conv/recipe.yaml, split as training splits it (its 20% held out is not
read), and the 2,520 pages of web_edu_wordllama's graded TRAINING split (its 630 held-out rows and
DCLM's file are not read). Rows get 5 folds; a graded page keeps one fold in both data sets.

Per variant (which sources it trains on, which head):
* per source s: for each fold k, a model fitted on the variant's rows outside fold k and outside s
  scores the rows of s in fold k against all rows of the other class in fold k (every source's);
  ROC-AUC over the pooled folds. The two FineWeb sources (graded >= 3 / <= 2 pages) are not left out
  (they are the graded data itself), only held out by fold.
* graded CV Spearman: a model fitted on the variant's rows outside fold k scores the graded training
  pages of fold k; Spearman against their 0-5 grade over all 2,520.
Rule fixed before the run: choose the variant with the best mean per-source ROC-AUC among those whose
graded CV Spearman is >= 0.60 (the held-out goal); the anchors are the shipped heads.
``--length``: document length alone, and web_edu_wordllama's head plus B grade points per standard
deviation of the length feature (over all rows here; the recipe option ``length_boost`` uses the
training rows), same rule. ``--threshold``: where that head would cut keep / not on the experiment's
training rows (a training-only cut for DCLM-style labels).
Heads: L2 logistic regression (C 1, classes oversampled, as web_hq_wordllama), ridge on the 0/1 label
with the bag of tokens (alpha 8, scale 2, as the second round), and the graded route's ridge on the
grade with the bag (web_edu_wordllama's head; reference rows join it at a fixed grade: negatives 1,
positives 3, chosen before the run, FineWeb-Edu's "some basic information" and "appropriate for
educational use").
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from curation.classify import embed  # noqa: E402
from curation.classify.data import stratified_split  # noqa: E402
from curation.classify.linear import _centred, bag_kernel, fit_logistic  # noqa: E402
from curation.classify.metrics import roc_auc, spearman  # noqa: E402
from curation.classify.recipe import load_classifier_recipe  # noqa: E402
from curation.classify.train import balance_classes, build_dataset  # noqa: E402

EXPERIMENT = ROOT / "benchmarks" / "edu_reference_conv"
GRADED = ROOT / "classifiers" / "web_edu_wordllama"
BUCKETS, SCALE, ALPHA = 16_384, 2.0, 8.0
FINEWEB = ("fineweb_train_grade_ge3", "fineweb_train_grade_le2_sample")
OLD_POS = ("openstax_economics", "fineweb_train_grade_ge3")
OLD_NEG = ("c4_tiny_sample", "fineweb_train_grade_le2_sample")
QA_POS = ("oasst1_en_validation_qa_ok", "coffee_stackexchange_qa", "matheducators_stackexchange_qa")


def load() -> dict:
    """Union of the experiment's training rows and the graded training pages, by prepared text."""
    recipe = load_classifier_recipe(EXPERIMENT)
    ds = build_dataset(recipe)
    y_all = np.asarray(ds.labels)
    train, _ = stratified_split(y_all, recipe.holdout, recipe.seed)
    train = np.sort(train)
    names = [Path(s["files"][0]["path"]).name.split(".")[0] for s in ds.sources]
    g_recipe = load_classifier_recipe(GRADED)
    g_ds = build_dataset(g_recipe)
    g_y = np.asarray(g_ds.labels)
    g_train, _ = stratified_split(g_y, g_recipe.holdout, g_recipe.seed)
    g_train = np.sort(g_train)
    texts = [ds.texts[i] for i in train]
    source = [names[ds.origin[i]] for i in train]
    label = [int(y_all[i]) for i in train]
    at = {t: j for j, t in enumerate(texts)}
    grades = [np.nan] * len(texts)
    for i in g_train:
        j = at.get(g_ds.texts[i])
        if j is None:
            texts.append(g_ds.texts[i])
            source.append("graded_only")
            label.append(-1)
            grades.append(np.nan)
            j = len(texts) - 1
        grades[j] = float(g_y[i])
    grade = np.asarray(grades)
    gfold = np.random.default_rng([recipe.seed, 5]).permutation(len(texts)) % 5
    return {"texts": texts, "source": np.asarray(source), "y": np.asarray(label), "grade": grade,
            "fold": gfold, "seed": recipe.seed, "names": [n for n in dict.fromkeys(names)]}


def fit_score(head: str, d: dict, X, K, tr: np.ndarray, te: np.ndarray) -> np.ndarray:
    """Scores of rows ``te`` from the head fitted on rows ``tr``; ``graded+len B``: the graded head's
    grade plus B times the standardised length feature; ``length``: the length feature alone."""
    y = d["y"]
    if head == "length":
        return X[te, -2].copy()
    if head.startswith("graded+len"):
        boost = float(head.split()[1])
        return fit_score("graded", d, X, K, tr, te) + boost * (X[te, -2] - X[:, -2].mean()) / X[:, -2].std()
    if head == "logistic":
        fit = balance_classes(y, tr, "oversample", d["seed"])
        return X[te] @ fit_logistic(X[fit], y[fit].astype(np.float64), 1.0)
    if head == "ridge_bag":
        target = y[tr].astype(np.float64)
    else:  # graded: the page's grade, else 3 for a positive and 1 for a negative
        target = np.where(np.isnan(d["grade"][tr]), np.where(y[tr] == 1, 3.0, 1.0), d["grade"][tr])
    a = np.linalg.solve(_centred(K, tr, tr) + ALPHA * np.eye(len(tr)), target - target.mean())
    return _centred(K, te, tr) @ a


def evaluate(sources: tuple[str, ...], head: str, d: dict, X, K) -> dict:
    src, y, fold, grade = d["source"], d["y"], d["fold"], d["grade"]
    graded_rows = ~np.isnan(grade)
    # a graded-head variant trains on every graded training page (as web_edu_wordllama) plus its sources
    member = np.isin(src, sources) | (graded_rows if head.startswith("graded") else False)
    out = {}
    g_pred = np.full(len(y), np.nan)
    for k in range(5):
        g_pred[graded_rows & (fold == k)] = fit_score(head, d, X, K, np.flatnonzero(member & (fold != k)),
                                                     np.flatnonzero(graded_rows & (fold == k)))
    out["spearman"] = spearman(g_pred[graded_rows], grade[graded_rows])
    for s in d["names"]:
        cls = y[src == s][0]
        scores, truth = [], []
        for k in range(5):
            keep_out = (src == s) if s not in FINEWEB else np.zeros(len(y), bool)
            tr = np.flatnonzero(member & ~keep_out & (fold != k))
            te = np.flatnonzero(((src == s) | ((y == 1 - cls) & (src != "graded_only"))) & (fold == k))
            scores.append(fit_score(head, d, X, K, tr, te))
            truth.append(y[te] == 1)
        out[s] = roc_auc(np.concatenate(truth), np.concatenate(scores))
    out["mean"] = float(np.mean([out[s] for s in d["names"]]))
    return out


def threshold_rules(d: dict, X, K, head: str = "graded") -> None:
    """Where web_edu_wordllama's head would cut for DCLM-style "high quality" (keep / not), chosen on
    training data: its out-of-fold grades of the experiment's training rows (positives against
    negatives, 54% positive like DCLM's file), cut (a) where the share kept equals the share of
    positives, (b) at the best accuracy (grid -1.0-4.0, step 0.05)."""
    rows = np.flatnonzero(d["y"] >= 0)
    graded_rows = ~np.isnan(d["grade"])
    pred = np.zeros(len(d["y"]))
    for k in range(5):
        te = rows[d["fold"][rows] == k]
        pred[te] = fit_score(head, d, X, K, np.flatnonzero(graded_rows & (d["fold"] != k)), te)
    p, y = pred[rows], d["y"][rows] == 1
    prior = float(np.quantile(p, 1 - y.mean()))
    grid = np.round(np.arange(-1.0, 4.001, 0.05), 2)
    acc = [float(((p >= t) == y).mean()) for t in grid]
    best = float(grid[int(np.argmax(acc))])
    print(f"{head}: out-of-fold grades of {len(rows)} training rows ({y.mean():.3f} positive), ROC-AUC {roc_auc(y, p):.3f}: "
          f"prior-matched cut {prior:.2f} (accuracy {((p >= prior) == y).mean():.3f}), best-accuracy cut {best:.2f} "
          f"(accuracy {max(acc):.3f}), the card's 2.0 (accuracy {((p >= 2.0) == y).mean():.3f})")


def main() -> None:
    length_only = "--length" in sys.argv[1:]
    d = load()
    counts = {s: int((d["source"] == s).sum()) for s in d["names"] + ["graded_only"]}
    print("rows:", ", ".join(f"{s} {n}" for s, n in counts.items()))
    X, bags = embed.features(d["texts"], 5000, 2000, prepared=True, buckets=BUCKETS)
    K = bag_kernel(X, bags, BUCKETS, SCALE)
    conv = tuple(s for s in d["names"] if s not in OLD_POS + OLD_NEG + QA_POS)
    every = tuple(d["names"])
    variants = [
        ("anchor: web_hq_wordllama (shipped sources, logistic)", OLD_POS + OLD_NEG, "logistic"),
        ("anchor: web_edu_wordllama (graded pages only, graded head)", (), "graded"),
        ("second round's choice (+ Q&A positives, ridge + bag)", OLD_POS + OLD_NEG + QA_POS, "ridge_bag"),
        ("+ Q&A positives, logistic", OLD_POS + OLD_NEG + QA_POS, "logistic"),
        ("+ conversational negatives, logistic", OLD_POS + OLD_NEG + conv, "logistic"),
        ("+ conversational negatives, ridge + bag", OLD_POS + OLD_NEG + conv, "ridge_bag"),
        ("+ Q&A positives + conversational negatives, logistic", every, "logistic"),
        ("+ Q&A positives + conversational negatives, ridge + bag", every, "ridge_bag"),
        ("graded head + conversational negatives (grade 1)", conv, "graded"),
        ("graded head + conversational negatives (1) + Q&A positives and OpenStax (3)", every, "graded"),
    ]
    if "--threshold" in sys.argv[1:]:
        for head in ("graded", "graded+len 0.25"):
            threshold_rules(d, X, K, head)
        return
    if length_only:  # the length feature (log of the characters read, capped at 5,000) beside the graded head
        variants = [("document length alone", (), "length")] + [
            (f"web_edu_wordllama's head + {b:g} x standardised length", (), f"graded+len {b:g}") for b in (0.25, 0.5, 1.0)]
    print(f"| variant | graded CV Spearman | mean per-source ROC-AUC | {' | '.join(d['names'])} |")
    print("|---|---|---|" + "---|" * len(d["names"]))
    for label, sources, head in variants:
        r = evaluate(sources, head, d, X, K)
        cells = " | ".join(f"{r[s]:.3f}" for s in d["names"])
        print(f"| {label} | {r['spearman']:.3f} | {r['mean']:.3f} | {cells} |", flush=True)


if __name__ == "__main__":
    main()
