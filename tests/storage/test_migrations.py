"""Migrations: SQL scripts or Python steps given sqlite-utils, each one transaction with its
version bump; a failing step leaves the file exactly as it was."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from core.article import Image
from storage import library_files, migrations
from storage.annotations import AnnotationFilter, NewAnnotation
from storage.library import Library
from storage.migrations import APPLICATION_ID, migrate, transform
from tests.conftest import make_article, without_signatures

V1 = migrations.MIGRATIONS[0]
V2 = migrations.MIGRATIONS[1]  # reading states


def add_reviewed_and_rename_section(db) -> None:
    """A test-only V2 of the kind a real one would be: a new column, a table rebuilt."""
    db.table("annotations").add_column("reviewed", int, not_null_default=0)
    transform(db, "articles", rename={"section": "department"})


@pytest.fixture
def at_v1(library_path: Path, monkeypatch) -> Path:
    """A library at format 1 with a row in every table that points at articles."""
    url = "https://example.com/port"
    with monkeypatch.context() as only_v1:
        only_v1.setattr(migrations, "MIGRATIONS", [V1])
        library = Library.open(library_path)
    without_signatures(monkeypatch)  # the test steps below never make article_signatures
    with library:
        first = make_article(url=url)
        first.section = "Shipping"
        article_id = library.articles.add(first).article_id
        second = make_article(url=url, paragraphs=["Port traffic fell again.", "Agents wait."])
        second.section = "Shipping"
        second.images = [Image.from_bytes(b"\x89PNG fake", "image/png")]
        library.articles.add(second)  # a second version: article_versions and images rows
        library.conn.execute(  # format 1's reading place (no status column yet)
            "INSERT INTO reading_state (article_id, position, opened) VALUES (?, 7, '2026-01-01')",
            [article_id],
        )
        text = library.articles.get(article_id).text
        start = text.index("fell")
        library.annotations.add(
            article_id, NewAnnotation("fell", "", "", start, start + 4, tags=("ports",))
        )
        library.conn.execute("INSERT INTO meta (key, value) VALUES ('probe', 'kept')")
    return library_path


def open_conn(path: Path) -> sqlite3.Connection:
    conn = library_files.connect(path)
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def schema(conn: sqlite3.Connection) -> list[tuple]:
    return conn.execute(
        "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name"
    ).fetchall()


def contents(conn: sqlite3.Connection) -> dict[str, list[tuple]]:
    tables = [
        r[0]
        for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    ]
    return {t: sorted(conn.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables}


def version(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]


def columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]


def search_indexes_are_whole(conn: sqlite3.Connection) -> bool:
    for table in ("articles_fts", "annotations_fts"):
        conn.execute(f"INSERT INTO {table} ({table}, rank) VALUES ('integrity-check', 1)")
    return True


def test_v1_statement_by_statement_builds_what_the_script_builds(tmp_path: Path) -> None:
    whole = sqlite3.connect(":memory:", isolation_level=None)
    whole.executescript(V1)
    conn = library_files.connect(tmp_path / "new.postil")
    migrate(conn, [V1])  # the released format alone
    assert schema(conn) == schema(whole)
    assert contents(conn) == contents(whole)
    assert version(conn) == 1
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    conn.close()


def test_scripts_split_at_their_statements_only() -> None:
    script = (
        "CREATE TABLE a (x TEXT DEFAULT 'semi;colon'); -- a comment; with a semicolon\n"
        "CREATE TRIGGER t AFTER INSERT ON a BEGIN\n"
        "    INSERT INTO a VALUES ('one;'); INSERT INTO a VALUES ('two');\n"
        "END;\n"
        "CREATE TABLE b (y) -- no semicolon at the end; and a comment"
    )
    parts = list(migrations._statements(script))
    assert len(parts) == 3
    assert parts[1].lstrip().startswith("-- a comment") and parts[1].rstrip().endswith("END;")
    conn = sqlite3.connect(":memory:", isolation_level=None)
    for part in parts:
        conn.execute(part)
    assert {r[0] for r in conn.execute("SELECT name FROM sqlite_master")} == {"a", "b", "t"}


def test_a_python_step_adds_a_column_and_rebuilds_a_table_in_one_go(at_v1: Path) -> None:
    conn = open_conn(at_v1)
    before = contents(conn)
    indexes = {r[1] for r in conn.execute("PRAGMA index_list(articles)")}
    migrate(conn, [V1, add_reviewed_and_rename_section])

    assert version(conn) == 2
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1  # switched back on
    assert columns(conn, "annotations")[-1] == "reviewed"
    assert conn.execute("SELECT reviewed FROM annotations").fetchall() == [(0,)]
    assert "section" not in columns(conn, "articles")
    assert conn.execute("SELECT department FROM articles").fetchall() == [("Shipping",)]
    assert {r[1] for r in conn.execute("PRAGMA index_list(articles)")} == indexes
    # Rebuilding articles fired no ON DELETE CASCADE: everything that points at it is there.
    for table in ("article_versions", "images", "reading_state", "annotation_tags", "meta"):
        assert contents(conn)[table] == before[table], table
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    # The search triggers came back with the table: the index follows a new title.
    triggers = conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'articles'"
    ).fetchall()
    assert sorted(triggers) == [("articles_fts_ad",), ("articles_fts_ai",), ("articles_fts_au",)]
    conn.execute("UPDATE articles SET title = 'Zebra crossings'")
    hits = conn.execute("SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'zebra'")
    assert hits.fetchall() == conn.execute("SELECT id FROM articles").fetchall()
    assert search_indexes_are_whole(conn)
    conn.close()


def failing_after_changes(db) -> None:
    db.table("annotations").add_column("flagged", int, not_null_default=0)
    transform(db, "articles", rename={"byline": "author"})
    db.table("extra").create({"id": int}, pk="id")
    raise RuntimeError("step 2 goes wrong half-way")


def test_a_failing_python_step_leaves_version_and_schema_as_they_were(at_v1: Path) -> None:
    conn = open_conn(at_v1)
    before_schema, before_rows = schema(conn), contents(conn)
    with pytest.raises(RuntimeError, match="half-way"):
        migrate(conn, [V1, failing_after_changes])
    assert not conn.in_transaction
    assert version(conn) == 1
    assert schema(conn) == before_schema
    assert contents(conn) == before_rows
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    conn.close()
    conn = open_conn(at_v1)  # and so it is on disk, for the next connection
    assert (version(conn), schema(conn), contents(conn)) == (1, before_schema, before_rows)
    conn.close()


def test_each_step_is_its_own_transaction(at_v1: Path) -> None:
    conn = open_conn(at_v1)
    with pytest.raises(RuntimeError):
        migrate(conn, [V1, add_reviewed_and_rename_section, failing_after_changes])
    assert version(conn) == 2  # the good step stays; the failing one left nothing
    assert "reviewed" in columns(conn, "annotations")
    assert conn.execute("SELECT name FROM sqlite_master WHERE name = 'extra'").fetchone() is None
    conn.close()


@pytest.mark.parametrize(
    "end_it",
    [
        lambda db: db.conn.commit(),
        lambda db: db.execute("COMMIT"),
        lambda db: db.conn.execute("ROLLBACK"),
        lambda db: db.conn.executescript("SELECT 1"),  # executescript commits first
    ],
    ids=["commit()", "COMMIT", "ROLLBACK", "executescript"],
)
def test_a_step_cannot_end_its_transaction(at_v1: Path, end_it) -> None:
    def sneaky(db) -> None:
        db.table("annotations").add_column("reviewed", int, not_null_default=0)
        end_it(db)

    conn = open_conn(at_v1)
    before = schema(conn)
    with pytest.raises(sqlite3.DatabaseError, match="not authorized"):
        migrate(conn, [V1, sneaky])
    assert (version(conn), schema(conn)) == (1, before)
    conn.execute("BEGIN")  # the authorizer is gone again
    conn.execute("COMMIT")
    conn.close()


def test_a_step_that_breaks_foreign_keys_is_rolled_back(at_v1: Path) -> None:
    conn = open_conn(at_v1)
    before = contents(conn)
    with pytest.raises(sqlite3.IntegrityError, match="pointing at a missing articles"):
        migrate(conn, [V1, lambda db: db.execute("DELETE FROM articles")])  # no cascade: off
    assert version(conn) == 1 and contents(conn) == before
    conn.close()


@pytest.mark.parametrize(("table", "what"), [("tags", "COLLATE"), ("annotation_tags", "ROWID")])
def test_transform_refuses_what_it_would_rebuild_wrongly(at_v1: Path, table, what) -> None:
    conn = open_conn(at_v1)
    before = schema(conn)
    with pytest.raises(ValueError, match=what):
        migrate(conn, [V1, lambda db: transform(db, table, defaults={})])
    assert (version(conn), schema(conn)) == (1, before)
    conn.close()


def test_what_transform_alone_would_lose(at_v1: Path) -> None:
    """Why migrations.transform exists (sqlite-utils 4.2): the bare transform drops a table's
    triggers, drops a column's own COLLATE (tags are then found by exact case only), and
    cannot copy a WITHOUT ROWID table's rows. Should this test fail after an upgrade, the
    refusals in migrations.transform may be relaxed."""
    from storage.database import database

    conn = open_conn(at_v1)
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("BEGIN IMMEDIATE")
    db = database(conn)
    try:
        db.table("articles").transform()
        triggers = "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?"
        assert conn.execute(triggers, ["articles"]).fetchone() == (0,)
        assert conn.execute("SELECT id FROM tags WHERE name = 'PORTS'").fetchone() is not None
        db.table("tags").transform()
        assert conn.execute("SELECT id FROM tags WHERE name = 'PORTS'").fetchone() is None
        with pytest.raises(sqlite3.IntegrityError):
            db.table("annotation_tags").transform()
    finally:
        conn.execute("ROLLBACK")
        conn.close()


def test_a_library_opens_through_a_python_migration(at_v1: Path, monkeypatch) -> None:
    from storage import connection

    def add_reviewed(db) -> None:
        db.table("annotations").add_column("reviewed", int, not_null_default=0)
        transform(db, "annotations", defaults={"note": ""})  # rebuilt, triggers kept

    steps = [V1, V2, add_reviewed]
    monkeypatch.setattr(migrations, "MIGRATIONS", steps)
    monkeypatch.setattr(connection, "LATEST_VERSION", len(steps))
    with Library.open(at_v1) as library:
        assert version(library.conn) == 3
        article_id = library.articles.list()[0].id
        text = library.articles.get(article_id).text
        start = text.index("Agents")
        library.annotations.add(
            article_id, NewAnnotation("Agents", "", "", start, start + 6, note="queueing")
        )
        found = library.annotations.find(AnnotationFilter(query="queueing"))
        assert [a.quote for a in found] == ["Agents"]
        assert search_indexes_are_whole(library.conn)


def test_two_connections_migrating_at_once_both_succeed(library_path: Path) -> None:
    """The second finds the step done once it gets the write lock (it read the version
    before the first committed): before, it ran V1 again and failed on 'table meta already
    exists', so two processes opening a new library at once could not both start."""
    first = library_files.connect(library_path)
    first.execute("PRAGMA journal_mode = WAL")
    first.execute("BEGIN IMMEDIATE")  # the first is half-way through V1
    for statement in migrations._statements(V1):
        first.execute(statement)
    waiting = threading.Event()
    outcome: list[object] = []

    def second() -> None:
        conn = library_files.connect(library_path)
        conn.set_trace_callback(lambda sql: sql.startswith("BEGIN IMMEDIATE") and waiting.set())
        try:
            migrate(conn)
            outcome.append(version(conn))
        except BaseException as exc:
            outcome.append(exc)
        finally:
            conn.close()

    thread = threading.Thread(target=second)
    thread.start()
    assert waiting.wait(10)  # the second has read version 0 and waits for the write lock
    first.execute("PRAGMA user_version = 1")
    first.execute("COMMIT")
    thread.join(20)
    assert outcome == [migrations.LATEST_VERSION]  # it went on from where the first stopped
    first.close()
