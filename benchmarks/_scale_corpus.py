"""A seeded web-like corpus for ``benchmarks/scale.py``: realistic lengths, duplicate kinds and a
multilingual share, written as parquet files (id, text, url) like an extracted crawl.

- **Lengths**: words per document log-normal (median 120 content words, so ~360 words; sigma 0.9; cut to 15-4,000), about the
  spread of extracted web pages (FineWeb's median is a few hundred words, with a long tail).
- **Languages**: 92% English, 8% others (de 2, fr 1.5, es 1.5, ru 1, it 0.7, pt 0.6, nl 0.4,
  pl 0.3 %), Phi-4's multilingual share. A text is sentences of two of that language's common
  function words before each content word from a Zipf-distributed synthetic vocabulary
  (``_dedup_corpus``), so that lid.176 is sure of the language and unrelated documents share
  almost no word 5-gram. Lengths count content words (a text has three times as many words).
- **Duplicates** (shares of all documents): 4% exact copies of another document (case and
  whitespace changed: the exact key folds them), 3% the same page under a tracking-parameter URL
  (``?utm_source=...``, a re-crawl: a few words changed), 8% near-copies (word edits at a rate in
  [0.002, 0.016]: word-5-gram Jaccard ~0.8-0.95). Web crawls have more (FineWeb removes far more
  by MinHash), but these rates exercise every dedup kind at scale.

Documents are shuffled, so copies sit in other files than their originals. Files are
``docs/web-NNN.parquet`` or, one in seven, ``docs/forum-NNN.parquet`` (two sources, for a mix with
two groups besides multilingual). Same (docs, seed, files): same bytes.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from _dedup_corpus import _draw, _edit, _render, _zipf_cdf, vocabulary

VERSION = 3
LANGS = {"en": 92.0, "de": 2.0, "fr": 1.5, "es": 1.5, "ru": 1.0, "it": 0.7, "pt": 0.6, "nl": 0.4, "pl": 0.3}
FUNCTION_WORDS = {
    "en": "the of and to in is that it was for on are with as his they be at one have this from by not but what all were when we there can an your which their said if do will each about how up out them then she many some so these would other into has more her two like him see time could no make than first been its who now people my made over did down only way find use may water long little very after words called just where most know",
    "de": "der die und in den von zu das mit sich des auf für ist im dem nicht ein eine als auch es an werden aus er hat dass sie nach wird bei einer um am sind noch wie einem über einen so zum war haben nur oder aber vor zur bis mehr durch man sein wurde sei",
    "fr": "de la le et les des en un du une que est pour qui dans par plus pas au sur ne se il sont ce avec elle mais nous vous ou ils leur aux été cette son comme même tout fait aussi bien peut ses deux être sans dont encore très",
    "es": "de la que el en y a los se del las un por con no una su para es al lo como más pero sus le ya o este sí porque esta entre cuando muy sin sobre también me hasta hay donde quien desde todo nos durante todos uno les ni contra otros",
    "ru": "и в не на я что он с как а то все она так его но да ты к у же вы за бы по только ее мне было вот от меня еще нет о из ему теперь когда даже ну вдруг ли если уже или ни быть был него до вас нибудь опять уж вам",
    "it": "di e il la che in a per un è del non una le si con i da sono al come anche più della ma lo nel alla dei ha questo se gli o delle nella essere suo tra ci molto cui loro quando questa solo ancora",
    "pt": "de a o que e do da em um para é com não uma os no se na por mais as dos como mas foi ao ele das tem à seu sua ou ser quando muito há nos já está eu também só pelo pela até isso ela entre era depois sem mesmo",
    "nl": "de en van ik te dat die in een hij het niet zijn is was op aan met als voor had er maar om hem dan zou of wat mijn men dit zo door over ze zich bij ook tot je mij uit der daar haar naar heb hoe heeft hebben deze",
    "pl": "i w nie na się z do to że a o jak ale po co jest tak za od go już jego jej czy przez tylko może jeszcze ich który także bardzo gdy są ten dla tym być pod lub był była tej przy",
}
SHARES = {"exact": 0.04, "url": 0.03, "near": 0.08}
EDIT_RATE = (0.002, 0.016)


def _with_function_words(rng: np.random.Generator, fw_ids: np.ndarray, words: np.ndarray) -> np.ndarray:
    """Two function word ids before each content word id (fewer and lid.176 is unsure of half the
    English texts), fixed once per base document so that its copies keep them."""
    fw = fw_ids[rng.integers(0, len(fw_ids), size=(len(words), 2))]
    return np.concatenate([fw, words[:, None]], axis=1).reshape(-1).astype(np.int32)


def _plan(rng: np.random.Generator, n_docs: int) -> list[tuple[str, int]]:
    """(kind, base index) per document; kind 'base' documents are the originals."""
    kinds = rng.choice(["exact", "url", "near", "base"], size=n_docs,
                       p=[SHARES["exact"], SHARES["url"], SHARES["near"], 1 - sum(SHARES.values())])
    plan, bases = [], []
    for i, k in enumerate(kinds):
        if k == "base" or not bases:
            bases.append(i)
            plan.append(("base", i))
        else:
            plan.append((str(k), bases[int(rng.integers(0, len(bases)))]))
    return plan


def generate(n_docs: int, out_dir: str | Path, seed: int = 7, files: int = 32) -> dict:
    """Write ``files`` parquet files to ``out_dir/docs``; reused when ``corpus.json`` matches."""
    out = Path(out_dir)
    key = {"version": VERSION, "docs": n_docs, "seed": seed, "files": files}
    meta_path = out / "corpus.json"
    if meta_path.exists() and json.loads(meta_path.read_text())["key"] == key:
        return json.loads(meta_path.read_text())["info"]
    rng = np.random.Generator(np.random.PCG64(seed))
    content = vocabulary(rng)
    cdf = _zipf_cdf(len(content))
    fws = {k: v.split() for k, v in FUNCTION_WORDS.items()}
    vocab = np.concatenate([content, np.array([w for k in fws for w in fws[k]], dtype=object)])
    fw_ids, at = {}, len(content)
    for k in fws:
        fw_ids[k] = np.arange(at, at + len(fws[k]), dtype=np.int32)
        at += len(fws[k])
    langs = list(LANGS)
    lang_p = np.array(list(LANGS.values())) / sum(LANGS.values())
    texts, urls, languages, words_of = [], [], [], {}
    counts = {"base": 0, "exact": 0, "url": 0, "near": 0}
    for i, (kind, b) in enumerate(_plan(rng, n_docs)):
        counts[kind] += 1
        if kind == "base":
            n = int(np.clip(rng.lognormal(np.log(120), 0.9), 15, 4_000))
            lang = langs[int(rng.choice(len(langs), p=lang_p))]
            words_of[i] = (_with_function_words(rng, fw_ids[lang], _draw(rng, cdf, n)), lang)
            texts.append(_render(rng, vocab, words_of[i][0]))
            urls.append(f"https://site{int(rng.integers(0, 20_000))}.example/{lang}/p{i}")
            languages.append(lang)
            continue
        words, lang = words_of[b]
        languages.append(lang)
        if kind == "exact":
            texts.append("  " + texts[b].upper().replace(". ", ".  "))
            urls.append(f"https://mirror{int(rng.integers(0, 500))}.example/copy/{i}")
        elif kind == "url":
            texts.append(_render(rng, vocab, _edit(rng, cdf, words, 0.05)))
            urls.append(urls[b].replace("https://", "http://www.") + f"?utm_source=feed{i % 7}&utm_medium=rss")
        else:
            texts.append(_render(rng, vocab, _edit(rng, cdf, words, float(rng.uniform(*EDIT_RATE)))))
            urls.append(f"https://site{int(rng.integers(0, 20_000))}.example/{lang}/n{i}")
    order = rng.permutation(n_docs)
    docs = out / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    for old in docs.glob("*.parquet"):
        old.unlink()
    bounds = np.linspace(0, n_docs, files + 1).astype(int)
    for f in range(files):
        idx = order[bounds[f]:bounds[f + 1]]
        table = pa.table({"id": [f"doc-{i:08d}" for i in idx], "text": [texts[i] for i in idx],
                          "url": [urls[i] for i in idx]})
        source = "forum" if f % 7 == 3 else "web"
        pq.write_table(table, docs / f"{source}-{f:03d}.parquet", compression="zstd", row_group_size=2_000)
    info = {"dir": str(docs), "docs": n_docs, "files": files, "kinds": counts,
            "languages": {lang: languages.count(lang) for lang in langs},
            "text_bytes": sum(len(t.encode("utf-8")) for t in texts)}
    meta_path.write_text(json.dumps({"key": key, "info": info}, indent=1))
    return info
