"""Read a unit's staged documents back (minus rows a global stage removed) for the next pass."""

from __future__ import annotations

import json

from datatrove.data import Document

from curation.core.step import CurationStep
from curation.core.view import UnitView, removed_rows, staged_batches
from curation.io.schema import PROMOTED


class StagedReader(CurationStep):
    name = "staged reader"

    def __init__(self, view: UnitView, batch_rows: int = 4096) -> None:
        super().__init__()
        self.view = view
        self.batch_rows = batch_rows

    def run(self, data=None, rank: int = 0, world_size: int = 1):
        gone = set(removed_rows(self.view).to_list())
        row = 0
        for batch in staged_batches(self.view.staged, None, self.batch_rows):
            for rec in batch.to_pylist():
                if row not in gone:
                    meta = json.loads(rec["metadata"] or "{}")
                    meta.update({k: rec[k] for k in PROMOTED if rec[k] is not None})
                    self.stat_update("documents")
                    yield Document(text=rec["text"], id=rec["id"], metadata=meta)
                else:
                    self.stat_update("removed")
                row += 1
