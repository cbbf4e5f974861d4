"""Highlighting, tagging, noting, undoing: driven with clicks and keys, checked in the window
and in the database."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from storage.library import Library
from tests.ui.conftest import article
from ui.annotations.model import ARTICLE_ROLE

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier

pytest.importorskip("core.anchoring")


def select_words(qtbot, view, offset: int, words: int) -> None:
    """Click before the word at a canonical offset, then Shift+Ctrl+Right over `words`."""
    view.scroll_to_offset(offset, center=True)
    cursor = view.textCursor()
    cursor.setPosition(view.positions.to_qt(offset))
    rect = view.cursorRect(cursor)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert abs(view.textCursor().position() - view.positions.to_qt(offset)) <= 1
    view.setFocus()
    for _ in range(words):
        qtbot.keyClick(view, Qt.Key.Key_Right, CTRL | SHIFT)


@pytest.fixture
def window(make_window, seeded):
    window = make_window()
    window.open_article(seeded["port"])
    return window


def test_select_and_ctrl_h_highlights_in_window_and_database(qtbot, window) -> None:
    text = window.view.article.text
    start = text.index("Shipping agents")
    select_words(qtbot, window.view, start, 2)
    qtbot.keyClick(window.view, Qt.Key.Key_H, CTRL)
    (stored,) = window.library.annotations.for_article(window.view.article.id)
    assert stored.quote == "Shipping agents"
    assert (stored.start, stored.end) == (start, start + len("Shipping agents"))
    assert stored.color == "yellow" and len(stored.prefix) >= 32 and len(stored.suffix) >= 32
    assert len(window.view.extraSelections()) == 1
    assert window.view.extraSelections()[0].cursor.selectedText() == "Shipping agents"
    assert window.side_pane.anchored.rowCount() == 1
    assert window.side_pane.current_id() == stored.id
    assert (
        window.library_pane.model.data(
            window.library_pane.model.index(window.library_pane.model.row_of(stored.article_id)),
            Qt.ItemDataRole.UserRole + 4,
        )
        == 1
    )


def test_colour_keys_undo_and_redo(qtbot, window) -> None:
    text = window.view.article.text
    select_words(qtbot, window.view, text.index("backlog"), 1)
    qtbot.keyClick(window.view, Qt.Key.Key_3, CTRL)  # blue
    (made,) = window.library.annotations.for_article(window.view.article.id)
    assert made.color == "blue"
    window.side_pane.list.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_5, CTRL)  # no selection: recolour the current one
    assert window.library.annotations.get(made.id).color == "purple"
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
    assert window.library.annotations.get(made.id).color == "blue"
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
    assert window.library.annotations.count() == 0
    assert window.view.extraSelections() == []
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL | SHIFT)
    assert window.library.annotations.get(made.id).color == "blue"
    assert len(window.view.extraSelections()) == 1


def test_delete_in_panel_then_undo_restores_everything(qtbot, window) -> None:
    text = window.view.article.text
    select_words(qtbot, window.view, text.index("slow customs"), 2)
    qtbot.keyClick(window.view, Qt.Key.Key_H, CTRL)
    (made,) = window.library.annotations.for_article(window.view.article.id)
    window.library.annotations.set_tags(made.id, ["customs"])
    window.side_pane.reload(select_id=made.id)
    full = window.library.annotations.get(made.id)
    window.side_pane.list.setFocus()
    qtbot.keyClick(window.side_pane.list, Qt.Key.Key_Delete)
    assert window.library.annotations.count() == 0
    assert window.side_pane.anchored.rowCount() == 0
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
    assert window.library.annotations.get(made.id) == full


def _answer_dialog(qtbot, name: str, fill) -> None:
    def answer() -> None:
        dialog = next(
            w for w in QApplication.topLevelWidgets() if w.objectName() == name and w.isVisible()
        )
        fill(dialog)
        dialog.accept()

    QTimer.singleShot(50, answer)


def test_ctrl_t_tags_with_new_and_existing_tags(qtbot, window) -> None:
    text = window.view.article.text
    select_words(qtbot, window.view, text.index("electricity shortages"), 2)
    qtbot.keyClick(window.view, Qt.Key.Key_H, CTRL)
    (made,) = window.library.annotations.for_article(window.view.article.id)
    window.library.annotations.set_tags(made.id, ["energy"])
    window.side_pane.reload(select_id=made.id)
    window.side_pane.list.setFocus()
    _answer_dialog(qtbot, "tagDialog", lambda d: qtbot.keyClicks(d.edit, "to verify, Energy"))
    qtbot.keyClick(window, Qt.Key.Key_T, CTRL)
    assert window.library.annotations.get(made.id).tags == ("energy", "to verify")
    assert sorted(window.library.tags.names()) == ["energy", "to verify"]
    tag_filter = window.side_pane.tag_filter
    assert tag_filter.findData("to verify") > 0


def test_note_in_panel_saved_on_leaving_and_rendered(qtbot, window) -> None:
    text = window.view.article.text
    select_words(qtbot, window.view, text.index("port authority"), 2)
    qtbot.keyClick(window.view, Qt.Key.Key_H, CTRL)
    (made,) = window.library.annotations.for_article(window.view.article.id)
    note = window.side_pane.note_edit
    note.setFocus()
    qtbot.keyClicks(note, "Check the **official** figures")
    window.side_pane.tag_edit.setFocus()
    assert window.library.annotations.get(made.id).note == "Check the **official** figures"
    from core.notes import render_note_html

    assert "<strong>official</strong>" in render_note_html("Check the **official** figures")


def test_ctrl_shift_m_note_dialog(qtbot, window) -> None:
    text = window.view.article.text
    select_words(qtbot, window.view, text.index("foodstuffs"), 1)
    _answer_dialog(qtbot, "noteDialog", lambda d: qtbot.keyClicks(d.edit, "food *imports*"))
    qtbot.keyClick(window.view, Qt.Key.Key_M, CTRL | SHIFT)
    (made,) = window.library.annotations.for_article(window.view.article.id)
    assert made.quote == "foodstuffs" and made.note == "food *imports*"


def test_clicking_a_highlight_selects_it_in_panel_and_panel_click_scrolls(qtbot, window) -> None:
    from storage.highlighting import annotate_quote

    article_id = window.view.article.id
    first = annotate_quote(window.library, article_id, "Container traffic")
    last = annotate_quote(window.library, article_id, "cranes can operate", occurrence=12)
    window.open_article(window.library_pane.model.article_id(0))
    window.open_article(article_id)
    assert window.side_pane.anchored.rowCount() == 2
    window.view.scroll_to_offset(0)
    cursor = window.view.textCursor()
    inside = window.view.article.text.index("Container traffic") + 3
    cursor.setPosition(window.view.positions.to_qt(inside))
    qtbot.mouseClick(
        window.view.viewport(),
        Qt.MouseButton.LeftButton,
        pos=window.view.cursorRect(cursor).center(),
    )
    assert window.side_pane.current_id() == first
    row = window.side_pane.anchored.mapFromSource(
        window.side_pane.model.index(window.side_pane.model.row_of(last))
    )
    rect = window.side_pane.list.visualRect(row)
    qtbot.mouseClick(window.side_pane.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.view.top_offset() > 1000


def test_overlapping_highlights_and_innermost_wins(qtbot, window) -> None:
    from storage.highlighting import annotate_quote

    article_id = window.view.article.id
    outer = annotate_quote(window.library, article_id, "Container traffic through the port")
    inner = annotate_quote(window.library, article_id, "traffic", color="red")
    window.annotation_actions.refresh_highlights()
    assert len(window.view.extraSelections()) == 2
    position = window.view.positions.to_qt(window.view.article.text.index("traffic") + 2)
    assert window.view.highlight_at(position) == inner
    container = window.view.article.text.index("Container traffic")
    assert window.view.highlight_at(window.view.positions.to_qt(container + 2)) == outer


def test_highlights_survive_restart(make_window, seeded) -> None:
    window = make_window()
    window.open_article(seeded["port"])
    from storage.highlighting import annotate_quote

    annotate_quote(window.library, seeded["port"], "lasting recovery")
    window.close()
    again = make_window()
    assert again.view.article.id == seeded["port"]
    (selection,) = again.view.extraSelections()
    assert selection.cursor.selectedText() == "lasting recovery"


def test_orphan_listed_apart_and_reattached(qtbot, make_window, library_path: Path) -> None:
    url = "https://gazette.example.org/changing"
    with Library.open(library_path) as library:
        article_id = library.articles.add(
            article(
                "Changing story",
                [
                    "The minister resigned on Tuesday after the vote of no "
                    "confidence in parliament.",
                    "Markets were calm.",
                ],
                url=url,
            )
        ).article_id
        from storage.highlighting import annotate_quote

        annotate_quote(library, article_id, "resigned on Tuesday")
        library.articles.add(
            article(
                "Changing story",
                ["Markets were calm.", "Analysts expect a new cabinet soon."],
                url=url,
            )
        )
        (orphan,) = library.annotations.for_article(article_id)
        assert orphan.status == "orphaned"
    window = make_window()
    window.open_article(article_id)
    pane = window.side_pane
    assert pane.anchored.rowCount() == 0 and pane.orphans.rowCount() == 1
    assert pane.orphan_list.isVisible() and pane.reattach_button.isVisible()
    text = window.view.article.text
    select_words(qtbot, window.view, text.index("new cabinet"), 2)
    pane.orphan_list.setCurrentIndex(pane.orphans.index(0, 0))
    qtbot.mouseClick(pane.reattach_button, Qt.MouseButton.LeftButton)
    stored = window.library.annotations.get(orphan.id)
    assert stored.status == "anchored" and stored.quote == "new cabinet"
    assert pane.orphans.rowCount() == 0 and pane.anchored.rowCount() == 1
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
    assert window.library.annotations.get(orphan.id).status == "orphaned"


def test_all_highlights_dialog_filters_and_jumps(qtbot, window, seeded) -> None:
    from storage.highlighting import annotate_quote

    annotate_quote(window.library, seeded["bridge"], "new bridge", tags=["infrastructure"])
    wanted = annotate_quote(
        window.library, seeded["port"], "customs clearance", occurrence=3, color="red"
    )
    qtbot.keyClick(window, Qt.Key.Key_A, CTRL | SHIFT)
    dialog = window.annotation_actions._all_dialog
    assert dialog.isVisible() and dialog.model.rowCount() == 2
    dialog.color.setCurrentIndex(dialog.color.findData("red"))
    assert dialog.model.rowCount() == 1
    dialog.color.setCurrentIndex(0)
    qtbot.keyClicks(dialog.search, "bridge")
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1)
    dialog.search.clear()
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 2)
    row = next(r for r in range(2) if dialog.model.annotation(r).id == wanted)
    dialog.view.setFocus()
    dialog.view.setCurrentIndex(dialog.model.index(row))
    qtbot.keyClick(dialog.view, Qt.Key.Key_Return)
    assert window.view.article.id == seeded["port"]
    assert window.side_pane.current_id() == wanted
    # the browser stays open and steps aside from the passage it jumped to
    record = window.library.annotations.get(wanted)
    passage = window.view.passage_rect(record.start, record.end)
    assert dialog.isVisible() and passage.height() > 0
    assert (
        window.view.viewport()
        .rect()
        .contains(window.view.viewport().mapFromGlobal(passage.center()))
    )
    assert not dialog.frameGeometry().intersects(passage)


def test_all_highlights_names_each_rows_article_after_filter_upon_filter(
    qtbot, window, seeded
) -> None:
    """A filter narrowed to rows the one before showed: each row still names its article
    (the titles were read only for articles not shown before, then the old ones dropped)."""
    from storage.highlighting import annotate_quote

    annotate_quote(window.library, seeded["bridge"], "new bridge", tags=["roads"], color="red")
    annotate_quote(window.library, seeded["port"], "customs clearance", tags=["roads"])
    annotate_quote(window.library, seeded["port"], "third consecutive month", color="red")
    qtbot.keyClick(window, Qt.Key.Key_A, CTRL | SHIFT)
    dialog = window.annotation_actions._all_dialog
    titles = {a.id: a.title for a in window.library.articles.list()}

    def shown() -> list[tuple[str, str]]:
        model = dialog.model
        return [
            (model.annotation(r).quote, model.index(r).data(ARTICLE_ROLE))
            for r in range(model.rowCount())
        ]

    def expected() -> list[tuple[str, str]]:
        model = dialog.model
        records = [model.annotation(r) for r in range(model.rowCount())]
        return [(a.quote, titles[a.article_id]) for a in records]

    dialog.tag.fill_now()
    dialog.tag.setCurrentIndex(dialog.tag.findData("roads"))
    assert len(shown()) == 2 and shown() == expected()
    dialog.color.setCurrentIndex(dialog.color.findData("red"))  # narrowed: one row left
    assert shown() == expected() == [("new bridge", "New bridge opens in Homs")]
    dialog.tag.setCurrentIndex(0)  # widened again: the port's red highlight joins
    assert len(shown()) == 2 and shown() == expected()
    dialog.view.viewport().repaint()


def test_all_highlights_scrolls_to_its_end_in_order(qtbot, window, seeded, monkeypatch) -> None:
    """Ctrl+End, again and again, walks All Highlights to its last highlight, a page at a
    time, each page sought after the last row held: every highlight once, in order, even
    with one it shows deleted from another window before the next page (counted by offset,
    the next page skipped a highlight)."""
    from storage.annotations import AnnotationFilter
    from storage.highlighting import annotate_quote
    from ui.annotations import all_highlights

    monkeypatch.setattr(all_highlights, "PAGE", 3)
    library = window.library
    for article_id in (seeded["port"], seeded["bridge"]):
        text = library.articles.get(article_id).text
        for word in sorted({w.strip(".,") for w in text.split() if len(w) > 5})[:6]:
            annotate_quote(library, article_id, word)
    qtbot.keyClick(window, Qt.Key.Key_A, CTRL | SHIFT)
    dialog = window.annotation_actions._all_dialog
    model, view = dialog.model, dialog.view
    assert model.rowCount() == 3
    with Library.open(library.path) as other:  # another window deletes a later highlight
        gone = [a.id for a in other.annotations.find(AnnotationFilter())][1]  # one shown
        other.conn.execute("DELETE FROM annotations WHERE id = ?", [gone])
    view.setFocus()
    view.setCurrentIndex(model.index(0))
    for _ in range(20):
        qtbot.keyClick(view, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
        view.viewport().repaint()
        if not model.canFetchMore() and view.currentIndex().row() == model.rowCount() - 1:
            break
    expected = [a.id for a in library.annotations.find(AnnotationFilter())]
    shown = [model.annotation(r).id for r in range(model.rowCount())]
    assert len(expected) == 11 and len(set(shown)) == len(shown)
    assert [i for i in shown if i != gone] == expected  # the deleted one stays till reload
    assert view.currentIndex().row() == model.rowCount() - 1
    dialog.close()


def test_all_highlights_steps_aside_from_each_passage_in_turn(qtbot, window, seeded) -> None:
    """Going down the list: after every jump the passage on screen is uncovered."""
    from storage.highlighting import annotate_quote

    for occurrence in (1, 6, 11):
        annotate_quote(window.library, seeded["port"], "customs clearance", occurrence=occurrence)
    window.showMaximized()
    qtbot.keyClick(window, Qt.Key.Key_A, CTRL | SHIFT)
    dialog = window.annotation_actions._all_dialog
    dialog.setGeometry(window.geometry().center().x() - 300, window.geometry().top() + 80, 600, 500)
    dialog.view.setFocus()
    for row in range(dialog.model.rowCount()):
        dialog.view.setCurrentIndex(dialog.model.index(row))
        qtbot.keyClick(dialog.view, Qt.Key.Key_Return)
        record = window.library.annotations.get(window.side_pane.current_id())
        passage = window.view.passage_rect(record.start, record.end)
        assert passage.height() > 0
        assert not dialog.frameGeometry().intersects(passage), row
        assert dialog.screen().availableGeometry().contains(dialog.frameGeometry())


def test_tags_dialog_renames_and_sets_colour_meaning(qtbot, window, seeded) -> None:
    from storage.highlighting import annotate_quote
    from ui.annotations.tags_dialog import TagsDialog

    annotate_quote(window.library, seeded["port"], "backlog", tags=["suply"])
    dialog = TagsDialog(library=window.library, theme=window.themes.current)
    qtbot.addWidget(dialog)
    dialog.list.setCurrentRow(0)
    from PySide6.QtWidgets import QInputDialog

    original = QInputDialog.getText
    QInputDialog.getText = staticmethod(lambda *a, **k: ("supply", True))
    try:
        qtbot.mouseClick(dialog.rename_button, Qt.MouseButton.LeftButton)
    finally:
        QInputDialog.getText = original
    assert window.library.tags.names() == ["supply"]
    meaning = dialog.meanings["red"]
    meaning.setFocus()
    qtbot.keyClicks(meaning, "claim to verify")
    qtbot.keyClick(meaning, Qt.Key.Key_Return)
    assert {c.name: c.meaning for c in window.library.colors.all()}["red"] == "claim to verify"


def test_a_new_version_of_the_open_article_is_shown_and_highlighted_right(
    qtbot, make_window, library_path: Path, tmp_path: Path
) -> None:
    """Highlighting after a re-import must use the text on screen, which is the new one."""
    url = "https://gazette.example.org/versions"
    with Library.open(library_path) as library:
        article_id = library.articles.add(
            article(
                "Versions",
                [
                    "Alpha beta gamma delta epsilon zeta eta theta iota kappa.",
                    "Lambda mu nu xi omicron pi rho sigma tau.",
                ],
                url=url,
            )
        ).article_id
    window = make_window()
    window.open_article(article_id)
    newer = tmp_path / "newer.md"
    newer.write_text(
        f"---\ntitle: Versions\nsource: {url}\n---\n\nLambda mu nu xi omicron "
        "pi rho sigma tau.\n\nA new closing paragraph here.\n",
        encoding="utf-8",
    )
    window.import_paths([newer])
    dialog = window._import_dialog
    qtbot.waitUntil(lambda: window._import_dialog is None, timeout=60000)
    dialog.accept()  # the analyst closes the import report
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    assert window.view.article.version == 2
    assert "Alpha beta" not in window.view.toPlainText()
    text = window.view.article.text
    select_words(qtbot, window.view, text.index("Lambda"), 3)
    qtbot.keyClick(window.view, Qt.Key.Key_H, CTRL)
    (made,) = window.library.annotations.for_article(article_id)
    assert made.quote == "Lambda mu nu"


def test_a_selection_from_an_older_version_is_refused_not_misplaced(
    make_window, library_path: Path
) -> None:
    from storage.errors import LibraryError

    url = "https://gazette.example.org/stale"
    with Library.open(library_path) as library:
        article_id = library.articles.add(
            article("Stale", ["Alpha beta gamma delta epsilon zeta eta theta."], url=url)
        ).article_id
        library.articles.add(article("Stale", ["Other words entirely now."], url=url))
    window = make_window()
    with pytest.raises(LibraryError, match="changed since it was opened"):
        window.editor.highlight(article_id, 0, 5, version=1)
    assert window.library.annotations.count() == 0
    assert window.editor.stack.count() == 0


def test_a_refused_highlight_leaves_no_undo_step(qtbot, window) -> None:
    """Whitespace-only selections and bad tags are refused before anything is stacked."""
    from core.anchoring import AnchoringError
    from storage.errors import LibraryError

    text = window.view.article.text
    gap = text.index("\n\n")
    with pytest.raises(AnchoringError):
        window.editor.highlight(window.view.article.id, gap, gap + 2)
    with pytest.raises(LibraryError):
        window.editor.highlight(window.view.article.id, 0, 5, tags=["x" * 200])
    assert window.editor.stack.count() == 0
    assert window.library.annotations.count() == 0
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)  # nothing to undo, nothing raised


def test_all_highlights_enter_opens_once_and_tags_stay_current(qtbot, window, seeded) -> None:
    from storage.highlighting import annotate_quote

    annotate_quote(window.library, seeded["bridge"], "new bridge", tags=["infrastructure"])
    qtbot.keyClick(window, Qt.Key.Key_A, CTRL | SHIFT)
    dialog = window.annotation_actions._all_dialog
    opened = []
    dialog.open_requested.connect(lambda a, n: opened.append(n))
    dialog.view.setFocus()
    dialog.view.setCurrentIndex(dialog.model.index(0))
    qtbot.keyClick(dialog.view, Qt.Key.Key_Return)
    assert len(opened) == 1
    dialog.hide()
    window.library.tags.rename("infrastructure", "roads")
    qtbot.keyClick(window, Qt.Key.Key_A, CTRL | SHIFT)
    dialog.tag.setFocus()  # the tag box is filled as the analyst goes to it
    qtbot.waitUntil(lambda: dialog.tag.findData("roads") > 0, timeout=3000)
    assert dialog.tag.findData("infrastructure") < 0
