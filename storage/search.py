"""Full-text search over articles and annotations (FTS5), ranked, with snippets.

The library's search box also takes operators (core.search_query: site:, tag:, color:,
before:, after:, is:, "phrases", -word); they become SQL conditions beside the FTS5 match,
so a query of filters alone lists the articles they keep, newest first.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache
from typing import NamedTuple

from core.search_query import SearchQuery, parse
from storage import saved_searches
from storage.articles import AFTER_TRIED
from storage.records import Annotation, SearchHit
from storage.snippet_marks import SNIPPET_END, SNIPPET_START

_TOKEN = re.compile(r'"[^"]*"|\S+')
RANK_WINDOW = 1000  # a tier with more matches ranks its newest RANK_WINDOW (Search.articles)


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


def _words_of(token: str) -> list[str]:
    from core.stemming import tokens

    return tokens(token)


def _needs_positions(parsed: SearchQuery) -> bool:
    """Does the query hold a phrase (quoted, or a word FTS5 cuts in two: "covid-19")? Only
    the tables with positions (articles_fts, annotations_fts) can match one."""
    return any(len(_words_of(word)) > 1 for word in (*parsed.words, *parsed.excluded))


def _quoted(phrase: str) -> str:
    return '"' + phrase.replace('"', '""') + '"'


def _match(
    query: SearchQuery, *, prefix: bool = True, excluded: bool = True, any_word: bool = False
) -> str:
    """The FTS5 expression of the words (AND; any_word: OR), the last a prefix while it is
    being typed (unless prefix=False), with the excluded words and phrases NOT-ed."""
    terms = [_quoted(w) for w in query.words]
    if terms and query.prefix_last and prefix:
        terms[-1] += "*"
    expression = "(" + (" OR " if any_word else " AND ").join(terms) + ")"
    if query.excluded and excluded:
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


class HighlightHit(NamedTuple):
    """A highlight whose passage or note matches a search, with its article's title."""

    id: int
    article_id: int
    article_title: str
    color: str
    quote: str
    note: str
    snippet: str  # from the passage or the note, matched words marked


# A highlight's place within its article, as the ORDER BY of highlight_ids sorts it: anchored
# ones by where they start, then orphans; the id last. Compared as a row value.
_WITHIN_ARTICLE = "(n.start IS NULL, coalesce(n.start, -1), n.id)"
_TAGGED = (  # a highlight has the tag named: asked of one article's few highlights
    "EXISTS (SELECT 1 FROM annotation_tags x JOIN tags g ON g.id = x.tag_id "
    "WHERE x.annotation_id = n.id AND g.name = ?)"
)
WALK_ARTICLES = 2000  # articles a tag's page is looked for in before its highlights are sorted


class Search:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def articles(
        self,
        query: str,
        *,
        limit: int = 200,
        snippets: bool = True,
        window: int | None = RANK_WINDOW,
    ) -> list[SearchHit]:
        """Best first, in tiers: articles with every word as typed, then those that have
        them only in another form (the same stem: "election" for "elections"), then those
        where the word still being typed is only the start of a longer one. Within a tier,
        title matches weigh ten times body matches (bm25). Filters alone (no words) list
        what they keep, newest first, without snippets. snippets=False leaves them empty
        (a view that asks for snippets() of the rows it shows).

        window: a tier that matches more articles than that ranks the newest `window` of
        them (by id: the latest imported). Ranking costs a step per matching article, and a
        word in most of the library (or the first letters of one, as it is typed) would
        cost a full pass for a first page that says little; None ranks them all."""
        parsed = parse(query)
        if parsed.empty:
            return []
        where, params = _conditions(parsed)
        if not parsed.words:
            sql = "SELECT a.id, a.title FROM articles a WHERE 1"
            if parsed.excluded:
                where.append(
                    "a.id NOT IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)"
                )
                params.append(" OR ".join(_quoted(w) for w in parsed.excluded))
            sql += "".join(f" AND {condition}" for condition in where)
            order = "ORDER BY coalesce(a.published, a.captured) DESC, a.id DESC"
            rows = self._conn.execute(f"{sql} {order} LIMIT ?", [*params, limit])
            return [SearchHit(row[0], row[1], "") for row in rows]
        self._catch_up_few()
        found: list[int] = []  # in rank order
        seen: set[int] = set()
        for table, expression, extra, extra_params in self._tiers(parsed):
            if len(found) >= limit:
                break
            # the articles table is joined only for the operators' conditions on it: a join
            # before the LIMIT costs a lookup per matching article
            join = f" JOIN articles a ON a.id = {table}.rowid" if where else ""
            source = f"{table}{join} WHERE {table} MATCH ?" + "".join(
                f" AND {condition}" for condition in [*where, *extra]
            )
            values = [expression, *params, *extra_params]
            score = f"bm25({table}, 10.0, 1.0)"
            if window is None:
                sql = f"SELECT {table}.rowid FROM {source} ORDER BY {score} LIMIT ?"
            else:  # rank the newest `window` matches: FTS5 walks ids in order and stops
                sql = (
                    f"SELECT id FROM (SELECT {table}.rowid AS id, {score} AS score "
                    f"FROM {source} ORDER BY {table}.rowid DESC LIMIT {max(window, limit)}) "
                    "ORDER BY score LIMIT ?"
                )
            # an earlier tier is complete (else we stopped): its rows may come again
            for (article_id,) in self._conn.execute(sql, [*values, limit]):
                if article_id not in seen:
                    seen.add(article_id)
                    found.append(article_id)
                    if len(found) >= limit:
                        break
        titles = self._titles(found)
        marked = self.snippets(query, found) if snippets else {}
        return [SearchHit(i, titles.get(i, ""), marked.get(i, "")) for i in found]

    def _titles(self, ids: list[int]) -> dict[int, str]:
        out: dict[int, str] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ", ".join("?" for _ in chunk)
            out.update(
                self._conn.execute(f"SELECT id, title FROM articles WHERE id IN ({marks})", chunk)
            )
        return out

    # -- saved searches (storage.saved_searches: the window's first frame reads them) -------

    def saved(self) -> list[str]:
        """The analyst's saved searches, in the order saved."""
        return saved_searches.saved(self._conn)

    def save(self, query: str) -> None:
        """Keep this search (once; blank is not a search)."""
        saved_searches.save(self._conn, query)

    def forget(self, query: str) -> None:
        saved_searches.forget(self._conn, query)

    # -- every highlight, a page at a time (All Highlights) ----------------------------------

    def highlight_ids(
        self,
        *,
        color: str | None = None,
        tag: str | None = None,
        query: str | None = None,
        limit: int | None = None,
        offset: int = 0,
        after: Sequence[int] = (),
        count: bool = False,
    ) -> list[int]:
        """Highlight ids across the library, newest article first, text order within one
        (storage.annotations.find's order), without reading the highlights themselves:
        the order comes from the articles' capture index, so a first page of 300,000
        highlights costs a page, not a sort of them all. A colour alone walks the articles
        newest first; so does a tag common enough to fill a page from the newest articles
        (_tag_walk), and other tags are sorted from their own highlights; all of it reads
        indexes only (migration 8). after: the ids the view holds, in order, when it has
        them: the page then starts after the last of them still in the library (an OFFSET
        walked every row before it: half a second at the end of 300,000 highlights, and
        skipped a row when one held was deleted); offset is used when none of the last
        AFTER_TRIED is left. count=True: [how many there are] instead."""
        tables = "articles a JOIN annotations n ON n.article_id = a.id"
        where: list[str] = []
        params: list[object] = []
        if tag:
            tables = (  # through the narrow indexes of migration 8, not the wide rows
                "tags g JOIN annotation_tags x ON x.tag_id = g.id "
                "JOIN annotations n INDEXED BY annotations_order ON n.id = x.annotation_id "
                "JOIN articles a INDEXED BY articles_capture_order ON a.id = n.article_id"
            )
            where.append("g.name = ?")
            params.append(tag)
        elif color and not query:  # newest articles first, their highlights of the colour
            tables = "articles a CROSS JOIN annotations n ON n.article_id = a.id"
        if color:
            where.append("n.color = ?")
            params.append(color)
        if query:
            from storage import highlight_prefixes

            single_words = all(len(_words_of(word)) == 1 for word in query.split())
            ready = single_words and '"' not in query and highlight_prefixes.ready(self._conn)
            table = "annotations_prefixes" if ready else "annotations_fts"
            where.append(f"n.id IN (SELECT rowid FROM {table} WHERE {table} MATCH ?)")
            params.append(fts_query(query))
        if count:  # every highlight has its article: counted without them
            counted = tables.split(" JOIN articles a")[0]
            if counted.startswith("articles a "):
                counted = "annotations n"
            elif not color and not query:  # a tag's links alone: each has its highlight
                counted = counted.split(" JOIN annotations n")[0]
            sql = f"SELECT count(*) FROM {counted}" + (
                f" WHERE {' AND '.join(where)}" if where else ""
            )
            return [self._conn.execute(sql, params).fetchone()[0]]
        key = self._place_of(after[-AFTER_TRIED:]) if after else None
        if key is None and offset:
            return self._highlight_page(tables, where, params, limit=limit, offset=offset)
        rest: list[int] = []
        before: tuple = ()
        if key is not None:
            # after the place of the last row: first the rest of its article, then the
            # articles captured before it (two queries: an OR would not seek in the index)
            captured, article_id, *within = key
            rest = self._highlight_page(  # from the article: a tag's links are many
                "articles a CROSS JOIN annotations n ON n.article_id = a.id",
                [_TAGGED if c == "g.name = ?" else c for c in where]
                + [f"a.id = ? AND {_WITHIN_ARTICLE} > (?, ?, ?)"],
                [*params, article_id, *within],
                limit=limit,
            )
            if limit is not None and len(rest) >= limit:
                return rest
            before = (captured, article_id)
        wanted = None if limit is None else limit - len(rest)
        if tag and not query and wanted is not None:
            walked = self._tag_walk(tag, color, before, wanted)
            if walked is not None:
                return rest + walked
        if before:
            where, params = [*where, "(a.captured, a.id) < (?, ?)"], [*params, *before]
        return rest + self._highlight_page(tables, where, params, limit=wanted)

    def _tag_walk(self, tag: str, color: str | None, before: tuple, limit: int) -> list[int] | None:
        """A page of a tag's highlights found by walking the next WALK_ARTICLES articles,
        newest first, stopping once the page is full (storage.tag_walk); None when that is
        not worth it or falls short: the tag's highlights are then sorted."""
        from storage import tag_walk

        walk = tag_walk.plan(self._conn, tag, after=before, limit=limit, articles=WALK_ARTICLES)
        if walk is None or walk.tag_id is None:
            return None if walk is None else []
        where = [  # a correlated EXISTS: as a join, SQLite filled a Bloom filter of every link
            "EXISTS (SELECT 1 FROM annotation_tags x WHERE x.annotation_id = n.id AND x.tag_id = ?)"
        ]
        params: list[object] = [walk.tag_id]
        if color:
            where.append("n.color = ?")
            params.append(color)
        kept, kept_params = tag_walk.bounds(walk, before)
        tables = "articles a CROSS JOIN annotations n ON n.article_id = a.id"
        page = self._highlight_page(tables, where + kept, params + kept_params, limit=limit)
        return page if len(page) >= limit or walk.past is None else None

    def _place_of(self, annotation_ids: Sequence[int]) -> tuple | None:
        """The place in All Highlights' order of the last of these highlights still in the
        library; None when none is."""
        marks = ", ".join("?" for _ in annotation_ids)
        return self._conn.execute(
            f"SELECT a.captured, a.id, {_WITHIN_ARTICLE[1:-1]} FROM annotations n "
            "INDEXED BY annotations_order JOIN articles a INDEXED BY articles_capture_order "
            f"ON a.id = n.article_id WHERE n.id IN ({marks}) "
            "ORDER BY a.captured, a.id, n.start IS NULL DESC, n.start DESC, n.id DESC LIMIT 1",
            list(annotation_ids),
        ).fetchone()

    def _highlight_page(
        self,
        tables: str,
        where: list[str],
        params: list[object],
        *,
        limit: int | None,
        offset: int = 0,
    ) -> list[int]:
        sql = (
            f"SELECT n.id FROM {tables}"
            + (f" WHERE {' AND '.join(where)}" if where else "")
            + " ORDER BY a.captured DESC, a.id DESC, n.start IS NULL, n.start, n.id"
        )
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params = [*params, limit, offset]
        return [row[0] for row in self._conn.execute(sql, params)]

    def highlight_records(self, ids: list[int]) -> list[Annotation]:
        """The highlights of these ids, in that order."""
        from storage.annotation_rows import COLUMNS, record

        found: dict[int, Annotation] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ", ".join("?" for _ in chunk)
            for row in self._conn.execute(
                f"SELECT {COLUMNS} FROM annotations n WHERE n.id IN ({marks})", chunk
            ):
                made = record(row)
                found[made.id] = made
        return [found[i] for i in ids if i in found]

    def highlights(self, query: str, *, limit: int = 50) -> list[HighlightHit]:
        """Highlights whose passage or note has the words (the last a prefix while typed),
        best first; tag: and color: keep the highlights so tagged or coloured, the other
        operators apply to their articles. A query of filters alone finds none: the
        articles it keeps are the answer. More than RANK_WINDOW matches: the newest of them
        are ranked (a highlight's id grows with time)."""
        parsed = parse(query)
        if not parsed.words:
            return []
        own = replace(parsed, tags=[], colors=[])
        where, params = _conditions(own)
        if parsed.tags:
            marks = ", ".join("?" for _ in parsed.tags)
            where.append(
                "n.id IN (SELECT x.annotation_id FROM annotation_tags x JOIN tags g "
                f"ON g.id = x.tag_id WHERE g.name COLLATE NOCASE IN ({marks}))"
            )
            params += parsed.tags
        if parsed.colors:
            where.append(f"n.color IN ({', '.join('?' for _ in parsed.colors)})")
            params += parsed.colors
        table = self._highlight_words(parsed)
        join = (
            f" JOIN annotations n ON n.id = {table}.rowid JOIN articles a ON a.id = n.article_id"
            if where
            else ""
        )
        # ranked among the newest RANK_WINDOW matches, as Search.articles does: a prefix
        # being typed matches tens of thousands of highlights in a large library
        ranked = (
            f"SELECT id FROM (SELECT {table}.rowid AS id, bm25({table}) AS score "
            f"FROM {table}{join} WHERE {table} MATCH ?"
            + "".join(f" AND {condition}" for condition in where)
            + f" ORDER BY {table}.rowid DESC LIMIT {max(RANK_WINDOW, limit)}) "
            "ORDER BY score LIMIT ?"
        )
        try:
            ids = [row[0] for row in self._conn.execute(ranked, [_match(parsed), *params, limit])]
        except sqlite3.OperationalError:
            return []
        return self._highlight_hits(parsed, ids)

    def _highlight_words(self, parsed: SearchQuery) -> str:
        """The table to match highlights in: annotations_prefixes (prefix indexes, no
        positions) once every highlight is in it and the query has no phrase, else
        annotations_fts."""
        from storage import highlight_prefixes

        if _needs_positions(parsed):
            return "annotations_fts"
        return "annotations_prefixes" if highlight_prefixes.ready(self._conn) else "annotations_fts"

    def _highlight_hits(self, parsed: SearchQuery, ids: list[int]) -> list[HighlightHit]:
        """The highlights of these ids in this order, each with a snippet of its passage (or
        of its note, when only the note matches), made here like the articles' snippets:
        FTS5's snippet() would match the query again, prefix and all, for every row."""
        if not ids:
            return []
        from core.stemming import fold, tokens

        exact = {fold(t) for word in parsed.words for t in tokens(word)}
        last = tokens(parsed.words[-1]) if parsed.prefix_last else []
        prefix = fold(last[-1]) if last else None
        marks = ", ".join("?" for _ in ids)
        rows = {
            row[0]: row
            for row in self._conn.execute(
                "SELECT n.id, n.article_id, a.title, n.color, n.quote, n.note FROM annotations n "
                f"JOIN articles a ON a.id = n.article_id WHERE n.id IN ({marks})",
                ids,
            )
        }
        hits = []
        for annotation_id in ids:
            row = rows.get(annotation_id)
            if row is None:
                continue
            quote, note = row[4], row[5]
            source = quote
            if note and not _candidates(exact, prefix, set(), None).search(quote):
                source = note  # the note holds the words the passage does not
            hits.append(HighlightHit(*row, _snippet(source, exact, prefix, set(), None)))
        return hits

    def _tiers(self, parsed: SearchQuery) -> list[tuple[str, str, list[str], list[object]]]:
        """(table, MATCH expression, further conditions, their parameters), best first."""
        exact = _match(parsed, prefix=False)
        tiers: list[tuple[str, str, list[str], list[object]]] = [("articles_fts", exact, [], [])]
        stems = _stem_match(parsed, stem_languages(self._conn))
        if stems is not None:
            extra, extra_params = [], []
            quoted = [w for w in parsed.words if w in set(parsed.quoted)]
            if quoted:
                extra.append(
                    "articles_stems.rowid IN "
                    "(SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)"
                )
                extra_params.append(" AND ".join(_quoted(w) for w in quoted))
            if parsed.excluded:
                extra.append(
                    "articles_stems.rowid NOT IN "
                    "(SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)"
                )
                extra_params.append(" OR ".join(_quoted(w) for w in parsed.excluded))
            tiers.append(("articles_stems", stems, extra, extra_params))
        if parsed.prefix_last:
            table = "articles_prefixes" if self._prefixes_serve(parsed) else "articles_fts"
            tiers.append((table, _match(parsed), [], []))
        return tiers

    def _prefixes_serve(self, parsed: SearchQuery) -> bool:
        """Can articles_prefixes answer the tier of a word being typed? Only when every
        article is in it (none pending: storage.stems) and the query has no phrase (it keeps
        no positions: a quoted phrase, or a word FTS5 cuts in two, needs articles_fts)."""
        if _needs_positions(parsed):
            return False
        try:
            return self._conn.execute(
                "SELECT 1 FROM stems_pending LIMIT 1"
            ).fetchone() is None and (
                self._conn.execute(
                    "SELECT 1 FROM sqlite_master WHERE name = 'articles_prefixes'"
                ).fetchone()
                is not None
            )
        except sqlite3.OperationalError:
            return False

    def _catch_up_few(self) -> None:
        """Stem the last few articles still waiting (a bulk insert, an undone deletion)
        before searching; many wait for the background catch-up (storage.stems)."""
        from storage import stems

        try:
            left = stems.pending(self._conn, at_most=stems.FEW_PENDING + 1)
            if 0 < left <= stems.FEW_PENDING and not self._conn.in_transaction:
                stems.catch_up(self._conn, limit=stems.FEW_PENDING)
        except sqlite3.OperationalError:  # busy, or a read-only connection: found unstemmed
            pass

    def snippets(self, query: str, ids: list[int]) -> dict[int, str]:
        """A passage of each article's text around the first of the words searched for,
        those words marked as they stand in the text (SNIPPET_START, SNIPPET_END): the forms
        typed, the longer words the last one starts, other forms of the same stem. Made
        here from the text rather than by FTS5's snippet(), which expands a prefix being
        typed over the whole index for every row it is asked about."""
        parsed = parse(query)
        if not parsed.words or not ids:
            return {}
        from core.stemming import fold, stem_language, tokens

        exact = {fold(t) for word in parsed.words for t in tokens(word)}
        last = tokens(parsed.words[-1]) if parsed.prefix_last else []
        prefix = fold(last[-1]) if last else None
        targets = _stem_targets(parsed, stem_languages(self._conn))
        out: dict[int, str] = {}
        for start in range(0, len(ids), 200):
            chunk = ids[start : start + 200]
            marks = ", ".join("?" for _ in chunk)
            for article_id, text, language in self._conn.execute(
                f"SELECT id, text, language FROM articles WHERE id IN ({marks})", chunk
            ):
                code = stem_language(language, text)
                stems = targets.get(code or "", set())
                out[article_id] = _snippet(text, exact, prefix, stems, code)
        return {i: out.get(i, "") for i in ids}


_WORD = re.compile(r"[^\W_]+")
SNIPPET_WORDS = 16


def _snippet(
    text: str, exact: set[str], prefix: str | None, stems: set[str], language: str | None
) -> str:
    """SNIPPET_WORDS words of text around the first word that matches, matches marked.
    A regular expression finds the candidates (the words typed, words starting with the
    prefix or holding a stem); each is then checked as FTS5 would match it."""
    from core.stemming import fold, stem_function

    stem = stem_function(language) if stems else None

    def matches(word: str) -> bool:
        lower = word.lower()
        folded = lower if lower.isascii() else fold(lower)
        if folded in exact or (prefix is not None and folded.startswith(prefix)):
            return True
        return stem is not None and stem(lower) in stems

    at = 0
    for found in _candidates(exact, prefix, stems, language).finditer(text):
        if matches(found.group()):
            at = found.start()
            break
    before = list(_WORD.finditer(text, max(0, at - 80), at))[-3:]
    begin = before[0].start() if before else at
    shown = []
    for found in _WORD.finditer(text, begin):
        shown.append(found)
        if len(shown) >= SNIPPET_WORDS:
            break
    if not shown:
        return ""
    parts = ["…" if shown[0].start() > 0 else ""]
    cursor = shown[0].start()
    for found in shown:
        parts.append(text[cursor : found.start()])
        word = found.group()
        parts.append(f"{SNIPPET_START}{word}{SNIPPET_END}" if matches(word) else word)
        cursor = found.end()
    if text[cursor:].strip():
        parts.append("…")
    return "".join(parts)


@lru_cache(maxsize=64)
def _candidates_cached(
    exact: frozenset[str], prefix: str | None, stems: frozenset[str], language: str | None
) -> re.Pattern[str]:
    """Words that start with a word typed, the prefix or a stem (in Arabic, after up to
    three letters: the article and the prepositions the stemmer takes off)."""
    starts = sorted({*exact, *([prefix] if prefix else [])}, key=len, reverse=True)
    options = [re.escape(w) for w in starts]
    lead = r"[^\W_]{0,3}" if language == "ar" else ""
    options += [lead + re.escape(s) for s in sorted(stems, key=len, reverse=True)]
    if not options:
        return re.compile(r"(?!)")
    return re.compile(r"\b(?:" + "|".join(options) + r")[^\W_]*", re.IGNORECASE)


def _candidates(
    exact: set[str], prefix: str | None, stems: set[str], language: str | None
) -> re.Pattern[str]:
    return _candidates_cached(frozenset(exact), prefix, frozenset(stems), language)


def stem_languages(conn: sqlite3.Connection) -> list[str]:
    from storage import stems

    try:
        return stems.languages(conn)
    except sqlite3.OperationalError:
        return []


def _stem_terms(parsed: SearchQuery, language: str, *, marked: bool = False) -> list[str]:
    """The bare words' stems in a language (marked: as the stemmed index holds them)."""
    from core.stemming import indexed_stems, stem_words, tokens

    terms: list[str] = []
    for word in parsed.bare_words:
        words = tokens(word)
        terms += indexed_stems(words, language) if marked else stem_words(words, language)
    return terms


def _stem_match(parsed: SearchQuery, languages: list[str]) -> str | None:
    """The FTS5 expression of the bare words' stems, in each of the library's languages
    (an article matches in its own): every stem must be there."""
    if not parsed.bare_words or not languages:
        return None
    variants = []
    for language in languages:
        terms = _stem_terms(parsed, language, marked=True)
        if not terms:
            continue
        expression = "(" + " AND ".join(_quoted(t) for t in dict.fromkeys(terms)) + ")"
        if expression not in variants:
            variants.append(expression)
    if not variants:
        return None
    return " OR ".join(variants)


def _stem_targets(parsed: SearchQuery, languages: list[str]) -> dict[str, set[str]]:
    return {language: set(_stem_terms(parsed, language)) for language in languages}
