"""Answer extraction and plurality (issue 18): every agreed answer set kept with the right answer, every
set without a plurality rejected, on a table of formats models really write."""

from __future__ import annotations

import json

import pytest

from curation.synth.verify import Verdict, extract_answer, plurality

#: (text, kind, expected canonical answer)
EXTRACTION = [
    ("So the total is 5 + 7 = 12. The answer is 12.", "auto", "12"),
    ("Thus the cost is \\boxed{1,000}.", "auto", "1000"),
    ("#### 1000.0", "auto", "1000"),
    ("\\boxed{\\frac{1}{2}}", "auto", "0.5"),
    ("The answer is 0.5", "auto", "0.5"),
    ("The answer is 3/6", "auto", "0.5"),
    ("\\boxed{\\frac{2}{6}}", "auto", "1/3"),
    ("$\\boxed{\\dfrac{-3}{6}}$", "number", "-0.5"),
    ("The final answer is: $\\boxed{-3}$", "auto", "-3"),
    ("The answer is −4 (a unicode minus)", "number", "-4"),
    ("She pays $1,250.00 in total.\n#### 1250", "number", "1250"),
    ("We get 3 apples and then 4 more: 7 apples", "auto", "7"),
    ("It costs 2.50 dollars", "number", "2.5"),
    ("The answer is 12 apples.", "auto", "12"),
    ("The answer is x = 5", "auto", "5"),
    ("The answer is 1e3", "auto", "1000"),
    ("Step 1: 2 * 3 = 6.\nStep 2: 6 + 1 = 7.\nAnswer: 7", "auto", "7"),
    ("First I thought the answer is 5, but re-checking, the answer is 6.", "auto", "6"),
    ("\\boxed{\\text{(B)}}", "auto", "B"),
    ("Answer: (C)", "auto", "C"),
    ("B", "auto", "B"),
    ("I think it is B.\nAnswer: D", "choice", "D"),
    ("The correct option is (B) because the others are wrong.", "choice", "B"),
    ("(e)", "choice", "E"),
    ("**C**", "choice", "C"),
    ("The Answer Is C.", "choice", "C"),
    ("The answer is Paris.", "auto", "paris"),
    ("The answer is **Paris**", "text", "paris"),
    ("Answer: \\text{Paris}", "auto", "paris"),
    ("The answer is A cat.", "text", "a cat"),
    ("  the   Eiffel  Tower ", "text", "the eiffel tower"),
    ("no numbers here at all", "number", None),
    ("There is no number in this sentence at all.", "auto", None),
    ("Let me think about which option fits best here.", "choice", None),
    ("the answer is a cat", "choice", None),
    ("", "auto", None),
]


@pytest.mark.parametrize("text,kind,expected", EXTRACTION, ids=[f"{i}:{t[:30]}" for i, (t, _, _) in enumerate(EXTRACTION)])
def test_extract_answer(text, kind, expected):
    assert extract_answer(text, kind) == expected


def test_an_unknown_kind_is_refused_naming_it():
    with pytest.raises(ValueError, match="kind: 'float'"):
        extract_answer("1", "float")


#: (samples, kind, expected answer or None when the set must be rejected, reason)
PLURALITY = [
    (["The answer is 42.", "\\boxed{42}", "#### 42", "I get 41. The answer is 41."], "auto", "42", "agreed"),
    (["\\boxed{1,000}", "The answer is 1000.0", "1000", "#### 999"], "auto", "1000", "agreed"),
    (["\\boxed{\\frac{1}{2}}", "The answer is 0.5", "so 2/4\n#### 2/4"], "number", "0.5", "agreed"),
    (["Answer: (B)", "B", "The correct option is (B).", "Answer: C", "(b)"], "choice", "B", "agreed"),
    (["The answer is Paris.", "Answer: paris", "**Paris**\nThe answer is Paris"], "text", "paris", "agreed"),
    (["The answer is 7", "The answer is 7", "I am not sure."], "auto", "7", "agreed"),
    (["7"], "auto", "7", "agreed"),
    # rejected: ties, shares not above one half, nothing extractable
    (["The answer is 42.", "The answer is 41."], "auto", None, "no_plurality"),
    (["\\boxed{1}", "\\boxed{2}", "\\boxed{3}"], "auto", None, "no_plurality"),
    (["\\boxed{3}", "\\boxed{3}", "\\boxed{4}", "\\boxed{4}", "\\boxed{5}"], "auto", None, "no_plurality"),
    (["\\boxed{3}", "\\boxed{3}", "\\boxed{4}", "I cannot solve this."], "auto", None, "no_plurality"),
    (["The answer is 0.5", "The answer is 1/3", "The answer is 0.5", "The answer is 0.333"], "number", None, "no_plurality"),
    (["Answer: A", "Answer: B", "Answer: A", "Answer: B", "Answer: C"], "choice", None, "no_plurality"),
    (["I do not know.", "Let me think.", "Hmm."], "number", None, "no_answer"),
    ([], "auto", None, "no_answer"),
]


@pytest.mark.parametrize("samples,kind,answer,reason", PLURALITY, ids=[f"{i}:{r}" for i, (_, _, _, r) in enumerate(PLURALITY)])
def test_plurality_keeps_agreed_sets_and_rejects_the_rest(samples, kind, answer, reason):
    verdict = plurality(samples, kind)
    assert (verdict.ok, verdict.reason, verdict.answer) == (answer is not None, reason, answer), verdict


def test_min_share_is_a_strict_threshold():
    samples = ["\\boxed{5}"] * 3 + ["\\boxed{6}"] * 2
    assert plurality(samples, min_share=0.5).answer == "5"
    assert plurality(samples, min_share=0.6) == Verdict(False, "no_plurality", plurality(samples, min_share=0.6).detail)
    assert plurality(samples, min_share=0.0).ok


def test_gsm8k_solutions_agree_on_their_own_answer_whatever_the_format(shared_data):
    """Real step-by-step solutions (GSM8K, MIT): each read three ways (its own ``####`` line, the same
    line as ``The answer is``, boxed) agrees on the reference number; solutions of three different
    questions with different answers never agree. Every 20th question."""
    rows = [json.loads(line) for line in (shared_data / "benchmarks" / "gsm8k_test.jsonl").open(encoding="utf-8")][::20]
    wrong, sets = [], 0
    for i, row in enumerate(rows):
        body, _, final = row["answer"].rpartition("####")
        truth = extract_answer("#### " + final.strip(), "number")
        samples = [row["answer"], body + f"The answer is {final.strip()}.", body + f"\\boxed{{{final.strip()}}}"]
        if plurality(samples, "number").answer != truth:
            wrong.append(row["question"][:60])
        others = [r["answer"] for r in rows[i:i + 3]]
        if len({extract_answer(o, "number") for o in others}) == 3:
            sets += 1
            if plurality(others, "number").ok:
                wrong.append(("agreed across questions", row["question"][:60]))
    assert len(rows) == 66 and sets > 40 and wrong == []
