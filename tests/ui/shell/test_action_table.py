"""The table of actions (ui/shell/actions.py): every action declared once, the menus and the
toolbar laid out from it, and every window-wide action firing from wherever the focus is."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from ui.shell.actions import ACTIONS, MENUS, SEPARATOR


def _menu_names(entries) -> list[str]:
    names = []
    for entry in entries:
        if isinstance(entry, tuple):
            names += _menu_names(entry[1])
        elif entry != SEPARATOR:
            names.append(entry)
    return names


def test_every_declared_action_is_in_a_menu_once_and_shortcuts_are_unique(make_window, seeded):
    window = make_window()
    in_menus = [n for _title, entries in MENUS for n in _menu_names(entries)]
    assert sorted(in_menus) == sorted(spec.name for spec in ACTIONS)
    keys = [k.toString() for action in window.actions for k in action.shortcuts()]
    assert len(keys) == len(set(keys)), "two actions share a shortcut"
    for title, menu in window.menus.items():
        assert menu.actions(), title


def test_feature_actions_are_enabled_once_their_feature_has_loaded(make_window, seeded):
    window = make_window()
    for spec in ACTIONS:
        if spec.needs == "feature" and spec.name not in ("undo", "redo"):
            assert window.actions[spec.name].isEnabled(), spec.name


# Actions whose effect can be seen without a modal dialog, and how to see it.
def _fired(window, name: str) -> bool:
    return {
        "copyLink": lambda: QApplication.clipboard().text() == "https://gazette.example.org/port",
        "larger": lambda: window.settings.font_size() > 14,
        "night": lambda: window.themes.current.name == "night",
        "find": lambda: window.find_bar.isVisible(),
        "searchLibrary": lambda: window.library_pane.search.hasFocus(),
    }[name]()


@pytest.mark.parametrize("name", ["copyLink", "larger", "night", "find", "searchLibrary"])
@pytest.mark.parametrize("where", ["search box", "article", "annotations pane", "library list"])
def test_window_wide_shortcuts_fire_wherever_the_focus_is(qtbot, make_window, seeded, name, where):
    window = make_window()
    window.open_article(seeded["port"])
    window.editor.highlight(seeded["port"], 0, 9)  # the pane shows its list and editor
    target = {
        "search box": window.library_pane.search,
        "article": window.view,
        "annotations pane": window.side_pane.list,
        "library list": window.library_pane.view,
    }[where]
    if name == "searchLibrary":
        window.view.setFocus()
        if where == "search box":
            return  # already there
    target.setFocus()
    qtbot.waitUntil(target.hasFocus)
    sequence = window.actions[name].shortcuts()[0]
    combination = sequence[0]
    QTest.keyClick(QApplication.focusWidget(), combination.key(), combination.keyboardModifiers())
    qtbot.waitUntil(lambda: _fired(window, name), timeout=2000)


def test_ctrl_e_opens_the_export_dialog_from_the_search_box(
    qtbot, make_window, seeded, monkeypatch
):
    window = make_window()
    opened = []
    monkeypatch.setattr(window, "export_brief", lambda: opened.append(True))
    window.actions["export"].triggered.disconnect()
    window.actions["export"].triggered.connect(window.export_brief)
    window.library_pane.search.setFocus()
    qtbot.waitUntil(window.library_pane.search.hasFocus)
    qtbot.keyClick(window.library_pane.search, "e", QKeySequence("Ctrl+E")[0].keyboardModifiers())
    assert opened


def test_f1_lists_every_shortcut_from_the_table_and_filters(qtbot, make_window, seeded):
    from ui.shell.help import ShortcutsDialog

    window = make_window()
    qtbot.keyClick(window.view, Qt.Key.Key_F1)
    dialog = window.findChild(ShortcutsDialog)
    assert dialog is not None and dialog.isVisible()
    rows = {
        dialog.model.item(r, 0).text(): dialog.model.item(r, 1).text()
        for r in range(dialog.model.rowCount())
    }
    assert rows["Export Brief…"] == QKeySequence("Ctrl+E").toString(
        QKeySequence.SequenceFormat.NativeText
    )
    assert len(rows) == len(ACTIONS)
    qtbot.keyClicks(dialog.filter, "tags")
    shown = {dialog.proxy.index(r, 0).data() for r in range(dialog.proxy.rowCount())}
    assert shown == {"Tags and Colours…"}
    dialog.close()


def test_about_names_the_version_the_licences_and_the_library(make_window, seeded, library_path):
    from ui.shell.help import about_text

    text = about_text(library_path)
    assert "Postil 0.1.0" in text and str(library_path) in text
    assert "LGPL-3.0" in text and "Apache-2.0" in text


def test_actions_the_issue_named_now_have_shortcuts():
    named = {
        "importFolder",
        "manageTags",
        "backupNow",
        "theme-light",
        "theme-sepia",
        "font-serif",
        "font-sans",
        "reattach",
    }
    assert all(spec.shortcuts for spec in ACTIONS if spec.name in named)


def test_a_separator_keeps_the_theme_buttons_arrow_off_find(qtbot, make_window, seeded):
    """The Theme button's drop-down arrow stood against "Find", as if it opened Find; a
    separator now stands between them, as between the other groups of the toolbar."""
    window = make_window()
    toolbar = window.toolbar
    actions = toolbar.actions()
    theme = next(a for a in actions if toolbar.widgetForAction(a) is window.theme_button)
    following = actions[actions.index(theme) + 1]
    assert following.isSeparator()
    assert actions[actions.index(theme) + 2] is window.actions["find"]
    find = toolbar.widgetForAction(window.actions["find"])
    paste = toolbar.widgetForAction(window.actions["paste"])
    smaller = toolbar.widgetForAction(window.actions["smaller"])
    gap = find.geometry().left() - window.theme_button.geometry().right()
    separated = smaller.geometry().left() - paste.geometry().right()  # a separator's gap
    assert gap == separated
