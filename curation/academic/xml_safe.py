"""Streamed XML that cannot hurt us: expat in chunks, no DTD, no entities declared, bounded text.

Dumps (StackExchange ``Posts.xml``, MediaWiki ``pages-articles``) are tens of GB, so they are fed to
expat a block at a time and handed on as flat events; nothing keeps a tree. A DOCTYPE that declares
any entity, or names an external DTD, is refused before a single entity can be expanded: that
stops billion-laughs bombs and external-entity (XXE) reads alike, the stance of defusedxml's
``forbid_entities``/``forbid_external``. Real dumps have no DOCTYPE at all. Expat never loads a DTD
nor touches the network (no external-entity handler is ever allowed to run), and the text kept
for one element is capped (``max_text``) so one giant element cannot exhaust memory either.
"""

from __future__ import annotations

import pyexpat
import zlib
from collections.abc import Iterable, Iterator
from typing import Any, BinaryIO

#: Characters of text kept for one element; beyond it the element's text is reported as None.
MAX_TEXT = 64_000_000
_CHUNK = 1 << 20


class XmlProblem(Exception):
    """Why a stream stopped: ``reason`` is a skip reason (unsafe_xml, bad_xml, truncated, unreadable)."""

    def __init__(self, reason: str, detail: str, line: int) -> None:
        super().__init__(f"{reason} at line {line}: {detail}")
        self.reason, self.detail, self.line = reason, detail, line


class _Unsafe(Exception):
    pass


def _refuse_doctype(name: str, system_id: str | None, public_id: str | None, _internal: int) -> None:
    if system_id or public_id:
        raise _Unsafe(f"DOCTYPE {name} names an external DTD ({system_id or public_id})")


def _refuse_entity(name: str, is_parameter: int, _value: Any, _base: Any, system_id: str | None, *_: Any) -> None:
    kind = "parameter entity" if is_parameter else "entity"
    raise _Unsafe(f"declares {kind} {name!r}" + (f" from {system_id}" if system_id else ""))


def _refuse_unparsed(name: str, _base: Any, system_id: str | None, *_: Any) -> None:
    raise _Unsafe(f"declares unparsed entity {name!r} ({system_id})")


def _refuse_external(_context: Any, _base: Any, system_id: str | None, _public_id: Any) -> int:
    raise _Unsafe(f"references external entity {system_id}")


def iter_xml(f: BinaryIO, keep_text: Iterable[str] | None = None, max_text: int = MAX_TEXT,
             chunk: int = _CHUNK) -> Iterator[tuple]:
    """Events ``("start", name, attrs, line)`` and ``("end", name, text, line)`` from a binary stream.

    ``text`` is the character data directly inside the element when its name is in ``keep_text``
    (every element when ``keep_text`` is None), else "", and None when it passed ``max_text``.
    Element names are as written (no namespace processing). Whatever stops the stream is raised as
    an ``XmlProblem`` after every event before it was yielded, so a reader keeps what came first.
    """
    keep = None if keep_text is None else frozenset(keep_text)
    parser = pyexpat.ParserCreate()
    parser.buffer_text, parser.buffer_size = True, 1 << 16
    parser.SetParamEntityParsing(pyexpat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartDoctypeDeclHandler = _refuse_doctype
    parser.EntityDeclHandler = _refuse_entity
    parser.UnparsedEntityDeclHandler = _refuse_unparsed
    parser.ExternalEntityRefHandler = _refuse_external
    events: list[tuple] = []
    stack: list[list] = []  # per open element: [parts (None = not kept), size (-1 = over max_text)]

    def start(name: str, attrs: dict) -> None:
        events.append(("start", name, attrs, parser.CurrentLineNumber))
        stack.append([[] if keep is None or name in keep else None, 0])

    def end(name: str) -> None:
        parts, size = stack.pop()
        text = "" if parts is None else None if size < 0 else "".join(parts)
        events.append(("end", name, text, parser.CurrentLineNumber))

    def chars(data: str) -> None:
        if not stack:
            return
        top = stack[-1]
        if top[0] is None or top[1] < 0:
            return
        top[1] += len(data)
        if top[1] > max_text:
            top[0], top[1] = [], -1
        else:
            top[0].append(data)

    parser.StartElementHandler, parser.EndElementHandler = start, end
    parser.CharacterDataHandler = chars
    read = getattr(f, "read1", f.read)  # read1: a cut gzip/bz2 stream still hands over what it had
    while True:
        problem = None
        try:
            block = read(chunk)
        except EOFError as e:  # a compressed stream cut short
            block, problem = b"", XmlProblem("truncated", f"{type(e).__name__}: {e}", parser.CurrentLineNumber)
        except (OSError, zlib.error, ValueError) as e:  # corrupt compressed data, I/O errors
            block, problem = b"", XmlProblem("unreadable", f"{type(e).__name__}: {e}", parser.CurrentLineNumber)
        if problem is None:
            try:
                parser.Parse(block, not block)
            except _Unsafe as e:
                problem = XmlProblem("unsafe_xml", str(e), parser.CurrentLineNumber)
            except pyexpat.ExpatError as e:  # an error only at the final call means the text stops early
                problem = XmlProblem("bad_xml" if block else "truncated", str(e), e.lineno)
        yield from events
        events.clear()
        if problem is not None:
            raise problem
        if not block:
            return
