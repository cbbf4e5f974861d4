"""Opening library files: new ones are made, foreign or newer ones refused and left untouched."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from storage.errors import LibraryError
from storage.library import Library
from storage.migrations import APPLICATION_ID, LATEST_VERSION


def test_new_library_is_migrated_and_marked(library_path: Path) -> None:
    with Library.open(library_path) as library:
        conn = library.db.conn
        assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        tables = set(library.db.table_names())
    assert {
        "articles",
        "article_versions",
        "images",
        "annotations",
        "tags",
        "annotation_tags",
        "articles_fts",
        "annotations_fts",
    } <= tables


def test_reopening_keeps_data(library_path: Path) -> None:
    from tests.conftest import make_article

    with Library.open(library_path) as library:
        article_id = library.articles.add(make_article()).article_id
    with Library.open(library_path) as library:
        assert library.articles.get(article_id).title == "Port traffic recovers"


def test_empty_file_becomes_a_library(library_path: Path) -> None:
    library_path.write_bytes(b"")
    with Library.open(library_path) as library:
        assert library.articles.count() == 0


def test_foreign_sqlite_file_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (x)")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(LibraryError, match="another program"):
        Library.open(path)
    assert path.read_bytes() == before
    assert not Path(str(path) + "-wal").exists()


def test_non_sqlite_file_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("just some notes, certainly not a database\n")
    before = path.read_bytes()
    with pytest.raises(LibraryError, match="not a Postil library"):
        Library.open(path)
    assert path.read_bytes() == before


def test_newer_library_is_refused(library_path: Path) -> None:
    Library.open(library_path).close()
    conn = sqlite3.connect(library_path)
    conn.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    conn.close()
    with pytest.raises(LibraryError, match="newer Postil"):
        Library.open(library_path)


def test_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(LibraryError, match="folder"):
        Library.open(tmp_path)


def test_failed_migration_leaves_file_at_old_version(library_path: Path, monkeypatch) -> None:
    from storage import migrations

    Library.open(library_path).close()
    broken = [*migrations.MIGRATIONS, "CREATE TABLE extra (x); CREATE TABLE extra (y);"]
    monkeypatch.setattr(migrations, "MIGRATIONS", broken)
    monkeypatch.setattr(migrations, "LATEST_VERSION", len(broken))
    from storage import connection

    monkeypatch.setattr(connection, "LATEST_VERSION", len(broken))
    with pytest.raises(LibraryError):
        Library.open(library_path)
    conn = sqlite3.connect(library_path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
    assert (
        conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'extra'").fetchone()[0] == 0
    )
    conn.close()
