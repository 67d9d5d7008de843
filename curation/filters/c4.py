"""datatrove's C4 quality filter with the curly-bracket rule counted, not triggered by one bracket.

C4 drops a page on a single "{" (to remove JavaScript and other code). Prose that quotes one code
line then goes too: the enwiki sample's "ASCII" article shows ``{ a[i] = '\\n'; }`` once in 30,000
characters, and it was the only article of that sample dropped for it (benchmarks/langid_quality.py).
Here a page goes when more than ``max_curly_bracket_lines`` of its lines (of at least
``min_words_per_line`` words, the lines C4 looks at) hold a curly bracket: code, JSON and CSS dumps
do, prose quoting a snippet does not. 0.1 was read off the main texts of WCXB dev pages
(../shared/data/extraction/wcxb-dev ground truth: no listing or product page, 1/117 collection and
2/165 service pages have any bracket; of the pages that do, 6/17 articles and 15/39 documentation
pages, the code-heavy ones, go over 0.1). Every other rule is datatrove's, unchanged.
"""

from __future__ import annotations

from datatrove.data import Document
from datatrove.pipeline.filters import C4QualityFilter
from datatrove.pipeline.writers.disk_base import DiskWriter
from datatrove.utils.typeshelper import Languages


class C4Quality(C4QualityFilter):
    def __init__(
        self,
        exclusion_writer: DiskWriter | None = None,
        split_paragraph: bool = True,
        remove_citations: bool = True,
        filter_no_terminal_punct: bool = True,
        min_num_sentences: int = 5,
        min_words_per_line: int = 3,
        max_word_length: int = 1000,
        filter_lorem_ipsum: bool = True,
        filter_javascript: bool = True,
        filter_curly_bracket: bool = True,
        filter_policy: bool = True,
        language: str = Languages.english,
        max_curly_bracket_lines: float = 0.1,
    ) -> None:
        super().__init__(
            exclusion_writer, split_paragraph, remove_citations, filter_no_terminal_punct, min_num_sentences,
            min_words_per_line, max_word_length, filter_lorem_ipsum, filter_javascript, filter_curly_bracket,
            filter_policy, language,
        )
        self.max_curly_bracket_lines = max_curly_bracket_lines

    def filter(self, doc: Document) -> bool | tuple[bool, str]:
        by_rate, self.filter_curly_bracket = self.filter_curly_bracket, False
        text = doc.text
        try:
            result = super().filter(doc)
        finally:
            self.filter_curly_bracket = by_rate
        if result is not True or not by_rate:
            return result
        lines = [line for line in text.splitlines() if len(line.split()) >= max(self.min_words_per_line, 1)]
        if lines and sum("{" in line for line in lines) / len(lines) > self.max_curly_bracket_lines:
            return False, "curly_bracket"
        return True
