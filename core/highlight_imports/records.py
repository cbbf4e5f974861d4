"""What every highlight export is read into: plain records, whatever tool wrote them.

A parser hands back a HighlightExport: the highlights (HighlightRecord: the article they
belong to, by URL and title, the quote with whatever context the tool kept, the note, tags,
colour and date), the articles the export carries in full (Omnivore keeps each saved page),
and one line per entry it could not read. The library (storage.highlight_import) matches
the records to articles, anchors the quotes and stores them; nothing here knows of it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from core.anchoring.units import scrub_surrogates
from core.canonical import normalize_text

MAX_QUOTE = 20_000  # code points: a longer "highlight" is a whole article, not a passage
MAX_NOTE = 100_000
MAX_TAGS = 50


@dataclass(frozen=True, slots=True)
class HighlightRecord:
    """One highlight as another tool exported it. exact is the quoted passage; prefix and
    suffix its surroundings when the tool kept them (Hypothesis does); start/end a position
    hint in the tool's own text, never trusted on its own."""

    exact: str
    url: str | None = None
    title: str | None = None
    author: str | None = None
    prefix: str = ""
    suffix: str = ""
    note: str = ""
    tags: tuple[str, ...] = ()
    color: str | None = None
    created: str | None = None  # ISO 8601 as the tool gave it
    start: int | None = None
    end: int | None = None

    @property
    def article_label(self) -> str:
        """How a report names the article this belongs to."""
        if self.title and self.url:
            return f"{self.title} <{self.url}>"
        return self.title or self.url or "an article without a title or address"


@dataclass(frozen=True, slots=True)
class ExportedArticle:
    """An article the export carries in full (an Omnivore saved page): imported before its
    highlights are attached."""

    url: str | None
    title: str
    html: bytes
    name: str  # where it was in the export, for reports ("content/slug.html")
    author: str | None = None
    tags: tuple[str, ...] = ()


@dataclass(slots=True)
class HighlightExport:
    """A parsed export: its tool ("hypothesis", "omnivore", "readwise"), the records, the
    articles it carries, and one line per entry that could not be read."""

    tool: str
    records: list[HighlightRecord] = field(default_factory=list)
    articles: list[ExportedArticle] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def clean(value: object, *, limit: int = MAX_NOTE) -> str:
    """A string field from an export, normalised like canonical text and free of lone
    surrogates (JSON may carry "\\ud800", which SQLite must never see)."""
    if value is None:
        return ""
    text = scrub_surrogates(str(value))
    return normalize_text(text)[:limit].strip()


def clean_line(value: object, *, limit: int = 1000) -> str:
    return " ".join(clean(value, limit=limit * 2).split())[:limit]


def clean_tags(values: object) -> tuple[str, ...]:
    """Tags as a list, or one comma-separated string (Readwise), each one line."""
    if isinstance(values, str):
        items: list[object] = [v for v in values.split(",")]
    elif isinstance(values, list | tuple):
        items = list(values)
    else:
        return ()
    out: list[str] = []
    for item in items[:MAX_TAGS]:
        if isinstance(item, dict):  # Omnivore labels: {"name": ...}
            item = item.get("name")
        tag = clean_line(item, limit=100).lstrip("#").strip()
        if tag and tag not in out:
            out.append(tag)
    return tuple(out)


def make_record(
    exact: object,
    *,
    url: object = None,
    title: object = None,
    author: object = None,
    prefix: object = "",
    suffix: object = "",
    note: object = "",
    tags: object = (),
    color: object = None,
    created: object = None,
    start: object = None,
    end: object = None,
) -> HighlightRecord | None:
    """A record from raw fields, cleaned; None when there is no quote to anchor."""
    quote = clean(exact, limit=MAX_QUOTE)
    if not quote:
        return None
    positions = (
        (start, end)
        if isinstance(start, int)
        and isinstance(end, int)
        and not isinstance(start, bool)
        and not isinstance(end, bool)
        and 0 <= start < end
        else (None, None)
    )
    return HighlightRecord(
        exact=quote,
        url=clean_line(url, limit=4000) or None,
        title=clean_line(title, limit=500) or None,
        author=clean_line(author, limit=300) or None,
        prefix=scrub_surrogates(str(prefix or ""))[-200:],
        suffix=scrub_surrogates(str(suffix or ""))[:200],
        note=clean(note),
        tags=clean_tags(tags),
        color=clean_line(color, limit=40).lower() or None,
        created=clean_line(created, limit=64) or None,
        start=positions[0],
        end=positions[1],
    )
