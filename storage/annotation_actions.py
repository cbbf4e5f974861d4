"""Making a highlight from a selection or from a quoted passage: the one path that the reader,
the command line and the self-test share. Everything is checked before anything is written,
so a refused highlight leaves nothing behind (nor an undo step that cannot be undone)."""

from __future__ import annotations

from collections.abc import Iterable

from storage.annotations import NewAnnotation
from storage.errors import LibraryError, NotFound
from storage.library import Library
from storage.tags import clean_tag


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
    the article version the offsets were taken from (a reader showing an older one)."""
    from core.anchoring import describe

    text, current = article_text(library, article_id)
    if version is not None and version != current:
        raise LibraryError(
            "the article changed since it was opened (a newer version was imported); "
            "select the passage again"
        )
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
    """Highlight [start, end) in code points of the article's canonical text."""
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
    """Highlight the N-th occurrence of quote; refuses a quote the article does not contain."""
    from core.anchoring import locate_quote

    text, version = article_text(library, article_id)
    start, end = locate_quote(text, quote, occurrence)
    return annotate_range(
        library, article_id, start, end, color=color, tags=tags, note=note, version=version
    )
