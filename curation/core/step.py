"""The base of every curation block: a datatrove ``PipelineStep`` that reports bad input.

A bad record must be counted with its reason and never be fatal; ``skip`` is the one way a block
says so, so that the runner can put every skip into the manifest without knowing the block.
"""

from __future__ import annotations

import logging
from typing import Any

from datatrove.pipeline.base import PipelineStep

log = logging.getLogger("curation")

#: How many individual bad-record descriptions a block keeps per work unit (counts are exact).
MAX_EXAMPLES = 50


class CurationStep(PipelineStep):
    """A datatrove block with a ``skip`` channel for bad input (counted, described, logged)."""

    name = "curation step"
    type = "curation"

    def __init__(self) -> None:
        super().__init__()
        self.bad_records: list[dict[str, Any]] = []

    def skip(self, where: str, reason: str, detail: str = "") -> None:
        """Count one bad record under ``skipped_<reason>`` and log a single line naming it."""
        self.stat_update(f"skipped_{reason}")
        line = f"{where}: {reason}" + (f" ({detail})" if detail else "")
        if len(self.bad_records) < MAX_EXAMPLES:
            self.bad_records.append({"where": where, "reason": reason, "detail": detail[:300]})
        log.warning(line)
