"""Atomic, checksummed file writes through fsspec: a reader never sees half a file.

Local files are also durable before they are visible: the temp file is fsynced, renamed over the
final name in one step (the old file stays until the new one replaces it), and the folder fsynced,
so a completion marker written after its outputs never outlives them, even across a power cut.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import fsspec
from fsspec.implementations.local import LocalFileSystem

if TYPE_CHECKING:  # pyarrow is imported by the parquet helpers when called: the driver needs none of it
    import pyarrow as pa

PARQUET_OPTIONS = dict(compression="zstd", compression_level=3, use_dictionary=True, write_statistics=True)


def fs_and_path(url: str) -> tuple[fsspec.AbstractFileSystem, str]:
    fs, path = fsspec.core.url_to_fs(url)
    return fs, path


def join(base: str, *parts: str) -> str:
    return "/".join([base.rstrip("/"), *parts])


def tmp_name(path: str) -> str:
    head, _, tail = path.rpartition("/")
    return f"{head}/.{tail}.{uuid.uuid4().hex[:8]}.tmp"


def _fsync_file(path: str) -> None:
    """Push a closed local file's bytes to disk (also what a compressing or text wrapper wrote at close)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _commit(fs: fsspec.AbstractFileSystem, tmp: str, final: str) -> None:
    """Publish the closed temp file ``tmp`` as ``final``: fsynced, renamed in one step, folder fsynced.
    Object stores are durable once the upload closes; there the temp object is moved over ``final``."""
    if isinstance(fs, LocalFileSystem):
        _fsync_file(tmp)
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


def _discard(fs: fsspec.AbstractFileSystem, tmp: str) -> None:
    with contextlib.suppress(Exception):
        fs.rm(tmp)


def _parent(fs: fsspec.AbstractFileSystem, path: str) -> None:
    parent = path.rpartition("/")[0]
    if parent:
        fs.makedirs(parent, exist_ok=True)


@contextlib.contextmanager
def atomic_open(url: str, mode: str = "wb", **kwargs: Any) -> Iterator[Any]:
    """Open ``url`` (local path or fsspec URL) for writing; what is written appears under its name only
    when the block ends without an error: temp file (``.<name>.<hex>.tmp``), fsync, rename, folder
    fsync. On an error the temp file is removed and the old file, if any, stays. ``kwargs`` go to
    ``fs.open`` (``encoding=``, ``compression=``). Every writer of the package goes through here."""
    if mode not in ("wb", "w"):
        raise ValueError(f"atomic_open: mode {mode!r}: only 'wb' or 'w'")
    fs, path = fs_and_path(url)
    _parent(fs, path)
    tmp = tmp_name(path)
    try:
        with fs.open(tmp, mode, **kwargs) as fh:
            yield fh
        _commit(fs, tmp, path)
    except BaseException:
        _discard(fs, tmp)
        raise


@contextlib.contextmanager
def atomic_path(url: str) -> Iterator[str]:
    """Like ``atomic_open`` for writers that want a local file name (e.g. fastText's ``save_model``):
    yields a temp path to write; a remote ``url`` is uploaded from a local temp file."""
    fs, path = fs_and_path(url)
    _parent(fs, path)
    if isinstance(fs, LocalFileSystem):
        tmp = tmp_name(path)
        try:
            yield tmp
            _commit(fs, tmp, path)
        except BaseException:
            _discard(fs, tmp)
            raise
        return
    with tempfile.TemporaryDirectory(prefix="curation-") as local:
        staged = os.path.join(local, path.rpartition("/")[2])
        yield staged
        with atomic_open(url, "wb") as out, open(staged, "rb") as src:
            shutil.copyfileobj(src, out, 1 << 20)


def copy(src: str, dst: str) -> None:
    """Copy the file ``src`` to ``dst`` (each local or any fsspec URL), published atomically."""
    with fsspec.open(src, "rb") as fh, atomic_open(dst, "wb") as out:
        shutil.copyfileobj(fh, out, 1 << 20)


def is_remote(url: str) -> bool:
    """Whether ``url`` names storage other than the local disk (``s3://``, ``memory://``, ...)."""
    return not isinstance(fs_and_path(url)[0], LocalFileSystem)


def move(src: str, dst: str) -> None:
    """Rename a finished file ``src`` to ``dst`` on the same storage (e.g. a shard into ``shards/``)."""
    fs, path = fs_and_path(src)
    _parent(fs, fs_and_path(dst)[1])
    _commit(fs, path, fs_and_path(dst)[1])


#: For files a later phase reads once and deletes: fast to write and read, size matters less.
SCRATCH_OPTIONS = dict(PARQUET_OPTIONS, compression="lz4", compression_level=None)


def write_parquet_atomic(table: pa.Table, url: str, row_group_rows: int = 10_000, scratch: bool = False) -> None:
    """Write ``table`` to ``url`` via a temp file and a rename; same table and options -> same bytes."""
    import pyarrow.parquet as pq

    with atomic_open(url, "wb") as fh:
        pq.write_table(table, fh, row_group_size=max(1, row_group_rows), **(SCRATCH_OPTIONS if scratch else PARQUET_OPTIONS))


class ParquetStream:
    """Row groups appended as they come (bounded memory), published by rename on ``close``."""

    def __init__(self, url: str, schema: pa.Schema) -> None:
        import pyarrow.parquet as pq

        self.fs, self.path = fs_and_path(url)
        self.fs.makedirs(self.path.rpartition("/")[0], exist_ok=True)
        self.tmp = tmp_name(self.path)
        self._fh = self.fs.open(self.tmp, "wb")
        self._writer = pq.ParquetWriter(self._fh, schema, **PARQUET_OPTIONS)

    def write(self, table: pa.Table) -> None:
        self._writer.write_table(table, row_group_size=max(1, table.num_rows))

    def close(self) -> None:
        self._writer.close()
        self._fh.close()
        _commit(self.fs, self.tmp, self.path)

    def abort(self) -> None:
        with contextlib.suppress(Exception):
            self._writer.close()
            self._fh.close()
            self.fs.rm(self.tmp)


def write_json_atomic(obj: Any, url: str) -> None:
    with atomic_open(url, "w") as fh:
        json.dump(obj, fh, indent=2, sort_keys=True, ensure_ascii=False)
        fh.write("\n")


def read_parquet(url: str, **kwargs: Any) -> pa.Table:
    """A parquet file as a table. Local files are read by path: a table read from a Python file object
    leaves arrow IO futures holding Python buffers, and when the last one is released by an arrow thread
    while the interpreter exits, the process aborts ("terminate called without an active exception",
    seen in ``curate verify``)."""
    import pyarrow.parquet as pq

    fs, path = fs_and_path(url)
    if isinstance(fs, LocalFileSystem):
        return pq.read_table(path, **kwargs)
    with fs.open(path, "rb") as fh:
        return pq.read_table(fh, pre_buffer=False, **kwargs)


def read_row_group(url: str, i: int) -> pa.Table:
    """Row group ``i`` of a parquet file (read by path when local, as ``read_parquet``)."""
    import pyarrow.parquet as pq

    fs, path = fs_and_path(url)
    if isinstance(fs, LocalFileSystem):
        return pq.ParquetFile(path).read_row_group(i)
    with fs.open(path, "rb") as fh:
        return pq.ParquetFile(fh, pre_buffer=False).read_row_group(i)


def read_json(url: str) -> Any:
    with fsspec.open(url, "r") as fh:
        return json.load(fh)


def file_digest(url: str, chunk: int = 1 << 20) -> tuple[int, str]:
    """(size in bytes, sha256 hex) of a file, streamed; of a folder (a checked-out repository input),
    over its files' relative paths and digests in sorted order, VCS folders left out."""
    fs, path = fs_and_path(url)
    if fs.isdir(path):
        h, total = hashlib.sha256(), 0
        for f in sorted(fs.find(path)):
            rel = f[len(path.rstrip("/")) + 1:]
            if not {".git", ".hg", ".svn"} & set(rel.split("/")[:-1]):
                size, sha = file_digest(fs.unstrip_protocol(f) if "://" in url else f, chunk)
                h.update(f"{rel}\t{size}\t{sha}\n".encode())
                total += size
        return total, h.hexdigest()
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


class RemoteUnreachable(OSError):
    """A remote path that cannot be used (no credentials, unknown host, no access): an environment error."""


def check_remote(url: str, action: str) -> None:
    """Ask a remote ``url`` once (info: ``exists`` swallows errors) so that missing credentials or an unknown
    host fail here, in one line naming it, not as a library's traceback; a missing fsspec package
    (ImportError) is left to the caller, a path not there yet to the caller's own check."""
    fs, path = fs_and_path(url)
    try:
        try:
            fs.info(path)
        except FileNotFoundError as missing:  # fsspec's http says "not found" for a host it cannot reach
            if isinstance(missing.__cause__, Exception) and not isinstance(missing.__cause__, FileNotFoundError):
                raise missing.__cause__ from None
    except Exception as exc:  # botocore, aiohttp, google-auth... each has its own types
        reason = (str(exc).strip().splitlines() or [""])[0] or "no reason given"
        raise RemoteUnreachable(errno.EIO, f"cannot {action}: {reason} ({type(exc).__name__})", url) from exc


def local_or_url(path: str) -> str:
    """Absolute local path for plain paths; URLs untouched."""
    return path if "://" in path else os.path.abspath(path)


def files_in(folder: str, suffix: str) -> list[str]:
    """The files directly in ``folder`` whose names end with ``suffix``, sorted, as its filesystem's
    paths ([] when there is no folder). Listed, not globbed: ``[``, ``]``, ``*`` or ``?`` in a run
    folder's name (``run[1]``) would make a glob pattern match nothing, silently."""
    fs, path = fs_and_path(folder)
    if not fs.isdir(path):
        return []
    return sorted(f for f in fs.ls(path, detail=False) if f.rpartition("/")[2].endswith(suffix))


def remove_temp_files(url: str, folders: tuple[str, ...]) -> int:
    """Delete the temp files (``.<name>.<hex>.tmp``) a killed writer left in ``url``'s ``folders``."""
    fs, path = fs_and_path(url)
    found = [f for folder in folders if fs.exists(f"{path}/{folder}")
             for f in fs.find(f"{path}/{folder}") if f.rsplit("/", 1)[-1].startswith(".") and f.endswith(".tmp")]
    for f in found:
        with contextlib.suppress(FileNotFoundError):
            fs.rm(f)
    return len(found)
