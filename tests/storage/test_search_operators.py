"""Search with operators: each narrows the articles as it says, combines with words and
with the others, and a query of filters alone lists what they keep, newest first."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from storage.highlighting import annotate_quote
from storage.library import Library
from tests.conftest import make_article


def _day(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


@pytest.fixture
def library(tmp_path: Path):
    with Library.open(tmp_path / "l.postil") as lib:
        add = lib.articles.add
        ids = {
            "port": add(
                make_article(
                    "Port traffic recovers",
                    ["Container traffic through the port rose, customs clearance slowed."],
                    site="Harbour Gazette",
                    url="https://gazette.example.org/port",
                    published=_day("2025-11-03"),
                )
            ).article_id,
            "strike": add(
                make_article(
                    "Dockers strike at the port",
                    ["Dockers stopped work at the port over pay; customs clearance halted."],
                    site="Coast Herald",
                    url="https://herald.example.net/strike",
                    published=_day("2026-02-10"),
                )
            ).article_id,
            "bridge": add(
                make_article(
                    "A new bridge opens",
                    ["The bridge over the river opened on Monday."],
                    site=None,
                    url="https://roads.example.com/bridge",
                    published=_day("2026-04-01"),
                )
            ).article_id,
        }
        annotate_quote(lib, ids["port"], "customs clearance", color="red", tags=["ports"])
        annotate_quote(lib, ids["bridge"], "bridge", color="green", tags=["roads"])
        lib.articles.set_status([ids["strike"]], "done")
        yield lib, ids


def _found(lib: Library, query: str) -> list[int]:
    return [hit.id for hit in lib.search.articles(query)]


def test_each_operator_narrows_as_it_says(library) -> None:
    lib, ids = library
    assert _found(lib, "port site:herald") == [ids["strike"]]
    assert _found(lib, "site:gazette.example.org") == [ids["port"]]  # the address counts
    assert _found(lib, "tag:PORTS") == [ids["port"]]
    assert _found(lib, "color:green") == [ids["bridge"]]
    assert set(_found(lib, "is:unread")) == {ids["port"], ids["bridge"]}
    assert _found(lib, "is:done") == [ids["strike"]]
    assert _found(lib, "before:2026") == [ids["port"]]
    assert _found(lib, "after:2026-02") == [ids["bridge"]]
    assert _found(lib, "after:2025-12 before:2026-03") == [ids["strike"]]


def test_phrases_and_exclusions(library) -> None:
    lib, ids = library
    assert set(_found(lib, '"customs clearance"')) == {ids["port"], ids["strike"]}
    assert _found(lib, '"customs clearance" -dockers') == [ids["port"]]
    assert set(_found(lib, "-dockers")) == {ids["port"], ids["bridge"]}
    assert _found(lib, '"clearance customs"') == []


def test_filters_alone_are_listed_newest_first_and_combine(library) -> None:
    lib, ids = library
    assert _found(lib, "site:example") == [ids["bridge"], ids["strike"], ids["port"]]
    assert _found(lib, "site:example is:unread -bridge") == [ids["port"]]
    assert _found(lib, "tag:ports tag:roads") == [ids["bridge"], ids["port"]]  # OR in a kind


def test_unknown_operators_are_words_and_odd_input_is_no_error(library) -> None:
    lib, _ids = library
    assert _found(lib, "author:nobody") == []
    for odd in ('"', '-"', "site:%", "tag:_", "NOT", "port OR", "*", "-", "color:teal"):
        lib.search.articles(odd)  # no exception, whatever it finds
    assert _found(lib, "site:%") == []  # a literal percent sign, not a wildcard
