"""Where a page of a tag's rows can be found by walking the articles newest first.

A common tag (on most articles) was found by gathering all its rows and sorting them, for
every page: 165 ms for All Highlights and 360 ms for the library list, at the fixture's
largest tag of 164,000 highlights. Walking the articles newest first and asking each about
the tag stops at a full page, but a rare tag would walk the whole library. So a walk goes
only as far as a set number of articles, and only for a tag common enough for them to hold
a page; otherwise, or when those articles fall short, the caller gathers and sorts as before.
storage.search (All Highlights) and storage.articles (the library list) walk this way.
"""

from __future__ import annotations

import sqlite3
from typing import NamedTuple

SEEK = "(a.captured, a.id) < (?, ?)"  # articles after a place in the newest-first order


class Walk(NamedTuple):
    tag_id: int | None  # None: no such tag, so nothing to find
    past: tuple[str, int] | None  # (captured, id) of the first article past the walk


def plan(
    conn: sqlite3.Connection, tag: str, *, after: tuple, limit: int, articles: int
) -> Walk | None:
    """The walk for a page of `limit` rows of `tag`, after the place `after` ((captured,
    id), or () from the newest), through at most `articles` articles; None when the tag is
    too rare for them to hold a page (its links counted no further than that)."""
    found = conn.execute("SELECT id FROM tags WHERE name = ?", [tag]).fetchone()
    if found is None:
        return Walk(None, None)
    library = conn.execute("SELECT max(id) FROM articles").fetchone()[0] or 0
    enough = limit * library // articles + 1
    tagged = conn.execute(
        "SELECT count(*) FROM (SELECT 1 FROM annotation_tags WHERE tag_id = ? LIMIT ?)",
        [found[0], enough],
    ).fetchone()[0]
    if tagged < enough:
        return None
    past = conn.execute(
        "SELECT a.captured, a.id FROM articles a "
        + (f"WHERE {SEEK} " if after else "")
        + "ORDER BY a.captured DESC, a.id DESC LIMIT 1 OFFSET ?",
        [*after, articles],
    ).fetchone()
    return Walk(found[0], tuple(past) if past else None)


def bounds(walk: Walk, after: tuple) -> tuple[list[str], list[object]]:
    """The conditions (and their parameters) that keep a query on the articles walked."""
    where: list[str] = []
    params: list[object] = []
    if after:
        where.append(SEEK)
        params.extend(after)
    if walk.past is not None:
        where.append("(a.captured, a.id) > (?, ?)")
        params.extend(walk.past)
    return where, params
