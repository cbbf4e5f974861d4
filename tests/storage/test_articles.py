"""Adding, de-duplicating, versioning and listing articles."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from core.article import Image
from storage.library import Library
from tests.conftest import make_article, without_signatures


def test_add_and_get_round_trip(library: Library) -> None:
    published = datetime(2026, 3, 14, 9, 30, tzinfo=timezone(timedelta(hours=2)))
    article = make_article(url="https://gazette.example.org/a", published=published)
    outcome = library.articles.add(article)
    assert outcome.status == "added"
    stored = library.articles.get(outcome.article_id)
    assert stored.title == "Port traffic recovers"
    assert stored.text == article.text
    assert stored.published == "2026-03-14T09:30:00+02:00"
    assert stored.url == "https://gazette.example.org/a"
    assert stored.version == 1
    assert library.articles.original(outcome.article_id) == article.original


def test_same_content_twice_is_reported_not_duplicated(library: Library) -> None:
    first = library.articles.add(make_article())
    again = library.articles.add(make_article(title="Another title, same body"))
    assert again.status == "exists"
    assert again.article_id == first.article_id
    assert library.articles.count() == 1


def test_same_url_changed_text_becomes_new_version(library: Library) -> None:
    url = "https://gazette.example.org/story"
    first = library.articles.add(make_article(url=url))
    second = library.articles.add(
        make_article(url=url, paragraphs=["A corrected first paragraph.", "And a second one."])
    )
    assert second.status == "updated"
    assert second.article_id == first.article_id
    assert second.version == 2
    assert library.articles.count() == 1
    versions = library.articles.versions(first.article_id)
    assert [v[0] for v in versions] == [1]
    assert "third consecutive month" in versions[0][2]
    assert library.articles.get(first.article_id).text.startswith("A corrected")


def test_images_stored_and_kept_for_the_older_version(library: Library) -> None:
    url = "https://gazette.example.org/img"
    article = make_article(url=url)
    article.images = [Image.from_bytes(b"\x89PNG fake", "image/png")]
    outcome = library.articles.add(article)
    key = article.images[0].key
    assert library.articles.image(outcome.article_id, key) == ("image/png", b"\x89PNG fake")
    newer = make_article(url=url, paragraphs=["Changed."])
    newer.images = [Image.from_bytes(b"\x89PNG other", "image/png")]
    library.articles.add(newer)
    assert library.articles.version(outcome.article_id) == 2
    assert library.articles.image(outcome.article_id, key) == ("image/png", b"\x89PNG fake")
    new_key = newer.images[0].key
    assert library.articles.image(outcome.article_id, new_key) == ("image/png", b"\x89PNG other")


def test_ids_sorted_and_summaries_count_annotations(library: Library) -> None:
    a = library.articles.add(make_article("Bravo", ["one"], site="Zeta")).article_id
    b = library.articles.add(make_article("alpha", ["two"], site="Alpha")).article_id
    assert library.articles.ids("title", descending=False) == [b, a]
    assert library.articles.ids("site", descending=False) == [b, a]
    assert set(library.articles.ids("captured")) == {a, b}
    rows = library.articles.summaries([a, b])
    assert rows[a].title == "Bravo" and rows[a].annotations == 0


def test_reading_position_and_last_opened(library: Library) -> None:
    a = library.articles.add(make_article("A", ["one"])).article_id
    b = library.articles.add(make_article("B", ["two"])).article_id
    assert library.articles.last_opened() is None
    library.articles.mark_opened(a, 5)
    library.articles.mark_opened(b)
    assert library.articles.last_opened() == b
    assert library.articles.position(a) == 5
    library.articles.mark_opened(a)
    assert library.articles.position(a) == 5
    assert library.articles.last_opened() == a


def test_delete_cascades(library: Library) -> None:
    from storage.annotations import NewAnnotation

    article_id = library.articles.add(make_article()).article_id
    library.annotations.add(article_id, NewAnnotation("port", "", "", 0, 4, tags=("x",)))
    library.articles.delete(article_id)
    assert library.annotations.count() == 0
    assert library.db.execute("SELECT count(*) FROM annotation_tags").fetchone()[0] == 0


def test_a_deleted_articles_id_is_never_given_to_a_new_one(library):
    """Links and undo name articles by id: deleting the newest must not free its id."""
    from storage.article_removal import put_back, remove_articles

    first = library.articles.add(make_article("First", ["One."])).article_id
    newest = library.articles.add(make_article("Newest", ["Two."])).article_id
    removed = remove_articles(library, [newest])
    again = library.articles.add(make_article("Another", ["Three."])).article_id
    assert again not in (first, newest)
    put_back(library, removed)  # the undo finds its id still free
    assert library.articles.get(newest).title == "Newest"


def test_reading_states_follow_the_reader_and_the_analysts_triage(library):
    first = library.articles.add(make_article("First", ["One two three."])).article_id
    second = library.articles.add(make_article("Second", ["Four five six."])).article_id
    assert library.articles.status(first) == ("unread", 0)
    library.articles.mark_opened(first)
    assert library.articles.status(first) == ("reading", 0)
    library.articles.remember_place(first, 3, 40)
    assert library.articles.status(first) == ("reading", 40)
    library.articles.remember_place(first, 0, 10)  # scrolling back is not unreading
    assert library.articles.status(first) == ("reading", 40)
    assert library.articles.position(first) == 0
    library.articles.set_status([second], "done")
    assert library.articles.status(second) == ("done", 100)
    assert library.articles.ids(states=["unread", "reading"]) == [first]
    assert library.articles.ids(states=["done"]) == [second]
    library.articles.set_status([first, second], "unread")
    assert library.articles.ids(states=["unread"]) == [second, first]
    assert library.articles.last_opened() == first  # triage is not opening
    summary = library.articles.summaries([first])[first]
    assert (summary.status, summary.progress) == ("unread", 0)


def test_a_format_1_library_gets_reading_states_when_it_opens(library_path, monkeypatch):
    from storage import migrations

    with monkeypatch.context() as only_v1:
        only_v1.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:1])
        without_signatures(only_v1)
        with Library.open(library_path) as old:
            opened = old.articles.add(make_article("Opened", ["Read once."])).article_id
            never = old.articles.add(make_article("Never", ["Not yet."])).article_id
            old.conn.execute(
                "INSERT INTO reading_state (article_id, position, opened) VALUES (?, 5, 'x')",
                [opened],
            )
    with Library.open(library_path) as library:  # migrated to the current format
        assert library.articles.status(opened) == ("reading", 0)
        assert library.articles.status(never) == ("unread", 0)
        assert library.articles.position(opened) == 5


@pytest.mark.parametrize(
    ("sort", "descending"),
    [
        ("captured", True),
        ("captured", False),
        ("published", True),
        ("title", False),
        ("site", False),
    ],
)
def test_pages_sought_from_the_row_before_give_the_whole_order(
    library: Library, sort: str, descending: bool
) -> None:
    """The list asks for the next page after its last id; page by page it must see every
    article once, in the order of one query, ties (same title, same date) included, and
    a page whose last article was deleted meanwhile goes on by its offset."""
    import random

    rng = random.Random(8)
    for i in range(57):
        imported = make_article(
            rng.choice(["Port", "port", "Grain", "Ödeme", "Zebra"]) + f" {i % 4}", [f"Text {i}."]
        )
        imported.site = rng.choice([None, "Gazette", "herald", "Caliber.az"])
        imported.published = rng.choice(
            [None, datetime(2025, 3, 1), datetime(2025, 3, 2, 10, tzinfo=UTC)]
        )
        library.articles.add(imported)
    library.conn.execute(
        "UPDATE articles SET captured = '2026-01-01T00:00:00+00:00' WHERE id % 3 = 0"
    )
    whole = library.articles.ids(sort, descending=descending)
    assert len(whole) == 57
    seen: list[int] = []
    while True:
        page = library.articles.ids(
            sort,
            descending=descending,
            limit=10,
            offset=len(seen),
            after=seen,
        )
        seen += page
        if len(page) < 10:
            break
    assert seen == whole
    # articles the view holds deleted (in another window) before the next page is asked
    # for: the page goes on after the last one left, never skipping one nor showing it twice
    first_page = library.articles.ids(sort, descending=descending, limit=10)
    gone = [first_page[9], first_page[3]]
    library.conn.executemany("DELETE FROM articles WHERE id = ?", [[i] for i in gone])
    rest = library.articles.ids(sort, descending=descending, limit=100, offset=10, after=first_page)
    left = library.articles.ids(sort, descending=descending)
    if sort in ("captured", "title"):  # sought from the last held still there
        assert [i for i in first_page if i not in gone] + rest == left
    else:  # by offset: what was held is not read again
        assert not set(rest) & set(first_page)


def test_the_list_orders_read_from_indexes(library: Library) -> None:
    """No order sorts the whole table for a page (1.7 s at 100,000 articles)."""
    from storage.articles import SORT_COLUMNS

    for order in SORT_COLUMNS.values():
        plan = library.conn.execute(
            f"EXPLAIN QUERY PLAN SELECT a.id FROM articles a ORDER BY {order} DESC, a.id DESC "
            "LIMIT 10"
        ).fetchall()
        assert not any("TEMP B-TREE" in row[-1] for row in plan), (order, plan)


@pytest.mark.parametrize("walk", [1, 3, 10_000])
def test_a_tags_articles_are_the_same_walked_or_gathered(
    library: Library, walk: int, monkeypatch
) -> None:
    """The library list filtered by a tag, newest first: a common tag's page is found by
    walking the next `walk` articles (storage.articles.TAG_WALK), a rare one's by gathering
    the tag's articles; pages, held rows and reading states give the same ids either way."""
    from storage import articles as articles_module
    from storage.highlighting import annotate_quote

    monkeypatch.setattr(articles_module, "TAG_WALK", walk)
    made = []
    for number in range(12):
        text = f"Dispatch {number}: cranes, tugs and pilots at the harbour."
        article_id = library.articles.add(
            make_article(f"Dispatch {number}", [text], url=f"https://e.org/{number}")
        ).article_id
        made.append(article_id)
        if number % 4 != 3:  # common: on most articles, twice on some
            annotate_quote(library, article_id, "cranes", tags=["common"])
            if number % 2:
                annotate_quote(library, article_id, "tugs", tags=["common"])
        if number == 1:  # rare: one old article
            annotate_quote(library, article_id, "pilots", tags=["rare"])
    library.conn.execute(  # captured out of id order, two sharing a time
        "UPDATE articles SET captured = '2026-11-0' || (1 + (id * 5) % 9) || 'T08:00:00+00:00'"
    )
    library.articles.set_status([made[2]], "done")
    library.articles.set_status([made[5]], "reading")
    for tag in ("common", "rare", "none-such"):
        for states in (None, ("unread",), ("done", "reading")):
            whole = library.articles.ids(tag=tag, states=states)  # gathered, never walked
            expected = [
                i
                for i in library.articles.ids(states=states)
                if library.conn.execute(
                    "SELECT 1 FROM annotations n JOIN annotation_tags x ON x.annotation_id = n.id "
                    "JOIN tags g ON g.id = x.tag_id WHERE n.article_id = ? AND g.name = ?",
                    [i, tag],
                ).fetchone()
            ]
            assert whole == expected, (tag, states)
            seen: list[int] = []
            for _ in range(20):
                page = library.articles.ids(
                    tag=tag, states=states, limit=2, offset=len(seen), after=seen
                )
                seen += page
                if len(page) < 2:
                    break
            assert seen == expected, (tag, states)
