"""Our additive 0-5 educational-value rubric, as chat messages for an OpenAI-compatible endpoint.

The scheme follows the idea of FineWeb-Edu's annotation prompt (points are *added* for criteria of
increasing strictness, so a page earns a high score only by clearing every lower bar), but the
wording is ours. The model is asked for a short justification and a last line
``Educational score: <0-5>``, which ``curation.classify.reply.parse_score`` reads.

``RUBRIC_VERSION`` goes into the annotation cache key: change it whenever the wording changes, so
that cached scores from an older rubric are never mixed with new ones.
"""

from __future__ import annotations

#: Bump on any change to the text below (it is part of every cache key).
RUBRIC_VERSION = "edu-additive-v1"

#: Default number of characters of a document shown to the model (about 1.5-2k tokens of English).
DEFAULT_MAX_CHARS = 6000

SYSTEM_PROMPT = (
    "You are a careful reviewer who grades web documents for how useful they would be for teaching "
    "and learning. You apply the rubric you are given literally, judge only the text you are shown, "
    "and always finish with the score line in exactly the requested format."
)

_RUBRIC = """\
Below is an extract of a web document. Decide how much educational value it has for teaching \
students from primary school up to the end of secondary school, using the additive points system \
described here. Start from 0 and add the points of each criterion the extract meets; the criteria \
get stricter, and a point should only be given if the extract also deserves the points before it.

- Add 1 point if the extract gives at least some basic information related to an educational \
subject, even if it is mixed with unrelated or non-academic material such as advertising, \
navigation text or promotional language.
- Add a 2nd point if it deals with concepts that matter for school-level learning in a coherent \
way, even if it is incomplete, mixes in extraneous material, or is written in a plain, \
non-didactic style.
- Add a 3rd point if it would be suitable for use in a school setting and introduces key ideas \
of a curriculum subject; the treatment may be shallow or leave things out, but it is coherent \
and reasonably focused.
- Add a 4th point if it is highly relevant and beneficial for learning at school level: clearly \
and consistently written, focused on teaching, easy to follow, with little or no irrelevant \
content, comparable to a chapter of a textbook or a good tutorial.
- Add a 5th point if its educational value is outstanding: ideal for teaching at primary or \
secondary school, with detailed reasoning, well-chosen examples or exercises, and insight that \
a student could learn a great deal from.

Give 0 points if the extract meets none of the criteria (for example: pure advertising, spam, \
navigation menus, boilerplate, or content unsuitable for students).

The extract:
<document>
{document}
</document>
{truncation_note}
After reading the extract:
- Justify your total briefly, in at most 100 words.
- End your answer with one final line in exactly this format: "Educational score: <total points>", \
where <total points> is a whole number from 0 to 5."""


def truncate(text: str, max_chars: int) -> tuple[str, bool]:
    """The first ``max_chars`` characters of ``text`` (cut at a word boundary when one is near)."""
    if max_chars <= 0:
        raise ValueError(f"max_chars must be positive, got {max_chars}")
    if len(text) <= max_chars:
        return text, False
    cut = text[:max_chars]
    space = max(cut.rfind(" "), cut.rfind("\n"))
    if space >= max_chars * 0.9:  # do not split a word when a boundary is close to the limit
        cut = cut[:space]
    return cut.rstrip(), True


def build_messages(text: str, max_chars: int = DEFAULT_MAX_CHARS) -> list[dict]:
    """The system and user messages that ask for the score of ``text`` (cut to ``max_chars``)."""
    shown, cut = truncate(text, max_chars)
    note = "(The extract was cut at this point; the document goes on.)\n" if cut else ""
    user = _RUBRIC.format(document=shown, truncation_note=note)
    return [{"role": "system", "content": SYSTEM_PROMPT}, {"role": "user", "content": user}]
