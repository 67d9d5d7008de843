"""The report as one self-contained HTML page: inline CSS and SVG, no script, nothing fetched.

A Content-Security-Policy forbids every network request, so the page shows exactly what it holds.
It reads at 1,400 px: a table of contents, sections that fold with ``<details>`` (no script needed),
sample texts folded, table headers that wrap and wide tables that scroll in their own box."""

from __future__ import annotations

import re
from html import escape

from curation.report.blocks import Block, Chart, Code, Report, Sample, Section, Table
from curation.report.charts import svg

CSS = """
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#222;margin:0 auto;max-width:1180px;padding:16px 24px 64px}
h1{font-size:24px;margin:8px 0 12px}h2{font-size:19px;margin:0 0 8px}
h3{font-size:14px;margin:14px 0 4px}
table{border-collapse:collapse;margin:8px 0 16px;font-variant-numeric:tabular-nums}
caption{text-align:left;font-weight:600;padding:4px 0}
th,td{border-bottom:1px solid #e3e3e3;padding:3px 8px;text-align:left;vertical-align:top;white-space:nowrap}
td.long{white-space:normal;min-width:12em;word-break:break-word}.table{max-width:100%;overflow-x:auto}
th{background:#f3f5f8;font-weight:600;white-space:normal;vertical-align:bottom}td.num{text-align:right;white-space:nowrap}
th.num{text-align:right}
table.facts td:first-child{font-weight:600;color:#444}
code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12.5px}
code{background:#f3f3f3;padding:0 3px;border-radius:3px}
pre{background:#f7f7f7;border:1px solid #e3e3e3;padding:8px 10px;white-space:pre-wrap;word-break:break-word;max-height:320px;overflow:auto}
figure{margin:8px 0 18px}figcaption{font-weight:600;margin-bottom:4px}
svg.chart{max-width:100%;height:auto;display:block}
.row{display:flex;flex-wrap:wrap;gap:4px 32px;align-items:flex-start}.row>*{min-width:0;max-width:100%}
details.section>summary{cursor:pointer;list-style-position:outside}details.section>summary h2{display:inline-block;border:0;margin:0;padding:0}
section{border-top:1px solid #ccc;margin-top:28px;padding-top:8px}
details.sample{margin:6px 0}details.sample>summary{cursor:pointer;font-weight:600}details.sample .meta{margin:2px 0 4px 16px}
nav ol{columns:3;margin:4px 0 8px;padding-left:20px}
.note{color:#333;max-width:900px}.empty{color:#777;font-style:italic}.meta{color:#555;margin:0 0 4px;word-break:break-all}
.warning{color:#a40000;font-weight:600}
"""
LONG_CELL = 40  # characters; longer cells wrap, shorter ones never do
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


def inline(text: str) -> str:
    """Escape, then show `backticked` spans as code."""
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", escape(text))


def table_html(t: Table, cls: str = "") -> str:
    caption = f"<caption>{escape(t.caption)}</caption>" if t.caption else ""
    if not t.rows:
        return f'<p class="empty">{escape(t.caption + ": " if t.caption else "")}{escape(t.empty)}</p>'
    num = [' class="num"' if n else "" for n in t.numeric]
    head = "".join(f"<th{a}>{escape(c)}</th>" for c, a in zip(t.columns, num))
    head = f"<thead><tr>{head}</tr></thead>" if any(t.columns) else ""
    cells = [[a if len(v) <= LONG_CELL else ' class="long"' for v, a in zip(row, num)] for row in t.rows]
    body = "".join("<tr>" + "".join(f"<td{a}>{escape(v)}</td>" for v, a in zip(row, attrs)) + "</tr>"
                   for row, attrs in zip(t.rows, cells))
    attr = f' class="{cls}"' if cls else ""
    return f'<div class="table"><table{attr}>{caption}{head}<tbody>{body}</tbody></table></div>'


def chart_html(c: Chart) -> str:
    return f"<figure><figcaption>{escape(c.title)}</figcaption>{svg(c)}</figure>"


def block_html(b: Block) -> str:
    if isinstance(b, Table):
        return table_html(b, "facts" if not any(b.columns) else "")
    if isinstance(b, Chart):
        return chart_html(b)
    if isinstance(b, Sample):  # folded: the texts made most of the page's height
        return (f'<details class="sample"><summary>{escape(b.heading)}</summary><p class="meta">{escape(b.meta)}</p>'
                f"<pre>{escape(b.text)}</pre></details>")
    if isinstance(b, Code):
        return f'<pre class="code"><code>{escape(b.text)}</code></pre>'
    raise TypeError(f"unknown report block {type(b).__name__}")


def _is_columns(b: Block) -> bool:
    return isinstance(b, Chart) and b.kind == "columns"


def _blocks(blocks: tuple[Block, ...]) -> str:
    """Consecutive column charts (one per source, say) sit side by side as small multiples; a table
    followed by its bar chart share a row when the page is wide enough."""
    out, i = [], 0
    while i < len(blocks):
        b, nxt = blocks[i], blocks[i + 1] if i + 1 < len(blocks) else None
        if _is_columns(b):
            j = i
            while j < len(blocks) and _is_columns(blocks[j]):
                j += 1
            out.append('<div class="row">' + "".join(block_html(c) for c in blocks[i:j]) + "</div>")
            i = j
        elif isinstance(b, Table) and b.rows and isinstance(nxt, Chart) and nxt.kind == "bars":
            out.append(f'<div class="row">{block_html(b)}{block_html(nxt)}</div>')
            i += 2
        else:
            out.append(block_html(b))
            i += 1
    return "".join(out)


def section_html(s: Section) -> str:
    notes = "".join(f'<p class="{"warning" if n.startswith("Warning") else "note"}">{inline(n)}</p>' for n in s.notes)
    return (f'<section id="{escape(s.id)}"><details class="section" open><summary><h2>{escape(s.title)}</h2></summary>'
            f"{notes}{_blocks(s.blocks)}</details></section>")


def render_html(report: Report) -> str:
    facts = "".join(f"<tr><td>{escape(k)}</td><td><code>{escape(v)}</code></td></tr>" for k, v in report.facts)
    toc = "".join(f'<li><a href="#{escape(s.id)}">{escape(s.title)}</a></li>' for s in report.sections)
    body = "".join(section_html(s) for s in report.sections)
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(report.title)}</title><style>{CSS}</style></head><body>"
        f'<header><h1>{escape(report.title)}</h1><table class="facts"><tbody>{facts}</tbody></table></header>'
        f"<nav><ol>{toc}</ol></nav>{body}</body></html>\n"
    )
