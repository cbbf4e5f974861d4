"""The five highlight colours and what each means to this analyst ("red = claim to verify")."""

from __future__ import annotations

import sqlite3

from storage.errors import NotFound
from storage.records import Color
from storage.transaction import transaction


class Colors:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def all(self) -> list[Color]:
        return [
            Color(*r)
            for r in self._conn.execute(
                "SELECT name, position, meaning FROM colors ORDER BY position"
            )
        ]

    def set_meaning(self, name: str, meaning: str) -> None:
        with transaction(self._conn):
            cursor = self._conn.execute(
                "UPDATE colors SET meaning = ? WHERE name = ?", [meaning.strip(), name]
            )
            if cursor.rowcount == 0:
                raise NotFound(f"there is no colour {name!r}")
