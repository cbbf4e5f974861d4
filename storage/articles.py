"""Articles in the library: adding imported ones (with de-duplication and versions: by source
URL, by text for another capture of the same article, or as the analyst says), reading them
back, their images and the reader's position."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import TYPE_CHECKING

from storage.clock import now_iso
from storage.errors import LibraryError, NotFound
from storage.records import AddOutcome, Article, ArticleSummary
from storage.transaction import transaction

if TYPE_CHECKING:
    from core.article import ImportedArticle

READING_STATES = ("unread", "reading", "done")


def _percent(progress: int | None) -> int:
    return max(0, min(100, int(progress or 0)))


SORT_COLUMNS = {  # each is the expression of an index (migrations 1 and 6): keep them alike
    "captured": "a.captured",
    "published": "coalesce(a.published, a.captured)",
    "title": "a.title COLLATE NOCASE",
    "site": "coalesce(a.site, '') COLLATE NOCASE",
}
# orders on a plain column, whose index a page can be sought in from the row before it
_SEEKABLE = {"captured": "captured", "title": "title"}
AFTER_TRIED = 50  # held ids looked for, from the last, to seek the next page after (both lists)
TAG_WALK = 10_000  # articles a tag's page is looked for in before its articles are gathered
_ARTICLE_COLUMNS = ", ".join(f'a."{name}"' for name in Article._fields)
_COUNT = "(SELECT count(*) FROM annotations n WHERE n.article_id = a.id)"


class Articles:
    """Queries and writes on the articles table and what hangs off it."""

    def __init__(self, conn: sqlite3.Connection, *, reanchor=None) -> None:
        self._conn = conn
        # callable(article_id, old_text, new_text, new_version) -> (re-anchored, orphaned)
        self._reanchor = reanchor

    # -- writing ---------------------------------------------------------------------------

    def add(
        self, imported: ImportedArticle, *, version_of: int | None = None, as_new: bool = False
    ) -> AddOutcome:
        """Store an imported article, in one transaction.

        The same text again is reported ('exists'), not duplicated: the library holds one
        copy of a text. version_of names the article this is another capture of: it becomes
        that article's current text (the analyst chose it). Otherwise, unless as_new asks for
        a separate article: the same source URL with changed text is a new version
        ('updated'), and so is another capture of an article found by its text ('version':
        storage.near_duplicates finds it, storage.versioning.add_capture says which capture
        stays current). Highlights follow every new text."""
        from core.near_duplicates import shingles, structure_rank  # writing only
        from storage import near_duplicates, stems, versioning

        if version_of is None and not as_new:
            near_duplicates.catch_up(self._conn)  # older articles are signed before a search
        text = imported.text
        digest = imported.content_hash
        capture = shingles(text)
        conn, reanchor = self._conn, self._reanchor
        with transaction(conn):
            same = conn.execute(
                "SELECT id, title, version, source_kind FROM articles WHERE content_hash = ?",
                [digest],
            ).fetchone()
            if same and version_of is not None and same[0] != version_of:
                raise LibraryError(
                    f"this capture's text is already article {same[0]} “{same[1]}”; "
                    "nothing was changed"
                )
            values = self._values(imported, text, digest)
            better = same and structure_rank(imported.source_kind) > structure_rank(same[3])
            if better and not as_new:
                # the same words, better kept (a saved page after its browser copy: headings,
                # links, pictures): it becomes the current capture
                return versioning.add_version(
                    conn, same[0], imported, values, capture, "version", reanchor
                )
            if same:
                return AddOutcome(same[0], "exists", same[1], same[2])
            if version_of is not None:
                if not self.exists(version_of):
                    raise NotFound(f"there is no article {version_of} in this library")
                return versioning.add_version(
                    conn, version_of, imported, values, capture, "version", reanchor
                )
            same_url = None if as_new else self._same_url(imported.url)
            if same_url is not None:
                return versioning.add_version(
                    conn, same_url, imported, values, capture, "updated", reanchor
                )
            match = (
                None if as_new else near_duplicates.find_same_article(conn, capture, imported.url)
            )
            if match is not None:
                return versioning.add_capture(conn, match, imported, values, capture, reanchor)
            from storage.sequences import take_ids

            article_id = take_ids(conn, "articles")[0]  # never a deleted article's id
            conn.execute(
                f"INSERT INTO articles (id, {', '.join(values)}, version, added) "
                f"VALUES (?, {', '.join('?' for _ in values)}, 1, ?)",
                [article_id, *values.values(), values["captured"]],
            )
            versioning.store_images(conn, article_id, imported)
            near_duplicates.store_signature(conn, article_id, capture)
            stems.index_article(conn, article_id)
            return AddOutcome(article_id, "added", imported.title, 1)

    def _same_url(self, url: str | None) -> int | None:
        """The article first imported from this source URL, if any."""
        if not url:
            return None
        row = self._conn.execute(
            "SELECT id FROM articles WHERE url = ? ORDER BY id LIMIT 1", [url]
        ).fetchone()
        return row[0] if row else None

    def _values(self, imported: ImportedArticle, text: str, digest: str) -> dict[str, object]:
        from core.content import blocks_to_json  # writing only: opening the window never does
        from storage import originals

        return {
            "title": imported.title or "Untitled",
            "byline": imported.byline,
            "site": imported.site,
            "url": imported.url,
            "section": imported.section,
            "published": imported.published.isoformat() if imported.published else None,
            "captured": now_iso(),
            "language": imported.language,
            "direction": imported.direction if imported.direction in ("ltr", "rtl") else "ltr",
            "source_kind": imported.source_kind,
            "source_name": imported.source_name,
            "original": originals.pack(imported.original),
            "text": text,
            "content": originals.pack_text(blocks_to_json(imported.blocks)),
            "content_hash": digest,
        }

    def delete(self, article_id: int) -> None:
        with transaction(self._conn):
            self._conn.execute("DELETE FROM articles WHERE id = ?", [article_id])

    # -- reading ---------------------------------------------------------------------------

    def count(self) -> int:
        return self._conn.execute("SELECT count(*) FROM articles").fetchone()[0]

    def ids(
        self,
        sort: str = "captured",
        *,
        descending: bool = True,
        tag: str | None = None,
        states: Sequence[str] | None = None,
        limit: int | None = None,
        offset: int = 0,
        after: Sequence[int] = (),
    ) -> list[int]:
        """Article ids in display order, a page at a time when asked: views hold ids and
        fetch rows lazily. states: only articles in these reading states. after: the ids the
        view holds, in order, when it has them: the page is then sought in the order's index
        from the last of them still in the library, where the order allows (an OFFSET walks
        every row before it, 30 ms at the end of 100,000 articles, and skips a row when one
        held was deleted); offset is used otherwise."""
        order = SORT_COLUMNS[sort]
        direction = "DESC" if descending else "ASC"
        where: list[str] = []
        params: list[object] = []
        if states is not None:
            unknown = set(states) - set(READING_STATES)
            if unknown:
                raise ValueError(f"unknown reading state {sorted(unknown)[0]!r}")
            marks = ", ".join("?" for _ in states)
            where.append(
                "coalesce((SELECT r.status FROM reading_state r WHERE r.article_id = a.id), "
                f"'unread') IN ({marks})"
            )
            params.extend(states)
        column = _SEEKABLE.get(sort) if after else None
        key = None
        if column is not None:  # the last held still here (others deleted meanwhile)
            held = list(after[-AFTER_TRIED:])
            back = "ASC" if descending else "DESC"  # the last in the order first
            key = self._conn.execute(
                f"SELECT {column}, id FROM articles a WHERE id IN "
                f"({', '.join('?' for _ in held)}) ORDER BY {order} {back}, a.id {back} LIMIT 1",
                held,
            ).fetchone()
        if key is not None:
            where.append(f"({order}, a.id) {'<' if descending else '>'} (?, ?)")
            params.extend(key)
            offset = 0
        newest_first = sort == "captured" and descending
        if tag is not None and newest_first and limit is not None and not offset:
            walked = self._tag_walk(tag, where, params, tuple(key or ()), limit)
            if walked is not None:
                return walked
        source = "articles a"
        if tag is not None:  # through the narrow indexes of migration 8, not the wide rows
            where.append(
                "a.id IN (SELECT n.article_id FROM annotations n INDEXED BY annotations_order "
                "JOIN annotation_tags t ON t.annotation_id = n.id JOIN tags g "
                "ON g.id = t.tag_id WHERE g.name = ?)"
            )
            params.append(tag)
            if sort == "captured":
                source = "articles a INDEXED BY articles_capture_order"
        sql = (
            f"SELECT a.id FROM {source} "
            + (f"WHERE {' AND '.join(where)} " if where else "")
            + f"ORDER BY {order} {direction}, a.id {direction}"
        )
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params = [*params, limit, offset]
        return [row[0] for row in self._conn.execute(sql, params)]

    def _tag_walk(
        self, tag: str, where: list[str], params: list[object], after: tuple, limit: int
    ) -> list[int] | None:
        """A page of a tag's articles, newest first, found by walking the next TAG_WALK
        articles and asking each whether a highlight of it has the tag (storage.tag_walk);
        None when that is not worth it or falls short: the tag's articles are then gathered."""
        from storage import tag_walk

        walk = tag_walk.plan(self._conn, tag, after=after, limit=limit, articles=TAG_WALK)
        if walk is None or walk.tag_id is None:
            return None if walk is None else []
        kept, kept_params = tag_walk.bounds(walk, ())  # `where` has the seek already
        conditions = [
            *where,
            "EXISTS (SELECT 1 FROM annotations n JOIN annotation_tags x "
            "ON x.annotation_id = n.id WHERE n.article_id = a.id AND x.tag_id = ?)",
            *kept,
        ]
        page = [
            row[0]
            for row in self._conn.execute(
                f"SELECT a.id FROM articles a WHERE {' AND '.join(conditions)} "
                "ORDER BY a.captured DESC, a.id DESC LIMIT ?",
                [*params, walk.tag_id, *kept_params, limit],
            )
        ]
        return page if len(page) >= limit or walk.past is None else None

    def summaries(self, ids: Sequence[int]) -> dict[int, ArticleSummary]:
        """Rows for a page of ids (what a list view shows)."""
        out: dict[int, ArticleSummary] = {}
        for chunk_start in range(0, len(ids), 500):
            chunk = list(ids[chunk_start : chunk_start + 500])
            marks = ", ".join("?" for _ in chunk)
            for row in self._conn.execute(
                f"SELECT a.id, a.title, a.site, a.published, a.captured, {_COUNT}, "
                "coalesce(r.status, 'unread'), coalesce(r.progress, 0) FROM articles a "
                f"LEFT JOIN reading_state r ON r.article_id = a.id WHERE a.id IN ({marks})",
                chunk,
            ):
                out[row[0]] = ArticleSummary(*row)
        return out

    def list(self, sort: str = "captured", *, descending: bool = True) -> list[ArticleSummary]:
        ids = self.ids(sort, descending=descending)
        rows = self.summaries(ids)
        return [rows[i] for i in ids]

    def get(self, article_id: int) -> Article:
        """The article, its content the JSON the reader renders (stored compressed)."""
        row = self._conn.execute(
            f"SELECT {_ARTICLE_COLUMNS} FROM articles a WHERE a.id = ?", [article_id]
        ).fetchone()
        if row is None:
            raise NotFound(f"there is no article {article_id} in this library")
        from storage.originals import unpack_text  # loads zstandard only for a packed one

        article = Article(*row)
        return article._replace(content=unpack_text(article.content))

    def version(self, article_id: int) -> int:
        row = self._conn.execute(
            "SELECT version FROM articles WHERE id = ?", [article_id]
        ).fetchone()
        if row is None:
            raise NotFound(f"there is no article {article_id} in this library")
        return row[0]

    def exists(self, article_id: int) -> bool:
        sql = "SELECT 1 FROM articles WHERE id = ?"
        return self._conn.execute(sql, [article_id]).fetchone() is not None

    def original(self, article_id: int) -> bytes:
        from storage import originals

        row = self._conn.execute(
            "SELECT original FROM articles WHERE id = ?", [article_id]
        ).fetchone()
        if row is None:
            raise NotFound(f"there is no article {article_id} in this library")
        return originals.unpack(row[0])

    def versions(self, article_id: int) -> list[tuple[int, str, str]]:
        """Older versions: (version, captured, text), oldest first."""
        return [
            tuple(row)
            for row in self._conn.execute(
                "SELECT version, captured, text FROM article_versions WHERE article_id = ? "
                "ORDER BY version",
                [article_id],
            )
        ]

    def image(self, article_id: int, key: str) -> tuple[str, bytes] | None:
        row = self._conn.execute(
            "SELECT mime, data FROM images WHERE article_id = ? AND key = ?", [article_id, key]
        ).fetchone()
        return (row[0], row[1]) if row else None

    # -- reading position ------------------------------------------------------------------

    def mark_opened(self, article_id: int, position: int | None = None) -> None:
        """Opened: an unread article is now being read (remember_place keeps how far)."""
        with transaction(self._conn):
            self._conn.execute(
                "INSERT INTO reading_state (article_id, position, opened, status) "
                "VALUES (?, ?, ?, 'reading') "
                "ON CONFLICT (article_id) DO UPDATE SET opened = excluded.opened, "
                "position = coalesce(?, reading_state.position), "
                "status = CASE reading_state.status WHEN 'unread' THEN 'reading' "
                "ELSE reading_state.status END",
                [article_id, position or 0, now_iso(precise=True), position],
            )

    def remember_place(self, article_id: int, position: int, progress: int) -> None:
        """Where the reader is, on leaving an article, and how far into it that is (progress
        only grows: scrolling back is not unreading). The reading state is left as the
        analyst set it: an article marked Unread while open stays Unread."""
        with transaction(self._conn):
            self._conn.execute(
                "INSERT INTO reading_state (article_id, position, opened, status, progress) "
                "VALUES (?, ?, ?, 'reading', ?) ON CONFLICT (article_id) DO UPDATE SET "
                "position = excluded.position, "
                "progress = max(reading_state.progress, excluded.progress)",
                [article_id, position, now_iso(precise=True), _percent(progress)],
            )

    def set_status(self, article_ids: Sequence[int], status: str) -> None:
        """Triage: unread, reading or done (the archive), for one article or many."""
        if status not in READING_STATES:
            raise ValueError(f"unknown reading state {status!r}")
        with transaction(self._conn):
            for article_id in article_ids:
                if not self.exists(article_id):
                    raise NotFound(f"there is no article {article_id} in this library")
                self._conn.execute(
                    "INSERT INTO reading_state (article_id, position, opened, status, progress) "
                    "VALUES (?, 0, '', ?, ?) ON CONFLICT (article_id) DO UPDATE SET "
                    "status = excluded.status, progress = CASE excluded.status "
                    "WHEN 'unread' THEN 0 WHEN 'done' THEN 100 ELSE reading_state.progress END",
                    [article_id, status, 100 if status == "done" else 0],
                )

    def status(self, article_id: int) -> tuple[str, int]:
        """(reading state, progress in percent)."""
        row = self._conn.execute(
            "SELECT status, progress FROM reading_state WHERE article_id = ?", [article_id]
        ).fetchone()
        return (row[0], row[1]) if row else ("unread", 0)

    def position(self, article_id: int) -> int:
        row = self._conn.execute(
            "SELECT position FROM reading_state WHERE article_id = ?", [article_id]
        ).fetchone()
        return row[0] if row else 0

    def last_opened(self) -> int | None:
        row = self._conn.execute(
            "SELECT article_id FROM reading_state ORDER BY opened DESC, rowid DESC LIMIT 1"
        ).fetchone()
        return row[0] if row else None
