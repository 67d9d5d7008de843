"""The data-mix report of a run (``curate report``): what the data is made of, before anyone trains on it."""

from curation.report.data import ReportInputError, RunData, load_run
from curation.report.write import write_comparison, write_report

__all__ = ["ReportInputError", "RunData", "load_run", "write_comparison", "write_report"]
