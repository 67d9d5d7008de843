"""The one text normalisation that training and scoring share.

fastText splits on ASCII whitespace only and reads one line per example, so a document becomes one
line: lower-cased, every run of whitespace (any Unicode whitespace, newlines included) folded to a
single space, cut to ``max_chars`` characters first. Lower-casing merges "The"/"the" (our training
sets are small); punctuation is left glued to words, as in DCLM's fastText classifier (splitting it off with a regex
made this function ~5x slower on 3,000-character documents, and it runs on every document scored).

A literal ``__label__`` inside a text would be read by fastText as a label at training time, so it is
defused (``__label__x`` -> ``_label_x``) the same way on both sides.
"""

from __future__ import annotations

#: Default cut, in characters, before normalisation. ~2,000 English words: more than FineWeb-Edu's
#: classifier reads (512 tokens), enough for the opening of any page, and it bounds the cost of a
#: 1 MB document. Stored in each model card; the scorer uses the card's value.
DEFAULT_MAX_CHARS = 10_000

LABEL_PREFIX = "__label__"


def prepare(text: str, max_chars: int = DEFAULT_MAX_CHARS) -> str:
    """``text`` as one fastText line (without the newline): cut, lower-cased, whitespace folded.

    >>> prepare("  The Cell\\n\\nis  the\\tunit of LIFE. ")
    'the cell is the unit of life.'
    """
    if max_chars and len(text) > max_chars:
        text = text[:max_chars]
    text = " ".join(text.lower().split())
    if LABEL_PREFIX in text:
        text = text.replace(LABEL_PREFIX, "_label_")
    return text


def prepare_many(texts, max_chars: int = DEFAULT_MAX_CHARS) -> list[str]:
    """``prepare`` over a sequence."""
    return [prepare(t, max_chars) for t in texts]


#: The characters Python's ``str.split()`` treats as whitespace but fastText does not (fastText splits
#: on ASCII space, \t \n \r \v \f and NUL only).
_NON_FASTTEXT_SPACES = ("\x1c", "\x1d", "\x1e", "\x1f", "\x85", "\xa0", "\u1680", "\u2000", "\u2001",
                        "\u2002", "\u2003", "\u2004", "\u2005", "\u2006", "\u2007", "\u2008", "\u2009",
                        "\u200a", "\u2028", "\u2029", "\u202f", "\u205f", "\u3000")


def fasttext_lines(texts, max_chars: int = DEFAULT_MAX_CHARS) -> list[str]:
    """One fastText input line per text (newline included), the same *tokens* as ``prepare`` gives.

    The scoring hot path: ``prepare`` spends most of its time folding whitespace (``split`` + ``join``,
    ~40 us on 3,000 characters), but fastText splits on ASCII whitespace by itself, so only the
    newlines (a newline ends fastText's line) and the Unicode spaces fastText does not know need
    handling. A text with any of those takes the full ``prepare``; the others are only cut,
    lower-cased and freed of newlines. fastText then reads exactly the tokens of ``prepare(text)``,
    so predictions are identical (tested).
    """
    out = []
    append = out.append
    odd = _NON_FASTTEXT_SPACES
    for text in texts:
        if max_chars and len(text) > max_chars:
            text = text[:max_chars]
        if text.isascii():
            fold = "\x1c" in text or "\x1d" in text or "\x1e" in text or "\x1f" in text
        else:
            fold = any(c in text for c in odd)
        if fold:
            text = " ".join(text.lower().split())
        else:
            text = text.lower()
            if "\n" in text:
                text = text.replace("\n", " ")
        if LABEL_PREFIX in text:
            text = text.replace(LABEL_PREFIX, "_label_")
        append(text + "\n")
    return out
