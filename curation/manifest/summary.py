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


def mix_lines(manifest: dict[str, Any], shortfall: float = 0.5) -> list[str]:
    """The multilingual share (target, achieved) and a warning naming groups off target and languages
    of the multilingual group that got less than ``shortfall`` of their target share."""
    mix = manifest.get("mix")
    if not mix:
        return []
    out = []
    for g in mix["groups"]:
        if g["name"] == "multilingual":
            out.append(f"multilingual share: target {g['target_share']:.2%}, achieved {g['achieved_share']:.2%} "
                       f"(every non-English document; 8% unless the recipe's shares name it)")
    off = [f"{g['name']} {g['achieved_share']:.2%} of {g['target_share']:.2%}" for g in mix["groups"]
           if not g.get("within_tolerance", True)]  # a report may read a manifest written without it
    if off:
        out.append("warning: mix groups off target: " + ", ".join(off))
    short = [f"{lang['language']} {lang['achieved_share']:.2%} of {lang['target_share']:.2%}"
             for lang in mix.get("languages") or [] if lang["achieved_share"] < shortfall * lang["target_share"]]
    if short:
        out.append("warning: languages short of their target inside the multilingual group: " + ", ".join(short))
    return out


UNTRAINED = "scored_untrained_language"


def untrained_language_line(manifest: dict[str, Any]) -> str | None:
    """A warning when a classifier scored documents of languages its recipe does not name (an
    English-trained edu model gives French pages scores with little meaning)."""
    per_language: dict[str, int] = {}
    names = []
    for stage in manifest["stages"]:
        counters = stage.get("counters") or {}
        if counters.get(UNTRAINED):
            names.append(stage["name"])
            for k, v in counters.items():
                if k.startswith(UNTRAINED + ":"):
                    per_language[k.split(":", 1)[1]] = per_language.get(k.split(":", 1)[1], 0) + v
    if not names:
        return None
    trained = sorted({lang for m in manifest.get("models") or [] for lang in m.get("languages") or []})
    more = f", {len(per_language) - 6} more languages" if len(per_language) > 6 else ""
    return (f"warning: {'/'.join(names)} scored {sum(per_language.values())} document(s) in languages its classifier "
            f"was not trained on ({_reasons(per_language, top=6)}{more}; trained on {', '.join(trained) or '?'}): "
            f"their scores mean little; see manifest.json stages counters {UNTRAINED}")
