"""GutenbergReader: header, footer and licence gone from every real book; overlap with a reference."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest

from curation.academic.gutenberg_meta import iso_date
from curation.readers import READERS
from curation.readers.gutenberg import GutenbergReader
from tests.conftest import load_script

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "sample_data" / "academic"
#: Words of licence, header and footer that no book of ours should still contain.
BOILERPLATE = re.compile(r"gutenberg|START OF (THE|THIS)|END OF (THE|THIS) PROJECT|SMALL PRINT|FULL LICEN[CS]E"
                         r"|(?-i:Produced by)|E-text prepared|Distributed Proofread|This eBook is for the use|"
                         r"\*\*\*|www\.|http", re.I)
BOOKS = {  # file -> (id, title, author, release date, a line of the book's own text)
    "pg84.txt": ("gutenberg:84", "Frankenstein; Or, The Modern Prometheus", "Mary Wollstonecraft Shelley",
                 "1993-10-01", "You will rejoice to hear that no disaster has accompanied the"),
    "pg1513.txt": ("gutenberg:1513", "Romeo and Juliet", "William Shakespeare", "1998-11-01",
                   "Two households, both alike in dignity,"),
    "pg26184.txt": ("gutenberg:26184", "Simple Sabotage Field Manual", "United States. Office of Strategic Services",
                    "2008-08-04", "(k) Do not cooperate in salvage schemes."),
    "10026.txt": ("gutenberg:10026", "The Mirror of Literature, Amusement, and Instruction, Vol. 10, Issue 268, "
                  "August 11, 1827", "Various", "2003-10-09", "HOSPITAL OF ST. THOMAS, CANTERBURY."),
    "10089.txt": ("gutenberg:10089", "Elves and Heroes", "Donald A. MacKenzie", "2003-11-15",
                  "The immemorial folk-beliefs of our native land are passing away, but"),
    "33956.txt": ("gutenberg:33956", "A Hand-book of Etiquette for Ladies", "Anonymous", "2010-10-01",
                  "LEAVITT AND ALLEN."),
}


def _read(path, **options):
    reader = GutenbergReader(str(path), **options)
    return reader, list(reader.run())


def _stats(reader) -> dict:
    return reader.stats.to_dict()["stats"]


def _shingles(text: str, n: int = 5) -> set[tuple[str, ...]]:
    """Word 5-grams, lower-cased; underscores (Gutenberg's italics) are not part of words."""
    words = re.findall(r"[^\W_]+", text.lower())
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


@pytest.fixture(scope="module")
def raw(shared_data) -> Path:
    return shared_data / "academic" / "gutenberg" / "raw"


def test_registered_under_its_format():
    assert READERS["gutenberg"] is GutenbergReader


@pytest.mark.parametrize("name", sorted(BOOKS))
def test_real_books_lose_all_boilerplate(raw, name):
    reader, docs = _read(raw / name)
    assert len(docs) == 1
    doc = docs[0]
    doc_id, title, author, released, line = BOOKS[name]
    assert doc.id == doc_id
    meta = doc.metadata
    assert (meta["title"], meta["author"], meta["release_date"], meta["language"]) == (title, author, released,
                                                                                       "English")
    assert meta["url"] == f"https://www.gutenberg.org/ebooks/{doc_id.split(':')[1]}"
    assert meta["license"] == "Public domain in the USA (Project Gutenberg)"
    assert meta["start_marker"] and meta["end_marker"]
    assert line in doc.text
    leftover = BOILERPLATE.search(doc.text)
    assert leftover is None, doc.text[max(0, leftover.start() - 200):leftover.end() + 200]
    assert "\r" not in doc.text and not doc.text.startswith("\ufeff")
    raw_words = len((raw / name).read_text(encoding="utf-8", errors="replace").split())
    assert 0.6 * raw_words < len(doc.text.split()) < raw_words  # the book stays, only the wrapping goes


@pytest.mark.parametrize("name", ["10026.txt", "10089.txt", "33956.txt"])
def test_close_to_the_reference_cleaning(raw, name):
    """Measured: Jaccard 0.9993 / 1.0 / 1.0 (10026 differs only by the "[Illustration]" line we drop)."""
    _, (doc,) = _read(raw / name)
    ref = (raw.parent / "clean" / name).read_text(encoding="utf-8", errors="replace")
    ours, theirs = _shingles(doc.text), _shingles(ref)
    jaccard = len(ours & theirs) / len(ours | theirs)
    assert jaccard >= 0.98, jaccard
    assert len(ours & theirs) / len(ours) >= 0.99  # nothing of ours is boilerplate they dropped
    assert len(ours & theirs) / len(theirs) >= 0.99  # nothing of the book they kept is lost


def test_oldest_style_with_small_print(tmp_path):
    """1990s files: licence "small print" before the text, "End of The Project Gutenberg Etext" after."""
    body = "\n".join(f"Line {i} of a short story about a miller who lived by the river." for i in range(30))
    text = ("The Project Gutenberg Etext of The Miller's Tale, by A. Nobody\n\nCopyright laws are changing.\n\n"
            "**Welcome To The World of Free Plain Vanilla Electronic Texts**\n\n"
            "***START**THE SMALL PRINT!**FOR PUBLIC DOMAIN ETEXTS**START***\nWhy is this \"Small Print\"?\n"
            "Some legal words that are not part of the book.\n"
            "*END*THE SMALL PRINT! FOR PUBLIC DOMAIN ETEXTS*Ver.04.29.93*END*\n\n"
            "This etext was prepared by A. Volunteer.\n\n" + body +
            "\n\nEnd of The Project Gutenberg Etext of The Miller's Tale\n")
    path = tmp_path / "mill10.txt"
    path.write_text(text, encoding="ascii")
    reader, (doc,) = _read(path)
    assert doc.text == body.replace("\n", " ")  # one hard-wrapped paragraph, unwrapped
    assert _read(path, unwrap=False)[1][0].text == body
    # No "EBook #" in the header, and the "10" of an old name like mill10.txt is an edition number,
    # not the ebook number: the id falls back to the file's name.
    assert doc.id == "gutenberg:mill10.txt" and _stats(reader)["no_ebook_number"] == 1
    assert doc.metadata["title"] == "The Miller's Tale" and doc.metadata["author"] == "A. Nobody"


def test_latin1_fallback_is_counted(tmp_path):
    text = ("Title: Caf\xe9 Stories\n\nRelease Date: June, 2001 [Etext #2601]\n\n"
            "*** START OF THE PROJECT GUTENBERG EBOOK CAFE STORIES ***\n\nThe caf\xe9 opened at dawn.\n"
            "*** END OF THE PROJECT GUTENBERG EBOOK CAFE STORIES ***\nLicence text.\n")
    path = tmp_path / "2601.txt"
    path.write_bytes(text.encode("latin-1"))
    reader, (doc,) = _read(path)
    assert doc.text == "The caf\xe9 opened at dawn."
    assert _stats(reader)["latin1_fallback"] == 1
    assert doc.metadata["release_date"] == "2001-06" and doc.metadata["title"] == "Caf\xe9 Stories"


def test_text_without_markers_is_kept_whole(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("A plain text with no header at all.\n\nIt should be kept as it is.\n")
    reader, (doc,) = _read(path)
    assert doc.text == "A plain text with no header at all.\n\nIt should be kept as it is."
    assert _stats(reader)["no_markers"] == 1 and _stats(reader)["no_ebook_number"] == 1
    assert doc.id == "gutenberg:notes.txt" and doc.metadata["url"] is None


def test_bad_files_are_skipped_with_a_reason(tmp_path, raw):
    cut = tmp_path / "pg84.txt.gz"
    data = gzip.compress((raw / "pg84.txt").read_bytes(), mtime=0)
    cut.write_bytes(data[: len(data) // 2])
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"  \n")
    only_licence = tmp_path / "pg5.txt"
    only_licence.write_text("Title: X\n\n*** START OF THE PROJECT GUTENBERG EBOOK X ***\n\n"
                            "*** END OF THE PROJECT GUTENBERG EBOOK X ***\nLicence.\n")
    for path, reason in [(cut, "truncated"), (empty, "empty"), (only_licence, "empty"),
                         (tmp_path / "missing.txt", "unreadable")]:
        reader, docs = _read(path)
        assert docs == [] and _stats(reader)[f"skipped_{reason}"] == 1, path
    reader, docs = _read(raw / "pg84.txt", max_bytes=1000)
    assert docs == [] and _stats(reader)["skipped_too_large"] == 1


def test_wrapped_prose_is_unwrapped_and_verse_kept(raw):
    _, (frankenstein,) = _read(raw / "pg84.txt")
    assert ("You will rejoice to hear that no disaster has accompanied the commencement of an enterprise which you "
            "have regarded with such evil forebodings.") in frankenstein.text
    _, (romeo,) = _read(raw / "pg1513.txt")
    assert "Two households, both alike in dignity,\nIn fair Verona, where we lay our scene," in romeo.text
    lines = [line for line in frankenstein.text.split("\n") if line]
    assert sum(len(line) > 200 for line in lines) > 0.5 * len(lines)  # most of the book: one line per paragraph


def test_release_dates():
    assert iso_date("October 9, 2003  [eBook #10026]") == "2003-10-09"
    assert iso_date("October, 1993 [Etext #84]") == "1993-10"
    assert iso_date("17 January 1944") == "1944-01-17"
    assert iso_date("sometime soon") is None


def _generator():
    return load_script(SAMPLE / "make_qa_books_wiki_samples.py")


def test_sample_books(tmp_path):
    gen = _generator()
    gen.generate(tmp_path)
    for rel in (gen.OLD_BOOK, gen.NEW_BOOK):
        assert (tmp_path / rel).read_bytes() == (SAMPLE / rel).read_bytes(), f"{rel}: run the generator"
    reader, old = _read(SAMPLE / gen.OLD_BOOK)
    assert _stats(reader)["latin1_fallback"] == 1
    _, new = _read(SAMPLE / gen.NEW_BOOK)
    for (doc,), number, title, first, last in [
            (old, 90001, "A Winter at Gull Harbour Notes from a Lighthouse Keeper's Daughter",
             "A WINTER AT GULL HARBOUR", "keep it burning."),
            (new, 90002, "The Patient Orchard", "THE PATIENT ORCHARD", "That, I have come to think, is the point.")]:
        assert doc.id == f"gutenberg:{number}" and doc.metadata["title"] == title
        assert doc.text.startswith(first) and doc.text.endswith(last)
        assert not BOILERPLATE.search(doc.text)
        assert "[Illustration" not in doc.text and not re.search(r"\b_|_\b", doc.text)
        assert len(doc.text.split()) >= 400
    assert "Gérard" in old[0].text and "Margaret Hale" in old[0].text
    assert "“Never take more than a quarter" in new[0].text
    # one book of realistic length (real ones: 67-441 KB): a long book's many passages skew topics
    assert 60_000 <= len(new[0].text.encode()) <= 70_000 and len(old[0].text.encode()) < 5_000
