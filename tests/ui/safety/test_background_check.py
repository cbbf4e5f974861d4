"""Damage inside the file (not in its header) is found by the check that runs beside the
open window, and reported."""

from __future__ import annotations

from pathlib import Path

from storage.integrity import State, check_library
from storage.library import Library
from tests.conftest import make_article
from ui.safety.background_check import BackgroundCheck


def damaged_library(path: Path) -> None:
    with Library.open(path) as library:
        for i in range(300):
            library.articles.add(make_article(f"Article {i}", [f"Body {i} " * 200]))
        library.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(path.read_bytes())
    page = 4096
    last = len(data) // page
    for offset in range(page * (last - 30), page * (last - 10), page):  # article pages
        data[offset + 8 : offset + 200] = b"\xa5" * 192
    path.write_bytes(bytes(data))


def test_background_check_reports_damage_the_quick_open_misses(qtbot, tmp_path: Path) -> None:
    path = tmp_path / "library.postil"
    damaged_library(path)
    assert check_library(path, scan=False).state is State.OK  # header and schema still fine
    assert check_library(path).state is State.DAMAGED
    check = BackgroundCheck(library_path=path)
    with qtbot.waitSignal(check.damaged, timeout=20000) as signal:
        check.start()
    assert signal.args[0] != "ok"
    check.wait(5)


def test_background_check_is_silent_on_a_good_library(qtbot, tmp_path: Path) -> None:
    path = tmp_path / "library.postil"
    with Library.open(path) as library:
        library.articles.add(make_article())
    check = BackgroundCheck(library_path=path)
    with qtbot.assertNotEmitted(check.damaged, wait=300):
        check.start()
        check.wait(5)
