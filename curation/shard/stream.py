"""The one shard writer: rows streamed into one ``ParquetWriter`` per shard, row group by row group.

Memory is bounded by one row group plus the piece being appended, never a whole shard. Row groups hold
exactly ``row_group_rows`` rows (the last fewer) and each is written from the same slices of the
appended tables as ``pq.write_table(whole, row_group_size=row_group_rows)`` would take, so a shard's
bytes are those of the whole-table write. Used by plain runs (shard/write.py) and the mix (mix/tasks.py).
"""

from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc

from curation.io.files import ParquetStream, file_digest


class ShardWriter:
    """Append tables in shard order; ``close`` publishes the shard atomically and returns its stats."""

    def __init__(self, url: str, row_group_rows: int) -> None:
        self.url = url
        self.row_group_rows = max(1, row_group_rows)
        self.rows = 0
        self.tokens = 0
        self._pending: list[pa.Table] = []
        self._pending_rows = 0
        self._stream: ParquetStream | None = None

    def write(self, table: pa.Table) -> None:
        if table.num_rows == 0:
            return
        self.rows += table.num_rows
        self.tokens += int(pc.sum(table["token_count"]).as_py() or 0)
        self._pending.append(table)
        self._pending_rows += table.num_rows
        while self._pending_rows >= self.row_group_rows:
            self._flush(self.row_group_rows)

    def _flush(self, n: int) -> None:
        table = pa.concat_tables(self._pending) if len(self._pending) > 1 else self._pending[0]
        if self._stream is None:
            self._stream = ParquetStream(self.url, table.schema)
        self._stream.write(table.slice(0, n))
        rest = table.slice(n)
        self._pending, self._pending_rows = ([rest] if rest.num_rows else []), rest.num_rows

    def close(self, empty_schema: pa.Schema | None = None) -> dict | None:
        """Rows, bytes, tokens and sha256 of the shard; None if no row came (unless ``empty_schema``:
        then an empty shard of that schema is written)."""
        if self._pending_rows:
            self._flush(self._pending_rows)
        if self._stream is None:
            if empty_schema is None:
                return None
            self._stream = ParquetStream(self.url, empty_schema)
            self._stream.write(empty_schema.empty_table())
        self._stream.close()
        size, sha = file_digest(self.url)
        return {"rows": self.rows, "bytes": size, "tokens": self.tokens, "sha256": sha}

    def abort(self) -> None:
        """Remove the temp file of a shard that will not be finished (an error mid-way)."""
        if self._stream is not None:
            self._stream.abort()
