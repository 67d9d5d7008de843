"""The line word model: tokens, hashed buckets, scores, the element class/id words, determinism."""

from __future__ import annotations

import json
import zlib

import numpy as np
import pytest

from curation.extract.line_dom import element_hints
from curation.extract.line_words import (
    BUCKETS,
    MAX_CLASS_WORDS,
    bucket_ids,
    decode_weights,
    encode_weights,
    fit_word_model,
    line_tokens,
    page_buckets,
    word_scores,
)
from curation.extract.lines import LINE_FEATURES, WORD_FEATURES, LineModel, line_matrix
from curation.extract.train_lines import HGB_PARAMS, _export


def test_line_tokens_by_hand():
    assert line_tokens("Posted on 12 March 2024 by Bob, posted!", "post meta post") == [
        "posted", "on", "00", "march", "0000", "by", "bob", "^posted", "c:post", "c:meta"]
    assert line_tokens("", "nav") == ["c:nav"] and line_tokens("   ") == []


def test_buckets_are_crc32_and_do_not_depend_on_the_process():
    assert bucket_ids(["share", "^share", "\u00e9t\u00e9"]).tolist() == [
        zlib.crc32(b"share") % BUCKETS, zlib.crc32(b"^share") % BUCKETS, zlib.crc32("\u00e9t\u00e9".encode()) % BUCKETS]
    assert bucket_ids(["share"]).tolist() == [40282]  # a fixed value: the same on every run and machine
    assert bucket_ids([]).tolist() == []
    flat, sizes = page_buckets(["Share", "", "Log in"], ["", "", "nav"])
    assert sizes.tolist() == [2, 0, 4] and flat.tolist() == bucket_ids(["share", "^share", "log", "in", "^log", "c:nav"]).tolist()


def test_word_scores_sum_the_line_buckets_weights():
    buckets = page_buckets(["Add to cart", "   ", "Steel valve"], ["btn cart", "", ""])
    w = np.zeros(BUCKETS)
    w[bucket_ids(["add"])] = -1.0
    w[bucket_ids(["c:cart"])] = -2.0
    w[bucket_ids(["valve"])] = 1.5
    assert word_scores(buckets, w, 0.25).tolist() == [-2.75, 0.25, 1.75]
    assert word_scores(page_buckets([], []), w, 0.25).shape == (0,)


def test_weights_round_trip_and_a_bad_vector_is_refused():
    w = np.linspace(-3, 3, BUCKETS)
    assert np.array_equal(decode_weights(encode_weights(w)), w.astype(np.float16).astype(float))
    with pytest.raises(ValueError, match="expected"):
        decode_weights(encode_weights(w[:10]))


def test_element_hints_give_each_text_its_class_and_id_words():
    html = ('<ul class="main-menu"><li class="menu-item" id="nav-7">Home</li></ul>'
            '<a class="btn add-to-cart">Add to cart</a><p>Plain text here</p><a class="btn-link">Home</a>')
    flags, words = element_hints(html)
    assert words == {"home": "menu item nav btn link", "add to cart": "btn add to cart"}
    assert set(flags) == {"home", "add to cart", "plain text here"}


def test_class_words_are_kept_whole_per_text_not_dropped_as_substrings():
    # "nav" is a substring of "navbar" but a word of its own: both are kept, each once, first seen first
    flags, words = element_hints('<a class="navbar">Home</a><a class="nav">Home</a><a id="navbar nav">Home</a>')
    assert words == {"home": "navbar nav"}
    assert element_hints('<li class="item-list">Shoes</li><li class="item list">Shoes</li>')[1] == {"shoes": "item list"}


def test_only_the_class_and_id_attributes_give_words_and_flags():
    # an "id=" inside a link's URL or a data-*-id attribute is not a class/id: no slug words, no menu flag
    html = ('<a href="/p?id=nav-menu-slug&x=1" data-post-id="related-7" class="more-link">Read more</a>'
            "<span data-id='cart' ID=Price>12 EUR</span><a href=\"/x?id=menu\">Home</a>")
    flags, words = element_hints(html)
    assert words == {"read more": "more link", "12 eur": "price"}
    assert flags["home"] & 64 == 0 and flags["read more"] & 64 == 0  # not a nav-word element
    assert flags["12 eur"] & 256 and flags["read more"] & 512  # price group; "more" is in the related group


def test_class_tokens_are_capped_per_line():
    many = " ".join(f"slug{chr(97 + i)}" for i in range(26))
    tokens = line_tokens("Read more", many)
    assert [t for t in tokens if t.startswith("c:")] == ["c:" + w for w in many.split()[:MAX_CLASS_WORDS]]
    assert tokens[:3] == ["read", "more", "^read"]


def test_word_model_training_is_deterministic_and_learns_boilerplate_words():
    rng = np.random.default_rng(0)
    vocab_bad, vocab_good = ["share", "login", "cart", "reply"], ["valve", "pressure", "steel", "rated", "pipe"]
    lines, labels = [], []
    for _ in range(400):
        good = rng.random() < 0.5
        lines.append(" ".join(rng.choice(vocab_good if good else vocab_bad, size=4)))
        labels.append(float(good))
    buckets = page_buckets(lines, [""] * len(lines))
    w1, b1 = fit_word_model([buckets], np.array(labels))
    w2, b2 = fit_word_model([buckets], np.array(labels))
    assert encode_weights(w1) == encode_weights(w2) and b1 == b2
    s = word_scores(page_buckets(["share this", "steel pipe"], ["", ""]), w1, b1)
    assert s[0] < 0 < s[1]


def test_a_line_model_with_words_adds_the_word_columns():
    from sklearn.ensemble import HistGradientBoostingRegressor

    rng = np.random.default_rng(1)
    names = list(LINE_FEATURES) + list(WORD_FEATURES) + ["page_a"]
    x = rng.normal(size=(2000, len(names)))
    y = (x[:, len(LINE_FEATURES)] > 0).astype(float)  # the label is the word score's sign
    model = HistGradientBoostingRegressor(**{**HGB_PARAMS, "max_iter": 20, "min_samples_leaf": 20}).fit(x, y)
    w = np.zeros(BUCKETS)
    w[bucket_ids(["valve"])] = 4.0
    spec = {**_export(model, names, 0.5), "words": {"buckets": BUCKETS, "bias": -2.0, "weights": encode_weights(w)}}
    ours = LineModel(json.loads(json.dumps(spec)))
    assert ours.page_features == ("page_a",)
    texts = {"resiliparse_page": "Share this\nThe valve holds", "trafilatura": "", "resiliparse": ""}
    lines, xm = ours.matrix(texts, {"page_a": 0.0}, "")
    assert xm.shape == (2, len(names))
    assert xm[:, len(LINE_FEATURES)].tolist() == [-2.0, 2.0]  # the word score, before the page features
    assert np.array_equal(xm[:, : len(LINE_FEATURES)], line_matrix(texts, "")[1])
    assert ours.keep(texts, {"page_a": 0.0}, "") == "The valve holds"
    with pytest.raises(ValueError, match="WORD_FEATURES"):
        LineModel({**spec, "features": list(LINE_FEATURES) + ["page_a"]})
    # a model naming the word columns without a usable word block is refused at load, not per page
    for block in (None, "missing"):
        bad = {k: v for k, v in spec.items() if k != "words"} if block == "missing" else {**spec, "words": None}
        with pytest.raises(ValueError, match="no 'words' block"):
            LineModel(json.loads(json.dumps(bad)))
    with pytest.raises(ValueError, match="must be an object"):
        LineModel({**spec, "words": []})
    with pytest.raises(ValueError, match="not a finite number"):
        LineModel({**spec, "words": {**spec["words"], "bias": float("nan")}})
    with pytest.raises(ValueError, match="words.buckets"):
        LineModel({**spec, "words": {**spec["words"], "buckets": 1024}})


def test_the_memos_give_what_they_memoise_whatever_they_hold():
    """The per-process memos of bucket ids, class words and tag flags (speed only): with memos emptied at
    every key (size 1), warm, or new, the same buckets and element hints."""
    from curation.extract import line_dom, line_words

    html = ('<ul class="main-menu"><li class="menu-item" id="nav-7">Home</li></ul><H2 class="entry-title">Title</H2>'
            '<a class="btn add-to-cart">Add to cart</a><p>Plain text here</p><a class="btn-link">Home</a>'
            '<span class="price-tag">Price 12</span><TD>Spec</TD>') * 3
    tokens = ["share", "^share", "c:nav", "\u00e9t\u00e9", "share"] * 4
    expected_buckets = [zlib.crc32(t.encode()) % BUCKETS for t in tokens]
    memos = (line_dom._WORD_FLAGS, line_dom._TAG_BITS, line_dom._ATTRS, line_words._BUCKET_OF)
    sizes = [m.size for m in memos]
    try:
        results = []
        for size in (1, None, None):  # emptied at every new key; then cold; then warm
            for memo, default in zip(memos, sizes):
                memo.size = size or default
                if size is None and not results[1:]:
                    memo.clear()
            results.append((element_hints(html), bucket_ids(tokens).tolist()))
    finally:
        for memo, size in zip(memos, sizes):
            memo.size = size
    assert results[0] == results[1] == results[2]
    assert results[0][1] == expected_buckets
    flags, words = results[0][0]
    assert flags["home"] & 64 and flags["title"] & 2 and flags["title"] & 128 and flags["price 12"] & 256
    assert flags["spec"] == 2048 | 8 and words["title"] == "entry title"


def test_a_long_key_is_computed_but_never_kept_in_a_memo():
    """The memos bound their keys' size, not only their count: a 20,000-character token (any page can
    have one) gets its bucket but stays out of the memo."""
    from curation.extract import line_words

    token = "x" * 20_000
    assert bucket_ids([token]).tolist() == [zlib.crc32(token.encode()) % BUCKETS]
    assert token not in line_words._BUCKET_OF
    assert all(len(key) <= line_words._BUCKET_OF.longest for key in line_words._BUCKET_OF)
