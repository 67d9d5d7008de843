"""A repository's files in memory, safely: a ``.tar.gz``/``.tar`` (``git archive``), a ``.zip`` or a
checked-out folder.

Tarballs go through the e-print reader's guarded tar code (``curation.academic.safe_tar``: capped
inflation, no ``../``, no absolute names, no links or devices), zips and folders get the same rules
here. Nothing is written to disk. A refused member is a counted skip; the rest of the repository is
read. A single top-level folder (``click/…`` in ``git archive --prefix``) is stripped from the paths.
"""

from __future__ import annotations

import os
import posixpath
import stat
import zipfile
from dataclasses import dataclass, field

import fsspec

from curation.academic.safe_tar import Limits, is_junk, read_eprint, unsafe_reason

#: Folders that hold a VCS's own state, never repository content.
VCS_DIRS = {".git", ".hg", ".svn"}
#: A zip member whose data inflates more than this many times over its compressed size is a bomb.
MAX_ZIP_RATIO = 200


@dataclass
class Repository:
    """Files read (repository-relative path -> bytes, in archive order) and what went wrong."""

    files: dict[str, bytes] = field(default_factory=dict)
    skipped: list[tuple[str, str, str]] = field(default_factory=list)  # (member, reason, detail)
    junk: int = 0
    commit: str | None = None
    root: str | None = None  # the stripped top-level folder
    error: tuple[str, str] | None = None  # (reason, detail) that stopped reading


def kind_of(path: str) -> str:
    """``tar``, ``zip`` or ``folder``, from the path alone (the tar compression is sniffed later)."""
    if path.split("?", 1)[0].rstrip("/").lower().endswith(".zip"):
        return "zip"
    return "folder" if "://" not in path and os.path.isdir(path) else "tar"


def read_repository(path: str, limits: Limits) -> Repository:
    """Every regular file of the repository at ``path``; never raises on bad data (errors are in the result)."""
    kind = kind_of(path)
    if kind == "folder":
        repo = _read_folder(path, limits)
    else:
        repo = Repository()
        try:
            with fsspec.open(path, "rb") as f:
                if kind == "zip":
                    _read_zip(f, repo, limits)
                else:
                    ep = read_eprint(f, posixpath.basename(path), limits, keep=lambda name: True)
                    if not ep.is_tar:  # one plain or gzip'd file is no repository
                        ep.members, ep.error = {}, ep.error or ("not_an_archive", "neither a tar, a gzip'd tar nor a zip")
                    repo.files, repo.skipped, repo.junk = ep.members, ep.skipped, ep.junk
                    repo.commit, repo.error = ep.comment, ep.error
        except (OSError, ValueError) as e:
            repo.error = ("unreadable", f"{type(e).__name__}: {e}")
    _strip_root(repo)
    return repo


def _strip_root(repo: Repository) -> None:
    """Drop one top-level folder every file shares, and VCS folders anywhere (counted as junk)."""
    kept = {}
    for name, data in repo.files.items():
        if any(part in VCS_DIRS for part in name.split("/")[:-1]) or is_junk(name):
            repo.junk += 1
        else:
            kept[name] = data
    heads = {name.split("/", 1)[0] for name in kept}
    if len(heads) == 1 and all("/" in name for name in kept):
        repo.root = heads.pop()
        kept = {name.split("/", 1)[1]: data for name, data in kept.items()}
    repo.files = kept


def _read_zip(f, repo: Repository, limits: Limits) -> None:
    try:
        zf = zipfile.ZipFile(f)
    except (zipfile.BadZipFile, OSError) as e:
        repo.error = ("corrupt", f"zip: {e}")
        return
    total = 0
    infos = zf.infolist()
    if len(infos) > limits.max_members:
        repo.error = ("too_many_members", f"{len(infos)} > {limits.max_members} members")
        return
    repo.commit = _zip_commit(zf.comment)
    for info in infos:
        name = posixpath.normpath(info.filename.replace("\\", "/"))
        if info.is_dir():
            continue
        reason = unsafe_reason(info.filename)
        mode = info.external_attr >> 16
        if reason:
            repo.skipped.append((info.filename, reason, "would be written outside the repository folder"))
        elif stat.S_ISLNK(mode):
            repo.skipped.append((name, "symlink", "a link member"))
        elif stat.S_IFMT(mode) not in (0, stat.S_IFREG):  # zips from Windows carry no file type
            repo.skipped.append((name, "special_member", "device, FIFO or other non-regular member"))
        elif info.file_size > limits.max_member_bytes:
            repo.skipped.append((name, "member_too_large", f"{info.file_size} > {limits.max_member_bytes} bytes"))
        elif info.compress_size and info.file_size / info.compress_size > MAX_ZIP_RATIO:
            repo.skipped.append((name, "zip_bomb", f"inflates {info.file_size / info.compress_size:.0f}x"))
        else:
            total += info.file_size
            if total > limits.max_total_bytes:
                repo.error = ("archive_too_large", f"more than {limits.max_total_bytes} bytes uncompressed")
                return
            try:
                with zf.open(info) as member:  # the declared size can lie: read at most one byte past the cap
                    data = member.read(limits.max_member_bytes + 1)
            except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError) as e:
                repo.skipped.append((name, "corrupt_member", f"{type(e).__name__}: {e}"))
                continue
            if len(data) > limits.max_member_bytes:
                repo.skipped.append((name, "member_too_large", f"more than {limits.max_member_bytes} bytes"))
                continue
            repo.files[name] = data


def _zip_commit(comment: bytes) -> str | None:
    """``git archive --format=zip`` writes the commit id as the zip comment."""
    text = comment.decode("ascii", "replace").strip()
    return text if len(text) == 40 and all(c in "0123456789abcdef" for c in text) else None


def _read_folder(path: str, limits: Limits) -> Repository:
    repo = Repository(commit=folder_commit(path))
    base = os.path.abspath(path)
    total = count = 0
    for here, dirs, names in os.walk(base, followlinks=False):
        rel_dir = os.path.relpath(here, base)
        for d in sorted(dirs):
            full = os.path.join(here, d)
            if os.path.islink(full):
                repo.skipped.append((_rel(rel_dir, d), "symlink", f"-> {os.readlink(full)}"))
        dirs[:] = sorted(d for d in dirs if d not in VCS_DIRS and not os.path.islink(os.path.join(here, d)))
        for n in sorted(names):
            full, rel = os.path.join(here, n), _rel(rel_dir, n)
            st = os.lstat(full)
            count += 1
            if count > limits.max_members:
                repo.error = ("too_many_members", f"more than {limits.max_members} files")
                return repo
            if stat.S_ISLNK(st.st_mode):
                repo.skipped.append((rel, "symlink", f"-> {os.readlink(full)}"))
            elif not stat.S_ISREG(st.st_mode):
                repo.skipped.append((rel, "special_member", "device, FIFO or socket"))
            elif st.st_size > limits.max_member_bytes:
                repo.skipped.append((rel, "member_too_large", f"{st.st_size} > {limits.max_member_bytes} bytes"))
            else:
                total += st.st_size
                if total > limits.max_total_bytes:
                    repo.error = ("archive_too_large", f"more than {limits.max_total_bytes} bytes")
                    return repo
                with open(full, "rb") as fh:
                    repo.files[rel] = fh.read(limits.max_member_bytes + 1)
    return repo


def _rel(rel_dir: str, name: str) -> str:
    return name if rel_dir == "." else f"{rel_dir.replace(os.sep, '/')}/{name}"


def folder_commit(path: str) -> str | None:
    """The checked-out commit of a git work tree (``.git/HEAD``, loose or packed ref), else None."""
    git = os.path.join(path, ".git")
    try:
        with open(os.path.join(git, "HEAD"), encoding="ascii") as fh:
            head = fh.read().strip()
        if not head.startswith("ref: "):
            return head or None
        ref = head[5:]
        ref_file = os.path.join(git, *ref.split("/"))
        if os.path.isfile(ref_file):
            with open(ref_file, encoding="ascii") as fh:
                return fh.read().strip() or None
        with open(os.path.join(git, "packed-refs"), encoding="ascii") as fh:
            for line in fh:
                sha, _, name = line.strip().partition(" ")
                if name == ref:
                    return sha
    except (OSError, UnicodeDecodeError):
        return None
    return None


def is_repository_folder(fs, path: str) -> bool:
    """Whether a folder given as a ``code`` input is one checked-out repository (it has ``.git``, or no
    archive directly inside it) rather than a folder of repository archives."""
    names = [p.rstrip("/").rsplit("/", 1)[-1] for p in fs.ls(path, detail=False)]
    if ".git" in names:
        return True
    return not any(n.lower().endswith((".tar.gz", ".tgz", ".tar", ".zip")) for n in names)
