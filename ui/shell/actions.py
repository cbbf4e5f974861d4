"""Every action of the window, declared once (after Picard's MainAction registry): its text,
shortcuts, tooltip and when it is enabled. The menus and the toolbar are laid out from
MENUS and TOOLBAR below; Help ▸ Keyboard Shortcuts can read the same table.

Features that load after the first frame (annotations, backups) do not add actions or splice
menus: their actions are here from the start, disabled, and the feature enables each one by
binding its slot (`ActionTable.bind`). Every action is added to the window, so its shortcut
works whichever widget has the focus.
"""

from collections.abc import Callable
from typing import NamedTuple

from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar, QToolBar, QWidget

from ui.theme.themes import HIGHLIGHT_NAMES, THEME_LABELS, THEME_NAMES, Theme

_STANDARD = QKeySequence.StandardKey


class ActionSpec(NamedTuple):  # named tuples: cheap to define before the first frame
    name: str  # the action's objectName and its key in the table
    text: str
    shortcuts: tuple[str | QKeySequence.StandardKey, ...] = ()
    tip: str = ""
    checkable: bool = False
    group: str = ""  # exclusive group (themes, fonts)
    needs: str = ""  # "": always; "article": an article is open; "feature": bound later


def _spec(name: str, text: str, *shortcuts, tip: str = "", **more) -> ActionSpec:
    return ActionSpec(name, text, tuple(shortcuts), tip, **more)


ACTIONS: tuple[ActionSpec, ...] = (
    # File
    _spec("import", "&Import…", _STANDARD.Open, tip="Import files (Ctrl+O)"),
    _spec(
        "importFolder", "Import &Folder…", "Ctrl+Shift+O", tip="Import every article in a folder"
    ),
    _spec(
        "importHighlights",
        "Import &Highlights…",
        tip="Attach highlights exported from Hypothesis (JSON), Omnivore (.zip) or Readwise "
        "(CSV) to the articles of this library",
    ),
    _spec(
        "paste",
        "&Paste as New Article",
        "Ctrl+Shift+V",
        tip="Import the clipboard's page or text (Ctrl+Shift+V)",
    ),
    _spec(
        "replaceCapture",
        "Replace with Another &Capture…",
        tip="Import another capture of this article (a saved page, a browser copy) as its "
        "current version; its highlights follow",
        needs="article",
    ),
    _spec("export", "&Export Brief…", "Ctrl+E", tip="Export highlights as a brief (Ctrl+E)"),
    _spec(
        "backupNow",
        "Back &Up Library Now",
        "Ctrl+Shift+B",
        tip="Copy the library into its backups folder now",
        needs="feature",
    ),
    _spec(
        "restoreBackup",
        "&Restore Library from Backup…",
        tip="Replace the library with a backup (the current one is kept)",
        needs="feature",
    ),
    _spec("print", "&Print…", _STANDARD.Print, needs="article"),
    _spec("pdf", "Save as P&DF…", "Ctrl+Shift+P", needs="article"),
    _spec("quit", "&Quit", "Ctrl+Q"),
    # Edit
    _spec("undo", "&Undo", _STANDARD.Undo, needs="feature"),
    _spec("redo", "&Redo", "Ctrl+Shift+Z", "Ctrl+Y", needs="feature"),
    _spec("copyLink", "Copy &Link", "Ctrl+Shift+L", tip="Copy the article's source link"),
    _spec("find", "&Find in Article…", _STANDARD.Find),
    _spec("searchLibrary", "&Search Library", "Ctrl+Shift+F"),
    _spec(
        "markDone",
        "Mark as &Done",
        "Ctrl+Alt+D",
        tip="Move the article to Done, out of the inbox (Ctrl+Alt+D)",
    ),
    _spec("markUnread", "Mark as U&nread", "Ctrl+Alt+U", tip="Back to the inbox, as new"),
    _spec(
        "deleteArticle",
        "&Delete Article",
        "Ctrl+Shift+Backspace",
        tip="Delete the selected article with its highlights (undo with Ctrl+Z)",
        needs="feature",
    ),
    # View
    _spec("larger", "A+", "Ctrl+=", "Ctrl++", tip="Larger text (Ctrl++)"),
    _spec("smaller", "A−", "Ctrl+-", tip="Smaller text (Ctrl+-)"),
    _spec("resetZoom", "Default Text Size", "Ctrl+0"),
    _spec(
        "readingSettings",
        "&Reading Settings…",
        "Ctrl+;",
        tip="Typeface, size, line spacing and column width (Ctrl+;)",
    ),
    _spec("font-serif", "Serif", "Ctrl+Alt+S", checkable=True, group="font"),
    _spec("font-sans", "Sans Serif", "Ctrl+Alt+A", checkable=True, group="font"),
    *(
        _spec(f"theme-{n}", THEME_LABELS[n], f"Ctrl+Alt+{i}", checkable=True, group="theme")
        for i, n in enumerate(THEME_NAMES, start=1)
    ),
    _spec("night", "Night Theme", "Ctrl+Shift+D", checkable=True),
    _spec("followSystem", "Follow System Light/Dark", checkable=True),
    # Annotate
    _spec(
        "highlight", "&Highlight", "Ctrl+H", tip="Highlight the selection (Ctrl+H)", needs="feature"
    ),
    *(
        _spec(f"color{i}", name.title(), f"Ctrl+{i}", needs="feature")
        for i, name in enumerate(HIGHLIGHT_NAMES, start=1)
    ),
    _spec("tag", "&Tag…", "Ctrl+T", needs="feature"),
    _spec("note", "&Note…", "Ctrl+Shift+M", needs="feature"),
    _spec(
        "reattach",
        "&Re-attach Highlight to Selection",
        "Ctrl+Shift+R",
        tip="Give the highlight chosen in the panel the passage selected in the article",
        needs="feature",
    ),
    _spec("allHighlights", "All &Highlights…", "Ctrl+Shift+A", needs="feature"),
    _spec("manageTags", "Tags and &Colours…", "Ctrl+Shift+T", needs="feature"),
    # Help
    _spec("shortcuts", "&Keyboard Shortcuts", "F1", tip="Every action and its keys (F1)"),
    _spec("about", "&About Postil", tip="Version, licences, where the library is"),
)

SEPARATOR = "-"
# (menu title, entries): an entry is an action name, SEPARATOR, or (submenu title, entries).
MenuLayout = tuple[str, tuple[object, ...]]
MENUS: tuple[MenuLayout, ...] = (
    (
        "&File",
        (
            "import",
            "importFolder",
            "importHighlights",
            "paste",
            "replaceCapture",
            SEPARATOR,
            "export",
            SEPARATOR,
            "backupNow",
            "restoreBackup",
            SEPARATOR,
            "print",
            "pdf",
            SEPARATOR,
            "quit",
        ),
    ),
    (
        "&Edit",
        (
            "undo",
            "redo",
            SEPARATOR,
            "copyLink",
            SEPARATOR,
            "find",
            "searchLibrary",
            SEPARATOR,
            "markDone",
            "markUnread",
            "deleteArticle",
        ),
    ),
    (
        "&View",
        (
            "larger",
            "smaller",
            "resetZoom",
            "readingSettings",
            SEPARATOR,
            "font-serif",
            "font-sans",
            SEPARATOR,
            *(f"theme-{n}" for n in THEME_NAMES),
            "night",
            "followSystem",
        ),
    ),
    (
        "&Annotate",
        (
            "highlight",
            ("Colour", tuple(f"color{i}" for i in range(1, len(HIGHLIGHT_NAMES) + 1))),
            "tag",
            "note",
            "reattach",
            SEPARATOR,
            "allHighlights",
            "manageTags",
        ),
    ),
    ("&Help", ("shortcuts", SEPARATOR, "about")),
)
THEME_MENU = (*(f"theme-{n}" for n in THEME_NAMES), SEPARATOR, "followSystem")
# The context menu of an article in the library list: commands on that article.
ARTICLE_MENU = ("markDone", "markUnread", SEPARATOR, "replaceCapture", SEPARATOR, "deleteArticle")
TOOLBAR = (
    "import",
    "paste",
    SEPARATOR,
    "smaller",
    "larger",
    "@reading",
    SEPARATOR,
    "@theme",
    SEPARATOR,  # the theme button's drop-down arrow stood against Find
    "find",
    "export",
)


# Toolbar buttons that show an icon (resources/icons/toolbar) and a shorter label than the
# menu's; A−, A+ and Aa are typographic already and stay text.
TOOLBAR_FACES = {
    "import": ("import", "Import"),
    "paste": ("paste", "Paste"),
    "find": ("find", "Find"),
    "export": ("export", "Export Brief"),
}


class ActionTable:
    """The window's QActions, made from ACTIONS. `table["export"]` is the QAction."""

    def __init__(self, window: QWidget) -> None:
        self._window = window
        self._actions: dict[str, QAction] = {}
        self.specs = {spec.name: spec for spec in ACTIONS}
        self.groups: dict[str, QActionGroup] = {}
        for spec in ACTIONS:
            action = QAction(spec.text, window)
            action.setObjectName(spec.name)
            if spec.shortcuts:
                action.setShortcuts([QKeySequence(k) for k in spec.shortcuts])
            if spec.tip:
                action.setToolTip(spec.tip)
                action.setStatusTip(spec.tip)
            action.setCheckable(spec.checkable)
            if spec.group:
                if spec.group not in self.groups:
                    self.groups[spec.group] = QActionGroup(window)
                self.groups[spec.group].addAction(action)
            if spec.needs == "feature":
                action.setEnabled(False)  # until the feature that runs it has loaded
            window.addAction(action)  # window-wide shortcut, whatever has the focus
            self._actions[spec.name] = action

    def __getitem__(self, name: str) -> QAction:
        return self._actions[name]

    def __iter__(self):
        return iter(self._actions.values())

    def bind(self, name: str, slot: Callable[..., object]) -> QAction:
        """Run slot when the action triggers, and enable it: the feature is here."""
        action = self._actions[name]
        action.triggered.connect(slot)
        action.setEnabled(True)
        return action

    def set_article_open(self, is_open: bool) -> None:
        """Actions that need an article follow whether one is on screen."""
        for name, spec in self.specs.items():
            if spec.needs == "article":
                self._actions[name].setEnabled(is_open)

    # -- layout ----------------------------------------------------------------------------

    def build_menus(self, bar: QMenuBar) -> dict[str, QMenu]:
        """The menu bar from MENUS; returns the menus by their plain title ("File", ...)."""
        menus = {}
        for title, entries in MENUS:
            menu = bar.addMenu(title)
            menu.setObjectName(f"menu-{title.replace('&', '')}")
            self._fill(menu, entries)
            menus[title.replace("&", "")] = menu
        return menus

    def fill_menu(self, menu: QMenu, entries: tuple[object, ...]) -> QMenu:
        self._fill(menu, entries)
        return menu

    def _fill(self, menu: QMenu, entries: tuple[object, ...]) -> None:
        for entry in entries:
            if entry == SEPARATOR:
                menu.addSeparator()
            elif isinstance(entry, tuple):
                sub_title, sub_entries = entry
                self._fill(menu.addMenu(sub_title), sub_entries)
            else:
                menu.addAction(self._actions[str(entry)])

    def build_toolbar(self, toolbar: QToolBar, widgets: dict[str, QWidget]) -> None:
        """TOOLBAR's actions; "@name" entries are widgets the window makes (the theme button)."""
        for entry in TOOLBAR:
            if entry == SEPARATOR:
                toolbar.addSeparator()
            elif entry.startswith("@"):
                toolbar.addWidget(widgets[entry[1:]])
            else:
                toolbar.addAction(self._actions[entry])

    def paint_toolbar_icons(self, theme: Theme | None) -> None:
        """Give TOOLBAR_FACES their icons in `theme`'s colours (again on each theme change);
        None: placeholders that keep the buttons' room, for the first frame."""
        from ui.theme.icons import placeholder_icon, themed_icon

        for name, (icon, label) in TOOLBAR_FACES.items():
            action = self._actions[name]
            action.setIcon(themed_icon(icon, theme) if theme else placeholder_icon())
            action.setIconText(label)

    def shortcut_rows(self) -> list[tuple[str, str, str]]:
        """(menu path, action text, shortcuts) for a help window, in menu order."""
        rows = []

        def walk(path: str, entries: tuple[object, ...]) -> None:
            for entry in entries:
                if isinstance(entry, tuple):
                    walk(f"{path} ▸ {entry[0]}", entry[1])
                elif entry != SEPARATOR:
                    action = self._actions[str(entry)]
                    keys = ", ".join(
                        k.toString(QKeySequence.SequenceFormat.NativeText)
                        for k in action.shortcuts()
                    )
                    rows.append((path, action.text().replace("&", ""), keys))

        for title, entries in MENUS:
            walk(title.replace("&", ""), entries)
        return rows
