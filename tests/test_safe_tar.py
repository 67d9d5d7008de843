"""safe_tar on archives each test builds byte by byte: corrupt sizes and gzip streams of many members."""

from __future__ import annotations

import gzip
import io
import tarfile

import pytest

from curation.academic.safe_tar import Limits, read_eprint


def member(name: str, data: bytes) -> bytes:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    return info.tobuf(tarfile.USTAR_FORMAT) + data + b"\0" * (-len(data) % 512)


def header_with_size(name: str, size_field: bytes) -> bytes:
    """A ustar header whose 12-byte size field is ``size_field`` as is, with a checksum that matches."""
    block = bytearray(tarfile.TarInfo(name).tobuf(tarfile.USTAR_FORMAT))
    block[124:136] = size_field.ljust(12, b"\0")
    block[148:156] = b" " * 8
    block[148:156] = b"%06o\0 " % sum(block)
    return bytes(block)


@pytest.mark.parametrize("size_field", [b"-17", b"-1", b"\xff" * 12], ids=["octal-17", "octal-1", "base256-1"])
@pytest.mark.parametrize("gz", [False, True], ids=["plain", "gzip"])
def test_a_member_with_a_negative_size_is_a_counted_skip_and_the_members_after_it_are_read(size_field, gz):
    """tarfile accepts a negative size (octal ``-17``, base-256 from ``\\xff``) and puts the next
    header right after it; the member is refused, the total is not lowered, the rest is read."""
    with tarfile.open(fileobj=io.BytesIO(header_with_size("probe", size_field) + b"\0" * 1024)) as tar:
        assert tar.getmembers()[0].size < 0  # the premise: tarfile parses it as a negative size
    data = (member("a.tex", b"A" * 1000) + header_with_size("neg.tex", size_field)
            + member("b.tex", b"B" * 3000) + member("c.tex", b"C" * 10) + b"\0" * 1024)
    ep = read_eprint(io.BytesIO(gzip.compress(data) if gz else data), "x.tex", Limits(), keep=lambda name: True)
    assert ep.error is None and ep.names == ["a.tex", "b.tex", "c.tex"]
    assert ep.members == {"a.tex": b"A" * 1000, "b.tex": b"B" * 3000, "c.tex": b"C" * 10}
    assert [(name, reason) for name, reason, _ in ep.skipped] == [("neg.tex", "corrupt_member")]
    capped = read_eprint(io.BytesIO(data), "x.tex", Limits(max_total_bytes=3_999), keep=lambda name: True)
    assert capped.error[0] == "archive_too_large" and capped.names == ["a.tex"]  # 1000 + 3000: the cap still holds


def test_a_gzip_stream_of_many_members_reads_as_gzip_reads_it():
    """A tar cut into 1 KiB pieces, each gzip'd, joined: many members end inside one raw read."""
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.USTAR_FORMAT) as tar:
        for i in range(6):
            data = f"file {i}\n".encode() * 50
            info = tarfile.TarInfo(f"f{i}.tex")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    whole = raw.getvalue()
    joined = b"".join(gzip.compress(whole[i:i + 1024]) for i in range(0, len(whole), 1024))
    assert gzip.decompress(joined) == whole
    ep = read_eprint(io.BytesIO(joined), "x.tex", Limits(), keep=lambda name: True)
    assert ep.error is None and ep.names == [f"f{i}.tex" for i in range(6)]
    assert ep.members == {f"f{i}.tex": f"file {i}\n".encode() * 50 for i in range(6)}


def test_every_gzip_member_counts_against_the_cap_and_a_split_magic_is_followed():
    """A single gzip'd file of 200 small members (12 MB of zeros) stops at the cap; a member that ends
    one byte before a raw read ends (the next magic split across two reads) is followed."""
    bomb = gzip.compress(b"\0" * 60_000) * 200
    ep = read_eprint(io.BytesIO(bomb), "x.tex", Limits(max_member_bytes=50_000_000, max_total_bytes=1_000_000))
    cap = 1_000_000 + 512 * (Limits().max_members + 4) * 3  # the total cap and room for tar headers
    assert ep.error[0] == "archive_too_large" and cap - 65_536 <= len(ep.members["x.tex"]) <= cap
    whole = read_eprint(io.BytesIO(bomb), "x.tex", Limits(max_member_bytes=50_000_000, max_total_bytes=13_000_000))
    assert whole.error is None and whole.members["x.tex"] == b"\0" * 12_000_000
    # the reader sees 2 bytes (the sniffed magic), then raw reads of 64 KiB: the first member ends at 65,537
    first = next(g for n in range(65_400, 65_600) if len(g := gzip.compress(b"x" * n, 0)) == 65_537)
    ep = read_eprint(io.BytesIO(first + gzip.compress(b"the second member")), "x.tex", Limits())
    assert ep.error is None and ep.members["x.tex"].endswith(b"the second member")
