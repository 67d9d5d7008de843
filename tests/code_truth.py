"""Ground truth for the three real repositories in ../shared/data/code (click, express, fd).

Languages by extension, as GitHub linguist names a file with that extension (its primary
``extensions``/``filenames`` in languages.yml), written here independently of
``curation/code/language.py``; files without an extension are labelled one by one after reading
them (a shebang, a ``#compdef`` zsh function, a licence text). ``None``: no language at all.
Licences: what each project states (its README row in ../shared/data/README.md).
"""

from __future__ import annotations

import posixpath

BY_EXTENSION = {
    "py": "Python", "js": "JavaScript", "rs": "Rust", "md": "Markdown", "toml": "TOML", "yaml": "YAML",
    "yml": "YAML", "json": "JSON", "txt": "Text", "sh": "Shell", "bash": "Shell", "fish": "fish", "awk": "Awk",
    "css": "CSS", "html": "HTML", "ejs": "EJS", "hbs": "Handlebars", "svg": "SVG", "ini": "INI", "1": "Roff",
    "lock": "TOML",  # uv.lock and Cargo.lock are TOML documents
    "tmpl": "HTML",  # express's test templates: HTML fragments with $-substitutions
}

BY_NAME = {
    ".gitignore": "Ignore List", ".eslintignore": "Ignore List", ".editorconfig": "EditorConfig",
    ".gitattributes": "Git Attributes", ".npmrc": "INI", "Makefile": "Makefile", "LICENSE": "Text",
    "LICENSE-MIT": "Text", "LICENSE-APACHE": "Text", "README": "Text", "_fd": "Shell", "_fdfind": "Shell",
    ".name": None,  # express test fixture holding the word "tobi"
}

LICENSES = {"click": "BSD-3-Clause", "express": "MIT", "fd": "MIT OR Apache-2.0"}
ARCHIVES = {"click": "click-2c8cd3ac.tar.gz", "express": "express-a3714473.tar.gz", "fd": "fd-ee20f426.tar.gz"}


def expected_language(path: str) -> str | None:
    """The linguist language of a repository path, or KeyError when this table has no answer."""
    base = posixpath.basename(path)
    if base in BY_NAME:
        return BY_NAME[base]
    return BY_EXTENSION[base.rsplit(".", 1)[1].lower()]
