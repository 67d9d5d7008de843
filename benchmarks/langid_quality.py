"""Language-ID quality and speed: ours (lid.176 + second model) vs lid.176 alone vs each candidate, in one run.

    python benchmarks/langid_quality.py [--data ../shared/data] [--speed-docs 4000] [--crawl] [--crawl-extra DIR] [--pages] [--hplt DIR [--hplt-anchor REF]] [--json out.json]

Sets (see benchmarks/langid_data/README.md): ``udhr`` (UDHR in our 75 languages, sr in both scripts;
the set the cascade's thresholds and groups were chosen on), ``langidpy`` (langid.py's test corpus:
literature and Wikipedia prose, never tuned on; the languages of ours it covers) and ``whatlang``
(../shared/data/langid, one sentence per language, a check). Accuracy per language on single
sentences and on 8-sentence documents (consecutive sentences); a language counts as "supported" when
ours can name it. Speed: documents per CPU second of this one process (= docs/s/core) on a mix of
8-sentence documents, 92% English, the rest spread over the other languages, second model included
(best of 3 interleaved rounds: the machine is shared). Then the kept fraction of reference text
through the recipe's filters, with ``--crawl`` what the recipe keeps of the real crawl samples (per
class of our labels, langid_data/crawl_labels.tsv), with ``--pages`` what it keeps of WCXB dev per page type,
with ``--hplt DIR`` HPLT v2's human-labelled web excerpts (benchmarks/_hplt.py: language, adult, unnatural).
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from curation.langid import second  # noqa: E402
from curation.langid.cascade import Cascade  # noqa: E402
from curation.langid.codes import UNSUPPORTED  # noqa: E402

HERE = Path(__file__).parent / "langid_data"
DOC_SENTENCES = 8
#: whatlang's ISO 639-3 keys whose ISO 639-1 code is not the obvious one
WHATLANG = {"cmn": "zh", "pes": "fa", "nob": "nb", "srp": "sr", "lat": "la", "epo": "eo", "ell": "el", "zul": "zu",
            "ukr": "uk", "heb": "he", "jav": "jv", "aka": "ak", "uzb": "uz", "aze": "az", "sna": "sn", "tgl": "tl"}


def load_set(name: str) -> dict[str, list[str]]:
    out = {}
    for line in gzip.open(HERE / f"{name}.jsonl.gz", "rt", encoding="utf-8"):
        row = json.loads(line)
        out.setdefault(row["language"], []).extend(row["sentences"])
    return out


def whatlang(data: Path) -> dict[str, list[str]]:
    import csv
    import os

    import datatrove

    path = os.path.join(os.path.dirname(datatrove.__file__), "assets", "tokenizer_assignment.csv")
    with open(path, encoding="utf-8") as fh:
        iso1 = {row["code_3"]: row["code_1"] for row in csv.DictReader(fh) if row["code_1"]}
    examples = json.loads((data / "langid" / "whatlang_examples.json").read_text(encoding="utf-8"))
    return {WHATLANG.get(k) or iso1.get(k, k): [v] for k, v in examples.items()}


def docs_of(sentences: list[str]) -> list[str]:
    return [" ".join(sentences[i : i + DOC_SENTENCES]) for i in range(0, len(sentences) - DOC_SENTENCES + 1, DOC_SENTENCES)]


def systems() -> dict:
    ours = Cascade(second_model="cld2+lingua")
    ours_lingua = Cascade(second_model="lingua")
    ours_cld2 = Cascade(second_model="cld2")
    lid = Cascade(second_model=None, first_chars=None)  # the anchor: lid.176 on the whole text, as datatrove

    def lingua_all(text):
        return second.lingua(text[:1000], second.lingua_codes())[0]

    return {
        "ours (lid.176+cld2+lingua)": lambda t: ours.decide(t).language,
        "ours (lid.176+lingua)": lambda t: ours_lingua.decide(t).language,
        "ours (lid.176+cld2)": lambda t: ours_cld2.decide(t).language,
        "lid.176 alone": lambda t: lid.decide(t).language,
        "lingua (75 langs)": lingua_all,
        "cld2 alone": lambda t: second.cld2(t)[0],
    }


def accuracy(predict, pool: dict[str, list[str]], gold_of=lambda c: c.split("-")[0]) -> dict[str, tuple[int, int]]:
    out = {}
    for code, items in sorted(pool.items()):
        if items:
            out[code] = (sum(predict(t) == gold_of(code) for t in items), len(items))
    return out


def summary(per_lang: dict[str, tuple[int, int]], supported: set[str]) -> dict:
    rows = {c: ok / n for c, (ok, n) in per_lang.items() if c.split("-")[0] in supported}
    ok = sum(per_lang[c][0] for c in rows)
    n = sum(per_lang[c][1] for c in rows)
    worst = sorted(rows.items(), key=lambda kv: kv[1])[:6]
    return {"accuracy": ok / n if n else 0.0, "n": n, "languages": len(rows),
            "below_95": sum(v < 0.95 for v in rows.values()), "worst": [(c, round(v, 3)) for c, v in worst]}


def speed(predict, sets: dict[str, dict[str, list[str]]], n_docs: int, seed: int = 0) -> float:
    rng = random.Random(seed)
    english = [d for s in sets.values() for d in docs_of(s.get("en", []))]
    others = [d for s in sets.values() for c, sents in s.items() if c != "en" for d in docs_of(sents)]
    mix = [rng.choice(english) if rng.random() < 0.92 else rng.choice(others) for _ in range(n_docs)]
    for text in mix[:50]:
        predict(text)  # warm-up: model loading, lazily built detectors
    start = time.process_time()
    for text in mix:
        predict(text)
    return n_docs / max(time.process_time() - start, 1e-9)


def reference_kept(sets: dict[str, dict[str, list[str]]], recipe: Path) -> dict[str, dict[str, tuple[int, int]]]:
    """Per set and language: reference documents (16 sentences, two per line) kept by the recipe's
    per-document filters after langid, each document labelled with its true language."""
    from datatrove.data import Document
    from datatrove.pipeline.filters.base_filter import get_filter_result

    from curation.recipe.load import load_recipe
    from curation.stages.registry import build_stage, global_stage

    specs = [s for s in load_recipe(recipe).pipeline if s.name not in ("extract", "langid", "edu") and global_stage(s) is None]
    out: dict = {}
    for set_name, pool in sets.items():
        steps = [build_stage(spec) for spec in specs]
        for code, sents in sorted(pool.items()):
            kept = total = 0
            for i in range(0, len(sents) - 15, 16):
                text = "\n".join(" ".join(sents[j : j + 2]) for j in range(i, i + 16, 2))
                doc = Document(text=text, id=f"{code}-{i}", metadata={"language": code.split("-")[0], "source": "web"})
                total += 1
                kept += all(get_filter_result(step.filter(doc))[0] for step in steps)
            if total:
                out.setdefault(set_name, {})[code] = (kept, total)
    return out


def _through_filters(docs, recipe: Path) -> tuple[int, int, list]:
    """(kept, total, drops) of ``(id, text, language)`` documents through the recipe's per-document
    filters after langid, each labelled web with the language given."""
    from datatrove.data import Document
    from datatrove.pipeline.filters.base_filter import get_filter_result

    from curation.recipe.load import load_recipe
    from curation.stages.registry import build_stage, global_stage

    specs = [s for s in load_recipe(recipe).pipeline if s.name not in ("extract", "langid", "edu") and global_stage(s) is None]
    steps = [build_stage(spec) for spec in specs]
    kept = total = 0
    drops = []
    for doc_id, text, language in docs:
        doc = Document(text=text, id=doc_id, metadata={"language": language, "source": "web"})
        total += 1
        for spec, step in zip(specs, steps):
            ok, reason = get_filter_result(step.filter(doc))
            if not ok:
                drops.append((doc.id, spec.name, reason, len(doc.text)))
                break
        else:
            kept += 1
    return kept, total, drops


def wikipedia_kept(data: Path, recipe: Path) -> tuple[int, int, list]:
    """The shared English Wikipedia dump sample through the same filters, as if crawled: (kept, total, drops)."""
    from curation.readers.wikipedia import WikipediaReader

    path = data / "academic" / "wikipedia" / "enwiki-sample-pages-articles.xml.bz2"
    if not path.exists():
        return 0, 0, []
    return _through_filters(((d.id, d.text, "en") for d in WikipediaReader(str(path)).run()), recipe)


def wiki_reference_kept(recipe: Path) -> dict[str, dict[str, tuple[int, int, list]]]:
    """langid_data/wiki_reference.jsonl.gz (Wikipedia articles in 7 languages, true language given)
    through the recipe's per-document filters: per language and part (``tune``: thresholds were chosen
    on it; ``check``: never read for a rule) and kind (``article`` / ``list``): (kept, total, drops)."""
    groups: dict[tuple[str, str], list] = {}
    for line in gzip.open(HERE / "wiki_reference.jsonl.gz", "rt", encoding="utf-8"):
        row = json.loads(line)
        part = row["part"] if row["kind"] == "article" else "lists"
        groups.setdefault((row["language"], part), []).append((row["title"][:40], row["text"], row["language"]))
    out: dict = {}
    for (language, part), docs in sorted(groups.items()):
        out.setdefault(language, {})[part] = _through_filters(docs, recipe)
    return out


def articles_kept(data: Path, recipe: Path) -> dict[str, tuple[int, int, list]]:
    """The scrapinghub benchmark's 181 hand-extracted news/blog article bodies (shared, never read
    for a rule), per detected language: (kept, total, drops)."""
    path = data / "extraction" / "scrapinghub" / "ground-truth.json"
    if not path.exists():
        return {}
    cascade = Cascade()
    per: dict[str, list] = {}
    for key, row in sorted(json.loads(path.read_text(encoding="utf-8")).items()):
        text = row.get("articleBody") or ""
        if text.strip():
            per.setdefault(cascade.decide(text).language, []).append((key[:12], text))
    return {lang: _through_filters(((i, t, lang) for i, t in docs), recipe) for lang, docs in sorted(per.items())}


def pages_kept(data: Path, recipe: Path) -> dict[str, dict[str, int]]:
    """WCXB dev's 1,497 real pages of 7 types (almost all English) through the recipe's per-page stages
    (extraction in-process, langid, filters): per page type, how many are kept and why the rest went.
    Its main-text ground truth was read to set C4's bracket share (curation/filters/c4.py): a dev set."""
    from datatrove.data import Document
    from datatrove.pipeline.filters.base_filter import get_filter_result

    from curation.extract.wcxb import iter_wcxb
    from curation.recipe.load import load_recipe
    from curation.stages.extract import Extract
    from curation.stages.registry import build_stage, global_stage

    specs = [s for s in load_recipe(recipe).pipeline if s.name not in ("extract", "edu") and global_stage(s) is None]
    steps = [Extract(timeout=0), *(build_stage(spec) for spec in specs)]
    names = ["extract", *(spec.name for spec in specs)]
    out: dict[str, dict[str, int]] = {}
    for page in iter_wcxb(data / "extraction" / "wcxb-dev"):
        doc = Document(text=page.raw.decode("utf-8", "replace"), id=page.id, metadata={"url": page.url, "source": "web"})
        fate = "kept"
        for name, step in zip(names, steps):
            ok, reason = get_filter_result(step.filter(doc))
            if not ok:
                fate = f"{name}:{reason}"
                break
        row = out.setdefault(page.page_type, {})
        row[fate] = row.get(fate, 0) + 1
    return out


def read_labels(tsv: Path) -> dict[str, tuple[str, str, str]]:
    """A labels file (warc, url, class, note per line; # comments): url -> (warc, class, note).
    A missing file or a malformed line stops with one line naming the file and line, before any run."""
    if not tsv.is_file():
        raise SystemExit(f"{tsv}: no such labels file")
    out = {}
    for n, line in enumerate(tsv.read_text(encoding="utf-8").splitlines(), 1):
        if line and not line.startswith("#"):
            fields = line.split("\t")
            if len(fields) != 4:
                raise SystemExit(f"{tsv}:{n}: {len(fields)} tab-separated fields, expected 4 (warc, url, class, note)")
            warc, url, cls, note = fields
            out[url] = (warc, cls, note)
    return out


def crawl_labels(tsv: Path = HERE / "crawl_labels.tsv") -> dict[str, tuple[str, str]]:
    """Our reading of every page of the two crawl samples (or of another labels file in the same
    form): url -> (class, note); see langid_data/README.md."""
    return {url: (cls, note) for url, (_warc, cls, note) in read_labels(tsv).items()}


#: how a crawl file given to --crawl-extra is named (what the WARC reader takes)
CRAWL_SUFFIXES = (".warc.gz", ".warc", ".arc.gz", ".arc")


def crawl_files(folder: Path) -> list[Path] | str:
    """The crawl files of ``folder`` (--crawl-extra), or why there are none: a one-line message."""
    if not folder.is_dir():
        return f"--crawl-extra {folder}: no such folder, skipped (extra crawl files live outside the repository, see langid_data/README.md)"
    files = sorted(f for f in folder.iterdir() if f.is_file() and f.name.endswith(CRAWL_SUFFIXES))
    return files or f"--crawl-extra {folder}: no {'/'.join(CRAWL_SUFFIXES)} file in it, skipped"


def crawl_kept(data: Path, recipe: Path, out: Path, files: list[Path] | None = None,
               labels: dict[str, tuple[str, str, str]] | None = None) -> dict:
    """Run ``recipe`` on each crawl file (1 worker; default: the real CC and ClueWeb samples of
    ../shared) in place of its inputs; per language: kept / labelled (dropped after langid included);
    per class of ``labels`` (default crawl_labels.tsv): kept / pages, each page's fate; with
    ``labels`` in ``read_labels``' form, the labelled pages of a file that never came out."""
    import polars as pl

    from curation.recipe.load import load_recipe
    from curation.run.driver import execute

    labels = read_labels(HERE / "crawl_labels.tsv") if labels is None else labels
    if files is None:
        files = [data / "warc" / name for name in ("cc-main-2020-34-sample.warc.gz", "clueweb-quirk.warc.gz")]
    result = {}
    for path in files:
        warc = path.name
        if not path.exists():
            continue
        run = execute(load_recipe(recipe, inputs=[str(path)], output=str(out / warc)), workers=1, progress=False)
        m = run.manifest
        kept = pl.concat([pl.read_parquet(Path(run.run_dir) / o["path"]) for o in m["outputs"]])
        # dropped by a filter (rejected) or by a dedup stage (removed): every page is counted once
        rejected = [Path(run.run_dir) / o["path"] for o in m["side_outputs"] if o["kind"] in ("rejected", "removed")]
        dropped = pl.concat([pl.read_parquet(f) for f in rejected], how="diagonal") if rejected else None
        if dropped is not None and "language" not in dropped.columns:  # dedup's removed rows carry no language
            dropped = dropped.with_columns(pl.lit(None, pl.String).alias("language"))
        per: dict[str, list[int]] = {}
        for lang in kept["language"]:
            per.setdefault(lang, [0, 0])[0] += 1
            per[lang][1] += 1
        fate = {r["url"]: ("KEPT", r["language"]) for r in kept.iter_rows(named=True)}
        if dropped is not None:
            for lang in dropped.filter(pl.col("language").is_not_null())["language"]:
                per.setdefault(lang, [0, 0])[1] += 1
            if "url" in dropped.columns:
                for r in dropped.iter_rows(named=True):  # a URL kept once and removed as its own duplicate stays kept
                    if fate.get(r["url"], ("",))[0] != "KEPT":
                        fate[r["url"]] = (f"{r['stage']}:{r['reason']}", r["language"])
        classes: dict[str, list[int]] = {}
        pages = []
        for url, (what, lang) in sorted(fate.items()):
            _, cls, note = labels.get(url, ("", "unlabelled", ""))
            classes.setdefault(cls, [0, 0])[1] += 1
            classes[cls][0] += what == "KEPT"
            pages.append((cls, what, lang, url, note))
        stages = {st["name"]: st["dropped_by_reason"] for st in m["stages"][1:] if st.get("dropped")}
        doorways = {r["url"]: doorway_clusters(r["text"], r["url"]) for r in kept.iter_rows(named=True)
                    if labels.get(r["url"], ("", "", ""))[2].startswith("doorway")}
        bad = m["bad_records"]["by_reason"]
        read = next((st.get("counters", {}) for st in m["stages"][:1]), {})
        unseen = sorted(url for url, (w, _, _) in labels.items() if w == warc and url not in fate)
        result[warc] = {"per_language": per, "per_class_kept": classes, "dropped_by_stage": stages, "pages": pages,
                        "doorways": doorways, "bad_records": bad, "read": read, "labelled_not_seen": unseen}
    return result


#: towns put in the slot of a kept doorway page (any place names would do: the page names its own once or twice)
TOWNS = ("Arnhem", "Ede", "Wageningen", "Renkum", "Doorwerth", "Heelsum", "Velp", "Rheden", "Zevenaar", "Duiven", "Apeldoorn")


def doorway_clusters(text: str, url: str) -> tuple[int, int]:
    """A doorway site has the page once per town. Put other towns in the slot the URL names (its last
    path segment) and run dedup_fuzzy's MinHash-LSH (web.yaml's layout) over the variants:
    (variants, clusters). One cluster: the run keeps one page of the network, as dedup_fuzzy would."""
    import numpy as np

    from curation.dedup.minhash import MinHashConfig, band_keys, signatures

    slot = url.rstrip("/").rsplit("/", 1)[-1].replace("-", " ").title()
    texts = [text.replace(slot, town) for town in TOWNS] + [text]
    config = MinHashConfig(ngram=5, bands=14, rows=8)
    keys = band_keys(signatures(texts, config)[0], config)
    root = list(range(len(texts)))

    def find(i: int) -> int:
        while root[i] != i:
            i = root[i]
        return i

    for i in range(len(texts)):
        for j in range(i):
            if np.any(keys[i] == keys[j]):
                root[find(i)] = find(j)
    return len(texts), len({find(i) for i in range(len(texts))})


def print_crawl(crawl: dict, recipe_name: str) -> None:
    """Per crawl file: kept per language, drops per stage, kept/pages per class, each page's fate."""
    for warc, res in crawl.items():
        print(f"\n{warc} through {recipe_name}: kept/labelled per language {res['per_language']}")
        print(f"  dropped by stage: {res['dropped_by_stage']}" + (f"; bad records (counted, skipped): {res['bad_records']}" if res.get("bad_records") else ""))
        if res.get("read"):
            print(f"  read stage counters: {res['read']}")
        if res.get("labelled_not_seen"):
            print(f"  labelled but never read from this file ({len(res['labelled_not_seen'])}): {res['labelled_not_seen'][:5]}")
        for url, (n, clusters) in res["doorways"].items():
            print(f"  doorway {url}: {n} town variants -> {clusters} MinHash cluster(s) (one cluster of one host: dedup_fuzzy's doorway rule drops it whole, benchmarks/doorway_check.py)")
        print("  kept/pages per class (our labels; every non-ok page kept is a miss): "
              + ", ".join(f"{c} {k}/{n}" for c, (k, n) in sorted(res["per_class_kept"].items())))
        groups: dict = {}
        for cls, what, lang, url, note in res["pages"]:
            groups.setdefault((cls, what, lang or "-", note), []).append(url)
        for (cls, what, lang, note), urls in groups.items():  # same class, fate and note: one line
            more = f" (+{len(urls) - 1} alike)" if len(urls) > 1 else ""
            print(f"  {cls:14s} {what:40s} {lang:3s} {urls[0][:70]}{more}  ({note})")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--speed-docs", type=int, default=4000, help="documents per speed round; 0 skips the speed measurement")
    ap.add_argument("--json", type=Path)
    ap.add_argument("--crawl", action="store_true", help="also run the recipe on ../shared/data/warc samples and print what is kept")
    ap.add_argument("--crawl-extra", type=Path, metavar="DIR", help="also run the recipe on the WARC files of DIR (kept outside the repository) and print what is kept")
    ap.add_argument("--crawl-extra-labels", type=Path, default=HERE / "crawl13_labels.tsv", help="our labels of the --crawl-extra pages")
    ap.add_argument("--pages", action="store_true", help="also run the recipe on WCXB dev's 1,497 pages, kept per page type")
    ap.add_argument("--hplt", type=Path, metavar="DIR", help="also HPLT v2's human-labelled excerpts (release2_inspection's annot_round1, kept outside the repository)")
    ap.add_argument("--hplt-anchor", metavar="REF", help="with --hplt: first the same HPLT report for REF's curation/ (e.g. main)")
    ap.add_argument("--recipe", type=Path, default=ROOT / "pipelines" / "web.yaml", help="whose filters the reference text goes through")
    args = ap.parse_args()
    extra_labels = read_labels(args.crawl_extra_labels) if args.crawl_extra is not None else {}  # a bad file stops here, not after the run
    sets = {"udhr": load_set("udhr"), "langidpy": load_set("langidpy")}
    supported = {c.split("-")[0] for c in sets["udhr"]} - set(UNSUPPORTED)
    sets_langidpy = {c: s for c, s in sets["langidpy"].items() if c in supported}
    pools = {
        "udhr sentences": sets["udhr"], "udhr 8-sentence docs": {c: docs_of(s) for c, s in sets["udhr"].items()},
        "langidpy sentences": sets_langidpy, "langidpy 8-sentence docs": {c: docs_of(s) for c, s in sets_langidpy.items()},
    }
    if (args.data / "langid" / "whatlang_examples.json").exists():
        pools["whatlang sentences"] = {c: s for c, s in whatlang(args.data).items() if c in supported}
    results: dict = defaultdict(dict)
    predictors = systems()
    for name, predict in predictors.items():
        for pool_name, pool in pools.items():
            per_lang = accuracy(predict, pool)
            results[name][pool_name] = {**summary(per_lang, supported), "per_language": per_lang}
    for _round in range(3 if args.speed_docs > 0 else 0):
        for name, predict in predictors.items():
            rate = speed(predict, {"udhr": sets["udhr"], "langidpy": sets_langidpy}, args.speed_docs)
            results[name]["docs_per_cpu_s"] = max(rate, results[name].get("docs_per_cpu_s", 0.0))
    print(f"{len(supported)} supported languages (not: {UNSUPPORTED}); docs = {DOC_SENTENCES} consecutive sentences; tuned on udhr only\n")
    header = ["system", *pools, "docs/s/core (92% en)"]
    print(" | ".join(header))
    for name, res in results.items():
        cells = [f"{res[p]['accuracy']:.3f} ({res[p]['below_95']}<95%)" for p in pools]
        print(" | ".join([name, *cells, f"{res['docs_per_cpu_s']:.0f}" if "docs_per_cpu_s" in res else "not measured"]))
    print("\nper language, ours (lid.176+cld2+lingua), udhr docs / udhr sentences / langidpy docs:")
    ours = results["ours (lid.176+cld2+lingua)"]
    cell = lambda p, c: "%d/%d" % tuple(ours[p]["per_language"][c]) if c in ours[p]["per_language"] else "-"
    print("  " + ", ".join(f"{c} {cell('udhr 8-sentence docs', c)} {cell('udhr sentences', c)} {cell('langidpy 8-sentence docs', c)}"
                           for c in sorted(sets["udhr"])))
    if args.speed_docs > 0:
        anchor = results["lid.176 alone"]["docs_per_cpu_s"]
        print(f"\nspeed vs lid.176 alone: " + ", ".join(f"{n} {r['docs_per_cpu_s'] / anchor:.2f}x" for n, r in results.items()))
    print("\nworst languages:")
    for name, res in results.items():
        for p in pools:
            print(f"  {name:24s} {p:26s} {res[p]['worst']}")
    kept = reference_kept({"udhr": sets["udhr"], "langidpy": sets["langidpy"], "ud_wikipedia (sl)": load_set("ud_wikipedia")}, args.recipe)
    results["reference_kept"] = kept
    print(f"\nreference text kept by {args.recipe.name}'s filters after langid (16-sentence documents, true language):")
    for set_name, per in kept.items():
        k, n = sum(v[0] for v in per.values()), sum(v[1] for v in per.values())
        low = sorted((v[0] / v[1], c) for c, v in per.items() if v[0] < v[1])
        print(f"  {set_name}: {k}/{n} = {k / n:.3f} kept; below 100%: " + ", ".join(f"{c} {r:.2f}" for r, c in low))
    wk, wt, wdrops = wikipedia_kept(args.data, args.recipe)
    if wt:
        results["enwiki_kept"] = {"kept": wk, "total": wt, "drops": wdrops}
        print(f"  enwiki sample (shared; its 6 drops were read to fix the stop-word case and C4's bracket rule): "
              f"{wk}/{wt} = {wk / wt:.3f} kept; dropped: {wdrops}")
    wiki = wiki_reference_kept(args.recipe)
    results["wiki_reference_kept"] = wiki
    print("  Wikipedia articles (langid_data/wiki_reference.jsonl.gz), kept/articles per language, "
          "tune part (thresholds chosen on it) / check part (held out) / list articles:")
    for language, parts in wiki.items():
        cells = [f"{p} {parts[p][0]}/{parts[p][1]}" for p in ("tune", "check", "lists") if p in parts]
        drops = [d[:3] for p in ("tune", "check") if p in parts for d in parts[p][2]]
        print(f"    {language}: " + ", ".join(cells) + (f"; dropped articles: {drops}" if drops else ""))
    articles = articles_kept(args.data, args.recipe)
    if articles:
        results["scrapinghub_kept"] = articles
        print("  scrapinghub article bodies (shared, never read for a rule), per detected language: "
              + ", ".join(f"{lang} {k}/{n}" for lang, (k, n, _) in articles.items()))
        print(f"    dropped: {[d for _, _, drops in articles.values() for d in drops]}")
    if args.pages and (args.data / "extraction" / "wcxb-dev").exists():
        results["pages_kept"] = pages = pages_kept(args.data, args.recipe)
        print(f"\nWCXB dev pages through {args.recipe.name} (extract, langid, filters), kept/pages per type and top drop reasons:")
        for kind, fates in sorted(pages.items()):
            top = sorted(((n, f) for f, n in fates.items() if f != "kept"), reverse=True)[:4]
            print(f"  {kind:14s} {fates.get('kept', 0)}/{sum(fates.values())}  " + ", ".join(f"{f} {n}" for n, f in top))
    if args.crawl:
        import tempfile

        with tempfile.TemporaryDirectory() as tmp:
            crawl = crawl_kept(args.data, args.recipe, Path(tmp))
        results["crawl_kept"] = crawl
        print_crawl(crawl, args.recipe.name)
    if args.crawl_extra is not None:
        import tempfile

        files = crawl_files(args.crawl_extra)
        if isinstance(files, str):
            print(f"\n{files}")
        else:
            with tempfile.TemporaryDirectory() as tmp:
                extra = crawl_kept(args.data, args.recipe, Path(tmp), files, extra_labels)
            results["crawl_extra_kept"] = extra
            print(f"\nextra crawl files of {args.crawl_extra} (labels: {args.crawl_extra_labels.name}):")
            print_crawl(extra, args.recipe.name)
    if args.hplt is not None:
        import _hplt

        print()
        if args.hplt_anchor and args.hplt.is_dir():
            _hplt.anchor_report(args.hplt, args.hplt_anchor, args.recipe)
        results["hplt"] = _hplt.report(args.hplt, args.recipe)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1, default=dict))


if __name__ == "__main__":
    main()
