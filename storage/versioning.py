"""Writing a new version of an article: the capture that becomes its current text (the
text it replaces is kept as an older version, its highlights re-anchored), or a capture kept
as an older version behind a better-structured current one. Runs inside Articles.add's
transaction; storage.articles decides which article a capture belongs to."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import TYPE_CHECKING

from storage import near_duplicates, stems
from storage.records import AddOutcome

if TYPE_CHECKING:
    from core.article import ImportedArticle
    from storage.near_duplicates import Match

# (article_id, old_text, new_text, new_version) -> (highlights re-anchored, of those orphaned)
Reanchor = Callable[[int, str, str, int], "tuple[int, int] | None"]

# Metadata a new capture may lack (browser text has no URL): the article keeps what it had.
_KEPT_WHEN_MISSING = frozenset({"byline", "site", "url", "section", "published", "language"})
_VERSION_COLUMNS = (
    "title",
    "captured",
    "source_kind",
    "original",
    "text",
    "content",
    "content_hash",
)


def add_capture(
    conn: sqlite3.Connection,
    match: Match,
    imported: ImportedArticle,
    values: dict[str, object],
    capture: frozenset[int],
    reanchor: Reanchor | None,
) -> AddOutcome:
    """Another capture of the article `match`, found by its text.

    The better-structured capture is the one read and annotated (core.near_duplicates
    STRUCTURE_RANK): a saved page keeps the headings, quotes, lists, images and metadata that
    browser text has lost. So a capture at least as well structured as the current one
    becomes the current text, its highlights following it (of two equally structured, the
    newer is the article as it stands now). A less structured one, browser text arriving
    after the saved page, is stored as the version before the current one, which stays as
    it is: nothing the analyst imports is thrown away (the library keeps every input
    verbatim, and the browser copy may hold a line the page lost), the highlights stay on
    the better text, and the version numbers still count the captures. A capture stored
    already as one of the article's older versions is reported as there already."""
    from core.near_duplicates import structure_rank

    article_id = match.article_id
    similarity = round(match.resemblance.containment, 3)
    known = conn.execute(
        "SELECT a.title, a.version FROM article_versions v JOIN articles a "
        "ON a.id = v.article_id WHERE v.article_id = ? AND v.content_hash = ? LIMIT 1",
        [article_id, values["content_hash"]],
    ).fetchone()
    if known:
        return AddOutcome(article_id, "exists", known[0], known[1])
    if structure_rank(imported.source_kind) < structure_rank(match.source_kind):
        return add_older_version(conn, article_id, values, similarity)
    return add_version(
        conn, article_id, imported, values, capture, "version", reanchor, similarity=similarity
    )


def add_version(
    conn: sqlite3.Connection,
    article_id: int,
    imported: ImportedArticle,
    values: dict[str, object],
    capture: frozenset[int],
    status: str,
    reanchor: Reanchor | None,
    *,
    similarity: float | None = None,
) -> AddOutcome:
    """The capture becomes the article's current text; the one it replaces is kept as an
    older version, and the highlights are re-anchored onto the new text. What the new
    capture does not say (a browser copy has no URL) is kept from the old one. The old
    row's original and content move in their stored forms (storage.originals), as they are."""
    old = conn.execute(
        "SELECT version, title, captured, source_kind, original, text, content, "
        "content_hash FROM articles WHERE id = ?",
        [article_id],
    ).fetchone()
    conn.execute(
        "INSERT INTO article_versions (article_id, version, title, captured, source_kind, "
        "original, text, content, content_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [article_id, *old],
    )
    version = old[0] + 1
    assignments = ", ".join(
        f"{name} = coalesce(?, {name})" if name in _KEPT_WHEN_MISSING else f"{name} = ?"
        for name in values
    )
    conn.execute(
        f"UPDATE articles SET {assignments}, version = ? WHERE id = ?",
        [*values.values(), version, article_id],
    )
    store_images(conn, article_id, imported)  # older versions' pictures stay: they show them
    near_duplicates.store_signature(conn, article_id, capture)
    stems.index_article(conn, article_id)
    moved = reanchor(article_id, old[5], str(values["text"]), version) if reanchor else None
    highlights, orphaned = moved or (0, 0)
    return AddOutcome(
        article_id,
        status,
        str(values["title"]),
        version,
        highlights=highlights,
        orphaned=orphaned,
        similarity=similarity,
    )


def add_older_version(
    conn: sqlite3.Connection, article_id: int, values: dict[str, object], similarity: float
) -> AddOutcome:
    """The capture goes in as the version before the current one, which keeps its text,
    its highlights and their places; only the version numbers move up by one."""
    version, title = conn.execute(
        "SELECT version, title FROM articles WHERE id = ?", [article_id]
    ).fetchone()
    conn.execute(
        f"INSERT INTO article_versions (article_id, version, {', '.join(_VERSION_COLUMNS)}) "
        f"VALUES (?, ?, {', '.join('?' for _ in _VERSION_COLUMNS)})",
        [article_id, version, *(values[name] for name in _VERSION_COLUMNS)],
    )
    conn.execute("UPDATE articles SET version = ? WHERE id = ?", [version + 1, article_id])
    conn.execute(  # their selectors still describe the current text, which is unchanged
        "UPDATE annotations SET version = ? WHERE article_id = ?", [version + 1, article_id]
    )
    highlights = conn.execute(
        "SELECT count(*) FROM annotations WHERE article_id = ?", [article_id]
    ).fetchone()[0]
    return AddOutcome(
        article_id,
        "version",
        title,
        version + 1,
        highlights=highlights,
        current=False,
        similarity=similarity,
    )


def store_images(conn: sqlite3.Connection, article_id: int, imported: ImportedArticle) -> None:
    seen = set()
    for image in imported.images:
        if image.key in seen:
            continue
        seen.add(image.key)
        conn.execute(
            "INSERT OR IGNORE INTO images (article_id, key, mime, data) VALUES (?, ?, ?, ?)",
            [article_id, image.key, image.mime, image.data],
        )
