"""Book metadata from a Project Gutenberg header: title, author, language, release date, ebook number.

Both header styles carry "Key: value" lines ("Title:", "Author:", "Release Date: October 9, 2003
[EBook #10026]", "Language:"), values may wrap onto the next lines; older files also open with
"The Project Gutenberg EBook of <title>, by <author>", used when the key lines are missing.
"""

from __future__ import annotations

import datetime as dt
import re

_KEY = re.compile(r"^([A-Z][A-Za-z ]{1,30}?)\s*:\s*(.*)$")
_FIELDS = {"title": "title", "author": "author", "language": "language", "release date": "release_date",
           "posting date": "posting_date", "editor": "editor", "translator": "translator",
           "most recently updated": "updated", "last updated": "updated"}
_EBOOK = re.compile(r"(?:e-?book|e-?text|etext)\s*(?:no\.?\s*)?#\s*(\d+)", re.I)
_FILE_NUMBER = re.compile(r"^(?:pg)?(\d+)(?:-\d+)?(?:\.txt)?(?:\.\w+)?$", re.I)
_OPENING = re.compile(r"^\W*(?:the\s+)?project\s+gutenberg(?:'s|\s+e-?book|\s+e-?text|\s+etext)*\s*,?\s*(?:of\s+)?"
                      r"(?P<title>.+?),?\s+by\s+(?P<author>.+?)\s*$", re.I)
_DATE_FORMATS = (("%B %d, %Y", "%Y-%m-%d"), ("%b %d, %Y", "%Y-%m-%d"), ("%d %B %Y", "%Y-%m-%d"),
                 ("%Y-%m-%d", "%Y-%m-%d"), ("%B, %Y", "%Y-%m"), ("%B %Y", "%Y-%m"), ("%b, %Y", "%Y-%m"),
                 ("%b %Y", "%Y-%m"), ("%Y", "%Y"))


def iso_date(value: str) -> str | None:
    """"2003-10-09" from "October 9, 2003 [eBook #10026]"; "1993-10" from "October, 1993"; else None."""
    text = " ".join(re.sub(r"\[.*?\]|\(.*?\)", " ", value).split()).strip(" .")
    for fmt, out in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).strftime(out)
        except ValueError:
            continue
    return None


def header_fields(header: list[str]) -> dict[str, str]:
    """Known "Key: value" fields of the header lines, continuation lines joined with a space."""
    found: dict[str, str] = {}
    key = None  # the field a wrapped line continues (title and author only)
    for raw in header:
        line = raw.strip()
        m = _KEY.match(line)
        if m:
            key = _FIELDS.get(m.group(1).lower())
            if key is None or key in found:  # the first statement wins
                key = None
                continue
            found[key] = m.group(2).strip()
            key = key if key in ("title", "author") else None
        elif line and key and not line.startswith("*"):
            found[key] = f"{found[key]} {line}"
        else:
            key = None
    return found


def book_metadata(header: list[str], file_name: str) -> dict:
    """title, author, language, release_date (ISO when it parses), ebook number (header, else file name)."""
    fields = header_fields(header)
    joined = "\n".join(header)
    number = None
    m = _EBOOK.search(fields.get("release_date", "")) or _EBOOK.search(joined)
    if m:
        number = int(m.group(1))
    else:
        fm = _FILE_NUMBER.match(file_name.rsplit("/", 1)[-1])
        number = int(fm.group(1)) if fm else None
    opening = next((line for line in header if line.strip()), "")
    om = _OPENING.match(opening.strip())
    title = fields.get("title") or (om.group("title").strip() if om else None)
    author = fields.get("author") or (om.group("author").strip() if om else None)
    release_raw = fields.get("release_date") or fields.get("posting_date")
    release = iso_date(release_raw) if release_raw else None
    return {
        "title": title or None,
        "author": author or None,
        "language": (fields.get("language") or None),
        "release_date": release or (re.sub(r"\s*\[.*?\]", "", release_raw).strip() if release_raw else None),
        "ebook_number": number,
    }
