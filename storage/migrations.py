"""The schema as an ordered list of migrations; PRAGMA user_version records how far a file got.

A migration is either an SQL script or a Python function that is given sqlite-utils'
Database on the same connection. SQL is the right tool for FTS5 tables and their triggers,
and it is what the released V1 is (never edit a released migration: add a new one). Python
steps suit changing tables: `create`, `add_column`, `create_index`, and `transform` through
this module's `transform`, which is sqlite-utils' version of SQLite's twelve-step ALTER TABLE
plus what it would lose from a Postil table (see there). sqlite-utils is imported only when
a Python step is due, so a library that is up to date never loads it.

How a step runs, the same for both kinds:
- Foreign keys are switched off around the steps and `PRAGMA foreign_key_check` runs before
  each commit, as SQLite prescribes for changing a table's definition: rebuilding a table
  must not fire the ON DELETE CASCADE of the tables that point at it.
- One BEGIN IMMEDIATE transaction holds the step, the foreign-key check, the application id
  and the new user_version: a file is never left half-migrated, and a failing step leaves
  the schema and the version exactly as they were. While a Python step runs, SQLite's
  authorizer refuses BEGIN, COMMIT and ROLLBACK, so neither the step nor sqlite-utils can end
  that transaction early (sqlite-utils nests its own work in savepoints).
- The version is read again inside the transaction: when two processes open an old (or new,
  empty) file at once, the second finds the step done and skips it.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlite_utils import Database

APPLICATION_ID = 0x506F5354  # "PoST": marks a SQLite file as a Postil library

_V1 = """
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE articles (
    id           INTEGER PRIMARY KEY,
    title        TEXT NOT NULL,
    byline       TEXT,
    site         TEXT,
    url          TEXT,
    section      TEXT,
    published    TEXT,               -- ISO 8601, with offset when the source gave one
    captured     TEXT NOT NULL,      -- ISO 8601 UTC: when this version was imported
    language     TEXT,
    direction    TEXT NOT NULL DEFAULT 'ltr' CHECK (direction IN ('ltr', 'rtl')),
    source_kind  TEXT NOT NULL,      -- text, html, mhtml, markdown
    source_name  TEXT NOT NULL DEFAULT '',
    original     BLOB NOT NULL,      -- the input, verbatim
    text         TEXT NOT NULL,      -- canonical plain text (core.canonical)
    content      TEXT NOT NULL,      -- blocks the reader renders (core.content JSON)
    content_hash TEXT NOT NULL,
    version      INTEGER NOT NULL DEFAULT 1,
    added        TEXT NOT NULL       -- when the first version was imported
);
CREATE UNIQUE INDEX articles_content_hash ON articles (content_hash);
CREATE INDEX articles_url ON articles (url);
CREATE INDEX articles_captured ON articles (captured);
CREATE INDEX articles_published ON articles (published);
CREATE INDEX articles_title ON articles (title COLLATE NOCASE);
CREATE INDEX articles_site ON articles (site COLLATE NOCASE);

CREATE TABLE article_versions (
    id           INTEGER PRIMARY KEY,
    article_id   INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    version      INTEGER NOT NULL,
    title        TEXT NOT NULL,
    captured     TEXT NOT NULL,
    source_kind  TEXT NOT NULL,
    original     BLOB NOT NULL,
    text         TEXT NOT NULL,
    content      TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    UNIQUE (article_id, version)
);

CREATE TABLE images (
    id         INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    key        TEXT NOT NULL,        -- sha256 of data, as blocks refer to it
    mime       TEXT NOT NULL,
    data       BLOB NOT NULL,
    UNIQUE (article_id, key)
);

CREATE TABLE colors (
    name     TEXT PRIMARY KEY,
    position INTEGER NOT NULL UNIQUE,
    meaning  TEXT NOT NULL DEFAULT ''
);
INSERT INTO colors (name, position) VALUES
    ('yellow', 1), ('green', 2), ('blue', 3), ('red', 4), ('purple', 5);

CREATE TABLE annotations (
    id         INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    version    INTEGER NOT NULL,     -- the article version the selectors refer to
    quote      TEXT NOT NULL CHECK (quote <> ''),
    prefix     TEXT NOT NULL DEFAULT '',
    suffix     TEXT NOT NULL DEFAULT '',
    start      INTEGER,              -- code points into articles.text; NULL for an orphan
    "end"      INTEGER,
    status     TEXT NOT NULL DEFAULT 'anchored'
               CHECK (status IN ('anchored', 'moved', 'fuzzy', 'orphaned')),
    color      TEXT NOT NULL DEFAULT 'yellow' REFERENCES colors (name) ON UPDATE CASCADE,
    note       TEXT NOT NULL DEFAULT '',
    created    TEXT NOT NULL,
    updated    TEXT NOT NULL,
    CHECK ((start IS NULL) = ("end" IS NULL)),
    CHECK (start IS NULL OR (start >= 0 AND "end" > start)),
    CHECK ((status = 'orphaned') = (start IS NULL))
);
CREATE INDEX annotations_article ON annotations (article_id, start);

CREATE TABLE tags (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (trim(name) <> '')
);

CREATE TABLE annotation_tags (
    annotation_id INTEGER NOT NULL REFERENCES annotations (id) ON DELETE CASCADE,
    tag_id        INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
    PRIMARY KEY (annotation_id, tag_id)
) WITHOUT ROWID;
CREATE INDEX annotation_tags_tag ON annotation_tags (tag_id);

CREATE TABLE reading_state (
    article_id INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL DEFAULT 0,   -- code point offset at the top of the view
    opened     TEXT NOT NULL
);
CREATE INDEX reading_state_opened ON reading_state (opened);

CREATE VIRTUAL TABLE articles_fts USING fts5 (
    title, text, content = 'articles', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_fts_ai AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
END;
CREATE TRIGGER articles_fts_ad AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text)
        VALUES ('delete', old.id, old.title, old.text);
END;
CREATE TRIGGER articles_fts_au AFTER UPDATE OF title, text ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text)
        VALUES ('delete', old.id, old.title, old.text);
    INSERT INTO articles_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
END;

CREATE VIRTUAL TABLE annotations_fts USING fts5 (
    quote, note, content = 'annotations', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER annotations_fts_ai AFTER INSERT ON annotations BEGIN
    INSERT INTO annotations_fts (rowid, quote, note) VALUES (new.id, new.quote, new.note);
END;
CREATE TRIGGER annotations_fts_ad AFTER DELETE ON annotations BEGIN
    INSERT INTO annotations_fts (annotations_fts, rowid, quote, note)
        VALUES ('delete', old.id, old.quote, old.note);
END;
CREATE TRIGGER annotations_fts_au AFTER UPDATE OF quote, note ON annotations BEGIN
    INSERT INTO annotations_fts (annotations_fts, rowid, quote, note)
        VALUES ('delete', old.id, old.quote, old.note);
    INSERT INTO annotations_fts (rowid, quote, note) VALUES (new.id, new.quote, new.note);
END;
"""

# Reading states for triage: unread (no row, or never opened), reading (opened), done (the
# analyst's archive), and how far the reader got, in percent.
_V2 = """
ALTER TABLE reading_state ADD COLUMN status TEXT NOT NULL DEFAULT 'reading'
    CHECK (status IN ('unread', 'reading', 'done'));
ALTER TABLE reading_state ADD COLUMN progress INTEGER NOT NULL DEFAULT 0
    CHECK (progress BETWEEN 0 AND 100);
CREATE INDEX reading_state_status ON reading_state (status);
"""

# Near-duplicate captures (storage.near_duplicates): each article's signature, its smallest
# shingle hashes, one row per value, looked up by value. Existing articles are signed by the
# next import, not here (opening an old library stays instant): meta notes the newest
# article that may still be unsigned.
_V3 = """
CREATE TABLE article_signatures (
    value      INTEGER NOT NULL,     -- a shingle hash (core.near_duplicates.signature)
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    PRIMARY KEY (value, article_id)
) WITHOUT ROWID;
CREATE INDEX article_signatures_article ON article_signatures (article_id);
INSERT INTO meta (key, value)
    SELECT 'signatures_pending_through', id FROM articles ORDER BY id DESC LIMIT 1;
"""

# Stemmed search (storage.stems): beside articles_fts, an FTS5 table of each article's title
# and text as their stems (core.stemming, in the article's language), written in Python by
# storage.stems.index_article in the transaction that writes the text; SQL cannot stem.
# Positions are kept (detail=full): without them bm25 re-reads every matching text to count
# its words, some 300 times slower (measured). stems_pending lists the articles whose stems
# are missing or stale: every insert or change of a text adds the article (a bulk insert,
# an undone deletion included), index_article removes it; search matches pending articles
# by their words as written, and storage.stems.catch_up works the list off. Existing
# articles are all pending here: opening an old library stays instant.
_V4 = """
CREATE VIRTUAL TABLE articles_stems USING fts5 (
    title, text, tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TABLE stems_pending (
    article_id INTEGER PRIMARY KEY
);
CREATE TRIGGER articles_stems_ai AFTER INSERT ON articles BEGIN
    INSERT OR IGNORE INTO stems_pending (article_id) VALUES (new.id);
END;
CREATE TRIGGER articles_stems_au AFTER UPDATE OF title, text, language ON articles BEGIN
    INSERT OR IGNORE INTO stems_pending (article_id) VALUES (new.id);
END;
CREATE TRIGGER articles_stems_ad AFTER DELETE ON articles BEGIN
    DELETE FROM articles_stems WHERE rowid = old.id;
    DELETE FROM stems_pending WHERE article_id = old.id;
END;
INSERT INTO stems_pending (article_id) SELECT id FROM articles;
"""

# Smaller and faster derived search indexes (storage.stems, storage.search):
# - articles_stems is rebuilt contentless: V4's kept a copy of every stem (18 KB an article
#   on real pages, more than the text it came from). A contentless FTS5 table forgets a row
#   only when told its tokens again, so stems_indexed keeps the language each article was
#   stemmed in and the triggers re-stem the old title and text through postil_stems(), an
#   SQL function every library connection registers (storage.stems.add_function; a connection
#   without it cannot change an article's text: an error, never a stale index).
# - articles_prefixes holds every article's words with prefix indexes of 3, 4 and 5 letters
#   (detail=column: no positions, which the tier of prefixes being typed does not need):
#   FTS5 otherwise merges the entries of every word a prefix begins, over the whole
#   library, at each keystroke.
# Both are derived from the text, so both are built by the catch-up (every article pending
# again here: opening the library stays quick). V4's table is renamed, not dropped: dropping
# it reads every page of it (48 s at 100,000 articles); the catch-up empties it a batch per
# transaction and then drops it (storage.stems.retire_old_index). An article not pending is in
# articles_prefixes, and in articles_stems when stems_indexed says so; a pending one is in
# neither. The triggers keep that true for every change of a title, text or language.
_UNINDEX = """\
    INSERT INTO articles_prefixes (articles_prefixes, rowid, title, text)
        SELECT 'delete', old.id, old.title, old.text
        WHERE NOT EXISTS (SELECT 1 FROM stems_pending WHERE article_id = old.id);
    INSERT INTO articles_stems (articles_stems, rowid, title, text)
        SELECT 'delete', old.id, postil_stems(old.title, s.language),
               postil_stems(old.text, s.language)
        FROM stems_indexed s WHERE s.article_id = old.id;
    DELETE FROM stems_indexed WHERE article_id = old.id;
"""  # an article's old words out of both indexes, unless it is pending (and so in neither)
_V5 = f"""
DROP TRIGGER articles_stems_au;
DROP TRIGGER articles_stems_ad;
ALTER TABLE articles_stems RENAME TO articles_stems_v4;
CREATE VIRTUAL TABLE articles_stems USING fts5 (
    title, text, content = '', tokenize = 'unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE articles_prefixes USING fts5 (
    title, text, content = '', detail = column, prefix = '3 4 5',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TABLE stems_indexed (
    article_id INTEGER PRIMARY KEY,
    language   TEXT NOT NULL           -- the code its stems were made in (core.stemming)
);
CREATE TRIGGER articles_search_au AFTER UPDATE OF title, text, language ON articles BEGIN
{_UNINDEX}    INSERT OR IGNORE INTO stems_pending (article_id) VALUES (new.id);
END;
CREATE TRIGGER articles_search_ad AFTER DELETE ON articles BEGIN
{_UNINDEX}    DELETE FROM stems_pending WHERE article_id = old.id;
END;
DELETE FROM meta WHERE key IN ('stem_languages', 'stems_format');
INSERT OR IGNORE INTO stems_pending (article_id) SELECT id FROM articles;
"""


# The library list's other orders (storage.articles.SORT_COLUMNS) read from an index like the
# default one: ordered by date shown (published, else captured) or by site, a page of the
# list sorted the whole table first (1.7 s at 100,000 articles).
_V6 = """
CREATE INDEX articles_shown_date ON articles (coalesce(published, captured));
CREATE INDEX articles_site_order ON articles (coalesce(site, '') COLLATE NOCASE);
"""

# The highlights' and notes' words with prefix indexes (storage.highlight_prefixes), as
# articles_prefixes for the articles: the search box matches highlights as it matches
# articles, and a prefix being typed merged every word it begins over all of them (76,000
# highlights begin with "pro" in the 300,000 of the fixture). Contentless: the triggers
# give FTS5 the old words to forget. Highlights are indexed from the newest down: those
# with an id from meta 'annotation_prefixes_below' up are in it (the triggers keep them),
# the older ones are added by a catch-up that lowers the mark, so that opening a library
# stays quick.
_V7 = """
CREATE VIRTUAL TABLE annotations_prefixes USING fts5 (
    quote, note, content = '', detail = column, prefix = '3 4 5',
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO meta (key, value)
    SELECT 'annotation_prefixes_below', coalesce(max(id), 0) + 1 FROM annotations;
CREATE TRIGGER annotations_prefixes_ai AFTER INSERT ON annotations
WHEN new.id >= (SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'annotation_prefixes_below')
BEGIN
    INSERT INTO annotations_prefixes (rowid, quote, note) VALUES (new.id, new.quote, new.note);
END;
CREATE TRIGGER annotations_prefixes_au AFTER UPDATE OF quote, note ON annotations
WHEN old.id >= (SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'annotation_prefixes_below')
BEGIN
    INSERT INTO annotations_prefixes (annotations_prefixes, rowid, quote, note)
        VALUES ('delete', old.id, old.quote, old.note);
    INSERT INTO annotations_prefixes (rowid, quote, note) VALUES (new.id, new.quote, new.note);
END;
CREATE TRIGGER annotations_prefixes_ad AFTER DELETE ON annotations
WHEN old.id >= (SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'annotation_prefixes_below')
BEGIN
    INSERT INTO annotations_prefixes (annotations_prefixes, rowid, quote, note)
        VALUES ('delete', old.id, old.quote, old.note);
END;
"""

# The highlights' sorting and filtering read from indexes, not from the wide rows (a highlight
# row holds its quote, context and note; an article row its whole text), which were read at
# random, a page each, 30 ms and more a filter when they were not in the cache:
# - a tag's highlights are found through annotation_tags, then each one's article and capture
#   date by id: annotations_order and articles_capture_order hold just those, keyed by id
#   (storage.search.Search.highlight_ids names them: SQLite's planner reads a row by id from
#   its table whenever it can);
# - a colour's are found article by article, newest first: annotations_article now holds the
#   colour too;
# - annotations_color counts a colour's highlights, and is the index SQLite wants for a
#   colour renamed (colors ON UPDATE CASCADE scanned every highlight without it).
_V8 = """
DROP INDEX annotations_article;
CREATE INDEX annotations_article ON annotations (article_id, start, color);
CREATE INDEX annotations_order ON annotations (id, article_id, start, color);
CREATE INDEX annotations_color ON annotations (color);
CREATE INDEX articles_capture_order ON articles (id, captured);
"""

Migration = str | Callable[["Database"], None]

MIGRATIONS: list[Migration] = [_V1, _V2, _V3, _V4, _V5, _V6, _V7, _V8]
LATEST_VERSION = len(MIGRATIONS)


def migrate(conn: sqlite3.Connection, migrations: Sequence[Migration] | None = None) -> None:
    """Bring the file up to the last migration (MIGRATIONS unless given), one transaction
    each. Runs outside any transaction, on a connection in autocommit mode."""
    steps = MIGRATIONS if migrations is None else migrations
    current = conn.execute("PRAGMA user_version").fetchone()[0]
    if current >= len(steps):
        return
    foreign_keys = conn.execute("PRAGMA foreign_keys").fetchone()[0]
    conn.execute("PRAGMA foreign_keys = OFF")  # a no-op inside a transaction: set it before
    try:
        for number, step in enumerate(steps[current:], start=current + 1):
            _apply(conn, number, step)
    finally:
        conn.execute(f"PRAGMA foreign_keys = {'ON' if foreign_keys else 'OFF'}")


def _apply(conn: sqlite3.Connection, number: int, step: Migration) -> None:
    conn.execute("BEGIN IMMEDIATE")
    try:
        if conn.execute("PRAGMA user_version").fetchone()[0] >= number:
            conn.execute("ROLLBACK")  # another connection applied it since we looked
            return
        if isinstance(step, str):
            for statement in _statements(step):
                conn.execute(statement)
        else:
            _run_python(conn, number, step)
        broken = conn.execute("PRAGMA foreign_key_check").fetchall()
        if broken:
            table, rowid, parent = broken[0][:3]
            raise sqlite3.IntegrityError(
                f"migration {number} leaves {table} row {rowid} pointing at a missing {parent}"
            )
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute(f"PRAGMA user_version = {number}")
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def _statements(script: str) -> Iterator[str]:
    """An SQL script one statement at a time, for a transaction that is already open
    (executescript would commit it first). sqlite3.complete_statement knows a semicolon in
    a trigger's body, a string or a comment from the end of a statement."""
    statement = ""
    for piece in script.split(";"):
        statement += piece + ";"
        if sqlite3.complete_statement(statement):
            if statement.strip(" \t\r\n;"):
                yield statement
            statement = ""
    if statement.strip(" \t\r\n;"):  # the rest ends inside a comment, or is unfinished
        yield statement


def _run_python(conn: sqlite3.Connection, number: int, step: Callable[[Database], Any]) -> None:
    from storage.database import database  # sqlite-utils: only when a Python step is due

    def no_transaction_control(action: int, *_: object) -> int:
        return sqlite3.SQLITE_DENY if action == sqlite3.SQLITE_TRANSACTION else sqlite3.SQLITE_OK

    conn.set_authorizer(no_transaction_control)  # BEGIN/COMMIT/ROLLBACK: "not authorized"
    try:
        step(database(conn))
    finally:
        conn.set_authorizer(None)
    if not conn.in_transaction:  # SQLite itself rolled back (e.g. a full disk) and the step
        raise sqlite3.OperationalError(f"migration {number} lost its transaction")


def transform(db: Database, table: str, **changes: Any) -> None:
    """sqlite-utils' Table.transform for a migration step, without its losses on Postil's
    tables. transform rebuilds the table (create, copy, drop, rename, indexes again). As of
    sqlite-utils 4.2 it does not recreate the table's triggers (articles and annotations keep
    their search indexes in step with triggers), it writes the new table without a column's
    own COLLATE (tags.name, whose uniqueness and lookups ignore case: after a bare transform
    'ports' no longer finds 'Ports'), and it cannot copy the rows of a WITHOUT ROWID table
    (annotation_tags). So the triggers are put back as they were (a step that renames or
    drops a column a trigger uses must replace that trigger itself), and a table with
    COLLATE or WITHOUT ROWID in its definition is refused: write that step in SQL.
    tests/storage/test_migrations.py pins all three behaviours of the bare transform.
    """
    row = db.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", [table]
    ).fetchone()
    if row is None:
        raise ValueError(f"there is no table {table} to transform")
    for pattern, what in ((r"\bWITHOUT\s+ROWID\b", "WITHOUT ROWID"), (r"\bCOLLATE\b", "COLLATE")):
        if re.search(pattern, row[0], re.IGNORECASE):
            raise ValueError(
                f"sqlite-utils' transform cannot rebuild {table} faithfully ({what}); "
                "write this migration step in SQL"
            )
    triggers_sql = "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?"
    triggers = db.execute(triggers_sql, [table]).fetchall()
    db.table(table).transform(**changes)
    kept = {name for name, _sql in db.execute(triggers_sql, [table])}
    for name, sql in triggers:
        if name not in kept:  # a later sqlite-utils may keep them itself
            db.execute(sql)
