"""PDF and ODT from a brief's HTML, read back: the text is all there, in order, nothing
injected (quotes with markup characters, right-to-left text and emoji)."""

from __future__ import annotations

import html
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from cli.document_writers import write_odt, write_pdf

PASSAGES = [
    "Container traffic rose <b>sharply</b> & fast",
    "حركة الحاويات في ميناء اللاذقية",
    "Cranes idle 🏗️ on the quay — [sic] *not* _markup_",
]


def _brief() -> str:
    items = "".join(f"<blockquote><p>{html.escape(p)}</p></blockquote>" for p in PASSAGES)
    return f"<html><body><h1>Port brief</h1>{items}<p>Sources: Example Gazette</p></body></html>"


def _pdf_text(path: Path) -> str:
    pdfium = pytest.importorskip("pypdfium2")
    pdf = pdfium.PdfDocument(str(path))
    try:
        return "\n".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    finally:
        pdf.close()


def _squeeze(text: str) -> str:
    return " ".join(text.split())


def _drawable(text: str) -> str:
    """The text as a PDF can carry it here: a character no installed font draws (an emoji on
    a machine without an emoji font) has no glyph to put in the file."""
    import unicodedata

    from PySide6.QtGui import QFont, QFontMetrics

    metrics = QFontMetrics(QFont())
    drawn = (c for c in text if c.isspace() or metrics.inFontUcs4(ord(c)))
    return "".join(c for c in drawn if unicodedata.category(c) != "Mn")  # its selector too


def test_the_pdf_holds_every_passage_in_order(qapp, tmp_path: Path) -> None:
    out = tmp_path / "brief.pdf"
    write_pdf(_brief(), out, title="Port brief")
    text = _squeeze(_pdf_text(out))
    assert text.startswith("Port brief")
    positions = [text.find(_squeeze(_drawable(p))) for p in (PASSAGES[0], PASSAGES[2])]
    assert -1 not in positions and positions == sorted(positions)
    assert "<b>" in text  # the markup is text, as written, not applied
    assert "اللاذقية" in text


def test_the_odt_holds_every_passage_in_order(qapp, tmp_path: Path) -> None:
    out = tmp_path / "brief.odt"
    write_odt(_brief(), out, title="Port brief")
    with zipfile.ZipFile(out) as odt:
        assert odt.read("mimetype") == b"application/vnd.oasis.opendocument.text"
        content = etree.fromstring(odt.read("content.xml"))
    text = _squeeze(" ".join(content.itertext()))
    found = [text.find(_squeeze(p)) for p in PASSAGES]
    assert -1 not in found and found == sorted(found)


def test_the_same_brief_gives_the_same_pdf_and_odt_bytes(qapp, tmp_path: Path) -> None:
    """QPdfWriter stamps the moment of writing and a random document id, Qt's ODF writer
    the zip entries' times: with the brief's moment given, two writings a second apart
    are the same file, and that moment is the one the PDF carries."""
    import time

    for fmt, write in (("pdf", write_pdf), ("odt", write_odt)):
        first, second = tmp_path / f"a.{fmt}", tmp_path / f"b.{fmt}"
        write(_brief(), first, title="Port brief", generated="2024-05-01T12:00:00Z")
        time.sleep(1.1)
        write(_brief(), second, title="Port brief", generated="2024-05-01T12:00:00Z")
        assert first.read_bytes() == second.read_bytes(), fmt
    pdf = (tmp_path / "a.pdf").read_bytes()
    assert b"/CreationDate (D:20240501120000Z)" in pdf
    assert b'xmp:CreateDate="2024-05-01T12:00:00+00:00"' in pdf
    assert "Port brief" in _pdf_text(tmp_path / "a.pdf")  # the file still reads
    with zipfile.ZipFile(tmp_path / "a.odt") as odt:
        first_entry = odt.infolist()[0]
        assert first_entry.filename == "mimetype"
        assert first_entry.compress_type == zipfile.ZIP_STORED  # as ODF requires
        assert first_entry.date_time == (2024, 5, 1, 12, 0, 0)


def test_only_the_anchors_a_link_leads_to_are_kept() -> None:
    from cli.document_writers import without_unused_anchors

    page = (
        '<p><a href="#h2">to two</a></p><div class="passage" id="h1">one</div>'
        '<div id=\'h2\' class="passage">two</div><p>text id="h3" stays text</p>'
    )
    kept = without_unused_anchors(page)
    assert 'id="h1"' not in kept and "id='h2'" in kept
    assert '<div class="passage">one</div>' in kept
    assert 'text id="h3" stays text' in kept  # not inside a tag: not an attribute
