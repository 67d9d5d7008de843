"""Is there a page-level signal of a programmatic local landing page ("<service> in <town>", one page
per town, a doorway page) precise enough to drop a page on? Issue 13; the evidence, not a rule.

    python benchmarks/local_landing_check.py [--data ../shared/data] [--crawl-extra /work/data/crawl13] [--json out.json]

The signals come from the class definition (Google's spam policy on doorway pages: pages targeted at
regions or cities that funnel users; only the place varies), written down before any page was read:

* S1 slug-title: the URL's last path segment (a slug, 1-4 words, not all digits) ends in words that the
  page's <title>, else its first extracted line, has right after a locality preposition (``PREPOSITIONS``);
* S2 slug-body: those place words occur >= 2 times in the extracted text outside the line that matched
  (the whole text when the <title> matched);
* S3 short: fewer than 400 words of extracted text;
* S4 phone: a phone number (9+ digits with separators) in the text;
* S5 undated: no year or date in the text (reported, not part of the candidate rule).

The candidate drop rule is S1 and S2 and S3 and S4. It would be built only if it fired on >= 3 pages of
>= 2 sites other than the crawl's ``0900-hovenier.nl`` that we read as local landing pages, and on no page
we read as legitimate content (README, "local_landing_check.py"). Every page where S1 fires is listed for
reading; ``langid_data/local_landing_labels.tsv`` holds our reading of them (local_landing / legit), and
each combination's fires are counted per reading. Text is our extraction (``Extract`` in-process, the
default ``auto`` method) of the raw HTML: WCXB dev's 1,497 pages, scrapinghub's 181 article pages, the
CC and ClueWeb WARC samples, and with ``--crawl-extra`` the crawl13 WARC files.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script from a checkout without installing
    sys.path.insert(0, str(ROOT))

HERE = Path(__file__).resolve().parent
#: locality prepositions of the languages in the sets (nl, en, fr, de, es/it/pt); longest first
PREPOSITIONS = ("in der", "près de", "à proximité de", "in", "bij", "near", "à", "a", "en", "im", "nahe", "te",
                "op", "at", "around", "nach", "em", "no", "na", "dans")
COMBINATIONS = {"S1": ("S1",), "S1+S2": ("S1", "S2"), "S1+S2+S3": ("S1", "S2", "S3"),
                "S1+S2+S3+S4 (candidate rule)": ("S1", "S2", "S3", "S4"), "S1+S2+S5": ("S1", "S2", "S5")}
_WORD = re.compile(r"[^\W_]+")
_PHONE = re.compile(r"(?<!\d)\+?\d[\d\s().\-/]{7,}\d(?!\d)")
_DATE = re.compile(r"\b(1[89]\d\d|20\d\d)\b|\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b"
                   r"|\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2}\b", re.I)
_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.S | re.I)
_EXTENSION = re.compile(r"\.(html?|php|aspx?|jsp|cfm)$", re.I)


def words(text: str) -> list[str]:
    """Lower-cased words without accents (``à`` and ``a`` are one word: the signal is language-blind)."""
    folded = unicodedata.normalize("NFKD", text.lower())
    return _WORD.findall("".join(c for c in folded if not unicodedata.combining(c)))


def slug_words(url: str) -> list[str]:
    """The words of the URL's last path segment; none when it is all digits or over 4 words (an id, a sentence)."""
    segments = [s for s in unquote(urlsplit(url).path).split("/") if s]
    found = words(_EXTENSION.sub("", segments[-1])) if segments else []
    return [] if len(found) > 4 or all(w.isdigit() for w in found) else found


def place_after_preposition(slug: list[str], line: str) -> tuple[str, str] | None:
    """(place, preposition): the longest run of the slug's last words that ``line`` has right after a preposition."""
    padded = f" {' '.join(words(line))} "
    for k in range(len(slug), 0, -1):
        place = slug[-k:]
        if all(w.isdigit() for w in place) or sum(map(len, place)) < 3:
            continue
        for prep in PREPOSITIONS:
            if f" {' '.join(words(prep))} {' '.join(place)} " in padded:
                return " ".join(place), prep
    return None


def signals(url: str, title: str, text: str) -> dict:
    """S1-S5 of one page (module docstring), with the place and its count for reading."""
    slug = slug_words(url)
    lines = [line for line in text.splitlines() if line.strip()]
    in_title = place_after_preposition(slug, title) if slug else None
    hit = in_title or (place_after_preposition(slug, lines[0]) if slug and lines else None)
    count = 0
    if hit:
        body = f" {' '.join(words(chr(10).join(lines if in_title else lines[1:])))} "
        count = body.count(f" {hit[0]} ")
    n = len(words(text))
    return {"S1": bool(hit), "S2": count >= 2, "S3": 0 < n < 400, "S4": bool(_PHONE.search(text)),
            "S5": not _DATE.search(text), "place": hit[0] if hit else "", "preposition": hit[1] if hit else "",
            "place_count": count, "words": n}


def title_of(raw: str) -> str:
    found = _TITLE.search(raw)
    return html.unescape(" ".join(found.group(1).split())) if found else ""


def raw_pages(data: Path, crawl_extra: Path | None):
    """(set, url, raw HTML) of every page of the sets."""
    from curation.extract.quality import iter_pages
    from curation.extract.wcxb import iter_wcxb
    from curation.readers.warc import WarcReader

    for page in iter_wcxb(data / "extraction" / "wcxb-dev"):
        yield "wcxb_dev", page.url, page.raw.decode("utf-8", "replace")
    for _key, raw, row in iter_pages(data):
        yield "scrapinghub", row.get("url", ""), raw.decode("utf-8", "replace")
    warcs = [("crawl", data / "warc" / n) for n in ("cc-main-2020-34-sample.warc.gz", "clueweb-quirk.warc.gz")]
    if crawl_extra:
        warcs += [("crawl13", p) for p in sorted(crawl_extra.glob("*.warc.gz"))]
    for name, path in warcs:
        for doc in WarcReader(str(path)).run():
            yield name, doc.metadata["url"], doc.text


def measure(data: Path, crawl_extra: Path | None) -> list[dict]:
    """Every page's signals (extraction failures count as pages with no text)."""
    from datatrove.data import Document

    from curation.stages.extract import Extract

    extract = Extract(timeout=0)
    rows = []
    for name, url, raw in raw_pages(data, crawl_extra):
        doc = Document(text=raw, id=url, metadata={"url": url, "source": "web"})
        text = doc.text if extract.filter(doc) is True else ""
        title = title_of(raw)
        rows.append({"set": name, "url": url, "title": title, **signals(url, title, text)})
    return rows


def read_reading(tsv: Path) -> dict[str, tuple[str, str]]:
    """Our reading of the pages S1 fires on (langid_quality's labels form: set, url, reading, note):
    url -> (local_landing | legit, note)."""
    from langid_quality import read_labels

    out = {url: (judged, note) for url, (_set, judged, note) in read_labels(tsv).items()}
    odd = sorted({judged for judged, _ in out.values()} - {"local_landing", "legit"})
    if odd:
        raise SystemExit(f"{tsv}: readings {odd}, expected local_landing or legit")
    return out


def report(rows: list[dict], reading: dict[str, tuple[str, str]]) -> dict:
    """Per set and combination: fires, split by our reading (local_landing / legit / unread)."""
    out: dict = {}
    for name in dict.fromkeys(r["set"] for r in rows):
        mine = [r for r in rows if r["set"] == name]
        table = {"pages": len(mine)}
        for combo, needs in COMBINATIONS.items():
            fired = [r for r in mine if all(r[s] for s in needs)]
            split = Counter(reading.get(r["url"], ("unread",))[0] for r in fired)
            table[combo] = {"fires": len(fired), **split,
                            "local_landing_sites": len({urlsplit(r["url"]).hostname for r in fired
                                                        if reading.get(r["url"], ("",))[0] == "local_landing"})}
        out[name] = table
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--crawl-extra", type=Path, help="also the WARC files of this folder (crawl13)")
    ap.add_argument("--reading", type=Path, default=HERE / "langid_data" / "local_landing_labels.tsv")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    if not (args.data / "extraction" / "wcxb-dev").is_dir():
        raise SystemExit(f"{args.data}: no extraction/wcxb-dev under it (give --data)")
    rows = measure(args.data, args.crawl_extra)
    reading = read_reading(args.reading)
    print("pages where S1 fires (S1..S5, place, its count outside the matching line, words):")
    for r in rows:
        if r["S1"]:
            flags = "".join(str(int(r[s])) for s in ("S1", "S2", "S3", "S4", "S5"))
            judged = reading.get(r["url"], ("unread", ""))
            print(f"  {r['set']:<11} {flags} {judged[0]:<13} {r['url'][:90]} | {r['title'][:60]} | "
                  f"{r['preposition']} {r['place']!r} x{r['place_count']} | {r['words']} words")
    result = report(rows, reading)
    print("\nfires per set and combination (of them: read as local_landing / legit / unread; local_landing sites):")
    for name, table in result.items():
        print(f"  {name} ({table['pages']} pages)")
        for combo in COMBINATIONS:
            c = table[combo]
            print(f"    {combo:<30} {c['fires']:>4}  local_landing {c.get('local_landing', 0)} "
                  f"legit {c.get('legit', 0)} unread {c.get('unread', 0)}  sites {c['local_landing_sites']}")
    rule = COMBINATIONS["S1+S2+S3+S4 (candidate rule)"]
    fired = {r["url"] for r in rows if all(r[s] for s in rule)}
    seen = {r["url"] for r in rows}
    print("\npages read as local_landing that the candidate rule does not fire on:")
    for url, (judged, note) in reading.items():
        if judged == "local_landing" and url in seen and url not in fired:
            print(f"  {url[:90]} | {note}")
    if args.json:
        args.json.write_text(json.dumps({"per_set": result, "pages": [r for r in rows if r["S1"]]}, indent=1))


if __name__ == "__main__":
    main()
