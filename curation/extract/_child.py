"""The extraction child process: read (html, url, options), write ("ok", text) or ("error", message)."""

from __future__ import annotations

import sys

from curation.extract.sandbox import receive, send


def main() -> None:
    from curation.extract.html_to_text import extract_main_text

    stdin, stdout = sys.stdin.buffer.fileno(), sys.stdout.buffer
    while True:
        try:
            html, url, options = receive(stdin)
        except Exception:  # parent gone
            return
        try:
            send(stdout, ("ok", extract_main_text(html, url, **options)))
        except Exception as exc:  # reported to the parent, which counts it
            send(stdout, ("error", f"{type(exc).__name__}: {exc}"[:500]))


if __name__ == "__main__":
    main()
