"""Another capture of an article already in the library becomes a version of it, found by its
text: a browser copy that was highlighted, then the saved page of the same article (and the
other way round), with the highlight following to the current text."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from core.article import Block, BlockKind, Span
from core.importers.dispatch import import_path
from core.near_duplicates import MAX_CANDIDATES, SIGNATURE_SIZE
from storage import highlighting, migrations, near_duplicates
from storage.errors import LibraryError, NotFound
from storage.importing import import_into
from storage.library import Library
from storage.transaction import transaction
from tests.captures import HIGHLIGHT, TITLE, URL, write_captures, write_other
from tests.conftest import make_article, without_signatures


@pytest.fixture
def captures(tmp_path: Path) -> tuple[Path, Path]:
    """(browser text, saved page) of one article."""
    return write_captures(tmp_path / "captures")


def _import(library: Library, path: Path, **options):
    (report,) = import_into(library, [path], **options)
    assert report.error is None, report.error
    return report.outcome


def _highlight_holds(library: Library, annotation_id: int, version: int) -> None:
    stored = library.annotations.get(annotation_id)
    text = library.articles.get(stored.article_id).text
    assert stored.version == version
    assert stored.status != "orphaned"
    assert text[stored.start : stored.end] == HIGHLIGHT


def test_the_saved_page_of_a_highlighted_browser_copy_becomes_its_new_version(
    library: Library, captures
) -> None:
    browser, page = captures
    first = _import(library, browser)
    assert first.status == "added"
    highlight = highlighting.annotate_quote(library, first.article_id, HIGHLIGHT)

    second = _import(library, page)

    assert second.status == "version"
    assert (second.article_id, second.version) == (first.article_id, 2)
    assert second.current and second.highlights == 1 and second.orphaned == 0
    assert second.similarity is not None and second.similarity >= 0.8
    assert library.articles.count() == 1
    article = library.articles.get(first.article_id)
    assert (article.source_kind, article.url, article.title) == ("html", URL, TITLE)
    assert "Update, 16 March" in article.text
    _highlight_holds(library, highlight, version=2)
    (older,) = library.articles.versions(first.article_id)
    assert older[0] == 1 and "Update, 16 March" not in older[2]


def test_a_browser_copy_after_the_saved_page_is_kept_behind_it(library: Library, captures) -> None:
    """The saved page stays current (better structured); the browser copy is kept as the
    version before it, and the highlight stays where it was."""
    browser, page = captures
    first = _import(library, page)
    highlight = highlighting.annotate_quote(library, first.article_id, HIGHLIGHT)
    before = library.articles.get(first.article_id)

    second = _import(library, browser)

    assert second.status == "version"
    assert (second.article_id, second.version) == (first.article_id, 2)
    assert not second.current and second.highlights == 1
    assert library.articles.count() == 1
    now = library.articles.get(first.article_id)
    assert (now.text, now.content, now.source_kind) == (before.text, before.content, "html")
    assert now.version == 2
    _highlight_holds(library, highlight, version=2)
    (older,) = library.articles.versions(first.article_id)
    assert older[0] == 1 and "Update, 16 March" not in older[2]  # the browser copy
    # Either capture again is already there, and changes nothing.
    assert _import(library, browser).status == "exists"
    assert _import(library, page).status == "exists"
    assert library.articles.version(first.article_id) == 2


def test_a_different_article_on_the_same_subject_is_a_new_article(
    library: Library, captures, tmp_path: Path
) -> None:
    page = _import(library, captures[1])
    other = _import(library, write_other(tmp_path))
    assert other.status == "added" and other.article_id != page.article_id
    assert library.articles.count() == 2
    assert library.articles.version(page.article_id) == 1


def test_an_exact_duplicate_is_reported_as_before(library: Library, captures) -> None:
    first = _import(library, captures[1])
    again = _import(library, captures[1])
    assert (again.status, again.article_id, again.version) == ("exists", first.article_id, 1)
    assert library.articles.versions(first.article_id) == []


def test_as_new_keeps_a_second_article(library: Library, captures) -> None:
    first = _import(library, captures[0])
    second = _import(library, captures[1], as_new=True)
    assert second.status == "added" and second.article_id != first.article_id
    assert library.articles.count() == 2


def test_version_of_makes_any_capture_the_current_text(
    library: Library, captures, tmp_path: Path
) -> None:
    """Named by the analyst, even a less structured capture becomes current."""
    page = _import(library, captures[1])
    highlight = highlighting.annotate_quote(library, page.article_id, HIGHLIGHT)
    forced = _import(library, captures[0], version_of=page.article_id)
    assert (forced.status, forced.article_id, forced.version) == ("version", page.article_id, 2)
    assert forced.current and forced.similarity is None
    article = library.articles.get(page.article_id)
    assert article.source_kind == "text"
    assert article.url == URL  # what the browser copy does not say is kept
    _highlight_holds(library, highlight, version=2)


def test_version_of_refuses_an_unknown_article_and_a_text_of_another(
    library: Library, captures, tmp_path: Path
) -> None:
    page = _import(library, captures[1])
    other = _import(library, write_other(tmp_path))
    with pytest.raises(NotFound, match="no article 99"):
        list(import_into(library, [captures[0]], version_of=99))
    (report,) = import_into(library, [write_other(tmp_path)], version_of=page.article_id)
    assert isinstance(report.error, LibraryError)
    assert f"already article {other.article_id}" in str(report.error)
    assert library.articles.version(page.article_id) == 1


def test_a_capture_naming_another_page_stays_a_separate_article(library: Library, captures) -> None:
    """The same story on another site is another source to an analyst."""
    _import(library, captures[1])
    syndicated = import_path(captures[1])
    syndicated.url = "https://harbour-post.example/silos-reopen"
    syndicated.blocks.append(Block(BlockKind.PARAGRAPH, (Span("First published by the Ledger."),)))
    assert library.articles.add(syndicated).status == "added"


def test_an_undone_delete_is_found_again(library: Library, captures) -> None:
    from storage.article_removal import put_back, remove_articles

    first = _import(library, captures[0])
    removed = remove_articles(library, [first.article_id])
    signed = "SELECT count(*) FROM article_signatures WHERE article_id = ?"
    assert library.conn.execute(signed, [first.article_id]).fetchone()[0] == 0
    put_back(library, removed)
    assert library.conn.execute(signed, [first.article_id]).fetchone()[0] > 0
    assert _import(library, captures[1]).article_id == first.article_id


def test_articles_of_an_older_library_are_signed_and_found(
    library_path: Path, captures, monkeypatch
) -> None:
    """A library from before signatures: opening it stays instant (nothing is signed), the
    next import signs the old articles first, in batches, and finds the capture's article."""
    with monkeypatch.context() as old_format:
        old_format.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:2])
        without_signatures(old_format)
        with Library.open(library_path) as old:
            browser = old.articles.add(import_path(captures[0])).article_id
            for number in range(5):
                old.articles.add(make_article(f"Other {number}", [f"Paragraph {number}."]))
    monkeypatch.setattr(near_duplicates, "CATCH_UP_BATCH", 2)
    with Library.open(library_path) as library:
        assert near_duplicates.pending(library.conn) == 6
        assert library.conn.execute("SELECT count(*) FROM article_signatures").fetchone() == (0,)
        steps = []
        outcome = _import(library, captures[1], preparing=lambda *step: steps.append(step))
        assert (outcome.status, outcome.article_id) == ("version", browser)
        assert steps == [(2, 6), (4, 6), (6, 6)]
        assert near_duplicates.pending(library.conn) == 0


def test_signing_older_articles_resumes_where_it_stopped(library_path: Path, monkeypatch) -> None:
    with monkeypatch.context() as old_format:
        old_format.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:2])
        without_signatures(old_format)
        with Library.open(library_path) as old:
            for number in range(5):
                old.articles.add(make_article(f"Old {number}", [f"Paragraph {number}."]))
    monkeypatch.setattr(near_duplicates, "CATCH_UP_BATCH", 2)
    with Library.open(library_path) as library:
        batches = []
        near_duplicates.catch_up(
            library.conn,
            progress=lambda *step: batches.append(step),
            cancelled=lambda: bool(batches),
        )
        assert batches == [(2, 5)] and near_duplicates.pending(library.conn) == 3
    with Library.open(library_path) as library:  # another run carries on
        assert near_duplicates.catch_up(library.conn) == 3
        assert near_duplicates.pending(library.conn) == 0
        assert near_duplicates.catch_up(library.conn) == 0


def _random_text(rng: random.Random, vocabulary: list[str], count: int) -> str:
    return " ".join(rng.choice(vocabulary) for _ in range(count))


def test_candidates_come_from_the_index_not_from_every_article(
    library: Library, captures, monkeypatch
) -> None:
    """Thousands of articles in the library: the capture's candidates are looked up by their
    signature values, and at most MAX_CANDIDATES texts are read and compared."""
    rng = random.Random(7)
    vocabulary = [f"w{n}" for n in range(3000)]
    conn = library.conn
    with transaction(conn):
        for number in range(1, 3001):
            text = _random_text(rng, vocabulary, 120)
            conn.execute(
                "INSERT INTO articles (id, title, captured, source_kind, original, text, "
                "content, content_hash, added) VALUES (?, ?, '', 'text', x'', ?, '[]', ?, '')",
                [number, f"Filler {number}", text, f"hash-{number}"],
            )
            near_duplicates.store_signature(conn, number, near_duplicates.shingles(text))
    browser = _import(library, captures[0]).article_id
    plan = " ".join(
        row[3]
        for row in conn.execute(
            "EXPLAIN QUERY PLAN SELECT article_id, count(*) FROM article_signatures "
            "WHERE value IN (1, 2, 3) GROUP BY article_id"
        )
    )
    assert "SEARCH article_signatures USING PRIMARY KEY (value=?)" in plan
    compared = []
    real = near_duplicates.shingles
    monkeypatch.setattr(near_duplicates, "shingles", lambda text: compared.append(1) or real(text))
    assert _import(library, captures[1]).article_id == browser
    assert 1 <= len(compared) <= MAX_CANDIDATES


def test_a_new_library_has_nothing_to_sign_and_deleting_drops_the_signature(
    library: Library, captures
) -> None:
    conn = library.conn
    pending = conn.execute("SELECT value FROM meta WHERE key = ?", [near_duplicates.PENDING_KEY])
    assert pending.fetchone() is None and near_duplicates.pending(conn) == 0
    article_id = _import(library, captures[1]).article_id
    signed = "SELECT count(*) FROM article_signatures WHERE article_id = ?"
    assert conn.execute(signed, [article_id]).fetchone()[0] == SIGNATURE_SIZE
    library.articles.delete(article_id)
    assert conn.execute(signed, [article_id]).fetchone()[0] == 0


def test_the_same_words_better_kept_become_the_current_capture(tmp_path: Path) -> None:
    """A browser copy, then the saved page whose text is word for word the same: the page
    (its headings, links and pictures) becomes current, the highlight stays on its words."""
    as_text, as_page, _picture = _same_words_two_ways()
    assert as_text.text == as_page.text
    with Library.open(tmp_path / "l.postil") as library:
        first = library.articles.add(as_text)
        quote = " ".join(as_text.text.split()[3:7])
        mark = highlighting.annotate_quote(library, first.article_id, quote)
        outcome = library.articles.add(as_page)
        assert (outcome.article_id, outcome.status, outcome.current) == (
            first.article_id,
            "version",
            True,
        )
        stored = library.articles.get(first.article_id)
        assert stored.source_kind == "html" and '"img"' in stored.content
        held = library.annotations.get(mark)
        assert held.version == 2 and stored.text[held.start : held.end] == quote
        again = library.articles.add(as_text)  # the browser copy once more: nothing to do
        assert again.status == "exists"
        assert library.articles.get(first.article_id).source_kind == "html"


def _same_words_two_ways():
    from dataclasses import replace

    from core.article import Image

    article = make_article("Port traffic recovers")
    blocks = [Block(BlockKind.PARAGRAPH, (Span(p),)) for p in article.text.split("\n")]
    as_text = replace(article, source_kind="text", blocks=blocks)
    picture = Image.from_bytes(b"\x89PNG\r\n\x1a\n" + b"\1" * 64, "image/png")
    as_page = replace(
        as_text,
        source_kind="html",
        blocks=[Block(BlockKind.IMAGE, image=picture.key, alt="The quay"), *blocks],
        images=[picture],
    )
    return as_text, as_page, picture


def test_as_new_keeps_the_same_words_where_they_are(tmp_path: Path) -> None:
    as_text, as_page, _picture = _same_words_two_ways()
    with Library.open(tmp_path / "l.postil") as library:
        first = library.articles.add(as_text)
        again = library.articles.add(as_page, as_new=True)
        assert (again.article_id, again.status) == (first.article_id, "exists")
        assert library.articles.get(first.article_id).source_kind == "text"


def test_a_page_replaced_by_its_browser_copy_keeps_its_pictures(tmp_path: Path) -> None:
    """The analyst names a browser copy as the article's capture: the saved page becomes an
    older version, and its pictures stay in the library for it."""
    from dataclasses import replace

    as_text, as_page, picture = _same_words_two_ways()
    as_text = replace(as_text, blocks=[*as_text.blocks, Block(BlockKind.PARAGRAPH, (Span("x"),))])
    with Library.open(tmp_path / "l.postil") as library:
        page = library.articles.add(as_page)
        copy = library.articles.add(as_text, version_of=page.article_id)
        assert (copy.status, copy.version) == ("version", 2)
        kept = library.conn.execute(
            "SELECT count(*) FROM images WHERE article_id = ? AND key = ?",
            [page.article_id, picture.key],
        ).fetchone()[0]
        assert kept == 1
