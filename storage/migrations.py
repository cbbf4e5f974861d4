"""The schema as an ordered list of migrations; PRAGMA user_version records how far a file got.

Each migration runs in one transaction together with the version bump, so a file is never
left half-migrated. Never edit a released migration: add a new one.
"""

from __future__ import annotations

import sqlite3

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

MIGRATIONS: list[str] = [_V1]
LATEST_VERSION = len(MIGRATIONS)


def migrate(conn: sqlite3.Connection) -> None:
    """Bring the file up to LATEST_VERSION, one transaction per migration."""
    current = conn.execute("PRAGMA user_version").fetchone()[0]
    for number, script in enumerate(MIGRATIONS[current:], start=current + 1):
        try:
            conn.executescript(
                f"BEGIN IMMEDIATE;\n{script}\n"
                f"PRAGMA application_id = {APPLICATION_ID};\n"
                f"PRAGMA user_version = {number};\nCOMMIT;"
            )
        except BaseException:
            if conn.in_transaction:
                conn.rollback()
            raise
