"""The reflow rules, each on a two-column report drawn by Qt (tests/core/pdf_fixtures.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.article import BlockKind, ImportedArticle
from core.importers.dispatch import import_bytes
from core.importers.pdf_reflow import NOTES_HEADING, join_text
from tests.core import pdf_fixtures as fx


@pytest.fixture
def report(qapp, tmp_path: Path) -> ImportedArticle:
    data = fx.report(tmp_path / "report.pdf")
    return import_bytes(data, name="report.pdf", suffix=".pdf")


def _texts(article: ImportedArticle, kind: BlockKind) -> list[str]:
    return [b.text for b in article.blocks if b.kind is kind]


def test_running_header_and_page_numbers_are_dropped(report: ImportedArticle) -> None:
    assert fx.RUNNING_HEAD not in report.text
    assert not any(b.text.strip() in {"1", "2"} for b in report.blocks)


def test_title_comes_from_the_largest_heading_and_leaves_the_body(report) -> None:
    assert report.title == fx.REPORT_TITLE
    assert fx.REPORT_TITLE not in report.text
    assert report.source_kind == "pdf"


def test_two_columns_read_in_order_and_lines_join_into_paragraphs(report) -> None:
    paragraphs = _texts(report, BlockKind.PARAGRAPH)
    left = " ".join(fx.LEFT_TEXT.split())
    right = " ".join(fx.RIGHT_TEXT.split())
    assert left in paragraphs and right in paragraphs  # whole: no line of the other column
    assert paragraphs.index(left) < paragraphs.index(right)
    second = [" ".join(fx.SECOND_LEFT.split()), " ".join(fx.SECOND_RIGHT.split())]
    assert [p for p in paragraphs if p in second] == second


def test_hyphenation_at_a_line_end_is_undone(report: ImportedArticle) -> None:
    assert "reconstruction of the eastern quay" in report.text
    assert "recon-" not in report.text


def test_join_text_keeps_a_hyphen_that_belongs_to_the_word() -> None:
    assert join_text("the recon-", "struction of") == "the reconstruction of"
    assert join_text("a well-", "Known case") == "a well-Known case"
    assert join_text("in 2025-", "2026") == "in 2025- 2026"
    assert join_text("soft\u00ad", "ware") == "software"
    assert join_text("one line", "and the next") == "one line and the next"


def test_bold_subheading_is_a_heading(report: ImportedArticle) -> None:
    assert "The southern branch" in _texts(report, BlockKind.HEADING)


def test_footnotes_are_gathered_at_the_end_as_notes(report: ImportedArticle) -> None:
    tail = report.blocks[-3:]
    assert tail[0].kind is BlockKind.HEADING and tail[0].text == NOTES_HEADING
    assert [b.text for b in tail[1:]] == [fx.FOOTNOTE_ONE, fx.FOOTNOTE_TWO]
    assert report.text.count("Port authority monthly bulletins") == 1


def test_table_rows_are_kept_as_text_rows(report: ImportedArticle) -> None:
    rows = [" | ".join(row) for row in fx.TABLE]
    paragraphs = _texts(report, BlockKind.PARAGRAPH)
    assert [p for p in paragraphs if p in rows] == rows


def test_figure_is_stored_where_it_stands_in_the_reading_order(report) -> None:
    kinds = [b.kind for b in report.blocks]
    assert kinds.count(BlockKind.IMAGE) == 1 and len(report.images) == 1
    at = kinds.index(BlockKind.IMAGE)
    before = report.blocks[at - 1].text
    assert before == " ".join(fx.RIGHT_TEXT.split())  # under the right column's paragraph


def test_report_without_figures_has_no_images(qapp, tmp_path: Path) -> None:
    data = fx.report(tmp_path / "plain.pdf", with_figure=False)
    article = import_bytes(data, name="plain.pdf", suffix=".pdf")
    assert article.images == [] and BlockKind.IMAGE not in {b.kind for b in article.blocks}


def test_a_report_numbered_like_a_browser_print_is_still_a_report(qapp, tmp_path: Path) -> None:
    """ "1/2" at a page's foot, with no address beside it and no dated header above, is the
    report's own numbering: the report is reflowed as one, its numbers dropped."""
    data = fx.report(tmp_path / "numbered.pdf", numbers="{n}/{total}")
    article = import_bytes(data, name="numbered.pdf", suffix=".pdf")
    assert article.url is None and article.title == fx.REPORT_TITLE
    assert "1/2" not in article.text and "2/2" not in article.text
    assert article.blocks[-3].text == NOTES_HEADING
