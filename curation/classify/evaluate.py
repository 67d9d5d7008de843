"""Evaluate a trained classifier on any labelled JSONL/parquet file; print the metrics as a table.

``evaluate(model_path, data_path, text_field, label_field)`` reads the file with the model's label
scheme (grades 0-5 for a graded model, 0/1 for a reference model, 1 = high quality), scores every
usable row, and returns the same metrics the model card holds for the held-out split;
``format_report(result)`` renders them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Sequence

import numpy as np

from curation.classify.data import ClassifierDataError, read_labelled
from curation.classify.metrics import binary_metrics, classification_metrics, format_metrics, pearson, roc_auc, spearman
from curation.classify.model import EduModel, load_model
from curation.classify.text import prepare_many

#: FineWeb-Edu's binary decision on grades: "educational enough" means score >= 3.
GRADED_CUT = 3


def evaluate_rows(model: EduModel, texts: Sequence[str], labels: Sequence[int],
                  threshold: float | None = None) -> dict[str, Any]:
    """Metrics of ``model`` on ``(texts, labels)`` (grades for graded models, 0/1 for reference)."""
    y = np.asarray(labels, dtype=np.int64)
    scores, preds = model.score(list(texts))
    thr = model.threshold if threshold is None else threshold
    keep = model.keep(scores, preds, thr)
    if model.route == "graded":
        m = classification_metrics(y, preds, graded_cut=GRADED_CUT)
        m["correlation"] = {"spearman": spearman(scores, y), "pearson": pearson(scores, y),
                            "of": "edu_score (expected or predicted grade) vs annotated grade"}
        target = getattr(model, "keep_target", thr)  # the grade the keep rule stands for
        m["keep"] = {"rule": f"predicted grade >= {thr:g}, against grade >= {target:g}",
                     **binary_metrics(y >= target, keep)}
    else:
        m = classification_metrics(y, preds, label_names={0: "lq", 1: "hq"}, labels=[0, 1],
                                   positive_scores=scores, positive_label=1)
        if thr != 0.5:
            m["keep"] = {"rule": f"P(hq) >= {thr:g}", **binary_metrics(y == 1, keep)}
        m["binary"] = {"rule": "label 1 = high quality, predicted P(hq) >= 0.5", **binary_metrics(y == 1, preds == 1)}
    m["mean_score_by_label"] = {str(int(k)): float(np.mean(scores[y == k])) for k in np.unique(y)}
    return m


def evaluate_binary(model, texts: Sequence[str], labels: Sequence[int], threshold: float | None = None) -> dict[str, Any]:
    """Any model (graded too) on 0/1 labels: ROC-AUC of ``edu_score``, and the card's keep decision as
    the prediction "high quality" (accuracy, per-class P/R/F1); the document length's ROC-AUC beside."""
    y = np.asarray(labels, dtype=np.int64)
    scores, preds = model.score(list(texts))
    thr = model.threshold if threshold is None else threshold
    keep = np.asarray(model.keep(scores, preds, thr), dtype=np.int64)
    m = classification_metrics(y, keep, label_names={0: "lq", 1: "hq"}, labels=[0, 1],
                               positive_scores=scores, positive_label=1)
    m["keep_rule"] = f"{'predicted grade' if model.route == 'graded' else 'P(hq)'} >= {thr:g} means label 1"
    m["length_roc_auc"] = roc_auc(y == 1, np.asarray([len(t) for t in texts], dtype=np.float64))
    m["mean_score_by_label"] = {str(int(k)): float(np.mean(scores[y == k])) for k in np.unique(y)}
    return m


def evaluate(model_path: str | Path, data_path: str | Path | list[str], text_field: str = "text",
             label_field: str | None = None, fmt: str = "auto", threshold: float | None = None,
             model: EduModel | None = None, training_texts: set[str] | None = None,
             scheme: str = "model") -> dict[str, Any]:
    """Score a labelled file with the model and compute its metrics.

    ``scheme="binary"`` reads 0/1 labels even for a graded model (``evaluate_binary``).
    ``label_field`` defaults to ``score`` for a graded model and ``label`` for a reference model.
    ``training_texts`` (normalised texts the model was trained on) adds a count of evaluation rows
    that also occur in the training data (``overlap_with_training``).
    Raises ``ClassifierDataError`` when the file has no usable row.
    """
    model = model or load_model(model_path)
    as_binary = scheme == "binary" and model.route == "graded"
    scheme = "graded" if model.route == "graded" and not as_binary else "binary"
    label_field = label_field or ("score" if scheme == "graded" else "label")
    paths = [str(p) for p in data_path] if isinstance(data_path, list) else [str(data_path)]
    rows = read_labelled(paths, text_field, label_field, scheme, fmt)
    if not rows.texts:
        raise ClassifierDataError(f"{', '.join(paths)}: no usable labelled rows ({rows.report.summary()})")
    metrics = (evaluate_binary(model, rows.texts, rows.labels, threshold) if as_binary
               else evaluate_rows(model, rows.texts, rows.labels, threshold))
    data: dict[str, Any] = {
        "files": rows.files, "text_field": text_field, "label_field": label_field, "scheme": scheme,
        "rows_read": rows.rows_read, "rows_used": len(rows.texts), "label_counts": rows.label_counts(),
        "dropped": rows.report.to_dict(),
    }
    if training_texts is not None:
        data["overlap_with_training"] = sum(t in training_texts for t in prepare_many(rows.texts, model.max_chars))
    return {"model": {"path": str(model.path), "name": model.name, "route": model.route,
                      "threshold": model.threshold if threshold is None else threshold},
            "data": data, "metrics": metrics}


def format_report(result: dict[str, Any]) -> str:
    """The result of ``evaluate`` as a readable text report."""
    d, mod = result["data"], result["model"]
    files = ", ".join(f["path"] for f in d["files"])
    lines = [f"model {mod['name']} ({mod['route']}) on {files}",
             f"rows read {d['rows_read']}, used {d['rows_used']}, labels {d['label_counts']}"]
    if d["dropped"]["total"]:
        lines.append("dropped: " + ", ".join(f"{k} {v}" for k, v in d["dropped"]["by_reason"].items()))
    if "overlap_with_training" in d:
        lines.append(f"rows also in the training data: {d['overlap_with_training']}")
    lines.append("")
    lines.append(format_metrics(result["metrics"]))
    return "\n".join(lines)
