"""Plain records the library hands out: no SQL rows, no widgets.

Immutable named tuples rather than frozen dataclasses: the window's first frame builds
several, and a dataclass costs about 0.6 ms to define against 0.07 ms for a named tuple.
No `from __future__ import annotations` here: typing.NamedTuple compiles each annotation
given as a string, which made these records cost 4 ms before the first frame.
"""

from typing import NamedTuple


class ArticleSummary(NamedTuple):
    id: int
    title: str
    site: str | None
    published: str | None
    captured: str
    annotations: int
    status: str = "unread"  # unread, reading, done
    progress: int = 0  # percent of the article read


class Article(NamedTuple):
    id: int
    title: str
    byline: str | None
    site: str | None
    url: str | None
    section: str | None
    published: str | None
    captured: str
    added: str
    language: str | None
    direction: str
    source_kind: str
    source_name: str
    text: str
    content: str
    content_hash: str
    version: int


class Annotation(NamedTuple):
    id: int
    article_id: int
    version: int
    quote: str
    prefix: str
    suffix: str
    start: int | None
    end: int | None
    status: str
    color: str
    note: str
    created: str
    updated: str
    tags: tuple[str, ...] = ()


class AddOutcome(NamedTuple):
    """What importing one article did: 'added'; 'exists' (the same text is there already);
    'updated' (a new version of the article with the same source URL); 'version' (a new
    version of the article it is another capture of, found by its text or named by the
    analyst). For both kinds of version: how many highlights followed to the new text and
    how many lost their passage, whether this capture is now the text shown (current=False:
    kept as an older version, the current capture being better structured), and for a
    capture found by its text, the share of it that the article has (similarity)."""

    article_id: int
    status: str
    title: str
    version: int = 1
    highlights: int = 0
    orphaned: int = 0
    current: bool = True
    similarity: float | None = None


class SearchHit(NamedTuple):
    id: int
    title: str
    snippet: str


class TagCount(NamedTuple):
    id: int
    name: str
    count: int


class Color(NamedTuple):
    name: str
    position: int
    meaning: str
