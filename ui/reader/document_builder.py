"""Build the reader's QTextDocument from an article's blocks, and the PositionMap with it.

The document is made with a QTextCursor rather than from HTML, so every body block's text is
exactly its canonical text and its position is known as it is inserted. Sizes are relative
(FontSizeAdjustment), so zooming is one change of the document's default font. Images come
only from the library (added as document resources before insertion); nothing is fetched.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import (
    QFont,
    QImage,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextImageFormat,
    QTextListFormat,
)

from core.article import Block, BlockKind
from core.plain_text import BLOCK_SEPARATOR
from storage.records import Article
from ui.first_frame import Qt
from ui.reader.html_document import MAX_IMAGE_WIDTH, image_url, meta_line
from ui.reader.text_positions import PositionMap

LINE_HEIGHT_PERCENT = 150
_HEADING_ADJUST = {1: 3, 2: 2, 3: 1, 4: 0, 5: 0, 6: 0}

ImageLoader = Callable[[str], QImage | None]


class DocumentBuilder:
    """One use: build(article, blocks) fills the document and returns the map."""

    def __init__(
        self,
        document: QTextDocument,
        *,
        load_image: ImageLoader,
        muted_color,
        link_color,
        line_height: int = LINE_HEIGHT_PERCENT,
    ) -> None:
        self._doc = document
        self._line_height = line_height
        self._load_image = load_image
        self._muted = muted_color
        self._link = link_color
        self._cursor = QTextCursor(document)
        self._first_block = True
        self._list = None
        self._list_key: tuple[bool, int] | None = None

    # -- blocks ----------------------------------------------------------------------------

    def _block_format(
        self, *, top: float = 0, bottom: float = 12, indent: float = 0, rtl: bool = False
    ) -> QTextBlockFormat:
        fmt = QTextBlockFormat()
        fmt.setTopMargin(top)
        fmt.setBottomMargin(bottom)
        fmt.setLeftMargin(indent)
        fmt.setRightMargin(indent if indent else 0)
        fmt.setLineHeight(self._line_height, 1)  # ProportionalHeight
        if rtl:
            fmt.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        return fmt

    def _new_block(self, fmt: QTextBlockFormat, char: QTextCharFormat | None = None) -> int:
        char = char or QTextCharFormat()
        if self._first_block:
            self._cursor.setBlockFormat(fmt)
            self._cursor.setBlockCharFormat(char)
            self._first_block = False
        else:
            self._cursor.insertBlock(fmt, char)
        return self._cursor.position()

    def _insert_spans(self, block: Block, base: QTextCharFormat) -> None:
        for span in block.spans:
            fmt = QTextCharFormat(base)
            if span.bold:
                fmt.setFontWeight(QFont.Weight.Bold)
            if span.italic:
                fmt.setFontItalic(True)
            if span.code:
                fmt.setFontFixedPitch(True)
                fmt.setFontFamilies(["monospace"])
            if span.href:
                fmt.setAnchor(True)
                fmt.setAnchorHref(span.href)
                fmt.setForeground(self._link)
                fmt.setFontUnderline(True)
                fmt.setToolTip(span.href)
            self._cursor.insertText(span.text.replace("\n", "\u2028"), fmt)

    def _end_list(self) -> None:
        self._list = None
        self._list_key = None

    # -- the article -----------------------------------------------------------------------

    def build(self, article: Article, blocks: list[Block]) -> PositionMap:
        doc = self._doc
        doc.clear()
        doc.setUndoRedoEnabled(False)
        rtl = article.direction == "rtl"
        self._cursor = QTextCursor(doc)
        self._cursor.beginEditBlock()
        self._header(article, rtl)
        positions = PositionMap()
        canonical = 0
        first_text = True
        for block in blocks:
            if block.kind is BlockKind.IMAGE:
                self._end_list()
                self._image(block, rtl)
                continue
            text = block.text
            if not text:
                continue
            if not first_text:
                canonical += len(BLOCK_SEPARATOR)
            first_text = False
            start = self._body_block(block, rtl)
            positions.add_block(canonical, start, text)
            canonical += len(text)
        self._cursor.endEditBlock()
        return positions

    def _header(self, article: Article, rtl: bool) -> None:
        title = QTextCharFormat()
        title.setProperty(QTextFormat.Property.FontSizeAdjustment, 4)
        title.setFontWeight(QFont.Weight.Bold)
        self._new_block(self._block_format(bottom=8, rtl=rtl), title)
        self._cursor.insertText(article.title, title)
        meta = meta_line(article)
        muted = QTextCharFormat()
        muted.setForeground(self._muted)
        muted.setProperty(QTextFormat.Property.FontSizeAdjustment, -1)
        if meta:
            self._new_block(self._block_format(bottom=4, rtl=rtl), muted)
            self._cursor.insertText(meta, muted)
        if article.url:
            link = QTextCharFormat(muted)
            link.setAnchor(True)
            link.setAnchorHref(article.url)
            link.setForeground(self._link)
            link.setToolTip(article.url)
            self._new_block(self._block_format(bottom=4, rtl=rtl), muted)
            self._cursor.insertText(article.url, link)
        # a quiet rule between header and body: an empty block with a bottom border margin
        rule = self._block_format(top=6, bottom=18, rtl=rtl)
        rule.setProperty(QTextFormat.Property.BlockTrailingHorizontalRulerWidth, 1)
        self._new_block(rule, QTextCharFormat())

    def _body_block(self, block: Block, rtl: bool) -> int:
        base = QTextCharFormat()
        if block.kind is BlockKind.LIST_ITEM:
            key = (block.ordered, max(1, block.level))
            fmt = self._block_format(bottom=4, rtl=rtl)
            start = self._new_block(fmt, base)
            if self._list is None or self._list_key != key:
                style = (
                    QTextListFormat.Style.ListDecimal
                    if block.ordered
                    else QTextListFormat.Style.ListDisc
                )
                list_format = QTextListFormat()
                list_format.setStyle(style)
                list_format.setIndent(max(1, block.level))
                self._list = self._cursor.createList(list_format)
                self._list_key = key
            else:
                self._list.add(self._cursor.block())
            self._insert_spans(block, base)
            return start
        self._end_list()
        if block.kind is BlockKind.HEADING:
            base.setFontWeight(QFont.Weight.Bold)
            base.setProperty(
                QTextFormat.Property.FontSizeAdjustment, _HEADING_ADJUST.get(block.level, 0)
            )
            fmt = self._block_format(top=14, bottom=8, rtl=rtl)
        elif block.kind is BlockKind.QUOTE:
            base.setFontItalic(True)
            fmt = self._block_format(indent=28, rtl=rtl)
        elif block.kind is BlockKind.PREFORMATTED:
            base.setFontFixedPitch(True)
            base.setFontFamilies(["monospace"])
            fmt = self._block_format(indent=12, rtl=rtl)
            fmt.setNonBreakableLines(True)
        else:
            fmt = self._block_format(rtl=rtl)
        start = self._new_block(fmt, base)
        self._insert_spans(block, base)
        return start

    def _image(self, block: Block, rtl: bool) -> None:
        image = self._load_image(block.image) if block.image else None
        fmt = self._block_format(top=4, bottom=14, rtl=rtl)
        fmt.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        fmt.setLineHeight(100, 1)  # ProportionalHeight: no leading under a picture
        if image is None or image.isNull():
            muted = QTextCharFormat()
            muted.setForeground(self._muted)
            muted.setFontItalic(True)
            muted.setProperty(QTextFormat.Property.FontSizeAdjustment, -1)
            self._new_block(fmt, muted)
            label = f"Image not saved with the page{': ' + block.alt if block.alt else ''}"
            self._cursor.insertText(label, muted)
            return
        url = image_url(block.image or "")
        self._doc.addResource(QTextDocument.ResourceType.ImageResource, url, image)
        image_format = QTextImageFormat()
        image_format.setName(url.toString())
        if image.width() > MAX_IMAGE_WIDTH:
            image_format.setWidth(MAX_IMAGE_WIDTH)
            image_format.setHeight(image.height() * MAX_IMAGE_WIDTH / image.width())
        if block.alt:
            image_format.setToolTip(block.alt)
        if block.alt:
            fmt.setBottomMargin(4)
        self._new_block(fmt, QTextCharFormat())
        self._cursor.insertImage(image_format)
        if block.alt:  # the caption under its picture, as the page showed it; not body text
            caption = QTextCharFormat()
            caption.setForeground(self._muted)
            caption.setProperty(QTextFormat.Property.FontSizeAdjustment, -1)
            caption_format = self._block_format(top=0, bottom=14, rtl=rtl)
            caption_format.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            self._new_block(caption_format, caption)
            self._cursor.insertText(block.alt, caption)
