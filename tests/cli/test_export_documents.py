"""postil export -o brief.pdf / brief.odt: the HTML brief laid out by Qt, read back whole;
no file without -o, and never half a file."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from lxml import etree

from cli.main import run_cli
from tests.cli.test_export_cli import PINNED


def _squeeze(text: str) -> str:
    return " ".join(text.split())


def odt_text(path: Path) -> str:
    """The document's paragraphs and headings, each whole (styled runs are spans inside)."""
    with zipfile.ZipFile(path) as odt:
        root = etree.fromstring(odt.read("content.xml"))
    ns = {"text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0"}
    blocks = root.xpath("//text:p | //text:h", namespaces=ns)
    return _squeeze(" ".join("".join(b.itertext()) for b in blocks))


def _pdf_text(path: Path) -> str:
    pdfium = pytest.importorskip("pypdfium2")
    pdf = pdfium.PdfDocument(str(path))
    try:
        return _squeeze(" ".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf))))
    finally:
        pdf.close()


def test_pdf_and_odt_briefs_hold_every_passage_note_and_source(
    qapp,
    stocked_path: Path,
    tmp_path: Path,
    capsys,
) -> None:
    for name in ("brief.pdf", "brief.odt"):
        out = tmp_path / name
        code = run_cli(
            ["--library", str(stocked_path), "export", "--generated", PINNED, "-o", str(out)]
        )
        assert code == 0, capsys.readouterr().err
        if name.endswith(".pdf"):
            assert out.read_bytes().startswith(b"%PDF")
            text = _pdf_text(out)
        else:
            text = odt_text(out)
        for expected in ("third consecutive month", "backlog", "Why *now*?", "Wheat futures rose"):
            assert expected in text, (name, expected)
        assert text.index("third consecutive month") < text.index("backlog")  # reading order
        assert "Grain prices climb" in text and "Port traffic recovers" in text
    left = sorted(p.name for p in tmp_path.iterdir() if "brief" in p.name)
    assert left == ["brief.odt", "brief.pdf"]  # and no temporary file beside them


def test_a_document_format_needs_a_file(stocked_path: Path, capsys) -> None:
    code = run_cli(["--library", str(stocked_path), "export", "--format", "pdf"])
    err = capsys.readouterr().err
    assert code != 0 and "needs -o FILE" in err and err.count("\n") == 1


def test_a_word_brief_from_the_command_line(stocked_path: Path, tmp_path: Path, capsys) -> None:
    import docx

    out = tmp_path / "brief.docx"
    args = ["--library", str(stocked_path), "export", "--generated", PINNED, "--layout", "tag"]
    assert run_cli([*args, "-o", str(out)]) == 0, capsys.readouterr().err
    document = docx.Document(str(out))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings[:2] == ["food", "ports"]
    quotes = [p.text for p in document.paragraphs if p.style.name == "Quote"]
    assert "Wheat futures rose" in quotes and "third consecutive month" in quotes
    bad = run_cli([*args, "--template", "obsidian-note", "-o", str(tmp_path / "x.docx")])
    err = capsys.readouterr().err
    assert bad != 0 and "Word brief" in err and not (tmp_path / "x.docx").exists()
