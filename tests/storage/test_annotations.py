"""Annotations, their tags and colours: each action one transaction, undo restores exactly."""

from __future__ import annotations

import pytest

from storage.annotations import AnnotationFilter, NewAnnotation
from storage.errors import LibraryError, NotFound
from storage.library import Library
from tests.conftest import make_article


@pytest.fixture
def article_id(library: Library) -> int:
    return library.articles.add(make_article()).article_id


def _new(**kw) -> NewAnnotation:
    base = dict(quote="Container traffic", prefix="", suffix=" through the port", start=0, end=17)
    base.update(kw)
    return NewAnnotation(**base)


def test_add_with_tags_and_read_back(library: Library, article_id: int) -> None:
    annotation_id = library.annotations.add(
        article_id, _new(tags=("Ports", "#economy"), color="red", note="verify")
    )
    a = library.annotations.get(annotation_id)
    assert (a.quote, a.start, a.end, a.color, a.note, a.status) == (
        "Container traffic",
        0,
        17,
        "red",
        "verify",
        "anchored",
    )
    assert a.tags == ("economy", "Ports")
    assert library.articles.summaries([article_id])[article_id].annotations == 1


def test_unknown_colour_is_refused_and_nothing_written(library: Library, article_id: int) -> None:
    with pytest.raises(LibraryError, match="unknown colour"):
        library.annotations.add(article_id, _new(color="ultraviolet"))
    assert library.annotations.count() == 0


def test_empty_tag_rolls_back_the_whole_annotation(library: Library, article_id: int) -> None:
    with pytest.raises(LibraryError):
        library.annotations.add(article_id, _new(tags=("fine", "   ")))
    assert library.annotations.count() == 0
    assert library.tags.names() == []


def test_delete_then_restore_is_exact(library: Library, article_id: int) -> None:
    annotation_id = library.annotations.add(article_id, _new(tags=("a", "b"), note="n"))
    before = library.annotations.get(annotation_id)
    gone = library.annotations.delete(annotation_id)
    with pytest.raises(NotFound):
        library.annotations.get(annotation_id)
    library.annotations.restore(gone)
    assert library.annotations.get(annotation_id) == before


def test_edits_and_filters(library: Library, article_id: int) -> None:
    first = library.annotations.add(article_id, _new(tags=("x",)))
    second = library.annotations.add(article_id, _new(quote="port", start=29, end=33))
    library.annotations.set_color(second, "green")
    library.annotations.set_tags(first, ["y", "x"])
    assert library.annotations.get(first).tags == ("x", "y")
    assert [a.id for a in library.annotations.for_article(article_id)] == [first, second]
    assert [a.id for a in library.annotations.find(AnnotationFilter(color="green"))] == [second]
    assert [a.id for a in library.annotations.find(AnnotationFilter(tag="y"))] == [first]


def test_tags_rename_merge_delete_and_counts(library: Library, article_id: int) -> None:
    a = library.annotations.add(article_id, _new(tags=("claims",)))
    b = library.annotations.add(article_id, _new(tags=("claim", "ports")))
    library.tags.rename("claims", "Claim")  # onto an existing tag: merge
    assert [(t.name, t.count) for t in library.tags.counts()] == [("claim", 2), ("ports", 1)]
    library.tags.merge("ports", "claim")
    assert [(t.name, t.count) for t in library.tags.counts()] == [("claim", 2)]
    library.tags.rename("claim", "to verify")
    assert library.annotations.get(a).tags == ("to verify",)
    library.tags.delete("to verify")
    assert library.annotations.get(b).tags == ()
    assert library.annotations.count() == 2


def test_orphan_constraint(library: Library, article_id: int) -> None:
    annotation_id = library.annotations.add(article_id, _new())
    library.annotations.set_anchor(
        annotation_id,
        version=2,
        status="orphaned",
        start=None,
        end=None,
        quote="Container traffic",
        prefix="",
        suffix="",
    )
    assert library.annotations.get(annotation_id).start is None
    import sqlite3

    with pytest.raises(sqlite3.IntegrityError):
        library.annotations.set_anchor(
            annotation_id,
            version=2,
            status="anchored",
            start=None,
            end=None,
            quote="q",
            prefix="",
            suffix="",
        )


def test_colour_meanings(library: Library) -> None:
    library.colors.set_meaning("red", "claim to verify")
    colors = {c.name: c.meaning for c in library.colors.all()}
    assert colors["red"] == "claim to verify"
    assert [c.name for c in library.colors.all()] == ["yellow", "green", "blue", "red", "purple"]


def test_spans_are_what_the_reader_paints(library: Library, article_id: int) -> None:
    late = library.annotations.add(article_id, _new(quote="port", start=29, end=33, color="red"))
    early = library.annotations.add(article_id, _new())
    orphan = library.annotations.add(article_id, _new(quote="rose", start=40, end=44))
    library.annotations.set_anchor(
        orphan,
        version=2,
        status="orphaned",
        start=None,
        end=None,
        quote="rose",
        prefix="",
        suffix="",
    )
    assert library.annotations.spans(article_id) == [
        (0, 17, early, "yellow"),
        (29, 33, late, "red"),
    ]


def test_ids_are_never_reused_after_a_delete(library: Library, article_id: int) -> None:
    first = library.annotations.add(article_id, _new())
    second = library.annotations.add(article_id, _new(quote="port", start=29, end=33))
    library.annotations.delete(second)
    third = library.annotations.add(article_id, _new(quote="rose", start=40, end=44))
    assert third > second > first
    gone = library.annotations.delete(first)
    library.annotations.restore(gone)  # undo puts it back under its own id
    assert library.annotations.get(first).quote == "Container traffic"


def test_tag_counts_list_every_tag_by_name_unused_ones_too(library: Library) -> None:
    article_id = library.articles.add(make_article()).article_id
    library.annotations.add(article_id, _new(tags=("ports", "Bridges")))
    library.annotations.add(article_id, _new(tags=("ports",)))
    library.conn.execute("INSERT INTO tags (name) VALUES ('aviation')")  # on no highlight
    counted = [(t.name, t.count) for t in library.tags.counts()]
    assert counted == [("aviation", 0), ("Bridges", 1), ("ports", 2)]
