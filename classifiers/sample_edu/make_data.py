"""Write the sample_edu training data from the project's own sample_data/ (no outside text).

    python classifiers/sample_edu/make_data.py            # rewrites data/hq.jsonl and data/lq.jsonl

Every HTML page of ``sample_data/web`` (the three WARC files and the standalone pages) is read with
our readers (``WarcReader``, ``HtmlReader``), its main text extracted with ``extract_main_text`` (the
pipeline's extractor and options), and labelled by ``sample_data/truth.json``:

* ``data/hq.jsonl``: pages of kind ``edu`` (science, maths, history, programming, economics
  articles in English and nine other languages);
* ``data/lq.jsonl``: pages of kind ``web`` (news, sport, recipe, travel, review, gossip, garden
  blog), ``spam`` and ``thin``.

Planted duplicates (``duplicate_of`` in truth.json) are left out, so that no article is both in the
training and the held-out split; ``odd`` records and pages whose extraction is empty are left out
too (printed). Rows are ``{id, url, kind, language, text}`` in WARC order, so the output is the
same on every run with the same trafilatura version.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SAMPLE = ROOT / "sample_data"
HQ_KINDS = {"edu"}
LQ_KINDS = {"web", "spam", "thin"}


def pages() -> list[dict]:
    """Every labelled page of sample_data with its extracted main text, in file order."""
    sys.path.insert(0, str(ROOT))
    from curation.extract.html_to_text import extract_main_text
    from curation.readers.html import HtmlReader
    from curation.readers.warc import WarcReader

    truth = json.loads((SAMPLE / "truth.json").read_text(encoding="utf-8"))
    by_url = {p["url"]: p for p in truth["pages"]}
    out = []
    for rel in truth["warc_files"]:
        for doc in WarcReader(str(SAMPLE / rel)).run():
            page = by_url.get(doc.metadata["url"])
            if page is None or page.get("duplicate_of") or page["kind"] not in HQ_KINDS | LQ_KINDS:
                continue
            out.append({"id": page["id"], "url": page["url"], "kind": page["kind"], "language": page["language"],
                        "text": extract_main_text(doc.text, page["url"])})
    for page in truth["standalone_pages"]:
        for doc in HtmlReader(str(SAMPLE / page["path"])).run():
            out.append({"id": Path(page["path"]).name.split(".")[0], "url": None, "kind": page["kind"],
                        "language": page["language"], "text": extract_main_text(doc.text)})
    return out


def main(out_dir: Path = HERE / "data") -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    rows = pages()
    for name, kinds in (("hq.jsonl", HQ_KINDS), ("lq.jsonl", LQ_KINDS)):
        chosen = [r for r in rows if r["kind"] in kinds and r["text"].strip()]
        with open(out_dir / name, "w", encoding="utf-8", newline="\n") as f:
            for r in chosen:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
        print(f"{out_dir / name}: {len(chosen)} pages")
    for r in rows:
        if not r["text"].strip():
            print(f"left out (empty extraction): {r['id']}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "data")
