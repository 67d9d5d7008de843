"""Build the Slovene Wikipedia reference sentences (run once, output committed).

Source: UniversalDependencies/UD_Slovenian-SSJ @ 17011b12eae4e522da4d1eeeffd439085466623c,
``sl_ssj-ud-dev.conllu`` (CC BY-SA 4.0, LICENSE.txt): the sentences marked
``# document_genre = wikipedia`` (the Slovene part of the ELEXIS-WSD parallel corpus of Wikipedia
sentences), in file order, as their ``# text`` line. The dev split only: the test split is a parser
benchmark's and is not read. Nothing was tuned on it: a check set for the per-language quality rules
(langid_quality.py runs it through them as 16-sentence documents, two sentences a line, like UDHR).

    python benchmarks/langid_data/make_ud_reference.py /path/to/UD_Slovenian-SSJ-checkout
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from make_langid_data import write  # noqa: E402

COMMIT = "17011b12eae4e522da4d1eeeffd439085466623c"
FILE = "sl_ssj-ud-dev.conllu"


def wikipedia_sentences(conllu: str) -> list[str]:
    """The ``# text`` of every sentence whose comments say ``document_genre = wikipedia``."""
    out, text, genre = [], None, None
    for line in conllu.splitlines():
        if line.startswith("# text = "):
            text = line[len("# text = "):].strip()
        elif line.startswith("# document_genre = "):
            genre = line[len("# document_genre = "):].strip()
        elif not line.strip():  # end of a sentence block
            if text and genre == "wikipedia":
                out.append(text)
            text = genre = None
    return out


def main() -> None:
    repo = Path(sys.argv[1])
    conllu = subprocess.run(["git", "-C", str(repo), "show", f"{COMMIT}:{FILE}"], check=True, capture_output=True).stdout.decode("utf-8")
    write(Path(__file__).with_name("ud_wikipedia.jsonl.gz"), {"sl": wikipedia_sentences(conllu)})


if __name__ == "__main__":
    main()
