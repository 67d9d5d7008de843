"""Main-text extraction with trafilatura, one page at a time, each under a timeout."""

from __future__ import annotations

from datatrove.data import Document
from datatrove.pipeline.filters.base_filter import BaseFilter

from curation.extract.sandbox import ExtractionCrash, ExtractionInterrupted, ExtractionTimeout, sandbox


class Extract(BaseFilter):
    """Replace each document's HTML by its main text; failures are dropped with their reason.

    Drop reasons: ``extract_timeout`` (over ``timeout`` seconds), ``extract_crash`` (the extraction
    process died), ``extract_error`` (trafilatura raised), ``extract_empty`` (no main text found).
    ``timeout: 0`` extracts in-process, without a time limit (faster, for trusted input).
    """

    name = "extract"
    type = "🛢 - EXTRAC"

    def __init__(
        self,
        timeout: float = 5.0,
        favor_precision: bool | None = None,
        favor_recall: bool | None = None,
        include_tables: bool | None = None,
        min_chars: int = 1,
    ) -> None:
        super().__init__()
        self.timeout = timeout
        self.min_chars = min_chars
        chosen = {"favor_precision": favor_precision, "favor_recall": favor_recall, "include_tables": include_tables}
        self.options = {k: v for k, v in chosen.items() if v is not None}  # the rest: our measured defaults

    def _extract(self, html: str, url: str | None) -> str:
        if not self.timeout:
            from curation.extract.html_to_text import extract_main_text

            return extract_main_text(html, url, **self.options)
        return sandbox().call(html, url, self.options, self.timeout)

    def filter(self, doc: Document) -> bool | tuple[bool, str]:
        try:
            text = self._extract(doc.text, doc.metadata.get("url"))
        except ExtractionInterrupted:
            raise  # the run is being stopped: the unit fails and is redone, the page is not dropped
        except ExtractionTimeout:
            return False, "extract_timeout"
        except ExtractionCrash:
            return False, "extract_crash"
        except Exception:
            return False, "extract_error"
        if len(text.strip()) < self.min_chars:
            return False, "extract_empty"
        doc.text = text
        return True
