"""Print and save as PDF with the highlights visible: the view's highlights are extra
selections (not in the document), so the printed copy gets them as real backgrounds. Notes
are printed too: a numbered mark after each highlighted passage that has one, and the notes
in that order at the end. Images are scaled to the page's width."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QWidget

from ui.reader.article_view import ArticleView

PRINT_WIDTH_PT = 480  # an A4 page's text width at 18 mm margins, in points


def printable_document(view: ArticleView, notes: dict[int, str] | None = None) -> QTextDocument:
    """notes: annotation id -> its note (the highlights that have one get a numbered mark)."""
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
    _fit_images(doc, PRINT_WIDTH_PT)
    _add_endnotes(doc, view.highlight_ranges(), notes or {})
    return doc


def _fit_images(doc: QTextDocument, width: float) -> None:
    """An image wider than the page is scaled to it (an image kept at its pixel size filled
    page 1 and pushed the text to page 2)."""
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            fmt = fragment.charFormat()
            if fmt.isImageFormat():
                image = fmt.toImageFormat()
                w, h = image.width(), image.height()
                if w <= 0:  # no size given: the image's own
                    resource = doc.resource(QTextDocument.ResourceType.ImageResource, image.name())
                    if resource is not None and hasattr(resource, "width"):
                        w, h = resource.width(), resource.height()
                if w > width and w > 0:
                    image.setWidth(width)
                    image.setHeight(h * width / w if h > 0 else 0)
                    cursor = QTextCursor(doc)
                    cursor.setPosition(fragment.position())
                    cursor.setPosition(
                        fragment.position() + fragment.length(), QTextCursor.MoveMode.KeepAnchor
                    )
                    cursor.setCharFormat(image)
            it += 1
        block = block.next()


def _add_endnotes(
    doc: QTextDocument, ranges: list[tuple[int, int, int, str]], notes: dict[int, str]
) -> None:
    """A superscript number after each noted passage, in text order, and the notes at the end."""
    noted = sorted(
        (start, end, aid) for start, end, aid, _c in ranges if notes.get(aid, "").strip()
    )
    if not noted:
        return
    mark = QTextCharFormat()
    mark.setVerticalAlignment(QTextCharFormat.VerticalAlignment.AlignSuperScript)
    for number, (_start, end, _aid) in reversed(list(enumerate(noted, start=1))):
        cursor = QTextCursor(doc)
        cursor.setPosition(end)
        cursor.insertText(f"[{number}]", mark)
    cursor = QTextCursor(doc)
    cursor.movePosition(QTextCursor.MoveOperation.End)
    heading = QTextCharFormat()
    heading.setFontWeight(700)
    cursor.insertBlock()
    cursor.insertBlock()
    cursor.insertText("Notes", heading)
    for number, (_start, _end, aid) in enumerate(noted, start=1):
        cursor.insertBlock()
        cursor.insertText(f"[{number}] {notes[aid].strip()}", QTextCharFormat())


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


def save_pdf(view: ArticleView, path: Path, notes: dict[int, str] | None = None) -> bool:
    """True when the PDF was written (Qt only logs a painter that could not open the file)."""
    printer = _printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    if view.article is not None:
        printer.setDocName(view.article.title)
    printable_document(view, notes).print_(printer)
    return path.is_file() and path.stat().st_size > 0


def print_with_dialog(
    view: ArticleView, *, notes: dict[int, str] | None = None, parent: QWidget | None = None
) -> None:
    printer = _printer()
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle("Print article")
    if dialog.exec() == QPrintDialog.DialogCode.Accepted:
        printable_document(view, notes).print_(printer)
