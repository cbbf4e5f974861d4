"""A real main window over a temporary library and a temporary settings file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from core.article import Block, BlockKind, ImportedArticle, Span
from storage.library import Library
from ui.app.settings import Settings
from ui.shell.main_window import MainWindow
from ui.theme.manager import ThemeManager

LONG = [
    "Container traffic through the port of Latakia rose for a third consecutive month in "
    "February, according to figures published by the port authority.",
    "Shipping agents said the increase reflected a backlog of building materials and "
    "foodstuffs rather than a lasting recovery of trade.",
    "Traders pointed to two obstacles: slow customs clearance and electricity shortages that "
    "limit the hours the terminal's cranes can operate.",
] * 12


def article(
    title: str,
    paragraphs: list[str],
    *,
    url: str | None = None,
    direction: str = "ltr",
    site: str = "Example Gazette",
) -> ImportedArticle:
    blocks = [Block(BlockKind.HEADING, (Span("Customs and power"),), level=2)]
    blocks += [Block(BlockKind.PARAGRAPH, (Span(p),)) for p in paragraphs]
    return ImportedArticle(
        title=title,
        blocks=blocks,
        original=title.encode(),
        source_kind="text",
        url=url,
        direction=direction,
        site=site,
    )


@pytest.fixture
def settings_path(tmp_path: Path) -> Path:
    return tmp_path / "settings.ini"


@pytest.fixture
def make_window(
    qtbot, qapp: QApplication, library_path: Path, settings_path: Path
) -> Callable[..., MainWindow]:
    """Build a window (again, after a 'restart') on the same library and settings."""
    opened: list[Library] = []

    def make(*, show: bool = True, size: tuple[int, int] | None = (1300, 820)) -> MainWindow:
        library = Library.open(library_path)
        opened.append(library)
        settings = Settings(store=QSettings(str(settings_path), QSettings.Format.IniFormat))
        themes = ThemeManager(settings=settings, app=qapp)
        window = MainWindow(library=library, settings=settings, themes=themes)
        if size is not None:  # None: keep the geometry the window restored
            window.resize(*size)
        qtbot.addWidget(window)
        if show:
            window.show()
            qtbot.waitExposed(window)
            window.activateWindow()
            qtbot.waitUntil(window.isActiveWindow)
            window.open_start_article()
        return window

    yield make
    for library in opened:
        library.close()


@pytest.fixture
def seeded(library_path: Path) -> dict[str, int]:
    with Library.open(library_path) as library:
        ids = {
            "port": library.articles.add(
                article("Port traffic recovers", LONG, url="https://gazette.example.org/port")
            ).article_id,
            "bridge": library.articles.add(
                article(
                    "New bridge opens in Homs",
                    [
                        "A new bridge opened in Homs on Monday, linking two halves of the city.",
                        "The bridge carries the port road over the river.",
                    ],
                )
            ).article_id,
        }
    return ids
