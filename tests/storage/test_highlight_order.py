"""All Highlights' pages (storage.search.Search.highlight_ids): every filter gives the order
and the count of storage.annotations.find, and the tag and colour filters read indexes only
(migration 8), never the wide highlight and article rows, which made a cold tag filter cost
30 ms and more at 300,000 highlights."""

from __future__ import annotations

import itertools
import sqlite3
from pathlib import Path

import pytest

from storage import search as search_module
from storage.annotations import AnnotationFilter
from storage.highlighting import annotate_quote
from storage.library import Library
from tests.conftest import make_article

WORDS = ("harbour", "cranes", "tugs", "pilots", "fees", "berths")
COLOURS = ("yellow", "blue", "red")


def _fill(library: Library) -> None:
    """Six articles whose capture dates are not in id order, with highlights of three
    colours and two tags, and one orphaned highlight."""
    for number in range(6):
        text = " ".join(f"{w}{number}" for w in WORDS) + ". " + " ".join(WORDS) + "."
        article_id = library.articles.add(
            make_article(f"Port {number}", [text], url=f"https://example.org/{number}")
        ).article_id
        day = (number * 7) % 6  # 0 6 2 ... : neither id order nor its reverse
        library.conn.execute(
            "UPDATE articles SET captured = ? WHERE id = ?",
            [f"2026-11-{10 + day:02d}T08:00:00+00:00", article_id],
        )
        for k, word in enumerate(reversed(WORDS)):  # made out of text order
            annotate_quote(
                library,
                article_id,
                word,
                color=COLOURS[(k + number) % 3],
                tags=["port"] * (k % 2) + ["fees"] * (k % 3 == 0),
            )
    library.conn.execute(
        "UPDATE annotations SET start = NULL, \"end\" = NULL, status = 'orphaned' WHERE id = 5"
    )


@pytest.fixture
def filled(library: Library) -> Library:
    _fill(library)
    return library


FILTERS = [
    {
        key: value
        for key, value in (("tag", tag), ("color", colour), ("query", query))
        if value is not None
    }
    for tag, colour, query in itertools.product(
        (None, "port", "fees", "none-such"), (None, *COLOURS), (None, "tugs", "pil")
    )
]


def _filter_id(filters: dict) -> str:
    return ",".join(f"{k}={v}" for k, v in filters.items()) or "all"


@pytest.mark.parametrize("filters", FILTERS, ids=_filter_id)
def test_each_filter_pages_in_the_order_of_find(filled: Library, filters: dict) -> None:
    expected = [a.id for a in filled.annotations.find(AnnotationFilter(**filters))]
    search = filled.search
    assert search.highlight_ids(**filters) == expected
    assert search.highlight_ids(**filters, count=True) == [len(expected)]
    pages = [search.highlight_ids(**filters, limit=4, offset=o) for o in range(0, 40, 4)]
    assert [i for page in pages for i in page] == expected


def _plans(library: Library, **filters) -> list[str]:
    """What SQLite does for the page and for the count of these filters."""
    seen: list[str] = []
    library.conn.set_trace_callback(seen.append)
    try:
        library.search.highlight_ids(**filters, limit=200)
        library.search.highlight_ids(**filters, count=True)
    finally:
        library.conn.set_trace_callback(None)
    plans = []
    for sql in seen:
        explained = library.conn.execute(f"EXPLAIN QUERY PLAN {sql}").fetchall()
        plans.append(" | ".join(row[-1] for row in explained))
    return plans


@pytest.mark.parametrize(
    "filters", [{"tag": "port"}, {"tag": "port", "color": "blue"}, {"color": "red"}]
)
def test_tag_and_colour_filters_read_indexes_only(filled: Library, filters: dict) -> None:
    plans = _plans(filled, **filters)
    assert len(plans) >= 2  # the page (a tag's: walked, then sorted if need be), the count
    for plan in plans:
        # a highlight or an article read by id from its table, or a table scanned
        assert "INTEGER PRIMARY KEY" not in plan, plan
        assert "SCAN n " not in plan.replace("COVERING INDEX", "") + " ", plan
        for step in plan.split(" | "):
            if step == "SCAN a" and "CO-ROUTINE a" in plan:  # the articles walked, in order
                continue
            if step.startswith(("SEARCH n", "SCAN n", "SEARCH a", "SCAN a")):
                assert "COVERING INDEX" in step, plan
    page_plan = plans[0]
    if "tag" not in filters:  # the newest articles first, not every highlight of the colour
        assert page_plan.startswith("SCAN a USING COVERING INDEX articles_captured"), page_plan


def test_a_library_of_version_7_gets_the_indexes_and_keeps_its_highlights(
    tmp_path: Path,
) -> None:
    """Migration 8 on a library as version 7 left it: same highlights, same pages, read
    from the new indexes."""
    path = tmp_path / "library.postil"
    with Library.open(path) as library:
        _fill(library)
        expected = {
            str(f): [a.id for a in library.annotations.find(AnnotationFilter(**f))] for f in FILTERS
        }
        before = library.conn.execute("SELECT * FROM annotations ORDER BY id").fetchall()
    conn = sqlite3.connect(path)
    conn.executescript(
        """
        DROP INDEX annotations_order;
        DROP INDEX annotations_color;
        DROP INDEX articles_capture_order;
        DROP INDEX annotations_article;
        CREATE INDEX annotations_article ON annotations (article_id, start);
        PRAGMA user_version = 7;
        """
    )
    conn.close()
    with Library.open(path) as library:
        indexes = {
            row[0]
            for row in library.conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")
        }
        assert {"annotations_order", "annotations_color", "articles_capture_order"} <= indexes
        columns = [r[2] for r in library.conn.execute("PRAGMA index_info(annotations_article)")]
        assert columns == ["article_id", "start", "color"]
        assert library.conn.execute("SELECT * FROM annotations ORDER BY id").fetchall() == before
        for f in FILTERS:
            assert library.search.highlight_ids(**f) == expected[str(f)], f
        assert "INTEGER PRIMARY KEY" not in " ".join(_plans(library, tag="port"))


def test_renaming_a_colour_reaches_its_highlights_through_an_index(filled: Library) -> None:
    """colors ON UPDATE CASCADE: the highlights of a renamed colour are found by an index
    (without one, SQLite scans every highlight for each colour changed)."""
    plan = filled.conn.execute(
        "EXPLAIN QUERY PLAN SELECT id FROM annotations WHERE color = ?", ["red"]
    ).fetchall()
    assert "annotations_color" in " ".join(row[-1] for row in plan)


def _paged(library: Library, filters: dict, size: int) -> list[int]:
    """Every highlight of the filters, a page of `size` at a time, each page asked for
    after the rows held, as All Highlights asks."""
    seen: list[int] = []
    for _ in range(100):
        page = library.search.highlight_ids(**filters, limit=size, offset=len(seen), after=seen)
        if not page:
            break
        seen += page
    return seen


@pytest.mark.parametrize("filters", FILTERS, ids=_filter_id)
def test_pages_sought_after_the_last_row_give_the_whole_order(
    filled: Library, filters: dict
) -> None:
    expected = [a.id for a in filled.annotations.find(AnnotationFilter(**filters))]
    assert _paged(filled, filters, 4) == expected


@pytest.mark.parametrize("deleted", [[4], [3, 4], [0], [0, 1, 2, 3, 4]])
def test_a_page_goes_on_after_the_last_held_row_still_there(
    filled: Library, deleted: list[int]
) -> None:
    """Highlights the view holds are deleted (from another window) before it asks for more:
    the next page starts after the last one left, or, none left, by offset."""
    whole = filled.search.highlight_ids()
    first = filled.search.highlight_ids(limit=5)
    gone = [first[i] for i in deleted]
    filled.conn.executemany("DELETE FROM annotations WHERE id = ?", [[i] for i in gone])
    rest = filled.search.highlight_ids(limit=100, offset=5, after=first)
    left = [i for i in whole if i not in gone]
    if len(gone) == len(first):  # nothing held is left: by offset, past 5 rows of what is
        assert rest == left[5:]
    else:
        assert [i for i in first if i not in gone] + rest == left


def test_a_page_far_down_is_sought_in_the_index(filled: Library) -> None:
    """The next page starts from the last row's place: no OFFSET walking what came before."""
    seen: list[str] = []
    held = filled.search.highlight_ids(limit=10)
    filled.conn.set_trace_callback(seen.append)
    try:
        filled.search.highlight_ids(limit=10, offset=10, after=held)
    finally:
        filled.conn.set_trace_callback(None)
    pages = [sql for sql in seen if sql.startswith("SELECT n.id")]
    assert pages and all("OFFSET 0" in sql for sql in pages)
    plan = " | ".join(
        row[-1] for row in filled.conn.execute(f"EXPLAIN QUERY PLAN {pages[-1]}").fetchall()
    )
    assert "SEARCH a USING COVERING INDEX articles_captured (captured<?)" in plan, plan


@pytest.mark.parametrize("walk", [1, 3])
@pytest.mark.parametrize(
    "filters", [f for f in FILTERS if "tag" in f and "query" not in f], ids=_filter_id
)
def test_a_tags_pages_are_the_same_walked_or_sorted(
    filled: Library, filters: dict, walk: int, monkeypatch
) -> None:
    """A tag's page is looked for in the next `walk` articles first (storage.search
    .WALK_ARTICLES, 2,000 in the window), and its highlights sorted when they do not fill it:
    the pages are the same either way, from the top or after the rows held."""

    monkeypatch.setattr(search_module, "WALK_ARTICLES", walk)
    expected = [a.id for a in filled.annotations.find(AnnotationFilter(**filters))]
    assert filled.search.highlight_ids(**filters, limit=100) == expected
    assert _paged(filled, filters, 2) == expected
