"""One repository (``.tar.gz``/``.tgz``/``.tar``, ``.zip`` or a checked-out folder) -> one Document per file.

The archive is read in memory by ``curation.code.archive`` (refused members, caps and truncation
are counted skips; the rest of the repository is read), the licence is decided once per
repository (``curation.code.license``), and each file becomes a document through
``curation.code.documents``. ``license:`` in the options overrides detection (an SPDX expression),
``repo:`` names the repository (default: the archive's top folder, else the file name).
"""

from __future__ import annotations

import re

from datatrove.data import Document

from curation.academic.safe_tar import Limits
from curation.code.archive import read_repository
from curation.code.documents import Skip, file_documents
from curation.code.license import normalise, repository_license
from curation.core.step import CurationStep
from curation.readers._common import file_label

_ARCHIVE_SUFFIX = re.compile(r"(\.tar\.gz|\.tgz|\.tar|\.zip)$", re.I)


class CodeRepositoryReader(CurationStep):
    """Reads one repository; counts files by language and licence, skips bad members with a reason."""

    name = "code reader"
    type = "reader"

    def __init__(self, path: str, source: str = "code", rel_path: str | None = None,
                 max_member_bytes: int = 1_000_000, max_total_bytes: int = 500_000_000, max_members: int = 100_000,
                 repo: str | None = None, license: str | None = None) -> None:
        super().__init__()
        for option, value in (("max_member_bytes", max_member_bytes), ("max_total_bytes", max_total_bytes),
                              ("max_members", max_members)):
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise ValueError(f"code reader option {option!r} must be a positive integer, got {value!r}")
        if license is not None and normalise(license) is None:
            raise ValueError(f"code reader option 'license' must be an SPDX expression, got {license!r}")
        self.path, self.source, self.repo = path, source, repo
        self.file = file_label(path.rstrip("/"), rel_path)
        self.limits = Limits(max_member_bytes, max_total_bytes, max_members)
        self.license = normalise(license) if license else None

    def run(self, data=None, rank: int = 0, world_size: int = 1):
        if data:
            yield from data
        repo = read_repository(self.path, self.limits)
        for member, reason, detail in repo.skipped:
            self.skip(f"{self.file}#{member}", reason, detail)
        if repo.junk:
            self.stat_update("junk_members", value=repo.junk)
        if repo.error:
            self.skip(self.file, *repo.error)
        name = self.repo or repo.root or _ARCHIVE_SUFFIX.sub("", self.file.rsplit("/", 1)[-1])
        lic = repository_license(repo.files)
        spdx = self.license or lic.spdx
        self.stat_update(f"license_{spdx or 'unknown'}")
        if lic.unrecognised:
            self.stat_update("license_file_unrecognised", value=len(lic.unrecognised))
        common = {"url": None, "source": self.source, "file": self.file, "repo": name, "commit": repo.commit,
                  "license": spdx, "license_how": "recipe" if self.license else lic.how, "language": None}
        for item in file_documents(repo.files):
            if isinstance(item, Skip):
                self.skip(f"{self.file}#{item.path}", item.reason, item.detail)
                continue
            path, text, meta = item
            self.stat_update("documents")
            self.stat_update(f"language_{meta['code_language'] or 'unknown'}")
            if meta["vendored"]:
                self.stat_update(f"marked_{meta['vendored']}")
            doc = Document(text=text, id=f"{name}@{(repo.commit or 'nocommit')[:12]}/{path}", metadata={**common, **meta})
            self.update_doc_stats(doc)
            yield doc
