"""One-line summaries of a finished run for the command line: why it produced nothing, what it skipped."""

from __future__ import annotations

from typing import Any


def _reasons(counts: dict[str, int], top: int = 3) -> str:
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
    return ", ".join(f"{k} {v}" for k, v in ranked)


def skipped_summary(manifest: dict[str, Any]) -> str | None:
    """How many bad input records the readers skipped, by reason (each file's first few were logged)."""
    read = next((s for s in manifest["stages"] if s["name"] == "read"), None)
    counts = (read or {}).get("skipped_by_reason") or {}
    if not counts:
        return None
    return f"{sum(counts.values())} bad input record(s) skipped ({_reasons(counts)}): see manifest.json bad_records"


def empty_reason(manifest: dict[str, Any]) -> str:
    """Why a run wrote no document: nothing read (and why), or the stage that removed most."""
    stages = manifest["stages"]
    read = next((s for s in stages if s["name"] == "read"), None)
    units = manifest["totals"]["work_units"]
    if read is None or not read["out"]:
        skipped = (read or {}).get("skipped_by_reason") or {}
        if skipped:
            return f"no document could be read from {units} work unit(s): {sum(skipped.values())} bad record(s) ({_reasons(skipped)})"
        return f"the {units} input work unit(s) hold no documents (empty files?)"
    worst = max((s for s in stages if s.get("in") is not None), key=lambda s: s["in"] - s["out"], default=None)
    if worst is None:
        return f"all {read['out']} documents read were removed"
    why = _reasons(worst.get("dropped_by_reason") or worst.get("counters") or {})
    return f"all {read['out']} documents read were removed; most by {worst['name']} ({worst['in'] - worst['out']}{': ' + why if why else ''})"
