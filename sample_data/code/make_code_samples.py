"""Write our sample code repositories, the way ``git archive`` would, deterministically.

    python sample_data/code/make_code_samples.py            # rewrites the archives and folder beside it
    python sample_data/code/make_code_samples.py /tmp/out   # or somewhere else

mathkit.tar.gz (Python, MIT in pyproject.toml and LICENSE), webtool.zip (JavaScript, Apache-2.0 from
its LICENSE text alone), listkit.tar.gz (C, GPL-3.0: dropped by a permissive-only recipe) and
checkout/tinyscripts/ (a checked-out folder with no licence), and stack_sample.jsonl (Stack-style records:
content, path, repo, license). Like ``git archive`` the tarballs hold
one top folder and a pax global header whose ``comment`` is the commit id (here a sha1 of the
files, so it changes when they do). Standard library only; the same run gives the same bytes.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import sys
import tarfile
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import repos  # noqa: E402 - the sample files live beside this script

MTIME = 1767225600  # 2026-01-01T00:00:00Z


def _bytes(files: dict[str, str | bytes]) -> dict[str, bytes]:
    return {k: v.encode("utf-8") if isinstance(v, str) else v for k, v in files.items()}


def commit_id(files: dict[str, bytes]) -> str:
    h = hashlib.sha1()
    for name in sorted(files):
        h.update(name.encode() + b"\0" + files[name] + b"\0")
    return h.hexdigest()


def write_tar_gz(path: Path, top: str, files: dict[str, bytes]) -> None:
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT,
                      pax_headers={"comment": commit_id(files)}) as tar:
        for name in sorted(files):
            info = tarfile.TarInfo(f"{top}/{name}")
            info.size, info.mtime, info.mode = len(files[name]), MTIME, 0o644
            tar.addfile(info, io.BytesIO(files[name]))
    path.write_bytes(gzip.compress(raw.getvalue(), compresslevel=9, mtime=0))


def write_zip(path: Path, top: str, files: dict[str, bytes]) -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.comment = commit_id(files).encode()
        for name in sorted(files):
            info = zipfile.ZipInfo(name if name.startswith("../") else f"{top}/{name}", date_time=(2026, 1, 1, 0, 0, 0))
            info.external_attr = 0o100644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, files[name])
    path.write_bytes(out.getvalue())


def write_folder(path: Path, files: dict[str, bytes]) -> None:
    for name, data in sorted(files.items()):
        target = path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        target.chmod(0o755 if data.startswith(b"#!") else 0o644)


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    write_tar_gz(out / "mathkit.tar.gz", "mathkit", _bytes(repos.mathkit()))
    write_zip(out / "webtool.zip", "webtool", _bytes(repos.webtool()))
    write_tar_gz(out / "listkit.tar.gz", "listkit", _bytes(repos.listkit()))
    write_folder(out / "checkout" / "tinyscripts", _bytes(repos.tinyscripts()))
    lines = [json.dumps(r, sort_keys=True, ensure_ascii=False) for r in repos.stack_records()]
    (out / "stack_sample.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent)
