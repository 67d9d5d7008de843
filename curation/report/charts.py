"""Charts as inline SVG: no script and no network, so a report renders anywhere, even offline.

Every text is escaped; every bar is a ``rect`` of class ``bar`` with a ``title`` tooltip."""

from __future__ import annotations

import math
from html import escape

from curation.report.blocks import Chart, count

PALETTE = ("#3b6fb6", "#e08a2c", "#4a9c5d", "#b54a6a")
INK, GRID, FONT = "#222", "#d9d9d9", 12
MAX_LABEL = 28


def _short(label: str) -> str:
    return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1] + "…"


def _legend(chart: Chart, x: float) -> str:
    if len(chart.series) < 2:
        return ""
    out, step = [], 110
    for i, (name, _) in enumerate(chart.series):
        lx = x + i * step
        out.append(f'<rect x="{lx}" y="4" width="12" height="12" fill="{PALETTE[i % len(PALETTE)]}"/>'
                   f'<text x="{lx + 16}" y="14">{escape(_short(name))}</text>')
    return "".join(out)


def axis_ticks(peak: float, whole: bool) -> list[float]:
    """0 to just above ``peak`` in 1-2-5 steps (whole numbers for counts), about four of them."""
    if peak <= 0:
        return [0.0, 1.0]
    raw = peak / 4
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 5, 10) if m * mag >= raw)
    step = max(step, 1.0) if whole else step
    top = math.ceil(peak / step - 1e-9) * step or step
    return [round(i * step, 12) for i in range(round(top / step) + 1)]


def _svg(width: float, height: float, chart: Chart, body: str) -> str:
    return (f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{escape(chart.title)}" '
            f'width="{width:.0f}" height="{height:.0f}" viewBox="0 0 {width:.0f} {height:.0f}" '
            f'font-family="system-ui, sans-serif" font-size="{FONT}" fill="{INK}">{body}</svg>')


def bars(chart: Chart, plot_w: int = 340) -> str:
    """Horizontal bars, one row per category, series side by side within a row."""
    n_series = max(1, len(chart.series))
    label_w = min(180, 12 + 7 * max((len(_short(c)) for c in chart.categories), default=4))
    value_w, bar_h, gap = 80, 14, 8
    width = label_w + plot_w + value_w
    top = 24 if n_series > 1 else 6
    row_h = n_series * bar_h + gap
    height = top + row_h * len(chart.categories) + 4
    peak = max((v for _, vals in chart.series for v in vals), default=0) or 1
    parts = [_legend(chart, label_w)]
    for r, cat in enumerate(chart.categories):
        y0 = top + r * row_h
        parts.append(f'<text x="{label_w - 6}" y="{y0 + n_series * bar_h / 2 + 4:.1f}" text-anchor="end">'
                     f'<title>{escape(cat)}</title>{escape(_short(cat))}</text>')
        for s, (name, vals) in enumerate(chart.series):
            v = vals[r]
            w = plot_w * max(v, 0) / peak
            y = y0 + s * bar_h
            shown = chart.value_format(v)
            parts.append(_bar(label_w, y, w, bar_h - 2, s, f"{cat} · {name}: {shown}")
                         + f'<text x="{label_w + w + 4:.2f}" y="{y + bar_h - 4}">{escape(shown)}</text>')
    parts.append(f'<line x1="{label_w}" y1="{top - 2}" x2="{label_w}" y2="{height - 2}" stroke="{INK}"/>')
    return _svg(width, height, chart, "".join(parts))


def _bar(x: float, y: float, w: float, h: float, series: int, tip: str) -> str:
    return (f'<rect class="bar" x="{x:.2f}" y="{y:.2f}" width="{w:.2f}" height="{h:.2f}" '
            f'fill="{PALETTE[series % len(PALETTE)]}"><title>{escape(tip)}</title></rect>')


def columns(chart: Chart, width: int = 480, height: int = 230) -> str:
    """Vertical columns over ordered bins (a histogram), series side by side within a bin."""
    n, n_series = len(chart.categories), max(1, len(chart.series))
    left, right, top = 52, 8, 24 if n_series > 1 else 12
    rotate = n > 8 or max((len(c) for c in chart.categories), default=0) > 6
    bottom = 62 if rotate else 24
    plot_w, plot_h = width - left - right, height - top - bottom
    ticks = axis_ticks(max((v for _, vals in chart.series for v in vals), default=0), chart.value_format is count)
    peak = ticks[-1]
    slot = plot_w / max(1, n)
    bar_w = min(slot * 0.8, 56) / n_series
    parts = [_legend(chart, left)]
    for tick in ticks:
        y = top + plot_h * (1 - tick / peak)
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="{GRID}"/>'
                     f'<text x="{left - 4}" y="{y + 4:.1f}" text-anchor="end">{escape(chart.value_format(tick))}</text>')
    for i, cat in enumerate(chart.categories):
        x0 = left + (i + 0.5) * slot - bar_w * n_series / 2
        for s, (name, vals) in enumerate(chart.series):
            v = vals[i]
            h = plot_h * max(v, 0) / peak
            x = x0 + s * bar_w
            shown = chart.value_format(v)
            parts.append(_bar(x, top + plot_h - h, bar_w, h, s, f"{cat} · {name}: {shown}"))
            if n * n_series <= 16 and v:
                parts.append(f'<text x="{x + bar_w / 2:.2f}" y="{top + plot_h - h - 3:.2f}" text-anchor="middle" '
                             f'font-size="10">{escape(shown)}</text>')
        cx, cy = left + (i + 0.5) * slot, top + plot_h + 14
        label = escape(_short(cat))
        if rotate:
            parts.append(f'<text x="{cx:.1f}" y="{cy:.1f}" text-anchor="end" font-size="10" '
                         f'transform="rotate(-40 {cx:.1f} {cy:.1f})">{label}</text>')
        else:
            parts.append(f'<text x="{cx:.1f}" y="{cy:.1f}" text-anchor="middle">{label}</text>')
    parts.append(f'<line x1="{left}" y1="{top + plot_h}" x2="{width - right}" y2="{top + plot_h}" stroke="{INK}"/>')
    return _svg(width, height, chart, "".join(parts))


def svg(chart: Chart) -> str:
    if not chart.categories or not chart.series:
        return '<p class="empty">nothing to draw</p>'
    return bars(chart) if chart.kind == "bars" else columns(chart)
