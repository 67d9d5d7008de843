"""Topic coverage of a seed set, beside a random sample of the same size from the same pool.

``clusters_covered``: clusters holding at least one seed; ``entropy_bits``: Shannon entropy of the
seeds' cluster distribution (log2 k when even); ``largest_share`` over ``fair_share`` (1/k): how far
the biggest topic exceeds an even split.
"""

from __future__ import annotations

import math
from typing import Any, Sequence

import numpy as np


def coverage(clusters: Sequence[int], k: int) -> dict[str, Any]:
    """Coverage figures of a seed set given each seed's cluster."""
    n = len(clusters)
    counts = np.bincount(np.asarray(clusters, dtype=np.int64), minlength=k) if n else np.zeros(k, dtype=np.int64)
    p = counts[counts > 0] / max(n, 1)
    largest = float(counts.max() / n) if n else 0.0
    return {
        "seeds": n,
        "clusters_covered": int((counts > 0).sum()),
        "entropy_bits": round(float(-(p * np.log2(p)).sum()) + 0.0, 6),
        "largest_share": round(largest, 6),
        "fair_share": round(1.0 / k, 6) if k else 0.0,
        "largest_over_fair": round(largest * k, 6) if k else 0.0,
        "per_cluster": [int(c) for c in counts],
    }


#: Random samples averaged for the baseline: one sample's entropy varies by ~0.1-0.2 bits at 50 seeds.
DRAWS = 20


def random_baseline(unit_clusters: Sequence[int], size: int, k: int, seed: int, draws: int = DRAWS) -> dict[str, Any]:
    """Coverage of uniform random samples (without replacement) of ``size`` units, averaged over
    ``draws`` samples drawn from numpy's generator seeded with ``seed``."""
    rng = np.random.default_rng(seed)
    pool = np.asarray(unit_clusters, dtype=np.int64)
    size = min(size, len(pool))
    runs = [coverage(pool[rng.choice(len(pool), size=size, replace=False)].tolist(), k) for _ in range(draws)]
    keys = ("clusters_covered", "entropy_bits", "largest_share", "largest_over_fair")
    out: dict[str, Any] = {key: round(float(np.mean([r[key] for r in runs])), 6) for key in keys}
    out.update(seeds=size, fair_share=round(1.0 / k, 6) if k else 0.0, draws=draws, pool_units=len(pool),
               entropy_bits_min=min(r["entropy_bits"] for r in runs), entropy_bits_max=max(r["entropy_bits"] for r in runs))
    return out


def entropy_ratio(chosen: dict[str, Any], random: dict[str, Any]) -> float | None:
    """The seeds' topic entropy over the random baseline's (None when the baseline's is 0)."""
    ratio = chosen["entropy_bits"] / random["entropy_bits"] if random["entropy_bits"] > 0 else math.inf
    return round(ratio, 6) if math.isfinite(ratio) else None


def summary_lines(report: dict[str, Any]) -> list[str]:
    """What ``curate seeds`` prints: the seeds beside random samples of the same size (from the whole
    run, and from the eligible documents)."""
    k, c = report["k"], report["counts"]
    s, r, e = report["seeds"], report["random_sample"], report["random_sample_eligible"]

    def ratio(b: dict[str, Any], key: str) -> str:
        x = b[key]
        return "" if x is None else f"{x:.2f}x"

    lines = [
        f"{s['seeds']} seeds ({c['seeds_qa']} Q&A) from {c['eligible_documents']} eligible of {c['documents']} documents "
        f"({c['units']} candidate units); k = {k} topic clusters ({report['k_rule']}, {report['embedding']})",
        *([f"{report['settings']['size']} asked: the clusters' candidates allow no more seeds within max_share "
           f"{report['settings']['max_share']} of the fair share"] if s["seeds"] < report["settings"]["size"] else []),
        f"{'':>22} {'seeds':>9} {'random run':>11} {'random eligible':>16}",
        f"{'clusters covered':>22} {s['clusters_covered']:>6}/{k:<2} {r['clusters_covered']:>8.1f}/{k:<2} {e['clusters_covered']:>13.1f}/{k:<2}",
        f"{'topic entropy (bits)':>22} {s['entropy_bits']:>9.3f} {r['entropy_bits']:>11.3f} {e['entropy_bits']:>16.3f}",
        f"{'seeds entropy ratio':>22} {'':>9} {ratio(r, 'entropy_ratio'):>11} {ratio(e, 'entropy_ratio'):>16}",
        f"{'ceiling (even split)':>22} {'':>9} {ratio(r, 'entropy_ratio_ceiling'):>11} {ratio(e, 'entropy_ratio_ceiling'):>16}",
        f"{'largest / fair share':>22} {s['largest_over_fair']:>9.2f} {r['largest_over_fair']:>11.2f} {e['largest_over_fair']:>16.2f}",
    ]
    if report["clusters_without_candidates"]:
        lines.append(f"{report['clusters_without_candidates']} cluster(s) hold no eligible document (none in the top "
                     f"{report['settings']['top_fraction']:.0%} of its group by edu_score): they cannot be covered")
    skipped = {name: c[name] for name in ("empty_text", "no_edu_score", "short_passage") if c.get(name)}
    if skipped:
        lines.append("skipped: " + ", ".join(f"{name} {v}" for name, v in sorted(skipped.items())))
    return lines
