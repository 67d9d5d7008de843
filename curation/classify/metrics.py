"""Classification metrics, computed with numpy only (same definitions as scikit-learn's).

* accuracy: share of rows whose predicted label equals the true label;
* per class: precision = TP / predicted, recall = TP / true, F1 = 2PR / (P + R), each 0 when its
  denominator is 0 (scikit-learn's ``zero_division=0``);
* macro-F1: the unweighted mean of the per-class F1 over the classes present in the true or the
  predicted labels (scikit-learn's default label set);
* confusion matrix: rows = true label, columns = predicted label;
* graded labels: the binary decision "score >= 3" (FineWeb-Edu's), as precision/recall/F1 of the
  positive side, with the predicted grade on one side and the annotated grade on the other;
* ROC-AUC from scores (the Mann-Whitney U statistic, ties counted one half).
"""

from __future__ import annotations

from typing import Any, Sequence

import numpy as np


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r > 0 else 0.0


def binary_metrics(y_true: Sequence[bool] | np.ndarray, y_pred: Sequence[bool] | np.ndarray) -> dict[str, Any]:
    """Precision, recall, F1 of the positive (True) side, accuracy and the four counts."""
    t = np.asarray(y_true, dtype=bool)
    p = np.asarray(y_pred, dtype=bool)
    tp = int(np.sum(t & p))
    fp = int(np.sum(~t & p))
    fn = int(np.sum(t & ~p))
    tn = int(np.sum(~t & ~p))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    n = len(t)
    return {"precision": precision, "recall": recall, "f1": _f1(precision, recall),
            "accuracy": (tp + tn) / n if n else 0.0, "tp": tp, "fp": fp, "fn": fn, "tn": tn,
            "positives": tp + fn, "n": n}


def roc_auc(y_true: Sequence[bool] | np.ndarray, scores: Sequence[float] | np.ndarray) -> float | None:
    """Area under the ROC curve; None when only one class is present."""
    t = np.asarray(y_true, dtype=bool)
    s = np.asarray(scores, dtype=np.float64)
    n_pos, n_neg = int(t.sum()), int((~t).sum())
    if n_pos == 0 or n_neg == 0:
        return None
    order = np.argsort(s, kind="mergesort")
    ranks = np.empty(len(s), dtype=np.float64)
    sorted_s = s[order]
    # average ranks over ties
    uniq, start, counts = np.unique(sorted_s, return_index=True, return_counts=True)
    avg = start + (counts + 1) / 2.0  # 1-based average rank of each tie group
    ranks[order] = np.repeat(avg, counts)
    u = ranks[t].sum() - n_pos * (n_pos + 1) / 2.0
    return float(u / (n_pos * n_neg))


def _ranks(x: np.ndarray) -> np.ndarray:
    """Ranks 1..n, ties given their average rank (as scipy.stats.rankdata)."""
    order = np.argsort(x, kind="mergesort")
    xs = x[order]
    ranks = np.empty(len(x), dtype=np.float64)
    start = 0
    for i in range(1, len(x) + 1):
        if i == len(x) or xs[i] != xs[start]:
            ranks[order[start:i]] = (start + i + 1) / 2.0
            start = i
    return ranks


def pearson(x: Sequence[float] | np.ndarray, y: Sequence[float] | np.ndarray) -> float | None:
    """Pearson's r, or None when either side is constant or there are fewer than 2 values."""
    a, b = np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)
    if len(a) < 2 or a.std() == 0 or b.std() == 0:
        return None
    return float(np.corrcoef(a, b)[0, 1])


def spearman(x: Sequence[float] | np.ndarray, y: Sequence[float] | np.ndarray) -> float | None:
    """Spearman's rho: Pearson's r of the (tie-averaged) ranks."""
    a, b = np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)
    return pearson(_ranks(a), _ranks(b)) if len(a) >= 2 else None


def classification_metrics(
    y_true: Sequence[int] | np.ndarray,
    y_pred: Sequence[int] | np.ndarray,
    label_names: dict[int, str] | None = None,
    labels: Sequence[int] | None = None,
    graded_cut: int | None = None,
    positive_scores: Sequence[float] | np.ndarray | None = None,
    positive_label: int | None = None,
) -> dict[str, Any]:
    """Accuracy, macro-F1, per-class precision/recall/F1/support and the confusion matrix.

    ``labels``: the classes to report (default: those in ``y_true`` or ``y_pred``, sorted).
    ``graded_cut``: add ``binary`` = metrics of "label >= graded_cut" (3 for FineWeb-Edu grades).
    ``positive_scores`` with ``positive_label``: add ``roc_auc`` of the scores for that class.
    """
    t = np.asarray(y_true, dtype=np.int64)
    p = np.asarray(y_pred, dtype=np.int64)
    if t.shape != p.shape:
        raise ValueError(f"{len(t)} true labels but {len(p)} predictions")
    labs = sorted(set(labels) if labels is not None else set(t.tolist()) | set(p.tolist()))
    name = (lambda k: label_names.get(k, str(k))) if label_names else str
    index = {lab: i for i, lab in enumerate(labs)}
    cm = np.zeros((len(labs), len(labs)), dtype=np.int64)
    for a, b in zip(t.tolist(), p.tolist()):
        if a in index and b in index:
            cm[index[a], index[b]] += 1
    per_class: dict[str, dict[str, Any]] = {}
    f1s = []
    for lab in labs:
        i = index[lab]
        tp = int(cm[i, i])
        predicted = int(np.sum(p == lab))
        support = int(np.sum(t == lab))
        precision = tp / predicted if predicted else 0.0
        recall = tp / support if support else 0.0
        f1 = _f1(precision, recall)
        f1s.append(f1)
        per_class[name(lab)] = {"precision": precision, "recall": recall, "f1": f1, "support": support,
                                "predicted": predicted}
    n = len(t)
    out: dict[str, Any] = {
        "n": n,
        "accuracy": float(np.mean(t == p)) if n else 0.0,
        "macro_f1": float(np.mean(f1s)) if f1s else 0.0,
        "per_class": per_class,
        "confusion": {"labels": [name(lab) for lab in labs], "matrix": cm.tolist(),
                      "note": "rows = true label, columns = predicted label"},
    }
    if graded_cut is not None:
        out["binary"] = {"rule": f"score >= {graded_cut}", **binary_metrics(t >= graded_cut, p >= graded_cut)}
    if positive_scores is not None and positive_label is not None:
        out["roc_auc"] = roc_auc(t == positive_label, positive_scores)
    return out


# ---------------------------------------------------------------------------------------------
# Text tables
# ---------------------------------------------------------------------------------------------


def _pct(x: float | None) -> str:
    return "  n/a" if x is None else f"{100 * x:5.1f}"


def format_metrics(m: dict[str, Any], title: str | None = None) -> str:
    """A readable plain-text table of ``classification_metrics`` output (also used in card.md)."""
    lines = []
    if title:
        lines.append(title)
    head = f"rows {m['n']}   accuracy {100 * m['accuracy']:.1f}%   macro-F1 {100 * m['macro_f1']:.1f}%"
    if m.get("roc_auc") is not None:
        head += f"   ROC-AUC {m['roc_auc']:.3f}"
    if m.get("length_roc_auc") is not None:
        head += f" (document length alone {m['length_roc_auc']:.3f})"
    corr = m.get("correlation")
    if corr and corr.get("spearman") is not None:
        head += f"   Spearman {corr['spearman']:.3f}   Pearson {corr['pearson']:.3f}"
    lines.append(head)
    if m.get("keep_rule"):
        lines.append(f"prediction: {m['keep_rule']}")
    lines.append("")
    width = max([5] + [len(k) for k in m["per_class"]])
    lines.append(f"{'class':>{width}}  precision  recall     F1  support  predicted")
    for name, c in m["per_class"].items():
        lines.append(f"{name:>{width}}      {_pct(c['precision'])}   {_pct(c['recall'])}  {_pct(c['f1'])}"
                     f"  {c['support']:7d}  {c['predicted']:9d}")
    conf = m["confusion"]
    labs = conf["labels"]
    cw = max([4] + [len(x) for x in labs] + [len(str(v)) for row in conf["matrix"] for v in row])
    lines.append("")
    lines.append("confusion matrix (rows = true, columns = predicted)")
    lines.append(" " * (width + 2) + " ".join(f"{x:>{cw}}" for x in labs))
    for lab, row in zip(labs, conf["matrix"]):
        lines.append(f"{lab:>{width}}  " + " ".join(f"{v:>{cw}}" for v in row))
    for key in ("binary", "keep"):
        b = m.get(key)
        if b:
            lines.append("")
            lines.append(f"{key} ({b['rule']}): precision {_pct(b['precision']).strip()}%  recall "
                         f"{_pct(b['recall']).strip()}%  F1 {_pct(b['f1']).strip()}%  accuracy "
                         f"{_pct(b['accuracy']).strip()}%  (tp {b['tp']}, fp {b['fp']}, fn {b['fn']}, tn {b['tn']})")
    return "\n".join(lines)
