"""PDF and OpenDocument from a brief's HTML, through Qt's own text engine.

The HTML a brief template renders (self-contained, offline) is laid out by QTextDocument and
written by QPdfWriter (A4, 18 mm margins, page numbers at the foot) or QTextDocumentWriter
("odf"). Both run headless: the command line gets an off-screen Qt when there is no window.
Nothing is fetched: QTextDocument loads no remote resource, and the brief's HTML has none.
Here rather than in ui/ because `postil export` writes these formats too (ui imports cli,
never the other way).
"""

from __future__ import annotations

import os
from pathlib import Path

DOCUMENT_FORMATS = ("pdf", "odt")  # written by Qt from the brief's HTML

PAGE_MARGIN_MM = 18


def _gui() -> object:
    """A Qt application for the fonts: the window's, or an off-screen one for the command
    line. A QApplication, not a bare QGuiApplication: a process that opens a window later
    (the test suite does) cannot turn one into the other."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QApplication(["postil"])
    return app


def _document(html: str, title: str):
    from PySide6.QtGui import QTextDocument

    _gui()
    doc = QTextDocument()
    doc.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, title)
    doc.setHtml(html)
    return doc


def write_pdf(html: str, path: Path, *, title: str = "") -> None:
    """The brief as an A4 PDF at `path` (written whole or not at all by the caller's
    write-to-temporary-then-rename)."""
    from PySide6.QtCore import QMarginsF, QSizeF
    from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter

    doc = _document(html, title)
    writer = QPdfWriter(str(path))
    writer.setTitle(title)
    writer.setCreator("Postil")
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(*(PAGE_MARGIN_MM,) * 4),
            QPageLayout.Unit.Millimeter,
        )
    )
    rect = writer.pageLayout().paintRectPoints()
    doc.setPageSize(QSizeF(rect.width() * 96 / 72, rect.height() * 96 / 72))
    doc.print_(writer)
    if not path.is_file() or path.stat().st_size == 0:
        raise OSError(f"the PDF could not be written to {path}")


def write_odt(html: str, path: Path, *, title: str = "") -> None:
    """The brief as an OpenDocument text file at `path`."""
    from PySide6.QtCore import QByteArray
    from PySide6.QtGui import QTextDocumentWriter

    doc = _document(html, title)
    writer = QTextDocumentWriter(str(path), QByteArray(b"odf"))
    if not writer.write(doc):
        raise OSError(f"the OpenDocument file could not be written to {path}")


def write_document(fmt: str, html: str, path: Path | str, *, title: str = "") -> None:
    """`fmt` (pdf or odt) at `path`, whole or not at all."""
    from core.export.files import write_file_atomically

    writer = {"pdf": write_pdf, "odt": write_odt}[fmt]
    write_file_atomically(path, lambda temp: writer(html, temp, title=title))
