"""The ``mix:`` section of a recipe: named groups of documents and the token share each gets.

Validated once, at the edge: shares that do not sum to 1, a share or epoch limit for a group that is
not defined, or a rule with an unknown key fail before any work, naming the field.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

#: The group that holds every non-English document unless the recipe says otherwise.
MULTILINGUAL = "multilingual"
DEFAULT_MULTILINGUAL_SHARE = 0.08
SHARE_SUM_TOLERANCE = 1e-6


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class GroupRule(_Strict):
    """Which processed documents belong to a group; every given condition must hold."""

    source: list[str] | None = Field(None, description="document source labels to take")
    source_not: list[str] | None = Field(None, description="source labels to leave out")
    language: list[str] | None = Field(None, description="lid.176 language codes to take")
    language_not: list[str] | None = Field(None, description="language codes to leave out")
    code_language: list[str] | None = Field(None, description="programming languages to take (linguist names, as in "
                                                            "a code document's metadata, e.g. Python)")
    edu_min: float | None = Field(None, description="keep edu_score >= this (documents without a score fail)")
    edu_max: float | None = Field(None, description="keep edu_score < this (documents without a score fail)")

    def describe(self) -> dict[str, Any]:
        return self.model_dump(exclude_none=True)


class MixSpec(_Strict):
    """Target token shares per group. A document goes to the first group whose rule it meets, the
    multilingual group first, so that every non-English token is counted in that group's share."""

    groups: dict[str, GroupRule] = Field(min_length=1, description="group name -> selection rule, in matching order")
    shares: dict[str, float] = Field(description="group name -> target share of the mix's tokens (sum 1)")
    max_epochs: dict[str, float] = Field(default_factory=dict, description="group name (or 'default') -> most times a "
                                                                           "document may repeat; default 1")
    budget_tokens: int | None = Field(None, ge=1, description="total tokens of the mix; default: as many as the "
                                                              "shares allow")
    alpha: float = Field(0.3, gt=0, le=1, description="temperature exponent for language weights inside the "
                                                     "multilingual group: weight ~ tokens ** alpha")
    tolerance: float = Field(0.005, gt=0, description="achieved share must be within this of the target")

    @property
    def reads_metadata(self) -> bool:
        """Whether a rule looks inside the metadata JSON (so the mix reads that column)."""
        return any(rule.code_language is not None for rule in self.groups.values())

    @model_validator(mode="before")
    @classmethod
    def _default_multilingual(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        data = dict(data)
        groups = dict(data.get("groups") or {})
        if MULTILINGUAL not in groups:
            groups = {MULTILINGUAL: {"language_not": ["en"]}, **groups}
        elif groups[MULTILINGUAL] is None:
            groups[MULTILINGUAL] = {"language_not": ["en"]}
        else:  # matched first whatever its position in the recipe
            groups = {MULTILINGUAL: groups[MULTILINGUAL], **{k: v for k, v in groups.items() if k != MULTILINGUAL}}
        data["groups"] = groups
        shares = dict(data.get("shares") or {})
        shares.setdefault(MULTILINGUAL, DEFAULT_MULTILINGUAL_SHARE)
        data["shares"] = shares
        return data

    @model_validator(mode="after")
    def _feasible(self) -> MixSpec:
        unknown = sorted(set(self.shares) - set(self.groups))
        if unknown:
            raise ValueError(f"shares: unknown group(s) {unknown} (groups: {sorted(self.groups)})")
        missing = sorted(set(self.groups) - set(self.shares))
        if missing:
            raise ValueError(f"shares: no share for group(s) {missing}")
        bad = {k: v for k, v in self.shares.items() if not 0 <= v <= 1}
        if bad:
            raise ValueError(f"shares: each share must lie in [0, 1]; got {bad}")
        total = sum(self.shares.values())
        if abs(total - 1) > SHARE_SUM_TOLERANCE:
            hint = ""
            if self.shares.get(MULTILINGUAL) == DEFAULT_MULTILINGUAL_SHARE and abs(total - DEFAULT_MULTILINGUAL_SHARE - 1) <= SHARE_SUM_TOLERANCE:
                hint = (f"; that includes the default {MULTILINGUAL} share {DEFAULT_MULTILINGUAL_SHARE}, added when shares "
                        f"do not name it: give the other groups {1 - DEFAULT_MULTILINGUAL_SHARE:.2f} in all, or set "
                        f"{MULTILINGUAL}: 0 for English only")
            raise ValueError(f"shares: must sum to 1, they sum to {total:.6g} ({dict(self.shares)}){hint}")
        unknown = sorted(set(self.max_epochs) - set(self.groups) - {"default"})
        if unknown:
            raise ValueError(f"max_epochs: unknown group(s) {unknown} (groups: {sorted(self.groups)})")
        low = {k: v for k, v in self.max_epochs.items() if v < 1}
        if low:
            raise ValueError(f"max_epochs: must be >= 1 (1 = no repetition); got {low}")
        return self

    def epochs_of(self, group: str) -> float:
        return float(self.max_epochs.get(group, self.max_epochs.get("default", 1)))
