"""MinHash signatures and LSH band keys for many documents at once, vectorised with numpy.

Words are hashed once (xxh3); a shingle's hash combines its n word hashes with a rolling
polynomial, so no shingle string is ever built. Each of the bands x rows permutations is a
multiply-add modulo 2^64 whose high 32 bits are kept; a document's signature is the per-permutation
minimum over its shingles (one ``np.minimum.reduceat`` per permutation over a whole batch).

Threshold: two documents with Jaccard similarity s share at least one band with probability
1 - (1 - s^rows)^bands. With the default 14 bands x 8 rows (FineWeb's layout) that S-curve crosses
0.5 at s ~= 0.685: P = 0.92 at s=0.8, 0.99 at 0.85, 0.77 at 0.75, 0.57 at 0.7, 0.21 at 0.6, 0.05 at
0.5. ``threshold()`` and ``probability_found()`` compute it for any layout.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl
import xxhash

_GOLDEN = np.uint64(0x9E3779B97F4A7C15)


@dataclass(frozen=True)
class MinHashConfig:
    ngram: int = 5
    bands: int = 14
    rows: int = 8
    seed: int = 1

    @property
    def num_perm(self) -> int:
        return self.bands * self.rows

    def permutations(self) -> tuple[np.ndarray, np.ndarray]:
        rng = np.random.Generator(np.random.PCG64(self.seed))
        a = rng.integers(1, 2**63, size=self.num_perm, dtype=np.uint64) | np.uint64(1)  # odd multipliers
        b = rng.integers(0, 2**63, size=self.num_perm, dtype=np.uint64)
        return a, b


def probability_found(similarity: float, bands: int = 14, rows: int = 8) -> float:
    """The LSH S-curve: chance that a pair with this Jaccard similarity becomes a candidate."""
    return 1.0 - (1.0 - similarity**rows) ** bands


def threshold(bands: int = 14, rows: int = 8) -> float:
    """The similarity at which a pair is found half the time."""
    return (1.0 - 0.5 ** (1.0 / bands)) ** (1.0 / rows)


def _splitmix(x: np.ndarray) -> np.ndarray:
    with np.errstate(over="ignore"):
        x = x + _GOLDEN
        x = (x ^ (x >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        x = (x ^ (x >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        return x ^ (x >> np.uint64(31))


def word_hashes(texts: list[str], seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Words per text and the xxh3 hash of every word, flat (polars splits; each distinct word is
    hashed once in Python, so the hashes are stable across library versions)."""
    words = pl.Series(texts, dtype=pl.String).str.normalize("NFKC").str.to_lowercase().str.extract_all(r"\w+")
    lengths = words.list.len().fill_null(0).to_numpy().astype(np.int64)
    flat = words.explode().drop_nulls()
    if flat.len() == 0:
        return lengths, np.zeros(0, dtype=np.uint64)
    distinct = flat.unique()
    hashes = np.fromiter((xxhash.xxh3_64_intdigest(w.encode("utf-8", "surrogatepass"), seed) for w in distinct),
                         dtype=np.uint64, count=distinct.len())
    return lengths, flat.replace_strict(distinct, pl.Series(hashes, dtype=pl.UInt64), return_dtype=pl.UInt64).to_numpy()


def shingle_hashes(texts: list[str], ngram: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """All shingle hashes of all texts, flat, and each text's shingle count (0 for a text without words).

    A text with fewer than ``ngram`` words is one shingle of all its words (documented rule)."""
    lengths, word_h = word_hashes(texts, seed)
    counts = np.where(lengths >= ngram, lengths - ngram + 1, np.minimum(lengths, 1))
    total = int(counts.sum())
    if total == 0:
        return np.zeros(0, dtype=np.uint64), counts
    starts = np.concatenate(([0], np.cumsum(lengths)[:-1]))
    # first word index of every shingle, and how many words it spans
    doc_of = np.repeat(np.arange(len(texts)), counts)
    within = np.arange(total) - np.repeat(np.cumsum(counts) - counts, counts)
    first = starts[doc_of] + within
    span = np.minimum(lengths[doc_of], ngram)
    out = np.zeros(total, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for i in range(ngram):
            take = span > i
            out[take] = out[take] * _GOLDEN + _splitmix(word_h[first[take] + i])
    return _splitmix(out), counts


def signatures(texts: list[str], config: MinHashConfig = MinHashConfig()) -> tuple[np.ndarray, np.ndarray]:
    """(n, bands*rows) uint32 MinHash signatures, and a mask of texts that had at least one word."""
    hashes, counts = shingle_hashes(texts, config.ngram, config.seed)
    n = len(texts)
    sig = np.full((n, config.num_perm), np.iinfo(np.uint32).max, dtype=np.uint32)
    has = counts > 0
    if hashes.size == 0:
        return sig, has
    offsets = (np.cumsum(counts) - counts)[has]
    a, b = config.permutations()
    with np.errstate(over="ignore"):
        for p in range(config.num_perm):
            permuted = ((hashes * a[p] + b[p]) >> np.uint64(32)).astype(np.uint32)
            sig[has, p] = np.minimum.reduceat(permuted, offsets)
    return sig, has


def band_keys(sig: np.ndarray, config: MinHashConfig = MinHashConfig()) -> np.ndarray:
    """(n, bands) uint64 keys: two documents are candidates when any band key is equal."""
    n = sig.shape[0]
    rows = sig.reshape(n, config.bands, config.rows).astype(np.uint64)
    key = np.zeros((n, config.bands), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for r in range(config.rows):
            key = _splitmix(key * _GOLDEN + rows[:, :, r])
        key ^= np.arange(config.bands, dtype=np.uint64) * _GOLDEN  # the same rows in two bands differ
    return key
