"""Second-opinion models, both offline with their models inside the wheel: lingua and CLD2.

Each answers one question: which of these candidate languages is this text, and how sure is it?
Restricting lingua to a few candidates is what makes it affordable (its cost grows with the number
of languages it compares); CLD2 is a fixed C++ model, so candidates only filter its ranked answer.
"""

from __future__ import annotations

from functools import lru_cache

from curation.langid.codes import nfc

#: CLD2 codes that are not ours.
_CLD2_TO_OURS = {"zh-Hant": "zh", "iw": "he", "jw": "jv", "tl": "tl", "no": "nb", "un": "und"}


@lru_cache(maxsize=1)
def lingua_codes() -> frozenset[str]:
    from lingua import Language

    return frozenset(lang.iso_code_639_1.name.lower() for lang in Language.all())


@lru_cache(maxsize=64)
def _lingua_detector(codes: frozenset[str]):
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    isos = [getattr(IsoCode639_1, c.upper()) for c in sorted(codes)]
    return LanguageDetectorBuilder.from_iso_codes_639_1(*isos).build()


def lingua(text: str, candidates: frozenset[str]) -> tuple[str, float]:
    """Best candidate and its confidence (relative to the other candidates), or ("und", 0)."""
    codes = candidates & lingua_codes()
    if len(codes) < 2:
        return (next(iter(codes)), 1.0) if codes else ("und", 0.0)
    values = _lingua_detector(frozenset(codes)).compute_language_confidence_values(nfc(text))
    if not values or values[0].value <= 0:
        return "und", 0.0
    return values[0].language.iso_code_639_1.name.lower(), float(values[0].value)


@lru_cache(maxsize=1)
def cld2_codes() -> frozenset[str]:
    import pycld2

    return frozenset(_CLD2_TO_OURS.get(code, code) for _name, code in pycld2.LANGUAGES)


def cld2(text: str, candidates: frozenset[str] | None = None) -> tuple[str, float]:
    """CLD2's best language among ``candidates`` (all if None) and its share of the text (0..1)."""
    import pycld2

    try:
        reliable, _, ranked = pycld2.detect(nfc(text))
    except pycld2.error:  # invalid UTF-8 inside (lone surrogates): let the caller count it
        return "und", 0.0
    for _name, code, percent, _score in ranked:
        ours = _CLD2_TO_OURS.get(code, code)
        if ours == "und" or (candidates is not None and ours not in candidates):
            continue
        return ours, (percent / 100.0) * (1.0 if reliable else 0.5)
    return "und", 0.0
