"""Deterministic topic clusters of documents: vectors (wordllama's wheel-shipped static embeddings, or
TF-IDF over the run's own words), then spherical k-means with k-means++ seeding from a fixed seed.

Why spherical (cosine) k-means on centred vectors: mean static embeddings of any two English texts
are close (the frequent words dominate); removing the corpus mean and re-normalising leaves what
sets a document apart, its topic. Deterministic: documents come sorted by id, the seed is fixed,
ties go to the lowest index, and clusters are numbered by size (then by their first document), so
the same documents give the same clusters whatever else happened in the process.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from typing import Sequence

import numpy as np

from curation.classify.embed import DIM, features

_WORDS = re.compile(r"[^\W\d_]{3,}")


def auto_k(n: int) -> int:
    """The rule of thumb k = sqrt(n / 2), bounded to [2, 64] (and to n)."""
    return max(1, min(n, max(2, min(64, round(math.sqrt(n / 2))))))


def _normalise(x: np.ndarray) -> np.ndarray:
    norms = np.sqrt((x * x).sum(axis=1, keepdims=True))
    return np.divide(x, norms, out=np.zeros_like(x), where=norms > 0)


class TopicVectors:
    """Document vectors gathered one document at a time (the run's text is never held): wordllama keeps
    each document's mean embedding (256 floats), tfidf its bag of words; ``matrix`` makes the rows."""

    def __init__(self, embedding: str, embed_chars: int, n: int) -> None:
        self.embedding, self.embed_chars = embedding, embed_chars
        self._raw = np.zeros((n, DIM), dtype=np.float64) if embedding == "wordllama" else None
        self._bags: list[Counter] = [Counter() for _ in range(n)] if embedding != "wordllama" else []

    def add(self, d: int, text: str) -> None:
        if self._raw is not None:
            self._raw[d] = features([text], max_chars=self.embed_chars, embed_chars=self.embed_chars)[0, :DIM]
        else:
            self._bags[d] = Counter(_WORDS.findall(text[: self.embed_chars].lower()))

    def matrix(self, rows: Sequence[int]) -> np.ndarray:
        """wordllama: the rows' embeddings, centred on their mean and L2-normalised; tfidf: ``tfidf``."""
        if self._raw is not None:
            x = self._raw[list(rows)]
            return _normalise(x - x.mean(axis=0))
        return tfidf([self._bags[d] for d in rows])


def tfidf(bags: Sequence[Counter], max_features: int = 4096) -> np.ndarray:
    """L2-normalised sublinear TF-IDF over words (3+ letters) found in 2+ documents and at most half
    of them, the ``max_features`` most frequent by document count (ties by word)."""
    df = Counter(w for b in bags for w in b)
    n = len(bags)
    vocab = sorted((w for w, c in df.items() if 2 <= c <= max(2, n // 2)), key=lambda w: (-df[w], w))[:max_features]
    col = {w: j for j, w in enumerate(vocab)}
    x = np.zeros((n, len(vocab)), dtype=np.float64)
    for i, b in enumerate(bags):
        for w, c in b.items():
            j = col.get(w)
            if j is not None:
                x[i, j] = (1.0 + math.log(c)) * math.log(n / df[w])
    return _normalise(x)


def _kmeans_once(x: np.ndarray, k: int, rng: np.random.Generator, iters: int) -> tuple[np.ndarray, float]:
    n = len(x)
    centres = [int(rng.integers(n))]
    dist = 1.0 - x @ x[centres[0]]
    for _ in range(1, k):  # k-means++ on cosine distance
        w = np.clip(dist, 0, None)
        total = float(w.sum())
        nxt = int(rng.choice(n, p=w / total)) if total > 0 else int(rng.integers(n))
        centres.append(nxt)
        dist = np.minimum(dist, 1.0 - x @ x[nxt])
    c = x[centres].copy()
    labels = np.full(n, -1)
    for _ in range(iters):
        sim = x @ c.T
        new = sim.argmax(axis=1)  # ties: the lowest cluster
        if np.array_equal(new, labels):
            break
        labels = new
        for j in range(k):
            members = x[labels == j]
            if len(members):
                c[j] = _normalise(members.sum(axis=0, keepdims=True))[0]
            else:  # an empty cluster takes the point farthest from its centre
                far = int((sim.max(axis=1)).argmin())
                c[j] = x[far]
    sim = x @ c.T
    labels = sim.argmax(axis=1)
    return labels, float((1.0 - sim[np.arange(n), labels]).sum())


def kmeans(x: np.ndarray, k: int, seed: int, restarts: int = 8, iters: int = 100) -> np.ndarray:
    """Cluster labels 0..k-1 of the rows of ``x`` (L2-normalised): the best of ``restarts`` runs by
    total cosine distance, clusters numbered by size (largest first), then by their first row."""
    n = len(x)
    if n == 0:
        return np.zeros(0, dtype=np.int32)
    k = max(1, min(k, n))
    rng = np.random.default_rng(seed)
    best, best_cost = None, math.inf
    for _ in range(restarts):
        labels, cost = _kmeans_once(x, k, rng, iters)
        if cost < best_cost - 1e-12:
            best, best_cost = labels, cost
    sizes = np.bincount(best, minlength=k)
    first = [int(np.flatnonzero(best == j)[0]) if sizes[j] else n for j in range(k)]
    order = sorted(range(k), key=lambda j: (-sizes[j], first[j]))
    remap = np.empty(k, dtype=np.int32)
    remap[order] = np.arange(k, dtype=np.int32)
    return remap[best].astype(np.int32)


def topic_clusters(texts: Sequence[str], k: int, embedding: str, embed_chars: int, seed: int) -> np.ndarray:
    """Cluster label (int32) of each text."""
    vectors = TopicVectors(embedding, embed_chars, len(texts))
    for d, text in enumerate(texts):
        vectors.add(d, text)
    return kmeans(vectors.matrix(range(len(texts))), k, seed)
