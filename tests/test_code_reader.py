"""The code reader on archives each test builds (bad members, bombs, notebooks), and its parts:
language detection, vendored paths and licences."""

from __future__ import annotations

import gzip
import io
import json
import os
import tarfile
import zipfile

import pytest

from curation.code.language import detect, shebang_language
from curation.code.license import is_permissive, normalise, repository_license, satisfies, text_license
from curation.code.notebook import NotebookError, notebook_text
from curation.code.paths import generated_marker, vendored_reason
from curation.readers import detect_format
from curation.readers.code import CodeRepositoryReader
from tests.conftest import SAMPLE, load_script


def read(path, **options):
    reader = CodeRepositoryReader(str(path), **options)
    docs = list(reader.run())
    counts = {k: int(v.total) for k, v in reader.stats.stats.items()}
    return {d.metadata["path"]: d for d in docs}, counts, reader


def tar_gz(path, members, top="repo", comment=None):
    raw = io.BytesIO()
    headers = {"comment": comment} if comment else {}
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT, pax_headers=headers) as tar:
        for name, data in members:
            info = tarfile.TarInfo(f"{top}/{name}" if top and not name.startswith(("/", "..")) else name)
            if isinstance(data, tuple):  # (type, linkname)
                info.type, info.linkname = data
            else:
                info.size = len(data)
            tar.addfile(info, io.BytesIO(data) if isinstance(data, bytes) else None)
    path.write_bytes(gzip.compress(raw.getvalue(), mtime=0))
    return path


GOOD_PY = b'"""Add numbers."""\n\n\ndef add(a, b):\n    """Return the sum."""\n    return a + b\n'
MIT_TEXT = (b"Permission is hereby granted, free of charge, to any person obtaining a copy of this software ... "
            b"The above copyright notice and this permission notice shall be included in all copies.")


def test_tarball_members_paths_commit_and_licence(tmp_path):
    path = tar_gz(tmp_path / "proj-1234.tar.gz", [
        ("LICENSE", MIT_TEXT), ("src/add.py", GOOD_PY), ("bin/run", b"#!/usr/bin/env python3\nprint('hi')\n"),
        ("node_modules/x/index.js", b"module.exports = 1;\n"), ("img.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00"),
        ("empty.txt", b""),
    ], top="proj", comment="a" * 40)
    docs, counts, _ = read(path)
    assert sorted(docs) == ["LICENSE", "bin/run", "node_modules/x/index.js", "src/add.py"]
    add = docs["src/add.py"]
    assert add.id == "proj@aaaaaaaaaaaa/src/add.py" and add.text == GOOD_PY.decode()
    md = add.metadata
    assert (md["repo"], md["commit"], md["license"], md["license_how"], md["code_language"], md["size"]) == \
        ("proj", "a" * 40, "MIT", "files", "Python", len(GOOD_PY))
    assert docs["bin/run"].metadata["code_language"] == "Python" and docs["bin/run"].metadata["language_how"] == "shebang"
    assert docs["node_modules/x/index.js"].metadata["vendored"] == "vendored"
    assert counts["skipped_binary"] == 1 and counts["skipped_empty"] == 1 and counts["license_MIT"] == 1


def test_unsafe_members_are_refused_one_by_one_and_the_rest_read(tmp_path):
    path = tar_gz(tmp_path / "bad.tar.gz", [
        ("../escape.py", GOOD_PY), ("/etc/passwd.py", GOOD_PY), ("link.py", (tarfile.SYMTYPE, "/etc/passwd")),
        ("hard.py", (tarfile.LNKTYPE, "repo/ok.py")), ("fifo", (tarfile.FIFOTYPE, "")), ("ok.py", GOOD_PY),
    ])
    docs, counts, _ = read(path)
    assert list(docs) == ["ok.py"]
    assert {k: v for k, v in counts.items() if k.startswith("skipped_")} == {
        "skipped_path_traversal": 1, "skipped_absolute_path": 1, "skipped_symlink": 1, "skipped_hardlink": 1,
        "skipped_special_member": 1}


def test_tar_bomb_stops_at_the_cap_and_oversized_members_are_skipped(tmp_path):
    big = b"x = 1\n" * 200_000  # 1.2 MB that compresses to a few KB
    path = tar_gz(tmp_path / "bomb.tar.gz", [("a.py", GOOD_PY), ("big.py", big), ("b.py", GOOD_PY)])
    docs, counts, _ = read(path, max_member_bytes=100_000)
    assert sorted(docs) == ["a.py", "b.py"] and counts["skipped_member_too_large"] == 1
    docs, counts, _ = read(path, max_total_bytes=500_000)
    assert list(docs) == ["a.py"] and counts["skipped_archive_too_large"] == 1


def test_truncated_and_garbage_archives_are_skips(tmp_path):
    whole = tar_gz(tmp_path / "whole.tar.gz", [("a.py", GOOD_PY), ("b.py", os.urandom(3000).hex().encode())])
    cut = tmp_path / "cut.tar.gz"
    cut.write_bytes(whole.read_bytes()[: len(whole.read_bytes()) * 2 // 3])
    docs, counts, _ = read(cut)
    assert "a.py" in docs and counts["skipped_truncated"] == 1
    junk = tmp_path / "junk.tar.gz"
    junk.write_bytes(b"this is not an archive at all" * 40)
    docs, counts, _ = read(junk)
    assert docs == {} and counts["skipped_not_an_archive"] == 1


def test_zip_symlink_traversal_and_bomb(tmp_path):
    path = tmp_path / "r.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.comment = b"b" * 40
        zf.writestr("r/ok.py", GOOD_PY)
        zf.writestr("../../evil.py", GOOD_PY)
        link = zipfile.ZipInfo("r/link.py")
        link.external_attr = 0o120777 << 16
        zf.writestr(link, "/etc/passwd")
        zf.writestr("r/bomb.py", b"0" * 900_000)  # under the member cap, but inflates ~1000x
    docs, counts, _ = read(path)
    assert list(docs) == ["ok.py"] and docs["ok.py"].metadata["commit"] == "b" * 40
    assert counts["skipped_path_traversal"] == 1 and counts["skipped_symlink"] == 1 and counts["skipped_zip_bomb"] == 1
    bad = tmp_path / "bad.zip"
    bad.write_bytes(b"PK\x03\x04 broken")
    docs, counts, _ = read(bad)
    assert docs == {} and counts["skipped_corrupt"] == 1


def test_checked_out_folder_skips_git_and_links_and_reads_the_commit(tmp_path):
    repo = tmp_path / "tool"
    (repo / ".git" / "refs" / "heads").mkdir(parents=True)
    (repo / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (repo / ".git" / "refs" / "heads" / "main").write_text("c" * 40 + "\n")
    (repo / ".git" / "config").write_text("[core]\n")
    (repo / "pkg").mkdir()
    (repo / "pkg" / "mod.py").write_bytes(GOOD_PY)
    (repo / "pkg" / "latin1.py").write_bytes("# caf\xe9\nx = 1\n".encode("latin-1"))
    (repo / "Cargo.toml").write_text('[package]\nname = "tool"\nlicense = "MIT/Apache-2.0"\n')
    os.symlink("/etc/passwd", repo / "pkg" / "passwd.py")
    docs, counts, _ = read(repo)
    assert sorted(docs) == ["Cargo.toml", "pkg/mod.py"]
    md = docs["pkg/mod.py"].metadata
    assert md["commit"] == "c" * 40 and md["license"] == "MIT OR Apache-2.0" and md["license_how"] == "metadata:Cargo.toml"
    assert counts["skipped_symlink"] == 1 and counts["skipped_not_utf8"] == 1


def test_notebooks_keep_cells_in_order_and_broken_ones_are_skips(tmp_path):
    nb = {"cells": [{"cell_type": "markdown", "source": ["# Title\n", "Words."]},
                    {"cell_type": "code", "source": "x = 1\nprint(x)", "outputs": [{"text": "1"}]},
                    {"cell_type": "raw", "source": "ignored"}],
          "metadata": {"language_info": {"name": "python"}}}
    text, lang = notebook_text(json.dumps(nb))
    assert text == "# Title\nWords.\n\nx = 1\nprint(x)\n" and lang == "python"
    with pytest.raises(NotebookError):
        notebook_text('{"cells": [')
    path = tar_gz(tmp_path / "nb.tar.gz", [("a.ipynb", json.dumps(nb).encode()), ("b.ipynb", b'{"cells": [')])
    docs, counts, _ = read(path)
    assert list(docs) == ["a.ipynb"] and counts["skipped_broken_notebook"] == 1
    assert docs["a.ipynb"].metadata["code_language"] == "Jupyter Notebook"


def test_a_notebook_with_a_lone_surrogate_escape_is_a_counted_skip_not_a_crash(tmp_path):
    # '\\ud800' in the JSON file decodes to a lone surrogate: secrets' Aho-Corasick pass (Rust) and the
    # parquet writer would both raise on it, taking the task down.
    raw = '{"cells": [{"cell_type": "code", "source": ["x = 1  # \\ud800\\n"]}], "metadata": {}}'
    with pytest.raises(NotebookError, match="unpaired surrogate"):
        notebook_text(raw)
    kernel = '{"cells": [{"cell_type": "code", "source": "x = 1"}], "metadata": {"kernelspec": {"language": "py\\udc80"}}}'
    with pytest.raises(NotebookError, match="kernel language"):
        notebook_text(kernel)
    path = tar_gz(tmp_path / "nb.tar.gz", [("bad.ipynb", raw.encode()), ("ok.py", b"x = 1\n")])
    docs, counts, _ = read(path)
    assert list(docs) == ["ok.py"] and counts["skipped_broken_notebook"] == 1


@pytest.mark.parametrize("path, text, language, how", [
    ("src/x.h", "#include <vector>\nnamespace a { class B {}; }\n", "C++", "heuristic"),
    ("src/x.h", "#ifndef X_H\nint f(void);\n#endif\n", "C", "extension"),
    ("x.m", "@interface Foo : NSObject\n@end\n", "Objective-C", "heuristic"),
    ("x.m", "function y = f(x)\n  y = x + 1;\nend\n", "MATLAB", "heuristic"),
    ("x.pl", "use strict;\nmy $x = 1;\n", "Perl", "heuristic"),
    ("x.pl", "parent(tom, bob).\nancestor(X, Y) :- parent(X, Y).\n", "Prolog", "heuristic"),
    ("x.ts", '<?xml version="1.0"?>\n<!DOCTYPE TS>\n<TS version="2.1"></TS>\n', "XML", "heuristic"),
    ("x.ts", "const a: number = 1;\n", "TypeScript", "extension"),
    ("scripts/deploy", "#!/usr/bin/env -S python3 -u\nimport sys\n", "Python", "shebang"),
    ("tool", "#!/bin/bash\necho hi\n", "Shell", "shebang"),
    ("Makefile", "all:\n\techo\n", "Makefile", "filename"),
    ("Dockerfile.dev", "FROM python:3.11\n", "Dockerfile", "filename"),
    ("conf.txt", "# vim: set ft=python:\nx = 1\n", "Python", "modeline"),
    ("notes.xyz", "plain words\n", None, "none"),
])
def test_language_rules(path, text, language, how):
    found = detect(path, text)
    assert (found.language, found.how) == (language, how)


def test_shebang_forms():
    assert shebang_language("#!/usr/local/bin/python3.11\n") == "Python"
    assert shebang_language("#!/usr/bin/env node\n") == "JavaScript"
    assert shebang_language("#! /bin/sh -e\n") == "Shell"
    assert shebang_language("#!/usr/bin/env FOO=1 ruby\n") == "Ruby"
    assert shebang_language("#!/opt/unknown-thing\n") is None


@pytest.mark.parametrize("path, reason", [
    ("vendor/github.com/x/y.go", "vendored"), ("web/node_modules/a/b.js", "vendored"), ("lib/third_party/z.c", "vendored"),
    ("static/app.min.js", "minified"), ("dist/bundle.js", "build_output"), ("package-lock.json", "lock_file"),
    ("sub/Cargo.lock", "lock_file"), ("api/msg_pb2.py", "generated"), ("src/main.py", None), ("docs/distance.md", None),
])
def test_vendored_paths(path, reason):
    assert vendored_reason(path) == reason


def test_generated_markers():
    assert generated_marker("// Code generated by protoc-gen-go. DO NOT EDIT.\npackage x\n")
    assert generated_marker("# This file was automatically generated by SWIG\n")
    assert not generated_marker("# A generator of prime numbers, written by hand.\n")


def test_licence_texts_and_expressions():
    assert text_license(MIT_TEXT.decode()) == "MIT"
    assert text_license("Redistribution and use in source and binary forms, with or without modification ... "
                        "Redistributions of source code must retain the above copyright notice ... Neither the name "
                        "of the copyright holder nor the names of its contributors may be used to endorse or promote") \
        == "BSD-3-Clause"
    assert text_license("All rights reserved. Do not copy.") is None
    # each GNU licence text names its siblings further on: the title that comes first decides
    assert text_license("GNU GENERAL PUBLIC LICENSE\nVersion 3, 29 June 2007\nTERMS AND CONDITIONS ... use the "
                        "GNU Lesser General Public License instead") == "GPL-3.0-only"
    assert text_license("GNU LESSER GENERAL PUBLIC LICENSE\nVersion 2.1, February 1999\n... the GNU General Public "
                        "License ...") == "LGPL-2.1-only"
    assert text_license("under the terms of the GNU General Public License as published by the Free Software "
                        "Foundation, either version 3 of the License, or (at your option) any later version.") \
        == "GPL-3.0-or-later"
    assert normalise("mit") == "MIT" and normalise("MIT/Apache-2.0") == "MIT OR Apache-2.0"
    assert normalise("BSD") is None and normalise("UNLICENSED") is None
    assert is_permissive("MIT OR GPL-3.0-only") and not is_permissive("MIT AND GPL-3.0-only")
    assert not is_permissive("GPL-2.0-only") and not is_permissive(None)
    assert satisfies("Apache-2.0 WITH LLVM-exception", {"Apache-2.0"})
    unknown = repository_license({"LICENSE": b"Proprietary. All rights reserved.", "a.py": GOOD_PY})
    assert unknown.spdx is None and unknown.unrecognised == ("LICENSE",)
    assert repository_license({"package.json": b'{"license": "not a licence"}', "COPYING": MIT_TEXT}).spdx == "MIT"


def test_detect_format_and_recipe_folder_units(tmp_path):
    from curation.recipe.model import InputSpec
    from curation.run.units import expand

    assert detect_format("x/click-2c8cd3ac.tar.gz") == "code" and detect_format("1801.03879-1.tar.gz") == "latex"
    found = expand(InputSpec(paths=[str(SAMPLE / "code")], format="code", source="code"))
    assert [(rel, fmt) for _, rel, fmt in found] == [("listkit.tar.gz", "code"), ("mathkit.tar.gz", "code"),
                                                    ("webtool.zip", "code")]
    one = expand(InputSpec(paths=[str(SAMPLE / "code" / "checkout" / "tinyscripts")], format="code"))
    assert [(rel, fmt) for _, rel, fmt in one] == [("tinyscripts", "code")]


def test_sample_repositories_are_what_our_generator_writes(tmp_path):
    gen = load_script(SAMPLE / "code" / "make_code_samples.py")
    gen.main(tmp_path)
    for rel in ("mathkit.tar.gz", "webtool.zip", "listkit.tar.gz", "checkout/tinyscripts/backup",
                "checkout/tinyscripts/wordcount", "stack_sample.jsonl"):
        assert (tmp_path / rel).read_bytes() == (SAMPLE / "code" / rel).read_bytes(), rel


def test_stack_style_records_get_the_code_metadata_of_archive_files(tmp_path):
    from curation.readers import JsonlReader
    from curation.stages.code_annotate import CodeAnnotate

    rows = [{"blob_id": "a", "content": GOOD_PY.decode(), "path": "pkg/add.py", "repo": "o/r", "license": "mit"},
            {"blob_id": "b", "content": "x = 1\n", "path": "node_modules/m/i.js", "repo": "o/r",
             "license": ["MIT", "Apache-2.0"]},
            {"blob_id": "c", "content": "int x;\n", "path": "a.h", "repo": "o/s", "license": "Proprietary"},
            {"blob_id": "d", "content": "no path here\n", "repo": "o/s"}]
    path = tmp_path / "stack.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    docs = list(JsonlReader(str(path), source="code", text_field="content", id_field="blob_id").run())
    step = CodeAnnotate()
    out = {d.id: d.metadata for d in step.run(iter(docs))}
    assert sorted(out) == ["a", "b", "c"] and int(step.stats["dropped_no_path"].total) == 1
    assert (out["a"]["code_language"], out["a"]["license"], out["a"]["repo"], out["a"]["vendored"]) == \
        ("Python", "MIT", "o/r", None)
    assert out["b"]["license"] == "MIT AND Apache-2.0" and out["b"]["vendored"] == "vendored"
    assert out["c"]["license"] is None and out["c"]["license_declared"] == "Proprietary"
    assert int(step.stats["license_unrecognised"].total) == 1
