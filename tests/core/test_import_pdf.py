"""PDF import: a page a browser printed, and the refusals (scans, passwords, damage).

The PDFs are drawn by Qt in the tests (tests/core/pdf_fixtures.py); the importer reads them
with pypdfium2 and never with Qt.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from core.article import BlockKind, ImportedArticle
from core.importers.dispatch import import_bytes
from core.importers.errors import ImportRefused
from core.importers.pdf_print import complete_address
from tests.core import pdf_fixtures as fx


def _import(data: bytes, name: str = "page.pdf") -> ImportedArticle:
    return import_bytes(data, name=name, suffix=".pdf")


def _refusal(data: bytes) -> str:
    with pytest.raises(ImportRefused) as info:
        _import(data)
    message = str(info.value)
    assert message and "\n" not in message
    return message


@pytest.fixture
def news(qapp, tmp_path: Path) -> ImportedArticle:
    return _import(fx.printed_news(tmp_path / "news.pdf"), "news.pdf")


def test_printed_page_reads_its_footer_address_as_the_source(news: ImportedArticle) -> None:
    assert news.source_kind == "pdf"
    assert news.url == fx.NEWS_URL


def test_printed_page_header_and_footer_leave_the_text(news: ImportedArticle) -> None:
    for printed in ("11/30/26", "6:10 AM", fx.NEWS_URL, "1/2", "2/2", "| Example Gazette"):
        assert printed not in news.text


def test_printed_page_title_is_the_headline_without_the_site(news: ImportedArticle) -> None:
    assert news.title == fx.NEWS_HEADLINE
    assert not news.text.startswith(fx.NEWS_HEADLINE)  # shown as the title, not twice


def test_printed_page_body_is_the_article_in_paragraphs(news: ImportedArticle) -> None:
    paragraphs = [b.text for b in news.blocks if b.kind is BlockKind.PARAGRAPH]
    assert paragraphs == fx.NEWS_PARAGRAPHS  # wrapped lines joined, one paragraph each


def test_printed_page_menus_and_footer_are_left_out(news: ImportedArticle) -> None:
    for clutter in ("Podcasts", "Privacy policy", "All rights reserved", "Advertise"):
        assert clutter not in news.text


def test_printed_page_metadata_from_its_head(news: ImportedArticle) -> None:
    assert news.byline == "Rana Haddad"
    assert news.published is not None and news.published.date().isoformat() == "2026-11-30"


def test_printed_page_keeps_its_photo_offline(news: ImportedArticle) -> None:
    pictures = [b for b in news.blocks if b.kind is BlockKind.IMAGE]
    assert len(pictures) == 1 and len(news.images) == 1
    assert pictures[0].image == news.images[0].key
    assert news.images[0].mime == "image/jpeg" or news.images[0].data.startswith(b"\x89PNG")
    assert news.blocks.index(pictures[0]) < 2  # above the article's first paragraph


def test_a_long_address_cut_by_the_footer_is_completed_from_the_page_links() -> None:
    whole = "https://example.org/news/2026/11/a-very-long-headline-slug-for-the-article.html"
    cut = whole[:40] + "…"
    share = "https://twitter.com/intent/tweet?url=" + whole.replace("/", "%2F").replace(":", "%3A")
    assert complete_address(cut, ["https://example.org/", share]) == whole
    assert complete_address(cut, [whole + "#comments", whole, whole]) == whole
    assert complete_address(cut, ["https://example.org/other"]) is None
    assert complete_address(whole, []) == whole  # not cut: as printed


def test_scanned_pdf_is_refused_in_one_sentence(qapp, tmp_path: Path) -> None:
    message = _refusal(fx.scanned(tmp_path / "scan.pdf"))
    assert "scan" in message and "no text layer" in message


def test_encrypted_pdf_needing_a_password_is_refused() -> None:
    sentence = "The ministry published the quarterly figures for grain shipments on Monday."
    assert "password" in _refusal(fx.encrypted_pdf("secret", sentence))


def test_encrypted_pdf_that_opens_without_a_password_is_imported() -> None:
    sentence = "The ministry published the quarterly figures for grain shipments on Monday."
    article = _import(fx.encrypted_pdf("", sentence))
    assert article.text == sentence


def test_damaged_and_truncated_pdfs_are_refused(qapp, tmp_path: Path) -> None:
    data = fx.printed_news(tmp_path / "news.pdf")
    assert "damaged" in _refusal(b"%PDF-1.7\n" + b"\x00garbage" * 50)
    for cut in (len(data) // 3, len(data) // 2):
        try:
            article = _import(data[:cut])
        except ImportRefused as exc:
            assert str(exc) and "\n" not in str(exc)
        else:
            assert article.text  # pdfium rebuilt what it could: then it is text


def test_a_pdf_with_nothing_drawn_is_refused(qapp, tmp_path: Path) -> None:
    blank = fx.write_pdf(tmp_path / "blank.pdf", [lambda pen: None])
    assert "no text" in _refusal(blank)
