"""The doorway rule of dedup_fuzzy: template pages of one host dropped whole, page families kept."""

from __future__ import annotations

import json

import polars as pl
import pytest
import yaml

from curation.dedup.doorway import host_and_words, slot_columns, slot_words
from curation.recipe.load import load_recipe
from curation.run.driver import execute

SERVICE = ("{town}: your plumber for leaking taps, blocked drains and new bathrooms. Our engineers know every street "
           "of {town} and come the same day, also in the weekend and on public holidays. We quote a fixed price before "
           "we start, so there are no surprises when the bill arrives, and we clean up after the job is done. Call us "
           "for a free visit and an honest answer about what your pipes need; most repairs are finished in one hour.")
STORE = SERVICE.replace("Call us", "Find us at {street} {number}, open {hours}. Call us")
ROOFER = ("Roof repairs in {town} by a family firm: loose tiles, leaking gutters and flat roofs that let the rain in. "
          "We inspect the roof from a lift, send photographs of what we find and explain the options in plain words. "
          "Small repairs are done on the spot; bigger jobs are planned with you, with scaffolding, insurance and a "
          "written guarantee of ten years on all work. Ask for an appointment and we call back within the day.")
TOWNS = ["Haarlem", "Leiden", "Delft", "Gouda", "Zwolle", "Breda", "Zürich"]


def template(text: str, url: str | None):
    """(template, slot) hashes of one page, or None."""
    row = slot_columns(pl.DataFrame({"gkey": [7], "url": [url], "text": [text]},
                                    schema={"gkey": pl.UInt64, "url": pl.String, "text": pl.String})).row(0, named=True)
    return (row["template"], row["slot"]) if row["template"] is not None else None


def test_a_town_slot_gives_one_template_and_different_slots():
    a = template(SERVICE.format(town="Haarlem"), "https://plumb.example/noord-holland/haarlem/")
    b = template(SERVICE.format(town="Leiden"), "https://plumb.example/zuid-holland/leiden/")
    assert a and b and a[0] == b[0] and a[1] != b[1]
    # accents are folded as URL slugs fold them; the slot is the words of the page's own URL
    assert slot_words(SERVICE.format(town="Zürich"), host_and_words("https://plumb.example/zurich")[1]) == ["zurich", "zurich"]
    assert template(SERVICE.format(town="Zürich"), "https://plumb.example/zurich")[0] == a[0]


def test_pages_that_say_something_per_member_or_differ_by_numbers_have_no_shared_template():
    a = template(STORE.format(town="Delft", street="Markt", number=12, hours="9-18"), "https://shop.example/stores/delft")
    b = template(STORE.format(town="Gouda", street="Kleiweg", number=3, hours="10-17"), "https://shop.example/stores/gouda")
    assert a and b and a[0] != b[0]
    # numbers are ids, versions, page numbers: never a slot
    assert template("Release notes of version 2 and 3 of the tool.", "https://docs.example/v2/3/") is None
    assert template(SERVICE.format(town="Delft"), "https://plumb.example/") is None  # nothing of the text in the URL
    for bad in (None, "", "not a url", "http://[::1"):
        assert template(SERVICE.format(town="Delft"), bad) is None


def test_only_a_page_s_own_url_fills_its_slot_in_a_batch():
    text = SERVICE.format(town="Haarlem")
    out = slot_columns(pl.DataFrame({"gkey": [1, 2, 3], "url": ["https://a.example/leiden", "https://a.example/haarlem", None],
                                     "text": [text, text, text]}, schema={"gkey": pl.UInt64, "url": pl.String, "text": pl.String}))
    assert out["template"].is_null().to_list() == [True, False, True]
    assert out["host"].to_list() == [None, "a.example", None] and out["gkey"].to_list() == [1, 2, 3]


def _corpus(tmp_path) -> str:
    rows = [{"id": f"door-{t}", "text": SERVICE.format(town=t), "url": f"https://plumb.example/nl/{t.lower()}/"} for t in TOWNS[:6]]
    rows += [{"id": f"store-{i}", "text": STORE.format(town=t, street=s, number=i + 2, hours=f"{8 + i}-18"),
              "url": f"https://shop.example/stores/{t.lower()}"}
             for i, (t, s) in enumerate(zip(TOWNS[:6], ["Markt", "Kleiweg", "Dam", "Langestraat", "Kerkplein", "Haven"]))]
    # the same template on two hosts, three pages each: no host has a network
    rows += [{"id": f"two-{h}-{t}", "text": ROOFER.format(town=t), "url": f"https://{h}.example/{t.lower()}"}
             for h in ("roof", "dak") for t in TOWNS[:3]]
    folder = tmp_path / "corpus"
    folder.mkdir()
    with open(folder / "docs.jsonl", "w", encoding="utf-8") as fh:
        fh.writelines(json.dumps(r) + "\n" for r in rows)
    return str(folder)


def _run(tmp_path, folder, name, workers, partitions, min_pages):
    raw = {"name": "doorway", "inputs": [{"paths": [folder], "source": "web"}],
           "pipeline": [{"dedup_fuzzy": {"partitions": partitions, "doorway_min_pages": min_pages}}],
           "output": {"dir": str(tmp_path / name)}}
    (tmp_path / f"{name}.yaml").write_text(yaml.safe_dump(raw))
    run = execute(load_recipe(str(tmp_path / f"{name}.yaml")), workers=workers, progress=False)
    files = sorted((tmp_path / name).glob("removed/*.parquet"))
    removed = pl.concat([pl.read_parquet(f) for f in files]) if files else pl.DataFrame(schema={"id": pl.String, "reason": pl.String})
    return run, removed, run.manifest["stages"][-1]


def test_a_network_is_dropped_whole_families_keep_one_whatever_the_workers(tmp_path):
    folder = _corpus(tmp_path)
    a, removed, stage = _run(tmp_path, folder, "a", 2, 8, 5)
    b, _, _ = _run(tmp_path, folder, "b", 1, 3, 5)
    assert a.manifest["content_hash"] == b.manifest["content_hash"]
    doorway = removed.filter(pl.col("reason") == "doorway")
    assert sorted(doorway["id"]) == sorted(f"door-{t}" for t in TOWNS[:6])
    assert doorway["cluster_id"].n_unique() == 1 and doorway["kept_id"].is_null().all()
    assert stage["dropped_by_reason"]["doorway"] == 6 and stage["counters"]["doorway_groups"] == 1
    kept = pl.read_parquet(f"{a.run_dir}/shards/*.parquet")["id"].to_list()
    assert sum(k.startswith("store-") for k in kept) >= 1  # a family saying something per member: one survives
    assert sum(k.startswith("two-") for k in kept) >= 1


def test_below_the_setting_or_off_each_cluster_keeps_a_page(tmp_path):
    folder = _corpus(tmp_path)
    for name, setting in (("seven", 7), ("off", None)):
        run, removed, stage = _run(tmp_path, folder, name, 1, 4, setting)
        assert "doorway" not in stage["dropped_by_reason"] and stage["dropped"] >= 1
        assert stage["counters"].get("doorway_groups", 0) == 0 and ("doorway_groups" in stage["counters"]) == bool(setting)
        assert removed["kept_id"].is_not_null().all()  # every removed page has its survivor
        kept = set(pl.read_parquet(f"{run.run_dir}/shards/*.parquet")["id"])
        assert kept & {f"door-{t}" for t in TOWNS[:6]} | kept & {f"store-{i}" for i in range(6)}


def test_real_page_families_of_wcxb_dev_are_never_a_doorway_group(tmp_path, shared_data):
    """WCXB dev: 1,497 real pages, 113 hosts with 2-12 pages (shops, docs, stores); their main text
    at the loosest setting (2 pages): the rule must not fire (benchmarks/doorway_check.py lists more)."""
    gt = shared_data / "extraction" / "wcxb-dev" / "ground-truth"
    rows = [{"id": f.stem, "text": d["ground_truth"]["main_content"], "url": d.get("url")}
            for f in sorted(gt.glob("*.json")) for d in [json.loads(f.read_text(encoding="utf-8"))]
            if (d.get("ground_truth") or {}).get("main_content")]
    folder = tmp_path / "wcxb"
    folder.mkdir()
    pl.DataFrame(rows).write_ndjson(folder / "pages.jsonl")
    _, removed, stage = _run(tmp_path, str(folder), "wcxb", 2, 8, 2)
    assert stage["in"] >= 1400
    assert "doorway" not in stage["dropped_by_reason"], removed.filter(pl.col("reason") == "doorway")
