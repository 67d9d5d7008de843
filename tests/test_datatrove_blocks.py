"""datatrove's own dedup blocks in a recipe, whatever xxhash 3 or 4 is installed.

xxhash 4 refuses ``str``; datatrove 0.10's hash helpers pass ``str``, so its MinHash, bloom-filter,
exact/sentence dedup and n-gram blocks crashed in a recipe (``Strings must be encoded before
hashing``). pyproject pins ``xxhash<4``; ``curation.core.compat`` keeps 4.x working with 3.x's hashes.
"""

from __future__ import annotations

import json

import polars as pl
import xxhash

from curation.recipe.load import load_recipe
from curation.run.driver import execute
from tests.conftest import SAMPLE


def test_datatrove_hash_functions_hash_text_as_utf8():
    from curation.core.compat import patch_datatrove_xxhash
    from datatrove.utils.hashing import HashConfig, create_hash_func

    patch_datatrove_xxhash()
    text = "Brücken tragen Lasten 橋"
    for precision, reference in ((32, xxhash.xxh32_intdigest), (64, xxhash.xxh64_intdigest)):
        assert create_hash_func(HashConfig(precision=precision))(text) == reference(text.encode("utf-8"))


def test_a_datatrove_bloom_filter_dedup_block_runs_in_a_recipe(tmp_path):
    texts = [t for t in pl.read_parquet(SAMPLE / "parquet" / "docs.parquet")["content"].to_list() if t][:10]
    rows = [{"id": f"d{i}", "text": t} for i, t in enumerate(texts)]
    rows += [{"id": "copy-of-d2", "text": texts[2]}, {"id": "copy-of-d7", "text": texts[7]}]
    (tmp_path / "docs.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    (tmp_path / "r.yaml").write_text("""\
name: bloom
inputs:
  - paths: [docs.jsonl]
pipeline:
  - block: datatrove.pipeline.dedup.bloom_filter.SingleBloomFilter
    params:
      output_folder: bloom
      config: {m_bytes: 1048575, k: 7, n_grams: 5}  # datatrove masks bit indexes with m_bytes: 2**n - 1
""")
    result = execute(load_recipe(tmp_path / "r.yaml", output=str(tmp_path / "run")), workers=1, progress=False)
    assert not result.manifest["failed_units"]
    kept = pl.read_parquet(f"{result.run_dir}/shards/*.parquet")["id"].to_list()
    assert sorted(kept) == sorted(f"d{i}" for i in range(10))
