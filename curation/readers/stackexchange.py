"""A StackExchange dump's ``Posts.xml`` -> one Q&A Document per question.

Layout of a document (blank lines between parts)::

    <title>

    <question body as text>

    Answer:
    <accepted answer, if any>

    Answer:
    <next best answer>

Answers: the accepted one first, then the others by score (highest first), then id; at most
``max_answers`` in all, none below ``min_answer_score`` (the accepted one included). Questions
below ``min_score`` are dropped; a kept question with no answer left is still a document unless
``min_answers`` says otherwise. Bodies go from HTML to text in ``stackexchange_html``.

Two streamed passes, bounded memory: a dump is tens of GB and an answer may sit anywhere relative
to its question. Pass 1 reads only ids and scores and decides which answers each question keeps
(``stackexchange_select``: a few ints per question, no text). Pass 2 converts just the kept posts
and spills their text to a temporary SQLite file (``spill_dir``, else the system temp dir); the
documents are then read back in question-id order. No body is ever held beyond the one in hand.
XML is parsed by ``xml_safe`` (expat, no DTD, entity declarations refused: ``unsafe_xml``).
"""

from __future__ import annotations

import json
import os
import posixpath
import sqlite3
import tempfile

import fsspec
from datatrove.data import Document

from curation.academic.stackexchange_html import html_to_text
from curation.academic.stackexchange_select import Selection, licences, parse_tags, post_licence, site_and_host
from curation.academic.xml_safe import XmlProblem, iter_xml
from curation.core.step import CurationStep
from curation.readers._common import file_label

_QUESTION, _ANSWER = "1", "2"
_SCHEMA = """
CREATE TABLE q (qid INTEGER PRIMARY KEY, title TEXT, tags TEXT, score INTEGER, views INTEGER, answers INTEGER,
                accepted INTEGER, created TEXT, licence TEXT, text TEXT);
CREATE TABLE a (qid INTEGER, aid INTEGER, score INTEGER, accepted INTEGER, licence TEXT, text TEXT);
"""


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _dump_folder(path: str) -> str:
    """"beer" from ".../beer/Posts.xml"; "beer.stackexchange.com" from ".../beer.stackexchange.com-Posts.xml";
    "cardano" from ".../cardano_Posts.xml.gz"."""
    name = posixpath.basename(path.rstrip("/"))
    bare = name.removesuffix(".gz").removesuffix(".bz2")
    if bare.lower().endswith(("-posts.xml", "_posts.xml")):
        return bare[: -len("-posts.xml")]
    return posixpath.basename(posixpath.dirname(path.rstrip("/"))) or "stackexchange"


class StackExchangeReader(CurationStep):
    """Reads one ``Posts.xml`` (optionally compressed); bad rows are skipped with their row id."""

    name = "stackexchange reader"
    type = "reader"

    def __init__(self, path: str, source: str = "qa", rel_path: str | None = None, site: str | None = None,
                 host: str | None = None, min_score: int = 0, min_answer_score: int = 0, max_answers: int = 3,
                 min_answers: int = 0, spill_dir: str | None = None):
        super().__init__()
        if max_answers < 0 or min_answers < 0:
            raise ValueError(f"max_answers={max_answers}, min_answers={min_answers}: must not be negative")
        self.path, self.source = path, source
        self.file = file_label(path, rel_path)
        default_site, default_host = site_and_host(site or _dump_folder(path))
        self.site, self.host = default_site, host or default_host
        self.min_score, self.min_answer_score = min_score, min_answer_score
        self.max_answers, self.min_answers, self.spill_dir = max_answers, min_answers, spill_dir

    def run(self, data=None, rank: int = 0, world_size: int = 1):
        if data:
            yield from data
        selection = Selection(self.min_score, self.min_answer_score, self.max_answers)
        if not self._pass1(selection):
            return
        for aid, parent in selection.orphans():
            self.skip(f"{self.file}@row {aid}", "orphan_answer", f"its question {parent} is not in the dump")
        if selection.low_answers:
            self.stat_update("answers_below_min_score", value=selection.low_answers)
        if self.spill_dir:
            os.makedirs(self.spill_dir, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix="stackexchange-", dir=self.spill_dir) as tmp:
            db = sqlite3.connect(os.path.join(tmp, "posts.sqlite"))
            try:
                db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + _SCHEMA)
                self._pass2(selection, db)
                del selection  # pass-1 state is no longer needed while documents are read back
                yield from self._documents(db)
            finally:
                db.close()

    # ------------------------------------------------------------------------------------------ passes
    def _rows(self, report: bool):
        """(attrs, line) of every ``row``; problems are skips in pass 1 and silent in pass 2."""
        try:
            f = fsspec.open(self.path, "rb", compression="infer").open()
        except Exception as e:  # noqa: BLE001 - any failure to open is a skip, never fatal
            if report:
                self.skip(self.file, "unreadable", f"{type(e).__name__}: {e}")
            return
        with f:
            try:
                for event in iter_xml(f, keep_text=()):
                    if event[0] == "start" and event[1] == "row":
                        yield event[2], event[3]
            except XmlProblem as p:
                if report:
                    self.skip(f"{self.file}:{p.line}", p.reason, p.detail)

    def _pass1(self, selection: Selection) -> bool:
        """Ids and scores only; False when the file gave nothing to read (so no pass 2)."""
        rows = 0
        for attrs, line in self._rows(report=True):
            rows += 1
            pid = _int(attrs.get("Id"))
            if pid is None:
                self.skip(f"{self.file}:{line}", "missing_field", "row without a numeric Id")
                continue
            where = f"{self.file}@row {pid}"
            kind = attrs.get("PostTypeId")
            missing = [k for k in ("PostTypeId", "Body") if attrs.get(k) is None]
            if kind == _QUESTION and attrs.get("Title") is None:
                missing.append("Title")
            if kind == _ANSWER and attrs.get("ParentId") is None:
                missing.append("ParentId")
            if missing:
                self.skip(where, "missing_field", "no " + ", ".join(missing))
                continue
            if kind not in (_QUESTION, _ANSWER):  # tag wikis, moderator nominations, ...
                self.stat_update("other_post_types")
                continue
            score = _int(attrs.get("Score", "0"))
            parent = _int(attrs.get("ParentId")) if kind == _ANSWER else 0
            if score is None or parent is None:
                self.skip(where, "bad_field", f"Score={attrs.get('Score')!r} ParentId={attrs.get('ParentId')!r}")
                continue
            if kind == _ANSWER:
                self.stat_update("answers")
                selection.answer(pid, parent, score)
            else:
                self.stat_update("questions")
                if not selection.question(pid, score, _int(attrs.get("AcceptedAnswerId"))):
                    self.stat_update("questions_below_min_score")
        return rows > 0

    def _pass2(self, selection: Selection, db: sqlite3.Connection) -> None:
        """Converts and stores the kept questions and the answers pass 1 chose."""
        kept, wanted = selection.kept, selection.wanted()
        qs, ans = [], []
        for attrs, _ in self._rows(report=False):
            pid = _int(attrs.get("Id"))
            kind = attrs.get("PostTypeId")
            if pid is None or attrs.get("Body") is None:
                continue
            if kind == _QUESTION and pid in kept:
                accepted = kept[pid][0]
                qs.append((pid, attrs.get("Title", ""), json.dumps(parse_tags(attrs.get("Tags"))),
                           _int(attrs.get("Score", "0")), _int(attrs.get("ViewCount")),
                           _int(attrs.get("AnswerCount")), accepted, attrs.get("CreationDate"),
                           post_licence(attrs), html_to_text(attrs["Body"])))
            elif kind == _ANSWER and pid in wanted:
                qid, score = wanted[pid], _int(attrs.get("Score", "0"))
                if score is None or _int(attrs.get("ParentId")) != qid or score < self.min_answer_score:
                    continue  # an accepted answer below the bar, or a row changed since pass 1
                text = html_to_text(attrs["Body"])
                if not text:
                    self.stat_update("empty_answers")
                    continue
                ans.append((qid, pid, score, int(pid == kept[qid][0]), post_licence(attrs), text))
            if len(qs) + len(ans) >= 2000:
                self._store(db, qs, ans)
        self._store(db, qs, ans)
        db.execute("CREATE INDEX a_qid ON a (qid)")
        db.commit()

    @staticmethod
    def _store(db: sqlite3.Connection, qs: list, ans: list) -> None:
        db.executemany("INSERT OR REPLACE INTO q VALUES (?,?,?,?,?,?,?,?,?,?)", qs)
        db.executemany("INSERT INTO a VALUES (?,?,?,?,?,?)", ans)
        qs.clear()
        ans.clear()

    # ------------------------------------------------------------------------------------------ output
    def _documents(self, db: sqlite3.Connection):
        answers = db.cursor()
        for qid, title, tags, score, views, n_answers, accepted, created, licence, body in db.execute(
                "SELECT * FROM q ORDER BY qid"):
            picked = answers.execute("SELECT aid, score, licence, text FROM a WHERE qid = ? "
                                     "ORDER BY accepted DESC, score DESC, aid ASC LIMIT ?",
                                     (qid, self.max_answers)).fetchall()
            if len(picked) < self.min_answers:
                self.stat_update("too_few_answers")
                continue
            parts = [p for p in (title.strip(), body) if p]
            parts += [f"Answer:\n{text}" for _, _, _, text in picked]
            meta = {
                "url": f"https://{self.host}/q/{qid}", "source": self.source, "file": self.file,
                "license": licences([licence] + [lic for _, _, lic, _ in picked]),
                "site": self.site, "question_id": qid, "title": title, "tags": json.loads(tags),
                "score": score, "view_count": views, "answer_count": n_answers,
                "answer_ids": [a for a, _, _, _ in picked], "answer_scores": [s for _, s, _, _ in picked],
                "accepted_answer_id": accepted, "creation_date": created, "question_license": licence,
            }
            doc = Document(text="\n\n".join(parts), id=f"stackexchange:{self.site}:{qid}", metadata=meta)
            self.stat_update("documents")
            self.update_doc_stats(doc)
            yield doc
