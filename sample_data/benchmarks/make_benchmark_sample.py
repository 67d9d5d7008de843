"""Write our own small benchmark sample, in the GSM8K, HumanEval and MMLU file formats, and a few
web-like posts that quote some of its items (so the main job shows decontamination at work).

    python sample_data/benchmarks/make_benchmark_sample.py            # rewrites the files beside it
    python sample_data/benchmarks/make_benchmark_sample.py /tmp/out   # or somewhere else

Every item and post here was written for this project; nothing is copied from a real benchmark.
Deterministic (standard library only): the same run gives the same bytes.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

# GSM8K format: {"question", "answer"}; the answer reasons step by step with <<calculator>> notes
# and ends with "#### <number>".
GSM8K = [
    ("Marisol bakes 4 trays of rolls for the school fair. Each tray holds 18 rolls. She sells 55 rolls "
     "in the morning and 12 more in the afternoon. How many rolls does she have left at the end of the fair?",
     "Marisol bakes 4 * 18 = <<4*18=72>>72 rolls.\nShe sells 55 + 12 = <<55+12=67>>67 rolls.\n"
     "She has 72 - 67 = <<72-67=5>>5 rolls left.\n#### 5"),
    ("A cyclist rides 14 kilometres to the lake and takes a longer road back that is twice as long. "
     "She does this trip on three weekends in a row. How many kilometres does she ride in total?",
     "The road back is 14 * 2 = <<14*2=28>>28 kilometres.\nOne trip is 14 + 28 = <<14+28=42>>42 kilometres.\n"
     "Three trips are 42 * 3 = <<42*3=126>>126 kilometres.\n#### 126"),
    ("Tobias collects seashells. On Monday he finds 23 shells, on Tuesday 9 fewer than on Monday, and on "
     "Wednesday as many as on Monday and Tuesday together. How many shells did he find over the three days?",
     "On Tuesday he finds 23 - 9 = <<23-9=14>>14 shells.\nOn Wednesday he finds 23 + 14 = <<23+14=37>>37 shells.\n"
     "In total he finds 23 + 14 + 37 = <<23+14+37=74>>74 shells.\n#### 74"),
    ("A community garden has 6 rows of tomato plants with 15 plants in each row. Each plant gives 3 kilograms "
     "of tomatoes. The gardeners give away a third of the harvest. How many kilograms do they keep?",
     "There are 6 * 15 = <<6*15=90>>90 plants.\nThey harvest 90 * 3 = <<90*3=270>>270 kilograms.\n"
     "They give away 270 / 3 = <<270/3=90>>90 kilograms and keep 270 - 90 = <<270-90=180>>180 kilograms.\n#### 180"),
    ("Priya saves 35 dollars every week for a new keyboard that costs 400 dollars. She already has 120 dollars. "
     "How many weeks does she need to save before she can buy the keyboard?",
     "She still needs 400 - 120 = <<400-120=280>>280 dollars.\nThat takes 280 / 35 = <<280/35=8>>8 weeks.\n#### 8"),
    ("A library lends out 48 books on Saturday. On Sunday it lends out a quarter more books than on Saturday. "
     "Half of all the books lent over the weekend are picture books. How many picture books were lent?",
     "A quarter of 48 is 48 / 4 = <<48/4=12>>12, so on Sunday it lends 48 + 12 = <<48+12=60>>60 books.\n"
     "Over the weekend it lends 48 + 60 = <<48+60=108>>108 books.\nHalf of them is 108 / 2 = <<108/2=54>>54.\n#### 54"),
    ("Oskar fills his aquarium with 5 buckets of water. Each bucket holds 12 litres, but he spills 2 litres "
     "from every bucket on the way. How many litres of water end up in the aquarium?",
     "Each bucket brings 12 - 2 = <<12-2=10>>10 litres.\nFive buckets bring 5 * 10 = <<5*10=50>>50 litres.\n#### 50"),
    ("A bus company runs 7 buses on the river route. Each bus makes 9 trips a day and carries 32 passengers on "
     "every trip. How many passengers ride on the river route in one day?",
     "All buses make 7 * 9 = <<7*9=63>>63 trips.\nThey carry 63 * 32 = <<63*32=2016>>2016 passengers.\n#### 2016"),
    ("Lena reads 24 pages of her novel each evening. The novel has 312 pages and she has already read 96 of them. "
     "How many more evenings does she need to finish it?",
     "She has 312 - 96 = <<312-96=216>>216 pages left.\nThat is 216 / 24 = <<216/24=9>>9 evenings.\n#### 9"),
    ("A painter needs 3 litres of paint for every 20 square metres of wall. The hall has 4 walls of 35 square "
     "metres each. How many litres of paint does the painter need for the hall?",
     "The walls cover 4 * 35 = <<4*35=140>>140 square metres.\nThat is 140 / 20 = <<140/20=7>>7 times 20 square metres.\n"
     "The painter needs 7 * 3 = <<7*3=21>>21 litres.\n#### 21"),
]

# HumanEval format: task_id, prompt (signature + docstring), canonical_solution, test, entry_point.
HUMANEVAL = [
    ("count_vowel_words",
     'def count_vowel_words(sentence: str) -> int:\n    """Count the words of the sentence that start with a vowel,\n'
     '    ignoring case. Words are separated by single spaces.\n    >>> count_vowel_words("an apple fell on every turtle")\n'
     '    4\n    >>> count_vowel_words("")\n    0\n    """\n',
     '    count = 0\n    for word in sentence.split():\n        if word[0].lower() in "aeiou":\n            count += 1\n'
     '    return count\n',
     'def check(candidate):\n    assert candidate("an apple fell on every turtle") == 4\n    assert candidate("") == 0\n'),
    ("running_maximum",
     'from typing import List\n\n\ndef running_maximum(values: List[int]) -> List[int]:\n    """Return a list where each element '
     'is the largest value seen so far\n    while walking through the input from left to right.\n'
     '    >>> running_maximum([3, 1, 4, 1, 5])\n    [3, 3, 4, 4, 5]\n    """\n',
     '    result = []\n    best = None\n    for value in values:\n        if best is None or value > best:\n'
     '            best = value\n        result.append(best)\n    return result\n',
     'def check(candidate):\n    assert candidate([3, 1, 4, 1, 5]) == [3, 3, 4, 4, 5]\n    assert candidate([]) == []\n'),
    ("is_balanced_brackets",
     'def is_balanced_brackets(text: str) -> bool:\n    """Check whether every opening round bracket in the text has a\n'
     '    matching closing bracket that comes after it. Other characters are ignored.\n'
     '    >>> is_balanced_brackets("(a(b)c)")\n    True\n    >>> is_balanced_brackets(")(")\n    False\n    """\n',
     '    depth = 0\n    for char in text:\n        if char == "(":\n            depth += 1\n        elif char == ")":\n'
     '            depth -= 1\n            if depth < 0:\n                return False\n    return depth == 0\n',
     'def check(candidate):\n    assert candidate("(a(b)c)")\n    assert not candidate(")(")\n'),
    ("digits_product",
     'def digits_product(number: int) -> int:\n    """Multiply together all non-zero digits of a positive whole number\n'
     '    and return the product. A number with only zero digits gives 1.\n    >>> digits_product(2305)\n    30\n    """\n',
     '    product = 1\n    for digit in str(number):\n        if digit != "0":\n            product *= int(digit)\n'
     '    return product\n',
     'def check(candidate):\n    assert candidate(2305) == 30\n    assert candidate(100) == 1\n'),
    ("longest_plateau",
     'from typing import List\n\n\ndef longest_plateau(heights: List[int]) -> int:\n    """Return the length of the longest run of '
     'equal neighbouring heights\n    in the list, or zero for an empty list.\n    >>> longest_plateau([1, 2, 2, 2, 3, 3])\n'
     '    3\n    """\n',
     '    best = 0\n    run = 0\n    previous = None\n    for height in heights:\n        run = run + 1 if height == previous else 1\n'
     '        previous = height\n        best = max(best, run)\n    return best\n',
     'def check(candidate):\n    assert candidate([1, 2, 2, 2, 3, 3]) == 3\n    assert candidate([]) == 0\n'),
]

# MMLU format: CSV without header, question, four choices, answer letter; one file per subject.
MMLU = {
    "garden_science": [
        ("Why do gardeners often plant beans after a season of tomatoes in the same bed?",
         "Beans add nitrogen to the soil through bacteria in their root nodules", "Beans need less sunlight than tomatoes",
         "Beans drive away every insect that feeds on tomatoes", "Beans grow only in soil that tomatoes have loosened", "A"),
        ("A gardener notices that the lower leaves of her pepper plants turn yellow first while new leaves stay green. "
         "Which shortage is the most likely cause?", "Nitrogen", "Iron", "Calcium", "Sulfur", "A"),
        ("What is the main purpose of spreading a thick layer of mulch around young fruit trees in early summer?",
         "To keep moisture in the soil and hold back weeds", "To raise the soil temperature above thirty degrees",
         "To make the soil more acidic within a week", "To stop the roots from taking up oxygen", "A"),
        ("Which property of clay soil makes it drain more slowly than sandy soil after heavy rain?",
         "Its very small particles leave only tiny pores between them", "It contains more organic matter than any other soil",
         "Its particles repel water molecules", "It is always colder than sandy soil", "A"),
        ("Bees visiting a squash flower carry pollen from the male flower to the female flower. What does this "
         "transfer allow the plant to do?", "Form fruit with seeds", "Open its flowers earlier in the morning",
         "Grow longer vines", "Take up more water through its leaves", "A"),
    ],
    "city_planning": [
        ("A town council wants fewer cars in its historic centre without closing any shops. Which measure most "
         "directly lowers car traffic there?", "Building a park-and-ride lot at the edge of town with a frequent shuttle",
         "Adding two more lanes to the main street", "Removing all bicycle racks from the square",
         "Extending free parking hours in the centre", "A"),
        ("What does a planner mean by the term mixed-use zoning in a new neighbourhood plan?",
         "Homes, shops and offices are allowed to share the same blocks or buildings",
         "Only industrial buildings may be built near the river", "Every street must carry both buses and trams",
         "Schools are placed outside the town limits", "A"),
        ("Why do many cities plant rows of trees along wide streets in hot climates?",
         "The shade lowers the surface temperature of pavements and buildings", "Trees make the streets wider for trucks",
         "Tree roots strengthen the water pipes below the road", "The trees stop rain from reaching the drains", "A"),
        ("A new bridge is planned across the harbour. Which study should come first to judge its effect on local "
         "traffic?", "A count of current journeys and their origins and destinations", "A survey of paint colours for the railings",
         "A list of famous bridges in other countries", "An estimate of the ticket price for the opening ceremony", "A"),
        ("Which design choice makes a pedestrian crossing safer for children walking to school?",
         "Raising the crossing to pavement height so that cars must slow down", "Painting the crossing the same grey as the road",
         "Moving the crossing to the middle of a sharp bend", "Removing the traffic light to save power", "A"),
    ],
}

# Web posts that quote one item each: (item kind, item number, id, url, text before, text after).
LEAKS = [
    ("gsm8k", 0, "leak-bakery-homework", "https://forum.example/homework/fair-rolls",
     "My daughter brought this word problem home from her fourth grade class and we spent most of the evening "
     "arguing about it at the kitchen table. She insists the answer is something else, and her older brother "
     "keeps telling her that she forgot a step. I am honestly not sure who is right any more, so I am posting it "
     "here in the hope that somebody can explain it in a way that a nine year old will accept. The worksheet says:",
     "We worked it through together in the end, and what helped most was drawing the trays as boxes on a sheet of "
     "paper and crossing off the rolls as they were sold. Once she could see the numbers she understood why you "
     "multiply first and subtract afterwards. Her teacher told the class that the point of these exercises is to "
     "read the whole story before reaching for the numbers, which is good advice for adults as well. If anyone has "
     "other tricks for making multi-step problems less frightening for young children, please share them, because "
     "there are twenty more of these in the workbook and I would like the next evening to be a little calmer."),
    ("humaneval", 2, "leak-brackets-blog", "https://devnotes.example/posts/bracket-checker",
     "Last week a reader asked me how interview questions about brackets are usually solved, and since the same "
     "exercise appears in almost every beginner course, I thought it deserved a short post of its own. The idea is "
     "to walk through the text once and keep a counter of how deep we are inside brackets. Here is the complete "
     "function, including the examples that the exercise gives in its description:",
     "The counter goes up for every opening bracket and down for every closing one. If it ever drops below zero, a "
     "closing bracket came before its partner and we can stop early. At the end the text is balanced only when the "
     "counter is back at zero. This runs in linear time and uses constant memory, which is about as good as it gets "
     "for this problem. In a later post I will extend the same idea to square and curly brackets, where a simple "
     "counter is no longer enough and a stack becomes the natural tool to keep track of what is still open.\n"
     "A few readers wrote to say that they would have solved it with a regular expression. That is a fun puzzle in "
     "its own right, but nested structures are exactly what regular expressions are bad at, and the loop above is "
     "easier to read, to test and to explain to a colleague. When you practise with exercises like this one, try "
     "to say out loud what the program should do before writing any code, then check your idea against the "
     "examples in the description. Most mistakes I see in beginner solutions come from skipping that first step "
     "rather than from any difficulty with the language itself. Thank you again to everyone who sent in questions "
     "this month; keep them coming, and I will answer as many of them as I can in the coming weeks."),
    ("mmlu", ("garden_science", 1), "leak-garden-quiz", "https://greenthumbs.example/quiz/week-12",
     "Every week our allotment society posts a short quiz question in the newsletter, and the member with the most "
     "correct answers over the season wins a voucher for the seed shop on the high street. This week's question "
     "comes from our chair, who has been growing peppers in the same greenhouse for more than fifteen years and "
     "has seen every problem a pepper plant can have. Read it carefully before you answer:",
     "Send your answer to the newsletter address before Friday evening. Last week most of you knew that comfrey "
     "makes an excellent liquid feed, although a few people suggested nettles, which also work well. The full "
     "explanation for this week's question will appear in the next issue together with a short guide on feeding "
     "peppers and chillies through the summer, written by two members who grew a record crop last year. Remember "
     "that the autumn show is only six weeks away, so now is the time to start planning your entries."),
]


def _jsonl(rows: list[dict]) -> bytes:
    return "".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in rows).encode("utf-8")


def _csv(rows: list[tuple]) -> bytes:
    buf = io.StringIO(newline="")
    csv.writer(buf, lineterminator="\n").writerows(rows)
    return buf.getvalue().encode("utf-8")


def _quote(kind: str, which) -> str:
    """An item as a post would show it: the GSM8K question, the whole HumanEval function, the MMLU
    question with labelled choices."""
    if kind == "gsm8k":
        return GSM8K[which][0]
    if kind == "humaneval":
        _, prompt, solution, _ = HUMANEVAL[which]
        return prompt + solution
    subject, row = which
    q, *choices, _ = MMLU[subject][row]
    return "\n".join([q, *(f"{label}) {c}" for label, c in zip("ABCD", choices))])


def build() -> dict[str, bytes]:
    files = {
        "gsm8k_sample.jsonl": _jsonl([{"question": q, "answer": a} for q, a in GSM8K]),
        "humaneval_sample.jsonl": _jsonl([
            {"task_id": f"SampleEval/{i}", "prompt": p, "canonical_solution": s, "test": t, "entry_point": name}
            for i, (name, p, s, t) in enumerate(HUMANEVAL)]),
        "leaked_docs.jsonl": _jsonl([
            {"id": doc_id, "url": url, "text": f"{before}\n{_quote(kind, which)}\n{after}"}
            for kind, which, doc_id, url, before, after in LEAKS]),
    }
    for subject, rows in MMLU.items():
        files[f"mmlu_sample/{subject}_test.csv"] = _csv(rows)
    return files


def generate(out_dir: Path) -> list[str]:
    """Write every file under ``out_dir``; returns their paths relative to it, sorted."""
    out = Path(out_dir)
    for rel, data in build().items():
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_bytes(data)
    return sorted(build())


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE
    for rel in generate(target):
        print(target / rel)
