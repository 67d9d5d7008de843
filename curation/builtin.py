"""Where the built-in recipes (``pipelines/``) and small classifiers (``classifiers/``) are.

One rule: beside the package in a checkout or an editable install (``<repo>/pipelines``), else
inside the installed package (``curation/_builtin/``, copied there when the wheel is built; see
setup.py). ``curate run web`` (or ``pipelines/web.yaml`` when no such file is here) finds them.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def builtin_root() -> Path:
    """The folder holding ``pipelines/`` and ``classifiers/``."""
    checkout = _PACKAGE.parent
    return checkout if (checkout / "pipelines").is_dir() else _PACKAGE / "_builtin"


def builtin_recipes() -> list[str]:
    return sorted(p.stem for p in (builtin_root() / "pipelines").glob("*.yaml"))


def find_recipe(name: str) -> Path:
    """``name`` itself if it is a file; else the built-in recipe it names (``web``, ``web.yaml`` or
    ``pipelines/web.yaml``); else ``name`` unchanged (the loader says it is not found)."""
    path = Path(name)
    if path.is_file():
        return path
    stem = path.name.removesuffix(".yaml").removesuffix(".yml")
    if path.parent in (Path("."), Path("pipelines")):
        candidate = builtin_root() / "pipelines" / f"{stem}.yaml"
        if candidate.is_file():
            return candidate
    return path
