"""Redact secrets and personal data in code documents (``curation.code.secrets``), each counted."""

from __future__ import annotations

from datatrove.data import Document
from datatrove.pipeline.filters.base_filter import BaseFilter

from curation.code.secrets import redact


class CodeSecrets(BaseFilter):
    """Replaces keys, tokens, passwords, e-mails and public IPs by placeholders; counts
    ``redacted_<kind>`` and ``documents_redacted``; the redaction count is kept in metadata. Never drops."""

    name = "code_secrets"
    type = "🔻 - FILTER"

    def filter(self, doc: Document) -> bool:
        text, counts = redact(doc.text)
        if counts:
            doc.text = text
            doc.metadata["redactions"] = dict(sorted(counts.items()))
            self.stat_update("documents_redacted")
            for kind, n in counts.items():
                self.stat_update(f"redacted_{kind}", value=n)
        return True
