"""Turn what is available into what to take: token targets per group and language, then epochs and
hash thresholds that hit them. Pure functions of small tables, so they run on the driver.

A key is (group, language); only the multilingual group is split by language. For each key the mix
takes ``full`` whole epochs of its documents plus, in epoch ``full``, the documents whose sampling
hash falls below bucket ``threshold``: the threshold is chosen from the token histogram of those
hashes so the key's tokens land as close as possible to its target.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import polars as pl

from curation.recipe.mix import MULTILINGUAL, MixSpec


class MixError(ValueError):
    """The mix cannot be made from this data (e.g. no document in any group)."""


@dataclass
class KeyPlan:
    group: str
    language: str
    available_tokens: int
    available_documents: int
    available_bytes: int
    target_tokens: float
    max_epochs: float
    weight: float = 1.0  # share of the group's target (temperature weights in multilingual)
    full: int = 0  # whole epochs taken
    remainder: float = 0.0  # tokens still wanted from epoch ``full``
    threshold: int = 0  # buckets below it are taken in epoch ``full``
    selected_tokens: int = 0
    selected_documents: int = 0
    selected_bytes: int = 0

    @property
    def key(self) -> str:
        return f"{self.group}\x1f{self.language}"


@dataclass
class MixPlan:
    total_target: float
    limiting_group: str | None
    budget_reached: bool
    keys: list[KeyPlan] = field(default_factory=list)

    def by_key(self) -> dict[tuple[str, str], KeyPlan]:
        return {(k.group, k.language): k for k in self.keys}


def temperature_weights(tokens: dict[str, int], alpha: float) -> dict[str, float]:
    """Language weights ~ tokens**alpha (alpha < 1 lifts small languages), summing to 1."""
    raw = {lang: float(n) ** alpha for lang, n in tokens.items() if n > 0}
    total = sum(raw.values())
    return {lang: raw.get(lang, 0.0) / total if total else 0.0 for lang in tokens}


def water_fill(target: float, weights: dict[str, float], caps: dict[str, float]) -> dict[str, float]:
    """Split ``target`` by ``weights`` without exceeding ``caps``; what a capped language cannot take
    goes to the others in proportion to their weights."""
    out = {k: 0.0 for k in weights}
    free = {k for k, w in weights.items() if w > 0 and caps[k] > 0}
    left = target
    while free and left > 1e-9:
        wsum = sum(weights[k] for k in free)
        share = {k: left * weights[k] / wsum for k in free}
        capped = {k for k in free if out[k] + share[k] >= caps[k] - 1e-9}
        if not capped:
            for k in free:
                out[k] += share[k]
            break
        for k in capped:
            left -= caps[k] - out[k]
            out[k] = caps[k]
        free -= capped
    return out


def solve_targets(spec: MixSpec, available: pl.DataFrame, scale: float = 1.0) -> MixPlan:
    """``available``: group, key_language, documents, tokens, bytes (one row per key). ``scale`` < 1
    asks for less than the data allows (see ``refine_total``)."""
    avail = {(r["group"], r["key_language"]): r for r in available.iter_rows(named=True)}
    group_tokens = {g: sum(r["tokens"] for (gg, _), r in avail.items() if gg == g) for g in spec.groups}
    caps = {g: group_tokens[g] * spec.epochs_of(g) for g in spec.groups}
    wanted = {g: s for g, s in spec.shares.items() if s > 0}
    usable = {g: caps[g] / s for g, s in wanted.items() if caps[g] > 0}
    if not usable:
        raise MixError("no document falls in any group with a share: check the mix rules against the data")
    limit_group = min(usable, key=lambda g: (usable[g], g))
    empty = sorted(g for g in wanted if caps[g] == 0)
    total = usable[limit_group]
    budget_reached = False
    if spec.budget_tokens is not None and spec.budget_tokens <= total:
        total, budget_reached = float(spec.budget_tokens), True
    limiting = None if budget_reached and not empty else (empty[0] if empty else limit_group)
    total *= scale
    plan = MixPlan(total_target=total, limiting_group=limiting, budget_reached=budget_reached)
    for g in spec.groups:
        target = total * spec.shares[g]
        langs = sorted(lang for gg, lang in avail if gg == g)
        if g == MULTILINGUAL and langs:
            tok = {lang: avail[(g, lang)]["tokens"] for lang in langs}
            weights = temperature_weights(tok, spec.alpha)
            per_lang = water_fill(target, weights, {lang: tok[lang] * spec.epochs_of(g) for lang in langs})
        else:
            weights = {lang: 1.0 for lang in langs}
            per_lang = {lang: target for lang in langs}
        for lang in langs:
            r = avail[(g, lang)]
            plan.keys.append(KeyPlan(g, lang, r["tokens"], r["documents"], r["bytes"], per_lang[lang],
                                     spec.epochs_of(g), weight=weights[lang]))
    for k in plan.keys:
        if k.available_tokens <= 0:
            continue
        k.full = min(int(k.target_tokens // k.available_tokens), int(math.floor(k.max_epochs)))
        k.remainder = max(0.0, k.target_tokens - k.full * k.available_tokens)
        if k.full >= k.max_epochs:  # a whole number of epochs and all of them taken
            k.remainder = 0.0
    return plan


def _mean_doc(k: KeyPlan) -> float:
    return k.available_tokens / k.available_documents if k.available_documents else 0.0


def partial_epochs(plan: MixPlan) -> dict[tuple[str, str], list[int]]:
    """The epoch each key may take a part of (its histogram is needed): any key not yet exhausted."""
    return {(k.group, k.language): [k.full] for k in plan.keys
            if k.available_tokens > 0 and k.full < math.ceil(k.max_epochs)}


def all_epochs(plan: MixPlan) -> dict[tuple[str, str], list[int]]:
    return {(k.group, k.language): list(range(math.ceil(k.max_epochs))) for k in plan.keys if k.available_tokens > 0}


def worst_error(spec: MixSpec, plan: MixPlan) -> float:
    """The largest distance between a group's achieved and target share."""
    total = sum(k.selected_tokens for k in plan.keys)
    if not total:
        return 1.0
    got = {g: 0 for g in spec.groups}
    for k in plan.keys:
        got[k.group] += k.selected_tokens
    return max(abs(got[g] / total - spec.shares[g]) for g in spec.groups if got[g] or spec.shares[g])


def refine_total(spec: MixSpec, available: pl.DataFrame, histograms: pl.DataFrame, steps: int = 160) -> MixPlan:
    """When documents are large against the mix (small runs), whole-document rounding can miss a share
    by more than the tolerance. Asking for slightly fewer tokens moves every group's rounding point, so
    try totals from 100% down to 60% of the possible one and keep the largest whose shares land within
    half the tolerance (else the closest). ``histograms`` must cover every epoch (``all_epochs``)."""
    best: tuple[float, MixPlan] | None = None
    for scale in np.linspace(1.0, 0.6, steps + 1):
        plan = solve_targets(spec, available, float(scale))
        choose_thresholds(plan, histograms)
        err = worst_error(spec, plan)
        if err <= spec.tolerance / 2:
            return plan
        if best is None or err < best[0] - 1e-12:
            best = (err, plan)
    return best[1]


def choose_thresholds(plan: MixPlan, histograms: pl.DataFrame) -> None:
    """Set each key's threshold from the token histogram of its partial epoch.

    ``histograms``: group, key_language, epoch, bucket, documents, tokens. Keys of one group are done in
    a fixed order and carry their rounding error to the next, so a group's total lands within about
    half a document of its target even when it is split into many small languages: the language with
    the shortest documents comes last, where the final rounding is made."""
    hist = {key: frame.sort("bucket")
            for key, frame in histograms.partition_by(["group", "key_language", "epoch"], as_dict=True).items()}
    carry: dict[str, float] = {}
    groups = list(dict.fromkeys(k.group for k in plan.keys))
    ordered = sorted(plan.keys, key=lambda k: (groups.index(k.group), -_mean_doc(k), k.language))
    for k in ordered:
        k.selected_tokens = k.full * k.available_tokens
        k.selected_documents = k.full * k.available_documents
        k.selected_bytes = k.full * k.available_bytes
        frame = hist.get((k.group, k.language, k.full))
        if frame is None or (k.remainder <= 0 and carry.get(k.group, 0.0) <= 0):
            carry[k.group] = carry.get(k.group, 0.0) + k.target_tokens - k.selected_tokens
            continue
        want = k.remainder + carry.get(k.group, 0.0)
        cum_tokens = np.concatenate([[0], np.cumsum(frame["tokens"].to_numpy())])
        # candidates: take nothing, or every bucket up to and including the i-th occupied one
        best = int(np.argmin(np.abs(cum_tokens - want)))
        k.threshold = 0 if best == 0 else int(frame["bucket"][best - 1]) + 1
        k.selected_tokens += int(cum_tokens[best])
        k.selected_documents += int(frame["documents"][:best].sum())
        # bytes only size the output partitions: the key's bytes per token is close enough
        k.selected_bytes += int(cum_tokens[best] * k.available_bytes / max(k.available_tokens, 1))
        carry[k.group] = carry.get(k.group, 0.0) + k.target_tokens - k.selected_tokens
