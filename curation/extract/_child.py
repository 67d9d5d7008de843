"""The extraction child process: read (html, url, options), write ("ok", text) or ("error", message)."""

from __future__ import annotations

import signal
import sys

from curation.extract.sandbox import receive, send


WARM_UP = ("<html><head><title>Warm-up</title></head><body><nav><a href='/'>Home</a></nav><article><h1>Warm-up</h1>"
           "<p>A short paragraph so that every extractor and the selector run once.</p></article></body></html>")


def main() -> None:
    # Ctrl-C (or a SIGTERM sent to the whole process group) is for the run, not for this page: were the
    # child to die of it, the page would be counted as a crash and its unit finished without it. The
    # parent stops the child (kill, or closing its stdin) when the run stops.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    from curation.extract.html_to_text import extract_main_text

    stdin, stdout = sys.stdin.buffer.fileno(), sys.stdout.buffer
    try:  # lazy imports and models load now, not inside the first page's timeout
        extract_main_text(WARM_UP, None)
    except ImportError:  # a broken install: the child must not start (ExtractionStartError), not drop every page
        raise
    except Exception:  # the page that needs what failed will say so
        pass
    send(stdout, ("ready", None))
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
