"""MediaWiki wikitext -> plain prose, with mwparserfromhell's parse tree and a final scrub.

What happens to each construct:

* templates (infoboxes, navboxes, citations, hatnotes, ...) are removed, except a few inline ones
  whose text is part of the sentence (``INLINE_TEMPLATES``: convert, lang, nowrap, ndash, ...);
* links become their label (``[[Paris|the capital]]`` -> "the capital", ``[[bus]]es`` -> "buses");
  File/Image/Media/Category links and interlanguage links go; external links keep their label only;
* ``<ref>`` footnotes, tables (removed, not flattened: their cells are rarely sentences), math,
  galleries and comments are removed; other HTML tags keep their text; entities are decoded;
* headings become plain lines; sections such as "References", "External links", "See also" are
  dropped whole (``DROP_SECTIONS``); bold/italic quotes vanish; list items become "- " lines;
* as MediaWiki renders it, a single newline inside a paragraph is a space (lines are unwrapped),
  while list items, indented lines, ``<br>`` and ``<poem>`` lines keep their own line;
* a last scrub removes whatever markup the parser left as text (unbalanced ``{{``, ``[[``,
  ``'''``, stray tags, table lines, ``__NOTOC__``) and tidies spaces around removed footnotes.
"""

from __future__ import annotations

import html
import re

import mwparserfromhell
from mwparserfromhell import nodes as N

DROP_SECTIONS = frozenset({
    "references", "external links", "see also", "further reading", "notes", "bibliography", "sources",
    "citations", "footnotes", "notes and references", "references and notes", "general references",
    "works cited", "gallery", "external links and references", "related articles",
    # the same sections in the largest Wikipedias (their manuals of style name them so)
    "einzelnachweise", "weblinks", "literatur", "siehe auch", "anmerkungen", "quellen",  # de
    "références", "liens externes", "voir aussi", "notes et références", "articles connexes", "bibliographie",  # fr
    "referencias", "enlaces externos", "véase también", "bibliografía", "notas",  # es
    "note", "bibliografia", "voci correlate", "collegamenti esterni", "altri progetti",  # it
    "referências", "ligações externas", "ver também", "notas e referências",  # pt
    "примечания", "литература", "ссылки", "см. также", "источники",  # ru
    "примітки", "джерела", "посилання", "див. також", "література",  # uk
    "източници", "външни препратки", "вижте също", "бележки",  # bg
    "референце", "спољашње везе", "види још", "литература",  # sr
    "przypisy", "linki zewnętrzne", "zobacz też",  # pl
    "externe links", "bronnen", "zie ook", "referenties", "noten",  # nl
    "referenser", "externa länkar", "se även", "källor", "noter",  # sv
    "referanser", "eksterne lenker", "se også", "litteratur", "kilder", "eksterne henvisninger",  # no/da
    "externí odkazy", "související články", "poznámky", "odkazy",  # cs
    "lähteet", "aiheesta muualla", "katso myös", "kirjallisuutta",  # fi
    "jegyzetek", "források", "további információk", "kapcsolódó szócikkek",  # hu
    "kaynakça", "dış bağlantılar", "ayrıca bakınız", "notlar",  # tr
    "referensi", "pranala luar", "lihat pula", "catatan",  # id
    "tham khảo", "liên kết ngoài", "xem thêm", "chú thích",  # vi
    "مراجع", "وصلات خارجية", "انظر أيضا", "انظر أيضًا", "منابع", "پیوند به بیرون", "جستارهای وابسته",  # ar, fa
    "הערות שוליים", "קישורים חיצוניים", "ראו גם",  # he
    "παραπομπές", "εξωτερικοί σύνδεσμοι", "δείτε επίσης",  # el
    "legături externe", "vezi și", "bibliografie",  # ro
    "referències", "enllaços externs", "vegeu també",  # ca
    "脚注", "参考文献", "関連項目", "外部リンク", "出典",  # ja
    "参考资料", "外部链接", "参见", "注释", "參考資料", "外部連結", "參見", "註釋",  # zh
    "각주", "참고 문헌", "외부 링크", "같이 보기",  # ko
    "βιβλιογραφία",  # el
    "তথ্যসূত্র", "বহিঃসংযোগ", "আরও দেখুন", "টীকা",  # bn
    "संदर्भ", "बाह्य दुवे", "हे सुद्धा पहा", "संदर्भ आणि नोंदी",  # mr
    "ծանոթագրություններ", "արտաքին հղումներ", "տես նաև", "գրականություն",  # hy
})
_DROP_LINK_NS = frozenset({"file", "image", "media", "category"})
_DROP_TAGS = frozenset({"ref", "references", "table", "math", "chem", "ce", "gallery", "timeline", "imagemap",
                        "score", "graph", "templatedata", "hiero", "mapframe", "maplink", "inputbox",
                        "categorytree", "includeonly", "noinclude", "indicator", "section"})
_VERBATIM_TAGS = frozenset({"nowiki", "pre", "syntaxhighlight", "source"})
_BLOCK_TAGS = frozenset({"div", "p", "blockquote", "poem", "center", "hr", "dl", "ul", "ol"})
#: Placeholders while rendering: a hard line break, a list item's marker, a line that stands alone.
_HARD, _ITEM, _LINE = "\x01", "\x02", "\x03"
_LANG_CODE = re.compile(r"^[a-z]{2,3}(?:-[a-z]{2,8})*$")
_DISAMBIG = re.compile(r"\{\{\s*(?:disambiguation|disambig|dab|disamb|hndis|geodis|numberdis|letter-number"
                       r" combination disambiguation|[^{}|\n]{0,40}\bdisambiguation)\s*(?:\||\}\})", re.I)
_REDIRECT = re.compile(r"^\s*#\s*REDIRECT\b", re.I)

#: Inline templates whose output is part of the sentence: name -> how to render (positional params).
_FIRST = {"nowrap", "nobr", "small", "smaller", "big", "larger", "nobold", "noitalic", "sc", "smallcaps",
          "em", "strong", "var", "code", "mono", "abbr", "visible anchor", "vanchor", "ill", "interlanguage link",
          "lang-x", "nihongo", "nihongo2", "keypress", "quote", "blockquote", "linktext", "uc", "lc", "ucfirst",
          "lcfirst", "angbr", "sic", "not a typo", "proper name", "script"}
_CONSTANT = {"ndash": "–", "mdash": "—", "snd": " – ", "spaced ndash": " – ", "spnd": " – ", "nbsp": " ",
             "'": "'", "' \"": "'\"", "\" '": "\"'", "=": "=", "!": "|", "-": "", "•": " • ", "middot": "·",
             "dot": " · ", "thinsp": " ", "zwsp": "", "ampersand": "&", "amp": "&"}
_LAST = {"lang", "transl", "transliteration"}
INLINE_TEMPLATES = frozenset({"convert", "cvt", *_LAST, "frac", "sfrac", "as of", "circa", "c.", "sortname",
                              *_FIRST, *_CONSTANT})


def is_redirect(wikitext: str) -> bool:
    return bool(_REDIRECT.match(wikitext))


def is_disambiguation(wikitext: str) -> bool:
    return bool(_DISAMBIG.search(wikitext))


def _positional(tpl: N.Template) -> list[N.extras.Parameter]:
    return [p for p in tpl.params if not p.showkey]


def _template(tpl: N.Template, out: list[str], state: dict) -> None:
    name = " ".join(str(tpl.name).split()).lower()
    if name.startswith("lang-") and name not in _FIRST:
        name = "lang-x"
    if name not in INLINE_TEMPLATES:
        return
    if name in _CONSTANT:
        out.append(_CONSTANT[name])
        return
    pos = [_render_str(p.value, state).strip() for p in _positional(tpl)]
    if not pos:
        return
    if name in ("convert", "cvt"):
        joiners = {"-", "–", "to", "and", "or", "by", "x", "×", "+", "and(-)", "to(-)"}
        n = 4 if len(pos) > 3 and pos[1] in joiners else 2
        out.append(" ".join(pos[:n]).replace(" - ", "–"))
    elif name in _LAST:  # {{lang|fr|texte}}, {{transl|ja|dō}}
        out.append(pos[-1])
    elif name in ("frac", "sfrac"):
        out.append(pos[0] if len(pos) == 1 else " ".join(pos[:-2] + [f"{pos[-2]}/{pos[-1]}"]))
    elif name == "as of":
        out.append("As of " + " ".join(pos[:3]))
    elif name in ("circa", "c."):
        out.append("c. " + pos[0])
    elif name == "sortname":
        out.append(" ".join(pos[:2]))
    elif name in ("quote", "blockquote"):
        text = tpl.get("text").value if tpl.has("text") else None
        out.append("\n\n" + (_render_str(text, state).strip() if text is not None else pos[0]) + "\n\n")
    else:
        out.append(pos[0])


def _link(link: N.Wikilink, out: list[str], state: dict) -> None:
    title = str(link.title).strip()
    visible = title.startswith(":")  # [[:Category:X]] shows a link instead of categorising
    title = title.lstrip(":").strip()
    prefix = title.split(":", 1)[0].strip().lower() if ":" in title else ""
    has_text = link.text is not None and str(link.text).strip()
    if not visible and prefix in state.get("drop_ns", _DROP_LINK_NS):
        return
    if not visible and not has_text and _LANG_CODE.match(prefix or "-"):  # [[de:Paris]]: interlanguage
        return
    if has_text:
        out.append(_render_str(link.text, state))
        return
    shown = _render_str(link.title, state).strip().lstrip(":").strip()  # entities in titles decoded
    out.append(shown.lstrip("#") if shown.startswith("#") else shown.split(":", 1)[-1] if prefix else shown)


def _render(code, out: list[str], state: dict) -> None:
    for node in code.nodes:
        if isinstance(node, N.Heading):
            if state["skip_level"] and node.level > state["skip_level"]:
                continue  # a subsection of a dropped section
            title = " ".join(_render_str(node.title, state).split())
            state["skip_level"] = node.level if title.lower() in state["drop_sections"] else 0
            if state["skip_level"]:
                continue
            out.append(f"\n\n{title}\n\n")
            continue
        if state["skip_level"]:
            continue
        if isinstance(node, N.Text):
            out.append(node.value)
        elif isinstance(node, N.Wikilink):
            _link(node, out, state)
        elif isinstance(node, N.Template):
            _template(node, out, state)
        elif isinstance(node, N.HTMLEntity):
            out.append(node.normalize())
        elif isinstance(node, N.ExternalLink):
            if node.title is not None:
                out.append(_render_str(node.title, state))
        elif isinstance(node, N.Tag):
            _tag(node, out, state)
        # comments, template arguments ({{{x}}}) and anything else: dropped


def _tag(tag: N.Tag, out: list[str], state: dict) -> None:
    name = str(tag.tag).strip().lower()
    if name in _DROP_TAGS:
        return
    at_line_start = not out or out[-1].endswith("\n")
    if name == "br":
        out.append(_HARD)
    elif name == "li":
        out.append(_ITEM if at_line_start else "")
    elif name in ("dt", "dd"):
        out.append(_LINE if at_line_start else " ")
    elif name == "poem" and tag.contents is not None:
        out.append("\n\n" + _render_str(tag.contents, state).strip("\n").replace("\n", _HARD) + "\n\n")
    elif name in _VERBATIM_TAGS:
        out.append(html.unescape(str(tag.contents)) if tag.contents is not None else "")
    elif tag.contents is not None:
        block = name in _BLOCK_TAGS
        out.append("\n\n" if block else "")
        _render(tag.contents, out, state)
        out.append("\n\n" if block else "")


def _render_str(code, state: dict) -> str:
    out: list[str] = []
    saved = state["skip_level"]
    state["skip_level"] = 0  # headings never occur inside a link or parameter; do not inherit a skip
    _render(code, out, state)
    state["skip_level"] = saved
    return "".join(out)


_TEMPLATE_LEFT = re.compile(r"\{\{[^{}]*\}\}")
_LINK_LEFT = re.compile(r"\[\[\s*(:?)([^\[\]|]*?)\s*(?:\|([^\[\]]*))?\]\]")
_TAG_LEFT = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")
_REF_LEFT = re.compile(r"<ref\b[^>]*?/>|<ref\b[^>]*>.*?</ref\s*>", re.I | re.S)
_COMMENT_LEFT = re.compile(r"<!--.*?(?:-->|$)", re.S)
_TABLE_LINE = re.compile(r"^\s*(?:\{\||\||!(?=\s|!))")  # prose never starts a line with "|"
_HEADING_LINE = re.compile(r"^(={1,6})\s*(.*?)\s*\1\s*$")


def _link_left(m: re.Match, drop_ns: frozenset[str] = _DROP_LINK_NS) -> str:
    colon, target, label = m.groups()
    prefix = target.split(":", 1)[0].strip().lower() if ":" in target else ""
    if not colon and (prefix in drop_ns or (_LANG_CODE.match(prefix or "-") and label is None)):
        return ""
    return label.rsplit("|", 1)[-1] if label else target


def unwrap(text: str) -> str:
    """Lines of one paragraph joined with spaces, except list items, indented and standalone lines."""
    paras = []
    for para in re.split(r"\n[ \t]*\n", text):
        lines: list[str] = []
        alone = True
        for line in para.split("\n"):
            this_alone = line[:1] in (_ITEM, _LINE, " ", "\t") or not line.strip()
            if lines and not alone and not this_alone:
                lines[-1] = f"{lines[-1]} {line}"
            else:
                lines.append(line)
            alone = this_alone
        paras.append("\n".join(lines))
    text = "\n\n".join(paras)
    return text.replace(_ITEM, "- ").replace(_LINE, "").replace(_HARD, "\n")


def scrub(text: str, drop_ns: frozenset[str] = _DROP_LINK_NS) -> str:
    """Markup the parser left as text removed; spaces, punctuation and blank lines tidied."""
    text = _REF_LEFT.sub("", _COMMENT_LEFT.sub("", text))  # comments first: one may mention "<ref>"
    for _ in range(5):  # nested leftovers, innermost first
        text, n = _TEMPLATE_LEFT.subn("", text)
        if not n:
            break
    for _ in range(5):  # links the parser left as text (e.g. around broken bold markup), innermost first
        text, n = _LINK_LEFT.subn(lambda m: _link_left(m, drop_ns), text)
        if not n:
            break
    text = _TAG_LEFT.sub("", text)
    text = re.sub(r"__[A-Z]{2,}__", "", text)
    text = text.replace("{{", "").replace("}}", "").replace("[[", "").replace("]]", "")
    text = re.sub(r"'{2,}", "", text)
    lines = []
    for line in text.split("\n"):
        if _TABLE_LINE.match(line):
            continue
        m = _HEADING_LINE.match(line.strip())
        line = m.group(2) if m else line
        line = " ".join(line.split())
        line = re.sub(r"\s+([,.;:!?%)\]])", r"\1", line)
        line = re.sub(r"([(\[])\s+", r"\1", line)
        line = re.sub(r"\((?:[,;:.\s]*)\)|\[\s*\]", "", line)  # brackets emptied by removed templates
        line = re.sub(r"\(\s*[,;]\s*", "(", line)
        line = " ".join(line.split())
        if line in ("-", "*", "#", ":", ";", "•") or not line.strip("-*#:;•, "):
            line = ""
        lines.append(line)
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def wikitext_to_text(wikitext: str, drop_sections: frozenset[str] = DROP_SECTIONS,
                     link_namespaces: frozenset[str] = frozenset()) -> str:
    """Plain text of one page's wikitext (see the module docstring for what is kept).

    ``link_namespaces``: the wiki's own (lower-cased) names of its File, Media and Category
    namespaces, from the dump's ``siteinfo`` ("файл", "категория"...), dropped like the English ones."""
    drop_ns = _DROP_LINK_NS | link_namespaces
    state = {"drop_sections": drop_sections, "skip_level": 0, "drop_ns": drop_ns}
    # Footnotes and comments go before parsing: a third of a typical article, never prose, and a
    # malformed <ref> can make the parser swallow the sentences after it (measured on enwiki pages).
    wikitext = _REF_LEFT.sub("", _COMMENT_LEFT.sub("", wikitext))
    try:
        code = mwparserfromhell.parse(wikitext)
        out: list[str] = []
        _render(code, out, state)
        text = unwrap("".join(out))
    except (RecursionError, ValueError, TypeError, AttributeError):  # pathological markup: scrub the raw text
        text = html.unescape(wikitext)
    return scrub(text, drop_ns)
