"""The one definition of sentence ends and the named word splitters (factx.detect.tokens)."""

from __future__ import annotations

import re

import pytest

from factx.detect.tokens import (
    AT_SENTENCE_START,
    LINE_ENDS_SENTENCE,
    SENTENCE_BREAK,
    letter_digit_runs,
    numeral_words,
    sentence_bounds,
    text_words,
    words,
)


def _sentences(text: str) -> list[str]:
    """``text`` cut at every sentence break, each piece stripped (the mark stays with its sentence)."""
    out, start = [], 0
    for m in SENTENCE_BREAK.finditer(text):
        out.append(text[start : m.start() + 1].strip())
        start = m.end()
    return [*out, text[start:].strip()]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Gen. Hale met Mr. Ortiz in the U.S. capital. They spoke for an hour.",
            ["Gen. Hale met Mr. Ortiz in the U.S. capital.", "They spoke for an hour."],
        ),
        (
            "The port reopened on Jan. 9 after the storm. 14 ships were waiting.",
            ["The port reopened on Jan. 9 after the storm.", "14 ships were waiting."],
        ),
        (
            "\u201cWe will rebuild.\u201d The mayor left. (Officials declined to comment.)",
            ["\u201cWe will rebuild.", "The mayor left.", "(Officials declined to comment.)"],
        ),
        ("Prices rose. wages did not", ["Prices rose. wages did not"]),
        ("Flood warning lifted\n\nresidents return home", ["Flood warning lifted", "residents return home"]),
    ],
)
def test_a_sentence_ends_at_a_mark_before_a_new_start_not_at_an_abbreviation(text: str, expected: list[str]) -> None:
    assert _sentences(text) == expected


def test_a_break_starts_at_its_mark_so_the_sentence_before_excludes_it() -> None:
    text = "Talks stalled on Monday! Both sides walked out."
    m = SENTENCE_BREAK.search(text)
    assert m is not None and text[: m.start()] == "Talks stalled on Monday"


def test_the_sentence_around_a_span_keeps_its_mark_and_stops_at_the_reach() -> None:
    text = "Mr. Ortiz arrived on Monday. Talks began Tuesday and ended Friday. Both sides left."
    start = text.index("Tuesday")
    left, right = sentence_bounds(text, start, start + len("Tuesday"), 300)
    assert text[left:right] == "Talks began Tuesday and ended Friday."
    left, right = sentence_bounds(text, start, start + len("Tuesday"), 10)
    assert (left, right) == (start - 10, start + len("Tuesday") + 10)


@pytest.mark.parametrize(
    ("pattern", "text", "found"),
    [
        # a line that ends as a sentence or clause does (headlines and captions usually do not)
        (LINE_ENDS_SENTENCE, "The river burst its banks overnight.", True),
        (LINE_ENDS_SENTENCE, "The minister said:", True),
        (LINE_ENDS_SENTENCE, '"We are ready," he said"', True),
        (LINE_ENDS_SENTENCE, "Floods Sweep Northern Valley", False),
        (LINE_ENDS_SENTENCE, "Rescue crews at work near the dam (file photo", False),
        # text before a word that ends where a sentence starts
        (AT_SENTENCE_START, "", True),
        (AT_SENTENCE_START, "The talks failed. ", True),
        (AT_SENTENCE_START, "He said: \u201c", True),
        (AT_SENTENCE_START, "Officials met\n", True),
        (AT_SENTENCE_START, "Officials met on ", False),
    ],
)
def test_where_a_line_ends_and_a_sentence_starts(pattern: re.Pattern[str], text: str, found: bool) -> None:
    assert (pattern.search(text) is not None) is found


def test_each_word_splitter_reads_the_same_phrase_its_own_way() -> None:
    phrase = "Twenty-one al-Qaeda fighters' 3rd raid, mid-2012: 1,200 homes"
    # verify's comparison: words keep inner hyphens and apostrophes, numbers their separators
    assert text_words(phrase) == [
        "twenty-one",
        "al-qaeda",
        "fighters'",
        "3",
        "rd",
        "raid",
        "mid-",
        "2012",
        "1,200",
        "homes",
    ]
    # spelled numbers: split at hyphens and spaces only, so "twenty-one" is two number words
    assert numeral_words("Twenty-one thousand") == ["twenty", "one", "thousand"]
    assert numeral_words(phrase)[5:8] == ["3rd", "raid,", "mid"]
    # the date readers: letters apart from digits, whatever joins them
    assert letter_digit_runs("the 3rd raid, mid-2012") == ["the", "3", "rd", "raid", "mid", "2012"]
    assert words("flood  storm\nquake flood") == frozenset({"flood", "storm", "quake"})
