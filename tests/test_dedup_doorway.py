"""The doorway rule of dedup_fuzzy: template pages of one host dropped whole, page families kept."""

from __future__ import annotations

import json

import polars as pl
import pytest
import yaml

from curation.dedup.doorway import doorway_groups, host_and_words, page_words, slot_columns, slot_words
from curation.recipe.load import load_recipe
from curation.run.driver import execute
from tests.conftest import ROOT, load_script

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
    assert slot_words(SERVICE.format(town="Zürich"), "https://plumb.example/zurich") == ["zurich", "zurich"]
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
        survivor = dict(zip(removed["id"], removed["kept_id"]))
        for family in ([f"door-{t}" for t in TOWNS[:6]], [f"store-{i}" for i in range(6)]):  # each family has its survivor
            assert all(page in kept or survivor[page] in kept for page in family), family


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


def _groups(rows: list[tuple[str, str]], min_pages: int = 5) -> pl.DataFrame:
    """The doorway groups among pages (url, text) taken as one near-duplicate cluster."""
    chunk = pl.DataFrame({"gkey": range(len(rows)), "url": [u for u, _ in rows], "text": [t for _, t in rows]},
                         schema={"gkey": pl.UInt64, "url": pl.String, "text": pl.String})
    return doorway_groups(slot_columns(chunk).with_columns(pl.lit(0).alias("label")), "label", min_pages)


SHIRT = ("Crew neck shirt - {c}. A classic crew neck shirt in heavy organic cotton with a ribbed collar and a relaxed "
         "fit; the crew neck shirt keeps its shape after many washes. Size table, chest and length in cm: S 96 70, "
         "M 102 72, L 108 74, XL 114 76. Machine wash at 30 degrees and do not tumble dry.")
INSTALL = ("Install the server on Ubuntu {c}. To install, download the installer image, write it to a USB stick and "
           "boot from it. The install wizard asks for a language, a keyboard layout and a disk; choose guided "
           "partitioning unless you need a custom layout. After the install finishes, remove the stick and reboot.")
MANUAL = ("Getting started (language: {c}). Unpack the device, charge the battery for two hours and press the power "
          "button until the light turns blue. Pair it with your phone from the settings menu; getting started takes "
          "about five minutes. If the light blinks red, hold the button for ten seconds to reset it.")
TAP = ("Guides > {c} > How to fix a leaking tap. A leaking tap wastes thousands of litres a year, and how to fix it "
       "depends on the tap: most need a new washer or cartridge. Turn off the water under the sink, open the tap to "
       "drain it, unscrew the handle and swap the worn part. How long does it take to fix? Half an hour.")
FAMILIES = {
    "colour variants": [(f"https://shop.example/products/crew-neck-shirt-{c.lower()}", SHIRT.format(c=c))
                        for c in ("Red", "Navy", "Olive", "White", "Black", "Grey")],
    "docs versions by codename": [(f"https://docs.example/{c.lower()}/install", INSTALL.format(c=c))
                                  for c in ("Noble", "Jammy", "Focal", "Bionic", "Xenial")],
    "language-slug copies": [(f"https://manual.example/{s}/getting-started", MANUAL.format(c=c)) for s, c in
                             (("english", "English"), ("deutsch", "Deutsch"), ("francais", "Français"),
                              ("espanol", "Español"), ("italiano", "Italiano"))],
    "one article under category paths": [(f"https://howto.example/{c.lower()}/how-to-fix-a-leaking-tap", TAP.format(c=c))
                                         for c in ("Plumbing", "Repairs", "Bathroom", "Kitchen", "Maintenance")],
}


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_a_page_family_naming_its_member_once_is_not_a_doorway_group(family):
    """Each member names what its URL varies by once (a colour, a codename, a language, a category in
    its breadcrumb): ordinary near-duplicates, the cluster keeps its survivor."""
    assert _groups(FAMILIES[family]).height == 0


def test_a_town_network_filling_its_slot_twice_per_page_is_a_doorway_group():
    found = _groups([(f"https://plumb.example/nl/{t.lower()}/", SERVICE.format(town=t)) for t in TOWNS])
    assert found.height == len(TOWNS) and found["doorway"].n_unique() == 1


def test_pages_whose_text_is_their_slug_words_have_no_template():
    tags = ["python-async", "rust-traits", "java-streams", "ruby-blocks", "swift-actors", "kotlin-flows"]
    rows = [(f"https://blog.example/tag/{t}", " ".join(t.split("-") * 3).title()) for t in tags]
    assert _groups(rows).height == 0
    assert template("Haarlem plumber. " + SERVICE.format(town="Haarlem"), "https://plumb.example/haarlem-plumber") is not None
    # a page that is mostly its URL's words (over 30%) has no template either
    stuffed = "Plumber Haarlem, plumber Haarlem, " * 6 + " ".join(SERVICE.split()[1:26])
    assert template(stuffed, "https://plumb.example/plumber-haarlem") is None


def test_url_and_text_words_split_alike_in_any_script():
    """Devanagari and Thai words carry combining marks: the URL's words are split as the text's."""
    assert host_and_words("https://delhi.example/%E0%A4%AA%E0%A5%81%E0%A4%A3%E0%A5%87/")[1] == frozenset({"पुणे"})
    assert host_and_words("https://bkk.example/กรุงเทพ")[1] == frozenset({"กรุงเทพ"})
    text = ("पुणे में प्लंबर: टपकते नल, बंद नालियाँ और नए बाथरूम। हमारे कारीगर पुणे की हर गली जानते हैं और उसी दिन आते हैं, "
            "सप्ताहांत में भी। काम शुरू करने से पहले हम तय कीमत बताते हैं और काम के बाद सफाई करते हैं।")
    assert slot_words(text, "https://delhi.example/पुणे/") == ["पुणे", "पुणे"]
    a = template(text, "https://delhi.example/पुणे/")
    b = template(text.replace("पुणे", "नागपुर"), "https://delhi.example/नागपुर/")
    assert a and b and a[0] == b[0] and a[1] != b[1]


def test_only_pages_with_url_words_are_split_into_words():
    """A batch's long texts are exploded into words only for pages whose URL has words (memory)."""
    long = " ".join(["word"] * 5000)
    chunk = pl.DataFrame({"gkey": [1, 2, 3], "url": ["https://a.example/", None, "https://a.example/haarlem"],
                          "text": [long, long, SERVICE.format(town="Haarlem")]},
                         schema={"gkey": pl.UInt64, "url": pl.String, "text": pl.String})
    assert page_words(chunk)["row"].unique().to_list() == [2]


def test_the_crawl_s_doorway_page_once_per_town_is_a_doorway_group(tmp_path, shared_data):
    """The simulated 12-town network of benchmarks/doorway_check.py (the CC sample's doorway page,
    its town named twice, put once per town in its URL's slot)."""
    bench = load_script(ROOT / "benchmarks" / "doorway_check.py")
    crawl = [{"paths": [str(shared_data / "warc" / "cc-main-2020-34-sample.warc.gz")], "source": "web"}]
    rows = bench.control_rows(bench.per_document(ROOT / "pipelines" / "web.yaml", crawl, tmp_path / "crawl", ("extract",)))
    assert len(rows) == 12
    assert _groups([(r["url"], r["text"]) for r in rows]).height == 12
