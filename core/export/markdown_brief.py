"""The brief as Markdown: YAML front matter, then sections by article or by tag, then the
orphaned highlights.

Each passage is a block quote of its exact text, followed by its block id on a line of its own
(where Obsidian expects one after a quote: `^h123`, the highlight's id, so exporting again
gives the same text and links into the brief keep working), then a list with its source,
colour, tags and note. A passage shown twice (two tags) gets `^h123-2` the second time. Given
the same Brief the output is byte-identical; only Brief.generated changes between runs.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from core.export.brief import (
    ORPHANS_HEADING,
    Brief,
    Layout,
    Passage,
    Section,
    SourceArticle,
    by_article,
    by_tag,
    cited_articles,
    orphans,
)
from core.export.markdown_escape import (
    autolink,
    escape_line,
    note_block,
    quote_block,
    tag_ref,
    yaml_value,
)

GENERATOR = "Postil"


def front_matter(brief: Brief) -> list[str]:
    orphaned = sum(1 for p in brief.passages if p.orphaned)
    lines = [
        "---",
        f"title: {yaml_value(brief.title)}",
        f"generated: {yaml_value(brief.generated)}",
        f"generator: {yaml_value(GENERATOR)}",
        f"layout: {yaml_value(str(brief.layout))}",
        "filters:",
    ]
    lines += [f"  {key}: {yaml_value(value)}" for key, value in brief.scope.as_filters().items()]
    lines += [
        "counts:",
        f"  articles: {len(cited_articles(brief))}",
        f"  passages: {len(brief.passages)}",
        f"  orphaned: {orphaned}",
        "---",
    ]
    return lines


def _date(value: str | None) -> str | None:
    return value[:10] if value else None


def source_details(article: SourceArticle) -> list[str]:
    """Where an article came from, as a list: enough to find it again without Postil."""
    rows = [
        ("Site", escape_line(article.site) if article.site else None),
        ("Byline", escape_line(article.byline) if article.byline else None),
        ("Published", _date(article.published)),
        ("Source", autolink(article.url) if article.url else None),
        ("Captured", _date(article.captured)),
    ]
    return [f"- **{label}:** {value}" for label, value in rows if value]


def citation(article: SourceArticle) -> str:
    """One line naming a passage's article, for layouts where it is not the section."""
    parts = [escape_line(article.title)]
    parts += [escape_line(article.site)] if article.site else []
    parts.append(article.date)
    if article.url:
        parts.append(autolink(article.url))
    return " · ".join(parts)


class _Ids:
    """Block ids: ^h<id> the first time a passage appears, ^h<id>-<n> after that."""

    def __init__(self) -> None:
        self._seen: dict[int, int] = {}

    def next(self, passage_id: int) -> str:
        count = self._seen.get(passage_id, 0) + 1
        self._seen[passage_id] = count
        return f"h{passage_id}" if count == 1 else f"h{passage_id}-{count}"


@lru_cache(maxsize=64)
def _colour_line(color: str, meaning: str) -> str:
    colour = escape_line(color)
    if meaning.strip():
        colour += f" — {escape_line(meaning.strip())}"
    return f"- **Colour:** {colour}"


def passage_lines(passage: Passage, block_id: str, cited: str | None) -> list[str]:
    """A passage; cited is its article's citation line, for layouts mixing articles."""
    lines = [quote_block(passage.quote), "", f"^{block_id}", ""]
    if cited is not None:
        lines.append(cited)
    lines.append(_colour_line(passage.color, passage.color_meaning))
    if passage.tags:
        lines.append(f"- **Tags:** {' '.join(tag_ref(t) for t in passage.tags)}")
    if passage.orphaned:
        lines.append("- **Status:** orphaned — this text is no longer found in the article")
    if passage.note.strip():
        lines += ["- **Note:**", "", note_block(passage.note)]
    lines.append("")
    return lines


def _section(section: Section, ids: _Ids, citations: dict[int, str] | None) -> list[str]:
    lines = [f"## {escape_line(section.heading)}", ""]
    if section.article is not None:
        details = source_details(section.article)
        lines += [*details, ""] if details else []
    for p in section.passages:
        cited = citations[p.article_id] if citations is not None else None
        lines += passage_lines(p, ids.next(p.id), cited)
    return lines


def _sources(articles: Iterable[SourceArticle]) -> list[str]:
    lines = ["## Sources", ""]
    for article in articles:
        lines += [f"### {escape_line(article.title)}", ""]
        details = source_details(article)
        lines += [*details, ""] if details else []
    return lines


def _orphans(brief: Brief, ids: _Ids) -> list[str]:
    groups = orphans(brief)
    if not groups:
        return []
    lines = [f"## {ORPHANS_HEADING}", ""]
    for group in groups:
        lines += [f"### {escape_line(group.article.title)}", ""]
        for p in group.passages:
            lines += passage_lines(p, ids.next(p.id), None)
    return lines


def render_markdown(brief: Brief) -> str:
    """The whole brief; ends with exactly one newline."""
    ids = _Ids()
    lines = [*front_matter(brief), "", f"# {escape_line(brief.title)}", ""]
    if not brief.passages:
        lines += ["No passages match these choices.", ""]
    if brief.layout is Layout.TAG:
        citations = {a.id: f"- **From:** {citation(a)}" for a in brief.articles}
        for section in by_tag(brief):
            lines += _section(section, ids, citations)
    else:
        for section in by_article(brief):
            lines += _section(section, ids, None)
    lines += _orphans(brief, ids)
    if brief.layout is Layout.TAG and brief.passages:
        lines += _sources(cited_articles(brief))
    return "\n".join(lines).rstrip("\n") + "\n"
