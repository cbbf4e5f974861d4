"""UTF-16 positions (Qt) against code points (Python), and grapheme cluster boundaries."""

from __future__ import annotations

import pytest

from core.anchoring import (
    Utf16Index,
    codepoint_to_utf16,
    grapheme_ceil,
    grapheme_floor,
    has_lone_surrogate,
    is_grapheme_boundary,
    scrub_surrogates,
    snap_selection,
    utf16_length,
    utf16_to_codepoint,
)

CODER = "👩🏽‍💻"  # woman, skin tone, ZWJ, laptop: 4 code points, 7 UTF-16 units
FAMILY = "👨‍👩‍👧"  # 5 code points, 8 units


def test_the_emoji_sequences_are_what_the_tests_assume():
    assert (len(CODER), utf16_length(CODER)) == (4, 7)
    assert (len(FAMILY), utf16_length(FAMILY)) == (5, 8)


def test_plain_text_positions_are_the_same_in_both_counts():
    text = "Container traffic – rose «sharply» in Gdańsk"
    assert [codepoint_to_utf16(text, i) for i in range(len(text) + 1)] == list(range(len(text) + 1))
    assert utf16_to_codepoint(text, 10) == 10


def test_an_emoji_sequence_before_a_position_shifts_it_by_its_surrogate_pairs():
    text = f"a{CODER}b{FAMILY}c"
    b = text.index("b")
    c = text.index("c")
    assert codepoint_to_utf16(text, b) == 8
    assert codepoint_to_utf16(text, c) == 8 + 1 + 8
    assert utf16_to_codepoint(text, 8) == b
    assert utf16_to_codepoint(text, 17) == c
    assert utf16_to_codepoint(text, utf16_length(text)) == len(text)


def test_a_position_inside_a_surrogate_pair_rounds_to_a_whole_character():
    text = f"a{CODER}"
    # units: a=0, 👩=1-2, 🏽=3-4, ZWJ=5, 💻=6-7; 2 is between the halves of 👩
    assert utf16_to_codepoint(text, 2) == 1
    assert utf16_to_codepoint(text, 2, round_up=True) == 2
    index = Utf16Index(text)
    assert index.range_to_codepoints(2, 7) == (1, 5)
    assert index.range_to_utf16(1, 5) == (1, 8)


def test_positions_outside_the_text_are_refused():
    with pytest.raises(ValueError, match="outside"):
        codepoint_to_utf16("abc", 4)
    with pytest.raises(ValueError, match="outside"):
        utf16_to_codepoint(CODER, 8)
    with pytest.raises(ValueError, match="outside"):
        utf16_to_codepoint(CODER, -1)


def test_the_index_answers_for_its_own_text_only():
    one, other = f"x{CODER}y", "x" * 10
    assert codepoint_to_utf16(one, 5) == 8
    assert codepoint_to_utf16(other, 5) == 5  # a different text is not answered from a cache
    assert codepoint_to_utf16(one, 5) == 8


def test_lone_surrogates_are_spotted_and_replaced():
    assert has_lone_surrogate("ab\ud83dc") and not has_lone_surrogate(CODER)
    assert scrub_surrogates("ab\ud83dc\udc69") == "ab\ufffdc\ufffd"


@pytest.mark.parametrize(
    ("text", "inside"),
    [
        (f"go {CODER} now", [4, 5, 6]),
        (f"go {FAMILY} now", [4, 5, 6, 7]),
        ("flags 🇫🇷🇩🇪 here", [7, 9]),  # regional indicators pair up from the left
        ("café", []),  # NFC: é is one code point
        ("قالَ", [3]),  # a fatha belongs to the letter before it
        ("x" * 5000 + "👍🏽", [5001]),  # far from the start: found locally
    ],
)
def test_positions_inside_a_cluster_are_not_boundaries(text, inside):
    for pos in range(len(text) + 1):
        assert is_grapheme_boundary(text, pos) is (pos not in inside), pos


def test_floor_and_ceil_give_the_cluster_around_a_position():
    text = f"go {FAMILY} now"
    assert (grapheme_floor(text, 5), grapheme_ceil(text, 5)) == (3, 8)
    assert (grapheme_floor(text, 3), grapheme_ceil(text, 3)) == (3, 3)


def test_snapping_widens_to_whole_clusters_and_trims_whitespace():
    text = f"the team {CODER} shipped {FAMILY} today"
    coder = text.index(CODER)
    family = text.index(FAMILY)
    # from inside the coder emoji to inside the family emoji
    assert snap_selection(text, coder + 2, family + 3) == (coder, family + len(FAMILY))
    # whitespace around a word is not part of the selection
    start = text.index(" shipped ")
    assert snap_selection(text, start, start + len(" shipped ")) == (start + 1, start + 8)
    assert snap_selection(text, start, start + 1) == (start + 1, start + 1)


def test_snapping_keeps_an_arabic_letter_with_its_harakat():
    text = "إنَّ الميناءَ"
    nun = text.index("ن")
    # a selection that ends after the nun but before its shadda and fatha
    assert snap_selection(text, 0, nun + 1) == (0, nun + 3)


def test_snapping_refuses_a_range_that_is_not_one():
    with pytest.raises(ValueError):
        snap_selection("abc", 2, 1)
    with pytest.raises(ValueError):
        snap_selection("abc", 0, 4)
