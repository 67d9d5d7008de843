"""Keep code documents by licence: only permissive ones, or a list of SPDX ids."""

from __future__ import annotations

from datatrove.data import Document
from datatrove.pipeline.filters.base_filter import BaseFilter

from curation.code.license import PERMISSIVE, normalise, satisfies


class CodeLicense(BaseFilter):
    """``allow: permissive`` keeps MIT/BSD/Apache-style licences (every ``OR`` choice counts: one
    permissive choice is enough); a list keeps expressions whose every licence is listed. A document
    without a licence is dropped as ``license_unknown`` (never guessed) unless ``keep_unknown``."""

    name = "code_license"
    type = "🔻 - FILTER"

    def __init__(self, allow: str | list[str] = "permissive", keep_unknown: bool = False) -> None:
        super().__init__()
        if allow != "permissive":
            if not isinstance(allow, list) or not allow:
                raise ValueError("allow: 'permissive' or a non-empty list of SPDX ids")
            bad = [x for x in allow if normalise(x) is None]
            if bad:
                raise ValueError(f"allow: not SPDX licence ids: {bad}")
        self.allowed = PERMISSIVE if allow == "permissive" else frozenset(normalise(x) for x in allow)
        self.keep_unknown = keep_unknown

    def filter(self, doc: Document) -> bool | tuple[bool, str]:
        spdx = doc.metadata.get("license")
        if not spdx:
            self.stat_update("license_unknown_seen")
            return True if self.keep_unknown else (False, "license_unknown")
        if not satisfies(spdx, self.allowed):
            return False, "license_not_allowed"
        return True
