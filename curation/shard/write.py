"""Write one planned shard: select its rows from the staged units and publish it atomically."""

from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import fsspec

from curation.io.files import file_digest, write_parquet_atomic
from curation.io.schema import DOC_SCHEMA
from curation.shard.plan import ShardPlan


def _rows_of(url: str, offset: int, lo: int, hi: int) -> pa.Table:
    with fsspec.open(url, "rb") as fh:
        table = pq.read_table(fh, schema=DOC_SCHEMA)
    sizes = pc.binary_length(pc.cast(table["text"], pa.binary())).to_numpy(zero_copy_only=False).astype("int64")
    starts = offset + sizes.cumsum() - sizes
    mask = (starts >= lo) & (starts < hi)
    return table.filter(pa.array(mask))


def write_shard(plan: ShardPlan, url: str, row_group_rows: int) -> dict | None:
    """Returns rows, bytes, tokens, sha256 of the written shard, or None when no row falls in it."""
    parts = [_rows_of(u.url, u.offset, plan.lo, plan.hi) for u in plan.units]
    table = pa.concat_tables(parts) if parts else DOC_SCHEMA.empty_table()
    if table.num_rows == 0 and plan.index > 0:
        return None
    write_parquet_atomic(table, url, row_group_rows)
    size, sha = file_digest(url)
    tokens = int(pc.sum(table["token_count"]).as_py() or 0)
    return {"rows": table.num_rows, "bytes": size, "tokens": tokens, "sha256": sha}
