"""Compressing the originals of a library written before they were compressed, and giving
the space back, in the background, beside the window and other processes.

Two phases, both resumable and safe to kill at any moment:

1. Rows. articles.original, then article_versions.original, in id order, a small batch per
   transaction (BATCH_ROWS rows or BATCH_BYTES of input, whichever comes first). Each batch
   is read and compressed outside the write lock; the short transaction then writes each
   row only if it still holds what was read (UPDATE ... WHERE original = old: a row a new
   import changed meanwhile is left to that import) and moves the progress mark in meta
   (PROGRESS_KEY + table: the last id visited). A kill rolls back the open batch: every row
   is in its old form or its new one, and both read the same (storage.originals). When both
   tables are done, meta DONE_KEY says so and later runs cost one indexed read. A restored
   old backup brings back its own meta, without the mark, so it is compressed in turn.
   articles goes first: while it runs, a new version may copy a raw original into
   article_versions, which the second pass then finds.

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
PROGRESS_KEY = "originals_packed_after:"  # + table: the last id the row phase visited
DONE_KEY = "originals_packed"  # present once every row of both tables was visited
BATCH_ROWS = 32
BATCH_BYTES = 4 * 1024 * 1024  # of input per transaction: the lock is held for milliseconds
RECLAIM_STEP = 2048  # pages given back per incremental_vacuum transaction (8 MB)
MIN_RECLAIM_BYTES = 1024 * 1024  # less free space than this is not worth a VACUUM
WINDOW_VACUUM_LIMIT = 256 * 1024 * 1024  # live bytes the window may VACUUM in the background

Progress = Callable[[int, int], None]  # (rows visited, rows to visit)


class Report(NamedTuple):
    """What one run did."""

    packed: int  # rows compressed
    saved: int  # bytes of originals saved by them
    reclaimed: int  # bytes the file shrank by
    state: str  # "done", "cancelled", or "vacuum deferred" (too large for the background)


def _meta(conn: sqlite3.Connection, key: str) -> str | None:
    row = conn.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
    return None if row is None else str(row[0])


def rows_pending(conn: sqlite3.Connection) -> bool:
    """Are there rows the row phase has still to visit? (One indexed read once done.)"""
    return _meta(conn, DONE_KEY) is None


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
    """Phase 1: compress every raw original, a batch per transaction. Returns (rows packed,
    bytes saved, finished)."""
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
            updates = []
            for row_id, old in batch:  # compressed outside the write lock
                new = originals.pack(old)
                if len(new) < len(old):
                    updates.append((new, row_id, old))
            with transaction(conn):
                if int(_meta(conn, key) or 0) != after:
                    continue  # another process did this batch meanwhile
                for new, row_id, old in updates:
                    done = conn.execute(
                        f"UPDATE {table} SET original = ? WHERE id = ? AND original = ?",
                        [new, row_id, old],
                    ).rowcount
                    if done:
                        packed += 1
                        saved += len(old) - len(new)
                conn.execute(
                    "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", [key, str(last)]
                )
            visited += looked
            if progress is not None:
                progress(min(visited, total), total)
    with transaction(conn):
        conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, 'yes')", [DONE_KEY])
        conn.execute("DELETE FROM meta WHERE key LIKE ?", [PROGRESS_KEY + "%"])
    return packed, saved, True


def _read_batch(
    conn: sqlite3.Connection, table: str, after: int
) -> tuple[list[tuple[int, bytes]], int | None, int]:
    """The next rows after `after` whose originals are still raw, the last id looked at
    (None when none is left) and how many rows were looked at. A value that starts like a
    frame is passed over without being decompressed: it is packed, or it is an old raw value
    that reads as itself either way (storage.originals), so a library packed already costs
    one pass over its ids and first bytes."""
    batch: list[tuple[int, bytes]] = []
    size = looked = 0
    last = None
    listing = conn.execute(
        f"SELECT id, substr(original, 1, 4) = ?, length(original) FROM {table} "
        "WHERE id > ? ORDER BY id LIMIT ?",
        [originals.MAGIC, after, BATCH_ROWS * 8],
    ).fetchall()
    for row_id, looks_packed, length in listing:
        if batch and (len(batch) >= BATCH_ROWS or size + length > BATCH_BYTES):
            break
        last, looked = row_id, looked + 1
        if looks_packed:
            continue
        value = conn.execute(f"SELECT original FROM {table} WHERE id = ?", [row_id]).fetchone()
        if value is not None:
            batch.append((row_id, bytes(value[0])))
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
