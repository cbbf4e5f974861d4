"""Links back from an exported passage: a text fragment that finds this very passage in the
page, encoded as the WICG draft says, and a postil:// link into the app."""

from __future__ import annotations

from urllib.parse import unquote

from hypothesis import given
from hypothesis import strategies as st

from core.export.links import (
    fragment_url,
    parse_postil_link,
    postil_link,
    text_directive,
)

TEXT = (
    "Container traffic through the port rose in February.\n"
    "Shipping agents said the rise reflected a backlog, not a recovery.\n"
    "Traders said the rise reflected a backlog too, and customs were slow."
)


def _parts(directive: str) -> list[str]:
    assert directive.startswith("text=")
    return directive.removeprefix("text=").split(",")


def _at(quote: str, occurrence: int = 1) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence):
        start = TEXT.index(quote, start + 1)
    return start, start + len(quote)


def test_a_unique_short_quote_is_the_whole_directive() -> None:
    start, end = _at("customs were slow")
    assert text_directive(TEXT, start, end) == "text=customs%20were%20slow"


def test_reserved_characters_and_other_scripts_are_percent_encoded() -> None:
    text = "Prices - up, then down & up again: Латакия café."
    for quote in ("Prices - up, then down & up", "Латакия café"):
        start = text.index(quote)
        directive = text_directive(text, start, start + len(quote))
        body = directive.removeprefix("text=")
        assert "," not in body and "&" not in body and "-" not in body and " " not in body
        assert unquote(body) == quote


def test_a_long_quote_is_given_by_its_first_and_last_words() -> None:
    start, end = _at("Shipping agents said the rise reflected a backlog, not a recovery.")
    parts = _parts(text_directive(TEXT, start, end))
    assert [unquote(p) for p in parts] == ["Shipping agents said the", "backlog, not a recovery."]


def test_a_quote_that_occurs_twice_gets_the_words_before_it() -> None:
    start, end = _at("the rise reflected a backlog", occurrence=2)
    parts = _parts(text_directive(TEXT, start, end))
    assert parts[0].endswith("-") and unquote(parts[0][:-1]) == "Traders said"  # its paragraph
    assert unquote(parts[1]) == "the rise reflected a backlog"
    first = _parts(text_directive(TEXT, *_at("the rise reflected a backlog")))
    assert unquote(first[0][:-1]) == "Shipping agents said"  # each occurrence its own prefix


def test_when_the_words_before_repeat_too_the_words_after_are_added() -> None:
    text = "He said no. He said no. He said no to the port."
    start = text.rindex("He said no")
    parts = _parts(text_directive(text, start, start + len("He said no")))
    assert parts[-1].startswith("-") and unquote(parts[-1][1:]) == "to the port."


def test_fragment_urls_keep_the_page_and_replace_an_old_directive() -> None:
    start, end = _at("customs were slow")
    url = fragment_url("https://example.org/a?x=1#top:~:text=old", TEXT, start, end)
    assert url == "https://example.org/a?x=1#top:~:text=customs%20were%20slow"
    assert fragment_url(None, TEXT, start, end) is None
    assert fragment_url("file:///tmp/page.html", TEXT, start, end) is None


def test_postil_links_go_both_ways() -> None:
    assert postil_link(12, 34) == "postil://article/12/highlight/34"
    assert parse_postil_link("postil://article/12/highlight/34") == (12, 34)
    assert parse_postil_link("POSTIL://article/7") == (7, None)
    for wrong in ("https://article/1", "postil://article/x", "postil://nothing", ""):
        assert parse_postil_link(wrong) is None


@given(st.text(min_size=1, max_size=60).filter(lambda s: s.strip()))
def test_any_quote_survives_the_encoding(quote: str) -> None:
    text = f"Before. {quote} After."
    start = text.index(quote)
    directive = text_directive(text, start, start + len(quote))
    parts = _parts(directive)
    assert all(p and ("," not in p and "&" not in p and "#" not in p) for p in parts)
    shown = " ".join(quote.split())
    if len(shown.split(" ")) <= 10:
        bare = [p for p in parts if not p.endswith("-") and not p.startswith("-")]
        assert unquote(bare[0]) == shown
