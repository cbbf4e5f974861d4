"""Progress of a batch import (bar and Cancel), then what was imported, already there,
made a new version of an article (another capture of it) or refused, and why."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QWidget

from storage.importing import ImportReport
from storage.records import AddOutcome
from ui.common.events import LibraryEvents
from ui.common.operations import LibraryOp
from ui.importing.batch import Preparing, import_changes, import_work, replace_work
from ui.importing.op_dialog import OpReportDialog


def _moved(outcome: AddOutcome) -> str:
    """What became of the highlights of an article that got a new text."""
    if not outcome.highlights:
        return ""
    moved = f"{outcome.highlights} highlight{'s' if outcome.highlights != 1 else ''} moved"
    if outcome.orphaned:
        moved += f", {outcome.orphaned} to re-attach"
    return f" ({moved})"


def _line(report: ImportReport) -> str:
    outcome = report.outcome
    name = report.path.name
    if outcome is None:
        return f"Failed: {name}: {report.error}"
    title = f"“{outcome.title}”"
    if outcome.status == "exists":
        return f"Already there: {name} ({title})"
    if outcome.status == "updated":
        return f"New version: {name} ({title}){_moved(outcome)}"
    if outcome.status == "version" and not outcome.current:
        return f"Older version of {title}: {name} (the better-structured capture stays current)"
    if outcome.status == "version":
        return f"New version of {title}{_moved(outcome)}: {name}"
    return f"Imported: {name} ({title})"


_ORDER = {None: 0, "exists": 1, "updated": 2, "version": 2, "added": 3}  # failures first


def summary_lines(reports: list[ImportReport]) -> tuple[str, list[str]]:
    def status(report: ImportReport) -> str | None:
        return report.outcome.status if report.outcome else None

    counts = {key: sum(status(r) == key for r in reports) for key in _ORDER}
    parts = [f"{counts['added']} imported"]
    if counts["version"]:
        parts.append(f"{counts['version']} added as a version of an article already there")
    if counts["updated"]:
        parts.append(f"{counts['updated']} updated to a new version")
    if counts["exists"]:
        parts.append(f"{counts['exists']} already in the library")
    if counts[None]:
        parts.append(f"{counts[None]} failed")
    lines = [_line(r) for r in sorted(reports, key=lambda r: _ORDER.get(status(r), 3))]
    return ", ".join(parts) + ".", lines


class ImportProgressDialog(OpReportDialog):
    """Signals: finished_import(list) with every ImportReport once the batch is over."""

    def __init__(
        self,
        *,
        library_path: Path,
        paths: list[Path],
        version_of: int | None = None,
        events: LibraryEvents | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """version_of: paths is one file, another capture of that article, to import as its
        new current version (Replace with Another Capture)."""
        super().__init__(
            title="Importing" if version_of is None else "Replacing with Another Capture",
            first_words="Looking for articles…",
            details_name="importDetails",
            parent=parent,
        )
        self.setObjectName("importDialog")
        self.setMinimumWidth(520)
        self.total = 0  # known once the worker has walked the folders
        self.bar.setRange(0, 0)  # busy until the total is known
        self._library_path = library_path
        self.run_op(
            LibraryOp(
                work=import_work(list(paths))
                if version_of is None
                else replace_work(paths[0], version_of),
                library_path=library_path,
                events=events,
                changes=import_changes,
                label="Import",
                quiet=True,  # a library that cannot be opened is said in the report, below
                parent=self,
            )
        )

    @Slot(object)
    def _on_op_failed(self, exc: object) -> None:
        self._on_op_finished([ImportReport(self._library_path, None, exc)])

    @Slot(int, int, object)
    def _on_op_progressed(self, done: int, total: int, report: object) -> None:
        if report is None:  # the folders are walked: the total is known
            self.total = total
            self.bar.setRange(0, max(1, total))
            self.label.setText(f"Importing {total} file(s)…")
            return
        if isinstance(report, Preparing):  # once, in a library from before near-duplicates
            self.bar.setRange(0, max(1, report.total))
            self.bar.setValue(report.done)
            self.label.setText(
                f"Reading {report.done:,} of {report.total:,} older articles once, to "
                "recognise new captures of them…"
            )
            return
        assert isinstance(report, ImportReport)
        self.bar.setRange(0, max(1, self.total))
        self.bar.setValue(done)
        self.label.setText(f"Imported {done} of {self.total}: {report.path.name}")

    @Slot(object)
    def _on_op_finished(self, reports: list) -> None:
        headline, lines = summary_lines(reports)
        if self._cancelled and len(reports) < self.total:
            headline += f" Cancelled: {self.total - len(reports)} file(s) not imported."
        self.bar.setValue(self.bar.maximum())
        self.show_report(reports, headline, lines)
