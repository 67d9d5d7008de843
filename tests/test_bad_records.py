"""Bad-record examples over a whole run (issue 16): every bad record counted, the first few per reason kept."""

from __future__ import annotations

import json

from curation.recipe.load import load_recipe
from curation.run.bad_records import EXAMPLES_PER_REASON
from curation.run.driver import execute


def test_the_manifest_counts_every_bad_record_and_keeps_the_first_examples_per_reason(tmp_path):
    per_file = 15  # three files of 15 bad_json + 15 missing_text: 45 of each, more than the cap of 20
    paths = []
    for f in range(3):
        lines = [json.dumps({"id": f"{f}-{i}", "text": f"a good document number {i} of file {f}"}) for i in range(3)]
        lines += ["{not json" for _ in range(per_file)] + [json.dumps({"id": f"{f}-x{i}"}) for i in range(per_file)]
        path = tmp_path / f"part{f}.jsonl"
        path.write_text("\n".join(lines) + "\n")
        paths.append(str(path))
    recipe = tmp_path / "r.yaml"
    recipe.write_text("name: bad\ninputs:\n  - paths: [" + ", ".join(paths) + "]\noutput: {report: false}\n")
    bad = execute(load_recipe(recipe, output=str(tmp_path / "run")), workers=1, progress=False).manifest["bad_records"]
    assert EXAMPLES_PER_REASON == 20
    assert bad["by_reason"] == {"bad_json": 3 * per_file, "missing_text": 3 * per_file} and bad["total"] == 6 * per_file
    assert bad["examples_per_reason"] == 20
    for reason in ("bad_json", "missing_text"):
        kept = [b for b in bad["examples"] if b["reason"] == reason]
        # the first 20 in run order: all 15 of the first file, then 5 of the second, none of the third
        assert [b["unit"] for b in kept] == ["part0.jsonl"] * 15 + ["part1.jsonl"] * 5, kept
    assert len(bad["examples"]) == 2 * EXAMPLES_PER_REASON
