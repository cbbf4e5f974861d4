"""A Brief as plain data (dicts, lists, strings, numbers): the one thing templates see.

Every format (the Markdown and HTML templates, the CSV table, user templates) reads this
model, so grouping, ordering, citations and links are decided once, here, and a template
cannot reach into the program: it gets no objects, only values. docs/templates.md documents
every field; keep the two in step.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import Any

from core.export.brief import (
    ORPHANS_HEADING,
    UNTAGGED,
    Brief,
    Passage,
    Section,
    SourceArticle,
    by_article,
    by_tag,
    cited_articles,
    orphans,
)
from core.export.links import fragment_url, postil_link

GENERATOR = "Postil"
Data = dict[str, Any]


def _day(value: str | None) -> str | None:
    return value[:10] if value else None


def citation(article: SourceArticle) -> Data:
    """Where a passage comes from: the parts, a short string and a full one."""
    published = _day(article.published)
    captured = _day(article.captured)
    short = " · ".join(x for x in (article.title, article.site, article.date) if x)
    full_parts = [article.byline, f"“{article.title}”", article.site, published]
    full = ", ".join(x for x in full_parts if x)
    if article.url:
        full += f". {article.url}"
    full += f" (captured {captured})."
    return {
        "title": article.title,
        "site": article.site,
        "byline": article.byline,
        "published": published,
        "captured": captured,
        "date": article.date,
        "url": article.url,
        "short": short,
        "full": full,
    }


def _article(article: SourceArticle) -> Data:
    return {
        "id": article.id,
        "title": article.title,
        "site": article.site,
        "byline": article.byline,
        "published": _day(article.published),
        "captured": _day(article.captured),
        "date": article.date,
        "url": article.url,
        "citation": citation(article),
        "links": {"postil": postil_link(article.id)},
    }


class _Ids:
    """Block ids: h<id> the first time a passage appears in a grouping, h<id>-<n> after."""

    def __init__(self) -> None:
        self._seen: dict[int, int] = {}

    def next(self, passage_id: int) -> str:
        count = self._seen.get(passage_id, 0) + 1
        self._seen[passage_id] = count
        return f"h{passage_id}" if count == 1 else f"h{passage_id}-{count}"


def _passage(p: Passage, article: SourceArticle, cite: Data, block_id: str) -> Data:
    source = None
    if p.start is not None and p.end is not None and not p.orphaned:
        source = fragment_url(article.url, article.text, p.start, p.end)
    elif article.url and article.url.startswith(("http://", "https://")):
        source = article.url
    return {
        "id": p.id,
        "block_id": block_id,
        "article_id": p.article_id,
        "quote": p.quote,
        "note": p.note,
        "tags": list(p.tags),
        "colour": p.color,
        "colour_meaning": p.color_meaning.strip(),
        "status": p.status,
        "orphaned": p.orphaned,
        "start": p.start,
        "end": p.end,
        "citation": cite,
        "links": {"source": source, "postil": postil_link(p.article_id, p.id)},
    }


class _Builder:
    def __init__(self, brief: Brief) -> None:
        self.articles = {a.id: a for a in brief.articles}
        self.cites = {a.id: citation(a) for a in brief.articles}
        self._made: dict[int, Data] = {}

    def passage(self, p: Passage, ids: _Ids) -> Data:
        """The passage's data in a grouping; its links are made once for all groupings."""
        block_id = ids.next(p.id)
        made = self._made.get(p.id)
        if made is None:
            article = self.articles[p.article_id]
            made = self._made[p.id] = _passage(p, article, self.cites[p.article_id], block_id)
        return {**made, "block_id": block_id}

    def sections(self, sections: Iterable[Section], ids: _Ids) -> list[Data]:
        return [
            {
                "heading": s.heading,
                "tag": s.tag,
                "article": _article(s.article) if s.article is not None else None,
                "passages": [self.passage(p, ids) for p in s.passages],
            }
            for s in sections
        ]

    def orphans(self, brief: Brief, ids: _Ids) -> list[Data]:
        return [
            {
                "heading": g.article.title,
                "article": _article(g.article),
                "passages": [self.passage(p, ids) for p in g.passages],
            }
            for g in orphans(brief)
        ]


def _segments(text: str, marks: list[tuple[int, int, int]]) -> list[list[Data]]:
    """The article's text as paragraphs of segments; a segment is {text, mark} where mark is
    the number of the highlight covering it (None for plain text). Overlapping highlights:
    the one starting first keeps the overlap."""
    paragraphs: list[list[Data]] = [[]]
    pos = 0

    def add(piece: str, mark: int | None) -> None:
        parts = piece.split("\n")
        for i, part in enumerate(parts):
            if i:
                paragraphs.append([])
            if part:
                paragraphs[-1].append({"text": part, "mark": mark})

    for start, end, number in sorted(marks):
        start = max(start, pos)
        if start >= end:
            continue
        add(text[pos:start], None)
        add(text[start:end], number)
        pos = end
    add(text[pos:], None)
    return [p for p in paragraphs if p]


def _annotated(brief: Brief, by_article_sections: list[Data]) -> list[Data]:
    articles = {a.id: a for a in brief.articles}
    out = []
    for section in by_article_sections:
        article = articles[section["article"]["id"]]
        notes, marks = [], []
        for number, p in enumerate(section["passages"], 1):
            if p["start"] is not None and p["end"] is not None:
                marks.append((p["start"], p["end"], number))
            notes.append({"number": number, **p})
        out.append(
            {
                **section,
                "paragraphs": _segments(article.text, marks),
                "notes": notes,
            }
        )
    return out


# The names a template sees at its top level.
NAMES = frozenset(
    {
        "brief",
        "articles",
        "sections",
        "orphans",
        "by_article",
        "by_article_orphans",
        "by_tag",
        "by_tag_orphans",
        "annotated",
        "headings",
    }
)


def brief_data(brief: Brief, names: Collection[str] | None = None) -> Data:
    """The whole model a template sees (documented in docs/templates.md); with `names`, only
    those parts of it (a template that never reads the annotated article does not pay for
    laying out every article's whole text). The same parts come out the same either way."""
    wanted = NAMES if names is None else NAMES & set(names)
    build = _Builder(brief)
    made: Data = {}

    def grouping(name: str) -> tuple[list[Data], list[Data]]:
        """by_article or by_tag, with its orphans: each block id counted within it."""
        key = "article" if name == "by_article" else "tag"
        if key not in made:
            ids = _Ids()
            groups = build.sections(by_article(brief) if key == "article" else by_tag(brief), ids)
            made[key] = (groups, build.orphans(brief, ids))
        return made[key]

    layout = "by_tag" if brief.layout == "tag" else "by_article"
    cited = cited_articles(brief)
    data: Data = {
        "brief": {
            "title": brief.title,
            "generated": brief.generated,
            "generator": GENERATOR,
            "layout": str(brief.layout),
            "scope": brief.scope.as_filters(),
            "counts": {
                "articles": len(cited),
                "passages": len(brief.passages),
                "orphaned": sum(1 for p in brief.passages if p.orphaned),
            },
        }
    }
    if "articles" in wanted:
        data["articles"] = [_article(a) for a in cited]
    if "sections" in wanted:
        data["sections"] = grouping(layout)[0]
    if "orphans" in wanted:
        data["orphans"] = grouping(layout)[1]
    for name in ("by_article", "by_tag"):
        if name in wanted:
            data[name] = grouping(name)[0]
        if f"{name}_orphans" in wanted:
            data[f"{name}_orphans"] = grouping(name)[1]
    if "annotated" in wanted:
        data["annotated"] = _annotated(brief, grouping("by_article")[0])
    if "headings" in wanted:
        data["headings"] = {"untagged": UNTAGGED, "orphans": ORPHANS_HEADING}
    return data


def table_rows(data: Data) -> list[Data]:
    """One entry a passage (article order, reading order, orphans last): the CSV's rows."""
    rows = [p for s in data["by_article"] for p in s["passages"]]
    return rows + [p for g in data["by_article_orphans"] for p in g["passages"]]
