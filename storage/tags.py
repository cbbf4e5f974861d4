"""Tags, library-wide: created on the fly, renamed, merged, deleted, counted."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from core.plain_text import normalize_text
from storage.database import insert_rows
from storage.errors import LibraryError, NotFound
from storage.records import TagCount
from storage.transaction import transaction


def clean_tag(name: str) -> str:
    """Tags are single-line words or phrases; '#' is how exports show them, not part of them."""
    cleaned = normalize_text(name).replace("\n", " ").strip().lstrip("#").strip()
    if not cleaned:
        raise LibraryError("a tag needs at least one letter or digit")
    if len(cleaned) > 100:
        raise LibraryError("a tag can be at most 100 characters long")
    return cleaned


class Tags:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def _id(self, name: str, *, create: bool) -> int | None:
        row = self._conn.execute("SELECT id FROM tags WHERE name = ?", [name]).fetchone()
        if row:
            return row[0]
        if not create:
            return None
        return self._conn.execute("INSERT INTO tags (name) VALUES (?)", [name]).lastrowid

    def set_for_annotation(self, annotation_id: int, names: Iterable[str]) -> None:
        """Replace an annotation's tags (inside the caller's transaction)."""
        with transaction(self._conn):
            self._conn.execute(
                "DELETE FROM annotation_tags WHERE annotation_id = ?", [annotation_id]
            )
            for name in dict.fromkeys(clean_tag(n) for n in names):
                tag_id = self._id(name, create=True)
                self._conn.execute(
                    "INSERT OR IGNORE INTO annotation_tags (annotation_id, tag_id) VALUES (?, ?)",
                    [annotation_id, tag_id],
                )

    def attach(self, tagged: Iterable[tuple[int, Iterable[str]]]) -> None:
        """Tag many annotations that have no tags yet (an import, an undo) in one go, inside
        the caller's transaction: each name is cleaned and looked up (or created) once, and
        the links go in as one bulk insert (sqlite-utils' insert_all)."""
        with transaction(self._conn):
            tag_ids: dict[str, int | None] = {}  # by the name as given
            links = []
            for annotation_id, names in tagged:
                for name in names:
                    if name not in tag_ids:
                        tag_ids[name] = self._id(clean_tag(name), create=True)
                    links.append({"annotation_id": annotation_id, "tag_id": tag_ids[name]})
            if links:  # INSERT OR IGNORE: two names for one tag link it once
                insert_rows(self._conn, "annotation_tags", links, ignore=True)

    def counts(self) -> list[TagCount]:
        """Every tag with how many highlights it is on, by name. Each tag counts its own
        range of the tag index (57 ms for 330,000 links); a join grouped by tag and then
        sorted by name took 120-190 ms, on the click that opens a tag box."""
        return [
            TagCount(*row)
            for row in self._conn.execute(
                "SELECT g.id, g.name, (SELECT count(*) FROM annotation_tags t "
                "WHERE t.tag_id = g.id) FROM tags g ORDER BY g.name COLLATE NOCASE"
            )
        ]

    def names(self) -> list[str]:
        return [
            r[0] for r in self._conn.execute("SELECT name FROM tags ORDER BY name COLLATE NOCASE")
        ]

    def rename(self, old: str, new: str) -> None:
        """Rename; renaming onto an existing tag merges the two."""
        new = clean_tag(new)
        with transaction(self._conn):
            old_id = self._id(old, create=False)
            if old_id is None:
                raise NotFound(f"there is no tag {old!r}")
            target = self._id(new, create=False)
            if target is None or target == old_id:
                self._conn.execute("UPDATE tags SET name = ? WHERE id = ?", [new, old_id])
            else:
                self._merge_ids(old_id, target)

    def merge(self, source: str, target: str) -> None:
        """Every passage tagged source becomes tagged target; source disappears."""
        with transaction(self._conn):
            source_id = self._id(source, create=False)
            target_id = self._id(target, create=False)
            if source_id is None or target_id is None:
                raise NotFound(f"there is no tag {source if source_id is None else target!r}")
            if source_id != target_id:
                self._merge_ids(source_id, target_id)

    def _merge_ids(self, source_id: int, target_id: int) -> None:
        self._conn.execute(
            "INSERT OR IGNORE INTO annotation_tags (annotation_id, tag_id) "
            "SELECT annotation_id, ? FROM annotation_tags WHERE tag_id = ?",
            [target_id, source_id],
        )
        self._conn.execute("DELETE FROM tags WHERE id = ?", [source_id])

    def delete(self, name: str) -> None:
        """Remove the tag from every passage; the passages themselves stay."""
        with transaction(self._conn):
            if self._conn.execute("DELETE FROM tags WHERE name = ?", [name]).rowcount == 0:
                raise NotFound(f"there is no tag {name!r}")
