"""Tag management made undoable: the rows of the tags a rename, merge or delete touches are
kept before it runs, and put back exactly (same ids, same passages) when it is undone."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from typing import NamedTuple

from storage.transaction import transaction


class TagSnapshot(NamedTuple):
    tags: list[tuple[int, str]]  # (id, name)
    links: list[tuple[int, int]]  # (annotation_id, tag_id)


def _ids(conn: sqlite3.Connection, names: Iterable[str]) -> list[int]:
    wanted = list(dict.fromkeys(names))
    if not wanted:
        return []
    marks = ", ".join("?" for _ in wanted)
    return [r[0] for r in conn.execute(f"SELECT id FROM tags WHERE name IN ({marks})", wanted)]


def snapshot(conn: sqlite3.Connection, names: Iterable[str]) -> TagSnapshot:
    """The tags with these names (any case) and every passage they are on."""
    ids = _ids(conn, names)
    if not ids:
        return TagSnapshot([], [])
    marks = ", ".join("?" for _ in ids)
    tags = [tuple(r) for r in conn.execute(f"SELECT id, name FROM tags WHERE id IN ({marks})", ids)]
    links = [
        tuple(r)
        for r in conn.execute(
            f"SELECT annotation_id, tag_id FROM annotation_tags WHERE tag_id IN ({marks})", ids
        )
    ]
    return TagSnapshot(tags, links)  # type: ignore[arg-type]


def restore(conn: sqlite3.Connection, before: TagSnapshot, names_now: Iterable[str]) -> None:
    """Put the snapshot back: the tags that now carry these names (a rename's new name, a
    merge's target) are replaced by the rows as they were. Passages deleted since are left out."""
    with transaction(conn):
        names = [name for _id, name in before.tags] + list(names_now)
        for tag_id in _ids(conn, names):
            conn.execute("DELETE FROM tags WHERE id = ?", [tag_id])  # its links go with it
        conn.executemany("INSERT INTO tags (id, name) VALUES (?, ?)", before.tags)
        conn.executemany(
            "INSERT OR IGNORE INTO annotation_tags (annotation_id, tag_id) "
            "SELECT ?, ? WHERE EXISTS (SELECT 1 FROM annotations WHERE id = ?)",
            [(a, t, a) for a, t in before.links],
        )
