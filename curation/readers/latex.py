"""One arXiv LaTeX e-print (``<id>.gz``, ``<id>.tar.gz``) -> one Document of plain text.

The archive is opened in memory with ``curation.academic.safe_tar`` (refused members are skipped
one by one, the rest is used), the main file is chosen and its ``\\input``s inlined, and the LaTeX is
converted by ``curation.academic.latex_text``. A cut archive still gives a document when the part
read holds the paper; ``truncated`` is counted either way.
"""

from __future__ import annotations

import re

import fsspec
from datatrove.data import Document

from curation.academic.latex_source import choose_main, decode, flatten, strip_comments
from curation.academic.latex_text import latex_to_text
from curation.academic.safe_tar import Limits, read_eprint
from curation.core.step import CurationStep
from curation.readers._common import encodable, file_label

#: e-print names: 2004.14974.gz, 2004.14974v2.tar.gz, 1801.03879-1.tar.gz, hep-th9901001.gz
_EPRINT_NAME = re.compile(r"^(?P<new>\d{4}\.\d{4,5})?(?P<old>[a-z-]+\d{7})?(?P<v>v\d+)?(-\d+)?"
                          r"(\.tar)?(\.(gz|tgz|tex))?$")
_NOT_LATEX = (b"%PDF", b"%!PS", b"<!DOCTYPE", b"<html", b"PK\x03\x04")
DEFAULT_LICENSE = "arXiv non-exclusive licence (see arxiv.org)"


def arxiv_id(filename: str) -> str | None:
    """The arXiv identifier an e-print's file name stands for (old ids get their slash back)."""
    m = _EPRINT_NAME.match(filename)
    if not m or not (m.group("new") or m.group("old")):
        return None
    if m.group("new"):
        return m.group("new") + (m.group("v") or "")
    old = m.group("old")
    return f"{old[:-7]}/{old[-7:]}" + (m.group("v") or "")


class LatexReader(CurationStep):
    """Reads one e-print; unsafe members, caps hit, truncation and unusable LaTeX are counted skips."""

    name = "latex reader"
    type = "reader"

    def __init__(self, path: str, source: str = "arxiv", rel_path: str | None = None,
                 max_member_bytes: int = 20_000_000, max_total_bytes: int = 200_000_000, max_members: int = 5_000,
                 license: str = DEFAULT_LICENSE, min_words: int = 10) -> None:
        super().__init__()
        for option, value in (("max_member_bytes", max_member_bytes), ("max_total_bytes", max_total_bytes),
                              ("max_members", max_members), ("min_words", min_words)):
            if not isinstance(value, int) or isinstance(value, bool) or value < (0 if option == "min_words" else 1):
                raise ValueError(f"latex reader option {option!r} must be a positive integer, got {value!r}")
        if not isinstance(license, str) or not license.strip():
            raise ValueError("latex reader option 'license' must be a non-empty string")
        self.path, self.source = path, source
        self.file = file_label(path, rel_path)
        self.limits = Limits(max_member_bytes, max_total_bytes, max_members)
        self.license, self.min_words = license, min_words
        self.basename = path.split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1]
        self.arxiv_id = arxiv_id(self.basename)

    def run(self, data=None, rank: int = 0, world_size: int = 1):
        if data:
            yield from data
        stem = (self.arxiv_id or self.basename.split(".", 1)[0]).replace("/", "")
        try:
            with fsspec.open(self.path, "rb") as f:  # no compression from the name: the content is sniffed
                ep = read_eprint(f, f"{stem}.tex", self.limits)
        except Exception as e:  # noqa: BLE001 - any failure to open or read is a skip, never fatal
            self.skip(self.file, "unreadable", f"{type(e).__name__}: {e}")
            return
        for member, reason, detail in ep.skipped:
            self.skip(f"{self.file}#{member}", reason, detail)
        if ep.junk:
            self.stat_update("junk_members", value=ep.junk)
        if ep.error:
            self.skip(self.file, *ep.error)
        doc = self._document(ep)
        if doc is not None:
            self.stat_update("documents")
            self.update_doc_stats(doc)
            yield doc

    def _document(self, ep) -> Document | None:
        texts, bbls = {}, {}
        for name, raw in ep.members.items():
            if not ep.is_tar and raw.lstrip()[:9].startswith(_NOT_LATEX):
                self.skip(self.file, "not_latex", f"the e-print holds {raw.lstrip()[:8]!r}, not LaTeX")
                return None
            text, utf8 = decode(raw)
            if not utf8:
                self.stat_update("not_utf8_members")
            (bbls if name.endswith(".bbl") else texts)[name] = text if name.endswith(".bbl") else strip_comments(text)
        if not texts:
            if not ep.error:
                self.skip(self.file, "no_main_file", "no LaTeX file in the e-print")
            return None
        main = choose_main(texts, ep.names)
        if main is None or "\\" not in texts[main]:
            self.skip(self.file, "no_main_file", "no file with \\documentclass and \\begin{document}")
            return None
        stem = main.rsplit(".", 1)[0]
        bbl = bbls.get(stem + ".bbl") or (next(iter(bbls.values())) if len(bbls) == 1 else "")
        try:
            flat = flatten(main, texts)
            res = latex_to_text(flat.source, bbl=bbl, comments=False)
        except (RecursionError, ValueError, IndexError, KeyError) as e:  # a converter bug must not stop the run
            self.skip(self.file, "unconvertible", f"{type(e).__name__}: {e}")
            return None
        if flat.missing:
            self.stat_update("missing_input", value=len(flat.missing))
        if flat.cycles:
            self.stat_update("input_cycle", value=flat.cycles)
        unbalanced = res.unbalanced_braces + (not flat.balanced)
        if unbalanced:
            self.stat_update("unbalanced_braces")
        if res.macro_limit:
            self.stat_update("macro_expansion_limit")
        if len(res.text.split()) < max(1, self.min_words) or not encodable(res.text):
            self.skip(self.file, "no_text", f"{len(res.text.split())} words left after conversion")
            return None
        meta = {
            "url": f"https://arxiv.org/abs/{self.arxiv_id}" if self.arxiv_id else None,
            "source": self.source, "file": self.file, "license": self.license, "arxiv_id": self.arxiv_id,
            "title": res.title, "main_file": main, "files": list(ep.names), "included_files": flat.included,
            "missing_inputs": flat.missing, "skipped_members": len(ep.skipped),
            "truncated": bool(ep.error and ep.error[0] == "truncated"), "unbalanced_braces": unbalanced,
        }
        doc_id = f"arxiv:{self.arxiv_id}" if self.arxiv_id else f"latex:{self.file}"
        return Document(text=res.text, id=doc_id, metadata=meta)
