"""What the reader paints for an article's highlights: (start, end, id, colour) of each
anchored one, in text order.

One query, apart from the annotations repository so that the window can paint the first
article's highlights in its first frame without loading the annotation records.
"""

from __future__ import annotations

import sqlite3

_SQL = (
    'SELECT start, "end", id, color FROM annotations WHERE article_id = ? '
    "AND start IS NOT NULL ORDER BY start, id"
)


def highlight_spans(conn: sqlite3.Connection, article_id: int) -> list[tuple[int, int, int, str]]:
    return [tuple(row) for row in conn.execute(_SQL, [article_id])]
