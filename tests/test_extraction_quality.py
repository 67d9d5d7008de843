"""Main-text extraction: the benchmark metric, HTML decoding, and quality on real pages."""

from __future__ import annotations

import codecs
import random
from collections import Counter

import pytest

from curation.extract.html_to_text import DEFAULT_OPTIONS, decode_html, extract_main_text
from curation.extract.quality import evaluate_dir, score_pairs, shingles, tokenize, tp_fp_fn

# --------------------------------------------------------------------------------------------
# The metric, on strings small enough to check by hand
# --------------------------------------------------------------------------------------------


def test_identical_texts_score_one():
    text = "The quick brown fox jumps over the lazy dog. It was not amused."
    assert score_pairs([(text, text)]) == {"precision": 1.0, "recall": 1.0, "f1": 1.0}


def test_disjoint_texts_score_zero():
    scores = score_pairs([("alpha beta gamma delta epsilon", "one two three four five")])
    assert scores == {"precision": 0.0, "recall": 0.0, "f1": 0.0}


def test_partial_overlap_by_hand():
    # truth shingles: (a b c d) (b c d e) (c d e f); prediction: (a b c d)
    # TP=1 FP=0 FN=2 -> P = 1, R = 1/3, F1 = 2 * 1 * 1/3 / (4/3) = 1/2
    scores = score_pairs([("a b c d e f", "a b c d")])
    assert scores["precision"] == pytest.approx(1.0)
    assert scores["recall"] == pytest.approx(1 / 3)
    assert scores["f1"] == pytest.approx(0.5)


def test_shingles_are_a_multiset():
    # truth "x y z w x y z w": 5 shingles, (x y z w) twice; prediction has it once
    # TP=1 FP=0 FN=4, normalised by 5 -> P = 1, R = 0.2
    assert shingles("x y z w x y z w")[("x", "y", "z", "w")] == 2
    tp, fp, fn = tp_fp_fn("x y z w x y z w", "x y z w")
    assert (tp, fp, fn) == pytest.approx((0.2, 0.0, 0.8))
    assert score_pairs([("x y z w x y z w", "x y z w")])["recall"] == pytest.approx(0.2)


def test_tokens_ignore_punctuation_but_keep_case():
    assert tokenize("Hello, world! Ça va?") == ["Hello", "world", "Ça", "va"]
    assert score_pairs([("Hello, world! How are you?", "Hello world\nHow are you")])["f1"] == 1.0
    assert score_pairs([("Hello world", "hello world")])["f1"] == 0.0


def test_short_text_is_one_short_shingle():
    assert shingles("two words") == Counter({("two", "words"): 1})
    assert shingles("") == Counter()
    assert shingles(None) == Counter()


def test_averaging_is_f1_of_mean_precision_and_mean_recall():
    # doc 1: P = 1, R = 1/3 (F1 0.5); doc 2: perfect (F1 1).  Mean of F1s would be 0.75;
    # the benchmark takes F1 of the means: P = 1, R = 2/3 -> F1 = 0.8.
    scores = score_pairs([("a b c d e f", "a b c d"), ("g h i j", "g h i j")])
    assert scores["precision"] == pytest.approx(1.0)
    assert scores["recall"] == pytest.approx(2 / 3)
    assert scores["f1"] == pytest.approx(0.8)


def test_empty_prediction_costs_recall_not_precision():
    scores = score_pairs([("a b c d e", ""), ("a b c d e", "a b c d e")])
    assert scores["precision"] == pytest.approx(1.0)  # only the non-empty prediction counts
    assert scores["recall"] == pytest.approx(0.5)
    assert scores["f1"] == pytest.approx(2 / 3)
    # empty ground truth: a non-empty prediction is all false positives, recall not defined
    scores = score_pairs([("", "some extra words here"), ("a b c d", "a b c d")])
    assert scores["precision"] == pytest.approx(0.5)
    assert scores["recall"] == pytest.approx(1.0)
    # both empty: counted in neither average
    assert score_pairs([("", ""), ("a b c d", "a b c d")])["f1"] == 1.0
    assert score_pairs([(None, None)])["f1"] == 0.0  # nothing to average: 0, no crash


def test_counts_are_normalised_per_document():
    long_truth = " ".join(f"w{i}" for i in range(1000))
    assert sum(tp_fp_fn(long_truth, long_truth[:2000])) == pytest.approx(1.0)
    assert tp_fp_fn("", "") == (0.0, 0.0, 0.0)


# --------------------------------------------------------------------------------------------
# decode_html
# --------------------------------------------------------------------------------------------

TEXT = "<p>Café crème brûlée — “naïve” façade, 5 €</p>"


def test_decode_utf8_with_bom():
    raw = codecs.BOM_UTF8 + TEXT.encode("utf-8")
    assert decode_html(raw) == TEXT  # BOM stripped
    assert decode_html(raw, declared_charset="iso-8859-1") == TEXT  # and it beats the header


def test_decode_utf16_with_bom():
    assert decode_html(TEXT.encode("utf-16")) == TEXT


def test_decode_declared_latin1():
    text = "<p>Bientôt l'été à Zürich, señor.</p>"
    assert decode_html(text.encode("latin-1"), declared_charset="ISO-8859-1") == text
    # "latin-1" labels are decoded as cp1252, as browsers do: curly quotes and dashes survive
    assert decode_html(TEXT.encode("cp1252"), declared_charset="latin1") == TEXT


def test_decode_meta_charset():
    html = '<html><head><meta charset="windows-1251"></head><body><p>Привет, мир</p></body></html>'
    assert decode_html(html.encode("cp1251")) == html
    html = '<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS"><p>日本語のテキスト</p>'
    assert decode_html(html.encode("shift_jis")) == html


def test_decode_undeclared_cp1252():
    assert decode_html(TEXT.encode("cp1252")) == TEXT
    # long enough for the charset guesser to be consulted: still cp1252
    long_text = "<p>" + "Voilà déjà l’été à Genève — “naïve” façade, crème brûlée. " * 4 + "</p>"
    assert decode_html(long_text.encode("cp1252")) == long_text


def test_decode_utf8_beats_a_wrong_declaration():
    assert decode_html(TEXT.encode("utf-8"), declared_charset="iso-8859-1") == TEXT
    assert decode_html(TEXT.encode("utf-8")) == TEXT


def test_decode_truncated_utf8_stays_utf8():
    text = "<p>" + "Grüße aus München, schöne Straße. " * 5
    raw = text.encode("utf-8") + "é".encode("utf-8")[:1]  # cut in the middle of a character
    assert decode_html(raw) == text + "\ufffd"


def test_decode_garbage_never_raises():
    rng = random.Random(1234)
    labels = [None, "", "utf-8", "latin-1", "utf-16", "utf-7", "cp037", "shift_jis", "no-such-charset", "utf-8;"]
    samples = [b"", b"\xff\xfe", b"\xff\xfe\x00", codecs.BOM_UTF32_BE + b"\x00", b"\x00" * 7, b"\x80\x81\x8d\x8f\x90\x9d"]
    samples += [bytes(rng.randrange(256) for _ in range(rng.randrange(1, 400))) for _ in range(150)]
    for raw in samples:
        for label in labels:
            assert isinstance(decode_html(raw, declared_charset=label), str)


# --------------------------------------------------------------------------------------------
# extract_main_text
# --------------------------------------------------------------------------------------------

ARTICLE = """<html><head><title>t</title></head><body>
<nav><a href="/">Home</a> | <a href="/news">News</a> | <a href="/about">About us</a></nav>
<article><h1>Rivers of the north</h1>
<p>The northern rivers freeze for five months of the year, and the towns along them have
learned to use the ice as a road, carrying timber and fuel across it with heavy sledges.</p>
<p>When the thaw comes in spring the ice breaks up within days, and the floods that follow
reshape the banks so much that the ferry landings have to be rebuilt nearly every year.</p>
<p>Fishermen say the best catches come just after the ice goes out, when the water is still
cold and clear and the fish gather in the deep pools below the rapids to feed.</p>
</article>
<footer>Copyright 2024 Example Media. All rights reserved. Privacy policy. Cookie settings.</footer>
</body></html>"""


def test_extract_returns_empty_string_not_none():
    pages = [
        "",
        "   ",
        "<html></html>",
        "<<<>>>",
        "<html><head><title>x</title></head><body><script>var a = 1;</script><style>p {}</style></body></html>",
    ]
    for html in pages:
        assert extract_main_text(html) == ""


def test_extract_main_text_keeps_the_article_and_drops_boilerplate():
    text = extract_main_text(ARTICLE, url="https://example.org/rivers")
    assert "ferry landings" in text and "deep pools" in text
    assert "All rights reserved" not in text and "About us" not in text
    assert "**" not in text and "#" not in text  # no markdown formatting


def test_extract_is_deterministic_across_calls():
    # trafilatura's deduplicate=True keeps a process-wide cache and empties pages it has
    # seen a few times; our defaults must not depend on what was extracted before.
    assert DEFAULT_OPTIONS["deduplicate"] is False
    outputs = {extract_main_text(ARTICLE) for _ in range(6)}
    assert len(outputs) == 1 and outputs.pop()


def test_overrides_win_over_defaults():
    with_meta = extract_main_text(ARTICLE, url="https://example.org/rivers", method="trafilatura", with_metadata=True)
    assert with_meta.startswith("---")  # trafilatura's metadata header
    assert not extract_main_text(ARTICLE, method="trafilatura").startswith("---")
    with pytest.raises(ValueError, match="need method='trafilatura'"):
        extract_main_text(ARTICLE, with_metadata=True)


# --------------------------------------------------------------------------------------------
# Quality on the 181 real pages of scrapinghub's article-extraction-benchmark
# --------------------------------------------------------------------------------------------


@pytest.mark.shared
def test_f1_on_article_extraction_benchmark(shared_data):
    result = evaluate_dir(extract_main_text, shared_data / "extraction" / "scrapinghub", decode=decode_html)
    assert result["n_docs"] == 181
    # published: trafilatura 2.0 0.958; measured on 2.3.1: method auto 0.960 (P 0.942, R 0.979),
    # method trafilatura 0.964, trafilatura defaults 0.953
    assert result["f1"] >= 0.955, {k: result[k] for k in ("precision", "recall", "f1", "n_empty")}


def test_the_article_set_reader_takes_saved_pages_and_skips_unit_test_pages(tmp_path, capsys):
    from curation.extract.articles import MIN_SOURCE_BYTES, iter_article_pages
    from curation.extract.quality import evaluate_pages

    body = "<p>Steel valves are rated for three hundred psi at room temperature.</p>"
    page = "<html><body><nav>Home</nav><article>" + body + "</article>" + "<!-- pad -->" * 800 + "</body></html>"
    assert len(page) >= MIN_SOURCE_BYTES
    for name, source, expected in (("real", page, "<div><h1>Valves</h1>" + body + "<ul><li>one</li><li>two</li></ul></div>"),
                                   ("unit-test", "<p>tiny</p>", "<p>tiny</p>"), ("no-truth", page, None)):
        (tmp_path / name).mkdir()
        (tmp_path / name / "source.html").write_text(source)
        if expected is not None:
            (tmp_path / name / "expected.html").write_text(expected)
    pages = list(iter_article_pages(tmp_path))
    assert [p[0] for p in pages] == ["real"] and pages[0][1] == page.encode()
    assert pages[0][2]["articleBody"].split() == ["Valves", "Steel", "valves", "are", "rated", "for", "three",
                                                  "hundred", "psi", "at", "room", "temperature.", "one", "two"]
    assert "no-truth skipped" in capsys.readouterr().err
    assert evaluate_pages(lambda html: "Valves " + body[3:-4] + " one two", pages)["f1"] == 1.0
    with pytest.raises(FileNotFoundError, match="no such directory"):
        list(iter_article_pages(tmp_path / "absent"))


def test_the_fresh_article_set_when_present():
    """mozilla/readability's saved test pages, kept outside the project (curation/extract/articles.py);
    CURATION_ARTICLES names the folder, else ../data/articles/readability beside the checkout."""
    import os
    from pathlib import Path

    from curation.extract.articles import iter_article_pages

    root = Path(os.environ.get("CURATION_ARTICLES", Path(__file__).resolve().parents[2] / "data" / "articles" / "readability"))
    if not root.is_dir():
        pytest.skip(f"fresh article set not found at {root} (set CURATION_ARTICLES; see curation/extract/articles.py)")
    pages = list(iter_article_pages(root))
    assert len(pages) == 94 and all(len(tokenize(p[2]["articleBody"])) >= 20 for p in pages)
