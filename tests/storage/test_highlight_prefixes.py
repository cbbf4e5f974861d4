"""The highlights' prefix index (migration 7): a library made before it matches highlights in
annotations_fts until a resumable catch-up has indexed them all, newest first; from then on
the prefix index answers, and every change of a passage or note keeps it exact."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.search_query import parse
from storage import highlight_prefixes, migrations, stems
from storage.highlighting import annotate_quote
from storage.library import Library
from tests.conftest import make_article

WORDS = ["container", "contested", "compose", "compost", "computer", "harbour", "harvest"]


def _article(library: Library) -> int:
    text = " ".join(f"{w} {i}." for i in range(6) for w in WORDS)
    return library.articles.add(make_article("Port", [text])).article_id


def _found(library: Library, query: str) -> list[int]:
    return sorted(h.id for h in library.search.highlights(query, limit=1000))


def test_an_older_librarys_highlights_are_indexed_in_the_background(
    library_path: Path, monkeypatch
) -> None:
    with monkeypatch.context() as v6:
        v6.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:6])
        with Library.open(library_path) as old:
            port = _article(old)
            made = [
                annotate_quote(old, port, f"{w} {i}", note=f"note on {w}")
                for i in range(3)
                for w in WORDS
            ]
    with Library.open(library_path) as library:
        conn = library.conn
        assert not highlight_prefixes.ready(conn)
        assert library.search._highlight_words(parse("comp")) == "annotations_fts"
        before = {q: _found(library, q) for q in ("comp", "harb", "contested", "note comp")}
        assert len(before["comp"]) == 9
        # a highlight made meanwhile is indexed at once, by the triggers
        newest = annotate_quote(library, port, "computer 5", note="")
        # a catch-up cancelled after its first batch resumes where it stopped
        monkeypatch.setattr(highlight_prefixes, "BATCH", 5)
        rounds = iter([False, True])
        assert highlight_prefixes.catch_up(conn, lambda: next(rounds)) == 5
        assert not highlight_prefixes.ready(conn)
        assert highlight_prefixes.catch_up(conn) == len(made) - 5
        assert highlight_prefixes.ready(conn) and not highlight_prefixes.work_left(conn)
        assert library.search._highlight_words(parse("comp")) == "annotations_prefixes"
        after = {q: _found(library, q) for q in before}
        assert after == {**before, "comp": sorted([*before["comp"], newest])}
        assert stems.index_mismatches(conn) == []


def test_changed_and_deleted_highlights_leave_no_words_behind(library: Library) -> None:
    port = _article(library)
    first = annotate_quote(library, port, "harbour 0", note="ask the harbourmaster")
    second = annotate_quote(library, port, "compost 1")
    assert highlight_prefixes.ready(library.conn)  # a new library: indexed as they are made
    assert _found(library, "harb") == [first]
    library.annotations.set_note(first, "ask the customs office")
    library.annotations.delete(second)
    assert _found(library, "harbourm") == []
    assert _found(library, "cust") == [first]
    assert _found(library, "comp") == []
    assert stems.index_mismatches(library.conn) == []


@pytest.mark.parametrize("query", ['"harbour 0"', "harbour-0", "-harvest harb"])
def test_phrases_are_matched_with_positions(library: Library, query: str) -> None:
    port = _article(library)
    wanted = annotate_quote(library, port, "harbour 0")
    annotate_quote(library, port, "harvest 0")
    expected = "annotations_fts" if "0" in query else "annotations_prefixes"
    assert library.search._highlight_words(parse(query)) == expected
    assert _found(library, query) == [wanted]
