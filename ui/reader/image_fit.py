"""Pictures sized to where they are shown: the reading column on screen, the page in print.

A picture keeps its own size when it fits and is scaled down, proportions kept, when it does
not (a page-wide photo overflowed the column and brought a horizontal scroll bar; in print it
filled page 1 and pushed the text to page 2).
"""

from __future__ import annotations

from PySide6.QtGui import QTextBlock, QTextCursor, QTextDocument, QTextFragment, QTextImageFormat


def image_in(block: QTextBlock) -> tuple[QTextFragment, QTextImageFormat] | None:
    """The block's picture (a figure is a block of one image), or None."""
    it = block.begin()
    while not it.atEnd():
        fmt = it.fragment().charFormat()
        if fmt.isImageFormat():
            return it.fragment(), fmt.toImageFormat()
        it += 1
    return None


def _natural_size(doc: QTextDocument, image: QTextImageFormat) -> tuple[float, float]:
    from PySide6.QtCore import QUrl

    resource = doc.resource(QTextDocument.ResourceType.ImageResource, QUrl(image.name()))
    if resource is not None and hasattr(resource, "width") and resource.width() > 0:
        return float(resource.width()), float(resource.height())
    return image.width(), image.height()


def fit_images(doc: QTextDocument, width: float, height: float = 0, *, cap: float = 0) -> None:
    """Every picture no wider than `width` (nor taller than `height`, when given), and no
    wider than `cap` when given (the reader's largest picture), else at its natural size."""
    block = doc.begin()
    while block.isValid():
        found = image_in(block)
        if found is not None:
            fragment, image = found
            w, h = _natural_size(doc, image)
            if w > 0:
                limits = [1.0, width / w] + ([height / h] if height and h > 0 else [])
                limits += [cap / w] if cap else []
                scale = max(0.05, min(limits))
                new_w, new_h = round(w * scale), round(h * scale)
                if (new_w, new_h) != (round(image.width()), round(image.height())):
                    image.setWidth(new_w)
                    image.setHeight(new_h)
                    cursor = QTextCursor(doc)
                    cursor.setPosition(fragment.position())
                    cursor.setPosition(
                        fragment.position() + fragment.length(), QTextCursor.MoveMode.KeepAnchor
                    )
                    cursor.setCharFormat(image)
        block = block.next()
