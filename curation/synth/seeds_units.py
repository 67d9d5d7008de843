"""What a document offers as seeds: passages (paragraphs merged up to a character budget) and the
question/answer pairs already in it (a StackExchange question with its accepted answer; a book's
exercise directly followed by its answer or solution).

Passages never cut a paragraph unless it alone exceeds the budget; then it is cut between
sentences, and a sentence longer than the budget between words. A passage shorter than
``min_chars`` joins the previous one when the pair stays within 1.5x the budget, else it is dropped
and counted (``short_passage``).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

_PARAGRAPHS = re.compile(r"\n[ \t]*\n")
_SENTENCES = re.compile(r"(?<=[.!?])\s+")
#: The StackExchange reader's layout: title and body, then each picked answer as "Answer:\n<text>".
SE_ANSWER = "\n\nAnswer:\n"
#: A book exercise: a paragraph opening with "Exercise 3." / "PROBLEM IV:" ...
_EXERCISE = re.compile(r"^(?:exercise|problem)\s+(?:[0-9]+|[ivxlc]+)(?:\.[0-9]+)*\s*[.:)]", re.I)
#: ... directly followed by a paragraph opening with "Answer." / "Solution:".
_ANSWER = re.compile(r"^(?:answer|solution)\s*[.:]\s*", re.I)


@dataclass(frozen=True)
class Unit:
    """One candidate seed of a document: ``index`` counts the document's units of its ``kind``."""

    kind: str  # "passage" or "qa"
    index: int
    text: str
    question: str | None = None
    answer: str | None = None


def _cut(piece: str, budget: int) -> list[str]:
    """A paragraph longer than ``budget``: sentences merged up to it; a longer sentence cut at spaces."""
    out: list[str] = []
    for sentence in _SENTENCES.split(piece):
        while len(sentence) > budget:
            at = sentence.rfind(" ", 0, budget)
            at = at if at > 0 else budget
            out.append(sentence[:at].strip())
            sentence = sentence[at:].strip()
        if out and len(out[-1]) + 1 + len(sentence) <= budget:
            out[-1] = f"{out[-1]} {sentence}"
        elif sentence:
            out.append(sentence)
    return out


def split_passages(text: str, budget: int, min_chars: int) -> tuple[list[str], int]:
    """(passages of ``text``, how many short pieces were dropped)."""
    pieces: list[str] = []
    for para in _PARAGRAPHS.split(text.strip()):
        para = para.strip()
        if para:
            pieces.extend(_cut(para, budget) if len(para) > budget else [para])
    passages: list[str] = []
    for piece in pieces:
        if passages and len(passages[-1]) + 2 + len(piece) <= budget:
            passages[-1] = f"{passages[-1]}\n\n{piece}"
        else:
            passages.append(piece)
    kept: list[str] = []
    dropped = 0
    for p in passages:
        if len(p) >= min_chars:
            kept.append(p)
        elif kept and len(kept[-1]) + 2 + len(p) <= budget * 3 // 2:
            kept[-1] = f"{kept[-1]}\n\n{p}"
        else:
            dropped += 1
    return kept, dropped


def stackexchange_qa(text: str, metadata: dict) -> tuple[str, str] | None:
    """(question, accepted answer) of a StackExchange document, or None (no accepted answer first)."""
    if "question_id" not in metadata or SE_ANSWER not in text:
        return None
    ids, accepted = metadata.get("answer_ids") or [], metadata.get("accepted_answer_id")
    if accepted is None or not ids or ids[0] != accepted:  # the reader puts the accepted answer first
        return None
    question, _, rest = text.partition(SE_ANSWER)
    answer = rest.split(SE_ANSWER, 1)[0].strip()
    question = question.strip()
    return (question, answer) if question and answer else None


def book_exercises(text: str) -> list[tuple[str, str]]:
    """(exercise, answer) pairs: an exercise paragraph directly followed by an answer paragraph."""
    paras = [p.strip() for p in _PARAGRAPHS.split(text) if p.strip()]
    pairs = []
    for a, b in zip(paras, paras[1:]):
        if _EXERCISE.match(a) and _ANSWER.match(b):
            answer = _ANSWER.sub("", b, count=1).strip()
            if answer:
                pairs.append((a, answer))
    return pairs


def units_of(text: str, metadata: str | None, budget: int, min_chars: int, counts: dict[str, int]) -> list[Unit]:
    """A document's seeds: its Q&A pair(s), else passages; ``counts`` gets what was found and dropped."""
    try:
        meta = json.loads(metadata) if metadata else {}
    except ValueError:
        meta = {}
        counts["bad_metadata"] = counts.get("bad_metadata", 0) + 1
    meta = meta if isinstance(meta, dict) else {}
    se = stackexchange_qa(text, meta)
    if se is not None:
        counts["qa_stackexchange"] = counts.get("qa_stackexchange", 0) + 1
        return [Unit("qa", 0, f"{se[0]}\n\nAnswer:\n{se[1]}", se[0], se[1])]
    if "question_id" in meta:
        counts["qa_no_accepted_answer"] = counts.get("qa_no_accepted_answer", 0) + 1
    units = [Unit("qa", i, f"{q}\n\nAnswer:\n{a}", q, a) for i, (q, a) in enumerate(book_exercises(text))]
    counts["qa_exercise"] = counts.get("qa_exercise", 0) + len(units)
    passages, dropped = split_passages(text, budget, min_chars)
    counts["short_passage"] = counts.get("short_passage", 0) + dropped
    counts["passages"] = counts.get("passages", 0) + len(passages)
    return units + [Unit("passage", i, p) for i, p in enumerate(passages)]
