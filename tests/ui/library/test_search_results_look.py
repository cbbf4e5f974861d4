"""How a search's results look and behave: highlights and notes drawn like highlights (a
colour bar, the quote in “…”, matched words in bold, the note when it matched, the title on
one line), a search found in notes only giving them the room, a search box that keeps its
width, saved searches without a pickable placeholder, and no result selected that is not the
article open."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QFontMetrics, QImage, QPalette
from PySide6.QtWidgets import QStyleOptionViewItem

from storage.highlighting import annotate_quote
from storage.library import Library
from tests.ui.conftest import article

LONG_TITLE = (
    "Port authority says cranes repaired last year doubled the rate of unloading at Latakia, "
    "while customs clearance stays slow and the terminal loses hours to power cuts"
)


def _type(qtbot, pane, text: str) -> None:
    pane.search.setFocus()
    qtbot.keyClicks(pane.search, text)


def _colours(image: QImage, left: int, right: int, top: int, bottom: int) -> set[str]:
    """The colours painted in a rectangle of an image (right and bottom excluded)."""
    return {image.pixelColor(x, y).name() for x in range(left, right) for y in range(top, bottom)}


CRANES = [
    "Shipping agents at Tartus said the repaired gantries now work through the night.",
    "Customs officers promised faster clearance before the harvest.",
]
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def _bold_words(doc) -> list[str]:
    """The bold runs of a laid-out document, in order."""
    words, block = [], doc.begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            if fragment.charFormat().fontWeight() > 500:
                words.append(fragment.text())
            iterator += 1
        block = block.next()
    return words


def test_found_highlights_are_drawn_like_highlights_in_every_theme(
    qtbot, qtmodeltester, make_window, seeded, library_path
) -> None:
    with Library.open(library_path) as library:
        long_one = library.articles.add(
            article(LONG_TITLE, CRANES, url="https://gazette.example.org/cranes")
        ).article_id
        annotate_quote(
            library, long_one, "Shipping agents", color="red", note="ask about the cranes"
        )
        annotate_quote(library, seeded["port"], "terminal's cranes", color="blue")
    window = make_window()
    pane = window.library_pane
    _type(qtbot, pane, "cranes")
    qtbot.waitUntil(pane.highlights.isVisible, timeout=5000)
    assert pane.highlights_label.text() == "Highlights and notes (2)"
    assert pane.highlights_label.font().bold()  # a heading, like "Highlights (3)"
    model = pane.highlights.model()
    qtmodeltester.check(model)
    delegate = pane.highlights.itemDelegate()
    rows = {model.index(r, 0).data(Qt.ItemDataRole.UserRole + 3): r for r in range(2)}
    noted, quoted = model.index(rows["red"], 0), model.index(rows["blue"], 0)

    def layout(index):
        option = QStyleOptionViewItem()
        option.initFrom(pane.highlights)
        option.rect = pane.highlights.visualRect(index)
        option.font = pane.highlights.font()
        return delegate.layout(option, index), option

    # the quote in “…” with the match in bold; the note on a line of its own when it matched
    found, option = layout(noted)
    assert found.quote.toPlainText() == "“Shipping agents”"
    assert found.note is not None and found.note.toPlainText() == "Note: ask about the cranes"
    assert _bold_words(found.note) == ["cranes"]
    plain, _option = layout(quoted)
    assert plain.quote.toPlainText() == "“terminal's cranes”" and plain.note is None
    assert _bold_words(plain.quote) == ["cranes"]
    # the long title elided to one line that fits beside the bar
    metrics = QFontMetrics(found.title_font)
    room = option.rect.width() - 5 - 3 * 8
    assert found.title.endswith("…") and LONG_TITLE.startswith(found.title[:-1])
    assert metrics.horizontalAdvance(found.title) <= room
    assert pane.highlights.visualRect(quoted).height() < pane.highlights.visualRect(noted).height()

    for name in ("light", "night"):  # Ctrl+Shift+D: Night and back
        if window.themes.current.name != name:
            qtbot.keyClick(window, Qt.Key.Key_D, CTRL_SHIFT)
            qtbot.waitUntil(lambda name=name: window.themes.current.name == name, timeout=3000)
        theme = window.themes.current
        # painted: the highlight's colour in a bar left of the text, the title muted
        image = pane.highlights.viewport().grab().toImage()
        rect = pane.highlights.visualRect(noted)
        left, top, bottom = rect.left(), rect.top(), rect.bottom()
        bar = _colours(image, left + 5, left + 8, top + 6, bottom - 6)
        assert bar == {theme.swatch("red").name()}
        assert len(_colours(image, left + 10, left + 16, top, bottom)) == 1  # padding, no text
        title_top = top + int(found.title_top)
        title = _colours(image, left + 20, rect.right(), title_top, title_top + found.title_height)
        assert QColor(theme.muted).name() in title and QColor(theme.text).name() not in title
        # the group's list is framed like the article list, in the theme's border colour
        frame = pane.highlights.grab().toImage()
        middle = frame.height() // 2
        assert frame.pixelColor(0, middle).name() == QColor(theme.border).name()
        listed = pane.view.grab().toImage()
        assert listed.pixelColor(0, listed.height() // 2).name() == QColor(theme.border).name()


def test_a_search_found_only_in_notes_gives_them_the_room(
    qtbot, make_window, seeded, library_path
) -> None:
    with Library.open(library_path) as library:
        first = annotate_quote(library, seeded["port"], "Container", note="ask the harbourmaster")
    window = make_window()
    pane = window.library_pane
    _type(qtbot, pane, "harbourmaster")
    qtbot.waitUntil(pane.highlights.isVisible, timeout=5000)
    assert pane.empty.text() == "No article matches “harbourmaster”; 1 highlight or note does:"
    assert not pane.view.isVisible()  # no empty list above the one result
    qtbot.waitUntil(lambda: pane.highlights.height() > pane.height() // 2, timeout=3000)
    # Down goes into the results found, Enter opens the first
    qtbot.keyClick(pane.search, Qt.Key.Key_Down)
    assert pane.highlights.hasFocus() and pane.highlights.currentIndex().row() == 0
    with qtbot.waitSignal(pane.highlight_activated) as opened:
        qtbot.keyClick(pane.search, Qt.Key.Key_Return)
    assert opened.args == [seeded["port"], first]

    with Library.open(library_path) as library:
        annotate_quote(library, seeded["bridge"], "river", note="the harbourmaster again")
    pane.search.setFocus()
    qtbot.keyClick(pane.search, Qt.Key.Key_Backspace)
    qtbot.waitUntil(lambda: pane.highlights.model().rowCount() == 2, timeout=5000)
    assert pane.empty.text() == "No article matches “harbourmaste”; 2 highlights or notes do:"
    qtbot.keyClick(pane.search, Qt.Key.Key_Escape)
    qtbot.keyClicks(pane.search, "river")  # an article has it too: its list is back
    qtbot.waitUntil(lambda: pane.model.rowCount() == 1, timeout=5000)
    assert pane.view.isVisible() and not pane.empty.isVisible()


def test_the_search_box_keeps_its_width_and_the_save_button_looks_like_one(
    qtbot, make_window, seeded
) -> None:
    window = make_window()
    pane = window.library_pane
    widths = {pane.search.width()}
    pane.search.setFocus()
    for key in "river":
        qtbot.keyClicks(pane.search, key)
        widths.add(pane.search.width())
    qtbot.mouseClick(pane.save_search, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: pane.save_search.text() == "Saved", timeout=3000)
    qtbot.wait(10)  # the layout settles
    widths.add(pane.search.width())
    qtbot.mouseClick(pane.save_search, Qt.MouseButton.LeftButton)  # forgotten again
    qtbot.waitUntil(lambda: pane.save_search.text() == "Save", timeout=3000)
    qtbot.wait(10)
    widths.add(pane.search.width())
    assert len(widths) == 1
    # a frame drawn around it when the pointer is elsewhere (not a bare label)
    qtbot.mouseMove(pane.search, QPoint(5, 5))
    image = pane.save_search.grab().toImage()
    inside = image.pixelColor(image.width() // 2, 3).name()
    edge = {image.pixelColor(0, y).name() for y in range(4, image.height() - 4)}
    assert inside not in edge


def test_saved_searches_list_only_searches(qtbot, make_window, seeded, library_path) -> None:
    with Library.open(library_path) as library:
        library.search.save("river")
        library.search.save("latakia")
    window = make_window()
    pane = window.library_pane
    qtbot.waitUntil(pane.saved.isVisible, timeout=3000)
    assert pane.saved.currentText() == "" and pane.saved.placeholderText() == "Saved searches"
    pane.saved.showPopup()
    popup = pane.saved.view()
    qtbot.waitUntil(popup.isVisible, timeout=3000)
    listed = [popup.model().index(r, 0).data() for r in range(popup.model().rowCount())]
    assert listed == ["river", "latakia"]  # nothing else to pick
    first = popup.visualRect(popup.model().index(0, 0)).center()
    qtbot.mouseClick(popup.viewport(), Qt.MouseButton.LeftButton, pos=first)
    qtbot.waitUntil(lambda: pane.search.text() == "river", timeout=3000)
    assert pane.saved.currentText() == ""  # back to its placeholder, ready for the next
    # the keyboard cannot land on a placeholder either: Up from the top picks nothing
    pane.saved.setFocus()
    qtbot.keyClick(pane.saved, Qt.Key.Key_Up)
    assert pane.search.text() == "river" and pane.saved.currentIndex() == -1


def test_a_search_selects_the_open_article_or_nothing(qtbot, make_window, seeded) -> None:
    window = make_window()
    pane = window.library_pane
    assert window.view.article.id == seeded["bridge"]
    palette = pane.view.palette()
    selected_colour = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.Highlight)

    def painted_selection() -> bool:
        image = pane.view.viewport().grab().toImage()
        return selected_colour.name() in _colours(image, 0, image.width(), 0, image.height())

    _type(qtbot, pane, "latakia")  # only the port article: not the one open
    qtbot.waitUntil(lambda: pane.model.rowCount() == 1 and pane.model.searching, timeout=5000)
    assert not pane.view.selectionModel().hasSelection() and pane.current_id() is None
    assert not painted_selection()

    qtbot.keyClick(pane.search, Qt.Key.Key_Escape)
    _type(qtbot, pane, "port")  # both: the open article stays the one selected
    qtbot.waitUntil(lambda: pane.model.rowCount() == 2 and pane.model.searching, timeout=5000)
    assert pane.current_id() == seeded["bridge"]
    rows = pane.view.selectionModel().selectedRows()
    assert [r.data(Qt.ItemDataRole.UserRole + 1) for r in rows] == [seeded["bridge"]]
    assert painted_selection()

    # Enter still opens the first result
    first = pane.model.index(0).data(Qt.ItemDataRole.UserRole + 1)
    qtbot.keyClick(pane.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.view.article.id == first, timeout=3000)
    assert pane.current_id() == first


def test_found_words_are_marked_where_they_matched() -> None:
    from storage.search import HighlightHit
    from ui.library.found_highlights import found_parts, marked_html

    def hit(quote: str, note: str, snippet: str) -> HighlightHit:
        return HighlightHit(1, 2, "Title", "yellow", quote, note, snippet)

    # cut from the note: the note shown as cut, the quote with the query's words marked
    from_note = hit("the port road", "ask about it", "ask \x02about\x03 it")
    quote, note = found_parts(from_note, ["about", "port"])
    assert (quote, note) == ("the \x02port\x03 road", "ask \x02about\x03 it")
    # cut from the quote, the note without the words: no note line
    assert found_parts(hit("a \x02b\x03", "unrelated", "a \x02b\x03"), ["b"])[1] == ""
    # a phrase, a word still being typed, and a mark left open by a cut
    quote, _note = found_parts(hit("The Final  Battle began", "", ""), ["final battle", "beg"])
    assert marked_html(quote) == "The <b>Final Battle</b> <b>began</b>"
    assert marked_html("a \x02b <c") == "a <b>b &lt;c</b>"
