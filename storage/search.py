"""Full-text search over articles and annotations (FTS5), ranked, with snippets."""

from __future__ import annotations

import re
import sqlite3

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


class Search:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def articles(self, query: str, *, limit: int = 200) -> list[SearchHit]:
        """Best first: title matches weigh ten times body matches."""
        if not query.strip():
            return []
        rows = self._conn.execute(
            "SELECT a.id, a.title, snippet(articles_fts, 1, ?, ?, '…', 16) "
            "FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid "
            "WHERE articles_fts MATCH ? ORDER BY bm25(articles_fts, 10.0, 1.0) LIMIT ?",
            [SNIPPET_START, SNIPPET_END, fts_query(query), limit],
        )
        return [SearchHit(*row) for row in rows]


def plain_snippet(snippet: str, *, mark: str = "") -> str:
    """A snippet for plain text output: the match marks replaced (by nothing, or by mark)."""
    return snippet.replace(SNIPPET_START, mark).replace(SNIPPET_END, mark)
