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
    with Library.open(library_path) as library:  # migrated to 4: everything pending
        assert library.conn.execute("PRAGMA user_version").fetchone()[0] == 4
        assert stems.pending(library.conn) == len(ids)
        assert library.conn.execute("SELECT count(*) FROM articles_stems").fetchone()[0] == 0
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


def test_a_search_stems_the_last_few_pending_articles_first(library: Library) -> None:
    article_id = _add(library, "Vote", "The elections were held.")
    library.conn.execute("INSERT INTO stems_pending (article_id) VALUES (?)", [article_id])
    library.conn.execute("DELETE FROM articles_stems")
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
    library.conn.execute("DELETE FROM articles_stems")
    library.conn.execute("INSERT INTO stems_pending (article_id) VALUES (?)", [article_id])
    monkeypatch.setattr(stems, "FEW_PENDING", 0)
    assert _found(library, "elections") == [article_id]  # found as written meanwhile
    monkeypatch.undo()
    assert _found(library, "electing") == [article_id]  # the search stemmed it first
    assert stems.pending(library.conn) == 0


def test_catch_up_leaves_an_article_rewritten_meanwhile_to_its_writer(library: Library) -> None:
    article_id = _add(library, "Vote", "The elections were held.")
    library.conn.execute("INSERT INTO stems_pending (article_id) VALUES (?)", [article_id])
    real_stems = stems._stems

    def rewrite_while_stemming(title, text, language):
        library.conn.execute(
            "UPDATE articles SET content_hash = 'changed' WHERE id = ?", [article_id]
        )
        return real_stems(title, text, language)

    stems._stems = rewrite_while_stemming
    try:
        stems.catch_up(library.conn, batch=10, cancelled=iter([False, True]).__next__)
    finally:
        stems._stems = real_stems
    assert stems.pending(library.conn) == 1  # left for the next round, with the new text
    assert stems.catch_up(library.conn) == 1
    assert stems.pending(library.conn) == 0
