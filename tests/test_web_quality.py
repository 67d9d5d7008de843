"""Language-aware page rules (curation/quality): real reference text passes, broken and spam text does not."""

from __future__ import annotations

import gzip
import json
import unicodedata
from pathlib import Path

import pytest
from datatrove.data import Document

from curation.quality import cjk, encoding, error_pages, wordlists
from curation.stages.web_quality import WebQuality

DATA = Path(__file__).resolve().parents[1] / "benchmarks" / "langid_data"


def reference_docs(name: str) -> list[tuple[str, str]]:
    out = []
    for line in gzip.open(DATA / f"{name}.jsonl.gz", "rt", encoding="utf-8"):
        row = json.loads(line)
        s, code = row["sentences"], row["language"].split("-")[0]
        out += [(code, "\n".join(" ".join(s[j : j + 2]) for j in range(i, i + 16, 2))) for i in range(0, len(s) - 15, 16)]
    return out


@pytest.mark.parametrize("name", ["udhr", "langidpy"])
def test_reference_text_in_every_language_passes(name):
    """UDHR in 75 languages and langid.py's prose in ~90: the page rules drop none of it."""
    step = WebQuality()
    docs = reference_docs(name)
    dropped = []
    for code, text in docs:
        doc = Document(text=text, id=code, metadata={"language": code})
        ok = step.filter(doc)
        if ok is not True:
            dropped.append((code, ok))
    assert len(docs) > 100
    assert not dropped, dropped


def test_latin_mojibake_is_repaired_and_counted():
    text = "Die Würde des Menschen ist unantastbar. Sie zu achten und zu schützen ist Verpflichtung aller staatlichen Gewalt."
    broken = text.encode("utf-8").decode("cp1252")
    assert "Ã¼" in broken
    step = WebQuality()
    doc = Document(text=broken, id="m", metadata={"language": "de"})
    assert step.filter(doc) is True and doc.text == text
    assert step.stats["mojibake_repaired"].total == 1


def test_cjk_text_decoded_with_the_wrong_codec_is_dropped():
    zh = next(t for c, t in reference_docs("udhr") if c == "zh")
    lost = zh.encode("utf-8").decode("gbk", errors="replace").replace("\ufffd", "?")
    assert encoding.check(zh) == (zh, None)
    assert encoding.check(lost)[1] == "encoding_error"


def test_error_pages_short_ones_only():
    assert error_pages.is_error_page("很抱歉~ 当您看到这个页面的时候，说明您访问的地址有错误或者页面已经不存在了~")
    assert error_pages.is_error_page("Seite nicht gefunden\nDie angeforderte Seite existiert leider nicht. Zur Startseite")
    article = ("The HTTP status 404 means page not found; servers send it when a resource is missing. " * 40)
    assert not error_pages.is_error_page(article)


def test_adult_vocabulary_counts_by_rate_not_by_one_word():
    udhr_en = " ".join(t for c, t in reference_docs("udhr") if c == "en")
    assert "sex" in udhr_en  # "without distinction of any kind, such as race, colour, sex": an ambiguous entry
    assert not wordlists.is_adult_or_gambling(udhr_en, "en")
    spam = "Online casino with free spins and a no deposit bonus. Play roulette, blackjack and baccarat tonight. " * 3
    assert wordlists.is_adult_or_gambling(spam, "en")
    lottery = "香港六合彩开奖结果，特码心水论坛，跑狗图，网上开户即送彩金。" * 3
    assert wordlists.is_adult_or_gambling(lottery, "zh")


def test_cjk_list_and_footer_pages():
    ranking = "\n".join(f"{i}位\nマージ 長財布 Ｌ パンチングレザー ブラック（{i}）" for i in range(1, 12))
    assert cjk.check(ranking, "ja") == "cjk_list_page"
    assert cjk.check("版权所有©上海某公司\n电话：021-54098575\n备案号:沪ICP备11028026号", "zh") == "cjk_too_short"
    spaced = "。".join("我 们 今 天 去 公 园 散 步 看 到 很 多 花" for _ in range(10)) + "。"
    assert cjk.check(spaced, "zh") in ("cjk_spaced_chars", "cjk_repetition")


def test_missing_word_list_is_one_line_error(monkeypatch, tmp_path):
    monkeypatch.setattr(wordlists, "HERE", tmp_path / "lists")
    with pytest.raises(FileNotFoundError, match="lists/ldnoobw_en.txt"):
        WebQuality()


def test_gopher_alpha_share_counts_whitespace_words(shared_data):
    """A real English Wikipedia biography: datatrove's token count calls it non-alphabetic, Gopher's does not."""
    from datatrove.pipeline.filters import GopherQualityFilter

    from curation.filters.gopher import GopherQuality
    from curation.readers.wikipedia import WikipediaReader

    dump = shared_data / "academic" / "wikipedia" / "enwiki-sample-pages-articles.xml.bz2"
    article = next(d for d in WikipediaReader(str(dump)).run() if d.id == "wikipedia:enwiki:340")
    assert "(born 1 April 1947)" in article.text
    assert GopherQualityFilter().filter(article) == (False, "gopher_below_alpha_threshold")
    assert GopherQuality().filter(article) is True
    table = Document(text="Results of the 2019 season:\n" + "\n".join(f"{i + 1000} {i * 7001} {i * 1301} {i * 3}.50" for i in range(60)), id="t")
    assert GopherQuality().filter(table) == (False, "gopher_below_alpha_threshold")


def enwiki_article(shared_data, page_id: str) -> Document:
    from curation.readers.wikipedia import WikipediaReader

    dump = shared_data / "academic" / "wikipedia" / "enwiki-sample-pages-articles.xml.bz2"
    doc = next(d for d in WikipediaReader(str(dump)).run() if d.id == page_id)
    return Document(text=doc.text, id=doc.id, metadata={"language": "en"})


def test_gopher_stop_words_match_any_case(shared_data):
    """A short real article whose only "the" opens sentences: datatrove's case-sensitive count drops it."""
    from datatrove.pipeline.filters import GopherQualityFilter

    from curation.filters.gopher import GopherQuality

    article = enwiki_article(shared_data, "wikipedia:enwiki:742")
    assert " the " not in article.text and "The journal" in article.text
    assert GopherQualityFilter(max_non_alpha_words_ratio=None).filter(article) == (False, "gopher_enough_stop_words")
    assert GopherQuality().filter(article) is True
    assert GopherQuality().filter(Document(text="Photos Videos Login Register Contact Shop Cart Checkout " * 10, id="n")) == (
        False, "gopher_enough_stop_words")


def test_c4_curly_brackets_count_by_lines(shared_data):
    """The "ASCII" article quotes one line of C: C4's any-bracket rule drops it, the rate rule keeps it;
    a page of code still goes."""
    from datatrove.pipeline.filters import C4QualityFilter

    from curation.filters.c4 import C4Quality

    article = enwiki_article(shared_data, "wikipedia:enwiki:586")
    assert C4QualityFilter(filter_no_terminal_punct=False).filter(Document(text=article.text, id="a")) == (False, "curly_bracket")
    assert C4Quality(filter_no_terminal_punct=False).filter(Document(text=article.text, id="a")) is True
    code = "Install it and call the function like this, it is easy.\n" + "\n".join(
        f"function step{i}(x) {{ return x + {i}; }} // adds {i}." for i in range(20))
    assert C4Quality(filter_no_terminal_punct=False).filter(Document(text=code, id="c")) == (False, "curly_bracket")
    assert C4Quality(filter_no_terminal_punct=False, filter_curly_bracket=False).filter(Document(text=code, id="c")) is True


def test_database_and_script_errors_are_error_pages():
    assert error_pages.is_error_page("Table 'usr_web204-06_1.ranglisten_teams_2020' doesn't exist\n, Geburtsdatum: Nation: ()")
    assert error_pages.is_error_page("Error establishing a database connection")
    assert error_pages.is_error_page("Warning: mysql_fetch_array() expects parameter 1 to be resource, boolean given in /var/www/a.php on line 12")
    assert not error_pages.is_error_page("Our recipe database is error-free; a dish that doesn't exist yet can be suggested here.")


def test_enwiki_reference_articles_kept_by_the_web_recipe(shared_data):
    """≥ 95% of the shared English Wikipedia sample passes pipelines/web.yaml's filters (issue 13)."""
    from tests.conftest import ROOT, load_script

    bench = load_script(ROOT / "benchmarks" / "langid_quality.py")
    kept, total, drops = bench.wikipedia_kept(shared_data, ROOT / "pipelines" / "web.yaml")
    assert total >= 90
    assert kept / total >= 0.95, drops


def test_crawl_samples_drop_error_spam_adult_and_list_pages(shared_data):
    """The real CC and ClueWeb samples through web.yaml's per-page stages: every page we read as an
    error page, adult/gambling page or list/footer page is dropped (benchmarks/langid_data/crawl_labels.tsv),
    the company page written in sentences is kept."""
    from datatrove.pipeline.filters.base_filter import get_filter_result

    from curation.readers.warc import WarcReader
    from curation.recipe.load import load_recipe
    from curation.stages.registry import build_stage, global_stage
    from tests.conftest import ROOT, load_script

    labels = load_script(ROOT / "benchmarks" / "langid_quality.py").crawl_labels()
    specs = [s for s in load_recipe(ROOT / "pipelines" / "web.yaml").pipeline if s.name != "edu" and global_stage(s) is None]
    steps = [build_stage(s) for s in specs]
    fate = {}
    for warc in ("cc-main-2020-34-sample.warc.gz", "clueweb-quirk.warc.gz"):
        for doc in WarcReader(str(shared_data / "warc" / warc)).run():
            fate[doc.metadata["url"]] = all(get_filter_result(step.filter(doc))[0] for step in steps)
    assert set(fate) == set(labels)
    wrongly_kept = [(url, labels[url][0]) for url, kept in fate.items() if kept and labels[url][0] in ("error_page", "adult_gambling", "list_footer")]
    assert not wrongly_kept
    assert fate["http://01spb.ru/company/"]


def test_extra_crawl_files_run_through_the_recipe_by_path(shared_data, tmp_path):
    """``langid_quality.py --crawl-extra DIR``: an absent or empty folder is a one-line message, not a
    crash; the WARC files of a folder run through web.yaml and are counted per class of the labels file
    given (here crawl_labels.tsv for the shared CC sample, linked under another name)."""
    from tests.conftest import ROOT, load_script

    bench = load_script(ROOT / "benchmarks" / "langid_quality.py")
    assert "no such folder" in bench.crawl_files(tmp_path / "absent")
    (tmp_path / "notes.txt").write_text("not a crawl file\n")
    assert ".warc.gz" in bench.crawl_files(tmp_path)
    (tmp_path / "extra.warc.gz").symlink_to(shared_data / "warc" / "cc-main-2020-34-sample.warc.gz")
    files = bench.crawl_files(tmp_path)
    assert files == [tmp_path / "extra.warc.gz"]
    tsv = tmp_path / "labels.tsv"
    tsv.write_text("# warc\turl\tclass\tnote\nextra.warc.gz\thttp://01spb.ru/company/\tok\tcompany page\n")
    assert bench.crawl_labels(tsv) == {"http://01spb.ru/company/": ("ok", "company page")}
    res = bench.crawl_kept(shared_data, ROOT / "pipelines" / "web.yaml", tmp_path / "out", files, bench.read_labels(bench.HERE / "crawl_labels.tsv"))["extra.warc.gz"]
    classes = res["per_class_kept"]
    assert sum(n for _, n in classes.values()) == 16 and "unlabelled" not in classes
    assert all(classes[c][0] == 0 for c in ("error_page", "adult_gambling", "list_footer")), classes
    assert ("ok", "KEPT") in {(cls, what) for cls, what, _lang, url, _note in res["pages"] if url == "http://01spb.ru/company/"}


PAGE = """<html><head><title>Growing tomatoes on a balcony</title></head><body><article><h1>Growing tomatoes on a balcony</h1>
<p>Tomatoes grow well in large pots if they get at least six hours of direct sun every day. A pot of twenty litres
holds enough soil for one plant, and a drainage hole at the bottom keeps the roots from standing in water.</p>
<p>Choose a compact variety such as a cherry or bush tomato, because tall vines need strong stakes and a lot of room.
Plant the seedling deeper than it sat in its nursery pot: the buried stem grows new roots and the plant stands firmer.</p>
<p>Water the soil, not the leaves, in the morning, so that the foliage dries during the day and fungal diseases find
fewer chances to spread. In hot weeks a pot may need water twice a day; a saucer under it keeps a small reserve.</p>
<p>Feed the plant every two weeks once the first flowers open, with a fertiliser that is richer in potassium than in
nitrogen. Too much nitrogen gives a lush green plant with very few fruits, which is a common mistake on balconies.</p>
<p>Pick the fruits when they are fully coloured and slightly soft. At the end of the season, green tomatoes ripen
indoors on a windowsill, and the spent soil can be mixed with compost and used again for herbs next spring.</p>
</article></body></html>"""


def _warc_of(path, pages):
    """A WARC of our own: ``pages`` is a list of (url, html)."""
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for url, html in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(html.encode()), http_headers=headers))


def test_extra_crawl_counts_pages_removed_by_dedup_and_names_labelled_pages_never_read(tmp_path):
    """A page that dedup removes still counts in its class (it was read: kept 1 of 2, not 1 of 1), a
    labelled page its file never yields is named, and a malformed or missing labels file stops at once
    with one line naming the file and line."""
    from tests.conftest import ROOT, load_script

    bench = load_script(ROOT / "benchmarks" / "langid_quality.py")
    _warc_of(tmp_path / "two.warc.gz", [("https://a.example/tomatoes", PAGE), ("https://b.example/tomatoes", PAGE)])
    tsv = tmp_path / "labels.tsv"
    tsv.write_text("two.warc.gz\thttps://a.example/tomatoes\tok\ta\ntwo.warc.gz\thttps://b.example/tomatoes\tok\tb\n"
                   "two.warc.gz\thttps://c.example/never\tok\tnot in the file\n")
    labels = bench.read_labels(tsv)
    res = bench.crawl_kept(tmp_path, ROOT / "pipelines" / "web.yaml", tmp_path / "out", [tmp_path / "two.warc.gz"], labels)["two.warc.gz"]
    assert res["per_class_kept"] == {"ok": [1, 2]}, res
    assert res["labelled_not_seen"] == ["https://c.example/never"]
    tsv.write_text("two.warc.gz\thttps://a.example/tomatoes\tok\n")
    with pytest.raises(SystemExit, match=r"labels.tsv:1: 3 tab-separated fields, expected 4"):
        bench.read_labels(tsv)
    with pytest.raises(SystemExit, match="no such labels file"):
        bench.read_labels(tmp_path / "absent.tsv")


def test_a_question_quoting_a_software_error_is_not_an_error_page():
    question = ("I upgraded PHP and now my listing script prints this instead of the table. "
                "Warning: mysql_fetch_array() expects parameter 1 to be resource, boolean given in /var/www/list.php on line 12. "
                "The query works in phpMyAdmin. What changed between the versions, and should I move to mysqli or PDO? "
                "Answer: the mysql_* functions were removed in PHP 7; the query failed, so mysql_query returned false. "
                "Check mysqli_error() after the query and switch to prepared statements with PDO, which also protects you from injection. "
                "Comment: thanks, mysqli_error() showed a missing column after the migration; fixed now, and the listing page shows its rows again.")
    assert len(question) > 600
    assert not error_pages.is_error_page(question)


def test_wikipedia_reference_articles_kept_in_every_language():
    """Seven Wikipedias (benchmarks/langid_data/wiki_reference.jsonl.gz): ≥ 95% of the held-out
    ``check`` articles of each language pass pipelines/web.yaml's filters (issue 13); thresholds were
    chosen on the ``tune`` part only (make_quality_lists.py)."""
    from tests.conftest import ROOT, load_script

    bench = load_script(ROOT / "benchmarks" / "langid_quality.py")
    per = bench.wiki_reference_kept(ROOT / "pipelines" / "web.yaml")
    assert set(per) == {"bn", "el", "hy", "ja", "mr", "uk", "vi"}
    for language, parts in per.items():
        kept, total, drops = parts["check"]
        assert total >= 25 and kept / total >= 0.95, (language, drops)


def test_slovene_wikipedia_sentences_kept_by_the_per_language_rules():
    """Slovene has no Wikipedia articles here: UD_Slovenian-SSJ's Wikipedia sentences (dev split,
    benchmarks/langid_data/ud_wikipedia.jsonl.gz, never tuned on) as 16-sentence documents pass
    web.yaml's filters with every per-language rule on for sl (measured 12/12)."""
    from curation.filters.by_language import language_codes
    from tests.conftest import ROOT, load_script

    assert all("sl" in language_codes(stage) for stage in ("gopher_quality", "c4", "fineweb"))
    bench = load_script(ROOT / "benchmarks" / "langid_quality.py")
    kept, total = bench.reference_kept({"ud_wikipedia": bench.load_set("ud_wikipedia")}, ROOT / "pipelines" / "web.yaml")["ud_wikipedia"]["sl"]
    assert total == 12 and kept / total >= 0.95


def test_dashes_are_not_words_for_the_alphabetic_share():
    """Ukrainian definitions ("X — це Y") and chronology lines: spaced dashes and list bullets are
    punctuation, not non-alphabetic words; numbers still are."""
    from curation.filters.gopher import GopherQuality, is_dash

    assert is_dash("—") and is_dash("-") and is_dash("–") and not is_dash("1944") and not is_dash("-5")
    lines = [f"{d} травня — народився відомий український письменник і поет" for d in range(1, 29)]
    chronology = Document(text="1879 — невисокосний рік.\n" + "\n".join(lines), id="uk")
    assert GopherQuality(stop_words=["і", "в", "на"], min_stop_words=1).filter(chronology) is True
    table = Document(text="Результати:\n" + "\n".join(f"{i + 1000} — {i * 7001} {i * 13} бали" for i in range(40)), id="t")
    assert GopherQuality(stop_words=["і", "в", "на"], min_stop_words=None).filter(table) == (False, "gopher_below_alpha_threshold")


def test_stop_word_rules_apply_in_bengali_armenian_marathi_vietnamese():
    """bn, hy, mr, vi have stop words (stopwords-iso, chosen on the tune half): Gopher's stop-word rule
    and C4 now apply to them (FineWeb to bn and vi); their words come from datatrove's fallback
    tokenizer (bn/mr/vi: their own needs packages we do not ship; hy: spaCy's does not split sentences
    at "։"). A held-out check article passes, also with its accents decomposed; its content words
    alone (no function words) do not."""
    from curation.filters.by_language import ByLanguage, SpacedWords, language_codes, stop_words
    from curation.filters.gopher import GopherQuality

    assert {"bn", "hy", "mr", "vi"} <= set(language_codes())
    step = ByLanguage(GopherQuality, {}, languages=language_codes(), stage="gopher_quality")
    rows = [json.loads(line) for line in gzip.open(DATA / "wiki_reference.jsonl.gz", "rt", encoding="utf-8")]
    for language in ("bn", "hy", "mr", "vi"):
        article = next(r["text"] for r in rows if r["language"] == language and r["part"] == "check" and r["kind"] == "article")
        assert step.filter(Document(text=article, id=language, metadata={"language": language})) == (True, None)
        decomposed = unicodedata.normalize("NFD", article)  # tone marks as combining characters (UDHR's vi)
        assert step.filter(Document(text=decomposed, id=language, metadata={"language": language})) == (True, None)
        stop = {w.lower() for w in stop_words()[language]}
        content = [w for w in article.split() if w.lower().strip(".,।։:") not in stop and len(w) > 3][:120]
        assert len(content) >= 60
        listing = Document(text=" ".join(content), id=language, metadata={"language": language})
        assert step.filter(listing) == (False, "gopher_enough_stop_words"), language
        assert isinstance(step._filters[language].language, (str, SpacedWords))
    # C4 counts Armenian sentences at "։" (spaCy's hy splitter does not); FineWeb applies to hy at its
    # reference thresholds (set on the tune half), stays off for mr
    from curation.filters.c4 import C4Quality
    from curation.filters.fineweb import FineWebQuality

    assert {"hy", "mr"} <= set(language_codes("c4")) and "hy" in language_codes("fineweb") and "mr" not in language_codes("fineweb")
    c4 = ByLanguage(C4Quality, {"filter_no_terminal_punct": False}, languages=language_codes("c4"), stage="c4")
    fineweb = ByLanguage(FineWebQuality, {}, languages=language_codes("fineweb"), stage="fineweb")
    hy = [r["text"] for r in rows if r["language"] == "hy" and r["part"] == "check" and r["kind"] == "article"]
    kept = {step: sum(step.filter(Document(text=t, id="hy", metadata={"language": "hy"})) == (True, None) for t in hy)
            for step in (c4, fineweb)}
    assert kept[c4] == len(hy) and kept[fineweb] >= 0.95 * len(hy)  # measured: 27/27 and 26/27 (held out)
    assert fineweb._filters["hy"].line_punct_thr == 0.01  # the reference threshold, not FineWeb's 0.12


def test_fineweb_sentence_ends_per_language():
    """Greek asks with ';', Armenian often types its full stop as ':', Bengali/Hindi write the danda as
    '|': those lines end sentences in those languages only; English keeps datatrove's set."""
    from datatrove.utils.text import TERMINAL_PUNCTUATION

    from curation.filters.fineweb import FineWebQuality, sentence_ends

    assert set(sentence_ends("en")) == set(TERMINAL_PUNCTUATION) and ";" not in sentence_ends("en")
    questions = "\n".join(f"Ποιος ήταν ο συγγραφέας του βιβλίου με αριθμό {i} στη δημοτική βιβλιοθήκη;" for i in range(20))
    assert FineWebQuality(language="el").filter(Document(text=questions, id="el")) is True
    assert FineWebQuality(language="en").filter(Document(text=questions, id="el")) == (False, "line_punct_ratio")


def test_fineweb_judges_a_table_row_by_its_text():
    """An older site's page laid out in a table (the article in one cell, as ClueWeb09 has many): the
    extractor writes each row as '| cell | cell |', so no line ended in punctuation and FineWeb dropped
    the page. A row now counts by its last cell's text; a table of links and names still goes."""
    from curation.extract.html_to_text import extract_main_text
    from curation.filters.fineweb import FineWebQuality

    para = " ".join(f"Sentence {i} of the clinic's overview explains how the programme works for patients." for i in range(12))
    html = f"""<html><body><table width="760"><tr><td><img src="logo.gif"></td><td><img src="top.gif"></td></tr>
    <tr><td><a href="/">Home</a> | <a href="/about">About</a> | <a href="/contact">Contact</a></td><td></td></tr>
    <tr><td></td><td><b>Programme overview.</b> {para}</td></tr>
    <tr><td></td><td>Copyright 2008 The Clinic. All rights reserved.</td></tr></table></body></html>"""
    text = extract_main_text(html, "http://clinic.example/overview")
    assert text.startswith("| Home") and text.count("\n") == 2 and not any(line.rstrip().endswith(".") for line in text.split("\n"))
    assert FineWebQuality().filter(Document(text=text, id="table")) is True
    links = "\n".join(f"| {name} Hotel \\| Rooms \\| Prices | Tel. 0{i}1 555 {i:04d} |" for i, name in enumerate(
        ["Alpine", "Bristol", "Central", "Danube", "Edelweiss", "Forum", "Garden", "Harbour"]))
    assert FineWebQuality().filter(Document(text=links, id="links")) == (False, "line_punct_ratio")


def test_news_of_sexual_crimes_is_not_adult_content():
    """Crime and clinical words (rape, pedophile, sexual) count only beside an explicit entry: a court
    report is kept; the same words on a page with explicit vocabulary still count."""
    report = ("The court heard that the defendant was charged with rape and sexual assault after the attack in March. "
              "Prosecutors said the convicted pedophile had moved to the town under a false name. The rape trial "
              "continues next week, and the judge warned that reporting restrictions apply to the victim's identity. ") * 2
    assert len(report.split()) < 200 and wordlists.hits(report, "en")[0] == 0
    assert not wordlists.is_adult_or_gambling(report, "en")
    explicit = report + "Watch free porn and nude sexy cams, hot porn videos every day."
    assert wordlists.is_adult_or_gambling(explicit, "en")


def test_adult_terms_from_hplt_tune_rows_russian_not_turkish_seks():
    """порно (ru): in >= 3 porn rows of HPLT's tune half, in none of its other rows nor in our reference
    text (wordlists/README.md). A page of them goes; one mention in a news item stays. Turkish ``seks``
    qualified too but is not listed: it is the ordinary word for "sex" (English ``sex`` is ambiguous.txt's),
    and with the English list's ``porno`` a Turkish news or sex-education text would be dropped (review r32)."""
    ru = "Смотреть порно онлайн бесплатно. Лучшее порно видео, секс с красивыми девушками. Новое порно каждый день."
    assert wordlists.is_adult_or_gambling(ru, "ru")
    news = "Роскомнадзор заблокировал ещё один сайт: суд признал, что на нём размещалось порно, доступное детям без проверки возраста."
    assert not wordlists.is_adult_or_gambling(news, "ru")
    tr_news = ("Uzmanlar, seks eğitiminin okullarda verilmesi gerektiğini söyledi. Seks eğitimi alan gençlerin "
               "porno bağımlılığı riskinin daha düşük olduğu belirtildi; seks konusunda doğru bilgi önemli.")
    assert not wordlists.is_adult_or_gambling(tr_news, "tr")


def test_hplt_rows_are_read_by_label_and_split_by_id(tmp_path, capsys):
    """``_hplt.py``: a row is labelled when ``lang correct?`` holds a number; labels read as >= 0.5; a row
    with too few fields is counted; a language under MIN_LABELLED rows is left out; the two excerpts'
    separator is not text; an absent folder is one line, no crash."""
    from tests.conftest import ROOT, load_script

    hplt = load_script(ROOT / "benchmarks" / "_hplt.py")
    assert hplt.report(tmp_path / "absent", ROOT / "pipelines" / "web.yaml") is None
    assert "skipped" in capsys.readouterr().out
    head = '"porn?\nempty/1"\t"unnatural?\nempty/1"\t"lang correct?\n0/1"\ttext_show\tid\n'
    rows = [f"{'1' if i % 10 == 0 else ''}\t{'0.6' if i % 7 == 0 else ''}\t{'0' if i % 5 == 0 else '1'}\t\"Tha e fliuch an-diugh.\n..........\nAgus fuar.\"\tid{i}\n"
            for i in range(60)]
    (tmp_path / "gla_Latn").mkdir()
    (tmp_path / "gla_Latn" / "batch0.tsv").write_text(head + "".join(rows) + "\t\t\tunlabelled\tidx\nbroken row\n", encoding="utf-8")
    (tmp_path / "ast_Latn").mkdir()
    (tmp_path / "ast_Latn" / "batch0.tsv").write_text(head + "\t\t1\tPoques fileres.\tidy\n", encoding="utf-8")
    got, counts = hplt.read_rows(tmp_path)
    assert len(got) == 60 and {r["code"] for r in got} == {"gd"}  # ast: 1 labelled row, under 50
    assert counts["gla_Latn", "rows"] == 62 and counts["gla_Latn", "malformed"] == 1 and counts["ast_Latn", "labelled"] == 1
    assert sum(r["porn"] for r in got) == 6 and sum(r["unnatural"] for r in got) == 9 and counts["gla_Latn", "lang_wrong"] == 12
    assert got[0]["text"] == "Tha e fliuch an-diugh.\nAgus fuar."
    parts = {r["id"]: r["part"] for r in got}
    assert set(parts.values()) == {"tune", "check"} and parts == {i: hplt.part_of(i) for i in parts}
    assert hplt.our_code("rus_Cyrl") == "ru" and hplt.our_code("pes_Arab") == "fa" and hplt.our_code("nob_Latn") == "nb"
