"""Making a highlight from a selection or from a quoted passage: the one path that the reader,
the command line and the self-test share."""

from __future__ import annotations

from collections.abc import Iterable

from storage.annotations import NewAnnotation
from storage.library import Library


def annotate_range(
    library: Library,
    article_id: int,
    start: int,
    end: int,
    *,
    color: str = "yellow",
    tags: Iterable[str] = (),
    note: str = "",
) -> int:
    """Highlight [start, end) in code points of the article's canonical text."""
    from core.anchoring import describe

    text = library.articles.get(article_id).text
    selector = describe(text, start, end)
    return library.annotations.add(
        article_id,
        NewAnnotation(
            quote=selector.quote,
            prefix=selector.prefix,
            suffix=selector.suffix,
            start=selector.start,
            end=selector.end,
            color=color,
            note=note,
            tags=tuple(tags),
        ),
    )


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

    text = library.articles.get(article_id).text
    start, end = locate_quote(text, quote, occurrence)
    return annotate_range(library, article_id, start, end, color=color, tags=tags, note=note)
