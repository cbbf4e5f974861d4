"""The stemmed search index beside each article's text. index_article() runs in the
transaction that writes an article's current text (a new article or a new current version),
so the index never lags the text it describes.

articles_stems (FTS5, rowid = the article's id) holds the title and text as their stems
(core.stemming.index_text: in the article's language, each stem marked with that language,
so that a query stemmed in each of the library's languages matches an article only by the
stems of its own); an article whose language has no stemmer has
no row there and is searched by its words as written. stems_pending (filled by triggers on
articles: migration 4) lists the articles whose stems are missing or stale: those of a
library made before stemming, and any article written without index_article (a bulk
insert, an undone deletion). Search matches them by their words as written, so it never
misses one, and catch_up() stems them, newest first, a batch per transaction: resumable
after a cancel or a kill, like storage.near_duplicates' catch-up.

The languages stemmed so far are kept in meta 'stem_languages' (comma-separated codes):
search stems a query in each of them.

articles_prefixes (migration 5) is the other index derived here: every article's words as
written, with prefix indexes (storage.search's tier of a word still being typed). An
article not pending is in it; a pending one is not.

Both tables are contentless: FTS5 forgets a row only when given its tokens again. The
triggers of migration 5 give them, re-stemming the old title and text through the SQL
function postil_stems(), which add_function() adds to every library connection, in the
language stems_indexed recorded. That is exact only while the stems come out the same, so
meta 'stems_format' names what made them (FORMAT and PyStemmer's version): a library
opened by a Postil that stems differently drops both indexes and builds them again
(check_format(): on opening, or in the window just after its first frame).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from storage.transaction import transaction

LANGUAGES_KEY = "stem_languages"
FORMAT_KEY = "stems_format"
FORMAT = 1  # of core.stemming's index_text: change it when that changes what it makes
CATCH_UP_BATCH = 50  # articles stemmed per transaction: the window's own writes never wait long
FEW_PENDING = 50  # so few left that a search stems them first (storage.search)
RETIRED = "articles_stems_v4"  # migration 4's stems table, renamed by migration 5
RETIRE_ROWS = {"content": 200, "data": 800, "docsize": 4000}  # per transaction: a few MB


def _has_index(conn: sqlite3.Connection) -> bool:
    """Is the library at migration 5 (contentless stems, articles_prefixes)? A test's older
    library is not: there is nothing to index."""
    return _table_exists(conn, "articles_prefixes")


def _stems_of(value: str | None, language: str | None) -> str:
    """postil_stems(value, language): a title or text as articles_stems holds it."""
    from core.stemming import index_text

    return index_text(value or "", language) if language else ""


def current_format() -> str:
    """What makes the stems: our index format and the stemmers' version."""
    import Stemmer

    return f"{FORMAT}/{Stemmer.version()}"


def add_function(conn: sqlite3.Connection) -> None:
    """postil_stems(), which migration 5's triggers call: on every library connection."""
    conn.create_function("postil_stems", 2, _stems_of, deterministic=True)


def register(conn: sqlite3.Connection) -> None:
    """Make a library connection able to change articles (migration 5's triggers re-stem
    what they take out of the index), and start the indexes again if they were made by
    stemmers that would not give the same stems (another Postil's PyStemmer)."""
    add_function(conn)
    check_format(conn)


def check_format(conn: sqlite3.Connection) -> None:
    """Start the indexes again if stemmers that would not give the same stems made them.
    The window asks once its first frame is painted: loading PyStemmer to ask its version
    is a few milliseconds of start-up, and until then nothing is written or stemmed (an article
    written meanwhile would only be indexed again with the rest)."""
    if not _has_index(conn):
        return
    row = conn.execute("SELECT value FROM meta WHERE key = ?", [FORMAT_KEY]).fetchone()
    wanted = current_format()
    if row is not None and row[0] == wanted:
        return
    with transaction(conn):
        row = conn.execute("SELECT value FROM meta WHERE key = ?", [FORMAT_KEY]).fetchone()
        if row is not None and row[0] == wanted:
            return  # another process did it meanwhile
        if row is not None:  # made differently: every article indexed again, in the background
            _empty_indexes(conn)
        conn.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [FORMAT_KEY, wanted],
        )


def _stems(title: str, text: str, language: str | None) -> tuple[str | None, str, str]:
    from core.stemming import index_text, stem_language

    code = stem_language(language, text)
    if code is None:
        return None, "", ""
    return code, index_text(title, code), index_text(text, code)


def _is_pending(conn: sqlite3.Connection, article_id: int) -> bool:
    sql = "SELECT 1 FROM stems_pending WHERE article_id = ?"
    return conn.execute(sql, [article_id]).fetchone() is not None


def _unindex(conn: sqlite3.Connection, article_id: int) -> None:
    """Take an indexed (not pending) article out of both indexes: its current title and
    text are what was indexed, as the triggers re-index any change."""
    if _is_pending(conn, article_id):
        return
    row = conn.execute(
        "SELECT a.title, a.text, s.language FROM articles a "
        "LEFT JOIN stems_indexed s ON s.article_id = a.id WHERE a.id = ?",
        [article_id],
    ).fetchone()
    if row is None:
        return
    title, text, code = row
    conn.execute(
        "INSERT INTO articles_prefixes (articles_prefixes, rowid, title, text) "
        "VALUES ('delete', ?, ?, ?)",
        [article_id, title, text],
    )
    if code is not None:  # the same stems the triggers give (postil_stems)
        conn.execute(
            "INSERT INTO articles_stems (articles_stems, rowid, title, text) "
            "VALUES ('delete', ?, ?, ?)",
            [article_id, _stems_of(title, code), _stems_of(text, code)],
        )
        conn.execute("DELETE FROM stems_indexed WHERE article_id = ?", [article_id])


def _store(
    conn: sqlite3.Connection,
    article_id: int,
    words: tuple[str, str],
    code: str | None,
    title: str,
    text: str,
) -> None:
    """Index one article: its words (title, text) as written, and their stems if any."""
    _unindex(conn, article_id)
    conn.execute(
        "INSERT INTO articles_prefixes (rowid, title, text) VALUES (?, ?, ?)",
        [article_id, *words],
    )
    if code is not None:
        conn.execute(
            "INSERT INTO articles_stems (rowid, title, text) VALUES (?, ?, ?)",
            [article_id, title, text],
        )
        conn.execute(
            "INSERT INTO stems_indexed (article_id, language) VALUES (?, ?)", [article_id, code]
        )
    conn.execute("DELETE FROM stems_pending WHERE article_id = ?", [article_id])


def _note_languages(conn: sqlite3.Connection, codes: set[str]) -> None:
    known = set(languages(conn))
    if codes - known:
        conn.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [LANGUAGES_KEY, ",".join(sorted(known | codes))],
        )


def languages(conn: sqlite3.Connection) -> list[str]:
    """The languages the library's articles were stemmed in."""
    row = conn.execute("SELECT value FROM meta WHERE key = ?", [LANGUAGES_KEY]).fetchone()
    return [code for code in row[0].split(",") if code] if row else []


def index_article(conn: sqlite3.Connection, article_id: int) -> None:
    """(Re)index the current text of one article (in the caller's transaction). A library
    at a format before stemming (a test's old library) has no index: nothing to do."""
    row = conn.execute(
        "SELECT title, text, language FROM articles WHERE id = ?", [article_id]
    ).fetchone()
    if row is None or not _has_index(conn):
        return
    code, title, text = _stems(*row)
    _store(conn, article_id, (row[0], row[1]), code, title, text)
    if code is not None:
        _note_languages(conn, {code})


def index_articles(conn: sqlite3.Connection, article_ids) -> None:
    """(Re)index these articles now, in the caller's transaction: for a writer that puts
    articles back in bulk (an undone deletion), so they are not left pending."""
    for article_id in article_ids:
        index_article(conn, article_id)


def pending(conn: sqlite3.Connection, *, at_most: int | None = None) -> int:
    """How many articles still wait for their stems (at_most: stop counting there)."""
    if not _has_index(conn):
        return 0
    if at_most is None:
        return conn.execute("SELECT count(*) FROM stems_pending").fetchone()[0]
    return conn.execute(
        "SELECT count(*) FROM (SELECT 1 FROM stems_pending LIMIT ?)", [at_most]
    ).fetchone()[0]


def _empty_indexes(conn: sqlite3.Connection) -> None:
    for table in ("articles_stems", "articles_prefixes"):
        conn.execute(f"INSERT INTO {table} ({table}) VALUES ('delete-all')")
    conn.execute("DELETE FROM stems_indexed")
    conn.execute("DELETE FROM meta WHERE key = ?", [LANGUAGES_KEY])
    conn.execute("INSERT OR IGNORE INTO stems_pending (article_id) SELECT id FROM articles")


def start_again(conn: sqlite3.Connection) -> int:
    """Empty both indexes and mark every article pending (postil compact --search-index,
    when postil check found them out of step): the catch-up builds them again, and search
    finds every article by its words as written meanwhile. Returns the articles pending."""
    if not _has_index(conn):
        return 0
    with transaction(conn):
        _empty_indexes(conn)
    return pending(conn)


def retire_old_index(
    conn: sqlite3.Connection, cancelled: Callable[[], bool] = lambda: False
) -> bool:
    """Drop migration 4's stems table a few MB per transaction (its shadow tables' rows),
    then the emptied table: one DROP of it would hold the write lock while it reads every
    page. Returns whether it is gone. Killed halfway, it goes on from where it was."""
    while _table_exists(conn, RETIRED):
        with transaction(conn):
            left = 0
            for shadow, rows in RETIRE_ROWS.items():
                name = f"{RETIRED}_{shadow}"
                # _data's first rows (averages 1, structure 10) let FTS5 open it to drop it
                kept = 10 if shadow == "data" else 0
                if _table_exists(conn, name):
                    left += conn.execute(
                        f"DELETE FROM {name} WHERE rowid IN "
                        f"(SELECT rowid FROM {name} WHERE rowid > {kept} LIMIT ?)",
                        [rows],
                    ).rowcount
            if left == 0:
                conn.execute(f"DROP TABLE {RETIRED}")
        # after a batch: a new library's empty table goes at the first call, uncancelled
        if _table_exists(conn, RETIRED) and cancelled():
            return False
    return True


def work_left(conn: sqlite3.Connection) -> bool:
    """Is there background work: articles pending, or migration 4's table to retire?"""
    return bool(pending(conn, at_most=1)) or _table_exists(conn, RETIRED)


def _table_exists(conn: sqlite3.Connection, name: str) -> bool:
    sql = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?"
    return conn.execute(sql, [name]).fetchone() is not None


def catch_up(
    conn: sqlite3.Connection,
    *,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] = lambda: False,
    batch: int = CATCH_UP_BATCH,
    limit: int | None = None,
) -> int:
    """Stem the pending articles, newest first, `batch` per transaction; returns how many
    were done. Texts are read and stemmed outside the write lock; an article whose text
    changed meanwhile (another process wrote it, and its stems) is left as it is.
    limit: stop after about that many (a search catching up the last few). A run without
    a limit (the background's, the command line's) first retires migration 4's table."""
    if not _has_index(conn):
        return 0
    if limit is None:
        retire_old_index(conn, cancelled)
    total = pending(conn) if progress is not None else 0
    done = 0
    while not cancelled() and (limit is None or done < limit):
        rows = conn.execute(
            "SELECT a.id, a.title, a.text, a.language FROM stems_pending p "
            "JOIN articles a ON a.id = p.article_id ORDER BY p.article_id DESC LIMIT ?",
            [batch],
        ).fetchall()
        if not rows:
            with transaction(conn):  # pending rows of articles gone (none expected): drop
                conn.execute(
                    "DELETE FROM stems_pending WHERE article_id NOT IN (SELECT id FROM articles)"
                )
            break
        stemmed = [(row, _stems(row[1], row[2], row[3])) for row in rows]
        with transaction(conn):
            codes = set()
            for (article_id, *read), (code, title, text) in stemmed:
                now = conn.execute(
                    "SELECT a.title, a.text, a.language FROM stems_pending p JOIN articles a "
                    "ON a.id = p.article_id WHERE p.article_id = ?",
                    [article_id],
                ).fetchone()
                if now is None or list(now) != read:
                    continue  # indexed by whoever changed it, or pending again: next round
                _store(conn, article_id, (read[0], read[1]), code, title, text)
                if code is not None:
                    codes.add(code)
            _note_languages(conn, codes)
        done += len(rows)
        if progress is not None:
            progress(min(done, total), total)
    return done


_EXPECTED = {  # table -> how its rows are made from the articles, as index_article makes them
    "articles_prefixes": (
        "detail = column",
        "SELECT id, title, text FROM articles "
        "WHERE id NOT IN (SELECT article_id FROM stems_pending)",
    ),
    "articles_stems": (
        "detail = full",
        "SELECT a.id, postil_stems(a.title, s.language), postil_stems(a.text, s.language) "
        "FROM stems_indexed s JOIN articles a ON a.id = s.article_id",
    ),
}


def index_mismatches(conn: sqlite3.Connection) -> list[str]:
    """Does each contentless index hold exactly what its articles say (postil check)? FTS5's
    own integrity-check cannot tell for a contentless table: a forgotten delete leaves words
    it no longer has. The index is made again in temp tables from the articles and every
    word's document and instance counts are compared. Reads the library only; the caller's
    connection needs postil_stems() (add_function)."""
    if not _has_index(conn):
        return []
    tokenizer = "tokenize = 'unicode61 remove_diacritics 2'"
    expected = dict(_EXPECTED)
    if _table_exists(conn, "annotations_prefixes"):  # migration 7: storage.highlight_prefixes
        expected["annotations_prefixes"] = (
            "detail = column",
            "SELECT id, quote, note FROM annotations WHERE id >= (SELECT CAST(value AS INTEGER) "
            "FROM meta WHERE key = 'annotation_prefixes_below')",
        )
    found = []
    for table, (detail, rows) in expected.items():
        made, words, wanted = (
            f"temp.postil_{table}",
            f"temp.postil_{table}_v",
            f"temp.postil_{table}_w",
        )
        try:
            conn.execute(
                f"CREATE VIRTUAL TABLE {made} USING fts5 (a, b, content = '', {detail}, "
                f"{tokenizer})"
            )
            conn.execute(f"INSERT INTO {made} (rowid, a, b) {rows}")
            conn.execute(f"CREATE VIRTUAL TABLE {words} USING fts5vocab(main, {table}, row)")
            conn.execute(
                f"CREATE VIRTUAL TABLE {wanted} USING fts5vocab(temp, postil_{table}, row)"
            )
            differ = sum(
                conn.execute(
                    f"SELECT count(*) FROM (SELECT * FROM {a} EXCEPT SELECT * FROM {b})"
                ).fetchone()[0]
                for a, b in ((words, wanted), (wanted, words))
            )
            if differ:
                found.append(f"{table} differs from its articles in {differ} words")
        finally:
            for name in (wanted, words, made):
                conn.execute(f"DROP TABLE IF EXISTS {name}")
    return found
