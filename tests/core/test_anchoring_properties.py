"""Properties of anchoring on generated texts: conversions, boundaries, re-anchoring."""

from __future__ import annotations

import regex
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from core.anchoring import (
    ANCHORED,
    MOVED,
    EmptySelection,
    Utf16Index,
    codepoint_to_utf16,
    describe,
    is_grapheme_boundary,
    reanchor_many,
    snap_selection,
    utf16_to_codepoint,
)
from core.canonical import normalize_text

# Characters that make cluster boundaries hard: emoji with skin tones and joiners, flags,
# combining marks, Arabic harakat and a prepended mark, Hangul jamo, Devanagari conjuncts.
TRICKY = [
    "a", "b", " ", "\n", "é", "e", "\u0301", "👩", "🏽", "\u200d", "💻", "👍", "🇫", "🇷",
    "ل", "َ", "ّ", "\u0600", "1", "ᄀ", "ᅡ", "ᆨ", "क", "्", "ष", "ि", "©", "\ufe0f",
]  # fmt: skip
WORDS = [
    "port", "traffic", "rose", "the", "of", "grain", "👩🏽‍💻", "👨‍👩‍👧", "café", "Gdańsk",
    "الميناءَ", "إنَّ", "12.5", "2024", "🇫🇷", "क्षि", "union", "strike", "said", "a",
]  # fmt: skip
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

any_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
tricky_text = st.lists(st.sampled_from(TRICKY), max_size=40).map("".join)


@st.composite
def articles(draw) -> str:
    paragraphs = draw(
        st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=25), min_size=1, max_size=5)
    )
    return normalize_text("\n\n".join(" ".join(words) for words in paragraphs))


@SETTINGS
@given(st.one_of(any_text, tricky_text))
def test_code_points_to_utf16_agrees_with_python_s_encoder(text):
    for pos in range(len(text) + 1):
        assert codepoint_to_utf16(text, pos) == len(text[:pos].encode("utf-16-le")) // 2


@SETTINGS
@given(st.one_of(any_text, tricky_text))
def test_utf16_to_code_points_round_trips_and_never_splits_a_pair(text):
    index = Utf16Index(text)
    units = text.encode("utf-16-le")
    for unit in range(index.utf16_length + 1):
        down = utf16_to_codepoint(text, unit)
        up = utf16_to_codepoint(text, unit, round_up=True)
        mid_pair = (
            unit > 0
            and 0xD800 <= int.from_bytes(units[2 * unit - 2 : 2 * unit], "little") <= 0xDBFF
        )
        assert up - down == (1 if mid_pair else 0)
        assert index.to_utf16(down) <= unit <= index.to_utf16(up)
    for pos in range(len(text) + 1):
        assert index.to_codepoint(index.to_utf16(pos)) == pos


@SETTINGS
@given(tricky_text)
def test_boundaries_found_locally_agree_with_segmenting_the_whole_text(text):
    boundaries = {0, len(text)} | {m.end() for m in regex.finditer(r"\X", text)}
    for pos in range(len(text) + 1):
        assert is_grapheme_boundary(text, pos) is (pos in boundaries), pos


@SETTINGS
@given(tricky_text, st.integers(0, 40), st.integers(0, 40))
def test_snapped_selections_start_and_end_on_boundaries(text, a, b):
    start, end = sorted((min(a, len(text)), min(b, len(text))))
    snapped = snap_selection(text, start, end)
    assert snapped[0] <= snapped[1]
    assert is_grapheme_boundary(text, snapped[0]) and is_grapheme_boundary(text, snapped[1])


def _select(draw, text: str):
    start = draw(st.integers(0, len(text)))
    end = draw(st.integers(start, len(text)))
    try:
        return describe(text, start, end)
    except EmptySelection:
        assume(False)


@SETTINGS
@given(st.data())
def test_reanchoring_on_an_unchanged_text_anchors_at_the_same_place(data):
    text = data.draw(articles())
    selectors = [_select(data.draw, text) for _ in range(3)]
    for selector, result in zip(selectors, reanchor_many(text, text, selectors), strict=True):
        assert (result.status, result.start, result.end) == (ANCHORED, selector.start, selector.end)
        assert (result.quote, result.prefix, result.suffix) == (
            selector.quote,
            selector.prefix,
            selector.suffix,
        )


@SETTINGS
@given(st.data())
def test_an_anchored_or_moved_result_holds_the_quote_and_every_place_is_whole(data):
    old = data.draw(articles())
    selectors = [_select(data.draw, old) for _ in range(3)]
    new = old
    for _ in range(data.draw(st.integers(1, 3))):
        at = data.draw(st.integers(0, len(new)))
        if data.draw(st.booleans()):
            new = new[:at] + " " + " ".join(data.draw(st.lists(st.sampled_from(WORDS)))) + new[at:]
        else:
            new = new[:at] + new[min(len(new), at + data.draw(st.integers(1, 30))) :]
    new = normalize_text(new)
    for selector, result in zip(selectors, reanchor_many(old, new, selectors), strict=True):
        if result.start is None:
            assert result.end is None and result.quote == selector.quote
            continue
        assert new[result.start : result.end] == result.quote
        assert is_grapheme_boundary(new, result.start) and is_grapheme_boundary(new, result.end)
        if result.status in (ANCHORED, MOVED):
            # equal up to the kind of whitespace (a space where a block break was)
            assert result.quote.split() == selector.quote.split()
