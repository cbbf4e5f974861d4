"""Compressing what a library written by an older Postil kept uncompressed (the originals,
and the reader's content blocks), and giving the space back, in the background, beside the
window and other processes.

Two phases, both resumable and safe to kill at any moment:

1. Rows. articles, then article_versions, in id order, a small batch per transaction
   (BATCH_ROWS rows or BATCH_BYTES of input, whichever comes first). In each row, both
   compressed columns (COLUMNS) are packed in the same pass: a raw original
   (storage.originals.pack) and a content still stored as TEXT (pack_text). Each batch is
   read and compressed outside the write lock; the short transaction then writes each value
   only if it still holds what was read (UPDATE ... WHERE column = old: a row a new import
   changed meanwhile is left to that import) and moves the progress mark in meta
   (PROGRESS_KEY + table: the last id visited). A kill rolls back the open batch: every
   value is in its old form or its new one, and both read the same (storage.originals).
   When both tables are done, meta DONE_KEY holds DONE_VALUE, the columns it covered, and
   later runs cost one indexed read. The release before this one packed originals only,
   with marks of its own (LEGACY_KEYS): a library it finished has no DONE_VALUE yet, so its
   contents are packed in one more pass (its packed originals are passed over on their
   first bytes), and its progress marks, which say nothing about contents, are ignored and
   dropped at the end. A restored old backup brings back its own meta, without the mark, so
   it is compressed in turn. articles goes first: while it runs, a new version may copy a
   raw value into article_versions, which the second pass then finds.

2. Space. Compressed rows leave free pages inside the file; new imports reuse them first,
   so the file stops growing at once, but only VACUUM or auto_vacuum makes it smaller.
   - A library with auto_vacuum = INCREMENTAL gives pages back with PRAGMA
     incremental_vacuum, RECLAIM_STEP pages per transaction: short, like any other write.
   - A library without it (every library so far) needs one VACUUM, run here with
     auto_vacuum switched to INCREMENTAL so that it is the last one ever needed. VACUUM
     rewrites the file in one transaction: readers go on (WAL), writers wait for it, and it
     needs free disk for the compacted copy twice (its temporary copy and the WAL). So the
     window runs it in the background only when the compacted library is small enough that
     writers wait a few seconds at most (vacuum_limit); otherwise it waits for
     `postil compact`, which runs it whatever the size. A killed VACUUM leaves the file as
     it was (its WAL frames are never committed).
   Then a PASSIVE checkpoint (it never waits for readers) lets SQLite truncate the file.

docs/storage-size.md has the measurements behind these choices.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import NamedTuple

from storage import originals
from storage.transaction import transaction

TABLES = ("articles", "article_versions")
COLUMNS = ("original", "content")  # packed in the same pass over each row
PROGRESS_KEY = "rows_packed_after:"  # + table: the last id the row phase visited
DONE_KEY = "rows_packed"  # DONE_VALUE once every row of both tables was visited
DONE_VALUE = " ".join(COLUMNS)  # a column added to COLUMNS makes every library pending again
LEGACY_KEYS = ("originals_packed_after:",)  # progress marks of the originals-only release
BATCH_ROWS = 32
BATCH_BYTES = 4 * 1024 * 1024  # of input per transaction: the lock is held for milliseconds
RECLAIM_STEP = 2048  # pages given back per incremental_vacuum transaction (8 MB)
MIN_RECLAIM_BYTES = 1024 * 1024  # less free space than this is not worth a VACUUM
WINDOW_VACUUM_LIMIT = 256 * 1024 * 1024  # live bytes the window may VACUUM in the background

Progress = Callable[[int, int], None]  # (rows visited, rows to visit)


class Report(NamedTuple):
    """What one run did."""

    packed: int  # rows compressed (their original, their content, or both)
    saved: int  # bytes of originals and contents saved by them
    reclaimed: int  # bytes the file shrank by
    state: str  # "done", "cancelled", or "vacuum deferred" (too large for the background)


def _meta(conn: sqlite3.Connection, key: str) -> str | None:
    row = conn.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
    return None if row is None else str(row[0])


def rows_pending(conn: sqlite3.Connection) -> bool:
    """Are there rows the row phase has still to visit? (One indexed read once done.)"""
    return _meta(conn, DONE_KEY) != DONE_VALUE


def _rows_to_visit(conn: sqlite3.Connection) -> int:
    total = 0
    for table in TABLES:
        after = int(_meta(conn, PROGRESS_KEY + table) or 0)
        sql = f"SELECT count(*) FROM {table} WHERE id > ?"
        total += conn.execute(sql, [after]).fetchone()[0]
    return total


def pack_rows(
    conn: sqlite3.Connection,
    *,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] = lambda: False,
) -> tuple[int, int, bool]:
    """Phase 1: compress every raw original and every content stored as text, a batch per
    transaction. Returns (rows packed, bytes saved, finished)."""
    if not rows_pending(conn):
        return 0, 0, True
    total = _rows_to_visit(conn) if progress is not None else 0
    visited = packed = saved = 0
    for table in TABLES:
        key = PROGRESS_KEY + table
        while True:
            if cancelled():
                return packed, saved, False
            after = int(_meta(conn, key) or 0)
            batch, last, looked = _read_batch(conn, table, after)
            if last is None:
                break
            updates = [  # compressed outside the write lock
                (row_id, column, old, *stored)
                for row_id, column, old in batch
                if (stored := _pack(old)) is not None
            ]
            with transaction(conn):
                if int(_meta(conn, key) or 0) != after:
                    continue  # another process did this batch meanwhile
                rows = set()
                for row_id, column, old, new, saving in updates:
                    done = conn.execute(
                        f"UPDATE {table} SET {column} = ? WHERE id = ? AND {column} = ?",
                        [new, row_id, old],
                    ).rowcount
                    if done:
                        rows.add(row_id)
                        saved += saving
                packed += len(rows)
                conn.execute(
                    "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", [key, str(last)]
                )
            visited += looked
            if progress is not None:
                progress(min(visited, total), total)
    with transaction(conn):
        conn.execute(
            "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", [DONE_KEY, DONE_VALUE]
        )
        for prefix in (PROGRESS_KEY, *LEGACY_KEYS):
            conn.execute("DELETE FROM meta WHERE substr(key, 1, ?) = ?", [len(prefix), prefix])
    return packed, saved, True


def _pack(old: bytes | str) -> tuple[bytes, int] | None:
    """(the stored form to write, bytes it saves), or None when packing would not shrink it.
    A raw original is bytes, a content still raw is text (storage.originals)."""
    if isinstance(old, str):
        text = originals.pack_text(old)
        return (text, len(old.encode("utf-8")) - len(text)) if isinstance(text, bytes) else None
    frame = originals.pack(old)
    return (frame, len(old) - len(frame)) if len(frame) < len(old) else None


def _read_batch(
    conn: sqlite3.Connection, table: str, after: int
) -> tuple[list[tuple[int, str, bytes | str]], int | None, int]:
    """The values still to pack in the next rows after `after`, as (id, column, value), the
    last id looked at (None when none is left) and how many rows were looked at. An original
    that starts like a frame is passed over without being decompressed: it is packed, or it
    is an old raw value that reads as itself either way (storage.originals); a content
    stored as a BLOB is packed. So a library packed already costs one pass over its ids,
    the first bytes of its originals and the types of its contents (none is loaded)."""
    batch: list[tuple[int, str, bytes | str]] = []
    size = looked = rows = 0
    last = None
    listing = conn.execute(
        "SELECT id, CASE WHEN substr(original, 1, 4) != ? THEN length(original) END, "
        f"CASE WHEN typeof(content) = 'text' THEN length(content) END FROM {table} "
        "WHERE id > ? ORDER BY id LIMIT ?",
        [originals.MAGIC, after, BATCH_ROWS * 8],
    ).fetchall()
    for row_id, *sizes in listing:  # a size for each value still raw, else None
        raw = [(column, n) for column, n in zip(COLUMNS, sizes, strict=True) if n is not None]
        if batch and (rows >= BATCH_ROWS or size + sum(n for _, n in raw) > BATCH_BYTES):
            break
        last, looked = row_id, looked + 1
        rows += bool(raw)
        for column, length in raw:
            sql = f"SELECT {column} FROM {table} WHERE id = ?"
            value = conn.execute(sql, [row_id]).fetchone()
            if value is not None:
                old = value[0]
                batch.append((row_id, column, old if isinstance(old, str) else bytes(old)))
                size += length
    return batch, last, looked


def _sizes(conn: sqlite3.Connection) -> tuple[int, int, int]:
    """(page size, pages, free pages)."""
    page = conn.execute("PRAGMA page_size").fetchone()[0]
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    free = conn.execute("PRAGMA freelist_count").fetchone()[0]
    return page, pages, free


def reclaim(
    conn: sqlite3.Connection,
    *,
    vacuum_limit: int | None = None,
    cancelled: Callable[[], bool] = lambda: False,
) -> tuple[int, str]:
    """Phase 2: give free pages back to the disk. Returns (bytes the file shrank by, state).
    vacuum_limit: the most live bytes a one-time VACUUM may rewrite here (None: any)."""
    page, pages, free = _sizes(conn)
    if free * page < MIN_RECLAIM_BYTES:
        return 0, "done"
    mode = conn.execute("PRAGMA auto_vacuum").fetchone()[0]
    if mode == 2:  # incremental: small steps, each its own short transaction
        while not cancelled():
            before = conn.execute("PRAGMA freelist_count").fetchone()[0]
            if before == 0:
                break
            conn.executescript(f"PRAGMA incremental_vacuum({RECLAIM_STEP})")  # runs it through
            if conn.execute("PRAGMA freelist_count").fetchone()[0] >= before:
                break  # nothing moved (a reader holds the pages): try another time
        state = "cancelled" if cancelled() else "done"
    else:
        live = (pages - free) * page
        if vacuum_limit is not None and live > vacuum_limit:
            return 0, "vacuum deferred"
        if cancelled():
            return 0, "cancelled"
        conn.execute("PRAGMA auto_vacuum = INCREMENTAL")  # takes effect with this VACUUM
        conn.execute("VACUUM")
        state = "done"
    conn.execute("PRAGMA wal_checkpoint(PASSIVE)")  # truncates the file if no reader waits
    after_pages = conn.execute("PRAGMA page_count").fetchone()[0]
    return max(0, (pages - after_pages) * page), state


def compact(
    conn: sqlite3.Connection,
    *,
    vacuum_limit: int | None = None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] = lambda: False,
) -> Report:
    """Both phases: what the window runs in the background and `postil compact` in front."""
    packed, saved, finished = pack_rows(conn, progress=progress, cancelled=cancelled)
    if not finished:
        return Report(packed, saved, 0, "cancelled")
    reclaimed, state = reclaim(conn, vacuum_limit=vacuum_limit, cancelled=cancelled)
    return Report(packed, saved, reclaimed, state)
