"""Making a highlight from a selection or from a quoted passage: the one path that the reader,
the command line and the self-test share. Everything is checked before anything is written,
so a refused highlight leaves nothing behind (nor an undo step that cannot be undone)."""

from __future__ import annotations

from collections.abc import Iterable

from storage.annotations import ArticleChanged, NewAnnotation
from storage.errors import NotFound
from storage.library import Library
from storage.tags import clean_tag
from storage.transaction import transaction


def article_text(library: Library, article_id: int) -> tuple[str, int]:
    """(canonical text, version) without the rest of the row."""
    row = library.conn.execute(
        "SELECT text, version FROM articles WHERE id = ?", [article_id]
    ).fetchone()
    if row is None:
        raise NotFound(f"there is no article {article_id} in this library")
    return row[0], row[1]


def prepare_range(
    library: Library,
    article_id: int,
    start: int,
    end: int,
    *,
    color: str = "yellow",
    tags: Iterable[str] = (),
    note: str = "",
    version: int | None = None,
) -> NewAnnotation:
    """The highlight [start, end) in code points would be, checked but not stored. version:
    the article version the offsets were taken from (a reader showing an older one). The
    result carries the version it was made against; storing it checks that version again,
    inside the write, so nothing can land in between."""
    from core.anchoring import describe  # the anchoring engine loads on the first highlight

    text, current = article_text(library, article_id)
    if version is not None and version != current:
        raise ArticleChanged()
    library.annotations.check_color(color)
    tags = tuple(dict.fromkeys(clean_tag(t) for t in tags))
    selector = describe(text, start, end)
    return NewAnnotation(
        quote=selector.quote,
        prefix=selector.prefix,
        suffix=selector.suffix,
        start=selector.start,
        end=selector.end,
        color=color,
        note=note,
        tags=tags,
        version=current,
    )


def annotate_range(
    library: Library,
    article_id: int,
    start: int,
    end: int,
    *,
    color: str = "yellow",
    tags: Iterable[str] = (),
    note: str = "",
    version: int | None = None,
) -> int:
    """Highlight [start, end) in code points of the article's canonical text: the text is read
    and the highlight written in one write transaction (BEGIN IMMEDIATE)."""
    with transaction(library.conn):
        new = prepare_range(
            library, article_id, start, end, color=color, tags=tags, note=note, version=version
        )
        return library.annotations.add(article_id, new)


def annotate_quote(
    library: Library,
    article_id: int,
    quote: str,
    *,
    occurrence: int = 1,
    color: str = "yellow",
    tags: Iterable[str] = (),
    note: str = "",
) -> int:
    """Highlight the N-th occurrence of quote; refuses a quote the article does not contain.
    Finding the quote and storing the highlight are one write transaction."""
    from core.anchoring import locate_quote

    with transaction(library.conn):
        text, version = article_text(library, article_id)
        start, end = locate_quote(text, quote, occurrence)
        return annotate_range(
            library, article_id, start, end, color=color, tags=tags, note=note, version=version
        )
