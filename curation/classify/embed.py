"""Document features from static word embeddings that ship inside a wheel (wordllama's l2_supercat).

Why: fastText bigrams learned from a few thousand documents cannot carry meaning; wordllama's token
embeddings (256-d, distilled from large LLMs' input embeddings, MIT, 16 MB inside the ``wordllama``
wheel) give a small linear head real semantics, FineWeb-Edu style, at bag-of-words cost.

``features(texts, spec)`` -> float64 array (n, 258): the L2-normalised mean token embedding of the
first ``embed_chars`` characters of the ``prepare``d text, ``log1p(chars) / log1p(max_chars)`` of the
prepared text (DCLM and FineWeb found page length a strong quality cue), and a constant 1 (the bias).
Optionally (``buckets``) a bag of the same tokens hashed into ``buckets`` (token id mod buckets): the
mean embedding blurs words a linear head could weigh one by one; the bag gives it that, for one
``np.unique`` per document.

Tokenization: text is split into words and single punctuation marks; each piece is tokenized alone
with wordllama's own tokenizer (Llama-2's 32k SentencePiece vocabulary) and cached per process. The
pieces are a pure function of the text, so a document gets the same features whatever its batch,
worker or cache state; the per-document sum runs in a fixed order (float32 rows, summed in order).
Nothing is downloaded: the weights are the wheel's own file, loaded with ``disable_download``.

Speed (the scorer runs on every document): the hot path never runs the piece regex or a Python loop
per token. The text is lower-cased and split on whitespace once (``prepare``'s own words, so the
prepared text is never joined), and each whitespace word is looked up in a second cache that holds
the word's token ids (the ids of its regex pieces, in order) as packed uint16 (``array('H')``); a document's ids
are one ``b"".join``; a piece new to the cache goes straight to the BPE model (``_piece_encoder``).
The ids, hence the features, are exactly those of the piece path (tested).
"""

from __future__ import annotations

import os
import re
import threading
from array import array
from functools import lru_cache
from itertools import chain
from typing import Any, Callable, Sequence

import numpy as np

from curation.classify.text import LABEL_PREFIX, prepare

#: The embedding this project's linear heads are trained on (a model file names it; see ``check``).
EMBEDDING = "wordllama/l2_supercat/256"
DIM = 256
N_FEATURES = DIM + 2  # embedding, log length, bias
_PIECES = re.compile(r"\w+|[^\w\s]")
_CACHE_MAX = 200_000  # pieces, and words, remembered per process (~160 B an entry: ~65 MB when both are full;
#                       beyond it a new word is split and looked up every time)
_lock = threading.Lock()

INSTALL_FIX = 'pip install "wordllama>=0.4"'


class Embedder:
    """wordllama's token embedding table and tokenizer, with a per-process piece cache."""

    def __init__(self) -> None:
        try:
            import wordllama
            from tokenizers import Tokenizer
            from wordllama import WordLlama
        except ImportError as e:
            raise RuntimeError(f"wordllama is not installed: {INSTALL_FIX}") from e
        folder = os.path.dirname(wordllama.__file__)
        wl = WordLlama.load(config="l2_supercat", dim=DIM, cache_dir=folder, disable_download=True)
        self.version = getattr(wordllama, "__version__", "")
        self.table = np.ascontiguousarray(wl.embedding, dtype=np.float32)
        if self.table.shape[1] != DIM:
            raise RuntimeError(f"wordllama l2_supercat has dimension {self.table.shape[1]}, expected {DIM}")
        tok = Tokenizer.from_str(wl.tokenizer.to_str())
        tok.no_padding()
        tok.no_truncation()
        self._tok = tok
        self._encode = _piece_encoder(tok)
        if self.table.shape[0] > 65536 or array("H").itemsize != 2:
            raise RuntimeError(f"wordllama l2_supercat has {self.table.shape[0]} tokens: ids do not fit uint16")
        self._cache: dict[str, list[int]] = {}
        self._words: dict[str, bytes] = {}  # whitespace word -> its ids as uint16 bytes

    def _ids(self, piece: str) -> list[int]:
        try:
            ids = self._encode(piece)
        except (TypeError, UnicodeError):  # a lone surrogate cannot cross into Rust: replace it, as fastText's path does
            ids = self._encode(piece.encode("utf-8", "replace").decode("utf-8"))
        if len(self._cache) < _CACHE_MAX:
            self._cache[piece] = ids
        return ids

    def ids(self, text: str) -> np.ndarray:
        """The token ids of ``text`` (int64, in order), piece by piece."""
        get, miss = self._cache.get, self._ids
        seqs = [v if (v := get(piece)) is not None else miss(piece) for piece in _PIECES.findall(text)]
        return np.fromiter(chain.from_iterable(seqs), dtype=np.int64)

    def _word(self, word: str) -> bytes:
        """The ids of one whitespace word (its pieces' ids in order) as packed uint16, cached."""
        get, miss = self._cache.get, self._ids
        if word.isalnum():  # one piece: the word itself (\w is isalnum() or "_")
            seq = v if (v := get(word)) is not None else miss(word)
        else:
            seq = []
            for piece in _PIECES.findall(word):
                seq += v if (v := get(piece)) is not None else miss(piece)
        packed = array("H", seq).tobytes()
        if len(self._words) < _CACHE_MAX:
            self._words[word] = packed
        return packed

    def word_ids(self, words: Sequence[str]) -> np.ndarray:
        """The token ids (int64, in order) of the text ``" ".join(words)``: the same ids as ``ids``."""
        get = self._words.get
        seqs = list(map(get, words))
        if None in seqs:  # a word new to the cache: look again (it may repeat in this page), else split it
            word = self._word
            seqs = [v if v is not None else (x if (x := get(w)) is not None else word(w)) for v, w in zip(seqs, words)]
        return np.frombuffer(b"".join(seqs), dtype=np.uint16).astype(np.int64)

    def clear_cache(self) -> None:
        """Forget every cached piece and word (benchmarks measure a cold start with it)."""
        self._cache.clear()
        self._words.clear()

    def pooled(self, text: str, ids: np.ndarray | None = None) -> np.ndarray:
        """Sum of the token embeddings of ``text`` (float32, in token order)."""
        ids = self.ids(text) if ids is None else ids
        if not len(ids):
            return np.zeros(DIM, dtype=np.float32)
        return self.table.take(ids, axis=0).sum(axis=0)


#: The normalizer of wordllama's Llama-2 tokenizer: a piece (no whitespace) becomes "\u2581" + piece.
_LLAMA_NORMALIZER = {"type": "Sequence", "normalizers": [
    {"type": "Prepend", "prepend": "\u2581"}, {"type": "Replace", "pattern": {"String": " "}, "content": "\u2581"}]}


def _piece_encoder(tok) -> Callable[[str], list[int]]:
    """piece -> token ids. ``Tokenizer.encode`` builds a full Encoding (offsets, masks...) per call,
    ~3x the cost of the BPE model itself; when the tokenizer is the plain Llama-2 one (the normalizer
    above, no pre-tokenizer, no added token a piece could equal) the model is called directly on
    "\u2581" + piece, which is what ``encode`` does with it (tested); otherwise ``encode``."""
    import json

    cfg = json.loads(tok.to_str())
    plain = (cfg.get("normalizer") == _LLAMA_NORMALIZER and cfg.get("pre_tokenizer") is None
             and (cfg.get("model") or {}).get("type") == "BPE" and not (cfg.get("model") or {}).get("dropout")
             and all(_PIECES.fullmatch(a.get("content", "")) is None for a in cfg.get("added_tokens") or []))
    if plain:
        tokenize = tok.model.tokenize
        return lambda piece: [t.id for t in tokenize("\u2581" + piece)]
    return lambda piece: tok.encode(piece, add_special_tokens=False).ids


@lru_cache(maxsize=1)
def embedder() -> Embedder:
    """The process's one ``Embedder`` (loading takes ~0.3 s and 33 MB)."""
    with _lock:
        return Embedder()


def bag(ids: np.ndarray, buckets: int) -> tuple[np.ndarray, np.ndarray]:
    """A bag of tokens as (bucket, value): bucket = token id mod ``buckets``, value = log1p(count),
    the values L2-normalised (tf-idf's sublinear tf; the idf is left to the learned weight)."""
    if not len(ids):
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float64)
    u, c = np.unique(ids % buckets, return_counts=True)
    v = np.log1p(c.astype(np.float64))
    return u, v / float(np.sqrt(np.dot(v, v)))


def words_of(text: str, max_chars: int, embed_chars: int, prepared: bool = False) -> tuple[list[str], int]:
    """(the words of ``prepare(text)[:embed_chars]``, ``len(prepare(text))``) without joining the
    prepared text: its words are ``text[:max_chars].lower().split()`` (the last one cut where
    ``embed_chars`` ends, as slicing the joined text would)."""
    if not prepared:
        if max_chars and len(text) > max_chars:
            text = text[:max_chars]
        text = text.lower()
        if LABEL_PREFIX in text:  # prepare's defusing changes the words: take its text
            text = prepare(text, 0)
    words = text.split()
    if not words:
        return [], 0
    n = sum(map(len, words)) + len(words) - 1
    if n <= embed_chars:
        return words, n
    # every word takes at least 2 characters with its space: this many words reach past embed_chars
    return " ".join(words[:embed_chars // 2 + 1])[:embed_chars].split(), n


def features(texts: Sequence[str], max_chars: int, embed_chars: int, prepared: bool = False,
             buckets: int = 0) -> np.ndarray | tuple[np.ndarray, list[tuple[np.ndarray, np.ndarray]]]:
    """Feature rows (see the module docstring) of ``texts``; ``prepared`` skips ``prepare``. With
    ``buckets`` > 0 also each text's ``bag`` of tokens (the same tokens as the embedding): ``(X, bags)``."""
    emb = embedder()
    out = np.zeros((len(texts), N_FEATURES), dtype=np.float64)
    bags: list[tuple[np.ndarray, np.ndarray]] = []
    scale = 1.0 / np.log1p(max_chars)
    for i, t in enumerate(texts):
        words, n_chars = words_of(t, max_chars, embed_chars, prepared)
        ids = emb.word_ids(words)
        if buckets:
            bags.append(bag(ids, buckets))
        v = emb.pooled("", ids).astype(np.float64)
        n = float(np.sqrt(np.dot(v, v)))
        if n > 0:
            out[i, :DIM] = v / n
        out[i, DIM] = np.log1p(n_chars) * scale
        out[i, DIM + 1] = 1.0
    return (out, bags) if buckets else out


def describe(max_chars: int, embed_chars: int, buckets: int = 0) -> dict[str, Any]:
    """What the feature vector is, for the model file and the card."""
    d = {"embedding": EMBEDDING, "dim": DIM, "n_features": N_FEATURES, "max_chars": max_chars,
         "embed_chars": embed_chars,
         "layout": f"[0:{DIM}] L2-normalised mean token embedding of the first embed_chars characters; "
                   f"[{DIM}] log1p(chars)/log1p(max_chars); [{DIM + 1}] 1 (bias)"}
    if buckets:
        d["bag_of_tokens"] = {"buckets": buckets, "of": "the same tokens as the embedding: token id mod buckets, "
                                                          "log1p(count), L2-normalised"}
    return d
