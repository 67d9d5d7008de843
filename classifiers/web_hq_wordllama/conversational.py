"""Conversational low-quality negatives (and the Q&A positives cleaned of them), for make_data.py.

Why: a reference model trained with question/answer positives but no conversational negatives learned
"conversational" as "high quality" and rated forum threads and comment sections high (classifiers/
README.md, issue 12). These builders write licensed text of that kind from the pinned mirrors:

- YouTube comment sections (UCI YouTube Spam Collection, CC-BY-4.0): the comments of one video in
  file order, cut into pages of COMMENTS_PER_PAGE, spam and not spam alike;
- StackExchange answers scored <= 0 with their question (the coffee and math educators dumps);
- a meta site's discussion threads (datascience.meta.stackexchange: site policy, feature requests,
  chatter): question and every answer, as a forum page shows them;
- OpenAssistant replies that oasst1's reviewers labelled low quality or spam, with their prompt; the
  Q&A positive file is rewritten without those replies (``oasst_ok``), so no text is in both classes.
"""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Callable

YOUTUBE = ("ECE457-A/FeatureSelection", "c570c1e17ca2998e690f4c0c194304ab484866c9", "Youtube01-Psy.csv")
DS_META = ("ArleneDcosta/StackExchangePatternandPrediction", "bc4f1822a63cf2aa9ae945837cda520c176c6dc3", "Posts.xml")
COMMENTS_PER_PAGE = 10
LOW_QUALITY = 0.25  # oasst1 "quality" label (mean of reviewers, 0-1) at or below which a reply is low quality
SPAM = 0.5


def youtube_pages(show: Callable[..., bytes]) -> list[dict]:
    repo, commit, path = YOUTUBE
    rows = list(csv.reader(io.StringIO(show(repo, commit, path).decode("utf-8", "replace"))))
    comments = [r[1].strip() for r in rows if len(r) >= 2 and r[1].strip()]
    return [{"id": f"youtube-psy:{i // COMMENTS_PER_PAGE}", "text": "\n\n".join(comments[i:i + COMMENTS_PER_PAGE])}
            for i in range(0, len(comments), COMMENTS_PER_PAGE)]


def _posts(show: Callable[..., bytes], dump: tuple[str, str, str]) -> list[dict]:
    repo, commit, path = dump
    return [r.attrib for r in ET.fromstring(show(repo, commit, path))]


def low_scored_answers(show: Callable[..., bytes], dumps: list[tuple[tuple[str, str, str], str]],
                       to_text: Callable[[str], str]) -> list[dict]:
    """Every answer scored <= 0, after its question (title and body)."""
    out = []
    for dump, site in dumps:
        posts = _posts(show, dump)
        questions = {p["Id"]: p for p in posts if p["PostTypeId"] == "1"}
        for a in (p for p in posts if p["PostTypeId"] == "2" and int(p["Score"]) <= 0):
            q = questions.get(a.get("ParentId", ""))
            if q is not None:
                text = f"{q['Title']}\n\n{to_text(q['Body'])}\n\n{to_text(a['Body'])}"
                out.append({"id": f"{site}:answer:{a['Id']}", "text": text})
    return out


def meta_threads(show: Callable[..., bytes], to_text: Callable[[str], str]) -> list[dict]:
    """Each question of the meta site with all its answers (by score, then id)."""
    posts = _posts(show, DS_META)
    answers: dict[str, list[dict]] = {}
    for a in (p for p in posts if p["PostTypeId"] == "2"):
        answers.setdefault(a["ParentId"], []).append(a)
    out = []
    for q in (p for p in posts if p["PostTypeId"] == "1"):
        replies = sorted(answers.get(q["Id"], []), key=lambda a: (-int(a["Score"]), int(a["Id"])))
        parts = [q["Title"], to_text(q["Body"])] + [to_text(a["Body"]) for a in replies]
        out.append({"id": f"datascience.meta.stackexchange:{q['Id']}", "text": "\n\n".join(parts)})
    return out


def _oasst_bad(row: dict) -> bool:
    labels = row.get("labels") or {}
    values = dict(zip(labels.get("name", []), labels.get("value", [])))
    return values.get("quality", 1.0) <= LOW_QUALITY or values.get("spam", 0.0) >= SPAM


def oasst_split(rows: list[dict], positives: list[dict]) -> tuple[list[dict], list[dict]]:
    """(low-quality or spam assistant replies with their prompt, the positives without those replies)."""
    ok = {r["message_id"]: r for r in rows if r["lang"] == "en" and not r["deleted"]}
    bad = [r for r in ok.values() if r["role"] == "assistant" and _oasst_bad(r) and r["parent_id"] in ok]
    negatives = [{"id": f"oasst1:{r['message_id']}", "text": f"{ok[r['parent_id']]['text'].strip()}\n\n{r['text'].strip()}"}
                 for r in sorted(bad, key=lambda r: r["message_id"])]
    bad_ids = {f"oasst1:{r['message_id']}" for r in bad}
    return negatives, [p for p in positives if p["id"] not in bad_ids]


def oasst_rows(show: Callable[..., bytes], dump: tuple[str, str, str]) -> list[dict]:
    repo, commit, path = dump
    return [json.loads(x) for x in show(repo, commit, path).decode("utf-8").splitlines() if x.strip()]


def write_all(mirror: Path, show: Callable[..., bytes], write: Callable[[list[dict], str], None],
              se_dumps: list[tuple[tuple[str, str, str], str]], oasst_dump: tuple[str, str, str],
              oasst_positives: list[dict], to_text: Callable[[str], str]) -> None:
    write(youtube_pages(show), "youtube_psy_comment_pages.jsonl.gz")
    write(low_scored_answers(show, se_dumps, to_text), "stackexchange_low_scored_answers.jsonl.gz")
    write(meta_threads(show, to_text), "datascience_meta_threads.jsonl.gz")
    negatives, kept = oasst_split(oasst_rows(show, oasst_dump), oasst_positives)
    write(negatives, "oasst1_en_validation_low_quality.jsonl.gz")
    write(kept, "oasst1_en_validation_qa_ok.jsonl.gz")
