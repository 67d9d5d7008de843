"""``curate seeds``: seeds for synthetic data, high in ``edu_score`` and spread over topics.

Steps: read the run's documents once each (``seeds_read``); keep the top ``top_fraction`` of each mix
group by ``edu_score``; cluster those documents by topic (``topics``); cut each into candidate units
(``seeds_units``: Q&A pairs already present, else passages); give every cluster an even quota, one
seed at a time round-robin, capped at ``max_share`` x the fair share, a cluster short of candidates
leaving its quota to the others; inside a cluster take documents best-first, at most ``per_document``
units each. One process, no Dask: the work is one embedding per document; the output is a pure
function of the run's shards and the settings (rows sorted by ``seed_id``, fixed parquet options).
"""

from __future__ import annotations

import hashlib
import math
from typing import Any

import numpy as np
import pyarrow as pa

from curation.io.files import write_json_atomic, write_parquet_atomic
from curation.synth.seeds_config import SeedsConfig
from curation.synth.seeds_coverage import DRAWS, coverage, entropy_ratio, random_baseline
from curation.synth.seeds_read import RunIndex, iter_texts, scan_run
from curation.synth.seeds_units import Unit, units_of
from curation.synth.topics import TopicVectors, auto_k, kmeans

#: What syn18b's generation jobs read; change it only with them.
SCHEMA = pa.schema([
    ("seed_id", pa.string()), ("text", pa.string()), ("kind", pa.string()), ("question", pa.string()),
    ("answer", pa.string()), ("source_id", pa.string()), ("group", pa.string()), ("cluster", pa.int32()),
    ("edu_score", pa.float64()),
])


def seed_id(source_id: str, kind: str, index: int) -> str:
    """Stable id of a unit: sha256 of its document id, kind and index in the document (20 hex digits)."""
    return hashlib.sha256(f"{source_id}\x1f{kind}\x1f{index}".encode()).hexdigest()[:20]


def coverage_path(output: str) -> str:
    """The coverage report written next to the seeds: ``x.parquet`` -> ``x.coverage.json``."""
    return (output[: -len(".parquet")] if output.endswith(".parquet") else output) + ".coverage.json"


def rank_in_group(docs: RunIndex) -> list[float]:
    """Each document's rank among the scored documents of its group (the mix group, else its source) by
    ``edu_score``: 1.0 for the best, down towards 0; ties by id (documents come sorted by id). A document
    without a score gets 0: it is never a seed (nothing says it is educational)."""
    by_group: dict[str, list[int]] = {}
    for i, (g, s) in enumerate(zip(docs.groups, docs.sources)):
        if docs.edu[i] is not None:
            by_group.setdefault(g if g is not None else f"source:{s}", []).append(i)
    rank = [0.0] * len(docs.ids)
    for members in by_group.values():
        members.sort(key=lambda i: (-docs.edu[i], i))
        for r, i in enumerate(members):
            rank[i] = 1.0 - r / len(members)
    return rank


def allocate(available: list[int], size: int, cap: int) -> list[int]:
    """Seeds per cluster: one at a time round-robin over the clusters that still have candidates and
    are under ``cap``, until ``size`` seeds or no cluster can take more."""
    counts = [0] * len(available)
    limit = [min(a, cap) for a in available]
    total, moved = 0, True
    while total < size and moved:
        moved = False
        for c in range(len(counts)):
            if total < size and counts[c] < limit[c]:
                counts[c] += 1
                total += 1
                moved = True
    return counts


def quotas(available: list[int], size: int, max_share: float) -> tuple[list[int], int]:
    """(seeds per cluster, the cap used): ``allocate`` with cap = max_share x the fair share of the seeds
    actually picked. When the clusters' candidates cannot fill ``size``, the fair share is that of the
    smaller total, so the cap shrinks with it (fewer seeds rather than one topic over its share)."""
    k, target = len(available), size
    while k:
        cap = max(1, math.floor(max_share * target / k))
        counts = allocate(available, target, cap)
        if sum(counts) in (target, 0):
            return counts, cap
        target = sum(counts)
    return [], 0


def _plan(order: list[int], labels: np.ndarray, n_units: list[int], k: int, per_document: int) -> list[list[tuple[int, int]]]:
    """Per cluster, the (document, unit number) candidates in the order they are taken: best documents
    first, a document's first unit before anyone's second (at most ``per_document`` of one document)."""
    queues: list[list[tuple[int, int]]] = [[] for _ in range(k)]
    for r in range(per_document):
        for d in order:
            if r < n_units[d]:
                queues[int(labels[d])].append((d, r))
    return queues


def _gather(index: RunIndex, cfg: SeedsConfig, counts: dict[str, int]) -> tuple[list[int], TopicVectors]:
    """One pass over the run's text: each document's number of units and its topic vector."""
    n_units = [0] * len(index.ids)
    vectors = TopicVectors(cfg.embedding, cfg.embed_chars, len(index.ids))
    for d, text, meta in iter_texts(index, range(len(index.ids))):
        n_units[d] = len(units_of(text, meta, cfg.passage_chars, cfg.min_passage_chars, counts))
        if n_units[d]:
            vectors.add(d, text)
    return n_units, vectors


def _units(index: RunIndex, cfg: SeedsConfig, picked: list[tuple[int, int, int]]) -> dict[tuple[int, int], Unit]:
    """The picked (cluster, document, unit number) units, re-cut from a second read of their documents."""
    need = {d for _, d, _ in picked}
    units = {}
    for d, text, meta in iter_texts(index, sorted(need)):
        for r, u in enumerate(units_of(text, meta, cfg.passage_chars, cfg.min_passage_chars, {})):
            units[(d, r)] = u
    return units


def select(index: RunIndex, cfg: SeedsConfig) -> tuple[pa.Table, dict[str, Any]]:
    """The seeds table and the coverage report of the run ``index`` describes. Topics are clusters of all
    the run's documents that offer a unit (the run's topics, not only the eligible ones'); seeds come
    from the eligible documents. The text is read twice, never held: once for the topic vectors and
    unit counts, once for the picked documents."""
    counts: dict[str, int] = dict(index.counts)
    n_units, vectors = _gather(index, cfg, counts)
    docs_ok = [d for d, n in enumerate(n_units) if n]  # documents that offer at least one unit
    k = auto_k(len(docs_ok)) if cfg.clusters == "auto" else max(1, min(cfg.clusters, len(docs_ok)))
    labels = np.full(len(index.ids), -1, dtype=np.int32)
    if docs_ok:
        labels[docs_ok] = kmeans(vectors.matrix(docs_ok), k, cfg.seed)
    rank = rank_in_group(index)
    keep = [d for d in docs_ok if rank[d] > 1.0 - cfg.top_fraction]
    order = sorted(keep, key=lambda d: (-rank[d], index.ids[d]))
    queues = _plan(order, labels, n_units, k, cfg.per_document)
    quota, cap = quotas([len(q) for q in queues], cfg.size, cfg.max_share)
    picked = [(c, d, r) for c in range(k) for d, r in queues[c][:quota[c]]]
    units = _units(index, cfg, picked)
    rows = sorted(((seed_id(index.ids[d], units[(d, r)].kind, units[(d, r)].index), units[(d, r)], d, c) for c, d, r in picked),
                  key=lambda row: row[0])
    table = pa.table({
        "seed_id": [r[0] for r in rows], "text": [r[1].text for r in rows], "kind": [r[1].kind for r in rows],
        "question": [r[1].question for r in rows], "answer": [r[1].answer for r in rows],
        "source_id": [index.ids[r[2]] for r in rows], "group": [index.groups[r[2]] for r in rows],
        "cluster": [r[3] for r in rows], "edu_score": [index.edu[r[2]] for r in rows],
    }, schema=SCHEMA)
    chosen = coverage([r[3] for r in rows], k)
    baselines = {}
    for name, members in (("run", docs_ok), ("eligible", keep)):
        every = [int(labels[d]) for d in members for _ in range(n_units[d])]  # one entry per unit
        base = random_baseline(every, len(rows), k, cfg.seed)
        even = {"entropy_bits": math.log2(k) if k else 0.0}  # an even split over all k clusters: the best possible
        baselines[name] = {**base, "entropy_ratio": entropy_ratio(chosen, base), "entropy_ratio_ceiling": entropy_ratio(even, base)}
    counts.update(no_edu_score=sum(index.edu[d] is None for d in docs_ok), eligible_documents=len(keep),
                  units=sum(n_units[d] for d in keep), seeds_qa=sum(r[1].kind == "qa" for r in rows))
    report = {
        "k": k, "k_rule": "round(sqrt(n/2)) of the documents" if cfg.clusters == "auto" else "set in the recipe",
        "embedding": cfg.embedding, "settings": cfg.model_dump(), "counts": counts, "cap_per_cluster": cap,
        "clusters_without_candidates": sum(not q for q in queues),  # no eligible document: cannot be covered
        "seeds": chosen, "cluster_documents": [int(c) for c in np.bincount(labels[docs_ok], minlength=k)] if docs_ok else [],
        "random_sample": baselines["run"], "random_sample_eligible": baselines["eligible"],
        "random_sample_from": (f"uniform samples of the seeds' size from the units of all the run's documents (random_sample) "
                               f"or of the eligible ones (random_sample_eligible), mean of {DRAWS} draws, numpy seed {cfg.seed}"),
    }
    return table, report


def run_seeds(run_dir: str, cfg: SeedsConfig, output: str) -> dict[str, Any]:
    """Pick seeds from the finished run in ``run_dir``; write ``output`` and its coverage report."""
    table, report = select(scan_run(run_dir, cfg.groups), cfg)
    report["run_dir"] = run_dir
    report["output"] = output
    write_parquet_atomic(table, output)
    write_json_atomic(report, coverage_path(output))
    return report
