"""The five highlight colours and what each means to this analyst ("red = claim to verify")."""

from __future__ import annotations

import sqlite_utils

from storage.errors import NotFound
from storage.records import Color
from storage.transaction import transaction


class Colors:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self._db = db

    def all(self) -> list[Color]:
        return [
            Color(*r)
            for r in self._db.execute(
                "SELECT name, position, meaning FROM colors ORDER BY position"
            )
        ]

    def set_meaning(self, name: str, meaning: str) -> None:
        with transaction(self._db):
            cursor = self._db.execute(
                "UPDATE colors SET meaning = ? WHERE name = ?", [meaning.strip(), name]
            )
            if cursor.rowcount == 0:
                raise NotFound(f"there is no colour {name!r}")
