"""arXiv readers on real files (../shared/data), on archives each test builds itself, and on our samples."""

from __future__ import annotations

import gzip
import io
import json
import random
import re
import tarfile
import zlib
from collections import Counter

import pytest

from curation.readers import READERS, detect_format
from curation.readers.arxiv import ArxivMetadataReader
from curation.readers.latex import LatexReader, arxiv_id
from tests.conftest import SAMPLE, load_script

ARXIV = "academic/arxiv"
MATH = re.compile(r"\$\$.*?\$\$|\$[^$\n]*\$", re.S)


def counts(step) -> dict[str, int]:
    return {k: v.total for k, v in step.stats.stats.items()}


def read(step) -> tuple[list, dict[str, int]]:
    return list(step.run()), counts(step)


def outside_math(text: str) -> str:
    return MATH.sub(" ", text)


def assert_plain(text: str, comments: bool = True) -> None:
    """No LaTeX left: no commands outside math, no environments at all, no comments (when the source
    had them: in an arXiv abstract "%" is always a literal percent sign)."""
    rest = outside_math(text)
    assert not re.findall(r"\\[a-zA-Z]+", rest), re.findall(r".{30}\\[a-zA-Z]+.{10}", rest)[:5]
    assert "\\begin" not in text and "\\end{" not in text
    assert "$" not in rest  # every dollar opened a math span that was closed
    for m in re.finditer("%", rest if comments else ""):  # a percent sign is a percentage, never a comment marker
        assert rest[m.start() - 1].isdigit(), rest[m.start() - 40:m.start() + 20]


# --- metadata: real sample ------------------------------------------------------------------------

def test_metadata_shared_sample(shared_data):
    path = shared_data / ARXIV / "arxiv-metadata-sample.jsonl"
    records = [json.loads(line) for line in path.read_text().splitlines()]
    docs, c = read(ArxivMetadataReader(str(path), rel_path=f"{ARXIV}/arxiv-metadata-sample.jsonl"))
    assert len(records) == 200 and c["documents"] == 200 and not any(k.startswith("skipped_") for k in c)
    assert len({d.id for d in docs}) == 200
    for rec, d in zip(records, docs):
        assert d.id == f"arxiv:{rec['id']}" and d.metadata["url"] == f"https://arxiv.org/abs/{rec['id']}"
        assert d.metadata["source"] == "arxiv" and d.metadata["license"]
        assert d.metadata["license_assumed"] == (rec["license"] is None)
        assert d.metadata["categories"] == rec["categories"].split()
        assert d.metadata["versions"] == len(rec["versions"]) and d.metadata["update_date"] == rec["update_date"]
        title, abstract = d.text.split("\n\n", 1)
        assert title == d.metadata["title"] and "\n" not in title
        assert len(abstract.split()) >= 0.8 * len(rec["abstract"].split()) > 0  # no prose lost on the way
        assert_plain(d.text, comments=False)
    by_id = {d.id: d for d in docs}
    assert by_id["arxiv:0704.0001"].metadata["authors"][0] == "C. Balázs"  # from authors_parsed
    assert "$(k,\\ell)$-pebble game" in by_id["arxiv:0704.0002"].text  # inline math kept as LaTeX
    display = by_id["arxiv:0704.0079"].text  # \[ ... \] in the abstract: display math on its own line
    assert "\n$$L_{e_i}L_{f_j} = \\sum_{k,l} u_{i,j,k,l} L_{f_l}L_{e_k}$$\n" in display
    assert by_id["arxiv:0704.0002"].metadata["license"] == "http://arxiv.org/licenses/nonexclusive-distrib/1.0/"


def test_metadata_category_filter(shared_data):
    path = shared_data / ARXIV / "arxiv-metadata-sample.jsonl"
    docs, c = read(ArxivMetadataReader(str(path), categories=["math.", "cs."]))
    assert docs and all(any(x.startswith(("math.", "cs.")) for x in d.metadata["categories"]) for d in docs)
    assert c["documents"] + c["not_in_categories"] == 200


# --- LaTeX e-prints: real archives ----------------------------------------------------------------

def test_multi_file_eprint_with_input(shared_data):
    rel = f"{ARXIV}/latex/2004.14974.gz"
    docs, c = read(LatexReader(str(shared_data / rel), rel_path=rel))
    assert len(docs) == 1 and c["documents"] == 1 and not any(k.startswith("skipped_") for k in c)
    assert c["junk_members"] == 87  # macOS ._* forks and .DS_Store, left out without a skip
    d = docs[0]
    meta = d.metadata
    assert d.id == "arxiv:2004.14974" and meta["url"] == "https://arxiv.org/abs/2004.14974" and meta["file"] == rel
    assert meta["main_file"] == "emnlp2020.tex" and meta["title"] == "Fact or Fiction: Verifying Scientific Claims"
    assert meta["missing_inputs"] == [] and meta["unbalanced_braces"] == 0 and meta["license"]
    assert "01-introduction.tex" in meta["included_files"] and "figures/teaser.tex" in meta["included_files"]
    assert not any(n.startswith("_old") or n == "scratchpad.tex" for n in meta["included_files"])
    text = d.text
    assert text.startswith("Fact or Fiction: Verifying Scientific Claims\n\nAbstract\n\n")
    for heading in ("1 Introduction", "2 Background and task definition", "3 The SciFact dataset",
                    "3.1 Data source and corpus construction", "8 Conclusion", "A Model implementation details"):
        assert f"\n{heading}\n" in text, heading
    # \input content, macros expanded (\ours -> SciFact), figure captions numbered like LaTeX does
    assert "Due to rapid growth in the scientific literature" in text  # 01-introduction.tex
    assert "Figure 1: A SciFact claim refuted by evidence." in text  # figures/teaser.tex
    assert "scientific claim verification (Figure 1)" in text  # \ref resolved to the same number
    assert "(Thorne et al., 2018; Hanselowski et al., 2019)" in text  # natbib \cite from the .bbl label
    assert "\\ours" not in text and "??" not in text
    assert_plain(text)
    # what must NOT be there: comments, leftovers, the scratchpad, the bibliography
    assert "Uncomment URL for camera-ready" not in text and "In this paper, we introduce \\ours, a" not in text
    assert "feels like appendix content" not in text  # scratchpad.tex is never \input
    assert "Integrating stance detection and fact checking in a unified corpus" not in text  # .bbl entry


def test_single_file_eprint_with_macros_after_begin_document(shared_data):
    rel = f"{ARXIV}/latex/1801.03879-1.tar.gz"
    docs, c = read(LatexReader(str(shared_data / rel), rel_path=rel))
    assert len(docs) == 1 and not any(k.startswith("skipped_") for k in c) and c["junk_members"] == 6
    d = docs[0]
    assert d.id == "arxiv:1801.03879" and d.metadata["main_file"] == "defective-fpt.tex"
    assert d.metadata["title"] == "Parameterized (Approximate) Defective Coloring"
    text = d.text
    for heading in ("1 Introduction", "2 Definitions and Preliminaries", "3.1 Basic Gadgets", "7 Conclusions"):
        assert f"\n{heading}\n" in text, heading
    assert "In Defective Coloring we are given a graph $G=(V,E)$" in text  # \DC defined after \begin{document}
    assert "introduced more than thirty years ago [2, 16]" in text  # numeric citations from the .bbl
    assert "\nLemma 1. For any graph $G$" in text and "\nProof of Corollary" in text
    assert "Typesetting instructions" not in text  # a commented-out block
    assert "On minimal triangle-free graphs" not in text  # bibliography entry
    assert_plain(text)


# --- LaTeX e-prints: bad input built here ---------------------------------------------------------

MAIN = (r"\documentclass{article}\title{Safe Paper}\begin{document}\section{Intro}"
        r"This paper body survives every refused member around it, with enough words to count. \end{document}")


def tar_gz(path, members, gz=True) -> str:
    """Write a tar(.gz) of ``members``: (name, bytes) regular files or prepared TarInfo objects."""
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.GNU_FORMAT) as tar:
        for m in members:
            if isinstance(m, tarfile.TarInfo):
                tar.addfile(m)
            else:
                info = tarfile.TarInfo(m[0])
                info.size = len(m[1])
                tar.addfile(info, io.BytesIO(m[1]))
    data = gzip.compress(buf.getvalue(), mtime=0) if gz else buf.getvalue()
    path.write_bytes(data)
    return str(path)


def special(name: str, kind: bytes, link: str = "") -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.type, info.linkname = kind, link
    return info


def test_refused_members_are_counted_and_the_rest_read(tmp_path):
    evil = b"\\section{Evil}Escaped text."
    path = tar_gz(tmp_path / "2601.99999.tar.gz", [
        ("../evil.tex", evil), ("/abs/evil.tex", evil), ("a/../../up.tex", evil),
        special("link.tex", tarfile.SYMTYPE, "/etc/passwd"), special("hard.tex", tarfile.LNKTYPE, "main.tex"),
        special("dev", tarfile.CHRTYPE), special("fifo", tarfile.FIFOTYPE),
        ("big.tex", b"x" * 5000), ("main.tex", MAIN.encode())])
    reader = LatexReader(path, max_member_bytes=4000)
    docs, c = read(reader)
    assert c["skipped_path_traversal"] == 2 and c["skipped_absolute_path"] == 1
    assert c["skipped_symlink"] == 1 and c["skipped_hardlink"] == 1 and c["skipped_special_member"] == 2
    assert c["skipped_member_too_large"] == 1 and c["documents"] == 1
    wheres = {(b["where"], b["reason"]) for b in reader.bad_records}
    assert ("2601.99999.tar.gz#../evil.tex", "path_traversal") in wheres
    assert ("2601.99999.tar.gz#big.tex", "member_too_large") in wheres
    d = docs[0]
    assert "Escaped" not in d.text and "This paper body survives" in d.text and d.metadata["skipped_members"] == 8
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2601.99999.tar.gz"]  # nothing extracted to disk
    assert not (tmp_path.parent / "evil.tex").exists()


def test_caps_stop_a_decompression_bomb(tmp_path):
    members = [("main.tex", MAIN.encode())] + [(f"pad{i:03d}.tex", b"0" * 10_000) for i in range(50)]
    path = tar_gz(tmp_path / "2601.99998.tar.gz", members)
    docs, c = read(LatexReader(path, max_total_bytes=100_000))
    assert c["skipped_archive_too_large"] == 1 and c["documents"] == 1  # main.tex came first: kept
    docs, c = read(LatexReader(path, max_members=10))
    assert c["skipped_too_many_members"] == 1 and c["documents"] == 1


def test_truncated_archives_keep_what_was_read(tmp_path):
    filler = random.Random(7).randbytes(200_000)  # incompressible, so the cut falls inside it
    whole = tmp_path / "whole.tar.gz"
    tar_gz(whole, [("main.tex", MAIN.encode()), ("data.bin", filler)])
    cut = tmp_path / "2601.99997.tar.gz"
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    reader = LatexReader(str(cut))
    docs, c = read(reader)
    assert c["skipped_truncated"] == 1 and c["documents"] == 1 and docs[0].metadata["truncated"] is True
    assert reader.bad_records[0]["where"] == "2601.99997.tar.gz"
    # a single gzip'd .tex cut in half: the first half is still a document
    body = " ".join(f"Sentence number {i} of a long paper that keeps going." for i in range(400))
    tex = f"\\documentclass{{article}}\\begin{{document}}\\section{{Start}}{body}\\end{{document}}".encode()
    half = gzip.compress(tex, mtime=0)
    single = tmp_path / "2601.99996.gz"
    single.write_bytes(half[: len(half) // 2])
    docs, c = read(LatexReader(str(single)))
    assert c["skipped_truncated"] == 1 and c["documents"] == 1
    assert "1 Start" in docs[0].text and "Sentence number 10 " in docs[0].text and "number 399" not in docs[0].text
    # a plain (uncompressed) tar cut short
    plain = tmp_path / "plain.tar"
    tar_gz(plain, [("main.tex", MAIN.encode()), ("data.bin", filler)], gz=False)
    cut_plain = tmp_path / "2601.99995.tar"
    cut_plain.write_bytes(plain.read_bytes()[:100_000])
    docs, c = read(LatexReader(str(cut_plain)))
    assert c["skipped_truncated"] == 1 and c["documents"] == 1


@pytest.mark.parametrize("fmt", [tarfile.USTAR_FORMAT, tarfile.GNU_FORMAT, tarfile.PAX_FORMAT])
def test_every_tar_format_reads_as_tarfile_reads_it(fmt):
    """safe_tar parses common headers itself and reads member bytes straight from the stream: the
    result must be tarfile's, for long names (ustar prefix, GNU longname, pax path), base-256
    numbers (GNU, left to tarfile), a bad checksum, and a member cut short, plain or gzip'd (every
    byte before the cut kept)."""
    from curation.academic.safe_tar import Limits, read_eprint

    rng = random.Random(fmt)
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=fmt) as tar:
        for i, name in enumerate(["a.tex", "d/" * 40 + "deep.tex", "x" * 99 + ".tex", "ü/née.tex", "sec/b.tex"]):
            if fmt == tarfile.USTAR_FORMAT and len(name.rsplit("/", 1)[-1]) > 100:
                continue
            data = rng.randbytes(rng.choice([0, 1, 511, 512, 513, 70_000]))
            info = tarfile.TarInfo(name)
            info.size, info.uid = len(data), 8 ** 8 + i if fmt == tarfile.GNU_FORMAT else i
            tar.addfile(info, io.BytesIO(data))
    data = raw.getvalue()
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        expected = {m.name: tar.extractfile(m).read() for m in tar if m.isreg()}
    ep = read_eprint(io.BytesIO(gzip.compress(data)), "x.tex", Limits(), keep=lambda name: True)
    assert ep.error is None and ep.members == expected and ep.names == list(expected)
    bad = bytearray(data)
    bad[len(data) // 2 // 512 * 512 + 7] ^= 0x40  # some header or data byte: tarfile decides which
    try:
        with tarfile.open(fileobj=io.BytesIO(bytes(bad))) as tar:
            expected_bad = [m.name for m in tar if m.isreg()]
    except tarfile.ReadError:
        expected_bad = []
    assert read_eprint(io.BytesIO(bytes(bad)), "x.tex", Limits(), keep=lambda name: True).names == expected_bad
    last = max(expected, key=lambda name: data.find(expected[name][:64] or b"\xff" * 600))
    cut = data.find(expected[last]) + len(expected[last]) // 2
    ep = read_eprint(io.BytesIO(data[:cut]), "x.tex", Limits(), keep=lambda name: True)
    assert ep.error[0] == "truncated" and expected[last].startswith(ep.members[last]) and len(ep.members[last]) > 0
    # the same member cut inside a gzip stream: every byte zlib can decompress before the cut is kept
    gz, start = gzip.compress(data), data.find(expected[last])
    lo, hi = 0, len(gz)  # the shortest prefix that decompresses past the middle of the member
    while lo < hi:
        mid = (lo + hi) // 2
        lo, hi = (lo, mid) if len(zlib.decompressobj(31).decompress(gz[:mid])) > cut else (mid + 1, hi)
    cut = lo
    ep = read_eprint(io.BytesIO(gz[:cut]), "x.tex", Limits(), keep=lambda name: True)
    assert ep.error[0] == "truncated" and ep.members[last] == zlib.decompressobj(31).decompress(gz[:cut])[start:]


def test_unbalanced_braces_still_give_text(tmp_path):
    tex = (r"\documentclass{article}\begin{document}\section{Broken}"
           "A first paragraph with a stray } brace, also kept.\n\n"
           r"The \textbf{bold part never closes. Yet this sentence and the next one stay in the text."
           r"\end{document}")
    path = tmp_path / "2601.99994.gz"
    path.write_bytes(gzip.compress(tex.encode(), mtime=0))
    docs, c = read(LatexReader(str(path)))
    assert c["unbalanced_braces"] == 1 and c["documents"] == 1
    assert "Yet this sentence and the next one stay in the text." in docs[0].text
    assert "A first paragraph with a stray brace" in docs[0].text and docs[0].metadata["unbalanced_braces"] == 2


def test_main_file_choice_inputs_and_unusable_eprints(tmp_path):
    main = (r"\documentclass{article}\begin{document}\input{sec/a}\input{nowhere}\include{b}"
            r"Main text closes the paper with a few more words.\end{document}")
    path = tar_gz(tmp_path / "2601.99993.tar.gz", [
        ("._main.tex", b"\x00\x05\x16\x07junk"), ("_old-main.tex", MAIN.replace("survives", "OLD").encode()),
        ("main.tex", main.encode()), ("sec/a.tex", b"Section A text \\input{b}."),
        ("b.tex", b"B text that loops back \\input{sec/a} once.")])
    docs, c = read(LatexReader(path))
    d = docs[0]
    assert d.metadata["main_file"] == "main.tex" and "OLD" not in d.text
    assert "Section A text B text that loops back" in d.text and "Main text closes" in d.text
    assert c["missing_input"] == 1 and c["input_cycle"] == 2 and d.metadata["missing_inputs"] == ["nowhere"]
    # only a leftover qualifies: it is used
    only_old = tar_gz(tmp_path / "2601.99992.tar.gz", [("_old-main.tex", MAIN.encode()), ("notes.tex", b"x")])
    assert list(LatexReader(only_old).run())[0].metadata["main_file"] == "_old-main.tex"
    # no LaTeX at all, a gzip'd PDF, and too little text: skipped with a reason
    nothing = tar_gz(tmp_path / "2601.99991.tar.gz", [("fig.pdf", b"%PDF-1.4")])
    pdf = tmp_path / "2601.99990.gz"
    pdf.write_bytes(gzip.compress(b"%PDF-1.5\n%binary", mtime=0))
    empty = tmp_path / "2601.99989.gz"
    empty.write_bytes(gzip.compress(rb"\documentclass{article}\begin{document}\end{document}", mtime=0))
    for p, reason in ((nothing, "no_main_file"), (str(pdf), "not_latex"), (str(empty), "no_text")):
        docs, c = read(LatexReader(p))
        assert not docs and c[f"skipped_{reason}"] == 1, (p, c)
    docs, c = read(LatexReader(str(tmp_path / "2601.00000.gz")))  # missing file
    assert not docs and c["skipped_unreadable"] == 1


def test_bad_metadata_records_are_counted_by_line(tmp_path):
    good = {"id": "2601.00001", "title": "A title", "abstract": "  An abstract with enough words in it.\n",
            "categories": "cs.CL", "license": None, "versions": [{"version": "v1"}]}
    lines = [json.dumps(good), "{not json", "[1, 2]", json.dumps({**good, "id": None}),
             json.dumps({**good, "title": ""}), json.dumps({**good, "abstract": 42}),
             json.dumps({**good, "categories": ["cs.CL"]}), json.dumps({**good, "id": "not an id"}), "",
             json.dumps({**good, "id": "hep-th/9901001v2", "categories": "hep-th"})]
    path = tmp_path / "meta.jsonl.gz"
    path.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode(), mtime=0))
    reader = ArxivMetadataReader(str(path), default_license="LICENCE-X")
    docs, c = read(reader)
    assert [d.id for d in docs] == ["arxiv:2601.00001", "arxiv:hep-th/9901001v2"]
    assert docs[0].metadata["license"] == "LICENCE-X" and docs[0].metadata["license_assumed"] is True
    assert c["skipped_bad_json"] == 2 and c["skipped_missing_id"] == 1 and c["skipped_missing_title"] == 1
    assert c["skipped_bad_field_type"] == 2 and c["skipped_bad_id"] == 1 and c["blank_lines"] == 1
    assert [b["where"] for b in reader.bad_records] == [f"meta.jsonl.gz:{n}" for n in (2, 3, 4, 5, 6, 7, 8)]
    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(path.read_bytes()[:-30])
    docs, c = read(ArxivMetadataReader(str(cut)))
    assert c["skipped_truncated"] == 1 and docs[0].id == "arxiv:2601.00001"


def test_options_are_validated_with_their_name(tmp_path):
    with pytest.raises(ValueError, match="max_member_bytes"):
        LatexReader("x.gz", max_member_bytes=0)
    with pytest.raises(ValueError, match="license"):
        LatexReader("x.gz", license="")
    with pytest.raises(ValueError, match="categories"):
        ArxivMetadataReader("x.jsonl", categories="cs")
    with pytest.raises(TypeError):
        LatexReader("x.gz", no_such_option=1)


def test_registry_and_ids():
    assert READERS["arxiv"] is ArxivMetadataReader and READERS["latex"] is LatexReader
    assert detect_format("x/2004.14974.gz") == "latex" and detect_format("1801.03879-1.tar.gz") == "latex"
    assert arxiv_id("1801.03879-1.tar.gz") == "1801.03879" and arxiv_id("hep-th9901001v2.gz") == "hep-th/9901001v2"
    assert arxiv_id("paper.tar.gz") is None


# --- our own samples ------------------------------------------------------------------------------

def _generator():
    return load_script(SAMPLE / "academic/make_arxiv_samples.py")


def test_sample_files_equal_a_fresh_generation(tmp_path):
    gen = _generator()
    written = gen.generate(tmp_path)
    for rel in written:
        assert (tmp_path / rel).read_bytes() == (SAMPLE / "academic" / rel).read_bytes(), \
            f"{rel} is stale: run python sample_data/academic/make_arxiv_samples.py"
        if rel.endswith(".gz"):
            assert (tmp_path / rel).read_bytes()[4:8] == b"\0\0\0\0"  # gzip mtime 0


def test_sample_skew_follows_the_real_records(shared_data):
    """The sample's extra abstracts per archive are the real 200 records' first-archive shares scaled to 40
    and rounded, as sample_data/README.md says (a wrong COUNTS would pass the generator's own check)."""
    real = Counter()
    for line in (shared_data / ARXIV / "arxiv-metadata-sample.jsonl").read_text(encoding="utf-8").splitlines():
        real[json.loads(line)["categories"].split()[0].split(".")[0]] += 1
    scaled = {a: round(40 * n / sum(real.values())) for a, n in real.items()}
    assert {a: n for a, n in scaled.items() if n} == _generator().COUNTS


def test_readers_on_our_samples():
    from datatrove.pipeline.filters import (C4QualityFilter, FineWebQualityFilter, GopherQualityFilter,
                                            GopherRepetitionFilter)
    base = SAMPLE / "academic/arxiv"
    gen = _generator()
    reader = ArxivMetadataReader(str(base / "metadata.jsonl"))
    meta, c = read(reader)
    assert c["documents"] == 49 and {b["where"].split(":")[1]: b["reason"] for b in reader.bad_records} == \
        {str(k): v for k, v in gen.BAD_LINES.items()}
    # the 41 records after the first 8 follow real arXiv's archive skew (math and cond-mat lead)
    archives = Counter(d.metadata["categories"][0].split(".")[0] for d in meta[8:])
    assert archives == gen.COUNTS and archives.most_common(2) == [("math", 9), ("cond-mat", 8)]
    assert meta[0].metadata["authors"] == ["Ana Luísa Ferreira", "Tomáš Novák"]
    latex = {}
    for p in sorted((base / "latex").iterdir()):
        docs, c = read(LatexReader(str(p)))
        assert len(docs) == 1, c
        latex[docs[0].id] = (docs[0], c)
        assert_plain(docs[0].text)
    assert sorted(latex) == ["arxiv:2601.00001", "arxiv:2601.00002", "arxiv:2601.00003"]
    d1, _ = latex["arxiv:2601.00001"]
    assert "\n$$\\Pr(y_i = 1) = \\frac{p_{\\max}}" in d1.text and "Equation (1)" in d1.text
    assert "$N_{\\mathrm{obs}}$ checklists" in d1.text and "Sparks" not in d1.text
    d2, c2 = latex["arxiv:2601.00002"]
    assert d2.metadata["main_file"] == "main.tex" and c2["missing_input"] == 1 and c2["junk_members"] == 1
    assert "abandoned early draft" not in d2.text and "We present TileMerge, a merge" in d2.text
    assert "Theorem 2 (Total cost)." in d2.text and "\n$$\\mathrm{cost}(n) \\le" in d2.text
    assert "$\\langle i, x\\rangle$ and $\\langle j, y\\rangle$" in d2.text and "Table 1: Merge time" in d2.text
    d3, _ = latex["arxiv:2601.00003"]
    assert "\n1. after wet months" in d3.text and "\nSandy sites: lose water" in d3.text
    assert "\n    r = [corr(anomaly[:-lag]" in d3.text  # verbatim kept literally, indentation and all
    # prose that survives the quality filters (C4's curly-bracket rule rejects any LaTeX math by design)
    filters = [GopherQualityFilter(), GopherRepetitionFilter(), FineWebQualityFilter(),
               C4QualityFilter(filter_no_terminal_punct=False, filter_curly_bracket=False)]
    for doc in [*meta, *(d for d, _ in latex.values())]:
        for f in filters:
            assert f.filter(doc) is True, (doc.id, type(f).__name__, f.filter(doc))
