"""Document features from static word embeddings that ship inside a wheel (wordllama's l2_supercat).

Why: fastText bigrams learned from a few thousand documents cannot carry meaning; wordllama's token
embeddings (256-d, distilled from large LLMs' input embeddings, MIT, 16 MB inside the ``wordllama``
wheel) give a small linear head real semantics, FineWeb-Edu style, at bag-of-words cost.

``features(texts, spec)`` -> float64 array (n, 258): the L2-normalised mean token embedding of the
first ``embed_chars`` characters of the ``prepare``d text, ``log1p(chars) / log1p(max_chars)`` of the
prepared text (DCLM and FineWeb found page length a strong quality cue), and a constant 1 (the bias).

Tokenization: text is split into words and single punctuation marks; each piece is tokenized alone
with wordllama's own tokenizer (Llama-2's 32k SentencePiece vocabulary) and cached per process. The
pieces are a pure function of the text, so a document gets the same features whatever its batch,
worker or cache state; the per-document sum runs in a fixed order (float32 rows, summed in order).
Nothing is downloaded: the weights are the wheel's own file, loaded with ``disable_download``.
"""

from __future__ import annotations

import os
import re
import threading
from functools import lru_cache
from typing import Any, Sequence

import numpy as np

from curation.classify.text import prepare

#: The embedding this project's linear heads are trained on (a model file names it; see ``check``).
EMBEDDING = "wordllama/l2_supercat/256"
DIM = 256
N_FEATURES = DIM + 2  # embedding, log length, bias
_PIECES = re.compile(r"\w+|[^\w\s]")
_CACHE_MAX = 200_000  # pieces remembered per process (~30 MB; beyond it new pieces are tokenized every time)
_lock = threading.Lock()

INSTALL_FIX = 'pip install "wordllama>=0.4"'


class Embedder:
    """wordllama's token embedding table and tokenizer, with a per-process piece cache."""

    def __init__(self) -> None:
        try:
            import wordllama
            from tokenizers import Tokenizer
            from wordllama import WordLlama
        except ImportError as e:
            raise RuntimeError(f"wordllama is not installed: {INSTALL_FIX}") from e
        folder = os.path.dirname(wordllama.__file__)
        wl = WordLlama.load(config="l2_supercat", dim=DIM, cache_dir=folder, disable_download=True)
        self.version = getattr(wordllama, "__version__", "")
        self.table = np.ascontiguousarray(wl.embedding, dtype=np.float32)
        if self.table.shape[1] != DIM:
            raise RuntimeError(f"wordllama l2_supercat has dimension {self.table.shape[1]}, expected {DIM}")
        tok = Tokenizer.from_str(wl.tokenizer.to_str())
        tok.no_padding()
        tok.no_truncation()
        self._tok = tok
        self._cache: dict[str, list[int]] = {}

    def _ids(self, piece: str) -> list[int]:
        try:
            ids = self._tok.encode(piece, add_special_tokens=False).ids
        except (TypeError, UnicodeError):  # a lone surrogate cannot cross into Rust: replace it, as fastText's path does
            ids = self._tok.encode(piece.encode("utf-8", "replace").decode("utf-8"), add_special_tokens=False).ids
        if len(self._cache) < _CACHE_MAX:
            self._cache[piece] = ids
        return ids

    def pooled(self, text: str) -> np.ndarray:
        """Sum of the token embeddings of ``text`` (float32, in token order)."""
        get = self._cache.get
        ids: list[int] = []
        for piece in _PIECES.findall(text):
            v = get(piece)
            ids.extend(v if v is not None else self._ids(piece))
        if not ids:
            return np.zeros(DIM, dtype=np.float32)
        return self.table.take(np.asarray(ids, dtype=np.int64), axis=0).sum(axis=0)


@lru_cache(maxsize=1)
def embedder() -> Embedder:
    """The process's one ``Embedder`` (loading takes ~0.3 s and 33 MB)."""
    with _lock:
        return Embedder()


def features(texts: Sequence[str], max_chars: int, embed_chars: int, prepared: bool = False) -> np.ndarray:
    """Feature rows (see the module docstring) of ``texts``; ``prepared`` skips ``prepare``."""
    emb = embedder()
    out = np.zeros((len(texts), N_FEATURES), dtype=np.float64)
    scale = 1.0 / np.log1p(max_chars)
    for i, t in enumerate(texts):
        p = t if prepared else prepare(t, max_chars)
        v = emb.pooled(p[:embed_chars]).astype(np.float64)
        n = float(np.sqrt(np.dot(v, v)))
        if n > 0:
            out[i, :DIM] = v / n
        out[i, DIM] = np.log1p(len(p)) * scale
        out[i, DIM + 1] = 1.0
    return out


def describe(max_chars: int, embed_chars: int) -> dict[str, Any]:
    """What the feature vector is, for the model file and the card."""
    return {"embedding": EMBEDDING, "dim": DIM, "n_features": N_FEATURES, "max_chars": max_chars,
            "embed_chars": embed_chars,
            "layout": f"[0:{DIM}] L2-normalised mean token embedding of the first embed_chars characters; "
                      f"[{DIM}] log1p(chars)/log1p(max_chars); [{DIM + 1}] 1 (bias)"}
