"""`train_selector` makes every choice blind to the held-out pages: changing their ground truth changes
the held-out figure and nothing else (not the trees, the line threshold, the margins, the article model,
the line model or the cross-validated figures), and leaving the pages out altogether (their HTML too)
changes only the card's held-out entries."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from curation.extract.wcxb import WCXB_SUBDIR, domain_of, is_held_out

pytest.importorskip("sklearn")

N_TRAIN, N_HELD_OUT = 30, 8


def _subset(src: Path, dst: Path, held_out_truth: str | None, n_held_out: int = N_HELD_OUT) -> None:
    """The first ``N_TRAIN`` training-domain and ``N_HELD_OUT`` held-out pages of WCXB dev (links to the
    HTML; the held-out ground truth replaced by ``held_out_truth`` when given)."""
    (dst / "ground-truth").mkdir(parents=True)
    (dst / "html").mkdir()
    counts = {False: 0, True: 0}
    for gt in sorted((src / "ground-truth").glob("*.json")):
        record = json.loads(gt.read_text(encoding="utf-8"))
        held = is_held_out(domain_of(record.get("url") or ""))
        if counts[held] >= (n_held_out if held else N_TRAIN):
            continue
        counts[held] += 1
        if held and held_out_truth is not None:
            record["ground_truth"]["main_content"] = held_out_truth
        (dst / "ground-truth" / gt.name).write_text(json.dumps(record), encoding="utf-8")
        os.symlink(src / "html" / f"{gt.stem}.html.gz", dst / "html" / f"{gt.stem}.html.gz")
        if counts == {False: N_TRAIN, True: n_held_out}:
            break


def _train(tmp: Path, src: Path, held_out_truth: str | None, lines: bool,
           n_held_out: int = N_HELD_OUT) -> tuple[dict, str]:
    from curation.extract.train_selector import main

    data = tmp / "wcxb"
    _subset(src, data, held_out_truth, n_held_out)
    out, lines_out = tmp / "selector.json", tmp / "lines.json"
    main(["--data", str(data), "--out", str(out), "--lines-out", str(lines_out)] + ([] if lines else ["--no-lines"]))
    return json.loads(out.read_text()), lines_out.read_text() if lines else ""


@pytest.mark.parametrize("lines", [True, False], ids=["selector_lines", "selector"])
def test_the_held_out_pages_cannot_influence_any_choice(shared_data, tmp_path, lines):
    src = shared_data / WCXB_SUBDIR
    spec, line_model = _train(tmp_path / "real", src, None, lines)
    other, other_line_model = _train(tmp_path / "changed", src, "unrelated words in place of the truth", lines)
    held, other_held = spec["training"].pop("held_out_word_f1"), other["training"].pop("held_out_word_f1")
    assert held["all"] != other_held["all"]  # the change reached the held-out pages' scores
    assert spec["training"]["pages"] == N_TRAIN
    assert other == spec  # trees, margins, article model, card and CV figures: all blind to them
    assert other_line_model == line_model
    alone, alone_line_model = _train(tmp_path / "none", src, None, lines, n_held_out=0)  # no held-out page at all
    for card in (spec["training"], alone["training"]):
        card.pop("held_out")  # names the number of held-out pages
    assert alone["training"].pop("held_out_word_f1") == {}
    assert alone == spec and alone_line_model == line_model
