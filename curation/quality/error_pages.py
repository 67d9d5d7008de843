"""Soft-404 and error pages in many languages: a short page whose text says the page is not there.

The phrases are the ones servers and CMSs print (404 templates, "page not found" in the 20 most
crawled languages) and the messages of broken database or script back-ends; a phrase alone is not enough (articles about HTTP mention them), the page must
also be short: error templates are, articles are not.
"""

from __future__ import annotations

import re

PHRASES = (
    # en
    "page not found", "404 not found", "error 404", "404 error", "the page you requested", "the page you are looking for",
    "the page you were looking for", "this page does not exist", "this page doesn't exist", "page cannot be found",
    "403 forbidden", "500 internal server error", "502 bad gateway", "503 service unavailable", "account suspended",
    "this domain is for sale", "this site can’t be reached", "access denied",
    # de, fr, es, it, pt, nl, sv, da, pl, cs, tr, ro, hu
    "seite nicht gefunden", "die angeforderte seite", "fehler 404", "page introuvable", "page non trouvée",
    "la page demandée", "la page que vous recherchez", "erreur 404", "página no encontrada", "la página que buscas",
    "la página solicitada", "pagina non trovata", "la pagina richiesta", "página não encontrada", "a página que você",
    "pagina niet gevonden", "sidan kunde inte hittas", "siden blev ikke fundet", "nie znaleziono strony",
    "strona nie istnieje", "stránka nenalezena", "sayfa bulunamadı", "pagina nu a fost găsită", "az oldal nem található",
    # ru, uk, el, ar, fa, he, hi, vi, id, th
    "страница не найдена", "ошибка 404", "запрашиваемая страница", "сторінку не знайдено", "η σελίδα δεν βρέθηκε",
    "الصفحة غير موجودة", "لم يتم العثور على الصفحة", "صفحه مورد نظر یافت نشد", "הדף לא נמצא", "पृष्ठ नहीं मिला",
    "không tìm thấy trang", "halaman tidak ditemukan", "ไม่พบหน้า",
    # zh, ja, ko
    "页面不存在", "页面已经不存在", "页面已不存在", "页面未找到", "找不到页面", "找不到网页", "您访问的页面", "访问的地址有错误",
    "頁面不存在", "找不到網頁", "您訪問的頁面", "ページが見つかりません", "お探しのページ", "ページは存在しません",
    "페이지를 찾을 수 없습니다", "요청하신 페이지",
)
#: what a site prints when its database or script broke instead of the page (MySQL, PHP, WordPress,
#: ASP.NET, Java): the same few messages in every language, because software writes them
SOFTWARE_ERRORS = (
    r"table '[^']{1,80}' doesn't exist", r"you have an error in your sql syntax", r"error establishing a database connection",
    r"mysql_(?:connect|fetch_\w+|num_rows|query)\(\)", r"supplied argument is not a valid mysql", r"sqlstate\[\w+\]",
    r"fatal error: uncaught", r"(?:fatal error|parse error|warning): .{0,200} on line \d+", r"server error in '[^']{0,80}' application",
    r"exception in thread \"main\"",
)
_PATTERN = re.compile("|".join(re.escape(p) for p in PHRASES))
_SOFTWARE = re.compile("|".join(SOFTWARE_ERRORS))


def is_error_page(text: str, max_chars: int = 2000, max_software_chars: int = 600) -> bool:
    """A short text (< ``max_chars`` after whitespace folding) that says the page is not there, or a
    very short one (< ``max_software_chars``) that is a software error: a programming question that
    quotes the same message has a question and answers around it."""
    if len(text) > 4 * max_chars:
        return False
    folded = " ".join(text.split()).lower()
    if len(folded) >= max_chars:
        return False
    return _PATTERN.search(folded) is not None or (len(folded) < max_software_chars and _SOFTWARE.search(folded) is not None)
