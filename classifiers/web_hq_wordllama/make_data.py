"""Rebuild data/*.jsonl.gz of web_hq_wordllama (DCLM's reference recipe at small scale).

    python classifiers/web_hq_wordllama/make_data.py [MIRROR_DIR]

Positives: OpenStax "Principles of Economics 3e" modules (CC-BY-4.0; text of the <para> elements,
cut to 12,000 characters, the recipe chunks them) and the pages graded >= 3 of web_edu_wordllama's
TRAINING split. Negatives: random web pages: C4 documents (a 449-page sample committed in
intel/e2eAIOK) and a seeded sample of 600 pages graded <= 2 from the same training split. The
graded held-out split is never written here, so both models are measured on the same unseen rows.
Also written, for the experiment benchmarks/edu_reference_qa (not used by this model): question/answer
text like DCLM's positives (OpenHermes, ELI5): OpenAssistant oasst1 replies (Apache-2.0) and
StackExchange questions with their best answer (coffee, math educators; CC-BY-SA-3.0), and
conversational low-quality negatives (conversational.py: YouTube comment pages, StackExchange answers
scored <= 0, meta-site threads, oasst1 replies labelled low quality) for benchmarks/edu_reference_conv.
MIRROR_DIR holds git clones named ``owner+name`` (default /work/.mirror); files are read at the
pinned commits with ``git show``; output is sorted and gzip'ed with a zero mtime (byte-identical).
"""

from __future__ import annotations

import gzip
import html as htmllib
import io
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
OPENSTAX = ("openstax/osbooks-principles-economics-bundle", "cd31beb103fffbc09cc81ebfe117d8c40cc12d1a")
OASST = ("TurkuNLP/oasst-fi", "45e9c4600eacf5844887e321ba3952befe9727dc", "original-data/en-validation.jsonl")
COFFEE = ("Yoav-Shafir/Elasticsearch-Coffee-Search-Engine-JS", "97e93c92aaa379fed6d0ee9be94b2024371d6aba", "Posts.xml")
MATHEDU = ("jrfoster/spark-intro", "d242829803d27f4fca6a03065fd85749f505dbef", "Posts.xml")
STACKEXCHANGE_PAGES = 300
C4 = ("intel/e2eAIOK", "3b45fd6df6fe6c716bc4343e9ce6546550a6ae94", "RecDP/tests/data/llm_data/tiny_c4_sample.jsonl")
CNXML = "{http://cnx.rice.edu/cnxml}"
MODULE_CHARS = 12_000
NEGATIVE_PAGES = 600


_BLOCK_TAGS = re.compile(r"</?(?:p|pre|li|ul|ol|h[1-6]|blockquote|br|div|tr|table|hr)\b[^>]*>", re.I)
_TAGS = re.compile(r"<[^>]+>")
_BLANKS = re.compile(r"\n[ \t]*(?:\n[ \t]*)+")


def html_fragment_to_text(fragment: str) -> str:
    """Plain text of a StackExchange body: block tags become line breaks. (The converter the committed
    files were written with; curation.classify.sources no longer has it, the readers use their own.)"""
    text = _BLOCK_TAGS.sub("\n", fragment)
    text = htmllib.unescape(_TAGS.sub("", text))
    text = "\n".join(line.strip() for line in text.splitlines())
    return _BLANKS.sub("\n\n", text).strip()


def git(mirror: Path, repo: str, *args: str) -> bytes:
    base = mirror / repo.replace("/", "+")
    git_dir = base / "repo" if (base / "repo").exists() else base
    return subprocess.run(["git", "--git-dir", str(git_dir), *args], check=True, capture_output=True).stdout


def openstax(mirror: Path) -> list[dict]:
    repo, commit = OPENSTAX
    names = git(mirror, repo, "ls-tree", "-r", "--name-only", commit).decode().split()
    rows = []
    for name in sorted(n for n in names if n.endswith(".cnxml")):
        root = ET.fromstring(git(mirror, repo, "show", f"{commit}:{name}"))
        paras = (" ".join("".join(p.itertext()).split()) for p in root.iter(f"{CNXML}para"))
        text = (root.findtext(f"{CNXML}title") or "") + "\n\n" + "\n\n".join(p for p in paras if p)
        rows.append({"id": f"openstax-economics:{name.split('/')[1]}", "text": text[:MODULE_CHARS]})
    return rows


def oasst(mirror: Path) -> list[dict]:
    """One document per reviewed assistant reply to a root prompt: the prompt, the reply and, when there
    is one, the best-ranked next exchange (DCLM's positives are instruction/answer text like this)."""
    repo, commit, path = OASST
    rows = [json.loads(x) for x in git(mirror, repo, "show", f"{commit}:{path}").decode("utf-8").splitlines() if x.strip()]
    ok = [r for r in rows if r["lang"] == "en" and not r["deleted"] and r.get("review_result") is not False]
    kids: dict[str | None, list[dict]] = {}
    for r in ok:
        kids.setdefault(r["parent_id"], []).append(r)
    best = lambda rs: min(rs, key=lambda r: (r["rank"] if r["rank"] is not None else 0, r["message_id"]))  # noqa: E731
    out = []
    for root in sorted(kids.get(None, []), key=lambda r: r["message_id"]):
        for reply in sorted(kids.get(root["message_id"], []), key=lambda r: r["message_id"]):
            parts = [root["text"], reply["text"]]
            follow = kids.get(reply["message_id"])
            if follow and kids.get(best(follow)["message_id"]):
                parts += [best(follow)["text"], best(kids[best(follow)["message_id"]])["text"]]
            out.append({"id": f"oasst1:{reply['message_id']}", "text": "\n\n".join(p.strip() for p in parts)})
    return out


def stackexchange(mirror: Path, dump: tuple[str, str, str], site: str) -> list[dict]:
    """Each question with its accepted answer (else its best-scored answer), when that answer scored >= 1;
    a seeded sample of at most STACKEXCHANGE_PAGES of them."""
    repo, commit, path = dump
    posts = [r.attrib for r in ET.fromstring(git(mirror, repo, "show", f"{commit}:{path}"))]
    answers: dict[str, list[dict]] = {}
    for a in (p for p in posts if p["PostTypeId"] == "2"):
        answers.setdefault(a["ParentId"], []).append(a)
    out = []
    for q in (p for p in posts if p["PostTypeId"] == "1" and p["Id"] in answers):
        cands = answers[q["Id"]]
        a = next((x for x in cands if x["Id"] == q.get("AcceptedAnswerId")), None)
        a = a or max(cands, key=lambda x: (int(x["Score"]), -int(x["Id"])))
        if int(a["Score"]) >= 1:
            text = f"{q['Title']}\n\n{html_fragment_to_text(q['Body'])}\n\n{html_fragment_to_text(a['Body'])}"
            out.append({"id": f"{site}:{q['Id']}", "text": text})
    if len(out) > STACKEXCHANGE_PAGES:
        pick = np.sort(np.random.default_rng(11).choice(len(out), STACKEXCHANGE_PAGES, replace=False))
        out = [out[i] for i in pick]
    return out


def conversational(mirror: Path, oasst_positives: list[dict]) -> None:
    """The conversational low-quality negatives (conversational.py) and the Q&A positives without them."""
    sys.path.insert(0, str(HERE))
    from conversational import write_all

    show = lambda repo, commit, path: git(mirror, repo, "show", f"{commit}:{path}")  # noqa: E731
    dumps = [(COFFEE, "coffee.stackexchange"), (MATHEDU, "matheducators.stackexchange")]
    write_all(mirror, show, write, dumps, OASST, oasst_positives, html_fragment_to_text)


def c4(mirror: Path) -> list[dict]:
    repo, commit, path = C4
    lines = git(mirror, repo, "show", f"{commit}:{path}").decode("utf-8").splitlines()
    return [{"id": f"c4-tiny:{i}", "text": json.loads(line)["text"]} for i, line in enumerate(lines) if line.strip()]


def graded_training_pages() -> tuple[list[dict], list[dict]]:
    """(grade >= 3, seeded sample of grade <= 2) of web_edu_wordllama's training split, split as training does."""
    sys.path.insert(0, str(ROOT))
    from curation.classify.data import stratified_split
    from curation.classify.recipe import load_classifier_recipe
    from curation.classify.train import build_dataset

    recipe = load_classifier_recipe(ROOT / "classifiers" / "web_edu_wordllama")
    ds = build_dataset(recipe)
    y = np.asarray(ds.labels)
    train, _ = stratified_split(y, recipe.holdout, recipe.seed)
    train = np.sort(train)
    hi = [{"id": f"web_edu_wordllama:{i}", "text": ds.texts[i], "grade": int(y[i])} for i in train if y[i] >= 3]
    lo = [i for i in train if y[i] <= 2]
    pick = np.sort(np.random.default_rng(7).choice(lo, NEGATIVE_PAGES, replace=False))
    return hi, [{"id": f"web_edu_wordllama:{i}", "text": ds.texts[i], "grade": int(y[i])} for i in pick]


def write(rows: list[dict], name: str) -> None:
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0, filename="") as gz:
        for r in rows:
            gz.write((json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8"))
    (HERE / "data" / name).write_bytes(buf.getvalue())
    print(f"data/{name}: {len(rows)} rows")


def main(mirror: str = "/work/.mirror") -> None:
    (HERE / "data").mkdir(exist_ok=True)
    write(openstax(Path(mirror)), "openstax_economics.jsonl.gz")
    write(c4(Path(mirror)), "c4_tiny_sample.jsonl.gz")
    qa = oasst(Path(mirror))
    write(qa, "oasst1_en_validation_qa.jsonl.gz")
    write(stackexchange(Path(mirror), COFFEE, "coffee.stackexchange"), "coffee_stackexchange_qa.jsonl.gz")
    write(stackexchange(Path(mirror), MATHEDU, "matheducators.stackexchange"), "matheducators_stackexchange_qa.jsonl.gz")
    conversational(Path(mirror), qa)
    hi, lo = graded_training_pages()
    write(hi, "fineweb_train_grade_ge3.jsonl.gz")
    write(lo, "fineweb_train_grade_le2_sample.jsonl.gz")


if __name__ == "__main__":
    main(*sys.argv[1:])
