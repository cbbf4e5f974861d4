"""Print and save as PDF: the article as the reader shows it, on white paper.

The printed copy is built afresh in Light colours (a Night document's pale links and muted
lines would fade on paper), with the view's highlights as real backgrounds (on screen they are
extra selections, not in the document). Notes are printed too: a numbered mark after each
highlighted passage that has one, and the notes in that order at the end. Pages are laid out
here, not by QTextDocument.print_, so that a picture is never parted from its caption, nothing
is taller than a page, and each page carries the title and its number at the foot.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSizeF
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QFontMetricsF,
    QPageLayout,
    QPageSize,
    QPainter,
    QPalette,
    QTextBlock,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QWidget

from ui.first_frame import Qt
from ui.reader.article_view import ArticleView
from ui.reader.image_fit import fit_images, image_in
from ui.theme.themes import theme

PAGE_MARGIN_MM = 18
# The text block of an A4 page at those margins, in document units (1/96 inch): 174 x 261 mm,
# less a footer line for the title and the page number.
PRINT_WIDTH = 657
FOOTER = 30
PRINT_HEIGHT = 986 - FOOTER
CAPTION_ROOM = 90  # what a picture leaves on its page for its caption when scaled to fit


def printable_document(
    view: ArticleView, notes: dict[int, str] | None = None, page: QSizeF | None = None
) -> QTextDocument:
    """notes: annotation id -> its note (the highlights that have one get a numbered mark);
    page: the text block of a page in 1/96 inch, footer excluded (A4 portrait by default)."""
    page = page or QSizeF(PRINT_WIDTH, PRINT_HEIGHT)
    doc = QTextDocument()
    doc.setDefaultFont(view.document().defaultFont())
    doc.setDocumentMargin(0)
    paper = theme("light")
    view.build_into(doc, paper)  # the same blocks as on screen: positions carry over
    for start, end, _annotation_id, name in view.highlight_ranges():
        cursor = QTextCursor(doc)
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        char = QTextCharFormat()
        color = paper.highlight(name)
        color.setAlpha(255 if color.alpha() == 255 else min(255, color.alpha() + 60))
        char.setBackground(color)
        cursor.mergeCharFormat(char)
    doc.setPageSize(page)
    fit_images(doc, page.width(), max(page.height() / 2, page.height() - CAPTION_ROOM))
    _add_endnotes(doc, view.highlight_ranges(), notes or {})
    _keep_figures_whole(doc)
    return doc


def caption_of(block: QTextBlock) -> QTextBlock | None:
    """The caption printed under a picture: the next block, when it says the picture's title."""
    found = image_in(block)
    following = block.next()
    if found is None or not following.isValid():
        return None
    title = found[1].toolTip().strip()
    return following if title and following.text().strip() == title else None


def _keep_figures_whole(doc: QTextDocument) -> None:
    """A picture that would end a page with its caption on the next starts the next page."""
    layout = doc.documentLayout()
    height = doc.pageSize().height()
    block = doc.begin()
    while block.isValid():
        caption = caption_of(block)
        if caption is not None:
            top = layout.blockBoundingRect(block).top()
            bottom = layout.blockBoundingRect(caption).bottom()
            parted = int(top // height) != int((bottom - 1) // height)
            if parted and bottom - top <= height:
                fmt = block.blockFormat()
                fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
                QTextCursor(block).setBlockFormat(fmt)
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
    cursor.insertBlock(QTextBlockFormat())
    cursor.insertBlock(QTextBlockFormat())
    cursor.insertText("Notes", heading)
    for number, (_start, _end, aid) in enumerate(noted, start=1):
        cursor.insertBlock(QTextBlockFormat())
        cursor.insertText(f"[{number}] {notes[aid].strip()}", QTextCharFormat())


def _printer(
    resolution_hint: QPrinter.PrinterMode = QPrinter.PrinterMode.HighResolution,
) -> QPrinter:
    printer = QPrinter(resolution_hint)
    margin = PAGE_MARGIN_MM
    printer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(margin, margin, margin, margin),
            QPageLayout.Unit.Millimeter,
        )
    )
    return printer


def page_size_of(printer: QPrinter) -> QSizeF:
    """The printer's text block in 1/96 inch, less the footer: whatever paper and orientation
    the print dialog chose."""
    block = printer.pageRect(QPrinter.Unit.Point)
    return QSizeF(block.width() * 96 / 72, block.height() * 96 / 72 - FOOTER)


def print_pages(doc: QTextDocument, printer: QPrinter, title: str) -> bool:
    """The pages of `doc` (laid out by printable_document for this printer's page) that the
    dialog chose (all by default), black on white, with the title and "n / m" at their foot.
    False when nothing could be painted (Qt only logs a painter that could not open its
    file)."""
    painter = QPainter()
    if not painter.begin(printer):
        return False
    page = printer.pageRect(QPrinter.Unit.DevicePixel)
    size = doc.pageSize()
    scale = page.width() / size.width()
    context = QAbstractTextDocumentLayout.PaintContext()
    ink = QPalette()
    ink.setColor(QPalette.ColorRole.Text, QColor("#000000"))
    context.palette = ink
    footer_font = QFont(doc.defaultFont())  # in pixels: the painter is scaled from 1/96 inch
    footer_font.setPixelSize(max(9, round(doc.defaultFont().pointSizeF() * 0.65 * 96 / 72)))
    metrics = QFontMetricsF(footer_font)
    count = doc.pageCount()
    first = max(1, printer.fromPage() or 1) - 1
    last = min(count, printer.toPage() or count)
    for index in range(first, last):
        if index > first:
            printer.newPage()
        painter.save()
        painter.scale(scale, scale)
        painter.save()
        painter.translate(0, -index * size.height())
        context.clip = QRectF(0, index * size.height(), size.width(), size.height())
        painter.setClipRect(context.clip)
        doc.documentLayout().draw(painter, context)
        painter.restore()
        painter.setFont(footer_font)
        painter.setPen(QColor("#555555"))
        number = f"{index + 1} / {count}"
        line = QRectF(0, size.height() + FOOTER - metrics.height(), size.width(), metrics.height())
        room = size.width() - metrics.horizontalAdvance(number) - 24
        shown = metrics.elidedText(title, Qt.TextElideMode.ElideRight, room)
        painter.drawText(line, int(Qt.AlignmentFlag.AlignLeft), shown)
        painter.drawText(line, int(Qt.AlignmentFlag.AlignRight), number)
        painter.restore()
    return painter.end()


def save_pdf(view: ArticleView, path: Path, notes: dict[int, str] | None = None) -> bool:
    """True when the PDF was written."""
    printer = _printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    title = view.article.title if view.article is not None else ""
    printer.setDocName(title)
    doc = printable_document(view, notes, page_size_of(printer))
    printed = print_pages(doc, printer, title)
    return printed and path.is_file() and path.stat().st_size > 0


def print_with_dialog(
    view: ArticleView, *, notes: dict[int, str] | None = None, parent: QWidget | None = None
) -> None:
    printer = _printer()
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle("Print article")
    if dialog.exec() == QPrintDialog.DialogCode.Accepted:
        title = view.article.title if view.article is not None else ""
        doc = printable_document(view, notes, page_size_of(printer))  # the paper chosen
        print_pages(doc, printer, title)
