"""A library row's title on two lines and its details on one: what is drawn fits the row,
breaks where a reader expects, and is measured on the text as Qt lays it out (in UTF-16
units, left to right or right to left)."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QBrush, QColor, QFont, QTextLayout

from ui.library.delegate import (
    ELLIPSIS,
    elided_layout,
    index_of_unit,
    title_lines,
    utf16_length,
)

BRUSH = QBrush(QColor("#202020"))


def shown(layout: QTextLayout, index: int = 0) -> str:
    """The text of line `index` as drawn."""
    line = layout.lineAt(index)
    text = layout.text()
    start = index_of_unit(text, line.textStart())
    end = index_of_unit(text, line.textStart() + line.textLength())
    return text[start:end]


@pytest.fixture()
def bold(qapp) -> QFont:
    font = QFont()
    font.setBold(True)
    return font


def widths(layouts: list[tuple[QTextLayout, int]]) -> list[float]:
    return [layout.lineAt(index).naturalTextWidth() for layout, index in layouts]


def test_a_short_title_is_one_line_and_whole(bold) -> None:
    lines = title_lines("Port traffic recovers", bold, BRUSH, 400)
    assert [shown(layout, index) for layout, index in lines] == ["Port traffic recovers"]


def test_a_long_title_breaks_between_words_and_ends_elided(bold) -> None:
    title = (
        "Container traffic through the port of Latakia rose for a third consecutive month "
        "as shipping lines returned after the winter storms closed the northern routes"
    )
    lines = title_lines(title, bold, BRUSH, 220)
    texts = [shown(layout, index) for layout, index in lines]
    assert len(texts) == 2
    assert title.startswith(texts[0]) and texts[0].endswith(" ")  # broken at a space
    assert texts[1].endswith(ELLIPSIS)
    second = texts[1].removesuffix(ELLIPSIS)
    assert title[len(texts[0]) :].startswith(second) and len(second) > 10
    assert all(width <= 220 for width in widths(lines))


def test_a_title_of_exactly_two_lines_is_drawn_from_one_layout(bold) -> None:
    title = "Customs data show the port busier than before the war"
    whole = title_lines(title, bold, BRUSH, 10_000)[0][0]  # kept: its lines live in it
    lines = title_lines(title, bold, BRUSH, int(whole.lineAt(0).naturalTextWidth() * 0.7))
    assert [index for _layout, index in lines] == [0, 1]
    assert lines[0][0] is lines[1][0]
    assert "".join(shown(layout, index) for layout, index in lines) == title


def test_a_title_without_spaces_wraps_too(bold) -> None:
    """Chinese and Japanese are written without spaces: the title still takes two lines,
    where cutting only at spaces elided it on one."""
    title = "叙利亚拉塔基亚港的集装箱吞吐量连续第三个月上升航运公司在冬季风暴后恢复航线"
    lines = title_lines(title, bold, BRUSH, 110)
    texts = [shown(layout, index) for layout, index in lines]
    assert len(texts) == 2 and len(texts[0]) > 3
    assert title.startswith(texts[0]) and texts[1].endswith(ELLIPSIS)
    assert all(width <= 110 for width in widths(lines))


def test_a_first_word_wider_than_the_row_is_elided_on_one_line(bold) -> None:
    title = "Internationalisation-of-everything-in-one-word and more"
    lines = title_lines(title, bold, BRUSH, 90)
    assert len(lines) == 1
    text = shown(*lines[0])
    assert text.endswith(ELLIPSIS) and title.startswith(text.removesuffix(ELLIPSIS))
    assert widths(lines)[0] <= 90


def test_elision_keeps_the_start_of_a_right_to_left_line(qapp) -> None:
    text = "ميناء اللاذقية يستقبل أول سفينة حاويات منذ بداية العام بعد توقف طويل"
    layout = elided_layout(text, QFont(), BRUSH, 150)
    cut = shown(layout).removesuffix(ELLIPSIS)
    assert shown(layout).endswith(ELLIPSIS)
    assert text.startswith(cut) and len(cut) > 5  # its logical start, not its end
    assert layout.lineAt(0).naturalTextWidth() <= 150


def test_elision_never_splits_an_emoji_or_a_mark_from_its_letter(qapp) -> None:
    font = QFont()
    for text in ("Ports 🚢🚢🚢🚢🚢🚢🚢🚢🚢🚢🚢🚢 reopen", "e\u0301" * 30):
        whole = elided_layout(text, font, BRUSH, 10_000)  # kept: its line lives in it
        for width in range(20, int(whole.lineAt(0).naturalTextWidth()), 9):
            cut = shown(elided_layout(text, font, BRUSH, width)).removesuffix(ELLIPSIS)
            assert text.startswith(cut)
            assert not cut.endswith("\ud83d")  # a lone half of a surrogate pair cannot occur
            if text.startswith("e\u0301"):
                assert len(cut) % 2 == 0


def test_utf16_units_and_indexes_agree() -> None:
    text = "a🚢b"
    assert utf16_length(text) == 4 and utf16_length("abc") == 3
    assert [index_of_unit(text, unit) for unit in range(5)] == [0, 1, 1, 2, 3]
