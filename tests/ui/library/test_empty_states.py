"""Empty and no-result states say something: a new library, a search or a tag that matches
nothing."""

from __future__ import annotations

from PySide6.QtCore import Qt


def test_a_new_empty_library_says_how_to_begin(qtbot, make_window):
    window = make_window()
    pane = window.library_pane
    assert pane.empty.isVisible()
    assert "Ctrl+O" in pane.empty.text() and "Ctrl+Shift+V" in pane.empty.text()
    assert window.view.article is None
    assert "Choose an article" in window.view.placeholderText()


def test_a_search_with_no_result_says_so_and_clears_with_the_search(qtbot, make_window, seeded):
    window = make_window()
    pane = window.library_pane
    assert not pane.empty.isVisible()
    pane.search.setFocus()
    qtbot.keyClicks(pane.search, "zanzibar")
    qtbot.waitUntil(pane.empty.isVisible, timeout=3000)
    assert pane.empty.text() == "No article matches “zanzibar”."
    qtbot.keyClick(pane.search, Qt.Key.Key_Escape)  # clears the search
    qtbot.waitUntil(lambda: not pane.empty.isVisible(), timeout=3000)
    assert pane.model.rowCount() == 2


def test_a_highlight_filter_with_no_result_says_so_and_counts_honestly(qtbot, make_window, seeded):
    window = make_window()
    window.open_article(seeded["port"])
    window.editor.highlight(seeded["port"], 0, 9, color="yellow")
    window.editor.highlight(seeded["port"], 10, 17, color="green")
    pane = window.side_pane
    assert pane.heading.text() == "Highlights (2)"
    pane.color_filter.setCurrentIndex(pane.color_filter.findData("blue"))
    assert pane.heading.text() == "Highlights (0 of 2)"
    assert pane.empty.isVisible() and "No highlight" in pane.empty.text()
    pane.color_filter.setCurrentIndex(pane.color_filter.findData("green"))
    assert pane.heading.text() == "Highlights (1 of 2)" and not pane.empty.isVisible()


def test_search_snippets_show_whole_lines_only():
    from ui.library.delegate import snippet_height

    assert snippet_height(2 * 17, 15) == 30  # two whole lines, not 2.27 lines
    assert snippet_height(2 * 17, 12) == 24
    assert snippet_height(10, 15) == 15  # at least one line
