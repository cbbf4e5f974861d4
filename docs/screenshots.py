"""Retake the screenshots in docs/: the window in each theme with a few highlights, the empty
library, and the README's Light and Night side by side.

    xvfb-run -a .venv/bin/python docs/screenshots.py     (or QT_QPA_PLATFORM=offscreen)

The libraries and settings it makes go to a temporary folder; nothing of the analyst's.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
HIGHLIGHTS = (  # quote, colour, tags, note
    ("Alawite", "yellow", ["alawites"], ""),
    ("final battle", "red", ["threats"], "Rhetoric, or a plan? Compare with the March statements."),
    ("coast", "blue", ["geography"], ""),
)


def main() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtGui import QColor, QImage, QPainter
    from PySide6.QtWidgets import QApplication

    from storage.highlighting import annotate_quote
    from storage.library import Library
    from storage.samples import seed_if_new
    from ui.app.settings import Settings
    from ui.shell.main_window import MainWindow
    from ui.theme.manager import ThemeManager

    app = QApplication(sys.argv[:1])
    work = Path(tempfile.mkdtemp(prefix="postil-shots-"))
    with Library.open(work / "readme.postil") as library:
        seed_if_new(library)
        article = next(a for a in library.articles.list() if "Welcome" not in a.title).id
        text = library.articles.get(article).text
        for quote, color, tags, note in HIGHLIGHTS:
            if quote in text:
                annotate_quote(library, article, quote, color=color, tags=tags, note=note)
        library.articles.mark_opened(article)

    def shoot(library_name: str, theme: str | None, out: str, *, open_start: bool) -> QImage:
        store = QSettings(str(work / f"{out}.ini"), QSettings.Format.IniFormat)
        settings = Settings(store=store)
        if theme:
            settings.set("theme/name", theme)
        library = Library.open(work / library_name)
        window = MainWindow(
            library=library, settings=settings, themes=ThemeManager(settings=settings, app=app)
        )
        window.resize(1280, 800)
        window.show()
        if open_start:
            window.open_start_article()
        for _ in range(20):
            app.processEvents()
        image = window.grab().toImage()
        image.save(str(DOCS / f"{out}.png"))
        window.close()
        library.close()
        return image

    images = {
        theme: shoot("readme.postil", theme, f"window-{theme}", open_start=True)
        for theme in ("light", "sepia", "night")
    }
    shoot("empty.postil", None, "window-empty", open_start=False)
    smooth, keep = Qt.TransformationMode.SmoothTransformation, Qt.AspectRatioMode.KeepAspectRatio
    light, night = images["light"], images["night"]
    width, height = int(light.width() * 0.62), int(light.height() * 0.62)
    left = light.scaled(width, height, keep, smooth)
    right = night.scaled(left.width(), left.height(), keep, smooth)
    gap = 16
    both = QImage(left.width() * 2 + gap, left.height(), QImage.Format.Format_RGB32)
    both.fill(QColor("#ffffff"))
    painter = QPainter(both)
    painter.drawImage(0, 0, left)
    painter.drawImage(left.width() + gap, 0, right)
    painter.end()
    both.save(str(DOCS / "screenshot.png"))


if __name__ == "__main__":
    main()
