"""A linear head on wordllama features: ridge regression of the grade (route ``graded``, FineWeb-Edu's
recipe: regress the 0-5 score, keep if the prediction clears the threshold) or L2 logistic
regression of P(hq) (route ``reference``, DCLM's recipe), fitted with numpy alone.

The model file (``model.json``) holds the feature description, the weights written with 9
significant digits (so float noise in the solver cannot change the file's bytes; same data + seed ->
same sha256) and the threshold; with a bag of tokens (``bag``) also one weight per bucket, as
little-endian float16 in base64 (2^14 buckets: 44 KB). ``LinearEduModel`` scores with the same interface as the fastText
``EduModel``: ``score(texts) -> (edu_score, edu_label)`` and ``keep(scores, labels)``.
The dot product is an elementwise product summed per row, so a document's score does not depend on
the other documents of its batch (BLAS matrix-vector kernels may block differently by batch size).
"""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from curation.classify import embed
from curation.classify.text import LABEL_PREFIX

KIND = "wordllama_linear"
#: the same head with a block of weights on all-MiniLM-L6-v2 sentence embeddings (``minilm.py``)
MINILM_KIND = "minilm_linear"
FORMAT_VERSION = 1


def fit_ridge(X: np.ndarray, y: np.ndarray, alpha: float) -> np.ndarray:
    """Weights minimising ||Xw - y||^2 + alpha ||w||^2 (the bias, last column, not penalised)."""
    A = X.T @ X
    reg = np.full(X.shape[1], float(alpha))
    reg[-1] = 0.0
    return np.linalg.solve(A + np.diag(reg), X.T @ y)


def _centred(K: np.ndarray, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """Kernel block K[rows, cols] with the features centred on the mean of the ``cols`` rows."""
    B = K[np.ix_(rows, cols)]
    C = K[np.ix_(cols, cols)]
    return B - K[np.ix_(rows, cols)].mean(axis=1, keepdims=True) - C.mean(axis=0) + C.mean()


def bag_kernel(X: np.ndarray, bags: list, buckets: int, scale: float) -> np.ndarray:
    """Gram matrix of the rows [X without its bias column, scale * bag] (dense, n x n)."""
    K = X[:, :-1] @ X[:, :-1].T
    for lo in range(0, buckets, 4096):  # the bag as dense blocks of 4,096 buckets (bounded memory)
        D = np.zeros((len(bags), min(4096, buckets - lo)))
        for i, (u, v) in enumerate(bags):
            m = (u >= lo) & (u < lo + 4096)
            D[i, u[m] - lo] = v[m]
        K += scale * scale * (D @ D.T)
    return K


def fit_ridge_bag(X: np.ndarray, bags: list, y: np.ndarray, alpha: float, buckets: int, scale: float,
                  K: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Ridge on [X, scale * bag] (bias not penalised), solved in the dual (n x n, not 16k x 16k):
    (dense weights incl. bias, bucket weights)."""
    K = bag_kernel(X, bags, buckets, scale) if K is None else K
    idx = np.arange(len(y))
    ym = float(y.mean())
    a = np.linalg.solve(_centred(K, idx, idx) + alpha * np.eye(len(y)), y - ym)  # sum(a) = 0
    w = X.T @ a
    wb = np.zeros(buckets)
    for ai, (u, v) in zip(a, bags):
        wb[u] += scale * ai * v
    xm = X[:, :-1].mean(axis=0)
    bm = np.zeros(buckets)
    for u, v in bags:
        bm[u] += v / len(bags)
    w[-1] = ym - float(xm @ w[:-1]) - scale * float(bm @ wb)
    return w, wb


def predict_bag_cv(K: np.ndarray, y: np.ndarray, alpha: float, folds: np.ndarray) -> np.ndarray:
    """Out-of-fold predictions of ``fit_ridge_bag`` from the full Gram matrix (for the CV threshold)."""
    pred = np.zeros(len(y))
    for k in np.unique(folds):
        tr, te = np.flatnonzero(folds != k), np.flatnonzero(folds == k)
        a = np.linalg.solve(_centred(K, tr, tr) + alpha * np.eye(len(tr)), y[tr] - y[tr].mean())
        pred[te] = _centred(K, te, tr) @ a + y[tr].mean()
    return pred


def encode_f16(w: np.ndarray) -> str:
    return base64.b64encode(np.asarray(w, dtype="<f2").tobytes()).decode("ascii")


def decode_f16(s: str) -> np.ndarray:
    return np.frombuffer(base64.b64decode(s), dtype="<f2").astype(np.float64)


def fit_logistic(X: np.ndarray, y: np.ndarray, C: float, weights: np.ndarray | None = None,
                 iterations: int = 50) -> np.ndarray:
    """L2-regularised logistic regression (penalty ||w||^2 / (2C), bias not penalised) by Newton's method."""
    n, d = X.shape
    sw = np.ones(n) if weights is None else np.asarray(weights, dtype=np.float64)
    reg = np.full(d, 1.0 / C)
    reg[-1] = 0.0
    w = np.zeros(d)
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-(X @ w)))
        grad = X.T @ (sw * (p - y)) + reg * w
        H = (X * (sw * p * (1 - p))[:, None]).T @ X + np.diag(reg) + 1e-9 * np.eye(d)
        step = np.linalg.solve(H, grad)
        w -= step
        if float(np.max(np.abs(step))) < 1e-10:
            break
    return w


def _round(values: np.ndarray) -> list[float]:
    return [float(f"{v:.9g}") for v in np.asarray(values, dtype=np.float64)]


def model_document(route: str, weights: np.ndarray, threshold: float, max_chars: int, embed_chars: int,
                   head: dict[str, Any], bag_weights: np.ndarray | None = None, bag_scale: float = 1.0,
                   minilm: dict[str, Any] | None = None) -> dict[str, Any]:
    """The content of ``model.json`` (``minilm``: the encoder's ``describe`` with its ``weights``)."""
    labels = [f"{LABEL_PREFIX}{g}" for g in range(6)] if route == "graded" else [f"{LABEL_PREFIX}hq", f"{LABEL_PREFIX}lq"]
    buckets = 0 if bag_weights is None else len(bag_weights)
    doc = {"kind": MINILM_KIND if minilm else KIND, "format_version": FORMAT_VERSION, "route": route, "labels": labels,
           "features": embed.describe(max_chars, embed_chars, buckets), "head": head,
           "threshold": float(f"{threshold:.9g}"), "weights": _round(weights)}
    if buckets:  # the scale is folded into the stored weights
        doc["bag"] = {"buckets": buckets, "encoding": "float16 little-endian, base64",
                      "weights": encode_f16(np.asarray(bag_weights) * bag_scale)}
    if minilm:
        doc["minilm"] = {**minilm, "weights": _round(minilm["weights"])}
    return doc


def write_model(doc: dict[str, Any], path: str | Path) -> None:
    Path(path).write_text(json.dumps(doc, indent=1, sort_keys=True) + "\n", encoding="utf-8")


class LinearEduModel:
    """A ``model.json`` linear head; the scorer for both routes (see the module docstring)."""

    def __init__(self, path: str, doc: dict[str, Any], card: dict[str, Any] | None = None) -> None:
        self.path = path
        self.card = card or {}
        self.doc = doc
        f = doc["features"]
        self.route: str = doc["route"]
        self.labels: list[str] = list(doc["labels"])
        self.max_chars = int(f["max_chars"])
        self.embed_chars = int(f["embed_chars"])
        self.weights = np.asarray(doc["weights"], dtype=np.float64)
        bag = doc.get("bag")
        self.buckets = int(bag["buckets"]) if bag else 0
        self.bag_weights = decode_f16(bag["weights"]) if bag else None
        self.minilm = doc.get("minilm")
        self.minilm_weights = np.asarray(self.minilm["weights"], dtype=np.float64) if self.minilm else None
        threshold = self.card.get("threshold", doc.get("threshold"))
        self.threshold = float(threshold) if threshold is not None else (3.0 if self.route == "graded" else 0.5)
        self.name: str = self.card.get("name") or Path(path).parent.name
        #: graded: the keep threshold on the predicted grade stands for "grade >= 3" (FineWeb-Edu's cut)
        self.keep_target = 3 if self.route == "graded" else None

    def raw(self, texts: Sequence[str], prepared: bool = False) -> np.ndarray:
        """The linear output per text (predicted grade, or the logit of P(hq))."""
        if not self.buckets:
            X = embed.features(texts, self.max_chars, self.embed_chars, prepared=prepared)
            z = (X * self.weights).sum(axis=1)
        else:
            X, bags = embed.features(texts, self.max_chars, self.embed_chars, prepared=prepared, buckets=self.buckets)
            wb = self.bag_weights
            z = (X * self.weights).sum(axis=1) + np.array([float((wb[u] * v).sum()) for u, v in bags])
        if self.minilm:
            from curation.classify import minilm
            from curation.classify.text import prepare

            p = texts if prepared else [prepare(t, self.max_chars) for t in texts]
            z = z + (minilm.features(p, X[:, embed.DIM], int(self.minilm["max_tokens"])) * self.minilm_weights).sum(axis=1)
        return z

    def score(self, texts: Sequence[str], prepared: bool = False) -> tuple[np.ndarray, np.ndarray]:
        """``(edu_score float64, edu_label int64)``: graded: the predicted grade clipped to [0, 5] and
        its rounding (half up); reference: P(hq) and 1 if P(hq) >= 0.5."""
        z = self.raw(list(texts), prepared=prepared)
        if self.route == "graded":
            s = np.clip(z, 0.0, 5.0)
            return s, np.floor(s + 0.5).astype(np.int64)
        p = 1.0 / (1.0 + np.exp(-z))
        return p, (p >= 0.5).astype(np.int64)

    def keep(self, scores: np.ndarray, labels: np.ndarray, threshold: float | None = None) -> np.ndarray:
        """Keep if ``edu_score >= threshold`` (both routes: the score is continuous)."""
        t = self.threshold if threshold is None else threshold
        return np.asarray(scores) >= t

    def __repr__(self) -> str:
        extra = f" + {self.minilm['encoder']}" if self.minilm else ""
        return f"LinearEduModel({self.name!r}, route={self.route}, features={embed.EMBEDDING}{extra})"


def load_document(path: str | Path) -> dict[str, Any]:
    """``model.json`` read and checked: kind, labels and weight dimension must be what this code scores."""
    doc = json.loads(Path(path).read_text(encoding="utf-8"))
    if doc.get("kind") not in (KIND, MINILM_KIND) or (doc.get("kind") == MINILM_KIND) != ("minilm" in doc):
        raise ValueError(f"{path}: kind {doc.get('kind')!r} is not {KIND!r}, or {MINILM_KIND!r} with a minilm block")
    f = doc.get("features") or {}
    if f.get("embedding") != embed.EMBEDDING or len(doc.get("weights") or []) != embed.N_FEATURES:
        raise ValueError(f"{path}: features {f.get('embedding')!r} x {len(doc.get('weights') or [])} do not match "
                         f"this scorer's {embed.EMBEDDING!r} x {embed.N_FEATURES}")
    bag = doc.get("bag")
    if bag is not None and len(decode_f16(bag.get("weights", ""))) != int(bag.get("buckets", -1)):
        raise ValueError(f"{path}: bag weights do not number bag.buckets {bag.get('buckets')}")
    if "minilm" in doc:
        from curation.classify import minilm

        minilm.check(str(path), doc["minilm"])
    return doc
