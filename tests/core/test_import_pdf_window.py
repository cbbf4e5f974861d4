"""PDFs dropped on the window: imported in the background like any file, then read.

(Kept with the PDF importer's tests; the window is built as tests/ui/conftest.py builds it.)
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPointF, QSettings, Qt, QUrl
from PySide6.QtGui import QDropEvent

from storage.library import Library
from tests.core import pdf_fixtures as fx
from ui.app.settings import Settings
from ui.shell.main_window import MainWindow
from ui.theme.manager import ThemeManager


def test_dropped_pdfs_import_and_read_in_the_window(
    qtbot, qapp, library_path: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "drop"
    folder.mkdir()
    fx.printed_news(folder / "news.pdf")
    fx.report(folder / "report.pdf")
    fx.scanned(folder / "scan.pdf")
    with Library.open(library_path) as library:
        store = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
        settings = Settings(store=store)
        window = MainWindow(
            library=library, settings=settings, themes=ThemeManager(settings=settings, app=qapp)
        )
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        mime = QMimeData()
        mime.setUrls([QUrl.fromLocalFile(str(folder))])
        drop = QDropEvent(
            QPointF(200, 200),
            Qt.DropAction.CopyAction,
            mime,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
        )
        window.dropEvent(drop)
        dialog = window._import_dialog
        assert dialog is not None
        with qtbot.waitSignal(dialog.finished_import, timeout=60000):
            pass
        assert "2 imported" in dialog.label.text() and "1 failed" in dialog.label.text()
        assert "scan.pdf" in dialog.details.toPlainText()
        assert "no text layer" in dialog.details.toPlainText()

        titles = {a.title: a.id for a in library.articles.list()}
        window.open_article(titles[fx.REPORT_TITLE])
        shown = window.view.toPlainText()
        assert "reconstruction of the eastern quay" in shown and "Notes" in shown
        window.open_article(titles[fx.NEWS_HEADLINE])
        assert fx.NEWS_PARAGRAPHS[-1] in window.view.toPlainText()
        window.close()
