"""Progress of a batch import (bar and Cancel), then what was imported, already there or
refused, and why."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from storage.importing import ImportReport
from ui.common.events import LibraryEvents
from ui.common.operations import LibraryOp
from ui.importing.batch import import_changes, import_work


def summary_lines(reports: list[ImportReport]) -> tuple[str, list[str]]:
    added = [r for r in reports if r.outcome and r.outcome.status == "added"]
    updated = [r for r in reports if r.outcome and r.outcome.status == "updated"]
    exists = [r for r in reports if r.outcome and r.outcome.status == "exists"]
    failed = [r for r in reports if r.outcome is None]
    parts = [f"{len(added)} imported"]
    if updated:
        parts.append(f"{len(updated)} updated to a new version")
    if exists:
        parts.append(f"{len(exists)} already in the library")
    if failed:
        parts.append(f"{len(failed)} failed")
    lines = [f"Failed: {r.path.name}: {r.error}" for r in failed]
    lines += [f"Already there: {r.path.name} (“{r.outcome.title}”)" for r in exists]
    lines += [f"New version: {r.path.name} (“{r.outcome.title}”)" for r in updated]
    lines += [f"Imported: {r.path.name} (“{r.outcome.title}”)" for r in added]
    return ", ".join(parts) + ".", lines


class ImportProgressDialog(QDialog):
    """Signals: finished_import(list) with every ImportReport once the batch is over."""

    finished_import = Signal(list)

    def __init__(
        self,
        *,
        library_path: Path,
        paths: list[Path],
        events: LibraryEvents | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("importDialog")
        self.setWindowTitle("Importing")
        self.setMinimumWidth(520)
        self.total = 0  # known once the worker has walked the folders
        self.reports: list[ImportReport] = []
        self.label = QLabel("Looking for articles…", self)
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 0)  # busy until the total is known
        self.details = QPlainTextEdit(self)
        self.details.setReadOnly(True)
        self.details.setObjectName("importDetails")
        self.details.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.rejected.connect(self._on_cancel)
        self.buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.details, 1)
        layout.addWidget(self.buttons)
        self._op = LibraryOp(
            work=import_work(list(paths)),
            library_path=library_path,
            events=events,
            changes=import_changes,
            label="Import",
            quiet=True,  # a library that cannot be opened is said in the report, below
            parent=self,
        )
        self._op.progressed.connect(self._on_op_progressed)
        self._op.succeeded.connect(self._on_op_finished)
        self._op.failed.connect(
            lambda exc: self._on_op_finished([ImportReport(library_path, None, exc)])
        )
        self._running = False
        self._cancelled = False

    def start(self) -> None:
        self._running = True
        self.show()
        self._op.run()

    def cancel_and_wait(self) -> None:
        if self._running:
            self._cancelled = True
            self._op.cancel()
            self._op.wait()

    @Slot()
    def _on_cancel(self) -> None:
        if self._running:
            self._cancelled = True
            self._op.cancel()
            self.label.setText("Cancelling after the current file…")
            self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setEnabled(False)
        else:
            self.reject()

    @Slot(int, int, object)
    def _on_op_progressed(self, done: int, total: int, report: ImportReport | None) -> None:
        if report is None:  # the folders are walked: the total is known
            self.total = total
            self.bar.setRange(0, max(1, total))
            self.label.setText(f"Importing {total} file(s)…")
            return
        self.bar.setValue(done)
        self.label.setText(f"Imported {done} of {self.total}: {report.path.name}")

    @Slot(object)
    def _on_op_finished(self, reports: list) -> None:
        self._running = False
        self.reports = reports
        headline, lines = summary_lines(reports)
        if self._cancelled and len(reports) < self.total:
            headline += f" Cancelled: {self.total - len(reports)} file(s) not imported."
        self.bar.setValue(self.bar.maximum())
        self.label.setText(headline)
        self.details.setPlainText("\n".join(lines))
        self.details.show()
        self.buttons.clear()
        self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.buttons.button(QDialogButtonBox.StandardButton.Close).clicked.connect(self.accept)
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setFocus(
            Qt.FocusReason.OtherFocusReason
        )
        self.finished_import.emit(reports)
