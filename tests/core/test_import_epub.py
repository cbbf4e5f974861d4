"""EPUB books as articles: one article per book, each chapter a section under its heading,
in spine order, with the book's pictures kept offline; DRM'd, damaged and empty books refused
in one line; fuzzed books imported or refused, never anything else."""

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


def book(*, chapters: list[tuple[str, str]] | None = None, title: str = "The Coast Road") -> bytes:
    """A small book made with EbookLib, as a publisher's tool makes one."""
    from ebooklib import epub

    b = epub.EpubBook()
    b.set_identifier("urn:isbn:9780000000001")
    b.set_title(title)
    b.set_language("en")
    b.add_author("Mira Salem")
    b.add_metadata("DC", "publisher", "Harbour Press")
    b.add_metadata("DC", "date", "2024-05-01")
    picture = epub.EpubItem(
        uid="map", file_name="images/map.png", media_type="image/png", content=PNG
    )
    b.add_item(picture)
    chapters = chapters or [
        (
            "One",
            "<h1>Chapter One: Latakia</h1><p>The port opened at dawn, and the "
            "<em>cranes</em> began to move.</p><blockquote><p>Nothing moves without "
            "the harbour master.</p></blockquote><ul><li>Grain</li><li>Cement</li></ul>"
            '<p><img src="../images/map.png" alt="A map of the coast"/></p>',
        ),
        (
            "Two",
            "<div>The road south <b>follows the sea</b>.<p>At Tartus the road turns inland."
            '</p></div><p>See <a href="https://example.org/coast">the survey</a> and '
            '<a href="one.xhtml#top">chapter one</a>.</p>',
        ),
    ]
    items = []
    for n, (name, body) in enumerate(chapters):
        chapter = epub.EpubHtml(
            title=f"Part {name}", file_name=f"text/{name.lower()}.xhtml", lang="en"
        )
        chapter.content = f"<html><head><title>{name}</title></head><body>{body}</body></html>"
        chapter.id = f"chapter{n}"
        b.add_item(chapter)
        items.append(chapter)
    b.toc = items
    b.add_item(epub.EpubNcx())
    b.add_item(epub.EpubNav())
    b.spine = ["nav", *items]
    out = io.BytesIO()
    epub.write_epub(out, b)
    return out.getvalue()


def test_a_book_is_one_article_with_its_chapters_as_sections() -> None:
    article = import_bytes(book(), name="coast.epub", suffix=".epub")
    assert article.source_kind == "epub"
    assert article.title == "The Coast Road"
    assert article.byline == "Mira Salem"
    assert article.site == "Harbour Press"
    assert article.language == "en"
    assert article.published is not None and article.published.year == 2024
    headings = [b.text for b in article.blocks if b.kind is BlockKind.HEADING]
    assert headings == ["Chapter One: Latakia", "Part Two"]  # its own, else the contents'
    text = article.text
    assert text.index("The port opened at dawn") < text.index("The road south")
    assert "Nothing moves without the harbour master." in [
        b.text for b in article.blocks if b.kind is BlockKind.QUOTE
    ]
    assert [b.text for b in article.blocks if b.kind is BlockKind.LIST_ITEM] == ["Grain", "Cement"]
    assert "The road south follows the sea." in [b.text for b in article.blocks]
    assert "At Tartus the road turns inland." in [b.text for b in article.blocks]


def test_pictures_are_kept_offline_and_links_to_the_web_only() -> None:
    article = import_bytes(book(), name="coast.epub", suffix=".epub")
    pictures = [b for b in article.blocks if b.kind is BlockKind.IMAGE]
    assert len(pictures) == 1 and pictures[0].image == article.images[0].key
    assert pictures[0].alt == "A map of the coast"
    assert article.images[0].data == PNG
    links = {s.href for b in article.blocks for s in b.spans if s.href}
    assert links == {"https://example.org/coast"}
    assert "chapter one" in article.text


def test_the_navigation_document_is_not_a_chapter() -> None:
    article = import_bytes(book(), name="coast.epub", suffix=".epub")
    assert article.text.count("Part One") == 0  # the nav lists it; the book does not


def _rezip(data: bytes, extra: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info.filename))
        for name, content in extra.items():
            dst.writestr(name, content)
    return out.getvalue()


ENCRYPTION = (
    '<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container" '
    'xmlns:enc="http://www.w3.org/2001/04/xmlenc#"><enc:EncryptedData>'
    '<enc:EncryptionMethod Algorithm="{}"/><enc:CipherData>'
    '<enc:CipherReference URI="EPUB/text/one.xhtml"/></enc:CipherData></enc:EncryptedData>'
    "</encryption>"
)


def test_a_drm_protected_book_is_refused() -> None:
    drm = ENCRYPTION.format("http://www.w3.org/2001/04/xmlenc#aes128-cbc").encode()
    data = _rezip(book(), {"META-INF/encryption.xml": drm})
    with pytest.raises(ImportRefused, match="DRM"):
        import_bytes(data, name="drm.epub", suffix=".epub")
    adobe = _rezip(book(), {"META-INF/rights.xml": b"<rights/>"})
    with pytest.raises(ImportRefused, match="DRM"):
        import_bytes(adobe, name="adobe.epub", suffix=".epub")


def test_font_obfuscation_is_not_drm() -> None:
    fonts = ENCRYPTION.format("http://www.idpf.org/2008/embedding").encode()
    article = import_bytes(
        _rezip(book(), {"META-INF/encryption.xml": fonts}), name="f.epub", suffix=".epub"
    )
    assert "The port opened at dawn" in article.text


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"PK\x03\x04 broken", "damaged"),
        (b"just text", "damaged"),
    ],
)
def test_broken_books_are_refused_in_one_line(data: bytes, reason: str) -> None:
    with pytest.raises(ImportRefused, match=reason) as refused:
        import_bytes(data, name="bad.epub", suffix=".epub")
    assert "\n" not in str(refused.value)


def test_a_zip_that_is_not_a_book_is_refused() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("hello.txt", "hi")
    with pytest.raises(ImportRefused, match="not an EPUB"):
        import_bytes(out.getvalue(), name="x.epub", suffix=".epub")


def test_a_book_without_text_is_refused() -> None:
    with pytest.raises(ImportRefused, match="no text"):
        import_bytes(book(chapters=[("Blank", "<p>   </p>")]), name="blank.epub", suffix=".epub")


# -- fuzz ----------------------------------------------------------------------------------

SEED = book()


with zipfile.ZipFile(io.BytesIO(SEED)) as _archive:
    MEMBERS = sorted(n for n in _archive.namelist() if not n.endswith(".png"))


@settings(
    max_examples=40,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    name=st.sampled_from(MEMBERS),
    edits=st.lists(
        st.tuples(
            st.integers(0, 1 << 14),
            st.sampled_from([b"<", b">", b"</p>", b"<div>", b"<script>", b"\x00", b"&#0;"])
            | st.binary(max_size=12),
        ),
        max_size=6,
    ),
)
def test_fuzzed_books_import_or_are_refused(name: str, edits: list) -> None:
    data = mutate_member(SEED, name, edits)
    imports_or_refuses(data, ".epub")
