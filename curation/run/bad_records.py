"""The run's bad-record examples: every bad record counted, the first few per reason kept.

A unit keeps at most ``core.step.MAX_EXAMPLES`` descriptions; over a run of 90k units that is
millions, so the manifest keeps the first ``EXAMPLES_PER_REASON`` per reason in run order, and the
exact counts by reason come from the read stage's counters.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

#: Bad-record examples the manifest keeps per reason over the whole run (README "Bad input").
EXAMPLES_PER_REASON = 20


def run_examples(unit_results: list[Any], per_reason: int = EXAMPLES_PER_REASON) -> list[dict[str, Any]]:
    """The first ``per_reason`` examples of each reason, in run order, each naming its unit. The units'
    own lists are dropped from their results as they are read (the driver holds no more than these)."""
    kept: list[dict[str, Any]] = []
    seen: Counter[str] = Counter()
    for result in unit_results:
        if not isinstance(result, dict):
            continue
        for bad in result.pop("bad_records", None) or []:
            seen[bad["reason"]] += 1
            if seen[bad["reason"]] <= per_reason:
                kept.append(bad | {"unit": result["rel_path"]})
    return kept


def summary(examples: list[dict[str, Any]], stages: list[dict[str, Any]]) -> dict[str, Any]:
    """The manifest's ``bad_records``: exact counts by reason (the read stage's), the examples kept."""
    read = next((s for s in stages if s.get("name") == "read"), None)
    counts = dict(sorted(((read or {}).get("skipped_by_reason") or {}).items()))
    return {"total": sum(counts.values()), "by_reason": counts, "examples_per_reason": EXAMPLES_PER_REASON,
            "examples": examples}
