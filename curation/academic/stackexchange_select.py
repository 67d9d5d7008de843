"""Which answers go with which question, decided from ids and scores only (pass 1 of the reader).

A dump is tens of GB and an answer may come before or after its question, so pass 1 keeps no text:
per kept question its accepted-answer id and a heap of the ``max_answers`` best (score, id) pairs;
answers met before their question wait as (score, id) pairs until it appears (in an Id-ordered
dump, the usual case, there are none). Memory is a few small ints per question.

Also here: the site's name and host from the dump's folder, tags, and the licence by date.
"""

from __future__ import annotations

import heapq
import re

#: StackExchange's licensing page: content contributed before 2011-04-08 (UTC) is CC BY-SA 2.5,
#: from then until 2018-05-02 CC BY-SA 3.0, from 2018-05-02 on CC BY-SA 4.0.
_LICENCE_ERAS = (("2011-04-08", "CC BY-SA 2.5"), ("2018-05-02", "CC BY-SA 3.0"))
_LATEST = "CC BY-SA 4.0"
#: Network sites not under *.stackexchange.com.
_OWN_HOSTS = {"stackoverflow": "stackoverflow.com", "superuser": "superuser.com", "serverfault": "serverfault.com",
              "askubuntu": "askubuntu.com", "mathoverflow": "mathoverflow.net", "stackapps": "stackapps.com"}
_SITE_SUFFIX = re.compile(r"\.(stackexchange\.com|com|net)$")


def licence_for(date: str | None) -> str:
    """The CC BY-SA version of a post created at ISO ``date``; plain "CC BY-SA" when undated."""
    if not date:
        return "CC BY-SA"
    for until, name in _LICENCE_ERAS:
        if date[:10] < until:
            return name
    return _LATEST


def post_licence(attrs: dict) -> str:
    """The post's own ``ContentLicense`` (dumps since 2019 carry one), else the licence of its date."""
    return (attrs.get("ContentLicense") or "").strip() or licence_for(attrs.get("CreationDate"))


def licences(names: list[str]) -> str:
    """The licences of the posts of one document, oldest version first: "CC BY-SA 3.0, CC BY-SA 4.0"."""
    return ", ".join(sorted(set(names)))


def site_and_host(folder: str) -> tuple[str, str]:
    """("beer", "beer.stackexchange.com") from a dump folder named "beer" or "beer.stackexchange.com"."""
    name = folder.strip().lower()
    if "." in name:  # the archive's own name, e.g. "stackoverflow.com", "math.stackexchange.com"
        return _SITE_SUFFIX.sub("", name), name
    return name, _OWN_HOSTS.get(name, f"{name}.stackexchange.com")


def parse_tags(raw: str | None) -> list[str]:
    """Tags from "<a><b>" (older dumps) or "|a|b|" (newer ones)."""
    if not raw:
        return []
    if raw.startswith("<"):
        return re.findall(r"<([^<>]+)>", raw)
    return [t for t in raw.split("|") if t]


class Selection:
    """Pass-1 state: kept questions, their accepted answer, their best answers by (score, id)."""

    def __init__(self, min_score: int, min_answer_score: int, max_answers: int) -> None:
        self.min_score, self.min_answer_score, self.max_answers = min_score, min_answer_score, max_answers
        self.kept: dict[int, tuple[int | None, list[tuple[int, int]]]] = {}  # qid -> (accepted id, heap)
        self.dropped: set[int] = set()  # questions below min_score: their answers are not orphans
        self.early: dict[int, list[tuple[int, int]]] = {}  # parent -> answers seen before it
        self.low_answers = 0

    def question(self, qid: int, score: int, accepted: int | None) -> bool:
        """Record a question; False when it is below ``min_score``."""
        waiting = self.early.pop(qid, [])
        if score < self.min_score:
            self.dropped.add(qid)
            return False
        heap: list[tuple[int, int]] = []
        self.kept[qid] = (accepted, heap)
        for s, aid in waiting:
            self._push(heap, s, aid, accepted)
        return True

    def answer(self, aid: int, parent: int, score: int) -> None:
        if parent in self.kept:
            accepted, heap = self.kept[parent]
            self._push(heap, score, aid, accepted)
        elif parent not in self.dropped:
            self.early.setdefault(parent, []).append((score, aid))

    def _push(self, heap: list[tuple[int, int]], score: int, aid: int, accepted: int | None) -> None:
        if score < self.min_answer_score:
            self.low_answers += 1
            return
        if aid == accepted:  # always wanted; pass 2 reads it whatever the heap holds
            return
        heapq.heappush(heap, (score, -aid))  # the smallest (score, -id) is the worst: lowest score, then highest id
        if len(heap) > self.max_answers:
            heapq.heappop(heap)

    def orphans(self) -> list[tuple[int, int]]:
        """(answer id, parent id) of answers whose question never appeared, in id order."""
        return sorted((aid, parent) for parent, items in self.early.items() for _, aid in items)

    def wanted(self) -> dict[int, int]:
        """Answer id -> question id for every answer pass 2 must read (the accepted ones included)."""
        out: dict[int, int] = {}
        for qid, (accepted, heap) in self.kept.items():
            for _, neg in heap:
                out[-neg] = qid
            if accepted is not None:
                out[accepted] = qid
        return out
