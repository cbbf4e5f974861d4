"""A long library list, driven by the keys: it goes to its end and back with every row right,
keeps only a few pages of rows and of laid-out lines (a list of 100,000 articles kept them
all, and Python's collector stalled the scrolling walking them), and the lines it reuses
are drawn in the colours of the row's state."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPalette

from storage.library import Library
from tests.conftest import make_article
from ui.library import delegate as delegate_module
from ui.library import model as model_module

ARTICLES = 45


def _titles(library_path) -> list[str]:
    """Add the articles; their titles newest first, the list's default order."""
    with Library.open(library_path) as library:
        for number in range(ARTICLES):
            library.articles.add(
                make_article(
                    f"Dispatch {number:02d} from the port",
                    [f"Dispatch {number} says ships came in on day {number} of the month."],
                    url=f"https://e.org/{number}",
                )
            )
        library.conn.execute(  # one a minute, so the order is the capture order
            "UPDATE articles SET captured = strftime('%Y-%m-%dT%H:%M:00+00:00', "
            "'2026-11-01 08:00', '+' || id || ' minutes')"
        )
    return [f"Dispatch {number:02d} from the port" for number in reversed(range(ARTICLES))]


def test_the_list_goes_to_its_end_and_back_keeping_few_rows(
    qtbot, make_window, library_path, monkeypatch
) -> None:
    monkeypatch.setattr(model_module, "PAGE", 5)
    monkeypatch.setattr(model_module, "ROWS_KEPT", 10)
    monkeypatch.setattr(model_module, "ID_PAGE", 12)  # ids fetched as the list scrolls
    monkeypatch.setattr(delegate_module, "ROWS_LAID_OUT", 8)
    titles = _titles(library_path)
    window = make_window()
    pane = window.library_pane
    view, model = pane.view, pane.model
    assert model.rowCount() < ARTICLES  # pages of ids, as far as the window shows
    view.setFocus()
    view.setCurrentIndex(model.index(0))
    held = model.rowCount()
    gone = model.article_id(held - 1)  # the last row held, deleted in another window
    with Library.open(library_path) as other:
        other.conn.execute("DELETE FROM articles WHERE id = ?", [gone])
    for _ in range(10):  # Ctrl+End, as often as it takes the list to fetch its end
        qtbot.keyClick(view, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
        qtbot.wait(5)
        if model.rowCount() == ARTICLES and view.currentIndex().row() == ARTICLES - 1:
            break
    assert view.currentIndex().row() == ARTICLES - 1  # the deleted one stays till reload
    assert view.currentIndex().data() == titles[-1] == "Dispatch 00 from the port"
    for _ in range(ARTICLES // 3):  # back up a row at a time, painting as it goes
        qtbot.keyClick(view, Qt.Key.Key_Up)
        view.viewport().repaint()
    qtbot.keyClick(view, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    view.viewport().repaint()
    assert view.currentIndex().row() == 0
    shown = [model.index(row).data() for row in range(ARTICLES)]
    ids = [model.article_id(row) for row in range(ARTICLES)]
    assert len(set(ids)) == ARTICLES and ids[held - 1] == gone  # none twice, none skipped
    assert shown[: held - 1] + shown[held:] == titles[: held - 1] + titles[held:]
    assert len(model._rows) <= 10  # the bounds are the behaviour under test
    assert len(view.itemDelegate()._laid_out) <= 8


def test_the_list_opens_on_its_first_screens_and_fetches_the_rest_as_it_scrolls(
    qtbot, make_window, library_path, monkeypatch
) -> None:
    """A list opens on a few screens of ids, not a page of thousands; going down a row at
    a time past them fetches pages, in order, with nothing skipped."""
    monkeypatch.setattr(model_module, "FIRST_IDS", 6)
    monkeypatch.setattr(model_module, "ID_PAGE", 10)
    titles = _titles(library_path)
    window = make_window()
    view, model = window.library_pane.view, window.library_pane.model
    held = model.rowCount()  # the first 6, and pages of 10 as far as the view is tall
    assert held < ARTICLES and (held - 6) % 10 == 0
    view.setFocus()
    view.setCurrentIndex(model.index(0))
    for _ in range(ARTICLES - 1):
        qtbot.keyClick(view, Qt.Key.Key_Down)
    assert view.currentIndex().row() == ARTICLES - 1
    assert [model.index(row).data() for row in range(model.rowCount())] == titles


def test_a_line_drawn_again_takes_the_colour_of_the_rows_state(
    qtbot, make_window, library_path
) -> None:
    """The selection moves down a row: the row left has its site and date in the muted
    colour again, the row reached in the selection's, though both lines were laid out
    before."""
    _titles(library_path)
    window = make_window()
    view, model = window.library_pane.view, window.library_pane.model
    palette = view.palette()
    role = QPalette.ColorRole
    muted = palette.color(role.PlaceholderText).name()
    chosen = palette.color(QPalette.ColorGroup.Active, role.Highlight).name()
    assert muted != palette.color(role.HighlightedText).name()

    def colours(row: int) -> set[str]:
        image: QImage = view.viewport().grab(view.visualRect(model.index(row))).toImage()
        return {
            image.pixelColor(x, y).name()
            for x in range(image.width())
            for y in range(image.height())
        }

    view.setCurrentIndex(model.index(0))
    view.viewport().repaint()
    assert chosen in colours(0) and muted not in colours(0)
    assert muted in colours(1) and chosen not in colours(1)
    qtbot.keyClick(view, Qt.Key.Key_Down)
    view.viewport().repaint()
    assert view.currentIndex().row() == 1
    assert muted in colours(0) and chosen not in colours(0)
    assert chosen in colours(1) and muted not in colours(1)
