"""Describing a selection as selectors, and finding a quote the way the reader would."""

from __future__ import annotations

import unicodedata

import pytest

from core.anchoring import (
    CONTEXT_LENGTH,
    EmptySelection,
    QuoteNotFound,
    codepoint_to_utf16,
    describe,
    find_occurrences,
    locate_quote,
    utf16_to_codepoint,
)
from core.article import Block, BlockKind, Span
from core.canonical import canonical_text, normalize_blocks

CODER = "👩🏽‍💻"
FAMILY = "👨‍👩‍👧"

TEXT = (
    "Container traffic through the port rose for a third consecutive month, officials said. "
    "Agents blame a backlog of grain.\n\n"
    "The ministry's figures show growth. Agents blame a backlog of grain, again, and the "
    "union blames the agents."
)


def _range(text: str, quote: str, occurrence: int = 1) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence):
        start = text.index(quote, start + 1)
    return start, start + len(quote)


def test_describe_gives_the_quote_with_32_characters_of_context_each_side():
    start, end = _range(TEXT, "third consecutive month")
    selector = describe(TEXT, start, end, version=3)
    assert (selector.start, selector.end, selector.version) == (start, end, 3)
    assert selector.quote == "third consecutive month"
    assert len(selector.prefix) == len(selector.suffix) == CONTEXT_LENGTH == 32
    assert TEXT[start - 32 : start] == selector.prefix
    assert TEXT[end : end + 32] == selector.suffix


def test_context_is_shorter_only_where_the_text_ends():
    selector = describe(TEXT, 0, len("Container"))
    assert selector.prefix == ""
    assert len(selector.suffix) == 32
    selector = describe(TEXT, len(TEXT) - len("agents."), len(TEXT))
    assert selector.suffix == "" and len(selector.prefix) == 32


def test_context_is_not_cut_inside_an_emoji_sequence():
    # 32 code points back from the quote fall on the family's last code point, 32 forward
    # on the second code point of the coder: both are widened to the whole sequence
    text = f"start {FAMILY}{'x' * 30} the quote {'y' * 29}{CODER} end"
    start, end = _range(text, "the quote")
    selector = describe(text, start, end)
    assert selector.prefix == f"{FAMILY}{'x' * 30} "
    assert selector.suffix == f" {'y' * 29}{CODER}"


def test_describe_snaps_a_selection_to_whole_emoji_and_trims_spaces():
    text = f"Team {CODER} wrote the {FAMILY} plan."
    coder, family = text.index(CODER), text.index(FAMILY)
    selector = describe(text, coder + 1, family + 2)  # inside both sequences
    assert selector.quote == f"{CODER} wrote the {FAMILY}"
    assert (selector.start, selector.end) == (coder, family + len(FAMILY))
    padded = describe(text, coder - 1, coder + len(CODER) + 1)
    assert padded.quote == CODER


def test_a_selection_of_only_whitespace_is_refused():
    with pytest.raises(EmptySelection):
        describe(TEXT, TEXT.index("\n\n"), TEXT.index("\n\n") + 2)
    assert issubclass(EmptySelection, ValueError)


def test_a_selection_made_in_qt_units_comes_back_as_the_same_characters():
    text = f"{CODER} and {FAMILY}: the plan passed, {FAMILY} wrote."
    start, end = _range(text, f"the plan passed, {FAMILY}")
    qt_start, qt_end = codepoint_to_utf16(text, start), codepoint_to_utf16(text, end)
    assert (qt_start, qt_end) == (start + 3 + 3, end + 3 + 3 + 3)
    selector = describe(
        text, utf16_to_codepoint(text, qt_start), utf16_to_codepoint(text, qt_end, round_up=True)
    )
    assert selector.quote == f"the plan passed, {FAMILY}"


@pytest.mark.parametrize(
    ("quote", "occurrence"),
    [
        ("third consecutive month", 1),
        ("Agents blame a backlog of grain", 2),
        ("grain.\n\nThe ministry", 1),  # across the block separator
        ("the", 3),
    ],
)
def test_round_trip_describe_then_locate_finds_the_same_range(quote, occurrence):
    start, end = _range(TEXT, quote, occurrence)
    selector = describe(TEXT, start, end)
    assert locate_quote(TEXT, selector.quote, occurrence) == (selector.start, selector.end)


def test_a_quote_typed_with_a_space_or_a_line_break_finds_a_passage_across_blocks():
    expected = _range(TEXT, "of grain.\n\nThe ministry's")
    assert locate_quote(TEXT, "of grain. The ministry's") == expected
    assert locate_quote(TEXT, "of grain.\nThe   ministry's") == expected


def test_a_quote_after_an_image_block_is_found_after_the_block_separator():
    blocks = normalize_blocks(
        [
            Block(BlockKind.PARAGRAPH, (Span("Cranes idle at berth four."),)),
            Block(BlockKind.IMAGE, image="ab" * 32, alt="cranes"),
            Block(BlockKind.PARAGRAPH, (Span("Strike enters its second week."),)),
        ]
    )
    text = canonical_text(blocks)
    assert text == "Cranes idle at berth four.\n\nStrike enters its second week."
    start, end = locate_quote(text, "Strike enters")
    assert start == len("Cranes idle at berth four.") + 2
    selector = describe(text, start, end)
    assert selector.prefix.endswith("four.\n\n") and "cranes" not in selector.prefix


def test_an_nfd_quote_finds_nfc_text():
    text = "Le café de la gare a fermé ses portes."
    quote = unicodedata.normalize("NFD", "café de la gare a fermé")
    assert quote != "café de la gare a fermé"
    assert locate_quote(text, quote) == _range(text, "café de la gare a fermé")


def test_arabic_with_harakat_and_a_right_to_left_quote_with_latin_digits():
    text = "قالَ الوزيرُ إنَّ الصادراتِ ارتفعت بنسبة 12.5 في المئة عام 2024، وفق البيان."
    quote = "ارتفعت بنسبة 12.5 في المئة عام 2024"
    start, end = locate_quote(text, quote)
    assert text[start:end] == quote
    selector = describe(text, start, end)
    assert selector.quote == quote and selector.suffix.startswith("، وفق")
    harakat = locate_quote(text, "إنَّ الصادراتِ")
    assert text[harakat[0] : harakat[1]] == "إنَّ الصادراتِ"
    with pytest.raises(QuoteNotFound):
        locate_quote(text, "إن الصادرات")  # without the harakat it is not the same text


def test_a_quote_does_not_match_half_an_emoji_sequence():
    text = f"{CODER} codes; 👩 reviews"
    alone = text.index("👩 reviews")
    assert list(find_occurrences(text, "👩")) == [(alone, alone + 1)]
    assert locate_quote(text, CODER) == (0, len(CODER))


def test_occurrences_are_counted_like_successive_finds():
    assert list(find_occurrences("aaaa", "aa")) == [(0, 2), (2, 4)]
    assert list(find_occurrences("aaaa", "aa", overlapping=True)) == [(0, 2), (1, 3), (2, 4)]
    assert locate_quote("aaaa", "aa", 2) == (2, 4)


def test_a_missing_quote_raises_a_one_line_value_error():
    with pytest.raises(QuoteNotFound, match=r"^the quote “tariff” is not in the text$"):
        locate_quote(TEXT, "tariff")
    with pytest.raises(ValueError, match="occurs 2 times: there is no occurrence 3"):
        locate_quote(TEXT, "Agents blame\na backlog", 3)
    with pytest.raises(QuoteNotFound) as caught:
        locate_quote(TEXT, "line one\nline two " + "long " * 30)
    assert "\n" not in str(caught.value) and len(str(caught.value)) < 100
    with pytest.raises(QuoteNotFound, match="empty"):
        locate_quote(TEXT, "  \n ")
    with pytest.raises(ValueError, match="counts from 1"):
        locate_quote(TEXT, "Agents", 0)
