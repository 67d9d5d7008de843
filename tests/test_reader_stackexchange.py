"""StackExchangeReader: Q&A documents joined by ParentId, checked against the XML itself; bad input."""

from __future__ import annotations

import gzip
import re
import time
import tracemalloc
from pathlib import Path

import lxml.etree as ET
import pytest

from curation.academic.stackexchange_html import html_to_text
from curation.academic.stackexchange_select import licence_for, site_and_host
from curation.readers import READERS
from curation.readers.stackexchange import StackExchangeReader
from tests.conftest import load_script

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "sample_data" / "academic"
HTML_TAG = re.compile(r"</?(?:p|a|em|strong|b|i|code|pre|ul|ol|li|blockquote|br|img|h\d|div|span|hr|table|tr|td|th)"
                      r"\b[^>]*>", re.I)
ENTITY = re.compile(r"&(?:lt|gt|amp|quot|apos|nbsp|#x?[0-9a-f]+);", re.I)
SEP = "\n\nAnswer:\n"


def _posts(path: Path) -> dict[int, dict]:
    """Every row of a (trusted) Posts.xml, by Id, read with lxml as an independent check."""
    return {int(r.get("Id")): dict(r.attrib) for r in ET.parse(str(path)).getroot().iter("row")}


def _read(path, **options):
    reader = StackExchangeReader(str(path), **options)
    docs = list(reader.run())
    return reader, docs


def _stats(reader) -> dict:
    return reader.stats.to_dict()["stats"]


def _expected_answers(posts: dict, qid: int, min_answer_score: int = 0, max_answers: int = 3) -> list[int]:
    """Accepted first (if it passes), then the others by score desc, id asc; at most max_answers."""
    answers = [(int(a["Score"]), aid) for aid, a in posts.items()
               if a.get("PostTypeId") == "2" and int(a["ParentId"]) == qid and int(a["Score"]) >= min_answer_score]
    accepted = int(posts[qid]["AcceptedAnswerId"]) if posts[qid].get("AcceptedAnswerId") else None
    ordered = [aid for _, aid in sorted(answers, key=lambda t: (t[1] != accepted, -t[0], t[1]))]
    return ordered[:max_answers]


@pytest.fixture(scope="module")
def beer(shared_data):
    path = shared_data / "academic" / "stackexchange" / "beer" / "Posts.xml"
    reader, docs = _read(path)
    return path, _posts(path), reader, docs


def test_registered_under_its_format():
    assert READERS["stackexchange"] is StackExchangeReader


def test_one_document_per_question_that_passes_min_score(beer):
    path, posts, reader, docs = beer
    questions = [pid for pid, p in posts.items() if p["PostTypeId"] == "1"]
    passing = [pid for pid in questions if int(posts[pid]["Score"]) >= 0]
    assert len(questions) == 244
    assert 0 < len(passing) < len(questions)  # the dump has a question below 0: the filter is exercised
    assert [d.id for d in docs] == [f"stackexchange:beer:{q}" for q in sorted(passing)]
    assert _stats(reader)["questions_below_min_score"] == len(questions) - len(passing)


def test_every_answer_in_a_document_belongs_to_its_question(beer):
    path, posts, reader, docs = beer
    checked = 0
    for doc in docs:
        qid = doc.metadata["question_id"]
        q = posts[qid]
        head, *answer_texts = doc.text.split(SEP)
        assert head.startswith(q["Title"].strip())
        expected = _expected_answers(posts, qid)
        assert doc.metadata["answer_ids"] == expected
        assert answer_texts == [html_to_text(posts[aid]["Body"]) for aid in expected]
        for aid in expected:
            assert int(posts[aid]["ParentId"]) == qid
            checked += 1
    assert checked > 300


def test_no_html_left_and_metadata(beer):
    path, posts, reader, docs = beer
    for doc in docs:
        assert not HTML_TAG.search(doc.text), doc.id
        assert not ENTITY.search(doc.text), doc.id
        meta = doc.metadata
        q = posts[meta["question_id"]]
        assert meta["url"] == f"https://beer.stackexchange.com/q/{meta['question_id']}"
        assert meta["source"] == "qa" and meta["file"] == "Posts.xml" and meta["site"] == "beer"
        assert meta["license"] == "CC BY-SA 3.0"  # the whole dump is from 2014
        assert meta["title"] == q["Title"] and meta["score"] == int(q["Score"])
        assert meta["tags"] == re.findall(r"<([^<>]+)>", q["Tags"])
        assert meta["creation_date"] == q["CreationDate"]
    assert docs[0].metadata["accepted_answer_id"] == 4 and docs[0].metadata["answer_ids"] == [4]


def test_options_change_the_selection(beer):
    path, posts, _, _ = beer
    _, strict = _read(path, min_score=5, max_answers=1, min_answer_score=2)
    passing = sorted(pid for pid, p in posts.items() if p["PostTypeId"] == "1" and int(p["Score"]) >= 5)
    assert [d.metadata["question_id"] for d in strict] == passing
    for doc in strict:
        assert doc.metadata["answer_ids"] == _expected_answers(posts, doc.metadata["question_id"], 2, 1)
        assert doc.text.count(SEP) <= 1
    _, answered = _read(path, min_answers=1)
    assert all(d.metadata["answer_ids"] for d in answered)


def test_answers_before_their_question_give_the_same_documents(beer, tmp_path):
    """The two passes do not depend on file order: rows reversed, answers now precede questions."""
    path, _, _, docs = beer
    lines = path.read_bytes().split(b"\r\n")
    rows = [line for line in lines if line.lstrip().startswith(b"<row")]
    head = [line for line in lines if not line.lstrip().startswith(b"<row") and line.strip()][:2]
    reversed_file = tmp_path / "beer" / "Posts.xml"
    reversed_file.parent.mkdir()
    reversed_file.write_bytes(b"\r\n".join(head + rows[::-1] + [b"</posts>"]))
    _, again = _read(reversed_file, spill_dir=str(tmp_path / "spill"))
    assert [(d.id, d.text) for d in again] == [(d.id, d.text) for d in docs]
    assert list((tmp_path / "spill").iterdir()) == []  # the spill file is removed afterwards


def _write(tmp_path: Path, name: str, body: str) -> Path:
    path = tmp_path / name / "Posts.xml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('<?xml version="1.0" encoding="utf-8"?>\n<posts>\n' + body + "\n</posts>\n", encoding="utf-8")
    return path


GOOD = ('<row Id="1" PostTypeId="1" AcceptedAnswerId="3" CreationDate="2019-01-02T03:04:05.000" Score="4" '
        'Body="&lt;p&gt;How long should bread dough rest before shaping?&lt;/p&gt;" Title="Resting dough" '
        'Tags="&lt;bread&gt;" />\n'
        '<row Id="3" PostTypeId="2" ParentId="1" CreationDate="2019-01-02T05:00:00.000" Score="2" '
        'Body="&lt;p&gt;About twenty minutes, covered.&lt;/p&gt;" />')


def test_bad_rows_are_counted_and_the_rest_read(tmp_path):
    path = _write(tmp_path, "baking", GOOD + "\n" + "\n".join([
        '<row PostTypeId="1" Score="1" Body="x" Title="no id" />',
        '<row Id="5" PostTypeId="1" Score="1" Title="no body" />',
        '<row Id="6" Score="1" Body="&lt;p&gt;no type&lt;/p&gt;" />',
        '<row Id="7" PostTypeId="2" Score="1" Body="&lt;p&gt;no parent&lt;/p&gt;" />',
        '<row Id="8" PostTypeId="2" ParentId="999" Score="1" Body="&lt;p&gt;orphan&lt;/p&gt;" />',
        '<row Id="9" PostTypeId="1" Score="many" Body="x" Title="bad score" />',
    ]))
    reader, docs = _read(path)
    stats = _stats(reader)
    assert stats["skipped_missing_field"] == 4
    assert stats["skipped_orphan_answer"] == 1
    assert stats["skipped_bad_field"] == 1
    wheres = {b["where"] for b in reader.bad_records}
    assert {"Posts.xml:5", "Posts.xml@row 5", "Posts.xml@row 6", "Posts.xml@row 7", "Posts.xml@row 8",
            "Posts.xml@row 9"} == wheres
    assert [d.id for d in docs] == ["stackexchange:baking:1"]
    assert docs[0].text == ("Resting dough\n\nHow long should bread dough rest before shaping?\n\n"
                            "Answer:\nAbout twenty minutes, covered.")
    assert docs[0].metadata["license"] == "CC BY-SA 4.0"


BOMB = """<?xml version="1.0"?>
<!DOCTYPE posts [
 <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
 <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
 <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
 <!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
 <!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">
]>
<posts>
<row Id="1" PostTypeId="1" Score="1" Title="&g;" Body="&g;" />
</posts>
"""


def test_entity_bomb_is_refused_not_expanded(tmp_path):
    path = tmp_path / "bomb" / "Posts.xml"
    path.parent.mkdir()
    path.write_text(BOMB)
    tracemalloc.start()
    started = time.monotonic()
    reader, docs = _read(path)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert docs == []
    assert _stats(reader)["skipped_unsafe_xml"] == 1
    assert time.monotonic() - started < 5 and peak < 20_000_000  # 20**6 * 50 bytes were it expanded


def test_external_entity_is_refused(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT")
    path = _write(tmp_path, "xxe", "")
    path.write_text(f'<?xml version="1.0"?>\n<!DOCTYPE posts [<!ENTITY x SYSTEM "file://{secret}">]>\n'
                    f'<posts>\n<row Id="1" PostTypeId="1" Score="1" Title="t" Body="&x;" />\n</posts>\n')
    reader, docs = _read(path)
    assert docs == [] and _stats(reader)["skipped_unsafe_xml"] == 1
    assert "TOP-SECRET" not in " ".join(b["detail"] for b in reader.bad_records)


def test_truncated_gzip_keeps_what_came_before(beer, tmp_path):
    path, _, _, docs = beer
    raw = gzip.compress(path.read_bytes(), mtime=0)
    cut = tmp_path / "beer" / "Posts.xml.gz"
    cut.parent.mkdir()
    cut.write_bytes(raw[: len(raw) // 2])
    reader, partial = _read(cut)
    assert _stats(reader)["skipped_truncated"] == 1
    assert 0 < len(partial) < len(docs)
    full = {d.id for d in docs}
    assert all(d.id in full for d in partial)


def test_malformed_xml_mid_file_keeps_earlier_rows(tmp_path):
    path = _write(tmp_path, "baking", GOOD + '\n<row Id="4" PostTypeId="1" Body="a < b" Title="broken" />')
    reader, docs = _read(path)
    assert _stats(reader)["skipped_bad_xml"] == 1
    assert [d.id for d in docs] == ["stackexchange:baking:1"]


def test_unreadable_file_is_a_skip(tmp_path):
    reader, docs = _read(tmp_path / "nowhere" / "Posts.xml")
    assert docs == [] and _stats(reader)["skipped_unreadable"] == 1


def test_licence_and_site_rules():
    assert licence_for("2010-05-01T00:00:00.000") == "CC BY-SA 2.5"
    assert licence_for("2011-04-08T00:00:00.000") == "CC BY-SA 3.0"
    assert licence_for("2018-05-01T23:59:59.000") == "CC BY-SA 3.0"
    assert licence_for("2018-05-02T00:00:00.000") == "CC BY-SA 4.0"
    assert site_and_host("beer") == ("beer", "beer.stackexchange.com")
    assert site_and_host("math.stackexchange.com") == ("math", "math.stackexchange.com")
    assert site_and_host("stackoverflow.com") == ("stackoverflow", "stackoverflow.com")
    assert site_and_host("superuser") == ("superuser", "superuser.com")


def test_html_to_text_keeps_lists_and_code():
    html = ("<p>Use &amp; enjoy <a href='x'>this</a>:</p>\n<ul><li>one</li><li>two <code>x&lt;y</code></li></ul>"
            "\n<pre><code>for i in range(3):\n    print(i)\n</code></pre><p>Done.</p>")
    assert html_to_text(html) == ("Use & enjoy this:\n\n- one\n- two x<y\n\nfor i in range(3):\n    print(i)"
                                  "\n\nDone.")


def _generator():
    return load_script(SAMPLE / "make_qa_books_wiki_samples.py")


def test_sample_is_what_our_generator_writes(tmp_path):
    gen = _generator()
    gen.generate(tmp_path)
    assert (tmp_path / gen.POSTS).read_bytes() == (SAMPLE / gen.POSTS).read_bytes(), "run the generator"


def test_sample_cooking_site():
    path = SAMPLE / "stackexchange" / "cooking" / "Posts.xml"
    assert path.read_bytes().startswith(b"\xef\xbb\xbf") and b"\r\n" in path.read_bytes()
    reader, docs = _read(path)
    by_id = {d.metadata["question_id"]: d for d in docs}
    assert sorted(by_id) == [1, 2, 7, 14, 17, 20]  # question 23 has a negative score
    assert by_id[2].metadata["answer_ids"] == [4, 6]  # accepted first; the -1 answer dropped
    assert by_id[7].metadata["answer_ids"] == [8, 10, 11]  # max_answers=3
    assert by_id[20].metadata["answer_ids"] == [22, 21]
    assert by_id[1].metadata["license"] == "CC BY-SA 2.5" and by_id[20].metadata["license"] == "CC BY-SA 4.0"
    assert by_id[1].metadata["url"] == "https://cooking.stackexchange.com/q/1"
    assert "300 g tipo 00 flour\n3 eggs\nknead 10 minutes, rest 30 minutes" in by_id[20].text
    assert _stats(reader)["other_post_types"] == 2
    for doc in docs:
        assert not HTML_TAG.search(doc.text) and not ENTITY.search(doc.text)
        assert len(doc.text.split()) >= 200


def test_posts_xml_under_a_site_prefixed_name_is_detected_and_named(tmp_path):
    from curation.readers import detect_format

    for name in ("cardano_Posts.xml", "cardano_posts.xml.gz", "cardano.stackexchange.com-Posts.xml.bz2", "Posts.xml"):
        assert detect_format(f"/dumps/x/{name}") == "stackexchange", name
    assert detect_format("/dumps/enwiki-pages-articles.xml.bz2") == "wikipedia"
    rows = ('<posts><row Id="1" PostTypeId="1" Score="3" Title="How do staking pools work?" '
            'Body="&lt;p&gt;What does a pool operator do with the stake?&lt;/p&gt;" Tags="&lt;staking&gt;" '
            'CreationDate="2021-05-01T00:00:00.000" /></posts>')
    path = tmp_path / "downloads" / "cardano_Posts.xml.gz"
    path.parent.mkdir()
    path.write_bytes(gzip.compress(rows.encode(), mtime=0))
    _, docs = _read(path)
    assert [d.id for d in docs] == ["stackexchange:cardano:1"]
