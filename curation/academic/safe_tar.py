"""Open an arXiv e-print in memory, safely: a gzip'd single file, a gzip'd tar or a plain tar.

arXiv names every e-print ``<id>.gz`` whatever is inside, so the content is sniffed, never trusted
from the name. Nothing is written to disk. Members that could escape a directory (absolute names,
``..``), links, devices and oversized members are refused one by one; a total-size and a
member-count cap stop a decompression bomb; a stream cut short keeps what was read before the cut.
"""

from __future__ import annotations

import posixpath
import tarfile
import zlib
from dataclasses import dataclass, field

_GZIP_MAGIC = b"\x1f\x8b"
_CHUNK = 1 << 16
#: Text-like members worth keeping in memory (an \\input without extension may name any of them).
TEXT_SUFFIXES = (".tex", ".ltx", ".latex", ".bbl", ".txt", ".tikz", ".pgf", ".def", ".inc", "")


class Truncated(Exception):
    """The compressed stream ended before its end-of-stream marker."""


class TooLarge(Exception):
    """More uncompressed bytes than the archive cap allows."""


@dataclass
class Limits:
    max_member_bytes: int = 20_000_000
    max_total_bytes: int = 200_000_000
    max_members: int = 5_000


@dataclass
class Eprint:
    """What was read: kept text members, every accepted regular member's name, and what went wrong."""

    members: dict[str, bytes] = field(default_factory=dict)
    names: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str, str]] = field(default_factory=list)  # (member, reason, detail)
    junk: int = 0  # macOS ._* and .DS_Store files, silently left out
    is_tar: bool = False
    comment: str | None = None  # the tar's pax global ``comment`` (``git archive`` puts the commit there)
    error: tuple[str, str] | None = None  # (reason, detail) that stopped reading: truncated, corrupt, ...


class _Inflate:
    """A ``read(n)`` stream of the gzip data (all members) in ``raw``, with a hard output cap."""

    def __init__(self, raw, cap: int) -> None:
        self.raw, self.cap, self.out = raw, cap, 0
        self.d = zlib.decompressobj(31)
        self.buf, self.pos = b"", 0  # decompressed bytes not yet read start at ``pos`` (no copy per read)
        self.done = False
        self.pending: Exception | None = None

    def _fill(self) -> None:
        while self.pos >= len(self.buf) and not self.done:
            if self.d.eof:  # a member ended: another may follow (concatenated gzip), however many
                self._next_member()
                continue
            data = self.d.unconsumed_tail or self.raw.read(_CHUNK)
            if not data:
                raise Truncated("gzip stream ends before its end marker")
            self._take(self.d.decompress(data, _CHUNK))

    def _next_member(self) -> None:
        rest = self.d.unused_data
        if len(rest) < 2:  # the next member's magic may start in the next raw read
            rest += self.raw.read(_CHUNK)
        if rest[:2] != _GZIP_MAGIC:
            self.done = True  # trailing zeros/garbage after the last member are ignored
            return
        self.d = zlib.decompressobj(31)
        self._take(self.d.decompress(rest, _CHUNK))

    def _take(self, chunk: bytes) -> None:
        """Every decoded chunk counts against the cap, the first of each gzip member too."""
        self.buf, self.pos = chunk, 0
        self.out += len(chunk)
        if self.out > self.cap:
            raise TooLarge(f"more than {self.cap} bytes uncompressed")

    def read(self, n: int = -1) -> bytes:
        """Up to ``n`` bytes; an error after some bytes were decompressed is raised on the next call,
        so the bytes before a cut are never lost."""
        if self.pending is not None:
            raise self.pending
        want = n if n is not None and n >= 0 else float("inf")
        if self.pos + want <= len(self.buf):  # the common case: served from the current buffer
            self.pos += n
            return self.buf[self.pos - n:self.pos]
        parts, got = [], 0
        while got < want:
            try:
                self._fill()
            except (Truncated, TooLarge, zlib.error) as e:
                if not got:
                    raise
                self.pending = e
                break
            if self.pos >= len(self.buf):
                break
            take = self.buf[self.pos:self.pos + int(min(len(self.buf) - self.pos, want - got))]
            self.pos += len(take)
            parts.append(take)
            got += len(take)
        return b"".join(parts)


class _Prefixed:
    """``head`` followed by the rest of ``stream``: sniffing without seeking."""

    def __init__(self, head: bytes, stream) -> None:
        self.head, self.stream = head, stream

    def read(self, n: int = -1) -> bytes:
        if n is None or n < 0:
            out, self.head = self.head + self.stream.read(), b""
            return out
        if self.head:  # a short read is allowed: every caller loops
            out, self.head = self.head[:n], self.head[n:]
            return out
        return self.stream.read(n)


def _read_exactly(stream, n: int) -> bytes:
    parts, got = [], 0
    while got < n:
        block = stream.read(n - got)
        if not block:
            break
        parts.append(block)
        got += len(block)
    return b"".join(parts)


def _is_tar_header(block: bytes) -> bool:
    if len(block) < 512:
        return False
    try:
        tarfile.TarInfo.frombuf(block[:512], "utf-8", "surrogateescape")
        return True
    except tarfile.HeaderError:
        return False


def unsafe_reason(name: str) -> str | None:
    """Why a member name could write outside the extraction directory (None if it cannot)."""
    clean = name.replace("\\", "/")
    if clean.startswith("/") or (len(clean) > 1 and clean[1] == ":"):
        return "absolute_path"
    if ".." in clean.split("/"):
        return "path_traversal"
    return None


def is_junk(name: str) -> bool:
    """macOS resource forks and Finder files: never content."""
    base = name.rsplit("/", 1)[-1]
    return base.startswith("._") or base == ".DS_Store" or name.startswith("__MACOSX/")


def read_eprint(raw, single_name: str, limits: Limits, keep=None) -> Eprint:
    """Everything useful in the e-print stream ``raw`` (a binary file object), never raising on bad data.

    ``keep(name)`` says which regular members are read into memory (default: text-like suffixes);
    every accepted member's name is listed either way.
    """
    ep = Eprint()
    head = _read_exactly(raw, 2)
    stream = _Prefixed(head, raw)
    if head == _GZIP_MAGIC:
        header_room = 512 * (limits.max_members + 4) * 3  # tar headers, long names, end blocks
        stream = _Inflate(stream, limits.max_total_bytes + header_room)
    try:
        first = _read_exactly(stream, 512)
    except Truncated as e:
        ep.error = ("truncated", str(e))
        return ep
    except zlib.error as e:
        ep.error = ("corrupt", f"zlib: {e}")
        return ep
    except TooLarge as e:
        ep.error = ("archive_too_large", str(e))
        return ep
    if _is_tar_header(first):
        ep.is_tar = True
        _read_tar(_Prefixed(first, stream), ep, limits, keep or _text_like)
    else:
        _read_single(_Prefixed(first, stream), single_name, ep, limits)
    return ep


def _read_single(stream, name: str, ep: Eprint, limits: Limits) -> None:
    parts, size = [], 0
    try:
        while size <= limits.max_member_bytes:
            block = stream.read(min(_CHUNK, limits.max_member_bytes + 1 - size))
            if not block:
                break
            parts.append(block)
            size += len(block)
    except Truncated as e:
        ep.error = ("truncated", str(e))
    except zlib.error as e:
        ep.error = ("corrupt", f"zlib: {e}")
    except TooLarge as e:
        ep.error = ("archive_too_large", str(e))
    if size > limits.max_member_bytes:
        ep.skipped.append((name, "member_too_large", f"more than {limits.max_member_bytes} bytes"))
        return
    ep.names.append(name)
    ep.members[name] = b"".join(parts)


def _text_like(name: str) -> bool:
    return posixpath.splitext(name)[1].lower() in TEXT_SUFFIXES


def _octal(field: bytes) -> int:
    """tarfile's ``nti`` for an octal field (NUL-terminated ASCII digits); ValueError otherwise,
    also for a base-256 number (its first byte, 0o200 or 0o377, is no digit)."""
    end = field.find(b"\0")
    return int((field if end < 0 else field[:end]).strip() or b"0", 8)


class _TarInfo(tarfile.TarInfo):
    """tarfile's header parsing, with the common case (octal fields, an unsigned checksum that
    matches, no sparse map) done in a few bytes operations: tarfile's own ``frombuf`` slices and
    unpacks every field in Python and costs about half of reading a repository of small files.
    Anything else (base-256 numbers, a signed or bad checksum, GNU sparse) goes to tarfile."""

    @classmethod
    def frombuf(cls, buf, encoding, errors):
        if len(buf) != tarfile.BLOCKSIZE or buf[156:157] == tarfile.GNUTYPE_SPARSE or not buf.strip(b"\0"):
            return super().frombuf(buf, encoding, errors)
        try:
            chksum = _octal(buf[148:156])
            if chksum != 256 + sum(buf) - sum(buf[148:156]):
                return super().frombuf(buf, encoding, errors)
            obj = cls()
            obj.mode, obj.uid, obj.gid = _octal(buf[100:108]), _octal(buf[108:116]), _octal(buf[116:124])
            obj.size, obj.mtime = _octal(buf[124:136]), _octal(buf[136:148])
            obj.devmajor, obj.devminor = _octal(buf[329:337]), _octal(buf[337:345])
        except ValueError:
            return super().frombuf(buf, encoding, errors)  # raises tarfile's own error
        nts = tarfile.nts
        obj.name, obj.chksum, obj.type = nts(buf[0:100], encoding, errors), chksum, buf[156:157]
        obj.linkname = nts(buf[157:257], encoding, errors)
        obj.uname, obj.gname = nts(buf[265:297], encoding, errors), nts(buf[297:329], encoding, errors)
        prefix = nts(buf[345:500], encoding, errors)
        if obj.type == tarfile.AREGTYPE and obj.name.endswith("/"):
            obj.type = tarfile.DIRTYPE
        if obj.isdir():
            obj.name = obj.name.rstrip("/")
        if prefix and obj.type not in tarfile.GNU_TYPES:
            obj.name = prefix + "/" + obj.name
        return obj


class _Forward:
    """``stream`` as a file tarfile can seek forward in: with it tarfile reads headers in its
    random-access mode and a member's bytes are read straight from the stream, once, with no
    per-member file object (tarfile's stream mode copies every block through its own buffer).
    A seek backwards is an error: tarfile never needs one when it only iterates."""

    def __init__(self, stream) -> None:
        self.stream, self.pos = stream, 0

    def read(self, n: int) -> bytes:
        if n is None or n < 0:  # only a corrupt size asks for that: never "read all that is left"
            raise tarfile.ReadError(f"read of negative size {n}")
        data = _read_exactly(self.stream, n)
        self.pos += len(data)
        return data

    def read_some(self, n: int) -> bytes:
        """One read of up to ``n`` bytes: the bytes a stream gives before its error are never lost."""
        data = self.stream.read(n)
        self.pos += len(data)
        return data

    def tell(self) -> int:
        return self.pos

    def seek(self, pos: int, whence: int = 0) -> int:
        if whence != 0 or pos < self.pos:
            raise OSError("cannot seek backwards in a compressed stream")
        while self.pos < pos and self.read(min(_CHUNK, pos - self.pos)):
            pass
        return self.pos


def _read_tar(stream, ep: Eprint, limits: Limits, keep) -> None:
    total, count = 0, 0
    try:
        with tarfile.open(fileobj=_Forward(stream), mode="r:", tarinfo=_TarInfo) as tar:
            for info in tar:
                ep.comment = ep.comment or tar.pax_headers.get("comment")
                count += 1
                if count > limits.max_members:
                    ep.error = ("too_many_members", f"more than {limits.max_members} members")
                    return
                name = posixpath.normpath(info.name.replace("\\", "/")) if info.name else ""
                name = name[2:] if name.startswith("./") else name
                if info.isdir() or name in ("", "."):
                    continue
                reason = unsafe_reason(info.name)
                if reason:
                    ep.skipped.append((info.name, reason, "would be written outside the e-print folder"))
                    continue
                if info.issym() or info.islnk():
                    ep.skipped.append((name, "symlink" if info.issym() else "hardlink", f"-> {info.linkname}"))
                    continue
                if not info.isreg():
                    ep.skipped.append((name, "special_member", "device, FIFO or other non-regular member"))
                    continue
                if info.size < 0:  # tarfile takes "-17" and base-256 negatives; its data would be read as 0 bytes
                    ep.skipped.append((name, "corrupt_member", f"negative size {info.size}"))
                    continue
                total += info.size
                if total > limits.max_total_bytes:
                    ep.error = ("archive_too_large", f"more than {limits.max_total_bytes} bytes uncompressed")
                    return
                if info.size > limits.max_member_bytes:
                    ep.skipped.append((name, "member_too_large", f"{info.size} > {limits.max_member_bytes} bytes"))
                    continue
                if is_junk(name):
                    ep.junk += 1
                    continue
                ep.names.append(name)
                if keep(name):
                    _keep(tar, info, name, ep)
                    if ep.error:
                        return
    except Truncated as e:
        ep.error = ("truncated", str(e))
    except TooLarge as e:
        ep.error = ("archive_too_large", str(e))
    except zlib.error as e:
        ep.error = ("corrupt", f"zlib: {e}")
    except (tarfile.TarError, EOFError, OSError) as e:
        ep.error = ("truncated" if "unexpected end" in str(e) or isinstance(e, EOFError) else "corrupt",
                    f"{type(e).__name__}: {e}")


def _keep(tar: tarfile.TarFile, info: tarfile.TarInfo, name: str, ep: Eprint) -> None:
    """Read one member in chunks, so a cut inside it still leaves the bytes before the cut: straight
    from the stream (tarfile left it at the member's data), or through tarfile for a sparse member."""
    parts, left = [], info.size
    try:
        if info.sparse is not None:
            f = tar.extractfile(info)
            while block := f.read(_CHUNK):
                parts.append(block)
        while info.sparse is None and left > 0:
            block = tar.fileobj.read_some(min(_CHUNK, left))
            if not block:
                raise tarfile.ReadError("unexpected end of data")
            parts.append(block)
            left -= len(block)
    except Truncated as e:
        ep.error = ("truncated", f"in {name}: {e}")
    except (tarfile.TarError, EOFError, OSError) as e:
        ep.error = ("truncated", f"in {name}: {type(e).__name__}: {e}")
    ep.members[name] = b"".join(parts)
