"""Selections snap to whole words (core.anchoring.words): spaced scripts by word, unspaced
ones by grapheme, never into another paragraph by accident."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.anchoring.words import snap_to_words

LATIN = "Shipping agents said the increase reflected a backlog of building materials."
CYRILLIC = "Порт Латакии принял больше контейнеров, сообщили агенты."
ARABIC = "ارتفعت حركة الحاويات عبر ميناء اللاذقية للشهر الثالث"
TWO_PARAGRAPHS = "First paragraph ends here.\n\nSecond one starts here."


def snapped(text: str, start_in: str, end_in: str, *, into_start: int = 2, into_end: int = 3):
    start = text.index(start_in) + into_start
    end = text.index(end_in) + into_end
    s, e = snap_to_words(text, start, end)
    return text[s:e]


@pytest.mark.parametrize(
    ("text", "first", "last", "expected"),
    [
        (LATIN, "Shipping", "materials", LATIN[: LATIN.index("materials") + 9]),
        (CYRILLIC, "Латакии", "контейнеров", "Латакии принял больше контейнеров"),
        (ARABIC, "حركة", "ميناء", "حركة الحاويات عبر ميناء"),
    ],
)
def test_mid_word_to_mid_word_becomes_whole_words(text, first, last, expected):
    assert snapped(text, first, last) == expected


def test_an_apostrophe_inside_a_word_belongs_to_it():
    text = "They don't agree, l’État said."
    assert snapped(text, "don't", "don't", into_start=1, into_end=2) == "don't"
    assert snapped(text, "l’État", "l’État", into_start=3, into_end=4) == "l’État"


def test_unspaced_scripts_snap_to_graphemes_not_to_a_run_of_characters():
    text = "港口的集装箱运输量连续第三个月上升。"
    assert snap_to_words(text, 2, 5) == (2, 5)


def test_a_sliver_of_the_next_paragraph_is_dropped_not_grown():
    assert snapped(TWO_PARAGRAPHS, "ends", "Second", into_start=0, into_end=2) == "ends here."
    assert snapped(TWO_PARAGRAPHS, "here.", "starts", into_start=2) == "Second one starts"
    whole = snapped(TWO_PARAGRAPHS, "ends", "one", into_start=0, into_end=1)
    assert whole == "ends here.\n\nSecond one"


def test_whitespace_alone_snaps_to_nothing():
    start = LATIN.index(" agents")
    assert snap_to_words(LATIN, start, start + 1) == (start + 1, start + 1)


@given(
    st.text(alphabet=st.sampled_from(list("ab шю ح \n'’.")), min_size=1, max_size=60),
    st.data(),
)
def test_the_snapped_range_holds_the_chosen_words_and_no_partial_word(text, data):
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    s, e = snap_to_words(text, start, end)
    assert 0 <= s <= e <= len(text)
    if s < e:
        assert not text[s].isspace() and not text[e - 1].isspace()
        assert not (s > 0 and text[s - 1].isalpha() and text[s].isalpha())
        assert not (e < len(text) and text[e - 1].isalpha() and text[e].isalpha())
        # never more paragraphs than the drag touched
        assert text[s:e].count("\n") <= text[start:end].count("\n")
