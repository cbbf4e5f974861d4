"""The stemmed search index beside each article's text. index_article() runs in the
transaction that writes an article's current text (a new article or a new current version),
so the index never lags the text it describes.

articles_stems (FTS5, rowid = the article's id) holds the title and text as their stems
(core.stemming.index_text: in the article's language, each stem marked with that language,
so that a query stemmed in each of the library's languages matches an article only by the
stems of its own); an article whose language has no stemmer has
no row there and is searched by its words as written. stems_pending (filled by triggers on
articles: migration 4) lists the articles whose stems are missing or stale: those of a
library made before stemming, and any article written without index_article (a bulk
insert, an undone deletion). Search matches them by their words as written, so it never
misses one, and catch_up() stems them, newest first, a batch per transaction: resumable
after a cancel or a kill, like storage.near_duplicates' catch-up.

The languages stemmed so far are kept in meta 'stem_languages' (comma-separated codes):
search stems a query in each of them.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from storage.transaction import transaction

LANGUAGES_KEY = "stem_languages"
CATCH_UP_BATCH = 50  # articles stemmed per transaction: the window's own writes never wait long
FEW_PENDING = 50  # so few left that a search stems them first (storage.search)


def _has_index(conn: sqlite3.Connection) -> bool:
    return (
        conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'articles_stems'"
        ).fetchone()
        is not None
    )


def _stems(title: str, text: str, language: str | None) -> tuple[str | None, str, str]:
    from core.stemming import index_text, stem_language

    code = stem_language(language, text)
    if code is None:
        return None, "", ""
    return code, index_text(title, code), index_text(text, code)


def _store(
    conn: sqlite3.Connection, article_id: int, code: str | None, title: str, text: str
) -> None:
    conn.execute("DELETE FROM articles_stems WHERE rowid = ?", [article_id])
    if code is not None:
        conn.execute(
            "INSERT INTO articles_stems (rowid, title, text) VALUES (?, ?, ?)",
            [article_id, title, text],
        )
    conn.execute("DELETE FROM stems_pending WHERE article_id = ?", [article_id])


def _note_languages(conn: sqlite3.Connection, codes: set[str]) -> None:
    known = set(languages(conn))
    if codes - known:
        conn.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [LANGUAGES_KEY, ",".join(sorted(known | codes))],
        )


def languages(conn: sqlite3.Connection) -> list[str]:
    """The languages the library's articles were stemmed in."""
    row = conn.execute("SELECT value FROM meta WHERE key = ?", [LANGUAGES_KEY]).fetchone()
    return [code for code in row[0].split(",") if code] if row else []


def index_article(conn: sqlite3.Connection, article_id: int) -> None:
    """(Re)index the current text of one article (in the caller's transaction). A library
    at a format before stemming (a test's old library) has no index: nothing to do."""
    row = conn.execute(
        "SELECT title, text, language FROM articles WHERE id = ?", [article_id]
    ).fetchone()
    if row is None or not _has_index(conn):
        return
    code, title, text = _stems(*row)
    _store(conn, article_id, code, title, text)
    if code is not None:
        _note_languages(conn, {code})


def index_articles(conn: sqlite3.Connection, article_ids) -> None:
    """(Re)index these articles now, in the caller's transaction: for a writer that puts
    articles back in bulk (an undone deletion), so they are not left pending."""
    for article_id in article_ids:
        index_article(conn, article_id)


def pending(conn: sqlite3.Connection, *, at_most: int | None = None) -> int:
    """How many articles still wait for their stems (at_most: stop counting there)."""
    if not _has_index(conn):
        return 0
    if at_most is None:
        return conn.execute("SELECT count(*) FROM stems_pending").fetchone()[0]
    return conn.execute(
        "SELECT count(*) FROM (SELECT 1 FROM stems_pending LIMIT ?)", [at_most]
    ).fetchone()[0]


def catch_up(
    conn: sqlite3.Connection,
    *,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] = lambda: False,
    batch: int = CATCH_UP_BATCH,
    limit: int | None = None,
) -> int:
    """Stem the pending articles, newest first, `batch` per transaction; returns how many
    were done. Texts are read and stemmed outside the write lock; an article whose text
    changed meanwhile (another process wrote it, and its stems) is left as it is.
    limit: stop after about that many (a search catching up the last few)."""
    total = pending(conn) if progress is not None else 0
    done = 0
    while not cancelled() and (limit is None or done < limit):
        rows = conn.execute(
            "SELECT a.id, a.content_hash, a.title, a.text, a.language FROM stems_pending p "
            "JOIN articles a ON a.id = p.article_id ORDER BY p.article_id DESC LIMIT ?",
            [batch],
        ).fetchall()
        if not rows:
            with transaction(conn):  # pending rows of articles gone (none expected): drop
                conn.execute(
                    "DELETE FROM stems_pending WHERE article_id NOT IN (SELECT id FROM articles)"
                )
            break
        stemmed = [(row[0], row[1], *_stems(row[2], row[3], row[4])) for row in rows]
        with transaction(conn):
            codes = set()
            for article_id, digest, code, title, text in stemmed:
                now = conn.execute(
                    "SELECT a.content_hash FROM stems_pending p JOIN articles a "
                    "ON a.id = p.article_id WHERE p.article_id = ?",
                    [article_id],
                ).fetchone()
                if now is None or now[0] != digest:
                    continue  # stemmed by whoever changed it, or pending again: next round
                _store(conn, article_id, code, title, text)
                if code is not None:
                    codes.add(code)
            _note_languages(conn, codes)
        done += len(rows)
        if progress is not None:
            progress(min(done, total), total)
    return done
