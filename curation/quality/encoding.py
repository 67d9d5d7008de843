"""Mojibake and encoding errors: repair what ftfy can repair, count and drop what nobody can.

Two kinds reach us. Latin-script mojibake (UTF-8 read as cp1252: ``cafÃ©``) is reversible: ftfy undoes
it. CJK text decoded with the wrong CJK codec (UTF-8 bytes read as GBK: ``鏄?笉鏄``) is not: every
undecodable byte pair became a ``?`` glued between two CJK characters, and the original is lost.
"""

from __future__ import annotations

import re

CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af"
#: a literal "?" between two CJK characters: a character lost in a wrong decode (CJK text uses "？")
_LOST = re.compile(f"[{CJK}]\\?+[{CJK}]")


def check(text: str) -> tuple[str, str | None]:
    """(possibly repaired text, None) or (text, "encoding_error") when characters were lost.

    ftfy is conservative: text it flags but cannot change (Slovene »guillemets«, say) is left alone."""
    if text.count("\ufffd") >= 3 or len(_LOST.findall(text)) >= 2:
        return text, "encoding_error"
    import ftfy
    from ftfy.badness import is_bad

    if is_bad(text):
        fixed = ftfy.fix_text(text, normalization="NFC")
        if fixed != text and not is_bad(fixed):
            return fixed, None
    return text, None

