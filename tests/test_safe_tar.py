"""safe_tar on archives each test builds byte by byte: corrupt sizes."""

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
