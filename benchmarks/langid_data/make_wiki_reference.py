"""Build the non-English Wikipedia reference articles (run once, output committed).

Source: ssvb/xztextfilter @ 242abcf4a2b740fe772e6ff391f8918b3b9d34bd, ``testfiles/<lang>wiki-truncated-100k.xml.xz``:
the first 100,000 lines of the 2023-05 ``pages-articles-multistream`` dumps of seven Wikipedias
(bn, el, hy, ja, mr, uk, vi), content CC BY-SA 4.0 (Wikipedia contributors). Each dump is read with
our own reader (curation.readers.wikipedia: local namespaces, headings, redirects), as the pipeline
reads a dump, and the first ``PER_LANGUAGE`` articles in dump order with at least ``MIN_CHARS``
characters of prose are kept (stubs are left out: Gopher's and C4's short-document rules drop them by
design, in every language). A long article is cut after the line that crosses ``MAX_CHARS`` (keeps
the file small; the rules are line and share based). Articles alternate between the ``tune`` part
(thresholds are chosen on it: make_quality_lists.py) and the ``check`` part (never read for a rule).
``kind`` is ``list`` for a list article, named so by its Wikipedia's convention (``LIST_WORDS``, the
local "List of ..."): the list/footer rules are meant to drop those, so they are counted apart.

    python benchmarks/langid_data/make_wiki_reference.py /path/to/xztextfilter-checkout
"""

from __future__ import annotations

import gzip
import json
import lzma
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

COMMIT = "242abcf4a2b740fe772e6ff391f8918b3b9d34bd"
LANGUAGES = ("bn", "el", "hy", "ja", "mr", "uk", "vi")
#: each Wikipedia's word for its list articles ("List of ...", "... 一覧")
LIST_WORDS = {"bn": "তালিকা", "el": "Κατάλογος", "hy": "ցանկ", "ja": "一覧", "mr": "यादी", "uk": "Список", "vi": "Danh sách"}
PER_LANGUAGE, MIN_CHARS, MAX_CHARS = 60, 1000, 3000


def cut(text: str, limit: int = MAX_CHARS) -> str:
    out, n = [], 0
    for line in text.splitlines():
        out.append(line)
        n += len(line) + 1
        if n >= limit:
            break
    return "\n".join(out)


def articles(repo: Path, language: str) -> list[dict]:
    from curation.readers.wikipedia import WikipediaReader

    blob = subprocess.run(["git", "-C", str(repo), "show", f"{COMMIT}:testfiles/{language}wiki-truncated-100k.xml.xz"],
                          check=True, capture_output=True).stdout
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"{language}wiki-truncated-100k.xml"
        path.write_bytes(lzma.decompress(blob))
        rows = []
        for doc in WikipediaReader(str(path)).run():
            if len(doc.text) >= MIN_CHARS:
                part = "tune" if len(rows) % 2 == 0 else "check"
                title = doc.text.split("\n", 1)[0]
                kind = "list" if LIST_WORDS[language].lower() in title.lower() else "article"
                rows.append({"language": language, "part": part, "kind": kind, "title": title,
                             "url": doc.metadata.get("url"), "text": cut(doc.text)})
            if len(rows) == PER_LANGUAGE:
                break
    return rows


def main() -> None:
    repo = Path(sys.argv[1])
    out = Path(__file__).with_name("wiki_reference.jsonl.gz")
    with gzip.GzipFile(out, "wb", mtime=0) as raw:
        for language in LANGUAGES:
            for row in articles(repo, language):
                raw.write((json.dumps(row, ensure_ascii=False) + "\n").encode("utf-8"))
    print(out, out.stat().st_size, "bytes")


if __name__ == "__main__":
    main()
