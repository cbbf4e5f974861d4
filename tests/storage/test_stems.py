"""The stemmed index of an existing library: migration 4 marks every article pending, search
finds them by their words as written meanwhile, and a resumable catch-up stems them a batch
per transaction. Articles written without index_article (a bulk insert, an undone deletion)
are pending too."""

from __future__ import annotations

from pathlib import Path

from storage import migrations, stems
from storage.article_removal import put_back, remove_articles
from storage.library import Library
from tests.conftest import make_article


def _add(library: Library, title: str, text: str, language: str = "en") -> int:
    article = make_article(title, [text])
    article.language = language
    return library.articles.add(article).article_id


def _found(library: Library, query: str) -> list[int]:
    return [hit.id for hit in library.search.articles(query)]


def test_migration_builds_the_stemmed_index_of_an_existing_library(
    library_path: Path, monkeypatch
) -> None:
    with monkeypatch.context() as v3:
        v3.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:3])
        with Library.open(library_path) as old:
            ids = [_add(old, f"Vote {i}", f"The elections number {i} were held.") for i in range(7)]
            ids.append(_add(old, "Порт", "Грузооборот порта Латакия растёт.", "ru"))
            assert old.conn.execute("PRAGMA user_version").fetchone()[0] == 3
    with Library.open(library_path) as library:  # migrated to the latest: everything pending
        assert (
            library.conn.execute("PRAGMA user_version").fetchone()[0] == migrations.LATEST_VERSION
        )
        assert stems.pending(library.conn) == len(ids)
        assert _indexed(library, "articles_stems", "elections") == []
        assert _indexed(library, "articles_prefixes", "elections") == []
        # search never misses a pending article: its words as written still match
        monkeypatch.setattr(stems, "FEW_PENDING", 0)  # too many to stem before a search
        assert len(_found(library, "elections")) == 7
        assert _found(library, "electing") == []  # not stemmed yet: only the words as written
        # a catch-up interrupted after its first batch resumes where it stopped
        batches = []
        done = stems.catch_up(
            library.conn,
            batch=3,
            progress=lambda n, total: batches.append((n, total)),
            cancelled=lambda: len(batches) >= 1,
        )
        assert done == 3 and batches == [(3, 8)]
        assert stems.pending(library.conn) == 5
        assert stems.catch_up(library.conn, batch=3) == 5
        assert stems.pending(library.conn) == 0
        assert stems.catch_up(library.conn) == 0  # a no-op once done
        assert sorted(_found(library, "electing")) == sorted(ids[:7])
        assert _found(library, "Латакии") == [ids[7]]
        assert stems.languages(library.conn) == ["en", "ru"]


def _indexed(library: Library, table: str, word: str) -> list[int]:
    """The articles a derived index (articles_stems, articles_prefixes) matches for a token."""
    sql = f"SELECT rowid FROM {table} WHERE {table} MATCH ? ORDER BY rowid"
    return [row[0] for row in library.conn.execute(sql, [f'"{word}"'])]


def _make_pending(library: Library, article_id: int) -> None:
    """As any change of the text does (the triggers): out of both indexes, pending."""
    library.conn.execute("UPDATE articles SET language = language WHERE id = ?", [article_id])


def test_a_search_stems_the_last_few_pending_articles_first(library: Library) -> None:
    article_id = _add(library, "Vote", "The elections were held.")
    _make_pending(library, article_id)
    assert _indexed(library, "articles_prefixes", "elections") == []
    assert _found(library, "election") == [article_id]
    assert stems.pending(library.conn) == 0


def test_an_undone_deletion_is_stemmed_again(library: Library) -> None:
    article_id = _add(library, "Vote", "The elections were held.")
    removed = remove_articles(library, [article_id])
    assert library.conn.execute("SELECT count(*) FROM articles_stems").fetchone()[0] == 0
    put_back(library, removed)  # a bulk insert, stemmed in its own transaction
    assert stems.pending(library.conn) == 0
    assert _found(library, "electing") == [article_id]


def test_a_bulk_insert_is_found_as_written_until_it_is_stemmed(
    library: Library, monkeypatch
) -> None:
    article_id = _add(library, "Vote", "The elections were held.")
    _make_pending(library, article_id)
    monkeypatch.setattr(stems, "FEW_PENDING", 0)
    assert _found(library, "elections") == [article_id]  # found as written meanwhile
    monkeypatch.undo()
    assert _found(library, "electing") == [article_id]  # the search stemmed it first
    assert stems.pending(library.conn) == 0


def test_catch_up_leaves_an_article_rewritten_meanwhile_to_its_writer(library: Library) -> None:
    article_id = _add(library, "Vote", "The elections were held.")
    _make_pending(library, article_id)
    real_stems = stems._stems

    def rewrite_while_stemming(title, text, language):
        library.conn.execute(
            "UPDATE articles SET text = 'The referendum was postponed.' WHERE id = ?",
            [article_id],
        )
        return real_stems(title, text, language)

    stems._stems = rewrite_while_stemming
    try:
        stems.catch_up(library.conn, batch=10, cancelled=iter([False, True]).__next__)
    finally:
        stems._stems = real_stems
    assert stems.pending(library.conn) == 1  # left for the next round, with the new text
    assert _indexed(library, "articles_prefixes", "held") == []
    assert stems.catch_up(library.conn) == 1
    assert stems.pending(library.conn) == 0
    assert _indexed(library, "articles_prefixes", "postponed") == [article_id]
    assert _indexed(library, "articles_prefixes", "held") == []
    assert _indexed(library, "articles_stems", "\ue000enpostpon") == [article_id]


def _integrity(library: Library) -> None:
    for table in ("articles_stems", "articles_prefixes"):
        library.conn.execute(f"INSERT INTO {table} ({table}) VALUES ('integrity-check')")


def test_every_change_of_a_text_leaves_the_indexes_exactly_what_the_text_says(
    library: Library,
) -> None:
    """The contentless indexes forget a row only when told its tokens: the triggers re-stem
    the old title and text on every update and deletion, so nothing stale stays behind."""
    kept = _add(library, "Harbour", "The harbour elections were held in spring.")
    changed = _add(library, "Vote", "The elections were held.")
    gone = _add(library, "Порт", "Грузооборот порта Латакия растёт.", "ru")
    conn = library.conn
    conn.execute("UPDATE articles SET text = 'Ministers resigned.' WHERE id = ?", [changed])
    assert _indexed(library, "articles_prefixes", "elections") == [kept]  # at once, pending
    assert stems.catch_up(conn) == 1
    conn.execute("UPDATE articles SET title = 'Cabinet' WHERE id = ?", [changed])
    stems.catch_up(conn)
    conn.execute("UPDATE articles SET language = 'de' WHERE id = ?", [kept])
    stems.catch_up(conn)
    conn.execute("DELETE FROM articles WHERE id = ?", [gone])
    _integrity(library)
    assert _indexed(library, "articles_prefixes", "elections") == [kept]
    assert _indexed(library, "articles_prefixes", "cabinet") == [changed]
    assert _indexed(library, "articles_prefixes", "vote") == []
    assert _indexed(library, "articles_prefixes", "латакия") == []
    assert _indexed(library, "articles_stems", "\ue000ruлатак") == []
    assert _indexed(library, "articles_stems", "\ue000enelect") == []  # now stemmed in German
    assert _indexed(library, "articles_stems", "\ue000enminist") == [changed]
    assert library.search.articles("resigning")[0].id == changed
    rows = conn.execute("SELECT article_id, language FROM stems_indexed ORDER BY 1").fetchall()
    assert rows == [(kept, "de"), (changed, "en")]


def test_a_connection_without_the_stemmer_cannot_change_a_text(library: Library) -> None:
    """Re-stemming is what keeps the index exact: a connection that cannot (sqlite3 on the
    file, not Postil) gets an error, and the article and its index stay as they were."""
    import sqlite3

    article_id = _add(library, "Vote", "The elections were held.")
    other = sqlite3.connect(library.path)
    try:
        for statement in (
            "DELETE FROM articles WHERE id = ?",
            "UPDATE articles SET text = 'x' WHERE id = ?",
        ):
            try:
                other.execute(statement, [article_id])
            except sqlite3.OperationalError as error:
                assert "postil_stems" in str(error)
            else:
                raise AssertionError(f"{statement} ran without re-stemming")
    finally:
        other.close()
    assert _indexed(library, "articles_stems", "\ue000enelect") == [article_id]
    assert library.articles.count() == 1


def test_indexes_made_by_other_stemmers_are_built_again(library_path, monkeypatch) -> None:
    with Library.open(library_path) as library:
        article_id = _add(library, "Vote", "The elections were held.")
        assert stems.pending(library.conn) == 0
    monkeypatch.setattr(stems, "current_format", lambda: "1/9.9.9")
    with Library.open(library_path) as library:  # a Postil whose stemmers differ
        assert stems.pending(library.conn) == 1
        assert _indexed(library, "articles_prefixes", "elections") == []
        assert library.conn.execute("SELECT count(*) FROM stems_indexed").fetchone()[0] == 0
        assert stems.catch_up(library.conn) == 1
        assert _indexed(library, "articles_stems", "\ue000enelect") == [article_id]
    with Library.open(library_path) as library:  # the same again: nothing to do
        assert stems.pending(library.conn) == 0


def test_migration_4s_table_is_retired_a_batch_at_a_time(library_path, monkeypatch) -> None:
    """Migration 5 renames the old stems table (dropping it would read all of it while the
    library opens); the background empties it a few rows per transaction, then drops it."""
    with monkeypatch.context() as v4:
        v4.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:4])
        with Library.open(library_path) as old:
            ids = [
                _add(old, f"Vote {i}", f"The elections number {i} were held.") for i in range(30)
            ]
            old.conn.execute(  # as migration 4's catch-up left it: a copy of every text
                "INSERT INTO articles_stems (rowid, title, text) "
                "SELECT id, title, text FROM articles"
            )
    monkeypatch.setattr(stems, "RETIRE_ROWS", {"content": 4, "data": 1, "docsize": 4})
    with Library.open(library_path) as library:
        conn = library.conn
        assert stems.work_left(conn)
        rounds = iter(range(3))
        assert not stems.retire_old_index(conn, cancelled=lambda: next(rounds, None) is None)
        left = conn.execute(f"SELECT count(*) FROM {stems.RETIRED}_content").fetchone()[0]
        assert 0 < left < 30  # part of it, in committed batches
        assert stems.catch_up(conn) == len(ids)  # a full catch-up finishes the retiring
        assert not stems.work_left(conn)
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        assert not any(name.startswith(stems.RETIRED) for name in names)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert sorted(_found(library, "electing")) == sorted(ids)


def test_check_finds_words_a_contentless_index_should_have_forgotten(library: Library) -> None:
    """A contentless index cannot be compared with a content table: the check makes it again
    from the articles. A whole library passes; a row indexed twice, or a text changed
    behind the triggers' back, is found."""
    first = _add(library, "Vote", "The elections were held.")
    _add(library, "Порт", "Грузооборот порта Латакия растёт.", "ru")
    conn = library.conn
    assert stems.index_mismatches(conn) == []
    conn.execute(  # a stale row: words the article never had
        "INSERT INTO articles_prefixes (rowid, title, text) VALUES (?, 'stale', 'words')", [first]
    )
    assert stems.index_mismatches(conn) == [
        "articles_prefixes differs from its articles in 2 words"
    ]
    conn.execute("INSERT INTO articles_stems (rowid, title, text) VALUES (?, '', 'x')", [first])
    assert stems.index_mismatches(conn)[1].startswith("articles_stems differs")
    temp = conn.execute("SELECT name FROM temp.sqlite_master").fetchall()
    assert temp == []  # nothing left behind
