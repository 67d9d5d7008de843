"""The only source of randomness in the mix: a hash of (seed, document id, epoch).

It decides whether a document is taken in an epoch and where it lands in the shuffled output, so the
result depends on neither the number of workers nor the order in which units finish.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import repeat

import numpy as np
import polars as pl
import xxhash

#: Bits of the sampling hash kept as the bucket that thresholds are expressed in.
BUCKET_BITS = 20


def doc_hashes(ids: Iterable[str] | pl.Series, seed: int, epoch: int, purpose: str) -> np.ndarray:
    """uint64 hash per id; ``purpose`` separates the sampling draw from the shuffle position.
    A polars Series of ids gets its suffix appended by polars, then one C call per id (half the
    CPU of building each key in Python); the values are the same either way."""
    tail = f"\x1f{epoch}\x1f{purpose}"
    s = seed & 0xFFFFFFFFFFFFFFFF
    if isinstance(ids, pl.Series):
        keys = (ids + tail).cast(pl.Binary).to_list()
        return np.fromiter(map(xxhash.xxh3_64_intdigest, keys, repeat(s)), dtype=np.uint64, count=len(keys))
    suffix = tail.encode()
    h = xxhash.xxh3_64_intdigest
    return np.fromiter((h(i.encode("utf-8") + suffix, s) for i in ids), dtype=np.uint64)


def buckets(hashes: np.ndarray) -> np.ndarray:
    return (hashes >> np.uint64(64 - BUCKET_BITS)).astype(np.int64)


def partition_of(hashes: np.ndarray, parts: int) -> np.ndarray:
    """Even split of the 64-bit range into ``parts`` consecutive slices (order-preserving)."""
    if parts <= 1:
        return np.zeros(len(hashes), dtype=np.int64)
    return ((hashes >> np.uint64(32)).astype(np.uint64) * np.uint64(parts) >> np.uint64(32)).astype(np.int64)
