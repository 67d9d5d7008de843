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
from curation.synth.seeds_read import RunDocs, read_run
from curation.synth.seeds_units import Unit, units_of
from curation.synth.topics import auto_k, topic_clusters

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


def rank_in_group(docs: RunDocs) -> list[float]:
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


def _queues(order: list[int], labels: np.ndarray, units: list[list[Unit]], k: int, per_document: int) -> list[list[tuple[int, Unit]]]:
    """Per cluster, the candidates in the order they are taken: best documents first, a document's
    first unit before anyone's second (at most ``per_document`` of one document)."""
    queues: list[list[tuple[int, Unit]]] = [[] for _ in range(k)]
    for r in range(per_document):
        for i in order:
            if r < len(units[i]):
                queues[int(labels[i])].append((i, units[i][r]))
    return queues


def select(docs: RunDocs, cfg: SeedsConfig) -> tuple[pa.Table, dict[str, Any]]:
    """The seeds table and the coverage report of ``docs``. Topics are clusters of all the run's
    documents that offer a unit (the run's topics, not only the eligible ones'); seeds come from the
    eligible documents."""
    counts: dict[str, int] = dict(docs.counts)
    units_all = [units_of(t, m, cfg.passage_chars, cfg.min_passage_chars, counts) for t, m in zip(docs.texts, docs.metadata)]
    docs_ok = [i for i, u in enumerate(units_all) if u]  # documents that offer at least one unit
    k = auto_k(len(docs_ok)) if cfg.clusters == "auto" else max(1, min(cfg.clusters, len(docs_ok)))
    labels = np.full(len(docs.ids), -1, dtype=np.int32)
    if docs_ok:
        labels[docs_ok] = topic_clusters([docs.texts[i] for i in docs_ok], k, cfg.embedding, cfg.embed_chars, cfg.seed)
    rank = rank_in_group(docs)
    keep = [i for i in docs_ok if rank[i] > 1.0 - cfg.top_fraction]
    order = sorted(keep, key=lambda i: (-rank[i], docs.ids[i]))
    queues = _queues(order, labels, units_all, k, cfg.per_document)
    quota, cap = quotas([len(q) for q in queues], cfg.size, cfg.max_share)
    picked = [(c, i, u) for c in range(k) for i, u in queues[c][:quota[c]]]
    rows = sorted(((seed_id(docs.ids[i], u.kind, u.index), u, i, c) for c, i, u in picked), key=lambda r: r[0])
    table = pa.table({
        "seed_id": [r[0] for r in rows], "text": [r[1].text for r in rows], "kind": [r[1].kind for r in rows],
        "question": [r[1].question for r in rows], "answer": [r[1].answer for r in rows],
        "source_id": [docs.ids[r[2]] for r in rows], "group": [docs.groups[r[2]] for r in rows],
        "cluster": [r[3] for r in rows], "edu_score": [docs.edu[r[2]] for r in rows],
    }, schema=SCHEMA)
    chosen = coverage([r[3] for r in rows], k)
    baselines = {}
    for name, members in (("run", docs_ok), ("eligible", keep)):
        every = [int(labels[i]) for i in members for _ in units_all[i]]  # one entry per unit
        base = random_baseline(every, len(rows), k, cfg.seed)
        even = {"entropy_bits": math.log2(k) if k else 0.0}  # an even split over all k clusters: the best possible
        baselines[name] = {**base, "entropy_ratio": entropy_ratio(chosen, base), "entropy_ratio_ceiling": entropy_ratio(even, base)}
    counts.update(no_edu_score=sum(docs.edu[i] is None for i in docs_ok), eligible_documents=len(keep), units=sum(len(units_all[i]) for i in keep),
                  seeds_qa=sum(r[1].kind == "qa" for r in rows))
    report = {
        "k": k, "k_rule": "round(sqrt(n/2)) of the documents" if cfg.clusters == "auto" else "set in the recipe",
        "embedding": cfg.embedding, "settings": cfg.model_dump(), "counts": counts, "cap_per_cluster": cap,
        "seeds": chosen, "cluster_documents": [int(c) for c in np.bincount(labels[docs_ok], minlength=k)] if docs_ok else [],
        "random_sample": baselines["run"], "random_sample_eligible": baselines["eligible"],
        "random_sample_from": (f"uniform samples of the seeds' size from the units of all the run's documents (random_sample) "
                               f"or of the eligible ones (random_sample_eligible), mean of {DRAWS} draws, numpy seed {cfg.seed}"),
    }
    return table, report


def run_seeds(run_dir: str, cfg: SeedsConfig, output: str) -> dict[str, Any]:
    """Pick seeds from the finished run in ``run_dir``; write ``output`` and its coverage report."""
    table, report = select(read_run(run_dir, cfg.groups), cfg)
    report["run_dir"] = run_dir
    report["output"] = output
    write_parquet_atomic(table, output)
    write_json_atomic(report, coverage_path(output))
    return report
