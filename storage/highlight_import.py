"""Highlights from other tools (Hypothesis, Omnivore, Readwise) attached to the library.

core.highlight_imports reads an export into plain records; here each record finds its
article (by address, normalised; Readwise by title, having none), its quote is anchored on
the article's canonical text by core.anchoring, as a highlight re-anchored after a new
version is, and it is stored as an annotation with its note, tags, colour and date:

- a quote that occurs once in the text is placed there; one that occurs more than once, or
  not exactly, goes through re-anchoring (the tool's context and position as evidence, the
  fuzzy search for a passage edited since), and is an orphan when its passage is not found,
  kept with its quote to be re-attached in the window, as re-anchoring leaves orphans;
- a record whose article is not in the library is skipped and its article named;
- the same passage already highlighted on the article is not added again: importing the same
  export twice changes nothing the second time.

Each article's highlights are written in one transaction (nothing half-written), so a
failure on one article is one line of the report and the others still land. An Omnivore
archive's saved pages are imported first (each in its own transaction, as any import),
through the saved-page importer with the address from the archive's metadata.
"""

from __future__ import annotations

import sqlite3
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from core.anchoring.reanchor import AnchorResult
from core.article import ImportedArticle
from core.highlight_imports import HighlightExport, HighlightRecord, read_export
from core.highlight_imports.records import ExportedArticle
from core.highlight_imports.urls import normalize_title, normalize_url
from core.importers.errors import ImportRefused
from storage.clock import now_iso
from storage.errors import LibraryError
from storage.library import Library
from storage.library_files import same_file
from storage.records import AddOutcome
from storage.tags import clean_tag
from storage.transaction import transaction

# Colours other tools use that this library names otherwise.
COLOR_ALIASES = {"pink": "red", "orange": "yellow", "gold": "yellow", "violet": "purple"}
MAX_REPORTED = 200  # lines of missing articles and refusals kept in a report

Progress = Callable[[int, int, str], None]


@dataclass(slots=True)
class HighlightImportReport:
    """What importing one export file did: counts, and one line per refusal."""

    path: Path
    tool: str = ""
    attached: int = 0  # placed on their article's text
    orphaned: int = 0  # stored, their passage not found: to re-attach in the window
    skipped: int = 0  # no article in the library matches
    duplicates: int = 0  # already on the article (the same export imported before)
    articles_added: int = 0  # saved pages the export carried, newly imported
    refusals: list[str] = field(default_factory=list)  # entries and articles not imported
    missing: list[str] = field(default_factory=list)  # articles the library does not have
    error: str | None = None  # the whole file was refused
    added_ids: set[int] = field(default_factory=set)  # articles imported (or a new version)
    annotated: set[int] = field(default_factory=set)  # articles that got highlights

    @property
    def imported(self) -> int:
        return self.attached + self.orphaned

    def summary(self) -> str:
        if self.error is not None:
            return f"{self.path.name}: refused: {self.error}"
        parts = [
            f"{self.attached} attached",
            f"{self.orphaned} orphaned",
            f"{self.skipped} not in the library",
        ]
        if self.duplicates:
            parts.append(f"{self.duplicates} already there")
        if self.articles_added:
            noun = "article" if self.articles_added == 1 else "articles"
            parts.append(f"{self.articles_added} {noun} imported")
        if self.refusals:
            parts.append(f"{len(self.refusals)} refused")
        tool = {"hypothesis": "Hypothesis", "omnivore": "Omnivore", "readwise": "Readwise"}
        return f"{self.path.name} ({tool.get(self.tool, self.tool)}): " + ", ".join(parts)

    def as_json(self) -> dict[str, Any]:
        return {
            "file": str(self.path),
            "tool": self.tool or None,
            "status": "refused" if self.error is not None else "imported",
            "error": self.error,
            "attached": self.attached,
            "orphaned": self.orphaned,
            "skipped": self.skipped,
            "duplicates": self.duplicates,
            "articles_added": self.articles_added,
            "refusals": list(self.refusals),
            "missing": list(self.missing),
        }


@dataclass(frozen=True, slots=True)
class _Target:
    id: int
    version: int
    text: str


class _Index:
    """The library's articles by normalised address and by title (oldest first)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        self.by_url: dict[str, int] = {}
        self.by_title: dict[str, int] = {}
        for article_id, url, title in conn.execute(
            "SELECT id, url, title FROM articles ORDER BY id"
        ):
            key = normalize_url(url)
            if key:
                self.by_url.setdefault(key, article_id)
            name = normalize_title(title)
            if name:
                self.by_title.setdefault(name, article_id)

    def find(self, record: HighlightRecord, *, by_title: bool) -> int | None:
        key = normalize_url(record.url)
        if key and key in self.by_url:
            return self.by_url[key]
        if by_title:
            name = normalize_title(record.title)
            if name and name in self.by_title:
                return self.by_title[name]
        return None

    def target(self, article_id: int) -> _Target | None:
        row = self._conn.execute(
            "SELECT id, version, text FROM articles WHERE id = ?", [article_id]
        ).fetchone()
        return _Target(*row) if row else None


def _unique_place(text: str, record: HighlightRecord) -> AnchorResult | None:
    """The quote's place when it occurs exactly once in the text, else None."""
    from core.anchoring import AnchoringError, QuoteNotFound, describe
    from core.anchoring.locate import find_occurrences

    found: list[tuple[int, int]] = []
    try:
        for occurrence in find_occurrences(text, record.exact):
            found.append(occurrence)
            if len(found) > 1:
                return None
        if not found:
            return None
        selector = describe(text, *found[0])
    except (QuoteNotFound, AnchoringError):
        return None
    assert selector.start is not None and selector.end is not None
    return AnchorResult(
        "anchored", selector.start, selector.end, selector.quote, selector.prefix, selector.suffix
    )


def place_all(text: str, records: list[HighlightRecord]) -> list[AnchorResult]:
    """Where each record's quote lies in the article's text, or an orphan, in order. A quote
    found exactly once is its place; the others are re-anchored together (one diff of the
    text), the tool's context and position as the evidence, as for a text of unknown origin."""
    from core.anchoring import TextSelector, reanchor_many

    placed: list[AnchorResult | None] = [_unique_place(text, r) for r in records]
    rest = [i for i, found in enumerate(placed) if found is None]
    if rest:
        selectors = [
            TextSelector(
                quote=records[i].exact,
                prefix=records[i].prefix,
                suffix=records[i].suffix,
                start=records[i].start,
                end=records[i].end,
            )
            for i in rest
        ]
        for i, result in zip(rest, reanchor_many(text, text, selectors), strict=True):
            placed[i] = _checked(text, records[i], result)
    return [found for found in placed if found is not None]


def _checked(text: str, record: HighlightRecord, result: AnchorResult) -> AnchorResult:
    """Re-anchoring's answer, kept only when the text at the place is the quote; a place
    found exactly or through the tool's context is "anchored", an approximate one "fuzzy"."""
    holds = (
        result.start is not None
        and result.end is not None
        and text[result.start : result.end] == result.quote
    )
    if result.status == "orphaned" or not holds:
        return AnchorResult("orphaned", None, None, record.exact, record.prefix, record.suffix)
    status = "fuzzy" if result.status == "fuzzy" else "anchored"
    return AnchorResult(
        status, result.start, result.end, result.quote, result.prefix, result.suffix
    )


def place(text: str, record: HighlightRecord) -> AnchorResult:
    """One record's place (see place_all)."""
    return place_all(text, [record])[0]


def _created(value: str | None, now: str) -> str:
    """The tool's date as the library stores dates (ISO 8601, UTC), else now."""
    if not value:
        return now
    text = value.strip().replace("Z", "+00:00").replace(" ", "T", 1)
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return now
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).replace(microsecond=0).isoformat()


def _tags(names: tuple[str, ...]) -> list[str]:
    out = []
    for name in names:
        try:
            out.append(clean_tag(name))
        except LibraryError:
            continue  # a tag with no letter cannot exist here; the passage still comes in
    return out


def _color(value: str | None, colors: set[str]) -> str:
    if not value:
        return "yellow"
    name = value.strip().lower()
    name = COLOR_ALIASES.get(name, name)
    return name if name in colors else "yellow"


def _exists(conn: sqlite3.Connection, article_id: int, place: AnchorResult) -> bool:
    return (
        conn.execute(
            "SELECT 1 FROM annotations WHERE article_id = ? AND quote = ? "
            'AND start IS ? AND "end" IS ? LIMIT 1',
            [article_id, place.quote, place.start, place.end],
        ).fetchone()
        is not None
    )


def _import_articles(
    library: Library,
    export: HighlightExport,
    report: HighlightImportReport,
    *,
    cancelled: Callable[[], bool],
    progress: Progress | None,
) -> None:
    """The saved pages the export carries, through the batch import every file goes through
    (worker processes, a time limit, a crash costing one page): each page is written to a
    temporary folder, parsed there as a saved .html page, given the address and title its
    metadata names, and stored in its own transaction."""
    from core.importers.batch import parse_paths

    total = len(export.articles) + 1
    with tempfile.TemporaryDirectory(prefix="postil-highlights-") as folder:
        pages: dict[Path, ExportedArticle] = {}
        for n, exported in enumerate(export.articles):
            path = Path(folder) / f"{n}.html"
            path.write_bytes(_saved_from(exported.url) + exported.html)
            pages[path] = exported
        for done, (path, parsed) in enumerate(parse_paths(list(pages), cancelled=cancelled), 1):
            exported = pages[path]
            if progress is not None:
                progress(done, total, f"Imported {exported.title}")
            if isinstance(parsed, ImportRefused):
                _refuse(report, f"{exported.name}: {parsed}")
                continue
            article = replace(
                parsed,
                url=exported.url or parsed.url,
                title=parsed.title or exported.title,
                byline=parsed.byline or exported.author,
                source_name=exported.name.rsplit("/", 1)[-1],
            )
            try:
                outcome = _store(library, article)
            except (ImportRefused, LibraryError) as exc:
                _refuse(report, f"{exported.name}: {exc}")
                continue
            if outcome.status != "exists":
                report.articles_added += 1
                report.added_ids.add(outcome.article_id)


def _saved_from(url: str | None) -> bytes:
    """The mark a browser leaves on a saved page, so that the page's relative links resolve
    against its address as they do for any saved page (core.importers.html_meta)."""
    if not url or "--" in url or any(ch.isspace() for ch in url):
        return b""
    return f"<!-- saved from url=({len(url):04d}){url} -->\n".encode()


def _store(library: Library, article: ImportedArticle) -> AddOutcome:
    try:
        return library.articles.add(article)
    except sqlite3.Error as exc:  # locked, full, read-only: this page, not the export
        from storage.integrity import explain_write_error

        raise LibraryError(explain_write_error(exc) or str(exc)) from None


def _refuse(report: HighlightImportReport, line: str) -> None:
    if len(report.refusals) < MAX_REPORTED:
        report.refusals.append(line)
    elif len(report.refusals) == MAX_REPORTED:
        report.refusals.append("… and more")


def attach_export(
    library: Library,
    export: HighlightExport,
    report: HighlightImportReport,
    *,
    cancelled: Callable[[], bool] = lambda: False,
    progress: Progress | None = None,
) -> HighlightImportReport:
    """Import the export's articles, then attach its highlights, one article at a time."""
    report.tool = export.tool
    for problem in export.problems:
        _refuse(report, problem)
    steps = len(export.articles) + 1
    if export.articles:
        if progress is not None:
            progress(0, steps, f"Importing {len(export.articles)} saved article(s)")
        _import_articles(library, export, report, cancelled=cancelled, progress=progress)
    if cancelled():
        _refuse(report, "cancelled: the highlights were not imported")
        return report
    if progress is not None:
        progress(steps - 1, steps, "Attaching highlights")
    index = _Index(library.conn)
    by_title = export.tool == "readwise"
    groups: dict[int, list[HighlightRecord]] = {}
    missing: dict[str, None] = {}
    for record in export.records:
        article_id = index.find(record, by_title=by_title)
        if article_id is None:
            report.skipped += 1
            missing[record.article_label] = None
        else:
            groups.setdefault(article_id, []).append(record)
    report.missing = list(missing)[:MAX_REPORTED]
    colors = {c.name for c in library.colors.all()}
    for article_id, records in groups.items():
        if cancelled():
            _refuse(report, "cancelled: the rest of the highlights were not imported")
            break
        try:
            _attach_to_article(library, index, article_id, records, colors, report)
        except (LibraryError, ImportRefused) as exc:
            _refuse(report, f"{records[0].article_label}: {exc}")
        except sqlite3.Error as exc:
            from storage.integrity import explain_write_error

            _refuse(report, f"{records[0].article_label}: {explain_write_error(exc) or exc}")
    if progress is not None:
        progress(steps, steps, "Done")
    return report


def _attach_to_article(
    library: Library,
    index: _Index,
    article_id: int,
    records: list[HighlightRecord],
    colors: set[str],
    report: HighlightImportReport,
) -> None:
    """One article's highlights, in one transaction: all of them land, or none."""
    conn = library.conn
    now = now_iso()
    rows: list[dict[str, object]] = []
    tags: list[list[str]] = []
    counts = {"attached": 0, "orphaned": 0, "duplicates": 0}
    with transaction(conn):
        target = index.target(article_id)
        if target is None:  # deleted meanwhile (another process)
            report.skipped += len(records)
            return
        pending: set[tuple[object, ...]] = set()
        for record, found in zip(records, place_all(target.text, records), strict=True):
            key = (found.quote, found.start, found.end)
            if key in pending or _exists(conn, target.id, found):
                counts["duplicates"] += 1
                continue
            pending.add(key)
            created = _created(record.created, now)
            rows.append(
                {
                    "article_id": target.id,
                    "version": target.version,
                    "quote": found.quote,
                    "prefix": found.prefix,
                    "suffix": found.suffix,
                    "start": found.start,
                    "end": found.end,
                    "status": found.status,
                    "color": _color(record.color, colors),
                    "note": record.note,
                    "created": created,
                    "updated": created,
                }
            )
            tags.append(_tags(record.tags))
            counts["orphaned" if found.start is None else "attached"] += 1
        if rows:
            library.annotations.add_rows(rows, tags)
    report.attached += counts["attached"]
    report.orphaned += counts["orphaned"]
    report.duplicates += counts["duplicates"]
    if rows:
        report.annotated.add(article_id)


def import_highlight_file(
    library: Library,
    path: Path,
    *,
    cancelled: Callable[[], bool] = lambda: False,
    progress: Progress | None = None,
) -> HighlightImportReport:
    """Read and attach one export file; a file that cannot be read is the report's error."""
    path = Path(path)
    report = HighlightImportReport(path)
    if same_file(path, library.path):  # reading it would drop this process's locks
        report.error = "this is the library itself"
        return report
    try:
        export = read_export(path)
    except ImportRefused as exc:
        report.error = str(exc)
        return report
    return attach_export(library, export, report, cancelled=cancelled, progress=progress)
