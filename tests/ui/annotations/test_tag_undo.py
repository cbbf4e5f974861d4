"""Tag and colour management joins the undo history: Ctrl+Z after deleting a tag brings the
tag back on its passages, and never undoes an unrelated highlight instead."""

from __future__ import annotations

from PySide6.QtCore import Qt

from ui.annotations.tags_dialog import TagsDialog


def _dialog(qtbot, window) -> TagsDialog:
    dialog = TagsDialog(
        library=window.library,
        theme=window.themes.current,
        editor=window.editor,
        parent=window,
    )
    qtbot.addWidget(dialog)
    return dialog


def _choose(dialog: TagsDialog, name: str) -> None:
    for row in range(dialog.list.count()):
        if dialog.list.item(row).data(256) == name:
            dialog.list.setCurrentRow(row)
            return
    raise AssertionError(f"no tag {name} in the dialog")


def test_deleting_a_tag_is_undone_by_ctrl_z(qtbot, make_window, seeded):
    window = make_window()
    window.open_article(seeded["port"])
    tagged = window.editor.highlight(seeded["port"], 0, 9, tags=["ports", "trade"])
    other = window.editor.highlight(seeded["port"], 10, 17)  # unrelated, made later
    dialog = _dialog(qtbot, window)
    _choose(dialog, "ports")
    dialog._on_delete_clicked()
    dialog.close()
    assert window.library.annotations.get(tagged).tags == ("trade",)
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.library.annotations.get(tagged).tags == ("ports", "trade")
    assert window.library.annotations.get(other).id == other  # the highlight is still there
    qtbot.keyClick(window.view, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)  # redo
    assert window.library.annotations.get(tagged).tags == ("trade",)


def test_a_merge_and_a_colour_meaning_are_undone_in_turn(qtbot, make_window, seeded):
    window = make_window()
    one = window.editor.highlight(seeded["port"], 0, 9, tags=["Ports"])
    two = window.editor.highlight(seeded["port"], 10, 17, tags=["harbours"])
    dialog = _dialog(qtbot, window)
    _choose(dialog, "harbours")
    window.editor.manage_tags(
        "Merge tags", ["harbours", "Ports"], lambda lib: lib.tags.merge("harbours", "Ports")
    )
    window.editor.set_meaning("yellow", "claims to check")
    dialog.close()
    assert window.library.annotations.get(two).tags == ("Ports",)
    window.editor.stack.undo()
    assert {c.name: c.meaning for c in window.library.colors.all()}["yellow"] == ""
    window.editor.stack.undo()
    assert window.library.annotations.get(two).tags == ("harbours",)
    assert window.library.annotations.get(one).tags == ("Ports",)
    assert sorted(window.library.tags.names()) == ["Ports", "harbours"]
