"""Keep datatrove 0.10's hash helpers working with xxhash 4.

xxhash 4 no longer hashes ``str`` (``TypeError: Strings must be encoded before hashing``); xxhash 3
encoded it as UTF-8. datatrove 0.10 passes ``str`` (MinHash, bloom filter, exact and sentence dedup,
n-gram decontamination), so its blocks crash in a recipe under xxhash 4. pyproject pins ``xxhash<4``;
this covers environments that have 4.x anyway, with the same hashes as 3.x.
"""

from __future__ import annotations

from typing import Any


def _utf8(fn: Any) -> Any:
    def digest(data: str | bytes) -> int:
        return fn(data.encode("utf-8") if isinstance(data, str) else data)

    digest.__name__ = fn.__name__
    return digest


def patch_datatrove_xxhash() -> bool:
    """Wrap datatrove's ``xxhash32``/``xxhash64`` when xxhash refuses ``str``; True if it did."""
    import xxhash

    try:
        xxhash.xxh32_intdigest("")
        return False
    except TypeError:
        pass
    from datatrove.utils.hashes import xxhash as helpers

    if getattr(helpers, "_curation_utf8", False):
        return True
    helpers.xxhash32 = _utf8(xxhash.xxh32_intdigest)
    helpers.xxhash64 = _utf8(xxhash.xxh64_intdigest)
    helpers._curation_utf8 = True
    return True
