"""The extraction stage: a slow page times out and is counted; the next page is extracted as usual."""

from __future__ import annotations

import os
import sys

from datatrove.data import Document

from curation.stages.extract import Extract

ARTICLE = (
    "<html><body><nav><a href='/'>Home</a> | <a href='/about'>About</a></nav><article><h1>Tides</h1>"
    + "".join(f"<p>Paragraph {i}: the Moon's gravity pulls the oceans into two bulges, and as the Earth turns "
              f"each coast passes through them, which is why most places see two high tides a day.</p>" for i in range(8))
    + "</article><footer>Copyright 2024 · Privacy · Cookies</footer></body></html>"
)


def slow_page(rows: int = 40_000) -> str:
    cells = "".join(f"<tr><td>cell {i} with some words</td><td><a href='/x{i}'>link {i}</a></td></tr>" for i in range(rows))
    return f"<html><body><table>{cells}</table></body></html>"


def test_extracts_main_text_without_boilerplate():
    doc = Document(text=ARTICLE, id="a", metadata={"url": "https://example.org/tides"})
    assert Extract().filter(doc) is True
    assert "two high tides" in doc.text and "Privacy" not in doc.text and "About" not in doc.text


def test_timeout_is_a_counted_drop_and_the_next_page_still_works():
    step = Extract(timeout=0.05)
    assert step.filter(Document(text=slow_page(), id="slow")) == (False, "extract_timeout")
    doc = Document(text=ARTICLE, id="after")
    assert Extract(timeout=5).filter(doc) is True and "Moon" in doc.text


def test_empty_and_broken_pages_are_drops_with_reasons():
    step = Extract()
    assert step.filter(Document(text="<html><body></body></html>", id="e")) == (False, "extract_empty")
    assert step.filter(Document(text="\x00\xff garbage <<<>>>", id="g"))[0] is False


def test_in_process_mode_gives_the_same_text():
    a, b = Document(text=ARTICLE, id="a"), Document(text=ARTICLE, id="b")
    Extract(timeout=5).filter(a)
    Extract(timeout=0).filter(b)
    assert a.text == b.text


def test_a_child_that_cannot_start_fails_the_unit_instead_of_dropping_pages(monkeypatch):
    """A broken install is not the page's fault: the stage raises (the unit fails and is redone by
    --resume) instead of counting every page as extract_crash."""
    import sys

    import pytest

    from curation.extract import sandbox as sb

    sb.sandbox().close()  # this thread's warm child: the next page starts a new one
    monkeypatch.setattr(sb.Sandbox, "_command", lambda self: [sys.executable, "-c", "raise SystemExit(3)"])
    with pytest.raises(sb.ExtractionStartError, match="did not start"):
        Extract(timeout=5).filter(Document(text=ARTICLE, id="a"))


def test_a_broken_extractor_install_fails_the_unit_instead_of_dropping_pages(tmp_path, monkeypatch):
    """trafilatura is imported by the child's warm-up: an ImportError there stops the child from
    starting (ExtractionStartError) instead of every page coming back as extract_error."""
    import pytest

    from curation.extract import sandbox as sb

    (tmp_path / "trafilatura.py").write_text("raise ImportError('a broken install')\n")
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(tmp_path), os.environ.get("PYTHONPATH", ""), *sys.path]))
    sb.sandbox().close()
    try:
        with pytest.raises(sb.ExtractionStartError, match="did not start"):
            Extract(timeout=5, method="trafilatura").filter(Document(text=ARTICLE, id="a"))
    finally:
        sb.sandbox().close()


def test_extraction_works_when_the_childs_pipe_is_above_fd_setsize():
    """A Dask worker with many files open gets descriptors above 1024, which ``select()`` refuses."""
    import os
    import resource

    import pytest

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard != resource.RLIM_INFINITY and hard < 1200:
        pytest.skip(f"the open-files limit ({hard}) leaves no descriptor above 1024")
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, 1200) if hard == resource.RLIM_INFINITY else min(max(soft, 1200), hard), hard))
    held = []
    try:
        while len(held) < 1100:
            held.append(os.open(os.devnull, os.O_RDONLY))
        doc = Document(text=ARTICLE, id="high-fd")
        assert Extract(timeout=5).filter(doc) is True and "two high tides" in doc.text
    finally:
        for fd in held:
            os.close(fd)
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))
