"""The search box's language: words, phrases, exclusions and operators; never an error."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from core.search_query import parse


def test_words_phrases_and_exclusions() -> None:
    q = parse('port "customs clearance" -strike -"press release" cran')
    assert q.words == ["port", "customs clearance", "cran"]
    assert q.excluded == ["strike", "press release"]
    assert q.prefix_last  # "cran" is still being typed
    assert not parse('port "customs clearance"').prefix_last


def test_operators_become_filters() -> None:
    q = parse("site:Gazette.example tag:#ports color:red is:unread after:2025 before:2026-03 x")
    assert q.sites == ["gazette.example"] and q.tags == ["ports"] and q.colors == ["red"]
    assert q.states == ["unread"] and q.words == ["x"]
    assert q.after == date(2025, 12, 31) and q.before == date(2026, 3, 1)
    assert parse("after:2024-02").after == date(2024, 2, 29)


def test_unknown_operators_and_unreadable_values_are_searched_as_words() -> None:
    q = parse("author:smith before:soon color:teal is:starred 10:30")
    assert q.words == ["author:smith", "before:soon", "color:teal", "is:starred", "10:30"]
    assert not q.filters


def test_filters_alone_make_a_query() -> None:
    q = parse("tag:ports")
    assert not q.words and q.filters and not q.empty
    assert parse("   ").empty


@given(st.text(max_size=80))
def test_any_text_parses(text: str) -> None:
    q = parse(text)
    assert all(w and w == w.strip() for w in q.words + q.excluded)
