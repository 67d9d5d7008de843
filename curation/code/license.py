"""A repository's licence as an SPDX expression, from its package metadata and its licence files.

Package metadata (``package.json``, ``Cargo.toml``, ``pyproject.toml``, ``setup.cfg``,
``composer.json`` at the repository root) states an SPDX expression; it is used when
``license-expression`` accepts it. Otherwise licence files (``LICENSE*``, ``COPYING*``,
``LICENCE*``) are recognised by the clauses that define each licence (not by a similarity
score): a text that matches no known licence is ``None``, counted by the reader as unknown, never
guessed. Dual-licence files (``LICENSE-MIT`` + ``LICENSE-APACHE``) combine with ``OR``.
"""

from __future__ import annotations

import json
import re
import tomllib
from configparser import ConfigParser, Error as ConfigError
from dataclasses import dataclass
from functools import lru_cache

#: Licences that allow use, modification and redistribution with attribution only.
PERMISSIVE = {
    "MIT", "MIT-0", "ISC", "0BSD", "BSD-2-Clause", "BSD-3-Clause", "BSD-3-Clause-Clear", "Apache-2.0", "Unlicense",
    "BSL-1.0", "CC0-1.0", "Zlib", "PSF-2.0", "Python-2.0", "X11", "NCSA", "BlueOak-1.0.0", "WTFPL", "UPL-1.0",
    "CC-BY-4.0", "Artistic-2.0", "PostgreSQL", "MIT-CMU", "curl", "libpng-2.0", "HPND",
}

_LICENSE_FILE = re.compile(r"^(un)?licen[cs]e|^copying", re.I)

# (SPDX id, every phrase must be present, none of these may be) on lower-cased, whitespace-collapsed text.
_RULES: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("Apache-2.0", ("apache license", "version 2.0"), ()),
    ("MPL-2.0", ("mozilla public license", "2.0"), ()),
    ("EPL-2.0", ("eclipse public license", "2.0"), ()),
    ("EPL-1.0", ("eclipse public license", "1.0"), ()),
    ("BSL-1.0", ("boost software license", "version 1.0"), ()),
    ("Unlicense", ("free and unencumbered software released into the public domain",), ()),
    ("CC0-1.0", ("cc0 1.0 universal",), ()),
    ("MIT-0", ("permission is hereby granted, free of charge, to any person obtaining a copy",),
     ("the above copyright notice and this permission notice shall be included",)),
    ("MIT", ("permission is hereby granted, free of charge, to any person obtaining a copy",
             "the above copyright notice and this permission notice shall be included"), ()),
    ("0BSD", ("permission to use, copy, modify, and/or distribute this software for any purpose with or without fee",),
     ("the above copyright notice and this permission notice appear in all copies",)),
    ("ISC", ("permission to use, copy, modify, and/or distribute this software for any purpose with or without fee",
             "the above copyright notice and this permission notice appear in all copies"), ()),
    ("BSD-4-Clause", ("redistribution and use in source and binary forms", "all advertising materials mentioning"), ()),
    ("BSD-3-Clause", ("redistribution and use in source and binary forms", "may be used to endorse or promote"), ()),
    ("BSD-2-Clause", ("redistribution and use in source and binary forms",
                      "redistributions of source code must retain the above copyright notice"),
     ("may be used to endorse or promote",)),
    ("Zlib", ("the origin of this software must not be misrepresented",), ()),
    ("WTFPL", ("do what the fuck you want to public license",), ()),
)


@dataclass(frozen=True)
class RepoLicense:
    spdx: str | None  # an SPDX expression, or None (unknown)
    how: str  # metadata:<file>, files, or unknown
    files: tuple[str, ...] = ()  # the licence files found
    unrecognised: tuple[str, ...] = ()  # licence files whose text matched no rule


@lru_cache(maxsize=1)
def _licensing():
    from license_expression import get_spdx_licensing

    return get_spdx_licensing()


def normalise(expression: str) -> str | None:
    """The SPDX expression ``expression`` stands for (case and ``/`` fixed), or None when not SPDX."""
    text = re.sub(r"\s*/\s*", " OR ", expression.strip())
    if not text or text.upper() in ("UNLICENSED", "SEE LICENSE IN LICENSE", "PROPRIETARY", "NONE"):
        return None
    info = _licensing().validate(text)
    return None if info.errors else info.normalized_expression


def is_permissive(expression: str | None) -> bool:
    """True when the code can be taken under permissive licences only."""
    return satisfies(expression, PERMISSIVE)


def satisfies(expression: str | None, allowed: set[str] | frozenset[str]) -> bool:
    """True when some ``OR`` choice of ``expression`` needs only licences in ``allowed`` (``AND``: all of them)."""
    if not expression:
        return False
    from license_expression import AND, OR, LicenseWithExceptionSymbol

    def ok(node) -> bool:
        if isinstance(node, OR):
            return any(ok(a) for a in node.args)
        if isinstance(node, AND):
            return all(ok(a) for a in node.args)
        if isinstance(node, LicenseWithExceptionSymbol):
            return ok(node.license_symbol)
        return node.key in allowed

    try:
        return ok(_licensing().parse(expression))
    except Exception:  # noqa: BLE001 - an unparsable expression is not permissive
        return False


#: The GNU family by the title that comes first: each of these texts names the others further on.
_GNU_TITLES = {"gnu affero general public license": "AGPL", "gnu lesser general public license": "LGPL",
               "gnu library general public license": "LGPL", "gnu general public license": "GPL"}
_GNU_VERSION = re.compile(r"version (\d(?:\.\d)?)")


def _gnu_license(flat: str) -> str | None:
    found = [(flat.find(title), family) for title, family in _GNU_TITLES.items() if title in flat]
    if not found:
        return None
    at, family = min(found)
    version = _GNU_VERSION.search(flat, at, at + 300)
    if version is None:
        return None
    number = {"2": "2.0", "3": "3.0"}.get(version.group(1), version.group(1))
    spdx = f"{family}-{number}"
    if spdx not in ("GPL-2.0", "GPL-3.0", "LGPL-2.0", "LGPL-2.1", "LGPL-3.0", "AGPL-3.0"):
        return None
    later = "any later version" in flat and "terms and conditions" not in flat  # a notice offering later versions
    return f"{spdx}-{'or-later' if later else 'only'}"


def text_license(text: str) -> str | None:
    """The SPDX id whose defining clauses ``text`` holds, or None."""
    flat = re.sub(r"[\s*#/]+", " ", text.lower()).replace("\u2019", "'")
    gnu = _gnu_license(flat)
    if gnu:
        return gnu
    for spdx, must, must_not in _RULES:
        if all(p in flat for p in must) and not any(p in flat for p in must_not):
            return spdx
    return None


def metadata_license(name: str, data: bytes) -> str | None:
    """The licence string a root package-metadata file declares (not yet checked), or None."""
    try:
        text = data.decode("utf-8")
        if name in ("package.json", "composer.json"):
            value = json.loads(text).get("license")
            return value.get("type") if isinstance(value, dict) else value
        if name in ("Cargo.toml", "pyproject.toml"):
            doc = tomllib.loads(text)
            value = (doc.get("package") or doc.get("project") or {}).get("license")
            return value if isinstance(value, str) else None
        if name == "setup.cfg":
            cfg = ConfigParser(interpolation=None)
            cfg.read_string(text)
            return cfg.get("metadata", "license", fallback=None)
    except (UnicodeDecodeError, ValueError, AttributeError, ConfigError, tomllib.TOMLDecodeError):
        return None
    return None


METADATA_FILES = ("package.json", "Cargo.toml", "pyproject.toml", "setup.cfg", "composer.json")


def repository_license(files: dict[str, bytes]) -> RepoLicense:
    """The licence of a repository whose root-relative files are ``files``."""
    for name in METADATA_FILES:
        if name in files:
            declared = metadata_license(name, files[name])
            spdx = normalise(declared) if isinstance(declared, str) else None
            if spdx:
                return RepoLicense(spdx, f"metadata:{name}", _licence_files(files))
    found, unknown = [], []
    for name in _licence_files(files):
        spdx = text_license(files[name].decode("utf-8", "replace"))
        (found if spdx else unknown).append(spdx or name)
    ids = sorted(set(found))
    if not ids:
        return RepoLicense(None, "unknown", _licence_files(files), tuple(unknown))
    return RepoLicense(" OR ".join(ids) if len(ids) > 1 else ids[0], "files", _licence_files(files), tuple(unknown))


def _licence_files(files: dict[str, bytes]) -> tuple[str, ...]:
    """Licence files at the repository root (``LICENSE``, ``LICENSE.txt``, ``LICENSE-MIT``, ``COPYING``)."""
    return tuple(sorted(n for n in files if "/" not in n and _LICENSE_FILE.match(n)))
