"""The extraction child process: read (html, url, options), write ("ok", text) or ("error", message)."""

from __future__ import annotations

import signal
import sys

from curation.extract.sandbox import receive, send


def main() -> None:
    # Ctrl-C (or a SIGTERM sent to the whole process group) is for the run, not for this page: were the
    # child to die of it, the page would be counted as a crash and its unit finished without it. The
    # parent stops the child (kill, or closing its stdin) when the run stops.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    from curation.extract.html_to_text import extract_main_text

    stdin, stdout = sys.stdin.buffer.fileno(), sys.stdout.buffer
    send(stdout, ("ready", None))  # the parent starts a page's CPU budget only after this
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
