"""Secrets and personal data in code, found by pattern and replaced by a placeholder, each counted.

The patterns follow detect-secrets' plugins and StarCoder's PII step: private-key blocks, provider
tokens with a fixed shape (AWS, GitHub, GitLab, Slack, Stripe, Google, OpenAI, npm, PyPI, SendGrid,
JWTs), passwords in URLs, keyword assignments (``password = "..."``) whose value looks random
(Shannon entropy, placeholders left alone), e-mail addresses and public IPv4 addresses (private,
loopback and documentation ranges are kept: they identify no one). Placeholders are StarCoder's:
``<KEY>``, ``<PASSWORD>``, ``<EMAIL>``, ``<IP_ADDRESS>``.
"""

from __future__ import annotations

import ipaddress
import math
import re
from collections import Counter

_PRIVATE_KEY = re.compile(r"-----BEGIN ((?:RSA|DSA|EC|OPENSSH|PGP|ENCRYPTED) )?PRIVATE KEY( BLOCK)?-----"
                          r"[\s\S]{0,20000}?(-----END \1?PRIVATE KEY\2?-----|\Z)")
_TOKENS = (
    ("aws_access_key", re.compile(r"\b(?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}\b")),
    ("github_token", re.compile(r"\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{60,255})\b")),
    ("gitlab_token", re.compile(r"\bglpat-[A-Za-z0-9_-]{20,}\b")),
    ("slack_token", re.compile(r"\bxox[abposr]-[A-Za-z0-9-]{10,}\b|https://hooks\.slack\.com/services/[A-Za-z0-9/]+")),
    ("stripe_key", re.compile(r"\b[rs]k_(?:live|test)_[0-9a-zA-Z]{24,}\b")),
    ("google_api_key", re.compile(r"\bAIza[0-9A-Za-z_-]{35}\b")),
    ("openai_key", re.compile(r"\bsk-(?:proj-|ant-)?[A-Za-z0-9_-]{32,}\b")),
    ("npm_token", re.compile(r"\bnpm_[A-Za-z0-9]{36}\b")),
    ("pypi_token", re.compile(r"\bpypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,}")),
    ("sendgrid_key", re.compile(r"\bSG\.[\w-]{22}\.[\w-]{43}\b")),
    ("jwt", re.compile(r"\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}")),
)
_URL_PASSWORD = re.compile(r"(\b[a-z][a-z0-9+.-]*://[^\s:/@'\"]+:)([^\s:/@'\"]{3,})(@)", re.I)
_KEYWORD = re.compile(
    r"""((?:password|passwd|pwd|secret|api[_-]?key|apikey|access[_-]?key|secret[_-]?key|auth[_-]?token|"""
    r"""access[_-]?token|private[_-]?key|client[_-]?secret|token)\w*["']?\s*(?:=|:|=>|:=)\s*[bru]?["'])"""
    r"""([^"'\s]{8,200})(["'])""", re.I)
_PLACEHOLDER = re.compile(r"^(?:[<{$%].*|.*[>}]|x+|\*+|\.+|changeme|password\w*|secret\w*|your[_-].*|example.*|"
                          r"dummy.*|test.*|fake.*|none|null|todo.*)$", re.I)
_EMAIL = re.compile(r"(?<![\w.+-])[A-Za-z0-9._%+-]{1,64}@(?:[A-Za-z0-9-]{1,63}\.)+[A-Za-z]{2,24}\b")
_EMAIL_KEEP = re.compile(r"@(?:[\w-]+\.)*(?:example\.(?:com|org|net)|localhost|test|invalid|users\.noreply\.github\.com)$", re.I)
_IPV4 = re.compile(r"(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?![\w.])")


def entropy(s: str) -> float:
    """Shannon entropy in bits per character."""
    counts = Counter(s)
    return -sum(c / len(s) * math.log2(c / len(s)) for c in counts.values())


def _keyword_value(m: re.Match) -> bool:
    value = m.group(2)
    return not _PLACEHOLDER.match(value) and entropy(value) >= 3.0 and not value.isalpha()


def _public_ip(s: str) -> bool:
    try:
        return ipaddress.ip_address(s).is_global
    except ValueError:
        return False


def _versionish(m: re.Match, text: str) -> bool:
    """``version = "1.2.3.4"``: four numbers after the word version are a version, not an address."""
    return "version" in text[max(0, m.start() - 30):m.start()].lower()


def redact(text: str) -> tuple[str, Counter]:
    """``text`` with every secret and personal datum replaced, and the count of each kind replaced."""
    counts: Counter = Counter()

    def sub(pattern: re.Pattern, kind: str, repl, keep=None) -> None:
        nonlocal text

        def one(m: re.Match) -> str:
            if keep is not None and not keep(m):
                return m.group(0)
            counts[kind] += 1
            return repl(m) if callable(repl) else repl

        text = pattern.sub(one, text)

    if "PRIVATE KEY" in text:
        sub(_PRIVATE_KEY, "private_key", "<KEY>")
    for kind, pattern in _TOKENS:
        sub(pattern, kind, "<KEY>")
    if "://" in text:
        sub(_URL_PASSWORD, "url_password", lambda m: m.group(1) + "<PASSWORD>" + m.group(3))
    sub(_KEYWORD, "keyword_secret", lambda m: m.group(1) + "<PASSWORD>" + m.group(3), keep=_keyword_value)
    if "@" in text:
        sub(_EMAIL, "email", "<EMAIL>", keep=lambda m: not _EMAIL_KEEP.search(m.group(0)))
    sub(_IPV4, "ip_address", "<IP_ADDRESS>", keep=lambda m: _public_ip(m.group(0)) and not _versionish(m, text))
    return text, counts
