"""File ▸ Import Highlights…: exports of Hypothesis, Omnivore and Readwise attached to the
library off the UI thread (a LibraryOp), with a progress bar, Cancel between files and
articles, and a report: per file what was attached, orphaned (to re-attach in the
annotations pane) and skipped, and one line per refusal. What it changed goes out as
Changes, so the list, the open article and its highlights refresh themselves."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from storage.changes import Changes
from storage.highlight_import import HighlightImportReport, import_highlight_file
from storage.library import Library
from ui.common.events import LibraryEvents
from ui.common.operations import LibraryOp, Task
from ui.importing.op_dialog import OpReportDialog

HIGHLIGHT_FILTER = (
    "Highlight exports (*.json *.csv *.zip);;Hypothesis JSON (*.json);;Omnivore export (*.zip)"
    ";;Readwise CSV (*.csv);;All files (*)"
)


REPORT_LINES = 8  # the report shows this many lines before it scrolls


def _lines_high(edit: QPlainTextEdit, count: int) -> int:
    """The height that shows `count` lines of `edit` whole, with its frame and margins."""
    margins = edit.contentsMargins()
    document = edit.document().documentMargin()
    return int(
        edit.fontMetrics().lineSpacing() * count
        + 2 * document
        + margins.top()
        + margins.bottom()
        + 2 * edit.frameWidth()
    )


def highlights_work(paths: list[Path]) -> Callable[[Library, Task], list[HighlightImportReport]]:
    """The work: task.progress(done files, total files, step text) as it goes."""

    def work(library: Library, task: Task) -> list[HighlightImportReport]:
        reports: list[HighlightImportReport] = []
        for n, path in enumerate(paths):
            if task.cancelled():
                break

            def progress(_done: int, _total: int, step: str, n: int = n, path: Path = path):
                task.progress(n, len(paths), f"{path.name}: {step}")

            task.progress(n, len(paths), f"Reading {path.name}…")
            reports.append(
                import_highlight_file(library, path, cancelled=task.cancelled, progress=progress)
            )
            task.progress(n + 1, len(paths), reports[-1])
        return reports

    return work


def highlight_changes(reports: list[HighlightImportReport]) -> Changes:
    """Articles the exports carried, the articles that got highlights, and their tags."""
    added = {i for r in reports for i in r.added_ids}
    annotated = {i for r in reports for i in r.annotated}
    return Changes.of(articles=added, annotated=annotated, tags=bool(annotated))


def plural(count: int, word: str) -> str:
    """The count and its word: "1 highlight", "2 highlights"."""
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _counts(chosen: list[HighlightImportReport]) -> str:
    """What happened to the highlights of one file or of them all, in the same words either
    way; a count of nothing is left out, but for the attached."""
    attached = sum(r.attached for r in chosen)
    parts = [f"{plural(attached, 'highlight')} attached"]
    for count, words in (
        (sum(r.orphaned for r in chosen), "orphaned"),
        (sum(r.skipped for r in chosen), "not in the library"),
        (sum(r.duplicates for r in chosen), "already there"),
        (sum(len(r.refusals) for r in chosen), "refused"),
    ):
        if count:
            parts.append(f"{count} {words}")
    return ", ".join(parts)


def _articles(chosen: list[HighlightImportReport]) -> str:
    """The saved articles an export carried (Omnivore's), newly imported; "" for none."""
    added = sum(r.articles_added for r in chosen)
    return f"{plural(added, 'article')} imported" if added else ""


def _file_line(report: HighlightImportReport) -> str:
    if report.error is not None:
        return report.summary()  # "name: refused: why"
    tool = {"hypothesis": "Hypothesis", "omnivore": "Omnivore", "readwise": "Readwise"}
    parts = [_counts([report]), _articles([report])]
    name = f"{report.path.name} ({tool.get(report.tool, report.tool)})"
    return f"{name}: {', '.join(p for p in parts if p)}"


def report_lines(reports: list[HighlightImportReport]) -> tuple[str, list[str]]:
    """(headline, detail lines): one summary line per file, then its refusals and the
    articles the library lacks. The headline counts what the lines count, in their words."""
    read = [r for r in reports if r.error is None]
    headline = _counts(read) + "."
    if _articles(read):
        headline += f" {_articles(read)}."
    refused = sum(r.error is not None for r in reports)
    if refused:
        headline += f" {plural(refused, 'file')} refused."
    if any(r.orphaned for r in reports):
        headline += " Orphans are listed in the article's highlights, to re-attach."
    lines: list[str] = []
    for report in reports:
        lines.append(_file_line(report))
        lines += [f"    Refused: {line}" for line in report.refusals]
        lines += [f"    Not in the library: {label}" for label in report.missing]
    return headline, lines


class HighlightImportDialog(OpReportDialog):
    """Signals: finished_import(list) with every HighlightImportReport once it is over."""

    CANCELLING = "Cancelling after the current article…"

    def __init__(
        self,
        *,
        library_path: Path,
        paths: list[Path],
        events: LibraryEvents | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            title="Importing Highlights",  # "Import Highlights" once it is over
            first_words="Reading the export…",
            details_name="highlightImportDetails",
            parent=parent,
        )
        self.setObjectName("highlightImportDialog")
        self.setMinimumWidth(560)
        self.total = len(paths)
        self.bar.setRange(0, max(1, self.total))
        self.details.setMinimumHeight(_lines_high(self.details, REPORT_LINES))
        self.run_op(
            LibraryOp(
                work=highlights_work(list(paths)),
                library_path=library_path,
                events=events,
                changes=highlight_changes,
                label="Import highlights",
                quiet=True,  # a library that cannot be opened is said in the report, below
                parent=self,
            )
        )

    @Slot(int, int, object)
    def _on_op_progressed(self, done: int, total: int, payload: object) -> None:
        self.bar.setRange(0, max(1, total))
        self.bar.setValue(done)
        if isinstance(payload, str):
            self.label.setText(payload)

    @Slot(object)
    def _on_op_failed(self, exc: object) -> None:
        failed = HighlightImportReport(Path("library"))
        failed.error = str(exc)
        self._on_op_finished([failed])

    @Slot(object)
    def _on_op_finished(self, reports: list) -> None:
        headline, lines = report_lines(reports)
        if self._cancelled and len(reports) < self.total:
            headline += f" Cancelled: {plural(self.total - len(reports), 'file')} not imported."
        self.setWindowTitle("Import Highlights")
        self.bar.hide()  # the work is done: the report takes its place
        self.show_report(reports, headline, lines)
