"""Write a run's report (or a comparison of two runs) as ``.html`` and ``.md`` beside each other."""

from __future__ import annotations

from curation.io.files import atomic_open, join
from curation.report.blocks import Report
from curation.report.compare import compare_report
from curation.report.data import load_run
from curation.report.html import render_html
from curation.report.markdown import render_markdown
from curation.report.sections import run_report


def _write_text(text: str, url: str) -> None:
    """A reader never sees half a report."""
    with atomic_open(url, "w", encoding="utf-8") as fh:
        fh.write(text)


def write_files(report: Report, folder: str, stem: str) -> list[str]:
    paths = []
    for suffix, text in ((".html", render_html(report)), (".md", render_markdown(report))):
        url = join(folder, stem + suffix)
        _write_text(text, url)
        paths.append(url)
    return paths


def write_report(run_dir: str, output: str | None = None) -> list[str]:
    """``report.html`` and ``report.md`` of ``run_dir``, into ``output`` (default: the run directory).

    Raises ReportInputError naming what is missing when ``run_dir`` has no manifest or lacks a listed file."""
    run = load_run(run_dir)
    return write_files(run_report(run), output or run.run_dir, "report")


def write_comparison(run_a: str, run_b: str, output: str | None = None) -> list[str]:
    """``compare.html`` and ``compare.md``: what changed from run A to run B and why (default: into B)."""
    a, b = load_run(run_a), load_run(run_b)
    return write_files(compare_report(a, b), output or b.run_dir, "compare")
