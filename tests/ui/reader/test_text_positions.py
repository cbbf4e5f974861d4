"""The reader's document and the canonical text agree character for character, through the
one mapping between code-point offsets and Qt positions."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtGui import QColor, QImage, QTextCursor, QTextDocument

from core.article import Block, BlockKind, Image, ImportedArticle, Span
from core.content import blocks_to_json
from storage.records import Article
from ui.reader.document_builder import DocumentBuilder
from ui.reader.html_document import build_from_html

PNG = QImage(4, 3, QImage.Format.Format_RGB32)


def rich_article(direction: str = "ltr") -> tuple[Article, list[Block]]:
    blocks = [
        Block(BlockKind.HEADING, (Span("Customs & <power>"),), level=2),
        Block(
            BlockKind.PARAGRAPH,
            (
                Span("Plain start, "),
                Span("bold", bold=True),
                Span(" and "),
                Span("a link", href="https://x.org/?a=1&b=2"),
                Span(" then emoji 👩🏽‍💻 and 👨‍👩‍👧 end."),
            ),
        ),
        Block(BlockKind.IMAGE, image="k1", alt="a crane"),
        Block(BlockKind.QUOTE, (Span("“We can unload a ship in two days,” he said."),)),
        Block(BlockKind.LIST_ITEM, (Span("February: 41,200 TEU"),)),
        Block(BlockKind.LIST_ITEM, (Span("January: 37,900 TEU"),)),
        Block(BlockKind.LIST_ITEM, (Span("first"),), ordered=True),
        Block(BlockKind.IMAGE, image=None, alt="remote chart"),
        Block(BlockKind.PARAGRAPH, (Span("Line one\nline two after a break"),)),
        Block(BlockKind.PREFORMATTED, (Span("code  with   spaces\n    indented line"),)),
        Block(BlockKind.PARAGRAPH, (Span("ميناء اللاذقية 41,200 TEU مع e\u0301 NFD"),)),
        Block(BlockKind.PARAGRAPH, (Span("x < y > z & \"q\" 'a' ©"),)),
    ]
    imported = ImportedArticle(
        title="Rich <title> & more",
        blocks=blocks,
        original=b"",
        source_kind="html",
        direction=direction,
        images=[Image("k1", "image/png", b"")],
    )
    article = Article(
        id=1,
        title=imported.title,
        byline="By someone",
        site="Site",
        url="https://x.org/a",
        section="ECONOMY",
        published="2026-03-14T09:30:00",
        captured="2026-03-15T00:00:00+00:00",
        added="",
        language="en",
        direction=direction,
        source_kind="html",
        source_name="",
        text=imported.text,
        content=blocks_to_json(imported.blocks),
        content_hash="",
        version=1,
    )
    return article, imported.blocks


def check_map(doc: QTextDocument, positions, text: str) -> None:
    offsets = sorted(
        {0, len(text), *range(0, len(text), 7)} | {i for i, ch in enumerate(text) if ch == "\n"}
    )
    for a in offsets:
        assert positions.to_canonical(positions.to_qt(a)) == a or text[a - 1 : a + 1] == "\n\n"
    for block in text.split("\n\n"):
        start = text.index(block)
        cursor = QTextCursor(doc)
        cursor.setPosition(positions.to_qt(start))
        cursor.setPosition(positions.to_qt(start + len(block)), QTextCursor.MoveMode.KeepAnchor)
        assert cursor.selectedText().replace("\u2028", "\n") == block
    emoji = text.index("👩🏽‍💻")
    qt = positions.to_qt(emoji + 1)  # inside the cluster, after the first code point
    assert qt - positions.to_qt(emoji) == 2  # one astral code point is two UTF-16 units


@pytest.mark.parametrize("direction", ["ltr", "rtl"])
def test_html_build_maps_every_block_exactly(qapp, direction: str) -> None:
    article, _blocks = rich_article(direction)
    doc = QTextDocument()
    positions = build_from_html(
        doc, article, load_image=lambda key: PNG, muted=QColor("gray"), link=QColor("blue")
    )
    assert positions is not None, "the fast path must handle every kind of block"
    assert len(positions) == 10
    check_map(doc, positions, article.text)


def test_cursor_build_maps_every_block_exactly(qapp) -> None:
    article, blocks = rich_article()
    doc = QTextDocument()
    builder = DocumentBuilder(
        doc, load_image=lambda key: PNG, muted_color=QColor("gray"), link_color=QColor("blue")
    )
    positions = builder.build(article, blocks)
    check_map(doc, positions, article.text)


def test_html_build_refuses_what_it_cannot_map(qapp) -> None:
    """A block whose text HTML would change (here: a double space, which canonical text never
    holds) must make the fast path give up, so the cursor builder takes over."""
    import json

    article, _blocks = rich_article()
    content = [*json.loads(article.content), {"k": "p", "s": ["double  space kept"]}]
    odd = article._replace(
        content=json.dumps(content), text=article.text + "\n\ndouble  space kept"
    )
    doc = QTextDocument()
    assert (
        build_from_html(
            doc, odd, load_image=lambda key: PNG, muted=QColor("gray"), link=QColor("blue")
        )
        is None
    )


def test_view_falls_back_to_the_exact_builder(qapp) -> None:
    import json

    from ui.reader.article_view import ArticleView

    article, _blocks = rich_article()
    content = [*json.loads(article.content), {"k": "p", "s": ["double  space kept"]}]
    odd = article._replace(
        content=json.dumps(content), text=article.text + "\n\ndouble  space kept"
    )
    view = ArticleView(load_image=lambda _a, _k: PNG)
    view.show_article(odd)
    check_map(view.document(), view.positions, odd.text)


@given(st.text())
def test_escapes_match_the_standard_library(text: str) -> None:
    import html

    from ui.reader.html_document import escape_attribute, escape_text

    assert escape_text(text) == html.escape(text, quote=False)
    assert escape_attribute(text) == html.escape(text, quote=True)
