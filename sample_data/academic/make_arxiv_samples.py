#!/usr/bin/env python3
"""Deterministically (re)write our own small arXiv samples.

    python sample_data/academic/make_arxiv_samples.py [OUT_DIR]   # default: the folder of this script

Writes ``arxiv/metadata.jsonl`` (8 records in the Kaggle snapshot format plus 2 bad lines on purpose,
then 41 records whose archives follow real arXiv's skew: ``arxiv_records_more.py``)
and three e-prints in ``arxiv/latex/``: ``2601.00001.gz`` (one gzip'd .tex), ``2601.00002.tar.gz``
(a multi-file tar.gz: \\input, macros, theorem, align, table, .bbl, a missing \\input, an old draft
and macOS junk) and ``2601.00003.gz`` (a gzip'd tar under a .gz name, with \\include, lists and
verbatim). Every byte depends only on this folder's text: gzip mtime 0, tar mtime fixed, sorted
members, numeric owner 0. Only the standard library is used.
"""

from __future__ import annotations

import gzip
import io
import json
import sys
import tarfile
import textwrap
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

_HERE = Path(__file__).resolve().parent
if str(_HERE) not in sys.path:
    sys.path.insert(0, str(_HERE))

from arxiv_papers import (PAPER1, PAPER2_ABSTRACT, PAPER2_BBL, PAPER2_INTRO, PAPER2_MACROS,  # noqa: E402
                          PAPER2_MAIN, PAPER2_METHOD, PAPER2_OLD_DRAFT, PAPER3_MAIN, PAPER3_RESULTS)
from arxiv_records import RECORDS  # noqa: E402
from arxiv_records_more import COUNTS, PAPERS  # noqa: E402

TAR_MTIME = 1767225600  # 2026-01-01T00:00:00Z
METADATA = "arxiv/metadata.jsonl"
EPRINTS = ["arxiv/latex/2601.00001.gz", "arxiv/latex/2601.00002.tar.gz", "arxiv/latex/2601.00003.gz"]
#: Line numbers (1-based) of the bad lines in metadata.jsonl and why they are bad.
BAD_LINES = {4: "bad_json", 8: "missing_abstract"}
#: An AppleDouble resource fork as macOS tar leaves it (header only; our own bytes).
APPLE_DOUBLE = b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X        " + bytes(16)
FAKE_PDF = b"%PDF-1.4\n% a placeholder figure written by the sample generator\n%%EOF\n"


def kaggle_abstract(text: str) -> str:
    """Wrapped as in the snapshot: two leading spaces, ~80 columns, an indented line per new paragraph."""
    paras = [textwrap.fill(p, width=79, break_long_words=False, break_on_hyphens=False) for p in text.split("\n")]
    return "  " + "\n  ".join(paras) + "\n"


_LICENSES = ["http://arxiv.org/licenses/nonexclusive-distrib/1.0/", "http://creativecommons.org/licenses/by/4.0/",
             None, "http://creativecommons.org/licenses/by-nc-sa/4.0/"]
_COMMENTS = ["12 pages, 4 figures", None, "8 pages", "21 pages, 6 figures, 2 tables", "Submitted", None, "15 pages"]


def _author_list(names: list[tuple[str, str]]) -> str:
    full = [f"{first} {last}" for first, last in names]
    return full[0] if len(full) == 1 else ", ".join(full[:-1]) + " and " + full[-1]


def skewed_records() -> list[dict]:
    """``PAPERS`` as records (ids 2602.00101...; one version each, dates from 1 Feb 2026), checked
    against ``COUNTS``, the per-archive counts they were written to."""
    got = Counter(cats.split()[0].split(".")[0] for cats, _, _, _ in PAPERS)
    if got != Counter(COUNTS):
        raise SystemExit(f"arxiv_records_more.PAPERS per archive {dict(got)} != COUNTS {COUNTS}")
    out = []
    for i, (cats, title, names, abstract) in enumerate(PAPERS):
        day = date(2026, 2, 1) + timedelta(days=i % 28)
        created = f"{day.strftime('%a')}, {day.day} Feb 2026 {8 + i % 9:02d}:{(7 * i) % 60:02d}:00 GMT"
        out.append({
            "id": f"2602.{101 + i:05d}", "submitter": f"{names[0][0]} {names[0][1]}", "authors": _author_list(names),
            "parsed": [[last, first, ""] for first, last in names], "title": title,
            "comments": _COMMENTS[i % len(_COMMENTS)], "journal-ref": None, "doi": None, "categories": cats,
            "license": _LICENSES[i % len(_LICENSES)], "created": [created], "abstract": abstract,
            "update_date": day.isoformat(),
        })
    return out


def metadata_lines() -> list[str]:
    lines = []
    for rec in RECORDS + skewed_records():
        versions = [{"version": f"v{i + 1}", "created": c} for i, c in enumerate(rec["created"])]
        update = rec.get("update_date") or "2026-01-%02d" % (int(rec["id"][-1]) + (9 if len(versions) > 1 else 0))
        out = {
            "id": rec["id"], "submitter": rec["submitter"], "authors": rec["authors"], "title": rec["title"],
            "comments": rec["comments"], "journal-ref": rec["journal-ref"], "doi": rec["doi"], "report-no": None,
            "categories": rec["categories"], "license": rec["license"], "abstract": kaggle_abstract(rec["abstract"]),
            "versions": versions, "update_date": update, "authors_parsed": rec["parsed"],
        }
        lines.append(json.dumps(out, ensure_ascii=True, separators=(",", ":")))
    bad_json = lines[3][: len(lines[3]) // 2]  # a line cut in the middle, as a crashed export leaves it
    no_abstract = json.loads(lines[6])
    no_abstract.update(id="2601.00099", abstract=None)
    lines.insert(3, bad_json)
    lines.insert(7, json.dumps(no_abstract, ensure_ascii=True, separators=(",", ":")))
    return lines


def _tar(members: dict[str, bytes], dirs: list[str] = ()) -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.USTAR_FORMAT) as tar:
        entries = sorted([(d, None) for d in dirs] + list(members.items()))
        for name, data in entries:
            info = tarfile.TarInfo(name)
            info.mtime, info.uid, info.gid, info.uname, info.gname = TAR_MTIME, 0, 0, "", ""
            if data is None:
                info.type, info.mode = tarfile.DIRTYPE, 0o755
                tar.addfile(info)
            else:
                info.size, info.mode = len(data), 0o644
                tar.addfile(info, io.BytesIO(data))
    return buf.getvalue()


def _gzip(data: bytes) -> bytes:
    return gzip.compress(data, compresslevel=9, mtime=0)


def eprints() -> dict[str, bytes]:
    paper2 = {
        "main.tex": PAPER2_MAIN, "macros.tex": PAPER2_MACROS, "sections/abstract.tex": PAPER2_ABSTRACT,
        "sections/intro.tex": PAPER2_INTRO, "sections/method.tex": PAPER2_METHOD, "old/draft.tex": PAPER2_OLD_DRAFT,
        "main.bbl": PAPER2_BBL,
    }
    members2 = {k: v.encode("utf-8") for k, v in paper2.items()}
    members2.update({"._main.tex": APPLE_DOUBLE, "figures/speed.pdf": FAKE_PDF})
    members3 = {"main.tex": PAPER3_MAIN.encode("utf-8"), "results.tex": PAPER3_RESULTS.encode("utf-8")}
    return {
        EPRINTS[0]: _gzip(PAPER1.encode("utf-8")),
        EPRINTS[1]: _gzip(_tar(members2, dirs=["figures", "old", "sections"])),
        EPRINTS[2]: _gzip(_tar(members3)),
    }


def generate(out_dir: Path) -> list[str]:
    """Write every sample file under ``out_dir``; the relative paths written."""
    files = {METADATA: ("\n".join(metadata_lines()) + "\n").encode("ascii"), **eprints()}
    for rel, data in files.items():
        path = out_dir / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return sorted(files)


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else _HERE
    for rel in generate(target):
        print(target / rel)
