"""Metadata lives in pyproject.toml; this only copies the built-in recipes and small classifiers into
the wheel (``curation/_builtin/``) so that a non-editable install can run them (curation/builtin.py)."""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
SHIPPED = {"pipelines": ("*.yaml",), "classifiers": ("*.yaml", "*.json", "*.md", "*.jsonl")}


class BuildPyWithBuiltins(build_py):
    def run(self):
        super().run()
        if getattr(self, "editable_mode", False):
            return  # an editable install finds them in the checkout
        target = Path(self.build_lib) / "curation" / "_builtin"
        for folder, patterns in SHIPPED.items():
            for pattern in patterns:
                for src in (HERE / folder).rglob(pattern):
                    dst = target / src.relative_to(HERE)
                    dst.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(src, dst)


setup(cmdclass={"build_py": BuildPyWithBuiltins})
