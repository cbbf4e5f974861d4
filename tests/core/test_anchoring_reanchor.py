"""Re-anchoring highlights when an article is re-imported with a changed text."""

from __future__ import annotations

import unicodedata

import pytest

from core.anchoring import (
    ANCHORED,
    FUZZY,
    MOVED,
    ORPHANED,
    AnchorResult,
    TextSelector,
    describe,
    is_grapheme_boundary,
    reanchor,
    reanchor_many,
)

PORT = (
    "Container traffic through the port rose for a third consecutive month, officials said "
    "on Monday, citing a surge in grain shipments from the interior."
)
STRIKE = (
    "Dock workers began a strike over pay on Tuesday. The union said the action would last "
    "until the operator reopened talks on overtime rates."
)
RATES = (
    "The central bank held its main rate at 7.5 percent, saying inflation remained above "
    "target despite weaker consumer spending in the second quarter."
)
OLD = "\n\n".join([PORT, STRIKE, RATES])


def _select(text: str, quote: str, occurrence: int = 1) -> TextSelector:
    start = -1
    for _ in range(occurrence):
        start = text.index(quote, start + 1)
    return describe(text, start, start + len(quote))


def _held(text: str, result: AnchorResult) -> str:
    assert result.start is not None and result.end is not None
    assert text[result.start : result.end] == result.quote
    return result.quote


def test_an_unchanged_text_keeps_every_highlight_where_it_was():
    selectors = [_select(OLD, q) for q in ("third consecutive month", "strike", "7.5 percent")]
    results = reanchor_many(OLD, OLD, selectors)
    assert [(r.status, r.start, r.end) for r in results] == [
        (ANCHORED, s.start, s.end) for s in selectors
    ]
    assert [(r.quote, r.prefix, r.suffix) for r in results] == [
        (s.quote, s.prefix, s.suffix) for s in selectors
    ]


def test_text_inserted_before_the_quote_shifts_it_and_keeps_it_anchored():
    selector = _select(OLD, "until the operator reopened talks")
    new = "Update, 14:00: talks resumed.\n\n" + OLD.replace("on Monday", "late on Monday")
    result = reanchor(OLD, new, selector)
    assert result.status == ANCHORED
    assert result.start == selector.start + len("Update, 14:00: talks resumed.\n\n") + 5
    assert _held(new, result) == selector.quote
    assert result.prefix == selector.prefix and result.suffix == selector.suffix


def test_the_second_of_two_identical_phrases_stays_on_the_second():
    old = (
        "Officials said the figures were provisional. Traders doubted it.\n\n"
        "A week later officials said the figures were provisional again."
    )
    selector = _select(old, "officials said the figures were provisional", 1)
    second = _select(old, "said the figures were provisional", 2)
    new = "Correction appended.\n\n" + old.replace("Traders doubted it.", "Traders doubted.")
    first_result, second_result = reanchor_many(old, new, [selector, second])
    assert second_result.start == new.rindex("said the figures were provisional")
    assert second_result.status == ANCHORED
    assert first_result.start == new.index("officials said the figures")


def test_with_positions_that_no_longer_hold_the_context_picks_the_second_phrase():
    text = (
        "Officials said the figures were provisional. Traders doubted the numbers.\n\n"
        "A week later, officials said the figures were provisional once more."
    )
    made = _select(text, "said the figures were provisional", 2)
    stale = TextSelector(made.quote, made.prefix, made.suffix, 3, 3 + len(made.quote))
    result = reanchor(text, text, stale)  # a text of unknown origin: positions are a hint
    assert result.start == made.start
    assert result.status == MOVED


def test_a_typo_fixed_inside_the_quote_is_found_approximately_and_the_quote_updated():
    old = OLD.replace("consecutive", "consecutve")
    selector = _select(old, "rose for a third consecutve month")
    result = reanchor(old, OLD, selector)
    assert result.status == FUZZY
    assert _held(OLD, result) == "rose for a third consecutive month"
    assert result.prefix == OLD[result.start - 32 : result.start]
    assert "found approximately (1 edit)" in result.detail


def test_a_selection_across_the_block_separator_survives_an_edit_elsewhere():
    selector = _select(OLD, "interior.\n\nDock workers began")
    new = OLD.replace("7.5 percent", "7.75 percent")
    result = reanchor(OLD, new, selector)
    assert (result.status, result.start) == (ANCHORED, selector.start)
    assert _held(new, result) == "interior.\n\nDock workers began"


@pytest.mark.parametrize(
    "look_alike",
    [
        "Dock workers began a strike over pay on Tuesday.",  # the very same sentence
        "Dock workers began a strike over pay on Thursday.",  # a near copy
    ],
)
def test_a_deleted_passage_with_a_look_alike_left_elsewhere_becomes_an_orphan(look_alike):
    old = OLD + "\n\nIn 2019, too: " + look_alike + " It ended within days."
    selector = _select(old, "Dock workers began a strike over pay on Tuesday.")
    new = old.replace(STRIKE + "\n\n", "")
    assert (look_alike in new) and (STRIKE not in new)
    result = reanchor(old, new, selector)
    assert result.status == ORPHANED
    assert (result.start, result.end) == (None, None)
    assert (result.quote, result.prefix, result.suffix) == (
        selector.quote,
        selector.prefix,
        selector.suffix,
    )
    assert result.detail.startswith("not found")


def test_a_passage_moved_to_another_place_is_found_there():
    intro = "Port news, briefly."
    old = "\n\n".join([intro, PORT, STRIKE, RATES])
    selector = _select(old, "began a strike over pay")
    new = "\n\n".join([STRIKE.replace("Tuesday", "Wednesday"), intro, PORT, RATES])
    result = reanchor(old, new, selector)
    assert result.status in (MOVED, ANCHORED)
    assert result.start == new.index("began a strike over pay")


def test_a_moved_and_edited_passage_is_found_approximately():
    moving = "The harbour master ordered all tankers to anchor outside the breakwater overnight."
    old = "\n\n".join([PORT, moving, STRIKE, RATES])
    selector = _select(old, "ordered all tankers to anchor outside the breakwater")
    edited = moving.replace("tankers", "oil tankers")
    new = "\n\n".join([PORT, STRIKE, RATES, edited])
    result = reanchor(old, new, selector)
    assert result.status == FUZZY
    assert _held(new, result) == "ordered all oil tankers to anchor outside the breakwater"


def test_a_short_quote_whose_context_is_gone_becomes_an_orphan():
    old = "\n\n".join([PORT, "The finance minister, Adebayo, resigned after the vote.", RATES])
    selector = _select(old, "Adebayo")
    rewritten = "Critics of Adebayo gathered outside parliament on a rainy evening."
    for new in (
        old.replace("The finance minister, Adebayo, resigned after the vote.", rewritten),
        "\n\n".join([PORT, RATES, rewritten]),
    ):
        assert "Adebayo" in new
        result = reanchor(old, new, selector)
        assert result.status == ORPHANED, new
        assert result.quote == "Adebayo"


def test_a_short_quote_moves_with_its_context():
    sentence = "The finance minister, Adebayo, resigned after the vote."
    old = "\n\n".join([sentence, PORT, STRIKE, RATES])
    selector = _select(old, "Adebayo")
    new = "\n\n".join([PORT, STRIKE, sentence, RATES])
    result = reanchor(old, new, selector)
    assert result.status in (MOVED, ANCHORED)
    assert result.start == new.index("Adebayo")


def test_a_common_word_never_moves_on_its_text_alone():
    old = "\n\n".join([PORT, STRIKE, RATES])
    selector = _select(old, "the", 3)
    # everything around that "the" is rewritten; "the" is still everywhere, new text too
    new = "\n\n".join([PORT, "Dockers walked out and the management refused to comment.", RATES])
    result = reanchor(old, new, selector)
    assert result.status == ORPHANED


CODER = "👩🏽‍💻"
FAMILY = "👨‍👩‍👧"


def test_emoji_sequences_before_and_inside_the_quote():
    old = f"{CODER} The team {FAMILY} shipped the release on Friday, {CODER} said the lead."
    selector = _select(old, f"team {FAMILY} shipped the release")
    new = f"{FAMILY}{CODER} Update. " + old
    result = reanchor(old, new, selector)
    assert result.status == ANCHORED
    assert _held(new, result) == f"team {FAMILY} shipped the release"


def test_a_skin_tone_added_to_the_last_emoji_never_leaves_the_end_inside_it():
    old = "Reviewers approved the plan 👍 before the deadline passed, as agreed earlier."
    selector = _select(old, "approved the plan 👍")
    new = old.replace("👍", "👍🏽")
    result = reanchor(old, new, selector)
    assert is_grapheme_boundary(new, result.start) and is_grapheme_boundary(new, result.end)
    assert result.status == FUZZY
    assert _held(new, result) == "approved the plan 👍🏽"


def test_an_nfd_quote_from_another_tool_finds_the_nfc_text():
    text = "Le café de la gare a fermé ses portes après quarante ans de service."
    quote = unicodedata.normalize("NFD", "café de la gare a fermé ses portes")
    result = reanchor(text, text, TextSelector(quote))
    assert result.status == MOVED
    assert _held(text, result) == "café de la gare a fermé ses portes"


def test_arabic_with_harakat_changed_is_found_approximately():
    old = "قالَ الوزيرُ إنَّ الصادراتِ ارتفعت بنسبة 12.5 في المئة عام 2024، وفق البيان الرسمي."
    selector = _select(old, "إنَّ الصادراتِ ارتفعت بنسبة 12.5 في المئة")
    new = old.replace("الصادراتِ", "الصادراتُ")  # a case ending corrected
    result = reanchor(old, new, selector)
    assert result.status == FUZZY
    assert _held(new, result) == "إنَّ الصادراتُ ارتفعت بنسبة 12.5 في المئة"


def test_a_right_to_left_quote_with_latin_digits():
    old = "قالَ الوزيرُ إنَّ الصادراتِ ارتفعت بنسبة 12.5 في المئة عام 2024، وفق البيان الرسمي."
    selector = _select(old, "ارتفعت بنسبة 12.5 في المئة عام 2024")
    inserted = "عاجل: " + old
    result = reanchor(old, inserted, selector)
    assert (result.status, result.start) == (ANCHORED, selector.start + len("عاجل: "))
    corrected = old.replace("12.5", "12.7")
    result = reanchor(old, corrected, selector)
    assert result.status == FUZZY
    assert _held(corrected, result) == "ارتفعت بنسبة 12.7 في المئة عام 2024"


def test_an_orphan_never_hands_storage_a_lone_surrogate_or_loses_its_quote():
    broken = TextSelector("grain \ud83d shipments", "from ", " to", None, None)
    result = reanchor(OLD, OLD, broken)
    assert result.status == ORPHANED
    assert result.quote == "grain \ufffd shipments"
    assert (result.prefix, result.suffix) == ("from ", " to")
    assert reanchor(OLD, OLD, TextSelector("  ")).status == ORPHANED


def test_many_highlights_are_reanchored_in_order_with_one_call():
    quotes = ["third consecutive month", "strike over pay", "7.5 percent", "weaker consumer"]
    selectors = [_select(OLD, q) for q in quotes]
    new = OLD.replace(STRIKE, "The strike was called off.")
    results = reanchor_many(OLD, new, selectors)
    assert [r.status for r in results] == [ANCHORED, ORPHANED, ANCHORED, ANCHORED]
    for result in results:
        if result.start is not None:
            assert new[result.start : result.end] == result.quote
    with pytest.raises(AttributeError):
        results[0].status = MOVED  # type: ignore[misc]
