"""The Qt binding itself must not leak or drop references: PySide6 6.12.0 on Python 3.11
dropped a reference to None on every void method call, which crashes a long session."""

from __future__ import annotations

import sys

from PySide6.QtGui import QFont, QTextBlockFormat, QTextCharFormat


def test_void_calls_keep_none_refcount_stable() -> None:
    before = sys.getrefcount(None)
    for _ in range(20000):
        font = QFont()
        font.setPointSize(12)
        block = QTextBlockFormat()
        block.setTopMargin(1.0)
        char = QTextCharFormat()
        char.setFontItalic(True)
    assert abs(sys.getrefcount(None) - before) < 100
