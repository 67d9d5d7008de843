"""Secrets and personal data in code, found by pattern and replaced by a placeholder, each counted.

The patterns follow detect-secrets' plugins and StarCoder's PII step: private-key blocks, provider
tokens with a fixed shape (AWS, GitHub, GitLab, Slack, Stripe, Google, OpenAI, npm, PyPI, SendGrid,
JWTs), passwords in URLs, keyword assignments (``password = "..."``) whose value looks random
(Shannon entropy, placeholders left alone), e-mail addresses and public IPv4 and IPv6 addresses (private,
loopback and documentation ranges are kept: they identify no one). Placeholders are StarCoder's:
``<KEY>``, ``<PASSWORD>``, ``<EMAIL>``, ``<IP_ADDRESS>``.
"""

from __future__ import annotations

import ipaddress
import math
import re
from collections import Counter

import ahocorasick_rs

_PRIVATE_KEY = re.compile(r"-----BEGIN ((?:RSA|DSA|EC|OPENSSH|PGP|ENCRYPTED) )?PRIVATE KEY( BLOCK)?-----"
                          r"[\s\S]{0,20000}?(-----END \1?PRIVATE KEY\2?-----|\Z)")
_TOKENS = (  # (kind, literals one of which every match holds: a cheap test before the regex, pattern)
    ("aws_access_key", ("AKIA", "ASIA", "ABIA", "ACCA"), re.compile(r"\b(?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}\b")),
    ("github_token", ("ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"),
     re.compile(r"\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{60,255})\b")),
    ("gitlab_token", ("glpat-",), re.compile(r"\bglpat-[A-Za-z0-9_-]{20,}\b")),
    ("slack_token", ("xox", "hooks.slack.com"),
     re.compile(r"\bxox[abposr]-[A-Za-z0-9-]{10,}\b|https://hooks\.slack\.com/services/[A-Za-z0-9/]+")),
    ("stripe_key", ("k_live_", "k_test_"), re.compile(r"\b[rs]k_(?:live|test)_[0-9a-zA-Z]{24,}\b")),
    ("google_api_key", ("AIza",), re.compile(r"\bAIza[0-9A-Za-z_-]{35}\b")),
    ("openai_key", ("sk-",), re.compile(r"\bsk-(?:proj-|ant-)?[A-Za-z0-9_-]{32,}\b")),
    ("npm_token", ("npm_",), re.compile(r"\bnpm_[A-Za-z0-9]{36}\b")),
    ("pypi_token", ("pypi-",), re.compile(r"\bpypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,}")),
    ("sendgrid_key", ("SG.",), re.compile(r"\bSG\.[\w-]{22}\.[\w-]{43}\b")),
    ("jwt", ("eyJ",), re.compile(r"\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}")),
)
# Every pattern below starts with a literal (``://``, ``@``) or runs only on the lines a cheap test
# picked: Python's regex engine scans for a leading literal fast, for a leading class slowly.
_URL_PASSWORD = re.compile(r"(://[^\s:/@'\"]+:)([^\s:/@'\"]{3,})(@)")
_KEYWORD = re.compile(
    r"""((?:password|passwd|pwd|secret|api[_-]?key|apikey|access[_-]?key|secret[_-]?key|auth[_-]?token|"""
    r"""access[_-]?token|private[_-]?key|client[_-]?secret|token)\w*["']?\s*(?:=|:|=>|:=)\s*[bru]?["'])"""
    r"""([^"'\s]{8,200})(["'])""", re.I)
#: The same, case-sensitive, for lower-cased ASCII lines: as exact there, and ten times faster.
_KEYWORD_LOWER = re.compile(_KEYWORD.pattern)
_KEYWORD_HINTS = ("pass", "pwd", "secret", "key", "token")
_PLACEHOLDER = re.compile(r"^(?:[<{$%].*|.*[>}]|x+|\*+|\.+|changeme|password\w*|secret\w*|your[_-].*|example.*|"
                          r"dummy.*|test.*|fake.*|none|null|todo.*)$", re.I)
_EMAIL_DOMAIN = re.compile(r"@(?:[A-Za-z0-9-]{1,63}\.)+[A-Za-z]{2,24}\b")
_EMAIL_LOCAL = re.compile(r"(?<![\w.+-])[A-Za-z0-9._%+-]{1,64}\Z")  # \Z: "$" would also match before a newline
_LOCAL_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._%+-")
_EMAIL_KEEP = re.compile(r"@(?:[\w-]+\.)*(?:example\.(?:com|org|net)|localhost|test|invalid|users\.noreply\.github\.com)$", re.I)
_IPV4 = re.compile(r"(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?![\w.])")
#: ``\d.\d{1,3}.\d{1,3}.\d``, written to start with its literal dot (the digit before it is a
#: lookbehind): Python's regex engine jumps from dot to dot instead of trying every position.
_IPV4_HINT = re.compile(r"\.(?<=\d\.)\d{1,3}\.\d{1,3}\.\d")
#: IPv6: hex groups joined by colons (``::`` at most once, checked by ``ipaddress``), not part of a
#: longer token; the hint is two groups and a colon, so C++/Rust paths (``std::vec``) are not tried.
_IPV6 = re.compile(r"(?<![\w:.])(?:[0-9A-Fa-f]{1,4}:|:)(?::?[0-9A-Fa-f]{1,4}:?){2,7}(?![\w:]|\.\w)")
_IPV6_HINT = re.compile(r":(?<=[0-9A-Fa-f]:)[0-9A-Fa-f]{0,4}:[0-9A-Fa-f]")  # literal first, as _IPV4_HINT
#: Every literal a replacement needs (a token's, by its index in ``_TOKENS``; a private key's; a URL's)
#: and every keyword hint, lower-cased, found in one pass over the lower-cased text; a literal then
#: counts only where the text has it in its own case.
_LITERALS = [(k, h) for k, (_, hints, _) in enumerate(_TOKENS) for h in hints] + [("private_key", "PRIVATE KEY"),
                                                                                    ("url", "://")]
_LOWER_HINTS = sorted({h.lower() for _, h in _LITERALS}) + list(_KEYWORD_HINTS)
_BY_LOWER_HINT = [[(k, h) for k, h in _LITERALS if h.lower() == low] for low in _LOWER_HINTS]  # [] for keywords
_LOWER_FINDER = ahocorasick_rs.AhoCorasick(_LOWER_HINTS)
_LOWER_BYTES_FINDER = ahocorasick_rs.BytesAhoCorasick([h.encode() for h in _LOWER_HINTS])  # ASCII: faster
_LITERAL_FINDER = ahocorasick_rs.AhoCorasick([h for _, h in _LITERALS])  # when lower-casing moves positions


def entropy(s: str) -> float:
    """Shannon entropy in bits per character."""
    counts = Counter(s)
    return -sum(c / len(s) * math.log2(c / len(s)) for c in counts.values())


def _keyword_value(value: str | re.Match) -> bool:
    value = value if isinstance(value, str) else value.group(2)
    return not _PLACEHOLDER.match(value) and entropy(value) >= 3.0 and not value.isalpha()


def _public_ip(s: str) -> bool:
    try:
        return ipaddress.ip_address(s).is_global
    except ValueError:
        return False


def _public_ipv6(m: re.Match) -> bool:
    """A global IPv6 address with a digit and three groups: ``Abc::Def`` or ``a::b`` parse as addresses
    but are names in C++, Rust or Perl; loopback, link-local and documentation ranges are kept."""
    s = m.group(0)
    return any(c.isdigit() for c in s) and sum(1 for g in s.split(":") if g) >= 3 and _public_ip(s)


def _versionish(m: re.Match) -> bool:
    """``version = "1.2.3.4"``: four numbers after the word version are a version, not an address."""
    return "version" in m.string[max(0, m.start() - 30):m.start()].lower()


class _Redactor:
    """One document's replacements and their counts."""

    def __init__(self) -> None:
        self.counts: Counter = Counter()

    def sub(self, pattern: re.Pattern, text: str, kind: str, repl, keep=None) -> str:
        def one(m: re.Match) -> str:
            if keep is not None and not keep(m):
                return m.group(0)
            self.counts[kind] += 1
            return repl(m) if callable(repl) else repl

        return pattern.sub(one, text)

    def emails(self, text: str) -> str:
        """Found from each ``@domain`` back to the start of its local part."""
        out, last = [], 0
        for m in _EMAIL_DOMAIN.finditer(text):
            lo, at = max(last, m.start() - 64), m.start()
            if at <= lo or text[at - 1] not in _LOCAL_CHARS:  # ``@click.command``: no local part, no regex
                continue
            local = _EMAIL_LOCAL.search(text, lo, at)
            if local is None or _EMAIL_KEEP.search(m.group(0)):
                continue
            out += [text[last:local.start()], "<EMAIL>"]
            last = m.end()
            self.counts["email"] += 1
        return "".join(out) + text[last:] if out else text

    def keyword_lines(self, text: str, hits: list[int] | None = None) -> str:
        """``password = "..."`` on the lines holding a keyword hint: at ``hits`` (positions found by
        ``_hints``), else found here in the lower-cased text."""
        if hits is None:
            lower = text.lower()
            if len(lower) != len(text):  # a character whose lower case is longer: positions differ, take it whole
                return self.sub(_KEYWORD, text, "keyword_secret", lambda m: m.group(1) + "<PASSWORD>" + m.group(3),
                                keep=_keyword_value)
            hits = [start for i, start, _ in _LOWER_FINDER.find_matches_as_indexes(lower, overlapping=True)
                    if not _BY_LOWER_HINT[i]]
        out, last = [], 0
        for start, end in _lines_at(text, hits):
            line = text[start:end]
            if ('"' in line or "'" in line) and (redacted := self.keyword_line(line)) != line:
                out += [text[last:start], redacted]  # the text is rebuilt only around lines that changed
                last = end
        return "".join(out) + text[last:] if out else text

    def keyword_line(self, line: str) -> str:
        """``_KEYWORD`` replaced in one line; an ASCII line is searched lower-cased, case-sensitively."""
        if not line.isascii():
            return self.sub(_KEYWORD, line, "keyword_secret", lambda m: m.group(1) + "<PASSWORD>" + m.group(3),
                            keep=_keyword_value)
        out, last = [], 0
        for m in _KEYWORD_LOWER.finditer(line.lower()):  # same positions; the value is read from the line
            if _keyword_value(line[m.start(2):m.end(2)]):
                out += [line[last:m.start(2)], "<PASSWORD>"]
                last = m.end(2)
                self.counts["keyword_secret"] += 1
        return "".join(out) + line[last:] if out else line

    def sub_lines(self, pattern: re.Pattern, hint: re.Pattern, text: str, kind: str, repl: str, keep) -> str:
        """``sub`` on the lines where ``hint`` occurs: ``pattern`` never spans a line and every match
        ``keep`` accepts holds ``hint``, so the other lines cannot change. Searching the whole text
        between line bounds keeps lookarounds and ``m.string`` as they are in the whole text."""
        hits, i = [], 0
        while (m := hint.search(text, i)) is not None:
            hits.append(m.start())
            i = text.find("\n", m.start())
            if i < 0:
                break
        out, last = [], 0
        for start, end in _lines_at(text, hits):
            for m in pattern.finditer(text, start, end):
                if keep(m):
                    out += [text[last:m.start()], repl]
                    last = m.end()
                    self.counts[kind] += 1
        return "".join(out) + text[last:] if out else text


def _lines_at(text: str, positions: list[int]) -> list[tuple[int, int]]:
    """The (start, end) of each line (split at ``\\n``) holding one of ``positions``, in order, once."""
    spans, end = [], -1
    for i in sorted(positions):
        if i <= end:
            continue
        start, end = text.rfind("\n", 0, i) + 1, text.find("\n", i)
        end = len(text) if end < 0 else end
        spans.append((start, end))
    return spans


def _hints(text: str) -> tuple[set[int | str], list[int] | None]:
    """(the keys of ``_LITERALS`` found in ``text``, where keyword hints start or None if not known)."""
    low = text.lower()
    if len(low) != len(text):  # a character whose lower case is longer: positions differ
        return {_LITERALS[i][0] for i, _, _ in _LITERAL_FINDER.find_matches_as_indexes(text, overlapping=True)}, None
    found = (_LOWER_BYTES_FINDER.find_matches_as_indexes(low.encode("ascii"), overlapping=True) if low.isascii()
             else _LOWER_FINDER.find_matches_as_indexes(low, overlapping=True))
    keys, keyword_hits = set(), []
    for i, start, _ in found:
        if _BY_LOWER_HINT[i]:
            keys.update(k for k, h in _BY_LOWER_HINT[i] if text.startswith(h, start))
        else:
            keyword_hits.append(start)
    return keys, keyword_hits


def redact(text: str) -> tuple[str, Counter]:
    """``text`` with every secret and personal datum replaced, and the count of each kind replaced."""
    r = _Redactor()
    found, keyword_hits = _hints(text)  # one pass for every literal
    if "private_key" in found:
        text = r.sub(_PRIVATE_KEY, text, "private_key", "<KEY>")
    for k, (kind, _, pattern) in enumerate(_TOKENS):
        if k in found:  # a replacement ("<KEY>") never makes a literal, so those of the first text suffice
            text = r.sub(pattern, text, kind, "<KEY>")
    if "url" in found:
        text = r.sub(_URL_PASSWORD, text, "url_password", lambda m: m.group(1) + "<PASSWORD>" + m.group(3))
    text = r.keyword_lines(text, None if r.counts else keyword_hits)  # hits hold while the text is unchanged
    if "@" in text:
        text = r.emails(text)
    if _IPV4_HINT.search(text):
        text = r.sub_lines(_IPV4, _IPV4_HINT, text, "ip_address", "<IP_ADDRESS>",
                           keep=lambda m: _public_ip(m.group(0)) and not _versionish(m))
    if _IPV6_HINT.search(text):
        text = r.sub_lines(_IPV6, _IPV6_HINT, text, "ip_address", "<IP_ADDRESS>", keep=_public_ipv6)
    return text, r.counts
