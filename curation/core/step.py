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
#: Bad-record log lines per work unit, and per worker process (a run's many units share a worker);
#: past either, the counts go to one summary line per unit and to the manifest.
MAX_LOG_LINES_PER_UNIT = 5
MAX_LOG_LINES_PER_PROCESS = 50
_process_lines = 0


class CurationStep(PipelineStep):
    """A datatrove block with a ``skip`` channel for bad input (counted, described, logged)."""

    name = "curation step"
    type = "curation"

    def __init__(self) -> None:
        super().__init__()
        self.bad_records: list[dict[str, Any]] = []
        self.skipped = 0
        self.skips_logged = 0

    def skip(self, where: str, reason: str, detail: str = "") -> None:
        """Count one bad record under ``skipped_<reason>`` and log a single line naming it (the first
        few per unit and per worker process; ``log_skip_summary`` tells how many more)."""
        global _process_lines
        self.stat_update(f"skipped_{reason}")
        self.skipped += 1
        if len(self.bad_records) < MAX_EXAMPLES:
            self.bad_records.append({"where": where, "reason": reason, "detail": detail[:300]})
        if self.skips_logged < MAX_LOG_LINES_PER_UNIT and _process_lines < MAX_LOG_LINES_PER_PROCESS:
            self.skips_logged += 1
            _process_lines += 1
            log.warning(f"{where}: {reason}" + (f" ({detail})" if detail else ""))

    def log_skip_summary(self, unit: str) -> None:
        """One line for the bad records of ``unit`` that were counted but not logged."""
        if self.skipped > self.skips_logged:
            reasons = {k.removeprefix("skipped_"): int(v.total) for k, v in sorted(self.stats.stats.items())
                       if k.startswith("skipped_")}
            log.warning(f"{unit}: {self.skipped} bad record(s) skipped, {self.skipped - self.skips_logged} not shown "
                        f"({', '.join(f'{k} {v}' for k, v in reasons.items())}); see manifest.json bad_records")
