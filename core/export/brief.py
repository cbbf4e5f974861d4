"""What a brief contains, as plain records, and how its passages are grouped.

Storage gathers the records (storage.brief_source); the writer (markdown_brief) only renders.
Keeping the grouping here makes both layouts testable without a library or a file.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

ORPHANED = "orphaned"


class Layout(StrEnum):
    ARTICLE = "article"
    TAG = "tag"


@dataclass(frozen=True, slots=True)
class BriefScope:
    """Which passages a brief gathers. Kinds combine with AND, values of one kind with OR.

    article_ids empty means every article. Dates bound the article's date (published, else
    captured), inclusive. search matches a passage's quote or note, or its article's title or
    text (an article about the subject brings all its passages).
    """

    article_ids: tuple[int, ...] = ()
    tags: tuple[str, ...] = ()
    colors: tuple[str, ...] = ()
    since: date | None = None
    until: date | None = None
    search: str | None = None

    def as_filters(self) -> dict[str, object]:
        """The scope as the brief's front matter records it (stable key order)."""
        return {
            "articles": list(self.article_ids),
            "tags": list(self.tags),
            "colors": list(self.colors),
            "since": self.since.isoformat() if self.since else None,
            "until": self.until.isoformat() if self.until else None,
            "search": self.search or None,
        }


@dataclass(frozen=True, slots=True)
class SourceArticle:
    """An article a brief cites: everything needed to trace a passage back to it."""

    id: int
    title: str
    site: str | None
    byline: str | None
    published: str | None
    url: str | None
    captured: str
    text: str = ""  # the canonical text: fragment links and the annotated-article layout

    @property
    def date(self) -> str:
        """The date passages are ordered by: published when known, else captured."""
        return (self.published or self.captured)[:10]


@dataclass(frozen=True, slots=True)
class Passage:
    """One highlight as the brief shows it; start and end are None for an orphan."""

    id: int
    article_id: int
    quote: str
    note: str
    color: str
    color_meaning: str
    status: str
    start: int | None
    tags: tuple[str, ...] = ()
    end: int | None = None

    @property
    def orphaned(self) -> bool:
        return self.status == ORPHANED or self.start is None


@dataclass(frozen=True, slots=True)
class Brief:
    title: str
    generated: str
    layout: Layout
    scope: BriefScope
    articles: tuple[SourceArticle, ...]
    passages: tuple[Passage, ...]


@dataclass(frozen=True, slots=True)
class ArticleGroup:
    article: SourceArticle
    passages: tuple[Passage, ...]


@dataclass(frozen=True, slots=True)
class Section:
    """A heading and its passages. tag is None for an article or the untagged section."""

    heading: str
    passages: tuple[Passage, ...]
    article: SourceArticle | None = None
    tag: str | None = None


UNTAGGED = "Untagged"
ORPHANS_HEADING = "Orphaned highlights"


def _article_order(brief: Brief) -> list[SourceArticle]:
    return sorted(brief.articles, key=lambda a: (a.date, a.captured, a.id))


def _reading_order(passages: Sequence[Passage]) -> list[Passage]:
    return sorted(passages, key=lambda p: (p.start is None, p.start or 0, p.id))


def by_article(brief: Brief) -> list[Section]:
    """One section per article, oldest first; passages in reading order. Orphans excluded."""
    anchored: dict[int, list[Passage]] = {}
    for p in brief.passages:
        if not p.orphaned:
            anchored.setdefault(p.article_id, []).append(p)
    return [
        Section(heading=a.title, article=a, passages=tuple(_reading_order(anchored[a.id])))
        for a in _article_order(brief)
        if a.id in anchored
    ]


def by_tag(brief: Brief) -> list[Section]:
    """One section per tag (alphabetical), passages in date order, then an untagged section.

    A passage with two tags appears under both. With a tag filter, only the chosen tags get
    sections (the passage still lists all its tags).
    """
    rank = {a.id: i for i, a in enumerate(_article_order(brief))}
    ordered = sorted(
        (p for p in brief.passages if not p.orphaned),
        key=lambda p: (rank[p.article_id], p.start or 0, p.id),
    )
    wanted = {t.casefold() for t in brief.scope.tags}
    sections: dict[str, list[Passage]] = {}
    untagged: list[Passage] = []
    for p in ordered:
        if not p.tags and not wanted:
            untagged.append(p)
        for tag in p.tags:
            if not wanted or tag.casefold() in wanted:
                sections.setdefault(tag, []).append(p)
    out = [
        Section(heading=name, tag=name, passages=tuple(sections[name]))
        for name in sorted(sections, key=lambda t: (t.casefold(), t))
    ]
    if untagged:
        out.append(Section(heading=UNTAGGED, passages=tuple(untagged)))
    return out


def orphans(brief: Brief) -> list[ArticleGroup]:
    """Highlights whose text is no longer found, per article: shown, never dropped."""
    found: dict[int, list[Passage]] = {}
    for p in brief.passages:
        if p.orphaned:
            found.setdefault(p.article_id, []).append(p)
    return [
        ArticleGroup(a, tuple(sorted(found[a.id], key=lambda p: p.id)))
        for a in _article_order(brief)
        if a.id in found
    ]


def cited_articles(brief: Brief) -> list[SourceArticle]:
    """Articles with at least one passage in the brief, in date order."""
    ids = {p.article_id for p in brief.passages}
    return [a for a in _article_order(brief) if a.id in ids]
