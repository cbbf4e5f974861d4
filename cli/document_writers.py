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
import re
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


# An id="..." attribute inside a tag, and a link to a place in the same document.
_ID_ATTRIBUTE = re.compile(r"""(<[A-Za-z][^<>]*?)\s+id=(?:"([^"]*)"|'([^']*)')""")
_HREF_HERE = re.compile(r"""href=["']#([^"']*)["']""")


def without_unused_anchors(html: str) -> str:
    """The HTML without the ids no link in it points at. QTextDocument makes each id an
    anchor, and its HTML import slows with their number squared: a brief of 5,000 passages
    (one id each, for the block ids of other formats) took 23 s to read, and 1.5 s without
    them. An id a link of the document leads to stays, for the documents' own links."""
    wanted = set(_HREF_HERE.findall(html))

    def keep(match: re.Match[str]) -> str:
        name = match.group(2) if match.group(2) is not None else match.group(3)
        return match.group(0) if name in wanted else match.group(1)

    return _ID_ATTRIBUTE.sub(keep, html)


def _document(html: str, title: str):
    from PySide6.QtGui import QTextDocument

    _gui()
    doc = QTextDocument()
    doc.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, title)
    doc.setHtml(without_unused_anchors(html))
    return doc


def _pin_moment(pdf: bytes, generated: str) -> bytes:
    """The PDF's creation and metadata dates set to `generated` (an ISO 8601 moment), so the
    same brief gives the same bytes. QPdfWriter stamps the time of writing and has no setter
    for it; each date is rewritten in the same number of bytes, so no offset in the file's
    cross-reference table moves. A moment that cannot be read leaves the file as it is."""
    from datetime import UTC, datetime

    try:
        moment = datetime.fromisoformat(generated.replace("Z", "+00:00"))
    except ValueError:
        return pdf
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    moment = moment.astimezone(UTC)
    info = moment.strftime("D:%Y%m%d%H%M%SZ").encode()
    xmp = moment.strftime("%Y-%m-%dT%H:%M:%S+00:00").encode()
    pinned = re.sub(
        rb"/(CreationDate|ModDate) \(D:\d{14}Z\)", lambda m: b"/%s (%s)" % (m[1], info), pdf
    )
    pinned = re.sub(
        rb'((?:xmp:CreateDate|xmp:ModifyDate|xmp:MetadataDate)=")'
        rb'\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00"',
        lambda m: m.group(1) + xmp + b'"',
        pinned,
    )
    return pinned if len(pinned) == len(pdf) else pdf


def write_pdf(html: str, path: Path, *, title: str = "", generated: str | None = None) -> None:
    """The brief as an A4 PDF at `path` (written whole or not at all by the caller's
    write-to-temporary-then-rename). The document id comes from the content and, with
    `generated`, the dates from that moment: the same brief, the same bytes."""
    import hashlib
    import uuid

    from PySide6.QtCore import QMarginsF, QSizeF, QUuid
    from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter

    doc = _document(html, title)
    writer = QPdfWriter(str(path))
    content = hashlib.sha256(f"{title}\n{html}".encode()).hexdigest()
    writer.setDocumentId(QUuid(str(uuid.uuid5(uuid.NAMESPACE_URL, f"postil:{content}"))))
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
    del writer  # the file is finished when the writer goes
    if not path.is_file() or path.stat().st_size == 0:
        raise OSError(f"the PDF could not be written to {path}")
    if generated:
        path.write_bytes(_pin_moment(path.read_bytes(), generated))


def write_odt(html: str, path: Path, *, title: str = "", generated: str | None = None) -> None:
    """The brief as an OpenDocument text file at `path`."""
    from PySide6.QtCore import QByteArray
    from PySide6.QtGui import QTextDocumentWriter

    doc = _document(html, title)
    writer = QTextDocumentWriter(str(path), QByteArray(b"odf"))
    if not writer.write(doc):
        raise OSError(f"the OpenDocument file could not be written to {path}")
    del writer
    if generated:
        from core.export.files import pin_zip_times

        pin_zip_times(path, generated)


def write_document(
    fmt: str, html: str, path: Path | str, *, title: str = "", generated: str | None = None
) -> None:
    """`fmt` (pdf or odt) at `path`, whole or not at all. generated: the brief's moment of
    generation, written into the file in place of the moment of writing."""
    from core.export.files import write_file_atomically

    writer = {"pdf": write_pdf, "odt": write_odt}[fmt]
    write_file_atomically(path, lambda temp: writer(html, temp, title=title, generated=generated))
