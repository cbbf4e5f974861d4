"""Help ▸ Keyboard Shortcuts (F1), read from the action table so it can never disagree with
the menus, and Help ▸ About: the version, the libraries Postil bundles with their licences,
and where the library file is."""

from __future__ import annotations

import platform
from importlib import metadata
from pathlib import Path

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLineEdit,
    QMessageBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.shell.actions import ActionTable

VERSION = "0.1.0"
# What the installers bundle, with the licence each is distributed under.
BUNDLED = (
    ("PySide6-Essentials", "Qt for Python", "LGPL-3.0"),
    ("trafilatura", "web page extraction", "Apache-2.0"),
    ("lxml", "HTML parsing", "BSD-3-Clause"),
    ("sqlite-utils", "SQLite helpers", "Apache-2.0"),
    ("markdown-it-py", "Markdown", "MIT"),
    ("charset-normalizer", "text encodings", "MIT"),
    ("regex", "Unicode text rules", "Apache-2.0"),
    ("platformdirs", "where files go", "MIT"),
)


class ShortcutsDialog(QDialog):
    """Every action of the window, its menu and its keys; the filter box narrows the list."""

    def __init__(self, *, actions: ActionTable, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle("Keyboard Shortcuts")
        self.resize(560, 620)
        self.model = QStandardItemModel(0, 3, self)
        self.model.setHorizontalHeaderLabels(["Action", "Keys", "Menu"])
        for menu, text, keys in actions.shortcut_rows():
            row = [QStandardItem(text), QStandardItem(keys or "—"), QStandardItem(menu)]
            for item in row:
                item.setEditable(False)
            self.model.appendRow(row)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)  # any column: "ctrl+t", "tag", "annotate"
        self.filter = QLineEdit(self)
        self.filter.setObjectName("shortcutsFilter")
        self.filter.setPlaceholderText("Find an action or a key…")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.table = QTableView(self)
        self.table.setObjectName("shortcutsTable")
        self.table.setModel(self.proxy)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.filter.setFocus()


def _installed(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


def about_text(library_path: Path) -> str:
    """The About box's text (rich text): plain data, also used by the tests."""
    rows = "".join(
        f"<tr><td>{name}</td><td>{_installed(name)}</td><td>{what}</td><td>{licence}</td></tr>"
        for name, what, licence in BUNDLED
    )
    return (
        f"<h3>Postil {VERSION}</h3>"
        "<p>Read, highlight and annotate the articles you collect, on your own computer. "
        "Nothing you read is sent anywhere.</p>"
        f"<p><b>Library:</b> {library_path}<br><b>Backups:</b> {library_path}.backups</p>"
        f"<p>Python {platform.python_version()} on {platform.system()} "
        f"{platform.machine()}</p>"
        "<p><b>Bundled libraries</b></p>"
        f"<table cellspacing='0' cellpadding='3'>{rows}</table>"
    )


def show_about(parent: QWidget, library_path: Path) -> None:
    QMessageBox.about(parent, "About Postil", about_text(library_path))
