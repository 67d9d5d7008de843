"""Train a classifier from its recipe: data -> stratified split -> fastText -> model.bin + model card.

``train(recipe, out_dir)`` writes ``model.bin`` (fastText supervised), ``card.json`` and ``card.md``
into ``out_dir`` and returns the card.

Determinism: the rows are read in recipe order, de-duplicated, split per class with seeded numpy
generators, the training rows are shuffled with the recipe seed and written to one file that fastText
reads with a single thread and the recipe's seed. Same data + same recipe -> the same ``model.bin``
bytes (``card.json`` records the sha256; ``tests/test_classifier_train.py`` trains twice to check).

Refusals (``ClassifierDataError``, one line): fewer usable rows than ``min_rows``, a single class.
"""

from __future__ import annotations

import ctypes
import datetime as _dt
import hashlib
import json
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from curation.classify.data import ClassifierDataError, DropReport, read_labelled, sample_indices, stratified_split
from curation.classify.evaluate import GRADED_CUT, evaluate, evaluate_rows
from curation.classify.card import write_card
from curation.classify.model import EduModel, fasttext_module, file_sha256
from curation.classify.recipe import ClassifierRecipe
from curation.classify.text import LABEL_PREFIX, prepare_many
from curation.io.files import atomic_path, copy, is_remote, join

CARD_VERSION = 1


@dataclass
class Dataset:
    """Normalised texts with integer labels (grades, or 1 = hq / 0 = lq), and where they came from."""

    texts: list[str]
    labels: list[int]
    label_names: dict[int, str]
    sources: list[dict[str, Any]]
    report: DropReport
    origin: list[int] = field(default_factory=list)  # index into ``sources`` per row


def label_token(recipe: ClassifierRecipe, label: int) -> str:
    if recipe.route == "graded":
        return f"{LABEL_PREFIX}{label}"
    return f"{LABEL_PREFIX}{'hq' if label == 1 else 'lq'}"


def build_dataset(recipe: ClassifierRecipe, digest: bool = True) -> Dataset:
    """All usable rows of the recipe's data, normalised with ``prepare`` and (by default) de-duplicated."""
    report = DropReport()
    raw_texts: list[str] = []
    labels: list[int] = []
    origin: list[int] = []
    sources: list[dict[str, Any]] = []
    if recipe.route == "graded":
        names = {g: str(g) for g in range(6)}
        for i, src in enumerate(recipe.data.sources or []):
            rows = read_labelled(src.paths, src.text_field, src.score_field, "graded", src.format, digest=digest)
            report.merge(rows.report)
            keep = sample_indices(len(rows.texts), src.max_docs, recipe.seed, f"graded:{i}")
            raw_texts += [rows.texts[j] for j in keep]
            labels += [rows.labels[j] for j in keep]
            origin += [len(sources)] * len(keep)
            files = [{**f, "path": recipe.display_path(f["path"])} for f in rows.files]
            sources.append({"role": "graded", "origin": src.origin, "licence": src.licence, "format": src.format, "text_field": src.text_field,
                            "score_field": src.score_field, "files": files, "rows_read": rows.rows_read,
                            "usable": len(rows.texts), "used": len(keep),
                            **({"max_docs": src.max_docs} if src.max_docs else {})})
    else:
        from curation.classify.sources import load_source

        names = {1: "hq", 0: "lq"}
        for role, label, group in (("positive", 1, recipe.data.positive), ("negative", 0, recipe.data.negative)):
            for i, src in enumerate(group or []):
                texts, info = load_source(src, report, recipe.seed, salt=f"{role}:{i}", digest=digest)
                info["files"] = [{**f, "path": recipe.display_path(f["path"])} for f in info["files"]]
                raw_texts += texts
                labels += [label] * len(texts)
                origin += [len(sources)] * len(texts)
                sources.append({"role": role, "origin": src.origin, "licence": src.licence, **info})
    prepared = prepare_many(raw_texts, recipe.max_chars)
    if recipe.dedup:
        seen: set[str] = set()
        keep_rows = []
        for i, t in enumerate(prepared):
            if t in seen:
                report.add("duplicate_text", f"source {origin[i]}", t[:60])
                continue
            seen.add(t)
            keep_rows.append(i)
        if len(keep_rows) != len(prepared):
            prepared = [prepared[i] for i in keep_rows]
            labels = [labels[i] for i in keep_rows]
            origin = [origin[i] for i in keep_rows]
    for i, src in enumerate(sources):
        src["after_dedup"] = sum(1 for o in origin if o == i)
        hashes = sorted(f["sha256"] for f in src["files"] if "sha256" in f)
        if hashes:
            src["files_digest"] = hashlib.sha256("\n".join(hashes).encode()).hexdigest()
    return Dataset(prepared, labels, names, sources, report, origin)


def check_trainable(recipe: ClassifierRecipe, ds: Dataset) -> None:
    """Raise ``ClassifierDataError`` (one line) when the data cannot make a classifier or has no licence/origin."""
    where = recipe.source_file or "the recipe"
    groups = [("sources", recipe.data.sources), ("positive", recipe.data.positive), ("negative", recipe.data.negative)]
    for field_name, group in groups:
        for i, src in enumerate(group or []):
            missing = [k for k in ("licence", "origin") if not (getattr(src, k) or "").strip()]
            if missing:
                raise ClassifierDataError(
                    f"{recipe.display_path(src.paths[0])}: training data without {' and '.join(missing)} "
                    f"(set data.{field_name}.{i}.{missing[0]} in {where}); refusing to train on data of unknown provenance")
    n = len(ds.texts)
    dropped = f" (dropped: {ds.report.summary()})" if ds.report.total else ""
    if n < recipe.min_rows:
        raise ClassifierDataError(
            f"classifier {recipe.name!r}: only {n} usable rows, fewer than min_rows={recipe.min_rows}{dropped}")
    classes = sorted(set(ds.labels))
    if len(classes) < 2:
        only = ds.label_names.get(classes[0], str(classes[0])) if classes else "none"
        raise ClassifierDataError(
            f"classifier {recipe.name!r}: all {n} usable rows have the same label ({only}); "
            f"a classifier needs at least two classes{dropped}")


# ---------------------------------------------------------------------------------------------
# fastText training with every allocation zeroed
# ---------------------------------------------------------------------------------------------
#
# fastText as built by fasttext-numpy2-wheel 0.9.2 reads memory it never initialised while training
# with thread=1 (the symptom below; likely its random initialisation covers only part of the input
# matrix and counts on the rest being zero). In a fresh process big matrices come from fresh, zeroed
# pages, so the result is right and repeatable; but once the process has freed memory, malloc hands
# back dirty memory: the same data and seed then gave a different model or "Encountered NaN" (4 of 6
# trainings in one test process).
# glibc's M_PERTURB=0xFF makes malloc zero every block it returns, which restores the fresh-process
# result bit for bit (same sha256); it is switched on only around the call. Without glibc the
# training runs in a fresh Python process instead.

_M_PERTURB = -6


def _glibc():
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL("libc.so.6")
        return libc if hasattr(libc, "mallopt") else None
    except OSError:
        return None


def fit_fasttext(train_file: str, model_file: str, params: dict[str, Any]) -> None:
    """``fasttext.train_supervised(input=train_file, **params)`` saved to ``model_file``, reproducibly."""
    libc = _glibc()
    if libc is None or os.environ.get("CURATION_FASTTEXT_SUBPROCESS") == "1":
        cmd = [sys.executable, "-c", "import json, sys; from curation.classify.train import _fit_here; "
               "_fit_here(sys.argv[1], sys.argv[2], json.loads(sys.argv[3]))", train_file, model_file,
               json.dumps(params)]
        root = str(Path(__file__).resolve().parents[2])  # so that the child imports this curation
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [root, os.environ.get("PYTHONPATH")]))}
        res = subprocess.run(cmd, capture_output=True, text=True, env=env)
        if res.returncode != 0:
            raise RuntimeError((res.stderr.strip().splitlines() or ["fastText training process failed"])[-1])
        return
    with _lock:
        libc.mallopt(_M_PERTURB, 0xFF)
        try:
            _fit_here(train_file, model_file, params)
        finally:
            libc.mallopt(_M_PERTURB, 0)


def _fit_here(train_file: str, model_file: str, params: dict[str, Any]) -> None:
    fasttext = fasttext_module(training=True)
    ft = fasttext.train_supervised(input=train_file, verbose=0, **params)
    ft.save_model(model_file)


_lock = threading.Lock()


def balance_classes(labels: np.ndarray, idx: np.ndarray, how: str, seed: int) -> np.ndarray:
    """``idx`` with its classes equalised: ``oversample`` repeats rows of the smaller classes (every row
    ``k`` times, then a seeded sample of the remainder), ``undersample`` keeps a seeded sample of each
    larger class; ``none`` returns ``idx``. The result is sorted (the caller shuffles)."""
    if how == "none" or len(idx) == 0:
        return idx
    y = labels[idx]
    classes, counts = np.unique(y, return_counts=True)
    target = counts.max() if how == "oversample" else counts.min()
    parts = []
    for lab, n in zip(classes, counts):
        rows = idx[y == lab]
        rng = np.random.default_rng([seed, 7919, int(lab) & 0x7FFFFFFF])
        if how == "oversample":
            k, rest = divmod(int(target), int(n))
            parts.append(np.concatenate([np.tile(rows, k), rng.choice(rows, size=rest, replace=False)]))
        else:
            parts.append(rng.choice(rows, size=int(target), replace=False))
    return np.sort(np.concatenate(parts))


def _versions() -> dict[str, str]:
    from importlib import metadata

    import curation

    out = {"curation": curation.__version__, "python": platform.python_version(), "numpy": np.__version__}
    for dist in ("fasttext-numpy2-wheel", "fasttext", "pyarrow", "trafilatura", "pydantic"):
        try:
            out[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            pass
    return out


def _counts(labels, names: dict[int, str]) -> dict[str, int]:
    c = Counter(labels)
    return {names.get(k, str(k)): c[k] for k in sorted(c)}


def _fasttext_params(recipe: ClassifierRecipe) -> dict[str, Any]:
    params = recipe.fasttext.model_dump()
    params["seed"] = recipe.fasttext_seed
    return params


def _fit_fasttext_model(recipe: ClassifierRecipe, ds: Dataset, labels: np.ndarray, fit_idx: np.ndarray,
                        out: Path) -> Path:
    """fastText on the rows ``fit_idx`` (shuffled with the recipe seed: fastText learns in file order)."""
    order = np.random.default_rng(recipe.seed).permutation(fit_idx)
    with tempfile.TemporaryDirectory(prefix=f"classifier-{recipe.name}-") as tmp:
        train_file = Path(tmp) / "train.txt"
        with open(train_file, "w", encoding="utf-8", newline="\n") as f:
            for i in order:
                f.write(f"{label_token(recipe, int(labels[i]))} {ds.texts[i]}\n")
        try:
            with atomic_path(str(out / "model.bin")) as tmp_model:
                fit_fasttext(str(train_file), tmp_model, _fasttext_params(recipe))
        except RuntimeError as e:
            raise ClassifierDataError(f"classifier {recipe.name!r}: fastText failed: {e} "
                                      "(with 'Encountered NaN' lower fasttext.lr)") from None
    return out / "model.bin"


def train(recipe: ClassifierRecipe, out_dir: str | Path, *, run_evaluations: bool = True) -> dict[str, Any]:
    """Train ``recipe`` into ``out_dir`` (``model.bin`` or ``model.json``, ``card.json``, ``card.md``); return
    the card. ``out_dir`` is a local folder or any fsspec URL (a run folder on S3): there the files of a
    training in a local temp folder are published one by one, the model first (``io.files.copy``)."""
    out = str(out_dir)
    if not is_remote(out):
        return _train_into(recipe, Path(out), run_evaluations)
    with tempfile.TemporaryDirectory(prefix=f"classifier-{recipe.name}-") as tmp:
        card = _train_into(recipe, Path(tmp), run_evaluations)
        for name in sorted(os.listdir(tmp), key=lambda n: (n.startswith("card"), n)):
            copy(os.path.join(tmp, name), join(out, name))
    return card


def _train_into(recipe: ClassifierRecipe, out: Path, run_evaluations: bool) -> dict[str, Any]:
    linear = recipe.model.kind in ("wordllama_linear", "minilm_linear")
    fasttext = None if linear else fasttext_module(training=True)
    t0 = time.perf_counter()
    out.mkdir(parents=True, exist_ok=True)
    ds = build_dataset(recipe)
    check_trainable(recipe, ds)
    t_data = time.perf_counter() - t0

    labels = np.asarray(ds.labels, dtype=np.int64)
    train_idx, hold_idx = stratified_split(labels, recipe.holdout, recipe.seed)
    fit_idx = balance_classes(labels, train_idx, recipe.balance, recipe.seed)
    t1 = time.perf_counter()
    if linear:
        from curation.classify.train_linear import fit_linear

        model, head_info = fit_linear(recipe, ds.texts, labels, fit_idx, out)
        model_path = out / "model.json"
        threshold = head_info["threshold"]
        model_info = {"file": "model.json", "kind": recipe.model.kind, "labels": model.labels,
                      "dimensions": int(len(model.weights)), **({"bag_buckets": model.buckets} if model.buckets else {}),
                      **({"minilm_weights": len(model.minilm_weights)} if model.minilm else {})}
    else:
        model_path = _fit_fasttext_model(recipe, ds, labels, fit_idx, out)
        ft = fasttext.load_model(str(model_path))
        threshold = recipe.keep_threshold
        model_info = {"file": "model.bin", "labels": list(ft.get_labels()), "vocabulary": len(ft.get_words())}
    t_train = time.perf_counter() - t1
    model_info = {**model_info, "bytes": model_path.stat().st_size, "sha256": file_sha256(model_path)}

    card: dict[str, Any] = {
        "card_version": CARD_VERSION,
        "name": recipe.name,
        "description": recipe.description,
        "route": recipe.route,
        "created": _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat(),
        "recipe_file": recipe.source_file,
        "recipe": recipe.dump(),
        "recipe_sha256": hashlib.sha256(json.dumps(recipe.dump(), sort_keys=True, separators=(",", ":")).encode()).hexdigest(),
        "labels": _label_doc(recipe),
        "threshold": threshold,
        "keep_rule": (("predicted grade >= threshold" if linear else "predicted grade (argmax) >= threshold")
                      if recipe.route == "graded" else "P(hq) >= threshold"),
        "max_chars": recipe.max_chars,
        "text_normalisation": "curation.classify.text.prepare: cut to max_chars, lower-case, whitespace runs -> one space",
        **({"head": head_info} if linear else {"fasttext": _fasttext_params(recipe)}),
        "data": {
            "sources": ds.sources,
            "dropped": ds.report.to_dict(),
            "label_counts": {
                "all": _counts(ds.labels, ds.label_names),
                "train": _counts(labels[train_idx].tolist(), ds.label_names),
                "fitted": _counts(labels[fit_idx].tolist(), ds.label_names),
                "holdout": _counts(labels[hold_idx].tolist(), ds.label_names),
            },
            "rows": {"usable": len(ds.texts), "train": int(len(train_idx)), "holdout": int(len(hold_idx)),
                     "fitted": int(len(fit_idx))},
            "split": {"holdout": recipe.holdout, "seed": recipe.seed, "stratified": True, "balance": recipe.balance},
        },
        "model": model_info,
        "versions": _versions(),
    }
    model = model if linear else EduModel(str(model_path), ft, card)
    if len(hold_idx):
        m = evaluate_rows(model, [ds.texts[i] for i in hold_idx], labels[hold_idx].tolist())
        card["metrics"] = {"holdout": m}
        if linear:
            from curation.classify.train_linear import length_baseline, measure_speed

            m["length_baseline"] = length_baseline([ds.texts[i] for i in hold_idx], labels[hold_idx])
            card["speed"] = measure_speed(model, [ds.texts[i] for i in hold_idx])
    else:
        card["metrics"] = {"holdout": None, "note": "holdout is 0: no held-out evaluation"}
    if run_evaluations and recipe.evaluations:
        card["evaluations"] = _evaluations(recipe, ds, model, model_path)
    card["timings_s"] = {"data": round(t_data, 3), "train": round(t_train, 3),
                         "total": round(time.perf_counter() - t0, 3)}
    write_card(card, out)
    return card


def _evaluations(recipe: ClassifierRecipe, ds: Dataset, model: Any, model_path: Path) -> dict[str, Any]:
    """The card's ``evaluations``: the recipe's labelled sets scored by the new model, each saying
    whether one of its files is also training data."""
    training_texts = set(ds.texts)
    training_files = {f["sha256"] for s in ds.sources for f in s["files"] if "sha256" in f}
    out: dict[str, Any] = {}
    for ev in recipe.evaluations:
        # prepared-text matching needs the raw texts prepared again: evaluate() does it
        res = evaluate(model_path, ev.paths, ev.text_field, ev.label_field, ev.format, model=model,
                       training_texts=training_texts, scheme=ev.scheme)
        files = [{**f, "path": recipe.display_path(f["path"])} for f in res["data"]["files"]]
        res["data"]["files"] = files
        res["data"]["file_in_training_data"] = any(f.get("sha256") in training_files for f in files)
        out[ev.name] = {"description": ev.description, "data": res["data"], "metrics": res["metrics"]}
    return out


def _label_doc(recipe: ClassifierRecipe) -> dict[str, Any]:
    if recipe.route == "graded":
        return {"names": [f"{LABEL_PREFIX}{g}" for g in range(6)],
                "meaning": "educational grade 0-5 (FineWeb-Edu additive rubric)",
                "float_scores": "rounded half up: floor(x + 0.5), so 2.5 -> 3; values outside [0, 5] are dropped",
                "binary_metric": f"score >= {GRADED_CUT} (FineWeb-Edu)"}
    return {"names": [f"{LABEL_PREFIX}hq", f"{LABEL_PREFIX}lq"],
            "meaning": "hq = reference (positive) documents, lq = random web (negative) documents"}
