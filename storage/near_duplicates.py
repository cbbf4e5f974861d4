"""Finding the article a new capture is another copy of, in a library of any size.

Each article's signature (core.near_duplicates: its smallest shingle hashes) is stored in
article_signatures, one row per value, indexed by value. A new capture's candidates are the
articles that share enough values with its own signature: one indexed lookup per value,
however many articles the library holds; only those few are then compared on their full
text. Signatures follow the current text: written when an article is added, rewritten when
a new version replaces its text, put back with an article whose deletion is undone, and
deleted with it (ON DELETE CASCADE).

Articles imported before signatures existed are signed in the background of the next
import, newest first, a batch per transaction (catch_up): the migration that made the table
only notes how far there is to go (meta 'signatures_pending_through': every article with an
id up to that one may still be unsigned), so opening an old library stays instant and a
cancelled or killed catch-up resumes where it stopped.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from typing import NamedTuple

from core.near_duplicates import (
    MAX_CANDIDATES,
    MIN_SHARED,
    Resemblance,
    resemblance,
    shingles,
    signature,
    sources_differ,
)
from storage.transaction import transaction

PENDING_KEY = "signatures_pending_through"
CATCH_UP_BATCH = 100  # articles signed per transaction: the window's own writes never wait long


class Match(NamedTuple):
    """The stored article a capture is another copy of."""

    article_id: int
    source_kind: str
    resemblance: Resemblance


def store_signature(conn: sqlite3.Connection, article_id: int, text_shingles: frozenset[int]):
    """Replace the article's signature with that of its current text (in the caller's
    transaction)."""
    conn.execute("DELETE FROM article_signatures WHERE article_id = ?", [article_id])
    conn.executemany(
        "INSERT OR IGNORE INTO article_signatures (value, article_id) VALUES (?, ?)",
        [(value, article_id) for value in signature(text_shingles)],
    )


def sign_articles(conn: sqlite3.Connection, article_ids: Iterable[int]) -> None:
    """Sign these articles from their stored text (an undone deletion puts them back)."""
    for article_id in article_ids:
        row = conn.execute("SELECT text FROM articles WHERE id = ?", [article_id]).fetchone()
        if row is not None:
            store_signature(conn, article_id, shingles(row[0]))


def find_same_article(
    conn: sqlite3.Connection, capture: frozenset[int], url: str | None
) -> Match | None:
    """The article this capture (its shingles) is another copy of, if any: the candidate
    with the highest containment among those that are the same article (see
    core.near_duplicates). A stored article naming another page than the capture's URL is
    never one (sources_differ)."""
    values = signature(capture)
    if not values:
        return None
    marks = ", ".join("?" for _ in values)
    candidates = conn.execute(
        f"SELECT article_id, count(*) AS shared FROM article_signatures WHERE value IN ({marks}) "
        "GROUP BY article_id HAVING shared >= ? ORDER BY shared DESC, article_id DESC LIMIT ?",
        [*values, MIN_SHARED, MAX_CANDIDATES],
    ).fetchall()
    best: Match | None = None
    for article_id, _shared in candidates:
        row = conn.execute(
            "SELECT text, source_kind, url FROM articles WHERE id = ?", [article_id]
        ).fetchone()
        if row is None or sources_differ(url, row[2]):
            continue
        found = resemblance(capture, shingles(row[0]))
        if found.same_article and (best is None or found > best.resemblance):
            best = Match(article_id, row[1], found)
    return best


def pending(conn: sqlite3.Connection) -> int:
    """How many articles are still to be signed (imported before signatures existed)."""
    through = _pending_through(conn)
    if through is None:
        return 0
    return conn.execute("SELECT count(*) FROM articles WHERE id <= ?", [through]).fetchone()[0]


def _pending_through(conn: sqlite3.Connection) -> int | None:
    row = conn.execute("SELECT value FROM meta WHERE key = ?", [PENDING_KEY]).fetchone()
    return int(row[0]) if row is not None else None


def catch_up(
    conn: sqlite3.Connection,
    *,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] = lambda: False,
) -> int:
    """Sign the articles imported before signatures existed, newest first, CATCH_UP_BATCH
    per transaction; returns how many were signed. A no-op (one indexed read) once done.
    Texts are read and shingled outside the write lock; an article that got a new version
    meanwhile was signed by that import and is left as it is."""
    total = pending(conn) if progress is not None else 0
    done = 0
    while not cancelled():
        through = _pending_through(conn)
        if through is None:
            break
        batch = conn.execute(
            "SELECT id, content_hash, text FROM articles WHERE id <= ? ORDER BY id DESC LIMIT ?",
            [through, CATCH_UP_BATCH],
        ).fetchall()
        signed = [(row[0], row[1], shingles(row[2])) for row in batch]
        with transaction(conn):
            if _pending_through(conn) != through:  # another process moved on meanwhile
                continue
            for article_id, digest, text_shingles in signed:
                now = conn.execute(
                    "SELECT content_hash FROM articles WHERE id = ?", [article_id]
                ).fetchone()
                if now is not None and now[0] == digest:
                    store_signature(conn, article_id, text_shingles)
            if len(batch) < CATCH_UP_BATCH:
                conn.execute("DELETE FROM meta WHERE key = ?", [PENDING_KEY])
            else:
                conn.execute(
                    "UPDATE meta SET value = ? WHERE key = ?", [batch[-1][0] - 1, PENDING_KEY]
                )
        done += len(batch)
        if progress is not None and batch:
            progress(min(done, total), total)
    return done
