"""Shared fixtures. Tests that need ../shared/data skip without it, unless CI makes them mandatory."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
SAMPLE = ROOT / "sample_data"


def load_script(path: Path) -> ModuleType:
    """A script of ours that is not in a package (a sample generator, a benchmark) as a module."""
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """``../shared/data``; skipped when absent, a failure when CURATION_REQUIRE_SHARED=1."""
    if SHARED.is_dir():
        return SHARED
    reason = f"outside test data not found at {SHARED} (clone the project with ../shared beside it)"
    if os.environ.get("CURATION_REQUIRE_SHARED") == "1":
        pytest.fail(f"CURATION_REQUIRE_SHARED=1 but {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def sample_data() -> Path:
    return SAMPLE
