"""Print and save as PDF with the highlights visible: the view's highlights are extra
selections (not in the document), so the printed copy gets them as real backgrounds."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QWidget

from ui.reader.article_view import ArticleView


def printable_document(view: ArticleView) -> QTextDocument:
    doc = view.document().clone()
    root = doc.rootFrame()
    fmt = root.frameFormat()
    fmt.setLeftMargin(0)
    fmt.setRightMargin(0)
    fmt.setTopMargin(0)
    root.setFrameFormat(fmt)
    for start, end, _annotation_id, name in view.highlight_ranges():
        cursor = QTextCursor(doc)
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        char = QTextCharFormat()
        color = view.theme.highlight(name)
        color.setAlpha(255 if color.alpha() == 255 else min(255, color.alpha() + 60))
        char.setBackground(color)
        cursor.mergeCharFormat(char)
    return doc


def _printer(
    resolution_hint: QPrinter.PrinterMode = QPrinter.PrinterMode.HighResolution,
) -> QPrinter:
    printer = QPrinter(resolution_hint)
    printer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(18, 18, 18, 18),
            QPageLayout.Unit.Millimeter,
        )
    )
    return printer


def save_pdf(view: ArticleView, path: Path) -> bool:
    """True when the PDF was written (Qt only logs a painter that could not open the file)."""
    printer = _printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    if view.article is not None:
        printer.setDocName(view.article.title)
    printable_document(view).print_(printer)
    return path.is_file() and path.stat().st_size > 0


def print_with_dialog(view: ArticleView, *, parent: QWidget | None = None) -> None:
    printer = _printer()
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle("Print article")
    if dialog.exec() == QPrintDialog.DialogCode.Accepted:
        printable_document(view).print_(printer)
