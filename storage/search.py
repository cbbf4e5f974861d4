"""Full-text search over articles and annotations (FTS5), ranked, with snippets.

The library's search box also takes operators (core.search_query: site:, tag:, color:,
before:, after:, is:, "phrases", -word); they become SQL conditions beside the FTS5 match,
so a query of filters alone lists the articles they keep, newest first.
"""

from __future__ import annotations

import re
import sqlite3

from core.search_query import SearchQuery, parse
from storage.records import SearchHit

SNIPPET_START = "\x02"  # marks around matched words in snippets; views style them
SNIPPET_END = "\x03"
_TOKEN = re.compile(r'"[^"]*"|\S+')


def fts_query(user_query: str) -> str:
    """A user's words as a safe FTS5 query: every word must match, a trailing word may be a
    prefix, "quoted phrases" stay phrases. Nothing the user types is FTS syntax."""
    terms = []
    for token in _TOKEN.findall(user_query):
        phrase = token.strip('"').replace('"', '""').strip()
        if phrase:
            terms.append(f'"{phrase}"')
    if not terms:
        return '""'
    if not user_query.rstrip().endswith('"'):
        terms[-1] += "*"
    return " ".join(terms)


def _quoted(phrase: str) -> str:
    return '"' + phrase.replace('"', '""') + '"'


def _match(query: SearchQuery) -> str:
    """The FTS5 expression of the words (AND), the last a prefix while it is being typed,
    with the excluded words and phrases NOT-ed."""
    terms = [_quoted(w) for w in query.words]
    if terms and query.prefix_last:
        terms[-1] += "*"
    expression = "(" + " AND ".join(terms) + ")"
    if query.excluded:
        expression += " NOT (" + " OR ".join(_quoted(w) for w in query.excluded) + ")"
    return expression


def _like(value: str) -> str:
    return "%" + value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _conditions(query: SearchQuery) -> tuple[list[str], list[object]]:
    """SQL conditions on `a` (articles) for the query's operators; values of one operator
    are alternatives (OR), operators all apply (AND)."""
    where: list[str] = []
    params: list[object] = []
    if query.sites:
        where.append(
            "("
            + " OR ".join(
                "lower(coalesce(a.site, '')) LIKE ? ESCAPE '\\' "
                "OR lower(coalesce(a.url, '')) LIKE ? ESCAPE '\\'"
                for _ in query.sites
            )
            + ")"
        )
        for site in query.sites:
            params += [_like(site), _like(site)]
    if query.tags:
        marks = ", ".join("?" for _ in query.tags)
        where.append(
            "a.id IN (SELECT n.article_id FROM annotations n "
            "JOIN annotation_tags x ON x.annotation_id = n.id JOIN tags g ON g.id = x.tag_id "
            f"WHERE g.name COLLATE NOCASE IN ({marks}))"
        )
        params += query.tags
    if query.colors:
        marks = ", ".join("?" for _ in query.colors)
        where.append(f"a.id IN (SELECT article_id FROM annotations WHERE color IN ({marks}))")
        params += query.colors
    if query.states:
        marks = ", ".join("?" for _ in query.states)
        where.append(
            "coalesce((SELECT r.status FROM reading_state r WHERE r.article_id = a.id), "
            f"'unread') IN ({marks})"
        )
        params += query.states
    if query.before:
        where.append("substr(coalesce(a.published, a.captured), 1, 10) < ?")
        params.append(query.before.isoformat())
    if query.after:
        where.append("substr(coalesce(a.published, a.captured), 1, 10) > ?")
        params.append(query.after.isoformat())
    return where, params


class Search:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def articles(self, query: str, *, limit: int = 200) -> list[SearchHit]:
        """Best first: title matches weigh ten times body matches. Filters alone (no words)
        list what they keep, newest first, without snippets."""
        parsed = parse(query)
        if parsed.empty:
            return []
        where, params = _conditions(parsed)
        if parsed.words:
            sql = (
                "SELECT a.id, a.title, snippet(articles_fts, 1, ?, ?, '…', 16) "
                "FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid "
                "WHERE articles_fts MATCH ?"
            )
            head: list[object] = [SNIPPET_START, SNIPPET_END, _match(parsed)]
            order = "ORDER BY bm25(articles_fts, 10.0, 1.0)"
        else:
            sql = "SELECT a.id, a.title, '' FROM articles a WHERE 1"
            head = []
            order = "ORDER BY coalesce(a.published, a.captured) DESC, a.id DESC"
            if parsed.excluded:
                where.append(
                    "a.id NOT IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)"
                )
                params.append(" OR ".join(_quoted(w) for w in parsed.excluded))
        sql += "".join(f" AND {condition}" for condition in where)
        rows = self._conn.execute(f"{sql} {order} LIMIT ?", [*head, *params, limit])
        return [SearchHit(*row) for row in rows]


def plain_snippet(snippet: str, *, mark: str = "") -> str:
    """A snippet for plain text output: the match marks replaced (by nothing, or by mark)."""
    return snippet.replace(SNIPPET_START, mark).replace(SNIPPET_END, mark)
