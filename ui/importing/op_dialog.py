"""The dialog both imports share: a library operation's progress (a bar, Cancel between
steps), then its report in the same window (a headline, one line per file, Close)."""

from __future__ import annotations

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

from ui.common.operations import LibraryOp


class OpReportDialog(QDialog):
    """Subclasses make their LibraryOp, hand it to run_op(), say progress in their own words
    and end with show_report(). Signals: finished_import(list) with the operation's reports
    once it is over."""

    finished_import = Signal(list)
    CANCELLING = "Cancelling after the current file…"

    def __init__(
        self, *, title: str, first_words: str, details_name: str, parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.reports: list = []
        self.total = 0
        self.label = QLabel(first_words, self)
        self.label.setWordWrap(True)
        self.bar = QProgressBar(self)
        self.details = QPlainTextEdit(self)
        self.details.setReadOnly(True)
        self.details.setObjectName(details_name)
        self.details.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.rejected.connect(self._on_cancel)
        self.buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.details, 1)
        layout.addWidget(self.buttons)
        self._op: LibraryOp | None = None
        self._running = False
        self._cancelled = False

    def run_op(self, op: LibraryOp) -> None:
        """The operation this dialog shows; its progress and end come to the subclass."""
        self._op = op
        op.progressed.connect(self._on_op_progressed)
        op.succeeded.connect(self._on_op_finished)
        op.failed.connect(self._on_op_failed)

    def start(self) -> None:
        assert self._op is not None
        self._running = True
        self.show()
        self._op.run()

    def cancel_and_wait(self) -> None:
        if self._running and self._op is not None:
            self._cancelled = True
            self._op.cancel()
            self._op.wait()

    @Slot()
    def _on_cancel(self) -> None:
        if self._running and self._op is not None:
            self._cancelled = True
            self._op.cancel()
            self.label.setText(self.CANCELLING)
            self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setEnabled(False)
        else:
            self.reject()

    def _on_op_progressed(self, done: int, total: int, payload: object) -> None:
        raise NotImplementedError

    def _on_op_finished(self, reports: list) -> None:
        raise NotImplementedError

    def _on_op_failed(self, exc: object) -> None:
        raise NotImplementedError

    def show_report(self, reports: list, headline: str, lines: list[str]) -> None:
        """The end: the headline where the progress was said, the lines below, Close."""
        self._running = False
        self.reports = reports
        self.label.setText(headline)
        self.details.setPlainText("\n".join(lines))
        self.details.show()
        self.resize(self.width(), max(self.height(), self.sizeHint().height()))
        self.buttons.clear()
        close = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.clicked.connect(self.accept)
        close.setFocus(Qt.FocusReason.OtherFocusReason)
        self.finished_import.emit(reports)
