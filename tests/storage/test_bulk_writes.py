"""Bulk writes through sqlite-utils' insert_all stay inside the user's one transaction:
putting deleted articles back and importing annotations land whole or not at all."""

from __future__ import annotations

import sqlite3
import subprocess
import sys

import pytest

from core.article import Image
from core.export.web_annotation import PortableAnnotation, article_source, collection
from core.export.web_annotation import to_json as annotation_json
from storage import database
from storage.article_removal import put_back, remove_articles
from storage.errors import LibraryError
from storage.library import Library
from storage.tags import Tags
from storage.transaction import transaction
from tests.conftest import ROOT, make_article
from tests.storage.test_brief_source import highlight


def everything(library: Library) -> dict[str, list[tuple]]:
    """Every row of every table, the search indexes' own tables included."""
    conn = library.conn
    tables = [
        r[0]
        for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    ]
    return {t: sorted(conn.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables}


SEARCH_INDEXES = (  # their pages, which a put-back rewrites
    "articles_fts",
    "annotations_fts",
    "articles_stems",
    "articles_prefixes",
    "annotations_prefixes",
)


def rows(library: Library) -> dict[str, list[tuple]]:
    """The rows of Postil's own tables (a put-back rewrites the search indexes' pages: the
    words' and the stems')."""
    return {t: v for t, v in everything(library).items() if not t.startswith(SEARCH_INDEXES)}


@pytest.fixture
def two_articles(library: Library) -> list[int]:
    """Two articles with versions, images, a reading place and tagged highlights."""
    ids = []
    for name, url in (("port", "https://example.com/port"), ("grain", "https://example.com/g")):
        first = make_article(f"{name} story", [f"The {name} figures rose.", "Agents agreed."])
        first.url = url
        article_id = library.articles.add(first).article_id
        second = make_article(f"{name} story", [f"The {name} figures fell.", "Agents agreed."])
        second.url = url
        second.images = [Image.from_bytes(f"png {name}".encode(), "image/png")]
        library.articles.add(second)
        library.articles.mark_opened(article_id, 3)
        highlight(library, article_id, "figures", tags=["Data", "ports"], note=f"{name} note")
        highlight(library, article_id, "Agents", color="red")
        ids.append(article_id)
    return ids


def search(library: Library, words: str) -> list[int]:
    return [hit.id for hit in library.search.articles(words)]


def test_put_back_restores_every_row_with_the_same_ids(library: Library, two_articles) -> None:
    before = rows(library)
    removed = remove_articles(library, two_articles)
    assert library.articles.count() == 0 and library.annotations.count() == 0
    put_back(library, removed)
    assert rows(library) == before
    assert sorted(search(library, "figures")) == sorted(two_articles)
    assert [a.tags for a in library.annotations.for_article(two_articles[0])] == [
        ("Data", "ports"),
        (),
    ]


def test_a_refused_put_back_leaves_nothing(library: Library, two_articles) -> None:
    removed = remove_articles(library, two_articles)
    # The second article comes back by another way: its rows now conflict with the undo's.
    library.articles.add(make_article("grain story", ["The grain figures fell.", "Agents agreed."]))
    before = everything(library)
    with pytest.raises(LibraryError, match="imported again"):
        put_back(library, removed)
    assert not library.conn.in_transaction
    assert everything(library) == before


def test_a_failure_after_the_bulk_inserts_leaves_nothing(
    library: Library, two_articles, monkeypatch
) -> None:
    removed = remove_articles(library, two_articles)
    before = everything(library)
    inserted = []
    real = database.insert_rows

    def counting(conn, table, rows, **options):
        inserted.append(table)
        real(conn, table, rows, **options)

    def broken(self, tagged):
        raise OSError("disk went away")

    monkeypatch.setattr("storage.article_removal.insert_rows", counting)
    monkeypatch.setattr("storage.annotations.insert_rows", counting)
    monkeypatch.setattr(Tags, "attach", broken)  # the last step of a put-back
    with pytest.raises(OSError, match="disk went away"):
        put_back(library, removed)
    assert inserted == ["articles", "article_versions", "images", "reading_state", "annotations"]
    assert everything(library) == before
    monkeypatch.undo()
    put_back(library, removed)  # the undo can still be done
    assert library.articles.count() == 2 and library.annotations.count() == 4


def test_sqlite_utils_neither_begins_nor_commits_inside_a_put_back(
    library: Library, two_articles
) -> None:
    removed = remove_articles(library, two_articles)
    statements: list[str] = []
    library.conn.set_trace_callback(statements.append)
    try:
        put_back(library, removed)
    finally:
        library.conn.set_trace_callback(None)
    control = [
        s.split()[0].upper()
        for s in statements
        if s.split()[0].upper() in {"BEGIN", "COMMIT", "END", "ROLLBACK"}
    ]
    assert control == ["BEGIN", "COMMIT"]  # storage.transaction's; sqlite-utils: savepoints
    assert statements[0] == "BEGIN IMMEDIATE"
    assert any(s.startswith("SAVEPOINT") for s in statements)


def test_insert_rows_refuses_outside_a_transaction_and_unknown_tables(library: Library) -> None:
    with pytest.raises(RuntimeError, match="outside a transaction"):
        database.insert_rows(library.conn, "meta", [{"key": "k", "value": "v"}])
    with transaction(library.conn), pytest.raises(sqlite3.OperationalError, match="no such"):
        database.insert_rows(library.conn, "metas", [{"key": "k", "value": "v"}])
    names = {r[0] for r in library.conn.execute("SELECT name FROM sqlite_master")}
    assert "metas" not in names
    assert library.conn.execute("SELECT count(*) FROM meta WHERE key = 'k'").fetchone() == (0,)


def test_sqlite_utils_leaves_the_connection_as_it_was(library: Library) -> None:
    assert library.db.conn is library.conn
    assert library.conn.execute("PRAGMA recursive_triggers").fetchone() == (0,)


def annotations_json(library: Library, article_id: int, *items: dict) -> dict:
    """A W3C collection of highlights on the article, as another Postil would export them."""
    article = library.articles.get(article_id)
    made = []
    for n, item in enumerate(items):
        start = article.text.index(item["quote"])
        portable = PortableAnnotation(
            quote=item["quote"],
            prefix="",
            suffix="",
            start=start,
            end=start + len(item["quote"]),
            status="anchored",
            color="yellow",
            note="",
            tags=("Imported",),
            created=item.get("created", "2026-01-05T10:00:00Z"),
            modified=None,
            source=article_source(article.url, article.content_hash),
            content_hash=article.content_hash,
            title=article.title,
        )
        made.append(annotation_json(portable, annotation_id=f"urn:test:{n}"))
    return collection(made, label="test")


def test_one_file_holding_a_highlight_twice_imports_it_once(library: Library) -> None:
    from storage.annotation_transfer import import_annotations

    article_id = library.articles.add(make_article(url="https://example.com/port")).article_id
    data = annotations_json(
        library,
        article_id,
        {"quote": "third consecutive month"},
        {"quote": "third consecutive month"},  # the same highlight, the same moment
        {"quote": "third consecutive month", "created": "2026-01-06T10:00:00Z"},
    )
    report = import_annotations(library, data)
    assert (report.imported, report.duplicates) == (2, 1)
    assert library.annotations.count() == 2
    assert [a.tags for a in library.annotations.for_article(article_id)] == [("Imported",)] * 2


def test_imported_highlights_never_take_a_deleted_highlight_s_id(library: Library) -> None:
    from storage.annotation_transfer import import_annotations

    article_id = library.articles.add(make_article(url="https://example.com/port")).article_id
    kept = highlight(library, article_id, "Container")
    gone = highlight(library, article_id, "backlog")
    library.annotations.delete(gone)  # a brief may still link to ^h{gone}
    report = import_annotations(
        library, annotations_json(library, article_id, {"quote": "rose"}, {"quote": "port"})
    )
    assert report.imported == 2
    ids = sorted(a.id for a in library.annotations.for_article(article_id))
    assert ids == [kept, gone + 1, gone + 2]
    assert highlight(library, article_id, "Shipping") == gone + 3


def test_a_failing_annotation_import_writes_nothing(library: Library, monkeypatch) -> None:
    from storage.annotation_transfer import import_annotations

    article_id = library.articles.add(make_article(url="https://example.com/port")).article_id
    data = annotations_json(library, article_id, {"quote": "rose"}, {"quote": "port"})
    before = everything(library)

    def broken(self, tagged):
        raise OSError("disk went away")

    monkeypatch.setattr(Tags, "attach", broken)  # after the annotations' bulk insert
    with pytest.raises(OSError):
        import_annotations(library, data)
    assert everything(library) == before


def test_opening_reading_and_highlighting_import_no_sqlite_utils(library_path) -> None:
    """The window's own path (its first frame is guarded in tests/ui/test_startup_imports.py)
    and a single highlight: one-row writes and reads stay hand-written SQL."""
    code = (
        "import sys\n"
        f"sys.path.insert(0, {str(ROOT)!r})\n"
        "from storage.library import Library\n"
        "from storage.annotations import NewAnnotation\n"
        "from tests.conftest import make_article\n"
        f"with Library.open({str(library_path)!r}) as library:\n"
        "    a = library.articles.add(make_article()).article_id\n"
        "    library.articles.list(); library.articles.get(a); library.search.articles('port')\n"
        "    new = NewAnnotation('Container', '', '', 0, 9, tags=('x',))\n"
        "    n = library.annotations.add(a, new)\n"
        "    library.annotations.set_note(n, 'note'); library.annotations.delete(n)\n"
        "print('sqlite_utils' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.strip() == "False"
