"""HPLT v2's human-inspected web excerpts: our language ID and text rules against volunteers' labels.

    python benchmarks/_hplt.py DIR [--anchor REF] [--recipe pipelines/web.yaml] [--json out.json]
    (or as part of: python benchmarks/langid_quality.py --hplt DIR [--hplt-anchor REF])

``--anchor REF`` (e.g. main): the same report first for REF's ``curation/`` (``git archive``, run in a
subprocess), then for this tree's: before/after in one run.

DIR holds hplt-project/release2_inspection's ``annot_round1/<lang_Script>/batch*.tsv`` (MIT; kept
outside the repository, see langid_data/README.md). Each row is two 500-character excerpts of one
HPLT v2 document with the labels ``porn?`` (empty/1), ``unnatural?`` (empty/1: SEO word lists, mostly
boilerplate) and ``lang correct?`` (0/1; a row is labelled when it is filled). Languages with at least
``MIN_LABELLED`` labelled rows are used; each language's rows are split in two halves by a hash of the
row id (``tune``: rules may be chosen on it; ``check``: figures are reported on it). Text-level only:
the rows carry no URL.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: the anchor's code (set by --anchor for its subprocess), else this tree's
sys.path.insert(0, os.environ.get("HPLT_CODE_ROOT", str(ROOT)))

MIN_LABELLED = 50
#: how the inspection sheet joins a document's two excerpts (not part of the text: as Gopher's
#: "lines ending in an ellipsis" it flagged 60% of all rows)
SEPARATOR = "\n..........\n"
#: HPLT's ISO 639-3 codes (+ script) whose code of ours is not datatrove's ISO 639-1 for them
CODES = {"pes": "fa", "zho": "zh", "cmn": "zh", "nob": "nb", "nno": "nn", "ast": "ast", "gla": "gd", "srp": "sr"}


def part_of(row_id: str) -> str:
    """``tune`` or ``check``: a fixed hash of the row id (chosen before any row was read)."""
    return "tune" if int(hashlib.sha1(row_id.encode("utf-8")).hexdigest(), 16) % 2 == 0 else "check"


def our_code(folder: str) -> str:
    """``rus_Cyrl`` -> ``ru``: datatrove's ISO 639-3 -> 639-1 table, our macro-language conventions on top."""
    import datatrove

    code3 = folder.split("_")[0]
    if code3 in CODES:
        return CODES[code3]
    path = os.path.join(os.path.dirname(datatrove.__file__), "assets", "tokenizer_assignment.csv")
    with open(path, encoding="utf-8") as fh:
        iso1 = {row["code_3"]: row["code_1"] for row in csv.DictReader(fh) if row["code_1"]}
    return iso1.get(code3, code3)


def _flag(value: str) -> bool | None:
    """A label cell: None when empty or not a number, else whether it is >= 0.5 (one annotator wrote
    fractions, two wrote 11 or 2 for 1)."""
    try:
        return float(value.strip()) >= 0.5
    except ValueError:
        return None


def read_rows(folder: Path) -> tuple[list[dict], Counter]:
    """Labelled rows of every language folder of ``folder`` with >= MIN_LABELLED of them, and counts
    (rows, labelled, per label, malformed) per language. A row without 5 fields is counted, not read."""
    csv.field_size_limit(10**8)
    rows: list[dict] = []
    counts: Counter = Counter()
    for lang_dir in sorted(p for p in folder.iterdir() if p.is_dir()):
        mine = []
        for tsv in sorted(lang_dir.glob("batch*.tsv")):
            body = list(csv.reader(io.StringIO(tsv.read_text(encoding="utf-8")), delimiter="\t"))[1:]
            for n, fields in enumerate(body, 2):
                counts[lang_dir.name, "rows"] += 1
                if len(fields) < 5:
                    counts[lang_dir.name, "malformed"] += 1
                    continue
                correct = _flag(fields[2])
                if correct is None:
                    continue
                mine.append({"lang": lang_dir.name, "code": our_code(lang_dir.name), "id": fields[4].strip(),
                             "text": fields[3].replace(SEPARATOR, "\n"), "porn": bool(_flag(fields[0])), "unnatural": bool(_flag(fields[1])),
                             "lang_correct": correct, "part": part_of(fields[4].strip())})
        counts[lang_dir.name, "labelled"] = len(mine)
        if len(mine) >= MIN_LABELLED:
            rows += mine
            for r in mine:
                for label in ("porn", "unnatural"):
                    counts[r["lang"], label] += r[label]
                counts[r["lang"], "lang_wrong"] += not r["lang_correct"]
    return rows, counts


def language_figures(rows: list[dict]) -> dict:
    """Per language and part: for ours and lid.176 alone, (agree, n) on rows whose label is right and
    (disagree, n) on rows whose label is wrong (we should disagree with HPLT there)."""
    from curation.langid.cascade import Cascade

    systems = {"ours": Cascade(), "lid.176 alone": Cascade(second_model=None, first_chars=None)}
    out: dict = {}
    for r in rows:
        for name, cascade in systems.items():
            said = cascade.decide(r["text"]).language
            key = "right_rows" if r["lang_correct"] else "wrong_rows"
            cell = out.setdefault(name, {}).setdefault(r["lang"], {}).setdefault(r["part"], {}).setdefault(key, [0, 0, Counter()])
            cell[0] += (said == r["code"]) == r["lang_correct"]
            cell[1] += 1
            if said != r["code"]:
                cell[2][said] += 1
    return out


def adult_figures(rows: list[dict], rule) -> dict:
    """Per language and part: (porn rows flagged, porn rows, other rows flagged, other rows, of those
    flagged the unnatural ones: gambling and SEO spam, which the rule also means to drop) by
    ``rule(text, language)``, the row's own (HPLT) language given."""
    out: dict = {}
    for r in rows:
        cell = out.setdefault(r["lang"], {}).setdefault(r["part"], [0, 0, 0, 0, 0])
        flagged = rule(r["text"], r["code"])
        if r["porn"]:
            cell[0] += flagged
            cell[1] += 1
        else:
            cell[2] += flagged
            cell[3] += 1
            cell[4] += flagged and r["unnatural"]
    return out


def rule_figures(rows: list[dict], recipe: Path) -> dict:
    """Every per-document filter of ``recipe`` (after langid) on every row separately, the row's own
    language given: per rule (stage:reason), rows flagged among unnatural / other rows, per part."""
    from datatrove.data import Document
    from datatrove.pipeline.filters.base_filter import get_filter_result

    from curation.recipe.load import load_recipe
    from curation.stages.registry import build_stage, global_stage

    specs = [s for s in load_recipe(recipe).pipeline if s.name not in ("extract", "langid", "edu") and global_stage(s) is None]
    steps = [(spec.name, build_stage(spec)) for spec in specs]
    totals: Counter = Counter()
    flagged: Counter = Counter()
    for r in rows:
        kind = "unnatural" if r["unnatural"] else "other"
        totals[r["part"], kind] += 1
        any_rule = False
        for name, step in steps:
            doc = Document(text=r["text"], id=r["id"], metadata={"language": r["code"], "source": "web"})
            ok, reason = get_filter_result(step.filter(doc))
            if not ok:
                flagged[r["part"], kind, f"{name}:{reason}"] += 1
                any_rule = True
        flagged[r["part"], kind, "any rule"] += any_rule
    return {"totals": totals, "flagged": flagged}


def _pct(k: int, n: int) -> str:
    return f"{k}/{n}" + (f" ({k / n:.0%})" if n else "")


def report(folder: Path, recipe: Path, json_out: Path | None = None) -> dict | None:
    """Print every figure; None (one line printed) when ``folder`` is absent."""
    from curation.quality import wordlists

    if not folder.is_dir() or not any(folder.glob("*/batch*.tsv")):
        print(f"--hplt {folder}: no annot_round1 language folders there, skipped (hplt-project/release2_inspection, kept outside the repository)")
        return None
    rows, counts = read_rows(folder)
    langs = sorted({r["lang"] for r in rows})
    print(f"HPLT v2 inspection rows ({folder}): {len(rows)} labelled rows in {len(langs)} languages with >= {MIN_LABELLED}; "
          f"porn {sum(r['porn'] for r in rows)}, unnatural {sum(r['unnatural'] for r in rows)}, language wrong {sum(not r['lang_correct'] for r in rows)}; "
          f"tune {sum(r['part'] == 'tune' for r in rows)} / check {sum(r['part'] == 'check' for r in rows)}")
    result: dict = {"counts": {f"{k[0]}:{k[1]}": v for k, v in counts.items()}}
    lang = language_figures(rows)
    result["language"] = {s: {l: {p: {k: v[:2] for k, v in c.items()} for p, c in per.items()} for l, per in d.items()} for s, d in lang.items()}
    print("\nlanguage, check half (tune half): rows labelled right that we label the same / rows labelled wrong that we label otherwise")
    for system, per_lang in lang.items():
        total = Counter()
        cells = []
        for l in langs:
            parts = per_lang.get(l, {})
            for p in ("check", "tune"):
                for key in ("right_rows", "wrong_rows"):
                    c = parts.get(p, {}).get(key, [0, 0])
                    total[p, key, 0] += c[0]
                    total[p, key, 1] += c[1]
            right = parts.get("check", {}).get("right_rows", [0, 0, Counter()])
            wrong = parts.get("check", {}).get("wrong_rows", [0, 0])
            miss = ", ".join(f"{c}:{n}" for c, n in right[2].most_common(3))
            cells.append(f"{l} {right[0]}/{right[1]}" + (f" [{miss}]" if miss else "") + (f" wrong {wrong[0]}/{wrong[1]}" if wrong[1] else ""))
        print(f"  {system}: right rows check {_pct(total['check', 'right_rows', 0], total['check', 'right_rows', 1])} "
              f"(tune {_pct(total['tune', 'right_rows', 0], total['tune', 'right_rows', 1])}); "
              f"wrong rows check {_pct(total['check', 'wrong_rows', 0], total['check', 'wrong_rows', 1])} "
              f"(tune {_pct(total['tune', 'wrong_rows', 0], total['tune', 'wrong_rows', 1])})")
        print("    " + "; ".join(cells))
    adult = adult_figures(rows, wordlists.is_adult_or_gambling)
    result["adult"] = adult
    print("\nadult/gambling rule (is_adult_or_gambling, row's language): porn rows flagged / other rows flagged, check (tune)")
    tot = Counter()
    for l in [*langs, "all"]:
        if l == "all":
            c, t = [tot["check", i] for i in range(5)], [tot["tune", i] for i in range(5)]
        else:
            c, t = adult[l].get("check", [0] * 5), adult[l].get("tune", [0] * 5)
            for i in range(5):
                tot["check", i] += c[i]
                tot["tune", i] += t[i]
        print(f"  {l:9s} porn {_pct(c[0], c[1]):12s} (tune {_pct(t[0], t[1])}); others {_pct(c[2], c[3])}, {c[4]} unnatural "
              f"(tune {_pct(t[2], t[3])}, {t[4]} unnatural)")
    rules = rule_figures(rows, recipe)
    result["rules"] = {"totals": {f"{k[0]}:{k[1]}": v for k, v in rules["totals"].items()},
                       "flagged": {":".join(k): v for k, v in rules["flagged"].items()}}
    print(f"\ntext rules of {recipe.name} on each row separately (row's language): flagged among unnatural rows vs other rows, check (tune)")
    tt, fl = rules["totals"], rules["flagged"]
    names = sorted({k[2] for k in fl}, key=lambda n: -(fl["check", "unnatural", n] + fl["tune", "unnatural", n]))
    for name in names:
        print(f"  {name:45s} unnatural {_pct(fl['check', 'unnatural', name], tt['check', 'unnatural']):14s} "
              f"other {_pct(fl['check', 'other', name], tt['check', 'other']):14s} "
              f"(tune: {_pct(fl['tune', 'unnatural', name], tt['tune', 'unnatural'])} / {_pct(fl['tune', 'other', name], tt['tune', 'other'])})")
    if json_out:
        json_out.write_text(json.dumps(result, indent=1, default=dict))
    return result


def anchor_report(folder: Path, ref: str, recipe: Path) -> None:
    """The same report with ``ref``'s ``curation/`` package (this tree's benchmark and recipe)."""
    with tempfile.TemporaryDirectory() as tmp:
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", ref, "curation"], capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", tmp], input=archive, check=True)
        print(f"==== anchor: curation/ at {ref} " + "=" * 40, flush=True)
        env = {**os.environ, "HPLT_CODE_ROOT": tmp, "PYTHONPATH": tmp}
        subprocess.run([sys.executable, __file__, str(folder), "--recipe", str(recipe)], env=env, check=True)
    print("==== this tree " + "=" * 40, flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folder", type=Path, help="release2_inspection's annot_round1 folder")
    ap.add_argument("--recipe", type=Path, default=ROOT / "pipelines" / "web.yaml")
    ap.add_argument("--json", type=Path)
    ap.add_argument("--anchor", metavar="REF", help="first the same report for REF's curation/ (e.g. main)")
    args = ap.parse_args()
    if args.anchor and args.folder.is_dir():
        anchor_report(args.folder, args.anchor, args.recipe)
    report(args.folder, args.recipe, args.json)


if __name__ == "__main__":
    main()
