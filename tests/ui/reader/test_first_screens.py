"""The window's first frame lays out a long article's first screens, from where the analyst
was reading; the rest, and every highlight in it, follow once the frame is painted, with
the view where it was."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from storage.highlighting import annotate_quote
from storage.library import Library
from tests.ui.conftest import article
from ui.app.settings import Settings
from ui.shell.main_window import MainWindow
from ui.theme.manager import ThemeManager

PARAGRAPHS = [
    f"Paragraph {number}: container traffic through the port of Latakia rose again, the "
    f"port authority said, and shipping agents counted {number} more vessels waiting."
    for number in range(400)
]


def _deferred_window(qtbot, qapp, library_path, settings_path) -> MainWindow:
    """The window as the app starts it: panels after the first frame."""
    library = Library.open(library_path)
    settings = Settings(store=QSettings(str(settings_path), QSettings.Format.IniFormat))
    themes = ThemeManager(settings=settings, app=qapp)
    window = MainWindow(library=library, settings=settings, themes=themes, defer_panels=True)
    window.resize(1100, 700)
    qtbot.addWidget(window)
    window.destroyed.connect(library.close)
    return window


def _long_article_read(library_path, place_text: str | None = None) -> tuple[int, str]:
    """A 400-paragraph article, read last (from place_text on, if given): its id and text."""
    with Library.open(library_path) as library:
        article_id = library.articles.add(article("Port traffic", PARAGRAPHS)).article_id
        text = library.articles.get(article_id).text
        library.articles.mark_opened(article_id)
        if place_text is not None:
            library.articles.remember_place(article_id, text.index(place_text), 62)
    return article_id, text


def _block_texts(window: MainWindow) -> list[str]:
    doc = window.view.document()
    block, texts = doc.begin(), []
    while block.isValid():
        texts.append(block.text())
        block = block.next()
    return texts


def test_a_long_article_starts_with_its_first_screens_then_the_whole(
    qtbot, qapp, library_path, settings_path
) -> None:
    article_id, text = _long_article_read(library_path)
    with Library.open(library_path) as library:
        last = annotate_quote(library, article_id, "counted 399 more vessels")
    window = _deferred_window(qtbot, qapp, library_path, settings_path)
    window.show()  # and at once, as the app starts: the article is laid out before the frame
    window.open_start_article()
    assert not window.view.whole_article_shown
    shown = _block_texts(window)
    assert any(t.startswith("Paragraph 0:") for t in shown)
    assert not any(t.startswith("Paragraph 399:") for t in shown)  # only the first screens
    assert len(shown) < 100
    with qtbot.waitSignal(window.setup_finished, timeout=5000):
        pass  # the first frame is painted, the panels and the rest follow
    assert window.view.whole_article_shown
    assert any(t.startswith("Paragraph 399:") for t in _block_texts(window))
    assert window.view.verticalScrollBar().value() == 0  # still at the top
    ranges = window.view.highlight_ranges()
    assert [annotation_id for _s, _e, annotation_id, _c in ranges] == [last]
    start, end, _id, _colour = ranges[0]
    cursor = window.view.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(end, cursor.MoveMode.KeepAnchor)
    assert cursor.selectedText() == "counted 399 more vessels"
    assert text.count("counted 399 more vessels") == 1


def test_the_first_screens_reach_the_place_the_analyst_was_reading(
    qtbot, qapp, library_path, settings_path
) -> None:
    _article_id, text = _long_article_read(library_path, "Paragraph 250:")
    place = text.index("Paragraph 250:")
    window = _deferred_window(qtbot, qapp, library_path, settings_path)
    window.show()  # and at once, as the app starts: the article is laid out before the frame
    window.open_start_article()
    assert not window.view.whole_article_shown
    shown = _block_texts(window)
    assert any(t.startswith("Paragraph 250:") for t in shown)  # the place, and a screen on
    assert any(t.startswith("Paragraph 260:") for t in shown)
    assert not any(t.startswith("Paragraph 399:") for t in shown)
    with qtbot.waitSignal(window.setup_finished, timeout=5000):
        pass
    assert window.view.whole_article_shown
    qtbot.wait(50)  # Qt lays the rest of a long document out in steps: measure once it has
    assert abs(window.view.top_offset() - place) < 200  # the rest came without moving it


def test_find_before_the_panels_makes_the_find_bar_once(
    qtbot, qapp, library_path, settings_path
) -> None:
    """The find bar is not part of the first frame; Find in Article before the panels are
    made still opens it, and the panels then keep that one."""
    _long_article_read(library_path)
    window = _deferred_window(qtbot, qapp, library_path, settings_path)
    window.show()
    window.open_start_article()
    assert window.find_bar is None
    assert window.actions["find"].isEnabled()
    window.actions["find"].trigger()
    bar = window.find_bar
    assert bar is not None and bar.isVisibleTo(window)
    with qtbot.waitSignal(window.setup_finished, timeout=5000):
        pass
    assert window.find_bar is bar
    assert len(window.findChildren(type(bar))) == 1
