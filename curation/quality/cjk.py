"""Character-level rules for Chinese, Japanese and Korean, where word rules do not apply.

Gopher's and C4's statistics count space-separated words; CJK pages have none, so spam and list
pages passed untouched. These are the same ideas counted in characters: enough running text,
lines that end like sentences (list, ranking, footer and contact pages do not), no text made of
the same character sequences over and over, no characters spaced or bracketed one by one.
"""

from __future__ import annotations

import re

CJK_LANGUAGES = frozenset({"zh", "ja", "ko", "yue", "wuu"})
_CJK_CHAR = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_SPACED = re.compile("(?:^|\\s)[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af](?=\\s|$)")
_BRACKETED = re.compile("[【\\[（(「『〔]\\s*[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]\\s*[】\\]）)」』〕]")
TERMINAL = tuple("。！？!?…」』”\".．")


def stats(text: str, n: int = 10, language: str = "zh") -> dict[str, float]:
    text = text[:20_000]  # the statistics are stable long before; keeps the n-gram pass cheap
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    chars = sum(len(line) for line in lines) or 1
    ended = sum(len(line) for line in lines if line.endswith(TERMINAL))
    cjk = len(_CJK_CHAR.findall(text)) or 1
    compact = "".join(text.split())
    grams = [compact[i : i + n] for i in range(0, max(len(compact) - n + 1, 0))]
    seen: dict[str, int] = {}
    for g in grams:
        seen[g] = seen.get(g, 0) + 1
    covered = [False] * len(compact)
    for i, g in enumerate(grams):
        if seen[g] > 1:
            for j in range(i, i + n):
                covered[j] = True
    return {
        "chars": len(compact),
        "terminal_line_chars": ended / chars,
        "dup_10gram_chars": sum(covered) / (len(compact) or 1),
        # Korean separates words by spaces and has many one-syllable words: only brackets count there
        "spaced_or_bracketed_chars": ((len(_SPACED.findall(text)) if language != "ko" else 0) + len(_BRACKETED.findall(text))) / cjk,
    }


def check(text: str, language: str, min_chars: int = 100, min_terminal: float = 0.5, max_dup: float = 0.3, max_spaced: float = 0.1) -> str | None:
    """A drop reason for a CJK document, or None."""
    s = stats(text, language=language)
    if s["chars"] < min_chars:
        return "cjk_too_short"
    if s["terminal_line_chars"] < min_terminal:
        return "cjk_list_page"  # ranking, link list, footer or contact page: lines do not end as sentences
    if s["dup_10gram_chars"] > max_dup:
        return "cjk_repetition"
    if s["spaced_or_bracketed_chars"] > max_spaced:
        return "cjk_spaced_chars"
    return None
