"""One code set for every model: ISO 639-1 where it exists, else ISO 639-3; script where it matters.

lid.176 speaks Wikipedia codes (``no``, ``sh``, ``als``, ``arz``...), CLD2 and lingua their own variants.
Everything leaving this package is mapped here, so ``language`` means the same whichever model decided.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Callable, NamedTuple

#: lid.176 labels that are not our codes. ``no`` (Norwegian) is refined to nb/nn by the second model.
LID_TO_OURS = {
    "sh": "sr",      # Serbo-Croatian: resolved among bs/hr/sr by the confusable-group rule
    "als": "gsw",    # Wikipedia's "als" is Alemannic, not Tosk Albanian
    "bh": "bho", "eml": "egl", "nah": "nah", "wuu": "wuu", "yue": "yue", "arz": "arz",
    "azb": "azb", "ckb": "ckb", "diq": "diq", "frr": "frr", "gom": "gom", "mai": "mai",
}

#: Languages lid.176 does not know at all (its nearest labels are wrong with low scores).
LID_UNKNOWN = ("zu", "xh", "st", "tn", "ts", "sn", "mi", "lg", "nb")

_WORD = re.compile(r"[^\W\d_]+")
_VOWELS = frozenset("aeiouáéíóúàèìòùâêîôûäëïöüãõ")


def spelling_counts(text: str) -> tuple[int, int, int]:
    """Words of 3+ letters ending in a consonant and ``u``, in a consonant and ``o``; and the word
    ``i`` minus the word ``y`` ("and").

    Asturian writes the masculine singular in -u (mundu, drechu, nuevu) where Spanish, Galician and
    Portuguese write -o; their -u words end in a vowel and u (seu, partiu) or are rare (espíritu).
    Extremaduran also writes -u, but "and" as ``i`` where Asturian writes ``y``. Capitalised words
    are left out: names keep their own spelling (a Spanish page about the Picu Urriellu is Spanish)."""
    u = o = and_i = 0
    for word in _WORD.findall(text):
        if len(word) < 3:
            and_i += (word.lower() == "i") - (word.lower() == "y")
        elif word.islower() and word[-2] not in _VOWELS:
            u += word[-1] == "u"
            o += word[-1] == "o"
    return u, o, and_i


def spelled_asturian(text: str, min_share: float = 0.4) -> bool:
    """At least ``min_share`` of the consonant+u/o word endings are -u (UDHR's Asturian documents: 0.86
    at the median; its Spanish, Galician, Portuguese and Catalan: 0) and "and" is not written ``i``
    more often than ``y`` (HPLT tune rows labelled not Asturian: Extremaduran). Chosen on HPLT's tune
    rows and UDHR."""
    u, o, and_i = spelling_counts(text)
    return u >= 1 and u >= min_share * (u + o) and and_i <= 0


class LidOnly(NamedTuple):
    spelled: Callable[[str], bool]  # the spelling test that lets lid.176's label stand against a neighbour
    neighbours: frozenset[str]      # what a second model answers in its place


#: Languages only lid.176 knows (neither lingua nor CLD2 has them). Asturian web text gets "es" first from
#: lid.176 (0.5-0.8) with "ast" second (0.05-0.4), where Spanish gets "es" >= 0.9 and "ast" <= 0.02 (HPLT v2
#: tune rows, UDHR).
LID_ONLY = {"ast": LidOnly(spelled_asturian, frozenset({"es", "gl", "pt", "an", "ca"}))}

#: Groups whose members lid.176 confuses: a label in a group always goes to the second model,
#: restricted to the group. Measured on UDHR (see benchmarks/langid_quality.py).
CONFUSABLE = (
    frozenset({"ms", "id"}),
    frozenset({"bs", "hr", "sr"}),
    frozenset({"no", "nb", "nn"}),
)

#: Languages no offline model here tells apart from their neighbours (UDHR and langid.py texts:
#: Bosnian comes out as Croatian or Serbian with every model). Not supported as a separate label.
UNSUPPORTED = {"bs": "reported as hr (or sr): no model here separates Bosnian from Croatian/Serbian"}


#: Letters a language's alphabet does not have (its current one, and for Russian also the pre-1918
#: one): a text that uses them several times is not in that language. Ukrainian and Belarusian have
#: no hard sign, Russian no Ukrainian/Belarusian letters (lingua called pre-1918 Russian, with its і,
#: Ukrainian).
NOT_IN_ALPHABET = {
    "uk": frozenset("ъыэёЪЫЭЁѣѢ"),
    "be": frozenset("ъищЪИЩѣѢ"),
    "ru": frozenset("ґєїўҐЄЇЎ"),
}


#: The old Irish script marks lenition with a dot above the consonant; the 1950s standard writes an h
#: after it (ṁ -> mh). Models are trained on the standard spelling, so their input is respelled.
_LENITED = {c: c2 for c, c2 in zip("ḃċḋḟġṁṗṡṫḂĊḊḞĠṀṖṠṪ", ["bh", "ch", "dh", "fh", "gh", "mh", "ph", "sh", "th",
                                                             "Bh", "Ch", "Dh", "Fh", "Gh", "Mh", "Ph", "Sh", "Th"])}
_LENITED_TABLE = str.maketrans(_LENITED)
_LENITED_RE = re.compile("[" + "".join(_LENITED) + "]")


def standard_spelling(text: str, min_letters: int = 3) -> str:
    """Text in the old Irish script respelled with h for the dot (only when it has several such letters)."""
    if text.isascii() or len(_LENITED_RE.findall(text)) < min_letters:
        return text
    return text.translate(_LENITED_TABLE)


def ruled_out(text: str, candidates: frozenset[str], min_letters: int = 3) -> frozenset[str]:
    """``candidates`` minus the languages whose alphabet lacks letters the text uses ``min_letters`` times."""
    out = set(candidates)
    for code in candidates & NOT_IN_ALPHABET.keys():
        foreign = NOT_IN_ALPHABET[code]
        if sum(ch in foreign for ch in text) >= min_letters:
            out.discard(code)
    return frozenset(out) if out else candidates


def from_lid(label: str) -> str:
    code = label.removeprefix("__label__")
    return LID_TO_OURS.get(code, code)


def group_of(code: str) -> frozenset[str] | None:
    for group in CONFUSABLE:
        if code in group:
            return group
    return None


# Traditional/simplified characters that differ and are frequent (first 40 pairs of a frequency list).
_HANT = set("們這來時說國會對發經過還沒後學麼現長開問關車東門見電話書題著實點與當樣聽爭處從進種頭")
_HANS = set("们这来时说国会对发经过还没后学么现长开问关车东门见电话书题着实点与当样听争处从进种头")


def script_of(code: str, text: str) -> str | None:
    """``Cyrl``/``Latn`` for Serbian, ``Hans``/``Hant`` for Chinese; None where one script is the norm."""
    if code == "sr":
        cyr = lat = 0
        for ch in text[:2000]:
            if ch.isalpha():
                if "\u0400" <= ch <= "\u04ff":
                    cyr += 1
                elif ch < "\u0250":
                    lat += 1
        return "Cyrl" if cyr >= lat else "Latn"
    if code == "zh":
        sample = text[:5000]
        hant = sum(ch in _HANT for ch in sample)
        hans = sum(ch in _HANS for ch in sample)
        return "Hant" if hant > hans else "Hans"
    return None


def letter_share(text: str) -> tuple[float, float]:
    """(share of letters among non-space characters, share of Latin letters among letters)."""
    letters = latin = other = 0
    for ch in text:
        if ch.isspace():
            continue
        if ch.isalpha():
            letters += 1
            if ch < "\u0250" or "\u1e00" <= ch <= "\u1eff":
                latin += 1
        else:
            other += 1
    total = letters + other
    return (letters / total if total else 0.0), (latin / letters if letters else 0.0)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)
