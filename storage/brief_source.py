"""Gathering a brief: the passages a scope selects and the articles they cite (with their
canonical texts, for fragment links and the annotated article), in two queries.

Hands out core.export.brief records, so the writer never sees SQL and the window, the command
line and the benchmark build the very same brief.
"""

from __future__ import annotations

import json

from core.export.brief import Brief, BriefScope, Layout, Passage, SourceArticle
from storage.clock import now_iso
from storage.errors import LibraryError, NotFound
from storage.library import Library
from storage.search import fts_query

_TAGS = (
    "(SELECT group_concat(name, char(31)) FROM (SELECT g.name FROM annotation_tags t "
    "JOIN tags g ON g.id = t.tag_id WHERE t.annotation_id = n.id "
    "ORDER BY g.name COLLATE NOCASE, g.name))"
)
_PASSAGES = (
    "SELECT n.id, n.article_id, n.quote, n.note, n.color, coalesce(c.meaning, ''), n.status, "
    f'n.start, {_TAGS}, n."end" FROM annotations n JOIN articles a ON a.id = n.article_id '
    "LEFT JOIN colors c ON c.name = n.color"
)
_ARTICLES = (
    "SELECT id, title, site, byline, published, url, captured, text FROM articles "
    "WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id"
)
_ARTICLE_DATE = "substr(coalesce(a.published, a.captured), 1, 10)"
TITLE_PREFIX = "Brief: "  # before what a default title names; a caller may drop it


def _check(library: Library, scope: BriefScope) -> None:
    """Refuse a scope that names nothing: a typo must not quietly give an empty brief."""
    conn = library.conn
    for article_id in scope.article_ids:
        if not library.articles.exists(article_id):
            raise NotFound(f"there is no article {article_id} in this library")
    known = [c.name for c in library.colors.all()]
    for color in scope.colors:
        if color not in known:
            raise LibraryError(f"unknown colour {color!r}; choose one of {', '.join(known)}")
    for tag in scope.tags:
        if not conn.execute("SELECT 1 FROM tags WHERE name = ?", [tag]).fetchone():
            raise NotFound(f"there is no tag {tag!r}")
    if scope.since and scope.until and scope.since > scope.until:
        raise ValueError("the date range ends before it starts")


def _where(scope: BriefScope) -> tuple[str, list[object]]:
    where: list[str] = []
    params: list[object] = []
    if scope.article_ids:
        where.append("n.article_id IN (SELECT value FROM json_each(?))")
        params.append(json.dumps(list(scope.article_ids)))
    if scope.colors:
        where.append("n.color IN (SELECT value FROM json_each(?))")
        params.append(json.dumps(list(scope.colors)))
    if scope.tags:
        where.append(
            "n.id IN (SELECT t.annotation_id FROM annotation_tags t JOIN tags g "
            "ON g.id = t.tag_id WHERE g.name IN (SELECT value FROM json_each(?)))"
        )
        params.append(json.dumps(list(scope.tags)))
    if scope.since:
        where.append(f"{_ARTICLE_DATE} >= ?")
        params.append(scope.since.isoformat())
    if scope.until:
        where.append(f"{_ARTICLE_DATE} <= ?")
        params.append(scope.until.isoformat())
    if scope.search and scope.search.strip():
        query = fts_query(scope.search)
        where.append(
            "(n.id IN (SELECT rowid FROM annotations_fts WHERE annotations_fts MATCH ?) "
            "OR n.article_id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?))"
        )
        params += [query, query]
    return (f" WHERE {' AND '.join(where)}" if where else ""), params


def gather(library: Library, scope: BriefScope) -> tuple[list[SourceArticle], list[Passage]]:
    """The passages in scope (by id) and every article they cite (by id)."""
    _check(library, scope)
    where, params = _where(scope)
    passages = [
        Passage(
            id=row[0],
            article_id=row[1],
            quote=row[2],
            note=row[3],
            color=row[4],
            color_meaning=row[5],
            status=row[6],
            start=row[7],
            tags=tuple(row[8].split("\x1f")) if row[8] else (),
            end=row[9],
        )
        for row in library.conn.execute(f"{_PASSAGES}{where} ORDER BY n.id", params)
    ]
    cited = sorted({p.article_id for p in passages})
    articles = [SourceArticle(*row) for row in library.conn.execute(_ARTICLES, [json.dumps(cited)])]
    return articles, passages


def default_title(library: Library, scope: BriefScope) -> str:
    """A title that says what the brief covers, for when the analyst gives none."""
    if len(scope.article_ids) == 1:
        return TITLE_PREFIX + library.articles.get(scope.article_ids[0]).title
    if scope.tags:
        return TITLE_PREFIX + ", ".join(scope.tags)
    if scope.search and scope.search.strip():
        return TITLE_PREFIX + scope.search.strip()
    return "Brief"


def load_brief(
    library: Library,
    scope: BriefScope,
    *,
    layout: Layout = Layout.ARTICLE,
    title: str | None = None,
    generated: str | None = None,
) -> Brief:
    """Everything the writer needs. generated pins the date (tests, reproducible builds)."""
    articles, passages = gather(library, scope)
    return Brief(
        title=(title or "").strip() or default_title(library, scope),
        generated=generated or now_iso(),
        layout=layout,
        scope=scope,
        articles=tuple(articles),
        passages=tuple(passages),
    )
