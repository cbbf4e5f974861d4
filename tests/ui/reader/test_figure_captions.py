"""A saved page's figure, imported through the window and opened in the reader: its caption
shows right under the picture, with no blank band between them (a picture's line once took
the body's 150% line height: some 200 px of empty space under a 400 px photo)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QColor, QImage

from tests.core.test_import_captions import CAPTION, PARAGRAPHS
from ui.reader.image_fit import image_in

# The caption sits under the picture's block, a few pixels of margin apart.
MAX_GAP = 30


def _png(width: int, height: int) -> bytes:
    picture = QImage(width, height, QImage.Format.Format_RGB32)
    picture.fill(QColor("#336699"))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    picture.save(buffer, "PNG")
    return bytes(data.data())


def _saved_page(folder: Path, size: tuple[int, int]) -> Path:
    """ "Web Page, Complete": the page, its photo in page_files/, a caption under the photo
    and an alt text that differs from it, as news pages write them."""
    (folder / "page_files").mkdir()
    (folder / "page_files" / "cranes.png").write_bytes(_png(*size))
    body = [f"<p>{p}</p>" for p in PARAGRAPHS]
    body.insert(
        2,
        '<figure class="wp-block-image"><img src="page_files/cranes.png" alt="Harbour cranes" '
        f'width="{size[0]}" height="{size[1]}"><figcaption>{CAPTION}</figcaption></figure>',
    )
    page = folder / "page.html"
    page.write_text(
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        "<title>Port traffic rises again</title></head><body><article>"
        f"<h1>Port traffic rises again</h1>{''.join(body)}</article></body></html>",
        encoding="utf-8",
    )
    return page


@pytest.mark.parametrize("builder", ["html", "cursor"])
@pytest.mark.parametrize("spacing", [150, 200])
@pytest.mark.parametrize("size", [(800, 450), (400, 600)])
def test_a_saved_pages_caption_shows_right_under_its_picture(
    qtbot, make_window, tmp_path: Path, monkeypatch, builder: str, spacing: int, size
) -> None:
    if builder == "cursor":  # the exact builder, used when the HTML one cannot map a block
        monkeypatch.setattr("ui.reader.article_view.build_from_html", lambda *a, **k: None)
    window = make_window()
    window.view.set_line_spacing(spacing)
    window.import_paths([_saved_page(tmp_path, size)])
    qtbot.waitUntil(lambda: window.view.article is not None, timeout=30000)
    view = window.view
    assert CAPTION not in view.article.text  # search, anchoring and briefs never see it
    assert PARAGRAPHS[-1] in view.article.text

    doc = view.document()
    picture = doc.begin()
    while picture.isValid() and image_in(picture) is None:
        picture = picture.next()
    assert picture.isValid(), "the picture is in the reader"
    caption = picture.next()
    assert caption.text() == CAPTION

    layout = doc.documentLayout()
    picture_box = layout.blockBoundingRect(picture)
    caption_box = layout.blockBoundingRect(caption)
    image = image_in(picture)[1]
    assert picture_box.height() - image.height() < MAX_GAP  # no leading under the picture
    assert 0 <= caption_box.top() - picture_box.bottom() < MAX_GAP
    assert caption.next().text() == PARAGRAPHS[2]  # then the text goes on
