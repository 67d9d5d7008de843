"""The report as Markdown: the same blocks as the HTML page, tables instead of charts.

Every chart is drawn from a table of the same section, so no number is lost without the charts."""

from __future__ import annotations

import re

from curation.report.blocks import Block, Chart, Code, Report, Sample, Section, Table


def cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def table_md(t: Table) -> str:
    caption = f"**{cell(t.caption)}**\n\n" if t.caption else ""
    if not t.rows:
        return f"{caption}_{t.empty}_\n"
    head = [cell(c) or " " for c in t.columns]
    rule = ["---:" if n else "---" for n in t.numeric]
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join(rule) + "|"]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in t.rows]
    return caption + "\n".join(lines) + "\n"


def fenced(text: str, info: str = "") -> str:
    """A code fence longer than any run of backticks inside ``text``."""
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{info}\n{text}\n{fence}\n"


def block_md(b: Block) -> str:
    if isinstance(b, Table):
        return table_md(b)
    if isinstance(b, Chart):
        return ""  # its numbers are in a table of the same section
    if isinstance(b, Sample):
        return f"#### {cell(b.heading)}\n\n{cell(b.meta)}\n\n{fenced(b.text, 'text')}"
    if isinstance(b, Code):
        return fenced(b.text)
    raise TypeError(f"unknown report block {type(b).__name__}")


def section_md(s: Section) -> str:
    parts = [f"## {s.title}\n"]
    parts += [f"{n}\n" for n in s.notes]
    parts += [md for md in (block_md(b) for b in s.blocks) if md]
    return "\n".join(parts)


def render_markdown(report: Report) -> str:
    facts = "\n".join(f"- **{k}**: `{v}`" for k, v in report.facts)
    body = "\n".join(section_md(s) for s in report.sections)
    return f"# {report.title}\n\n{facts}\n\n{body}"
