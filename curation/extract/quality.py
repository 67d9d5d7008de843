"""Main-text extraction quality, measured the way scrapinghub's article-extraction-benchmark does.

We want our numbers to be comparable with the published ones for that benchmark
(trafilatura 2.0: F1 0.958, readability-lxml 0.922, ...), so this module reproduces its
metric's semantics (written here from its ``evaluate.py``, not copied):

* **Tokens** are the ``\\w+`` runs of the text (Unicode-aware).  Case is *kept*: the
  benchmark's regex has ``IGNORECASE`` but that flag changes nothing for ``\\w+`` and the
  tokens are never lower-cased, so "Hello" and "hello" are different tokens.
* **Shingles** are the 4-grams of consecutive tokens, counted as a multiset.  A text with
  fewer than 4 tokens (but at least one) yields exactly one, shorter shingle made of all its
  tokens; an empty text yields none.
* **Per document** TP/FP/FN are the multiset overlap, surplus and shortfall of shingle counts,
  then divided by TP+FP+FN so that every document weighs the same whatever its length.
* **Per-document precision** is 1 when FP = FN = 0, 0 when TP = FP = 0, else TP/(TP+FP);
  recall likewise with FN.
* **Averaging**: precision is the mean over documents with a non-empty prediction
  (TP+FP > 0), recall the mean over documents with a non-empty ground truth (TP+FN > 0), and
  F1 is the harmonic mean of those two means, *not* the mean of per-document F1s.  So an empty
  prediction costs recall (it counts as 0) but does not count against precision.
"""

from __future__ import annotations

import gzip
import json
import random
import re
import statistics
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

#: Shingle length used by the benchmark.
NGRAM_N = 4

_TOKEN_RE = re.compile(r"\w+", re.UNICODE)

#: Where the benchmark lives under the shared data root (``../shared/data``).
SCRAPINGHUB_SUBDIR = Path("extraction") / "scrapinghub"


def tokenize(text: str | None) -> list[str]:
    """``\\w+`` runs, case kept: crude but language-independent, as in the benchmark."""
    return _TOKEN_RE.findall(text or "")


def shingles(text: str | None, n: int = NGRAM_N) -> Counter[tuple[str, ...]]:
    """Multiset of n-token shingles; a non-empty text shorter than n gives one short shingle."""
    tokens = tokenize(text)
    if not tokens:
        return Counter()
    if len(tokens) < n:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def tp_fp_fn(true: str | None, pred: str | None, n: int = NGRAM_N) -> tuple[float, float, float]:
    """Shingle-multiset TP/FP/FN, normalised to sum to 1 (all zero when both texts are empty).

    Normalising makes each document count once in the averages, whatever its length.
    """
    t, p = shingles(true, n), shingles(pred, n)
    tp = float(sum((t & p).values()))
    fp = float(sum((p - t).values()))
    fn = float(sum((t - p).values()))
    total = tp + fp + fn
    if total > 0:
        return tp / total, fp / total, fn / total
    return tp, fp, fn


def precision_score(tp: float, fp: float, fn: float) -> float:
    """TP/(TP+FP), with the benchmark's conventions for the degenerate cases."""
    if fp == 0 and fn == 0:
        return 1.0
    if tp == 0 and fp == 0:
        return 0.0
    return tp / (tp + fp)


def recall_score(tp: float, fp: float, fn: float) -> float:
    """TP/(TP+FN), with the benchmark's conventions for the degenerate cases."""
    if fp == 0 and fn == 0:
        return 1.0
    if tp == 0 and fn == 0:
        return 0.0
    return tp / (tp + fn)


def aggregate(counts: Iterable[tuple[float, float, float]]) -> dict[str, float]:
    """Macro precision/recall over the documents where each is defined, F1 of the two means.

    Where the benchmark would crash (no document qualifies, or P + R = 0) we return 0.0.
    """
    counts = list(counts)
    ps = [precision_score(*c) for c in counts if c[0] + c[1] > 0]
    rs = [recall_score(*c) for c in counts if c[0] + c[2] > 0]
    precision = statistics.fmean(ps) if ps else 0.0
    recall = statistics.fmean(rs) if rs else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall > 0 else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def score_pairs(pairs: Iterable[tuple[str | None, str | None]]) -> dict[str, float]:
    """Overall scores for ``(ground_truth, prediction)`` pairs; handy for tests and ad-hoc checks."""
    return aggregate(tp_fp_fn(t, p) for t, p in pairs)


def bootstrap_ci(
    counts: list[tuple[float, float, float]], n_bootstrap: int = 1000, seed: int = 0
) -> dict[str, float]:
    """1.96 x bootstrap standard deviation of each metric, as the benchmark reports its ± values.

    Seeded, so that two runs of our benchmark print the same intervals.
    """
    if n_bootstrap < 2 or not counts:
        return {}
    rng = random.Random(seed)
    n = len(counts)
    samples: dict[str, list[float]] = {}
    for _ in range(n_bootstrap):
        m = aggregate([counts[rng.randrange(n)] for _ in range(n)])
        for key, value in m.items():
            samples.setdefault(key, []).append(value)
    return {f"{key}_ci": 1.96 * statistics.stdev(values) for key, values in samples.items()}


def resolve_data_dir(data_dir: str | Path) -> Path:
    """Accept the benchmark folder itself or the shared data root above it."""
    data_dir = Path(data_dir)
    if not (data_dir / "ground-truth.json").is_file() and (data_dir / SCRAPINGHUB_SUBDIR).is_dir():
        data_dir = data_dir / SCRAPINGHUB_SUBDIR
    return data_dir


def iter_pages(data_dir: str | Path) -> Iterator[tuple[str, bytes, dict[str, Any]]]:
    """``(id, raw html bytes, ground-truth record)`` for every page, in sorted id order.

    Raw bytes, not text: decoding is part of what an extractor pipeline must get right.
    (The benchmark states the files are gzip-compressed UTF-8.)
    """
    data_dir = resolve_data_dir(data_dir)
    truth = json.loads((data_dir / "ground-truth.json").read_text(encoding="utf-8"))
    for doc_id in sorted(truth):
        raw = gzip.decompress((data_dir / "html" / f"{doc_id}.html.gz").read_bytes())
        yield doc_id, raw, truth[doc_id]


def evaluate_dir(
    extract_fn: Callable[[str], str | None],
    data_dir: str | Path,
    *,
    n_bootstrap: int = 0,
    decode: Callable[[bytes], str] | None = None,
) -> dict[str, Any]:
    """Run ``extract_fn(html) -> text`` on every benchmark page and score it.

    ``data_dir`` is the benchmark folder (``html/`` + ``ground-truth.json``) or the shared data
    root.  Returns ``precision``, ``recall``, ``f1``, ``n_docs``, ``n_empty`` (predictions with
    no tokens), ``seconds`` (CPU time spent inside ``extract_fn`` only), ``docs_per_s`` and
    ``per_doc``: ``{id: {precision, recall, f1, tp, fp, fn}}`` where precision/recall are
    ``None`` on documents excluded from that average.  With ``n_bootstrap`` >= 2 it also adds
    ``precision_ci``/``recall_ci``/``f1_ci``.

    HTML is decoded with ``decode`` (default: UTF-8 with replacement, the benchmark's stated
    encoding) so that a decoder's mistakes do not show up as extraction mistakes.
    """
    return evaluate_pages(extract_fn, iter_pages(data_dir), n_bootstrap=n_bootstrap, decode=decode)


def evaluate_pages(
    extract_fn: Callable[[str], str | None],
    pages: Iterable[tuple[str, bytes, dict[str, Any]]],
    *,
    n_bootstrap: int = 0,
    decode: Callable[[bytes], str] | None = None,
) -> dict[str, Any]:
    """``evaluate_dir`` over ``(id, raw html, {"articleBody": truth})`` triples from any reader
    (``iter_pages``, ``curation.extract.articles.iter_article_pages``)."""
    decode = decode or (lambda raw: raw.decode("utf-8", errors="replace"))
    counts: list[tuple[float, float, float]] = []
    per_doc: dict[str, dict[str, Any]] = {}
    seconds = 0.0
    n_empty = 0
    for doc_id, raw, record in pages:
        html = decode(raw)
        start = time.process_time()
        pred = extract_fn(html)
        seconds += time.process_time() - start
        if not tokenize(pred):
            n_empty += 1
        c = tp_fp_fn(record.get("articleBody") or "", pred or "")
        counts.append(c)
        p = precision_score(*c) if c[0] + c[1] > 0 else None
        r = recall_score(*c) if c[0] + c[2] > 0 else None
        if p is None and r is None:  # both empty: excluded from both averages
            f1 = None
        else:
            f1 = 2 * p * r / (p + r) if p and r else 0.0
        per_doc[doc_id] = {"precision": p, "recall": r, "f1": f1, "tp": c[0], "fp": c[1], "fn": c[2]}
    result: dict[str, Any] = aggregate(counts)
    result.update(
        n_docs=len(counts),
        n_empty=n_empty,
        seconds=seconds,
        docs_per_s=len(counts) / seconds if seconds > 0 else float("inf"),
        per_doc=per_doc,
    )
    result.update(bootstrap_ci(counts, n_bootstrap))
    return result
