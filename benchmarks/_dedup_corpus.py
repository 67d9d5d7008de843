"""A seeded synthetic corpus with planted near-duplicates, for ``benchmarks/dedup_benchmark.py``.

Every document is 150-400 words drawn from a 100,000-word synthetic vocabulary with a Zipf-Mandelbrot
distribution (p(rank k) ~ 1/(k + 2.7)), cut into capitalised sentences ending in a full stop and
grouped into paragraphs, so that unrelated documents share almost no word 5-gram. About 10% of
the base documents get 1 to 3 near-copies: each copy is its original with, at every word, a chance
``e`` (drawn per copy, uniform in [0.002, 0.016]) of an edit (a third each: substitute a random word,
delete the word, insert a random word before it), and its own sentence breaks. That puts the true
Jaccard similarity of the copy's word 5-gram set with its original's at about 0.8-0.95 (computed
exactly and stored in the ground truth). A group is an original and its copies; a document without
copies is a group of one.

All documents (originals and copies) are shuffled together, given ids ``bench-NNNNNNNN`` in that
order and written as ``files`` parquet files (id, text, url; zstd) of consecutive documents, so a
group's members usually sit in different files. ``ground_truth.parquet`` holds, per id: ``group``,
``role`` (0 original, k the k-th copy), ``edit_rate`` and ``jaccard`` (copy vs its original; null
for originals). The same (docs, seed) gives byte-identical files.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

VOCAB = 100_000
ZIPF_OFFSET = 2.7
MIN_WORDS, MAX_WORDS = 150, 400
DUP_FRACTION = 0.10  # share of base documents that get copies
COPIES = (1, 3)  # copies per such document, inclusive
EDIT_RATE = (0.002, 0.016)  # per-copy edit probability per word, uniform
NGRAM = 5
VERSION = 2  # bump when the generator changes: cached corpora are keyed by it

_ONSETS = ["", "b", "c", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w", "z",
           "br", "ch", "cl", "dr", "fl", "gr", "pl", "pr", "sh", "st", "th", "tr", "sk"]
_NUCLEI = ["a", "e", "i", "o", "u", "ai", "ea", "ou", "io", "y"]
_CODAS = ["", "", "n", "r", "s", "t", "l", "m", "nd", "st", "ck"]
_WORD_RE = re.compile(r"\w+")


@dataclass
class CorpusInfo:
    dir: str
    docs: int
    files: int
    groups_with_copies: int
    duplicates: int  # sum over groups of (size - 1): the documents a perfect dedup removes
    text_bytes: int
    jaccard: dict[str, float]

    def to_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


def vocabulary(rng: np.random.Generator, size: int = VOCAB) -> np.ndarray:
    """``size`` distinct pronounceable words, shorter ones first (they get the frequent ranks)."""
    syllables = [o + n + c for o in _ONSETS for n in _NUCLEI for c in _CODAS]
    seen: dict[str, None] = {}
    while len(seen) < size:
        n_syl = rng.integers(1, 5, size=size)
        picks = rng.integers(0, len(syllables), size=(size, 4))
        for k, row in zip(n_syl, picks):
            seen.setdefault("".join(syllables[j] for j in row[:k]), None)
            if len(seen) == size:
                break
    words = sorted(seen, key=len)  # stable: among equal lengths, generation order
    return np.array(words, dtype=object)


def _zipf_cdf(size: int = VOCAB) -> np.ndarray:
    weights = 1.0 / (np.arange(size, dtype=np.float64) + ZIPF_OFFSET)
    cdf = np.cumsum(weights)
    return cdf / cdf[-1]


def _draw(rng: np.random.Generator, cdf: np.ndarray, n: int) -> np.ndarray:
    return np.minimum(np.searchsorted(cdf, rng.random(n)), len(cdf) - 1).astype(np.int32)


def _edit(rng: np.random.Generator, cdf: np.ndarray, words: np.ndarray, rate: float) -> np.ndarray:
    """``words`` with each position edited with probability ``rate`` (substitute/delete/insert)."""
    n = len(words)
    hit = rng.random(n) < rate
    kind = rng.integers(0, 3, size=n)
    fresh = _draw(rng, cdf, n)
    out = words.copy()
    sub = hit & (kind == 0)
    out[sub] = fresh[sub]
    keep = ~(hit & (kind == 1))
    ins = hit & (kind == 2)
    # inserted word goes before the original word at that position
    counts = keep.astype(np.int64) + ins
    result = np.empty(int(counts.sum()), dtype=np.int32)
    pos = np.cumsum(counts) - counts
    result[pos[ins]] = fresh[ins]
    tail = pos + ins
    result[tail[keep]] = out[keep]
    return result


def _render(rng: np.random.Generator, vocab: np.ndarray, words: np.ndarray) -> str:
    """Words as prose: sentences of 6-21 words (capitalised, full stop), paragraphs of 3-6 sentences."""
    tokens = vocab[words].tolist()
    out: list[str] = []
    i, n, in_par = 0, len(tokens), 0
    par_len = int(rng.integers(3, 7))
    while i < n:
        k = int(rng.integers(6, 22))
        sent = tokens[i:i + k]
        sent[0] = sent[0].capitalize()
        out.append(" ".join(sent) + ".")
        i += k
        in_par += 1
        if in_par == par_len and i < n:
            out.append("\n\n")
            in_par, par_len = 0, int(rng.integers(3, 7))
        elif i < n:
            out.append(" ")
    return "".join(out)


def shingles(text: str, n: int = NGRAM) -> set[tuple[str, ...]]:
    """Word n-grams of lower-cased ``\\w+`` words (what both systems compare, punctuation aside)."""
    w = _WORD_RE.findall(text.lower())
    if len(w) < n:
        return {tuple(w)} if w else set()
    return set(zip(*(w[i:] for i in range(n))))


def jaccard(a: str, b: str, n: int = NGRAM) -> float:
    sa, sb = shingles(a, n), shingles(b, n)
    union = len(sa | sb)
    return len(sa & sb) / union if union else 1.0


def generate(n_docs: int, out_dir: str | Path, seed: int = 1234, files: int = 16) -> CorpusInfo:
    """Write the corpus of ``n_docs`` documents to ``out_dir/docs/part-NN.parquet`` and its ground
    truth to ``out_dir/ground_truth.parquet``; reuse them when ``out_dir/corpus.json`` says they
    were made with the same arguments and generator version."""
    out = Path(out_dir)
    meta_path = out / "corpus.json"
    key = {"version": VERSION, "docs": n_docs, "seed": seed, "files": files}
    if meta_path.exists():
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        if meta.get("key") == key:
            return CorpusInfo(**meta["info"])
    rng = np.random.Generator(np.random.PCG64(seed))
    vocab = vocabulary(rng)
    cdf = _zipf_cdf(len(vocab))

    # group layout: base documents, some with copies, until n_docs documents are planned
    sizes: list[int] = []
    total = 0
    while total < n_docs:
        size = 1 + (int(rng.integers(COPIES[0], COPIES[1] + 1)) if rng.random() < DUP_FRACTION else 0)
        size = min(size, n_docs - total)
        sizes.append(size)
        total += size

    texts: list[str] = []
    group: list[int] = []
    role: list[int] = []
    rates: list[float | None] = []
    sims: list[float | None] = []
    for g, size in enumerate(sizes):
        base = _draw(rng, cdf, int(rng.integers(MIN_WORDS, MAX_WORDS + 1)))
        original = _render(rng, vocab, base)
        texts.append(original)
        group.append(g)
        role.append(0)
        rates.append(None)
        sims.append(None)
        for c in range(1, size):
            rate = float(rng.uniform(*EDIT_RATE))
            copy = _render(rng, vocab, _edit(rng, cdf, base, rate))
            texts.append(copy)
            group.append(g)
            role.append(c)
            rates.append(rate)
            sims.append(jaccard(original, copy))

    order = rng.permutation(n_docs)
    ids = [f"bench-{i:08d}" for i in range(n_docs)]
    docs_dir = out / "docs"
    docs_dir.mkdir(parents=True, exist_ok=True)
    for old in docs_dir.glob("*.parquet"):
        old.unlink()
    bounds = np.linspace(0, n_docs, files + 1).astype(int)
    text_bytes = 0
    for f in range(files):
        idx = order[bounds[f]:bounds[f + 1]]
        part_texts = [texts[i] for i in idx]
        text_bytes += sum(len(t.encode("utf-8")) for t in part_texts)
        table = pa.table({
            "id": ids[bounds[f]:bounds[f + 1]],
            "text": part_texts,
            "url": [f"https://site{int(group[i]) % 997}.example/page/{bounds[f] + j}" for j, i in enumerate(idx)],
        })
        pq.write_table(table, docs_dir / f"part-{f:02d}.parquet", compression="zstd", row_group_size=5_000)
    truth = pa.table({
        "id": ids,
        "group": pa.array([group[i] for i in order], pa.int64()),
        "role": pa.array([role[i] for i in order], pa.int32()),
        "edit_rate": pa.array([rates[i] for i in order], pa.float64()),
        "jaccard": pa.array([sims[i] for i in order], pa.float64()),
    })
    pq.write_table(truth, out / "ground_truth.parquet", compression="zstd")
    copy_sims = np.array([s for s in sims if s is not None], dtype=np.float64)
    info = CorpusInfo(
        dir=str(docs_dir),
        docs=n_docs,
        files=files,
        groups_with_copies=sum(1 for s in sizes if s > 1),
        duplicates=sum(s - 1 for s in sizes),
        text_bytes=text_bytes,
        jaccard={
            "min": float(copy_sims.min()) if copy_sims.size else float("nan"),
            "p10": float(np.quantile(copy_sims, 0.1)) if copy_sims.size else float("nan"),
            "median": float(np.median(copy_sims)) if copy_sims.size else float("nan"),
            "max": float(copy_sims.max()) if copy_sims.size else float("nan"),
        },
    )
    meta_path.write_text(json.dumps({"key": key, "info": info.to_json()}, indent=1), encoding="utf-8")
    return info
