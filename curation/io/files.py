"""Atomic, checksummed file writes through fsspec: a reader never sees half a file.

Local files are also durable before they are visible: the temp file is fsynced, renamed over the
final name in one step (the old file stays until the new one replaces it), and the folder fsynced,
so a completion marker written after its outputs never outlives them, even across a power cut.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import uuid
from typing import Any

import fsspec
import pyarrow as pa
import pyarrow.parquet as pq
from fsspec.implementations.local import LocalFileSystem

PARQUET_OPTIONS = dict(compression="zstd", compression_level=3, use_dictionary=True, write_statistics=True)


def fs_and_path(url: str) -> tuple[fsspec.AbstractFileSystem, str]:
    fs, path = fsspec.core.url_to_fs(url)
    return fs, path


def join(base: str, *parts: str) -> str:
    return "/".join([base.rstrip("/"), *parts])


def _sync(fh: Any) -> None:
    """Push a local file's bytes to disk (object stores are durable once the upload closes)."""
    try:
        fh.flush()
        os.fsync(fh.fileno())
    except (AttributeError, OSError, ValueError, io.UnsupportedOperation):
        pass


def _commit(fs: fsspec.AbstractFileSystem, tmp: str, final: str) -> None:
    if isinstance(fs, LocalFileSystem):
        os.replace(tmp, final)  # atomic: ``final`` is the old file or the new one, never missing
        with contextlib.suppress(OSError):
            fd = os.open(os.path.dirname(final) or ".", os.O_RDONLY)
            try:
                os.fsync(fd)  # the rename itself is on disk
            finally:
                os.close(fd)
        return
    if fs.exists(final):
        fs.rm(final)
    fs.mv(tmp, final)


def tmp_name(path: str) -> str:
    head, _, tail = path.rpartition("/")
    return f"{head}/.{tail}.{uuid.uuid4().hex[:8]}.tmp"


#: For files a later phase reads once and deletes: fast to write and read, size matters less.
SCRATCH_OPTIONS = dict(PARQUET_OPTIONS, compression="lz4", compression_level=None)


def write_parquet_atomic(table: pa.Table, url: str, row_group_rows: int = 10_000, scratch: bool = False) -> None:
    """Write ``table`` to ``url`` via a temp file and a rename; same table and options -> same bytes."""
    fs, path = fs_and_path(url)
    fs.makedirs(path.rpartition("/")[0], exist_ok=True)
    tmp = tmp_name(path)
    with fs.open(tmp, "wb") as fh:
        pq.write_table(table, fh, row_group_size=max(1, row_group_rows), **(SCRATCH_OPTIONS if scratch else PARQUET_OPTIONS))
        _sync(fh)
    _commit(fs, tmp, path)


class ParquetStream:
    """Row groups appended as they come (bounded memory), published by rename on ``close``."""

    def __init__(self, url: str, schema: pa.Schema) -> None:
        self.fs, self.path = fs_and_path(url)
        self.fs.makedirs(self.path.rpartition("/")[0], exist_ok=True)
        self.tmp = tmp_name(self.path)
        self._fh = self.fs.open(self.tmp, "wb")
        self._writer = pq.ParquetWriter(self._fh, schema, **PARQUET_OPTIONS)

    def write(self, table: pa.Table) -> None:
        self._writer.write_table(table, row_group_size=max(1, table.num_rows))

    def close(self) -> None:
        self._writer.close()
        _sync(self._fh)
        self._fh.close()
        _commit(self.fs, self.tmp, self.path)

    def abort(self) -> None:
        with contextlib.suppress(Exception):
            self._writer.close()
            self._fh.close()
            self.fs.rm(self.tmp)


def write_json_atomic(obj: Any, url: str) -> None:
    fs, path = fs_and_path(url)
    fs.makedirs(path.rpartition("/")[0], exist_ok=True)
    tmp = tmp_name(path)
    with fs.open(tmp, "w") as fh:
        json.dump(obj, fh, indent=2, sort_keys=True, ensure_ascii=False)
        fh.write("\n")
        _sync(fh)
    _commit(fs, tmp, path)


def read_json(url: str) -> Any:
    with fsspec.open(url, "r") as fh:
        return json.load(fh)


def file_digest(url: str, chunk: int = 1 << 20) -> tuple[int, str]:
    """(size in bytes, sha256 hex) of a file, streamed."""
    h = hashlib.sha256()
    size = 0
    with fsspec.open(url, "rb") as fh:
        while block := fh.read(chunk):
            h.update(block)
            size += len(block)
    return size, h.hexdigest()


def exists(url: str) -> bool:
    fs, path = fs_and_path(url)
    return fs.exists(path)


def local_or_url(path: str) -> str:
    """Absolute local path for plain paths; URLs untouched."""
    return path if "://" in path else os.path.abspath(path)


def remove_temp_files(url: str, folders: tuple[str, ...]) -> int:
    """Delete the temp files (``.<name>.<hex>.tmp``) a killed writer left in ``url``'s ``folders``."""
    fs, path = fs_and_path(url)
    found = [f for folder in folders if fs.exists(f"{path}/{folder}")
             for f in fs.find(f"{path}/{folder}") if f.rsplit("/", 1)[-1].startswith(".") and f.endswith(".tmp")]
    for f in found:
        with contextlib.suppress(FileNotFoundError):
            fs.rm(f)
    return len(found)
