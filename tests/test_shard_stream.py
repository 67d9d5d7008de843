"""The streaming shard writer (issue 16) writes the bytes of the whole-table write it replaced."""

from __future__ import annotations

import random

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from curation.io.files import ParquetStream, file_digest, write_parquet_atomic
from curation.io.schema import DOC_SCHEMA
from curation.shard.plan import plan_shards
from curation.shard.stream import ShardWriter
from curation.shard.write import write_shard


def _docs(rng: random.Random, n: int, tag: str) -> pa.Table:
    words = "alpha beta gamma délta 漢字 epsilon zeta".split()
    return pa.Table.from_pylist([{"id": f"{tag}{i}", "text": " ".join(rng.choice(words) for _ in range(rng.randint(0, 200))),
                                  "url": None if i % 7 else f"https://x/{i}", "source": "web", "language": rng.choice(["en", "de", None]),
                                  "language_score": rng.random(), "token_count": rng.randint(0, 90), "edu_score": None,
                                  "edu_label": None, "metadata": "{}"} for i in range(n)], DOC_SCHEMA)


@pytest.mark.parametrize("row_group_rows", [1, 37, 500, 10_000])
def test_pieces_appended_give_the_whole_table_write(tmp_path, row_group_rows):
    rng = random.Random(row_group_rows)
    pieces = [_docs(rng, n, f"p{k}-") for k, n in enumerate([0, 5, 130, 1, 0, 260, 44])]
    whole = pa.concat_tables(pieces)
    write_parquet_atomic(whole, str(tmp_path / "whole.parquet"), row_group_rows)
    writer = ShardWriter(str(tmp_path / "stream.parquet"), row_group_rows)
    for piece in pieces:
        writer.write(piece)
    stats = writer.close()
    assert file_digest(str(tmp_path / "stream.parquet")) == file_digest(str(tmp_path / "whole.parquet"))
    assert stats["rows"] == whole.num_rows and stats["tokens"] == sum(whole["token_count"].to_pylist())
    groups = [pq.ParquetFile(tmp_path / "stream.parquet").metadata.row_group(i).num_rows
              for i in range(pq.ParquetFile(tmp_path / "stream.parquet").metadata.num_row_groups)]
    assert all(g == row_group_rows for g in groups[:-1]) and 0 < groups[-1] <= row_group_rows


def test_write_shard_streams_the_planned_rows_of_each_unit(tmp_path):
    rng = random.Random(3)
    staged = []
    for u, (n, rg) in enumerate([(300, 7), (0, 10), (900, 100), (50, 50)]):
        table = _docs(rng, n, f"u{u}-")
        stream = ParquetStream(str(tmp_path / f"u{u}.parquet"), DOC_SCHEMA)
        for k in range(0, n, rg):
            stream.write(table.slice(k, rg))
        stream.close()
        staged.append((str(tmp_path / f"u{u}.parquet"), n, sum(len(t.encode()) for t in table["text"].to_pylist())))
    everything = pa.concat_tables(pq.read_table(s[0]) for s in staged)
    plans = plan_shards(staged, 20_000)
    written = [write_shard(p, str(tmp_path / f"s{p.index}.parquet"), 64) for p in plans]
    shards = [pq.read_table(tmp_path / f"s{p.index}.parquet") for p, w in zip(plans, written) if w]
    assert len(plans) > 3 and sum(s.num_rows for s in shards) == everything.num_rows
    assert pa.concat_tables(shards).column("id").to_pylist() == everything.column("id").to_pylist()  # each row once, in order
    assert [w["rows"] for w in written if w] == [s.num_rows for s in shards]
    assert not list(tmp_path.glob(".*.tmp"))


@pytest.mark.parametrize("cut", ["half", "empty"])
def test_a_damaged_staged_unit_is_named_in_the_error(tmp_path, cut):
    path = tmp_path / "u0.parquet"
    write_parquet_atomic(_docs(random.Random(1), 50, "u0-"), str(path))
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2] if cut == "half" else b"")
    plan = plan_shards([(str(path), 50, len(data))], 1 << 30)[0]
    with pytest.raises((pa.ArrowInvalid, OSError), match=f"staged unit {path}"):
        write_shard(plan, str(tmp_path / "s0.parquet"), 64)
    assert not (tmp_path / "s0.parquet").exists()
