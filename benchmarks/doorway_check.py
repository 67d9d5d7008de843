"""Where the doorway rule of ``dedup_fuzzy`` fires, on every real data set here with several pages per host.

    python benchmarks/doorway_check.py [--data ../shared/data] [--min-pages 2] [--skip main,academic] [--json out.json]

The rule (curation/dedup/doorway.py) drops whole a near-duplicate cluster's group of pages of one host
that share a template (text with the words of each page's own URL blanked) filled with at least
``doorway_min_pages`` different slots. Its definition fixed the default; nothing here tunes it. This
script runs the rule at an exposure setting (``--min-pages 2``, the loosest) so that every group it
could ever fire on is listed with its host, pages, distinct slots and the words that filled the slots,
for reading; then how many groups and pages each setting (2, 3, 5, 10) would drop.

Each data set goes through the real pipeline: its recipe's per-document stages (cut before the first
dedup stage) into parquet shards, then ``dedup_exact`` → ``dedup_url`` → ``dedup_fuzzy`` (FineWeb's
layout) with the rule on, as ``curate dedup`` runs them; the groups are read from ``removed/``:

* ``crawl``: the CC and ClueWeb WARC samples through pipelines/web.yaml; ``crawl_unfiltered``: the
  same after extraction and langid only (every page exposed: ClueWeb holds 29 pages of one shop);
* ``main``: the main job's inputs (sample_data/) through pipelines/phi4.yaml;
* ``academic``: the shared arXiv metadata (200 abstracts of one host, arxiv.org) and e-prints,
  StackExchange beer, Gutenberg, Wikipedia and the three code repositories through phi4.yaml;
* ``wcxb``: WCXB dev's 1,497 pages (113 hosts with 2-12 pages: shops, docs, stores), their
  ground-truth main text as the text (no filter: every page is exposed);
* ``scrapinghub``: its 181 article bodies with their URLs;
* ``control``: the one doorway page kept from the CC sample, put once per town in its URL's slot
  (11 towns: the network as a crawl of the whole site would hold it). A simulation, the only
  doorway network here: it shows the rule catches the pattern, not a measured recall.
``neardup/clough-stevenson`` has no URLs, so no host: the rule cannot fire there. Few real pages here
are near-duplicates of a page of their own host, so each data set also gets the wider exposure:
template groups of one host over all its documents, clusters ignored.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script from a checkout without installing
    sys.path.insert(0, str(ROOT))

SETTINGS = (2, 3, 5, 10)
TOWNS = ("Arnhem", "Ede", "Wageningen", "Renkum", "Doorwerth", "Heelsum", "Velp", "Rheden", "Zevenaar", "Duiven", "Apeldoorn")


def _run(raw: dict, folder: Path):
    from curation.recipe.load import load_recipe
    from curation.run.driver import execute

    path = folder.with_suffix(".yaml")
    path.write_text(yaml.safe_dump({**raw, "root": str(ROOT), "output": {"dir": str(folder), "allow_empty": True}}))
    return execute(load_recipe(str(path)), workers=1, progress=False)


def per_document(recipe: Path, inputs: list[dict] | None, folder: Path, only: tuple[str, ...] = ()) -> Path:
    """The recipe's stages before its first dedup stage (or just those named ``only``), on ``inputs``
    (default: its own): the shards folder."""
    raw = yaml.safe_load(recipe.read_text())
    stages = raw["pipeline"]
    cut = next(i for i, s in enumerate(stages) if isinstance(s, dict) and any(k.startswith("dedup") for k in s))
    stages = [s for s in stages[:cut] if not only or (isinstance(s, dict) and set(s) & set(only))]
    keep = {k: raw[k] for k in ("name", "seed") if k in raw}
    run = _run({**keep, "inputs": inputs or raw["inputs"], "pipeline": stages}, folder)
    return Path(run.run_dir) / "shards"


def dedup(shards: Path, folder: Path, min_pages: int):
    import polars as pl

    raw = {"name": "doorway-check", "seed": 0,
           "inputs": [{"paths": [str(shards)], "format": "parquet", "source": "dedup",
                       "text_field": "text", "id_field": "id", "url_field": "url"}],
           "pipeline": [{"dedup_exact": {}}, {"dedup_url": {}},
                        {"dedup_fuzzy": {"ngram": 5, "bands": 14, "rows": 8, "doorway_min_pages": min_pages}}]}
    run = _run(raw, folder)
    removed = list(Path(run.run_dir).glob("removed/*.parquet"))
    rm = pl.concat([pl.read_parquet(f) for f in removed], how="diagonal") if removed else pl.DataFrame()
    fuzzy = next(s for s in run.manifest["stages"] if s["name"] == "dedup_fuzzy")
    return rm, fuzzy


def groups(shards: Path, rm) -> list[dict]:
    """Each doorway group: host, pages, distinct slots, slot words, the head of one text."""
    import polars as pl

    from curation.dedup.doorway import host_and_words, slot_words

    if rm.height == 0 or "reason" not in rm.columns:
        return []
    hits = rm.filter(pl.col("reason") == "doorway")
    docs = pl.read_parquet(f"{shards}/*.parquet").select("id", "text", "url")
    out = []
    for (cluster,), part in hits.join(docs.drop("url"), on="id", how="left").group_by("cluster_id", maintain_order=True):
        slots = [tuple(slot_words(t, u)) for t, u in zip(part["text"], part["url"])]
        out.append({"host": host_and_words(part["url"][0])[0], "pages": part.height, "slots": len(set(slots)),
                    "slot_words": sorted({" ".join(s) for s in slots})[:6], "urls": sorted(part["url"])[:3],
                    "text": " ".join(part["text"][0].split())[:160]})
    return sorted(out, key=lambda g: -g["pages"])


def unclustered(shards: Path) -> list[dict]:
    """Template groups of one host with >= 2 slots over ALL documents, near-duplicate clusters ignored:
    what the rule could see if every page were in some cluster (a wider exposure than the stage's)."""
    import polars as pl

    from curation.dedup.doorway import slot_columns

    docs = pl.read_parquet(f"{shards}/*.parquet").select("text", "url").with_row_index("gkey").with_columns(pl.col("gkey").cast(pl.UInt64))
    cols = slot_columns(docs).join(docs.select("gkey", "url"), on="gkey").filter(pl.col("template").is_not_null())
    found = cols.group_by("host", "template").agg(pl.col("slot").n_unique().alias("slots"), pl.col("url").sort().head(3).alias("urls"))
    return [{"host": h, "slots": n, "urls": u} for h, _, n, u in found.filter(pl.col("slots") >= 2).sort("slots", descending=True).iter_rows()]


def jsonl_set(rows: list[dict], folder: Path) -> Path:
    """A JSONL file as the input of a no-filter data set; returned as a one-file shards folder."""
    import polars as pl

    folder.mkdir(parents=True, exist_ok=True)
    pl.DataFrame(rows, schema={"id": pl.String, "text": pl.String, "url": pl.String}).write_parquet(folder / "part.parquet")
    return folder


def wcxb_rows(data: Path) -> list[dict]:
    rows = []
    for f in sorted((data / "extraction" / "wcxb-dev" / "ground-truth").glob("*.json")):
        gt = json.loads(f.read_text(encoding="utf-8"))
        text = (gt.get("ground_truth") or {}).get("main_content") or ""
        if text.strip():
            rows.append({"id": f.stem, "text": text, "url": gt.get("url")})
    return rows


def scrapinghub_rows(data: Path) -> list[dict]:
    path = data / "extraction" / "scrapinghub" / "ground-truth.json"
    return [{"id": k, "text": v.get("articleBody") or "", "url": v.get("url")}
            for k, v in sorted(json.loads(path.read_text(encoding="utf-8")).items()) if (v.get("articleBody") or "").strip()]


def control_rows(crawl_shards: Path) -> list[dict]:
    import polars as pl

    docs = pl.read_parquet(f"{crawl_shards}/*.parquet").filter(pl.col("url").str.contains("0900-hovenier.nl"))
    rows = []
    for r in docs.iter_rows(named=True):
        slot = r["url"].rstrip("/").rsplit("/", 1)[-1]
        name = slot.replace("-", " ").title()
        rows.append({"id": r["id"], "text": r["text"], "url": r["url"]})
        rows += [{"id": f"{r['id']}-{t}", "text": r["text"].replace(name, t), "url": r["url"].replace(f"/{slot}/", f"/{t.lower()}/")}
                 for t in TOWNS]
    return rows


def speed(rows: list[dict], rounds: int = 3) -> dict[str, float]:
    """CPU seconds per 1,000 documents of the rule's per-page work (slot_columns) and, as the anchor
    measured in the same process, of dedup_fuzzy's MinHash signatures on the same texts (best of rounds)."""
    import time

    import polars as pl

    from curation.dedup.doorway import slot_columns
    from curation.dedup.minhash import MinHashConfig, signatures

    chunk = pl.DataFrame(rows).with_row_index("gkey").with_columns(pl.col("gkey").cast(pl.UInt64))
    out = {"slot_columns": float("inf"), "signatures": float("inf")}
    for _ in range(rounds):
        t = time.process_time()
        slot_columns(chunk)
        out["slot_columns"] = min(out["slot_columns"], time.process_time() - t)
        t = time.process_time()
        signatures(chunk["text"].to_list(), MinHashConfig())
        out["signatures"] = min(out["signatures"], time.process_time() - t)
    return {k: 1000 * v / len(rows) for k, v in out.items()}


def inputs_of(data: Path) -> dict[str, tuple[Path, list[dict] | None, tuple[str, ...]]]:
    web, phi4, acad = ROOT / "pipelines" / "web.yaml", ROOT / "pipelines" / "phi4.yaml", data / "academic"
    crawl = [{"paths": [str(data / "warc" / w)], "source": "web"} for w in ("cc-main-2020-34-sample.warc.gz", "clueweb-quirk.warc.gz")]
    academic = [
        {"paths": [str(acad / "arxiv" / "arxiv-metadata-sample.jsonl")], "format": "arxiv", "source": "arxiv"},
        {"paths": [str(acad / "arxiv" / "latex")], "source": "arxiv"},
        {"paths": [str(acad / "stackexchange" / "beer" / "Posts.xml")], "source": "qa"},
        {"paths": [str(acad / "gutenberg" / "raw")], "format": "gutenberg", "source": "books"},
        {"paths": [str(acad / "wikipedia")], "source": "wikipedia"},
        {"paths": [str(data / "code")], "format": "code", "source": "code"},
    ]
    return {"crawl": (web, crawl, ()), "crawl_unfiltered": (web, crawl, ("extract", "langid")),
            "main": (phi4, None, ()), "academic": (phi4, academic, ())}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--min-pages", type=int, default=2, help="exposure setting the listing is made at")
    ap.add_argument("--skip", default="", help="comma-separated data sets to leave out")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    skip = set(filter(None, args.skip.split(",")))
    results, shards = {}, {}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for name, (recipe, inputs, only) in inputs_of(args.data).items():
            if name not in skip:
                shards[name] = per_document(recipe, inputs, tmp / f"{name}-docs", only)
        if "wcxb" not in skip:
            shards["wcxb"] = jsonl_set(wcxb_rows(args.data), tmp / "wcxb-docs")
        if "scrapinghub" not in skip:
            shards["scrapinghub"] = jsonl_set(scrapinghub_rows(args.data), tmp / "scrapinghub-docs")
        if "crawl" in shards:
            shards["control"] = jsonl_set(control_rows(shards["crawl"]), tmp / "control-docs")
        for name, folder in shards.items():
            rm, fuzzy = dedup(folder, tmp / f"{name}-dedup", args.min_pages)
            found = groups(folder, rm)
            results[name] = {"documents": fuzzy["in"], "near_duplicate": fuzzy["dropped_by_reason"].get("near_duplicate", 0),
                             "groups": found, "unclustered": unclustered(folder),
                             "by_setting": {n: [sum(1 for g in found if g["slots"] >= n), sum(g["pages"] for g in found if g["slots"] >= n)]
                                            for n in SETTINGS}}
    print(f"doorway groups at doorway_min_pages={args.min_pages} (exposure), per data set; groups/pages dropped per setting:")
    for name, res in results.items():
        setting = ", ".join(f"{n}: {g}/{p}" for n, (g, p) in res["by_setting"].items())
        print(f"\n{name}: {res['documents']} documents into dedup_fuzzy, {res['near_duplicate']} near-duplicates removed; {setting}")
        for g in res["groups"]:
            print(f"  {g['host']}: {g['pages']} pages, {g['slots']} slots {g['slot_words']}  e.g. {g['urls'][0]}")
            print(f"      {g['text']}")
        print(f"  clusters ignored (all documents): {len(res['unclustered'])} template group(s) of one host with >= 2 slots")
        for g in res["unclustered"]:
            print(f"    {g['host']}: {g['slots']} slots, e.g. {g['urls']}")
    if (args.data / "extraction" / "wcxb-dev").exists():
        results["speed"] = cost = speed(wcxb_rows(args.data))
        print(f"\nCPU s per 1,000 WCXB pages (process_time, best of 3): doorway slot_columns {cost['slot_columns']:.3f}, "
              f"MinHash signatures (anchor) {cost['signatures']:.3f}: ratio {cost['slot_columns'] / cost['signatures']:.2f}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1, default=str))


if __name__ == "__main__":
    main()
