"""A window that steps aside: off the passage, on the screen, as near as it can stay."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize

from ui.common.placement import clear_of

SCREEN = QRect(0, 0, 1920, 1080)
MINIMUM = QSize(400, 300)


def test_a_window_off_the_passage_stays_put() -> None:
    window = QRect(1300, 100, 500, 500)
    assert clear_of(window, QRect(600, 300, 600, 60), SCREEN, MINIMUM) == window


def test_it_moves_below_when_there_is_room_and_keeps_its_size() -> None:
    window, passage = QRect(600, 200, 720, 600), QRect(650, 300, 600, 60)
    moved = clear_of(window, passage, SCREEN, MINIMUM)
    assert not moved.intersects(passage) and SCREEN.contains(moved)
    assert moved.size() == window.size() and moved.top() > passage.bottom()
    assert moved.left() == window.left()  # it moved only as far as it had to


def test_it_shrinks_into_the_roomiest_side_when_nothing_fits_whole() -> None:
    window = QRect(400, 100, 900, 900)
    passage = QRect(500, 350, 900, 200)  # a passage across the middle of the screen
    moved = clear_of(window, passage, SCREEN, MINIMUM)
    assert not moved.intersects(passage) and SCREEN.contains(moved)
    assert moved.width() >= MINIMUM.width() and moved.height() >= MINIMUM.height()


def test_on_a_tiny_screen_it_still_stays_on_it() -> None:
    screen = QRect(0, 0, 800, 600)
    moved = clear_of(QRect(100, 100, 600, 400), QRect(0, 200, 800, 200), screen, MINIMUM)
    assert screen.contains(moved)


def test_a_passage_as_large_as_the_screen_leaves_the_window_on_it() -> None:
    window = QRect(100, 100, 600, 500)
    moved = clear_of(window, QRect(0, 0, 1920, 1080), SCREEN, MINIMUM)
    assert SCREEN.contains(moved) and moved.width() > 0 and moved.height() > 0
