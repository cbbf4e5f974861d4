"""Word documents as articles: a memo with a title, headings, bulleted and numbered lists, a
quote, a link, a picture and footnotes; damaged, encrypted and empty files refused in one
line; and fuzzed bytes either imported or refused, never anything else."""

from __future__ import annotations

import base64
import io
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.article import BlockKind
from core.importers.dispatch import import_bytes
from core.importers.errors import ImportRefused
from tests.core.zip_fuzz import imports_or_refuses, mutate_member

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
FOOTNOTES_XML = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes xmlns:w="{W_NS}">'
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>'
    "</w:r></w:p></w:footnote>"
    '<w:footnote w:id="1"><w:p><w:r><w:t xml:space="preserve">Port authority bulletin, '
    "9 March 2026.</w:t></w:r></w:p></w:footnote>"
    '<w:footnote w:id="2"><w:p><w:r><w:t>Figures are provisional.</w:t></w:r></w:p></w:footnote>'
    "</w:footnotes>"
).encode()


def _add_footnote_reference(paragraph, note_id: int) -> None:
    from docx.oxml import parse_xml

    paragraph._p.append(
        parse_xml(
            f'<w:r xmlns:w="{W_NS}"><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
            f'<w:footnoteReference w:id="{note_id}"/></w:r>'
        )
    )


def _add_hyperlink(paragraph, url: str, text: str) -> None:
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml import parse_xml

    rel_id = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
    r_ns = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    paragraph._p.append(
        parse_xml(
            f'<w:hyperlink xmlns:w="{W_NS}" xmlns:r="{r_ns}" r:id="{rel_id}">'
            f"<w:r><w:t>{text}</w:t></w:r></w:hyperlink>"
        )
    )


def memo(*, footnotes: bool = True, title: str | None = "Latakia port memo") -> bytes:
    """A Word memo as an analyst writes one, built with python-docx."""
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    document = docx.Document()
    if title:
        document.core_properties.title = title
    document.core_properties.author = "R. Analyst"
    document.add_heading("Latakia port memo", level=0)
    document.add_heading("Summary", level=1)
    p = document.add_paragraph("Container traffic rose for a third consecutive month")
    if footnotes:
        _add_footnote_reference(p, 1)
    p.add_run(" in February, ")
    p.add_run("the port authority").bold = True
    p.add_run(" said.")
    document.add_paragraph("Building materials", style="List Bullet")
    document.add_paragraph("Grain shipments", style="List Bullet")
    document.add_paragraph("Cranes repaired", style="List Number")
    document.add_paragraph("We expect the backlog to clear by the summer.", style="Quote").runs[
        0
    ].italic = True
    document.add_heading("Sources", level=2)
    sources = document.add_paragraph("See ")
    _add_hyperlink(sources, "https://example.org/latakia", "the bulletin")
    sources.add_run(" for details.")
    if footnotes:
        _add_footnote_reference(sources, 2)
    document.add_picture(io.BytesIO(PNG))
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "January"
    table.rows[0].cells[1].text = "41,000 TEU"
    if footnotes:
        part = Part(
            PackURI("/word/footnotes.xml"),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
            FOOTNOTES_XML,
            document.part.package,
        )
        document.part.relate_to(part, RT.FOOTNOTES)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_memo_keeps_its_structure() -> None:
    article = import_bytes(memo(), name="memo.docx", suffix=".docx")
    assert article.source_kind == "docx"
    assert article.title == "Latakia port memo"
    assert article.byline == "R. Analyst"
    kinds = [(b.kind, b.level, b.ordered, b.text) for b in article.blocks]
    assert kinds[0] == (BlockKind.HEADING, 1, False, "Summary")  # the title is shown apart
    assert (BlockKind.LIST_ITEM, 1, False, "Building materials") in kinds
    assert (BlockKind.LIST_ITEM, 1, True, "Cranes repaired") in kinds
    quote = next(b for b in article.blocks if b.kind is BlockKind.QUOTE)
    assert quote.text == "We expect the backlog to clear by the summer."
    assert quote.spans[0].italic
    assert any(
        s.bold and s.text.strip() == "the port authority" for b in article.blocks for s in b.spans
    )
    link = [s for b in article.blocks for s in b.spans if s.href]
    assert link and link[0].href == "https://example.org/latakia"
    assert link[0].text.strip() == "the bulletin"
    assert "January | 41,000 TEU" in article.text


def test_footnotes_are_markers_in_the_text_and_notes_at_the_end() -> None:
    article = import_bytes(memo(), name="memo.docx", suffix=".docx")
    assert "third consecutive month[1] in February" in article.text
    assert "for details.[2]" in article.text
    tail = article.blocks[-3:]
    assert (tail[0].kind, tail[0].text) == (BlockKind.HEADING, "Notes")
    assert tail[1].text == "[1] Port authority bulletin, 9 March 2026."
    assert tail[2].text == "[2] Figures are provisional."
    assert "separator" not in article.text.lower()


def test_pictures_are_stored_with_the_article() -> None:
    article = import_bytes(memo(footnotes=False), name="memo.docx", suffix=".docx")
    images = [b for b in article.blocks if b.kind is BlockKind.IMAGE]
    assert len(images) == 1 and images[0].image is not None
    assert [i.mime for i in article.images] == ["image/png"]
    assert article.images[0].data == PNG
    assert "Notes" not in article.text


def test_without_a_declared_title_the_title_paragraph_is_the_title() -> None:
    article = import_bytes(memo(title=None), name="memo.docx", suffix=".docx")
    assert article.title == "Latakia port memo"
    assert not article.text.startswith("Latakia port memo")


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"PK\x03\x04 not really a zip", "damaged"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "password-protected"),
        (b"plain text pretending", "damaged"),
    ],
)
def test_broken_and_encrypted_documents_are_refused_in_one_line(data: bytes, reason: str) -> None:
    with pytest.raises(ImportRefused, match=reason) as refused:
        import_bytes(data, name="bad.docx", suffix=".docx")
    assert "\n" not in str(refused.value)


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def test_a_zip_that_is_not_a_word_document_is_refused() -> None:
    with pytest.raises(ImportRefused, match="not a Word document"):
        import_bytes(_zip({"hello.txt": b"hi"}), name="x.docx", suffix=".docx")


def test_an_empty_document_is_refused() -> None:
    import docx

    out = io.BytesIO()
    docx.Document().save(out)
    with pytest.raises(ImportRefused, match="holds no text"):
        import_bytes(out.getvalue(), name="empty.docx", suffix=".docx")


def test_a_zip_bomb_is_refused_before_it_is_inflated() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for n in range(3):
            archive.writestr(f"word/zeros{n}.xml", b"\0" * (200 * 1024 * 1024))
    with pytest.raises(ImportRefused, match="512 MB"):
        import_bytes(out.getvalue(), name="bomb.docx", suffix=".docx")


# -- fuzz ----------------------------------------------------------------------------------

SEED = memo()


@settings(
    max_examples=40,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    name=st.sampled_from(
        ["word/document.xml", "word/footnotes.xml", "word/styles.xml", "[Content_Types].xml"]
    ),
    edits=st.lists(
        st.tuples(
            st.integers(0, 1 << 16),
            st.sampled_from([b"<", b">", b"</w:p>", b"<w:p>", b"\x00", b"&#0;", b"\xff"])
            | st.binary(max_size=12),
        ),
        max_size=6,
    ),
)
def test_fuzzed_documents_import_or_are_refused(name: str, edits: list) -> None:
    data = mutate_member(SEED, name, edits)
    imports_or_refuses(data, ".docx")


@settings(max_examples=40, deadline=None, database=None)
@given(data=st.binary(max_size=2048))
def test_fuzzed_bytes_import_or_are_refused(data: bytes) -> None:
    try:
        import_bytes(b"PK\x03\x04" + data, name="fuzz.docx", suffix=".docx")
    except ImportRefused as exc:
        assert "\n" not in str(exc)
