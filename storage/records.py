"""Plain records the library hands out: no SQL rows, no widgets."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    id: int
    title: str
    site: str | None
    published: str | None
    captured: str
    annotations: int


@dataclass(frozen=True, slots=True)
class Article:
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


@dataclass(frozen=True, slots=True)
class Annotation:
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
    tags: tuple[str, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class AddOutcome:
    """What importing one article did: 'added', 'exists' or 'updated' (a new version)."""

    article_id: int
    status: str
    title: str
    version: int = 1


@dataclass(frozen=True, slots=True)
class SearchHit:
    id: int
    title: str
    snippet: str


@dataclass(frozen=True, slots=True)
class TagCount:
    id: int
    name: str
    count: int


@dataclass(frozen=True, slots=True)
class Color:
    name: str
    position: int
    meaning: str
