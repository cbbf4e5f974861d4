"""Highlights from other tools attached to the library: found by address (or by title for
Readwise), anchored on the canonical text, orphaned when their passage is not there, skipped
when their article is not; the same export twice adds nothing; one article's failure is one
line and leaves that article untouched."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from storage.highlight_import import import_highlight_file
from storage.library import Library
from tests.core.test_highlight_imports_samples import ARTICLE_URL, article, write_samples


@pytest.fixture
def samples(tmp_path: Path) -> dict[str, Path]:
    return write_samples(tmp_path / "exports")


@pytest.fixture
def article_id(library: Library) -> int:
    return library.articles.add(article()).article_id


def _highlights(library: Library, article_id: int) -> list[tuple]:
    text = library.articles.get(article_id).text
    return [
        (a.quote, a.status, a.note, a.tags, a.color, text[a.start : a.end] if a.start else None)
        for a in library.annotations.for_article(article_id)
    ]


def test_hypothesis_highlights_attach_and_orphan(
    library: Library, article_id: int, samples: dict[str, Path]
) -> None:
    report = import_highlight_file(library, samples["hypothesis"])
    assert report.error is None and report.tool == "hypothesis"
    assert (report.attached, report.orphaned, report.skipped) == (2, 1, 1)
    assert report.refusals == ["annotation hyp5: a page note, with no quoted passage"]
    assert report.missing == ["Port traffic recovers <https://example.org/elsewhere>"]
    rows = library.annotations.for_article(article_id)
    text = library.articles.get(article_id).text
    placed = [a for a in rows if a.start is not None]
    assert [text[a.start : a.end] for a in placed] == [
        "a backlog of building materials",
        "the port authority",
    ]
    # The context chose the second "the port authority", in the third paragraph.
    assert placed[1].start > text.index("Officials at")
    assert placed[0].note == "Check the customs data"
    assert placed[0].tags == ("ports", "syria")
    assert placed[0].created == "2026-03-11T09:00:00+00:00"
    orphan = [a for a in rows if a.start is None]
    assert [(a.quote, a.status) for a in orphan] == [
        ("a passage the article never had in any version", "orphaned")
    ]


def test_importing_the_same_export_twice_adds_nothing(
    library: Library, article_id: int, samples: dict[str, Path]
) -> None:
    for name in ("hypothesis", "readwise", "omnivore"):
        import_highlight_file(library, samples[name])
    before = library.annotations.count()
    articles = library.conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    for name in ("hypothesis", "readwise", "omnivore"):
        again = import_highlight_file(library, samples[name])
        assert again.attached == again.orphaned == 0, name
        assert again.duplicates > 0
    assert library.annotations.count() == before
    assert library.conn.execute("SELECT count(*) FROM articles").fetchone()[0] == articles


def test_readwise_finds_articles_by_title(
    library: Library, article_id: int, samples: dict[str, Path]
) -> None:
    report = import_highlight_file(library, samples["readwise"])
    assert (report.attached, report.orphaned, report.skipped) == (2, 0, 1)
    assert report.missing == ["A Tale of Two Cities"]
    assert report.refusals == ["row 5: no highlighted text"]
    rows = library.annotations.for_article(article_id)
    first = rows[0]
    assert first.quote == "rose for a third consecutive month in February"
    assert (first.note, first.color, first.tags) == ("Seasonal?", "red", ("ports", "trade"))
    assert first.created == "2026-03-11T10:00:00+00:00"


def test_omnivore_imports_its_articles_then_their_highlights(
    library: Library, article_id: int, samples: dict[str, Path]
) -> None:
    report = import_highlight_file(library, samples["omnivore"])
    assert report.error is None and report.tool == "omnivore"
    assert report.articles_added == 1
    assert (report.attached, report.orphaned, report.skipped) == (3, 0, 0)
    new_id = library.conn.execute(
        "SELECT id FROM articles WHERE url = 'https://example.net/tartus-grain'"
    ).fetchone()[0]
    assert new_id in report.annotated and article_id in report.annotated
    saved = library.articles.get(new_id)
    assert "Wheat prices in Tartus fell" in saved.text
    notes = {a.quote: a.note for a in library.annotations.for_article(new_id)}
    assert notes == {
        "Wheat prices in Tartus fell for the first time this year": "Compare with the Latakia "
        "figures",
        "the mills run at full capacity again": "",
    }
    assert library.annotations.for_article(new_id)[0].tags == ("grain", "markets")
    assert [a.quote for a in library.annotations.for_article(article_id)] == [
        "rose for a third consecutive month"
    ]


def test_highlights_of_articles_not_in_the_library_are_skipped(
    library: Library, samples: dict[str, Path]
) -> None:
    report = import_highlight_file(library, samples["hypothesis"])
    assert (report.attached, report.orphaned, report.skipped) == (0, 0, 4)
    assert library.annotations.count() == 0


def test_a_refused_file_changes_nothing(library: Library, article_id: int, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{oops", encoding="utf-8")
    report = import_highlight_file(library, bad)
    assert report.error is not None and "\n" not in report.error
    assert library.annotations.count() == 0
    assert "refused" in report.summary()


def test_the_library_itself_is_not_read(library: Library) -> None:
    report = import_highlight_file(library, library.path)
    assert report.error == "this is the library itself"


def test_a_failing_article_is_one_line_and_leaves_nothing_half_written(
    library: Library, article_id: int, samples: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The second highlight of the article fails to write: none of its highlights land."""
    other = library.articles.add(
        article(url="https://example.org/elsewhere", title="Elsewhere")
    ).article_id
    from storage import annotations as annotations_module

    real = annotations_module.Annotations.add_rows

    def failing(self, rows, tags):
        if rows[0]["article_id"] == article_id:
            real(self, rows[:1], tags[:1])  # the first row is written, then the disk fails
            raise sqlite3.OperationalError("disk I/O error")
        return real(self, rows, tags)

    monkeypatch.setattr(annotations_module.Annotations, "add_rows", failing)
    report = import_highlight_file(library, samples["hypothesis"])
    assert any("disk I/O error" in line or "disk" in line for line in report.refusals)
    assert library.annotations.count(article_id) == 0  # rolled back as a whole
    assert library.annotations.count(other) == 0  # its quote is not in the text: none there
    assert not library.conn.in_transaction


def test_an_url_with_another_spelling_finds_the_article(
    library: Library, article_id: int, tmp_path: Path
) -> None:
    import json

    path = tmp_path / "one.json"
    path.write_text(
        json.dumps(
            [
                {
                    "uri": ARTICLE_URL.replace("https://", "http://www.") + "/?utm_medium=x",
                    "target": [
                        {
                            "selector": [
                                {"type": "TextQuoteSelector", "exact": "backlog of building"}
                            ]
                        }
                    ],
                }
            ]
        ),
        encoding="utf-8",
    )
    report = import_highlight_file(library, path)
    assert report.attached == 1


def test_a_quote_edited_since_is_placed_approximately_and_a_repeat_where_it_occurs(
    library: Library, article_id: int
) -> None:
    """A Kindle or web quote that differs by a typo finds its passage (fuzzy); a quote that
    occurs twice with nothing to tell which goes where re-anchoring puts a quote of unknown
    origin (an occurrence of it: the analyst can move it)."""
    from core.highlight_imports.records import make_record
    from storage.highlight_import import place_all

    text = library.articles.get(article_id).text
    typo = make_record("Shipping agents said the increase reflected a backlog of buildng materials")
    repeat = make_record("the port authority")
    assert typo is not None and repeat is not None
    first, second = place_all(text, [typo, repeat])
    assert first.status == "fuzzy"
    assert text[first.start : first.end] == first.quote
    assert "building materials" in first.quote
    assert second.status == "anchored"
    assert text[second.start : second.end] == "the port authority"
