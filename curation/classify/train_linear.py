"""Fit the ``wordllama_linear`` model kind: wordllama features -> ridge (graded) or logistic (reference;
with a bag of tokens: ridge, Platt-scaled).

Deterministic: features are a pure function of each text, the training rows are taken in the order
the split gives, the solvers are closed-form / Newton steps, and the weights are written with 9
significant digits. Same data + recipe -> the same ``model.json`` bytes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from curation.classify import embed
from curation.classify.linear import (LinearEduModel, bag_kernel, fit_logistic, fit_ridge, fit_ridge_bag, model_document,
                                      predict_bag_cv, write_model)
from curation.classify.metrics import binary_metrics
from curation.io.files import atomic_path

GRADED_CUT = 3


def _cv_threshold(X: np.ndarray, y: np.ndarray, alpha: float, seed: int,
                  K: np.ndarray | None = None, boost: float = 0.0) -> tuple[float, dict[str, Any]]:
    """The grade threshold with the best F1(grade >= 3) over 5 seeded folds of the training rows
    (``K``: the Gram matrix of a model with a bag of tokens; ``boost``: the length term the head gets)."""
    folds = np.random.default_rng([seed, 5]).permutation(len(y)) % 5
    pred = np.zeros(len(y))
    if K is not None:
        pred = predict_bag_cv(K, y, alpha, folds)
    for k in range(5 if K is None else 0):
        w = fit_ridge(X[folds != k], y[folds != k], alpha)
        pred[folds == k] = (X[folds == k] * w).sum(axis=1)
    pred += _length_term(X, boost)
    grid = np.round(np.arange(1.0, 4.001, 0.05), 2)
    f1 = [binary_metrics(y >= GRADED_CUT, pred >= t)["f1"] for t in grid]
    best = int(np.argmax(f1))
    return float(grid[best]), {"folds": 5, "grid": [float(grid[0]), float(grid[-1]), 0.05],
                               "best_f1": round(float(f1[best]), 4), "rule": "F1 of grade >= 3"}


def _length_term(X: np.ndarray, boost: float) -> np.ndarray:
    """``boost`` grade points per standard deviation of the length feature, centred on the training rows."""
    col = X[:, embed.DIM]
    return boost * (col - col.mean()) / col.std() if boost else np.zeros(len(X))


def _boost_length(w: np.ndarray, X: np.ndarray, boost: float) -> None:
    """Fold ``_length_term`` into the dense weights (length weight and bias), so the scorer is unchanged."""
    if boost:
        col = X[:, embed.DIM]
        w[embed.DIM] += boost / col.std()
        w[-1] -= boost * col.mean() / col.std()


def _fit_reference_bag(X: np.ndarray, bags: list, y: np.ndarray, spec, seed: int
                       ) -> tuple[np.ndarray, np.ndarray, dict[str, Any]]:
    """Reference route with a bag of tokens: ridge of the 0/1 label on [embedding, bag] (in the dual, as
    the graded route), then Platt scaling of its 5-fold out-of-fold output on the training rows, folded
    into the weights so that the model's logistic of the linear output is P(hq)."""
    K = bag_kernel(X, bags, spec.bag_buckets, spec.bag_scale)
    w, wb = fit_ridge_bag(X, bags, y, spec.alpha, spec.bag_buckets, spec.bag_scale, K)
    folds = np.random.default_rng([seed, 5]).permutation(len(y)) % 5
    oof = predict_bag_cv(K, y, spec.alpha, folds)
    a, b = fit_logistic(np.column_stack([oof, np.ones(len(y))]), y, 1e6)
    w, wb = w * a, wb * a
    w[-1] += b
    return w, wb, {"type": "ridge regression of the 0/1 label, Platt-scaled to P(hq) (5-fold out-of-fold fit)",
                   "alpha": spec.alpha, "bag_scale": spec.bag_scale, "platt": [round(float(a), 6), round(float(b), 6)]}


def fit_linear(recipe, texts: list[str], labels: np.ndarray, fit_idx: np.ndarray,
               out: Path) -> tuple[LinearEduModel, dict[str, Any]]:
    """Fit the head on the rows ``fit_idx`` of the prepared ``texts``; write ``out/model.json``."""
    spec = recipe.model
    buckets = spec.bag_buckets
    fit_texts = [texts[i] for i in fit_idx]
    X, bags = (embed.features(fit_texts, recipe.max_chars, spec.embed_chars, prepared=True, buckets=buckets)
               if buckets else (embed.features(fit_texts, recipe.max_chars, spec.embed_chars, prepared=True), []))
    y = labels[fit_idx].astype(np.float64)
    info: dict[str, Any] = {"kind": spec.kind, "features": embed.describe(recipe.max_chars, spec.embed_chars, buckets)}
    minilm_doc = None
    if spec.kind == "minilm_linear":  # the MiniLM block joins the dense features (scaled), the bias stays last
        from curation.classify import minilm

        minilm_doc = minilm.describe(spec.minilm_tokens)
        info["minilm"] = {**minilm_doc, "scale": spec.minilm_scale}
        E = minilm.features(fit_texts, X[:, embed.DIM], spec.minilm_tokens)
        X = np.hstack([X[:, :-1], spec.minilm_scale * E, X[:, -1:]])
    threshold = recipe.keep_threshold
    wb = None
    if recipe.route == "graded":
        head = {"type": "ridge regression of the grade", "alpha": spec.alpha}
        K = None
        if buckets:
            K = bag_kernel(X, bags, buckets, spec.bag_scale)
            w, wb = fit_ridge_bag(X, bags, y, spec.alpha, buckets, spec.bag_scale, K)
            head["bag_scale"] = spec.bag_scale
        else:
            w = fit_ridge(X, y, spec.alpha)
        if spec.threshold_from_cv and recipe.threshold is None:
            threshold, info["threshold_cv"] = _cv_threshold(X, y, spec.alpha, recipe.seed, K, spec.length_boost)
        if spec.length_boost:
            _boost_length(w, X, spec.length_boost)
            head["length_boost"] = spec.length_boost
    elif buckets:
        w, wb, head = _fit_reference_bag(X, bags, y, spec, recipe.seed)
    else:
        w = fit_logistic(X, y, spec.C)
        head = {"type": "L2 logistic regression of P(hq)", "C": spec.C}
    if minilm_doc is not None:  # split the weights back: wordllama's (and the bias) and MiniLM's on its raw features
        n = embed.N_FEATURES - 1
        minilm_doc["weights"] = spec.minilm_scale * w[n:-1]
        w = np.concatenate([w[:n], w[-1:]])
        head["minilm_scale"] = spec.minilm_scale
    info["head"] = head
    info["threshold"] = threshold
    doc = model_document(recipe.route, w, threshold, recipe.max_chars, spec.embed_chars, head, wb, spec.bag_scale,
                         minilm_doc)
    with atomic_path(str(out / "model.json")) as tmp:
        write_model(doc, tmp)
    return LinearEduModel(str(out / "model.json"), doc, {"name": recipe.name, "threshold": threshold}), info


def length_baseline(texts: list[str], y: np.ndarray) -> dict[str, Any]:
    """How far the document length alone goes on the same rows (printed beside the model's figures)."""
    from curation.classify.metrics import pearson, spearman

    n = np.asarray([len(t) for t in texts], dtype=np.float64)
    return {"spearman": spearman(n, y), "pearson": pearson(n, y), "of": "characters of the prepared text vs grade"}


def measure_speed(model: LinearEduModel, texts: list[str], chars: int = 3000, docs: int = 2000) -> dict[str, Any]:
    """Documents per CPU second of this process, scoring ``docs`` distinct ``chars``-character documents
    made from ``texts`` (benchmarks/edu_quality.py measures it on one pinned core)."""
    import time

    pool = [t for t in texts if t] or ["empty"]
    made = [f"{i} " + ((pool[i % len(pool)] + " ") * (chars // max(len(pool[i % len(pool)]), 1) + 1))[:chars]
            for i in range(docs)]
    t = time.process_time()
    if model.minilm:  # ~10 documents per second: a sample is enough
        made = made[:max(docs // 40, 20)]
    for i in range(0, len(made), 512):
        model.score(made[i:i + 512])
    cpu = max(time.process_time() - t, 1e-9)
    return {"docs": len(made), "chars": chars, "docs_per_cpu_second": round(len(made) / cpu)}
