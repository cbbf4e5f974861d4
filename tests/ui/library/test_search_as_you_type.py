"""The library's search box: results come as you type without blocking it (a query typed
over is dropped), other forms of a word count, highlights and notes that match are their own
group, and searches can be saved in the library and run again."""

from __future__ import annotations

from PySide6.QtCore import Qt

from storage.highlighting import annotate_quote
from storage.library import Library
from storage.records import SearchHit


def _titles(pane) -> list[str]:
    return [pane.model.index(r).data() for r in range(pane.model.rowCount())]


def test_typing_finds_other_forms_of_a_word_and_drops_stale_results(
    qtbot, make_window, seeded
) -> None:
    window = make_window()
    pane = window.library_pane
    pane.search.setFocus()
    qtbot.keyClicks(pane.search, "bridges")  # the article says "bridge"
    qtbot.waitUntil(lambda: _titles(pane) == ["New bridge opens in Homs"], timeout=5000)
    snippet = pane.model.index(0).data(Qt.ItemDataRole.UserRole + 5)
    assert "\x02bridge\x03" in snippet  # the word as the text has it is marked
    # results of a query the analyst has typed over never replace the newest ones
    runner = pane._runner
    stale = [SearchHit(seeded["port"], "Port traffic recovers", "")]
    runner.finished.emit(runner.latest - 1, "bridge", stale, [])
    assert _titles(pane) == ["New bridge opens in Homs"]
    qtbot.keyClicks(pane.search, " -homs")
    qtbot.waitUntil(lambda: pane.empty.isVisible(), timeout=5000)
    assert pane.empty.text() == "No article matches “bridges -homs”."


def test_matching_highlights_and_notes_are_their_own_group(
    qtbot, make_window, seeded, library_path
) -> None:
    with Library.open(library_path) as library:
        found = annotate_quote(library, seeded["port"], "Container", note="ask the harbourmaster")
    window = make_window()
    pane = window.library_pane
    assert window.view.article.id == seeded["bridge"]
    pane.search.setFocus()
    qtbot.keyClicks(pane.search, "harbourmaster")
    qtbot.waitUntil(pane.highlights.isVisible, timeout=5000)
    assert pane.highlights_label.text() == "Highlights and notes (1)"
    assert pane.highlights.model().rowCount() == 1
    item = pane.highlights.model().index(0, 0)
    assert "harbourmaster" in item.data() and "Port traffic recovers" in item.data()
    rect = pane.highlights.visualRect(item)
    with qtbot.waitSignal(pane.highlight_activated) as opened:
        qtbot.mouseClick(pane.highlights.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened.args[0] == seeded["port"]
    assert window.view.article.id == seeded["port"]
    # the reader goes to the highlight itself: it is the one selected beside the article
    qtbot.waitUntil(lambda: window.annotation_actions is not None, timeout=5000)
    qtbot.waitUntil(lambda: window.annotation_actions.pane.current_id() == found, timeout=5000)
    qtbot.keyClick(pane.search, Qt.Key.Key_Escape)  # no search: no group
    qtbot.waitUntil(lambda: not pane.highlights.isVisible(), timeout=5000)


def test_a_search_is_saved_in_the_library_run_again_and_forgotten(
    qtbot, make_window, seeded, library_path
) -> None:
    window = make_window()
    pane = window.library_pane
    assert not pane.saved.isVisible()
    pane.search.setFocus()
    qtbot.keyClicks(pane.search, "river")
    qtbot.mouseClick(pane.save_search, Qt.MouseButton.LeftButton)
    assert pane.save_search.isChecked()
    with Library.open(library_path) as library:
        assert library.search.saved() == ["river"]
    assert pane.saved.isVisible() and pane.saved.itemText(0) == "river"

    qtbot.keyClick(pane.search, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: pane.model.rowCount() == 2, timeout=5000)
    assert not pane.save_search.isChecked()
    # choose it from the list with the keyboard: the search runs again
    pane.saved.setFocus()
    qtbot.keyClick(pane.saved, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: pane.search.text() == "river", timeout=5000)
    qtbot.waitUntil(lambda: _titles(pane) == ["New bridge opens in Homs"], timeout=5000)
    assert pane.save_search.isChecked()

    qtbot.mouseClick(pane.save_search, Qt.MouseButton.LeftButton)  # forget it
    with Library.open(library_path) as library:
        assert library.search.saved() == []
    assert not pane.saved.isVisible()


def test_the_tag_box_is_filled_when_the_analyst_goes_to_it(
    qtbot, make_window, seeded, library_path
) -> None:
    with Library.open(library_path) as library:
        annotate_quote(library, seeded["port"], "Container", tags=["ports"])
    window = make_window()
    pane = window.library_pane
    assert pane.tag.count() == 1  # not counted before the first frame
    pane.tag.setFocus()
    qtbot.waitUntil(lambda: pane.tag.count() == 2, timeout=3000)
    assert pane.tag.itemText(1) == "#ports (1)"
    qtbot.keyClick(pane.tag, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: pane.model.rowCount() == 1, timeout=3000)
    assert _titles(pane) == ["Port traffic recovers"]


def test_the_search_benchmark_asks_for_what_the_window_asks_for() -> None:
    """bench/search_speed.py times a keystroke as the window's search worker runs it."""
    from bench import search_speed
    from ui.library import search_runner

    assert (search_speed.PAGE, search_speed.VISIBLE, search_speed.HIGHLIGHTS) == (
        search_runner.PAGE,
        search_runner.SNIPPETS,
        search_runner.HIGHLIGHTS,
    )
