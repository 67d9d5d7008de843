"""What a report is made of, independent of HTML or Markdown, and how its numbers are written.

Sections build these blocks once from polars frames; both renderers draw the same blocks, so the
HTML and the Markdown report can never disagree on a number."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import polars as pl

Formatter = Callable[[Any], str]
DASH = "–"


def count(v: Any) -> str:
    return DASH if v is None else f"{int(v):,}"


def approx(v: Any) -> str:
    """An estimate (see the section's note for how it was made)."""
    return DASH if v is None else f"≈{int(round(v)):,}"


def share(v: Any) -> str:
    """A fraction 0..1 as a percentage."""
    return DASH if v is None else f"{100 * v:.1f}%"


def points(v: Any) -> str:
    """A difference of two shares, in percentage points."""
    if v is None:
        return DASH
    pp = round(100 * v, 1)
    return f"{pp:+.1f} pp" if pp else "0.0 pp"


def signed(v: Any) -> str:
    """A difference of two counts (B − A)."""
    return DASH if v is None else f"{int(v):+,}" if v else "0"


def number(v: Any) -> str:
    """Integers in full; fractions with the digits that matter at their size."""
    if v is None:
        return DASH
    if isinstance(v, int) or float(v).is_integer():
        return f"{int(v):,}"
    return f"{v:,.1f}" if abs(v) >= 100 else f"{v:,.2f}" if abs(v) >= 10 else f"{v:,.3f}"


def change(v: Any) -> str:
    """A difference of two measurements (B − A)."""
    return DASH if v is None else f"{v:+.3f}"


def size(v: Any) -> str:
    """Bytes in binary units."""
    if v is None:
        return DASH
    v = float(v)
    for unit in ("B", "KiB", "MiB", "GiB", "TiB"):
        if abs(v) < 1024 or unit == "TiB":
            return f"{int(v):,} {unit}" if unit == "B" else f"{v:,.1f} {unit}"
        v /= 1024
    return DASH


def text(v: Any) -> str:
    if v is None:
        return DASH
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, (list, tuple)):
        return ", ".join(map(str, v))
    return str(v)


NUMERIC = {count, approx, share, points, signed, number, change, size}


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[bool, ...]
    caption: str = ""
    empty: str = "no rows"


@dataclass(frozen=True)
class Chart:
    """Bars (horizontal, one row per category) or columns (a histogram); one or more series."""

    title: str
    kind: Literal["bars", "columns"]
    categories: tuple[str, ...]
    series: tuple[tuple[str, tuple[float, ...]], ...]
    value_format: Formatter = count


@dataclass(frozen=True)
class Sample:
    heading: str
    meta: str
    text: str


@dataclass(frozen=True)
class Code:
    """A command or snippet, shown verbatim."""

    text: str


Block = Table | Chart | Sample | Code


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    notes: tuple[str, ...] = ()
    blocks: tuple[Block, ...] = ()


@dataclass(frozen=True)
class Report:
    title: str
    facts: tuple[tuple[str, str], ...]  # the header: run, hashes, how to verify
    sections: tuple[Section, ...] = field(default_factory=tuple)


def table(df: pl.DataFrame, spec: dict[str, tuple[str, Formatter]], caption: str = "", empty: str = "no rows") -> Table:
    """Format ``df``'s columns named in ``spec`` (column -> (header, formatter)), in spec order."""
    cols = [c for c in spec if c in df.columns]
    rows = tuple(tuple(spec[c][1](v) for c, v in zip(cols, row)) for row in df.select(cols).iter_rows())
    return Table(tuple(spec[c][0] for c in cols), rows, tuple(spec[c][1] in NUMERIC for c in cols), caption, empty)


def facts_table(pairs: Sequence[tuple[str, str]], caption: str = "") -> Table:
    return Table(("", ""), tuple((k, v) for k, v in pairs), (False, True), caption)


def chart(df: pl.DataFrame, title: str, category: str, values: dict[str, str], kind: Literal["bars", "columns"] = "bars",
          value_format: Formatter = count) -> Chart:
    """A chart of ``df``: one category per row, one series per ``values`` entry (series name -> column)."""
    cats = tuple(text(v) for v in df[category].to_list()) if df.height else ()
    series = tuple((name, tuple(float(v or 0) for v in df[col].to_list())) for name, col in values.items())
    return Chart(title, kind, cats, series, value_format)
